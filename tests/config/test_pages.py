"""The public layout, the menu and the Vietnamese error pages."""

import re
from datetime import datetime, timezone

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import path

from tests.conftest import ROOT

pytestmark = pytest.mark.django_db

MENU = ["Trang chủ", "Tin bài", "Tài liệu", "Cuộc thi", "Báo cáo hợp tác"]


@pytest.mark.parametrize("url", ["/", "/tin-bai/", "/tai-lieu/", "/cuoc-thi/", "/bao-cao-hop-tac/"])
def test_public_pages_show_the_vietnamese_menu(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    for label in MENU:
        assert f">{label}</a>" in html
    assert 'aria-current="page"' in html
    assert "Đăng nhập" in html


def test_home_page_carries_the_key_dates(client):
    html = client.get("/").content.decode()
    for date in ("05/9/1962", "18/7/1977", "24/6/1967"):
        assert date in html


def test_no_asset_from_a_cdn():
    """Every <link>/<script> in our templates points at /static/, never at another host."""
    templates = [p for p in ROOT.glob("**/templates/**/*.html") if ".venv" not in p.parts]
    assert templates
    for template in templates:
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link)[^>]+>", text):
            assert "http://" not in tag and "https://" not in tag and "//" not in tag.replace("://", ""), (template, tag)


def test_404_is_vietnamese(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html and "Về trang chủ" in html


def boom(request):
    raise RuntimeError("lỗi thử nghiệm")


urlpatterns = [path("loi/", boom)]


@override_settings(ROOT_URLCONF="tests.config.test_pages")
def test_500_is_vietnamese(client):
    client.raise_request_exception = False
    # The 500 page links home; give this tiny urlconf the names it needs.
    from config import urls as project_urls

    urlpatterns[1:] = project_urls.urlpatterns
    response = client.get("/loi/")
    assert response.status_code == 500
    assert "Lỗi máy chủ" in response.content.decode()


def test_csrf_failure_is_vietnamese():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/tai-khoan/dang-nhap/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in response.content.decode()


def test_dates_render_as_dd_mm_yyyy_in_vietnam_time():
    # 17:30 UTC on 31/12/2025 is already 01/01/2026 in Hà Nội.
    moment = datetime(2025, 12, 31, 17, 30, tzinfo=timezone.utc)
    rendered = Template("{{ moment|date:'SHORT_DATE_FORMAT' }}|{{ moment|date }}|{{ moment }}").render(Context({"moment": moment}))
    assert rendered == "01/01/2026|01/01/2026|00:30 01/01/2026"


def test_date_input_accepts_dd_mm_yyyy():
    from django import forms

    class F(forms.Form):
        day = forms.DateField()

    form = F({"day": "24/06/1967"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"].isoformat() == "1967-06-24"
    bad = F({"day": "31/02/2022"})
    assert not bad.is_valid()
    assert bad.errors["day"] == ["Nhập một ngày hợp lệ."]


def test_pagination_keeps_the_filters_and_speaks_vietnamese(rf):
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/lam-viec/nhac-han/", {"status": "failed", "trang": "2"})
    request.user = AnonymousUser()
    page = Paginator(range(100), 30).get_page(request.GET["trang"])
    html = render_to_string("includes/pagination.html", {"page": page}, request=request)
    assert "Trang 2/4" in html
    assert 'href="?status=failed&amp;trang=1">Trang trước</a>' in html
    assert 'href="?status=failed&amp;trang=3">Trang sau</a>' in html
    single = render_to_string("includes/pagination.html", {"page": Paginator(range(5), 30).get_page(1)}, request=request)
    assert single.strip() == ""
