"""Revisions of articles: one per save by every route, the list, the diff, restore, permissions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaign.models import Theme
from content import revisions, services
from content.models import Article
from tests.admin_forms import admin_form_data
from tests.factories import UnitFactory, make_officer, make_staff

from .factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return UnitFactory(name="Trung tâm Văn hóa Thông tin Thể thao thành phố Đà Lạt")


@pytest.fixture
def staff():
    return make_staff()


def form_data(section, **changes):
    data = {"title": "Đà Lạt chiếu phim tư liệu", "summary": "Tóm tắt.", "body": "<p>Tối 05/9, trung tâm chiếu phim.</p>",
            "section": section.pk}
    data.update(changes)
    return data


def history(article):
    return list(Article.history.filter(id=article.pk).order_by("history_id"))


def test_a_staff_page_save_is_one_revision_with_its_writer(client, staff):
    section = make_section()
    client.force_login(staff)
    client.post("/lam-viec/tin-bai/moi/", form_data(section))
    article = Article.objects.get()
    client.post(f"/lam-viec/tin-bai/{article.pk}/sua/", form_data(section, title="Đà Lạt chiếu phim tư liệu mới"))
    rows = history(article)
    assert len(rows) == 2 and [row.history_user for row in rows] == [staff, staff]
    assert rows[0].history_type == "+" and rows[1].title == "Đà Lạt chiếu phim tư liệu mới"


def test_the_workflow_moves_and_the_admin_record_revisions(client, staff, unit):
    officer = make_officer(unit)
    article = make_article(status=Article.Status.DRAFT, unit=unit, created_by=officer)
    before = len(history(article))
    services.article_submit(article=article, by=officer)
    services.article_approve(article=article, by=staff)
    services.article_withdraw(article=article, by=staff)
    rows = history(article)[before:]
    assert [(row.status, row.history_user) for row in rows] == [
        ("pending", officer), ("published", staff), ("withdrawn", staff)]

    admin_user = make_staff(username="carol", is_staff=True)
    client.force_login(admin_user)
    url = reverse("admin:content_article_change", args=[article.pk])
    response = client.post(url, admin_form_data(client.get(url), title="Sửa trong trang quản trị"))
    assert response.status_code == 302, response.content.decode()[:2000]
    last = history(article)[-1]
    assert last.title == "Sửa trong trang quản trị" and last.history_user == admin_user
    assert len(history(article)) == before + 4


def test_the_list_says_who_and_what_changed_in_bounded_queries(client, staff):
    article = make_article(title="Bài đầu")
    client.force_login(staff)
    for n in range(3):
        services.article_save(article=Article.objects.get(pk=article.pk), by=staff)
    page = client.get(f"/lam-viec/tin-bai/{article.pk}/phien-ban/")
    assert page.status_code == 200 and "Các phiên bản của tin bài" in page.content.decode()

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/lam-viec/tin-bai/{article.pk}/phien-ban/").status_code == 200
        return len(queries)

    few = count()
    for n in range(15):
        fresh = Article.objects.get(pk=article.pk)
        fresh.title = f"Bài sửa lần {n}"
        services.article_save(article=fresh, by=staff)
    assert count() == few
    html = client.get(f"/lam-viec/tin-bai/{article.pk}/phien-ban/").content.decode()
    assert "Tiêu đề" in html and "Sửa" in html


def test_the_diff_marks_words_and_escapes_them(client, staff):
    article = make_article(body="<p>Tối 05/9, trung tâm chiếu phim.</p>")
    first = history(article)[-1]
    article.body = "<p>Tối 06/9, trung tâm chiếu &lt;script&gt;alert(1)&lt;/script&gt; phim.</p>"
    article.title = "Tiêu đề mới"
    second = services.article_save(article=article, by=staff) and history(article)[-1]
    client.force_login(staff)
    html = client.get(f"/lam-viec/tin-bai/{article.pk}/phien-ban/so-sanh/?cu={first.history_id}&moi={second.history_id}").content.decode()
    assert "<del>05/9,</del>" in html and "<ins>06/9,</ins>" in html
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "Tiêu đề mới" in html and "Nội dung" in html
    # The order of the two does not matter; an unknown id is a 404.
    again = client.get(f"/lam-viec/tin-bai/{article.pk}/phien-ban/so-sanh/?cu={second.history_id}&moi={first.history_id}")
    assert "<ins>06/9,</ins>" in again.content.decode()
    assert client.get(f"/lam-viec/tin-bai/{article.pk}/phien-ban/so-sanh/?cu={first.history_id}&moi=x").status_code == 404


def test_word_diff_of_equal_texts_has_no_marks():
    assert "<ins>" not in revisions.word_diff("<p>a b</p>", "<p>a b</p>")


def test_restore_brings_back_the_text_as_a_new_revision_and_keeps_published(client, staff):
    article = make_article(title="Bản gốc", body="<p>Văn bản gốc.</p>")
    original = history(article)[-1]
    article.title, article.body = "Bản sửa", "<p>Văn bản sửa.</p>"
    services.article_save(article=article, by=staff)
    slug = Article.objects.get(pk=article.pk).slug
    client.force_login(staff)
    response = client.post(f"/lam-viec/tin-bai/{article.pk}/phien-ban/{original.history_id}/khoi-phuc/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Bản gốc" and "Văn bản gốc" in article.body
    assert article.status == Article.Status.PUBLISHED and article.slug == slug
    last = history(article)[-1]
    assert last.history_user == staff and "Khôi phục" in last.history_change_reason
    # A GET does not restore.
    assert client.get(f"/lam-viec/tin-bai/{article.pk}/phien-ban/{original.history_id}/khoi-phuc/").status_code == 405


def test_a_published_article_restored_without_approval_goes_back_to_pending(staff, unit):
    officer = make_officer(unit)
    article = make_article(title="Bản gốc", unit=unit, created_by=officer)
    original = history(article)[-1]
    revisions.restore_revision(article=article, revision=original, by=officer, approver=False)
    assert Article.objects.get(pk=article.pk).status == Article.Status.PENDING


def test_an_officer_sees_the_revisions_of_their_units_drafts_only(client, unit):
    other_unit = UnitFactory(name="Phòng Văn hóa huyện Lạc Dương")
    own = make_article(title="Tin của đơn vị", status=Article.Status.DRAFT, unit=unit)
    other = make_article(title="Tin đơn vị khác", status=Article.Status.DRAFT, unit=other_unit)
    published = make_article(title="Tin đã đăng", unit=unit)
    other_revision = history(other)[-1]
    client.force_login(make_officer(unit))
    assert client.get(f"/lam-viec/tin-bai/{own.pk}/phien-ban/").status_code == 200
    assert client.get(f"/lam-viec/tin-bai/{other.pk}/phien-ban/").status_code == 404
    assert client.get(f"/lam-viec/tin-bai/{published.pk}/phien-ban/").status_code == 404
    assert client.post(f"/lam-viec/tin-bai/{other.pk}/phien-ban/{other_revision.history_id}/khoi-phuc/").status_code == 404
    # Another article's revision through one's own article: not found either.
    assert client.post(f"/lam-viec/tin-bai/{own.pk}/phien-ban/{other_revision.history_id}/khoi-phuc/").status_code == 404
    assert Article.objects.get(pk=other.pk).title == "Tin đơn vị khác"


def test_a_visitor_and_a_plain_user_see_no_revisions(client):
    from tests.factories import UserFactory

    article = make_article()
    assert client.get(f"/lam-viec/tin-bai/{article.pk}/phien-ban/").status_code == 302
    client.force_login(UserFactory(username="khach"))
    assert client.get(f"/lam-viec/tin-bai/{article.pk}/phien-ban/").status_code == 403


def test_themes_are_in_the_revisions_the_diff_and_the_restore(client, staff):
    from datetime import date

    from campaign.models import Plan

    plan = Plan.objects.create(code="nam-huu-nghi", title="Tuyên truyền Năm Hữu nghị", issuing_body="THÀNH ỦY ĐÀ LẠT",
                               starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31))
    history_theme = Theme.objects.create(plan=plan, code="1", title="Lịch sử quan hệ hữu nghị", order=1)
    culture_theme = Theme.objects.create(plan=plan, code="2", title="Giao lưu văn hóa", order=2)
    section = make_section()
    client.force_login(staff)
    client.post("/lam-viec/tin-bai/moi/", form_data(section, themes=[history_theme.pk]))
    article = Article.objects.get()
    client.post(f"/lam-viec/tin-bai/{article.pk}/sua/", form_data(section, themes=[culture_theme.pk]))
    first, second = history(article)
    assert len(history(article)) == 2
    page = client.get(f"/lam-viec/tin-bai/{article.pk}/phien-ban/").content.decode()
    assert "Nội dung tuyên truyền" in page
    diff = client.get(f"/lam-viec/tin-bai/{article.pk}/phien-ban/so-sanh/?cu={first.history_id}&moi={second.history_id}")
    assert "<del>Lịch sử quan hệ hữu nghị</del>" in diff.content.decode() and "<ins>Giao lưu văn hóa</ins>" in diff.content.decode()
    client.post(f"/lam-viec/tin-bai/{article.pk}/phien-ban/{first.history_id}/khoi-phuc/")
    assert list(article.themes.all()) == [history_theme] and len(history(article)) == 3


def test_a_body_whose_words_did_not_change_says_only_its_layout_changed():
    from types import SimpleNamespace

    from content.revisions import compare

    old = SimpleNamespace(history_id=1, section_id=None, unit_id=None, body="<p>Đoàn viên giao lưu</p>")
    new = SimpleNamespace(history_id=2, section_id=None, unit_id=None, body="<p>Đoàn viên <strong>giao lưu</strong></p>")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("content.revisions.COMPARED", ["body"])
        patch.setattr("content.revisions._themes_of", lambda revisions: {1: set(), 2: set()})
        rows = compare(old, new)
    assert len(rows) == 1
    assert "Chỉ đổi cách trình bày" in rows[0]["diff"]


@pytest.mark.parametrize("value", ["²", "1²", "٣", "-1", "abc", "9" * 30])
def test_a_comparison_of_revisions_that_are_not_numbers_is_not_found(client, staff, value):
    # Found by the bad-input corpus: "²".isdigit() is True and int("²") raised, a 500.
    article = make_article(title="Tin để so sánh")
    client.force_login(staff)
    response = client.get(f"/lam-viec/tin-bai/{article.pk}/phien-ban/so-sanh/", {"cu": value, "moi": value})
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
