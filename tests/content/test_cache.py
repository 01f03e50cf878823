"""The public pages' cache (content.cache): hits, what clears it, who never gets it, and the CSP."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaign.models import KeyDate, Plan
from content import cache as page_cache, services
from content.models import Article, Page
from tests.admin_forms import admin_form_data
from tests.factories import make_staff

from .factories import make_article, make_section

pytestmark = pytest.mark.django_db

PUBLIC = ["/", "/tin-bai/", "section", "article", "/ngay-ky-niem/", "/tai-lieu/", "/tin-bai/rss/", "/tin-bai/atom/",
          "/sitemap.xml", "/gioi-thieu/"]


@pytest.fixture
def article():
    Page.objects.create(slug="gioi-thieu", title="Giới thiệu", body="<p>Cổng thông tin.</p>")
    return make_article(make_section(), "Kỷ niệm 60 năm quan hệ ngoại giao", featured=True)


def address(name, article):
    return {"section": article.section.get_absolute_url(), "article": article.get_absolute_url()}.get(name, name)


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured), response


@pytest.mark.parametrize("name", PUBLIC)
def test_a_second_visit_is_answered_from_the_cache(client, article, name):
    path = address(name, article)
    first, response = queries(client, path)
    second, again = queries(client, path)
    assert first > 0 and second == 0, (first, second)
    assert again.content == response.content and again["Content-Type"] == response["Content-Type"]
    assert "public" in again["Cache-Control"] and "max-age=60" in again["Cache-Control"]
    assert "Cookie" in again["Vary"]
    assert not again.cookies


def test_the_query_string_is_part_of_the_key(client, article):
    client.get("/tin-bai/")
    count, _ = queries(client, "/tin-bai/?trang=2")
    assert count > 0


def home_has(title):
    return title in Client().get("/").content.decode()


def test_publish_edit_and_unpublish_clear_the_pages(client, article):
    staff = make_staff()
    assert home_has(article.title)
    waiting = services.article_save(article=Article(title="Đoàn công tác thăm Attapeu", body="<p>x</p>",
                                                    section=article.section), by=staff)
    assert not home_has(waiting.title)
    services.article_approve(article=waiting, by=staff)
    assert home_has("Đoàn công tác thăm Attapeu")

    waiting.title = "Đoàn công tác thăm tỉnh Attapeu và Champasak"
    services.article_save(article=waiting, by=staff)
    assert home_has("Đoàn công tác thăm tỉnh Attapeu và Champasak")

    services.article_withdraw(article=waiting, by=staff)
    assert not home_has("Attapeu")


def test_a_draft_edit_does_not_clear_the_pages(client, article):
    draft = make_article(article.section, "Bản nháp", status=Article.Status.DRAFT)
    client.get("/")
    before = page_cache.generation()
    draft.body = "<p>Sửa nháp.</p>"
    draft.save()
    assert page_cache.generation() == before


def test_an_admin_edit_clears_the_pages(client, article):
    assert home_has(article.title)
    admin = Client()
    admin.force_login(make_staff(username="carol", is_staff=True))
    url = reverse("admin:content_article_change", args=[article.pk])
    data = admin_form_data(admin.get(url), title="Tiêu đề sửa trong trang quản trị")
    response = admin.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert home_has("Tiêu đề sửa trong trang quản trị")


def test_a_key_date_change_clears_the_key_dates_page(client, article):
    assert client.get("/ngay-ky-niem/").status_code == 200
    plan = Plan.objects.create(code="kh", title="Kế hoạch", issuing_body="THÀNH ỦY", starts_on=date(2022, 1, 1),
                               ends_on=date(2022, 12, 31))
    KeyDate.objects.create(plan=plan, kind=KeyDate.Kind.EVENT, date=date(1962, 9, 5), title="Thiết lập quan hệ ngoại giao")
    assert "Thiết lập quan hệ ngoại giao" in client.get("/ngay-ky-niem/").content.decode()


def test_a_signed_in_visitor_neither_gets_nor_leaves_a_cached_page(client, article):
    anonymous = client.get("/").content.decode()
    assert "Đăng nhập" in anonymous
    officer = Client()
    officer.force_login(make_staff(username="dung"))
    count, response = queries(officer, "/")
    page = response.content.decode()
    assert count > 0 and "Khu làm việc" in page and "Đăng nhập" not in page
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    # Their visit left nothing: the next anonymous visitor still gets the anonymous page, from the cache.
    count, response = queries(Client(), "/")
    assert count == 0 and "Khu làm việc" not in response.content.decode()


def test_a_signed_in_visitor_on_an_empty_cache_does_not_fill_it(article):
    officer = Client()
    officer.force_login(make_staff(username="dung"))
    officer.get(article.get_absolute_url())
    count, response = queries(Client(), article.get_absolute_url())
    assert count > 0 and "Khu làm việc" not in response.content.decode()


def test_a_scheduled_article_shows_right_after_its_time(client, article, monkeypatch):
    from django.core.cache import cache

    make_article(article.section, "Bài hẹn giờ xuất bản", ago=timedelta(seconds=-30))
    kept = []
    real_set = cache.set
    monkeypatch.setattr(cache, "set", lambda key, value, timeout=None: (kept.append((key, timeout)), real_set(key, value, timeout)))
    assert "Bài hẹn giờ xuất bản" not in client.get("/").content.decode()
    # The home page is kept no longer than until the scheduled time ...
    timeouts = [timeout for key, timeout in kept if key.startswith("content:page:")]
    assert timeouts and all(0 < timeout <= 30 for timeout in timeouts), timeouts
    # ... so once the cache has let it go (its own clock), the article is there.
    later = timezone.now() + timedelta(seconds=31)
    monkeypatch.setattr(timezone, "now", lambda: later)
    for key, _ in kept:
        if key.startswith("content:page:"):
            cache.delete(key)
    assert "Bài hẹn giờ xuất bản" in client.get("/").content.decode()


def test_the_timeout_is_the_default_without_a_scheduled_article(article):
    assert 0 < page_cache.timeout(page_cache.generation()) <= 300


def test_a_page_that_used_the_csp_nonce_is_not_kept(rf, article):
    calls = []

    def view(request):
        calls.append(1)
        from django.http import HttpResponse

        return HttpResponse(f'<script nonce="{request.csp_nonce}" src="/static/x.js"></script>')

    cached = page_cache.public_page(view)
    from django.contrib.auth.models import AnonymousUser
    from csp.middleware import CSPMiddleware

    for _ in range(2):
        request = rf.get("/thu-nonce/")
        request.user = AnonymousUser()
        CSPMiddleware(lambda r: None).process_request(request)
        cached(request)
    assert len(calls) == 2


def test_cached_pages_carry_no_nonce_and_a_fresh_policy(client, article):
    first = client.get("/")
    second = client.get("/")
    assert "nonce" not in second.content.decode()
    policy = second["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert first.content == second.content


def test_a_page_setting_a_cookie_is_not_kept(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    calls = []

    def view(request):
        calls.append(1)
        response = HttpResponse("x")
        response.set_cookie("a", "b")
        return response

    cached = page_cache.public_page(view)
    for _ in range(2):
        request = rf.get("/thu-cookie/")
        request.user = AnonymousUser()
        cached(request)
    assert len(calls) == 2
