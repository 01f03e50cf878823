"""Staff write content in the admin: Vietnamese labels, clean HTML, checked photos."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from content.models import Article, Page
from tests.admin_forms import admin_form_data
from tests.campaign.test_richtext_fields import HOSTILE, assert_clean

from .factories import jpeg_bytes, make_article, make_section

pytestmark = pytest.mark.django_db


def test_the_admin_lists_speak_vietnamese(admin_staff):
    make_article()
    for name in ("article", "section", "material", "page"):
        response = admin_staff.get(reverse(f"admin:content_{name}_changelist"))
        assert response.status_code == 200, name
    html = admin_staff.get(reverse("admin:content_article_add")).content.decode()
    assert "Tiêu đề" in html and "Ảnh đại diện" in html and "Chuyên mục" in html and "django_ckeditor_5" in html


def test_an_article_written_in_the_admin_is_stored_clean_with_a_checked_cover(admin_staff):
    section = make_section()
    add = admin_staff.get(reverse("admin:content_article_add"))
    data = admin_form_data(add, title="Đoàn đại biểu Attapeu thăm Gia Lai", body=HOSTILE, section=str(section.pk),
                           status="published", cover_alt="Đoàn đại biểu", **{"old_slugs-TOTAL_FORMS": "0"})
    data["cover"] = SimpleUploadedFile("anh.jpg", jpeg_bytes(1200, 800, exif=True), content_type="image/jpeg")
    response = admin_staff.post(reverse("admin:content_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert_clean(article.body)
    assert article.slug == "doan-dai-bieu-attapeu-tham-gia-lai"
    assert article.approved_by.username == "carol" and article.is_public
    with article.cover.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif() and image.size == (1200, 800)
    assert article.cover_sizes == [480, 960]


def test_a_cover_that_is_not_an_image_is_refused(admin_staff):
    section = make_section()
    add = admin_staff.get(reverse("admin:content_article_add"))
    data = admin_form_data(add, title="Bài", body="<p>x</p>", section=str(section.pk), cover_alt="x",
                           **{"old_slugs-TOTAL_FORMS": "0"})
    data["cover"] = SimpleUploadedFile("anh.jpg", b"<svg onload='alert(1)'/>", content_type="image/jpeg")
    response = admin_staff.post(reverse("admin:content_article_add"), data)
    assert response.status_code == 200 and not Article.objects.exists()


def test_a_page_through_the_admin_is_clean_and_names_its_editor(admin_staff):
    page = Page.objects.create(slug=Page.Slug.ABOUT, title="Giới thiệu", body="<p>Cũ</p>")
    url = reverse("admin:content_page_change", args=[page.pk])
    response = admin_staff.post(url, admin_form_data(admin_staff.get(url), body=HOSTILE))
    assert response.status_code == 302
    page.refresh_from_db()
    assert_clean(page.body) and page.updated_by.username == "carol"
