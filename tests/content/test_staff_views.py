"""The editorial pages, as an officer, as staff, and as a visitor."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from content.models import Article
from tests.factories import UnitFactory, make_officer, make_staff

from .factories import jpeg_bytes, make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return UnitFactory(name="Trung tâm Văn hóa Thông tin Thể thao thành phố Đà Lạt")


@pytest.fixture
def officer(client, unit):
    client.force_login(make_officer(unit))
    return client


def test_a_visitor_is_sent_to_login_and_a_plain_user_refused(client):
    response = client.get("/lam-viec/tin-bai/")
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="khach"))
    assert client.get("/lam-viec/tin-bai/").status_code == 403


def test_an_officer_submits_news_that_staff_publish(officer, client, unit):
    section = make_section()
    response = officer.post("/lam-viec/tin-bai/moi/", {
        "title": "Đà Lạt chiếu phim tư liệu về Chủ tịch Cay-xỏn Phôm-vi-hản", "body": "<p>Tối 05/9, trung tâm chiếu phim.</p>",
        "section": section.pk, "unit": unit.pk,
    })
    article = Article.objects.get()
    assert response.status_code == 302 and article.status == Article.Status.DRAFT and article.unit == unit
    assert officer.get(article.get_absolute_url()).status_code == 404
    officer.post(f"/lam-viec/tin-bai/{article.pk}/submit/")
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING
    # The officer has no approve button and cannot approve by posting either.
    assert "Duyệt và xuất bản" not in officer.get(f"/lam-viec/tin-bai/{article.pk}/").content.decode()
    officer.post(f"/lam-viec/tin-bai/{article.pk}/approve/")
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING

    client.force_login(make_staff())
    page = client.get(f"/lam-viec/tin-bai/{article.pk}/").content.decode()
    assert "Duyệt và xuất bản" in page and "Trả lại người viết" in page
    client.post(f"/lam-viec/tin-bai/{article.pk}/approve/", {"publish_at": ""})
    article.refresh_from_db()
    assert article.is_public and "Đà Lạt chiếu phim" in client.get("/").content.decode()
    client.post(f"/lam-viec/tin-bai/{article.pk}/withdraw/")
    assert client.get(article.get_absolute_url()).status_code == 404


def test_an_officer_chooses_only_their_units(officer, unit):
    other = UnitFactory(name="Đơn vị khác")
    response = officer.post("/lam-viec/tin-bai/moi/", {"title": "Tin", "body": "<p>x</p>", "section": make_section().pk, "unit": other.pk})
    assert response.status_code == 200 and not Article.objects.exists()


def test_an_officer_of_one_unit_finds_it_chosen_an_officer_of_two_chooses(officer, unit):
    form = officer.get("/lam-viec/tin-bai/moi/").context["form"]
    assert form["unit"].value() == unit.pk
    user = form.fields["unit"].queryset.get().members.get()
    user.units.add(UnitFactory(name="Đơn vị thứ hai"))
    assert officer.get("/lam-viec/tin-bai/moi/").context["form"]["unit"].value() is None


def test_an_officer_does_not_see_another_units_article(officer):
    article = make_article(status=Article.Status.DRAFT, unit=UnitFactory())
    assert officer.get(f"/lam-viec/tin-bai/{article.pk}/").status_code == 404
    assert officer.post(f"/lam-viec/tin-bai/{article.pk}/submit/").status_code == 404


def test_staff_schedule_an_article(client):
    client.force_login(make_staff())
    article = make_article(status=Article.Status.PENDING, published_at=None)
    client.post(f"/lam-viec/tin-bai/{article.pk}/approve/", {"publish_at": "01/01/2099 08:00"})
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and not article.is_public
    assert client.get(article.get_absolute_url()).status_code == 404


def test_an_image_uploaded_in_the_editor_is_checked_and_re_encoded(officer):
    response = officer.post("/lam-viec/tin-bai/anh/", {"upload": SimpleUploadedFile("anh.jpg", jpeg_bytes(2400, 1200, exif=True))})
    url = response.json()["url"]
    assert response.status_code == 200 and url.startswith("/media/tin-bai/anh/") and url.endswith(".jpg")
    from django.core.files.storage import default_storage

    with default_storage.open(url.removeprefix("/media/")) as stored, Image.open(stored) as image:
        assert image.size == (2000, 1000) and not image.getexif()
    bad = officer.post("/lam-viec/tin-bai/anh/", {"upload": SimpleUploadedFile("anh.jpg", b"<svg onload='x'/>")})
    assert bad.status_code == 400 and "không phải là ảnh hợp lệ" in bad.json()["error"]["message"]


def test_the_editor_librarys_own_upload_address_is_gone(client, tmp_path):
    """django-ckeditor-5's upload view stored an is_staff user's file as sent (its name, its EXIF);
    the editor uploads through /lam-viec/tin-bai/anh/ only (issue 15, permission sweep)."""
    client.force_login(make_staff(username="quantri", is_staff=True, is_superuser=True))
    upload = SimpleUploadedFile("may-anh.jpg", jpeg_bytes(40, 30, exif=True))
    assert client.post("/ckeditor5/image_upload/", {"upload": upload}).status_code == 404
    assert not any(tmp_path.rglob("may-anh*"))
    assert reverse("content:editor_image_upload") == "/lam-viec/tin-bai/anh/"


def test_the_editor_upload_refuses_a_visitor(client):
    assert client.post("/lam-viec/tin-bai/anh/", {"upload": SimpleUploadedFile("a.jpg", b"x")}).status_code == 403


def test_the_workspace_menu_links_the_articles(officer):
    assert f'href="{reverse("content:staff_articles")}"' in officer.get("/lam-viec/").content.decode()

