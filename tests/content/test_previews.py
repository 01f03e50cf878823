"""A PDF material's first page as its preview: made on save, refused at the form when broken."""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from content import previews
from content.models import Material
from tests.admin_forms import admin_form_data

from .factories import jpeg_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


def stored_image(field_file):
    with field_file.open("rb") as stored:
        image = Image.open(BytesIO(stored.read()))
        image.load()
    return image


def test_a_pdf_material_gets_its_first_page_as_a_jpeg_preview():
    material = Material.objects.create(title="Kế hoạch 2022", file=SimpleUploadedFile("ke-hoach.pdf", pdf_bytes(3)))
    assert material.page_count == 3 and material.preview.name.startswith("tai-lieu/xem-truoc/")
    image = stored_image(material.preview)
    assert image.format == "JPEG" and image.width == previews.PREVIEW_WIDTH
    assert abs(image.height - round(842 * previews.PREVIEW_WIDTH / 595)) <= 1
    assert material.preview_url == material.preview.url
    # A later save keeps the preview; it is not rendered again.
    name = material.preview.name
    material.title = "Kế hoạch số 115"
    material.save()
    assert Material.objects.get(pk=material.pk).preview.name == name


def test_a_preview_given_by_staff_is_kept_and_a_small_or_tall_page_is_bounded():
    given = Material.objects.create(title="Có ảnh", file=SimpleUploadedFile("a.pdf", pdf_bytes()),
                                    preview=ContentFile(jpeg_bytes(50, 70), name="bia.jpg"))
    assert stored_image(given.preview).size == (50, 70)
    small = Material.objects.create(title="Trang nhỏ", file=SimpleUploadedFile("b.pdf", pdf_bytes(size=(100, 100))))
    assert stored_image(small.preview).size == (400, 400)  # at most 4 times the page
    tall = Material.objects.create(title="Băng rôn", file=SimpleUploadedFile("c.pdf", pdf_bytes(size=(200, 5000))))
    assert stored_image(tall.preview).size == (800, previews.MAX_HEIGHT)


def test_other_files_get_no_rendered_preview():
    markdown = Material.objects.create(title="Bản chép", file=SimpleUploadedFile("ban-chep.md", "# Kế hoạch".encode()))
    assert not markdown.preview and markdown.preview_url == ""
    assert not Material.objects.create(title="Sách").preview


def test_a_stored_broken_pdf_is_saved_without_a_preview(caplog):
    material = Material(title="Hỏng", slug="hong")
    material.file.save("hong.pdf", ContentFile(b"%PDF-1.4 broken"), save=False)
    material.save()
    assert not material.preview and "Không tạo được ảnh xem trước" in caplog.text


def test_the_admin_refuses_a_broken_pdf_in_vietnamese_and_stores_nothing(admin_staff, settings, tmp_path):
    add = reverse("admin:content_material_add")
    data = admin_form_data(admin_staff.get(add), title="Tài liệu hỏng", kind="document")
    data["file"] = SimpleUploadedFile("tai-lieu.pdf", b"%PDF-1.7\n1 0 obj << >> endobj trailer", content_type="application/pdf")
    response = admin_staff.post(add, data)
    assert response.status_code == 200 and not Material.objects.exists()
    assert "bị hỏng, có mật khẩu hoặc không có trang nào" in response.content.decode()
    assert not any(path.is_file() for path in tmp_path.rglob("*"))

    data = admin_form_data(admin_staff.get(add), title="Tài liệu tốt", kind="document")
    data["file"] = SimpleUploadedFile("tai-lieu.pdf", pdf_bytes(2), content_type="application/pdf")
    response = admin_staff.post(add, data)
    assert response.status_code == 302
    assert Material.objects.get().preview


def test_seed_demo_fills_a_missing_preview_once():
    from content.demo import seed_materials

    material = Material(title="Cũ", slug="cu")
    material.file.save("cu.pdf", ContentFile(pdf_bytes()), save=False)
    Material.objects.bulk_create([material])  # as a row made before previews: no save()
    assert not Material.objects.get(slug="cu").preview
    seed_materials({})
    first = Material.objects.get(slug="cu").preview.name
    assert first
    seed_materials({})
    assert Material.objects.get(slug="cu").preview.name == first
