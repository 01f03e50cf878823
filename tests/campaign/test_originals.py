"""The "Văn bản gốc" of a plan: read as a page, downloaded with its type and a Vietnamese name (issue 10, point 10)."""

from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile

from campaign.originals import download_name, render_markdown
from tests.campaign.world import make_plan
from tests.factories import UnitFactory, make_officer, make_staff

pytestmark = pytest.mark.django_db

SOURCE = """| ỦY BAN NHÂN DÂN<br>**TỈNH GIA LAI** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |
|:---:|:---:|
| Số: 04/BC-UBND | *Gia Lai, ngày 12 tháng 01 năm 2026* |

# BÁO CÁO

**I- MỤC ĐÍCH, YÊU CẦU**

- Tuyên truyền <sup>1</sup> sâu rộng.

<!-- ghi chú của người biên tập -->
<script>alert(1)</script>
[liên kết](javascript:alert(1))
"""


@pytest.fixture
def plan(media_root):
    plan = make_plan(title="Kế hoạch tuyên truyền: Năm Hữu nghị 2022/2023")
    plan.original_file.save("ke-hoach.md", ContentFile(SOURCE.encode()), save=True)
    return plan


@pytest.fixture
def staff(client):
    client.force_login(make_staff())
    return client


def test_the_original_page_shows_the_source_rendered_not_raw_markdown(staff, plan):
    html = staff.get(f"/lam-viec/ke-hoach/{plan.pk}/van-ban-goc/").content.decode()
    assert "<strong>TỈNH GIA LAI</strong>" in html and "<table>" in html
    assert "<strong>I- MỤC ĐÍCH, YÊU CẦU</strong>" in html and "<h1>BÁO CÁO</h1>" in html
    assert "<li>Tuyên truyền <sup>1</sup> sâu rộng.</li>" in html
    assert "**" not in html
    article = html[html.index('<article class="doc-body source-document">'):html.index("</article>")]
    assert "<script" not in article and "javascript:alert(1)\"" not in article and 'href="javascript' not in article
    assert "ghi chú của người biên tập" not in article
    assert f'href="/lam-viec/ke-hoach/{plan.pk}/van-ban-goc/tai-ve/"' in html
    assert "Tải tệp gốc (Markdown)" in html


def test_the_plan_page_links_to_the_original_page_not_to_the_media_file(staff, plan):
    html = staff.get(f"/lam-viec/ke-hoach/{plan.pk}/").content.decode()
    assert f'href="/lam-viec/ke-hoach/{plan.pk}/van-ban-goc/"' in html
    assert "/media/" not in html


def test_the_download_has_the_markdown_type_and_a_vietnamese_file_name(staff, plan):
    response = staff.get(f"/lam-viec/ke-hoach/{plan.pk}/van-ban-goc/tai-ve/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    name = "Văn bản gốc - Kế hoạch tuyên truyền Năm Hữu nghị 2022 2023.md"
    assert download_name(plan) == name
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert quote(name) in response["Content-Disposition"]
    assert b"".join(response.streaming_content).decode() == SOURCE


def test_a_pdf_original_is_offered_for_download_only(staff, media_root):
    plan = make_plan(code="ke-hoach-pdf", title="Kế hoạch")
    plan.original_file.save("ke-hoach.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    html = staff.get(f"/lam-viec/ke-hoach/{plan.pk}/van-ban-goc/").content.decode()
    assert "Tệp PDF không hiển thị được trên trang; tải tệp về để đọc." in html
    response = staff.get(f"/lam-viec/ke-hoach/{plan.pk}/van-ban-goc/tai-ve/")
    assert response["Content-Type"] == "application/pdf"
    assert quote("Văn bản gốc - Kế hoạch.pdf") in response["Content-Disposition"]


def test_a_plan_without_original_is_a_vietnamese_404(staff, media_root):
    plan = make_plan(code="khong-co-goc")
    for url in (f"/lam-viec/ke-hoach/{plan.pk}/van-ban-goc/", f"/lam-viec/ke-hoach/{plan.pk}/van-ban-goc/tai-ve/"):
        response = staff.get(url)
        assert response.status_code == 404
        assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.parametrize("suffix", ["", "tai-ve/"])
def test_only_staff_read_the_original(client, plan, suffix):
    url = f"/lam-viec/ke-hoach/{plan.pk}/van-ban-goc/{suffix}"
    response = client.get(url)
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"] or response.status_code == 403
    client.force_login(make_officer(UnitFactory()))
    assert client.get(url).status_code == 403


def test_markdown_rendering_keeps_only_formatting():
    assert render_markdown("") == ""
    html = render_markdown('<p onclick="x()" style="color:red">Đoạn</p>\n\n<img src=x onerror=alert(1)>')
    assert "onclick" not in html and "style" not in html and "<img" not in html and "Đoạn" in html


def test_a_plan_with_a_markdown_original_can_still_be_edited(staff, plan):
    data = {
        "title": "Kế hoạch đã sửa", "issuer_kind": "party", "number": "", "symbol": "KH/TU", "issuing_body": "THÀNH ỦY ĐÀ LẠT",
        "starts_on": "01/01/2022", "ends_on": "31/12/2022", "grace_days": "0",
    }
    response = staff.post(f"/lam-viec/ke-hoach/{plan.pk}/sua/", data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch đã sửa" and plan.original_file.name == "plans/ke-hoach.md"


def test_a_new_upload_must_still_be_a_document(staff, plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {
        "title": "Kế hoạch", "issuer_kind": "party", "symbol": "KH/TU", "issuing_body": "THÀNH ỦY ĐÀ LẠT",
        "starts_on": "01/01/2022", "ends_on": "31/12/2022", "grace_days": "0",
        "original_file": SimpleUploadedFile("trang.html", b"<script>alert(1)</script>", content_type="text/html"),
    }
    response = staff.post(f"/lam-viec/ke-hoach/{plan.pk}/sua/", data)
    assert response.status_code == 200
    assert "Văn bản gốc phải là tệp PDF, DOC, DOCX hoặc ODT." in response.content.decode()
    plan.refresh_from_db()
    assert plan.original_file.name == "plans/ke-hoach.md"


def test_a_pdf_that_is_not_a_pdf_is_refused_and_a_real_one_is_kept(staff, plan, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {
        "title": "Kế hoạch", "issuer_kind": "party", "symbol": "KH/TU", "issuing_body": "THÀNH ỦY ĐÀ LẠT",
        "starts_on": "01/01/2022", "ends_on": "31/12/2022", "grace_days": "0",
    }
    fake = SimpleUploadedFile("ke-hoach.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf")
    response = staff.post(f"/lam-viec/ke-hoach/{plan.pk}/sua/", {**data, "original_file": fake})
    assert response.status_code == 200
    assert "Tệp không phải là tệp PDF thật" in response.content.decode()
    plan.refresh_from_db()
    assert plan.original_file.name == "plans/ke-hoach.md"
    real = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    assert staff.post(f"/lam-viec/ke-hoach/{plan.pk}/sua/", {**data, "original_file": real}).status_code == 302
    plan.refresh_from_db()
    assert (settings.PRIVATE_MEDIA_ROOT / plan.original_file.name).read_bytes().startswith(b"%PDF-")


def test_the_original_is_private_and_its_old_public_address_is_404(staff, plan, settings):
    assert (settings.PRIVATE_MEDIA_ROOT / plan.original_file.name).is_file()
    assert not (settings.MEDIA_ROOT / plan.original_file.name).exists()
    assert staff.get(settings.MEDIA_URL + plan.original_file.name).status_code == 404
    link = f'href="/lam-viec/ke-hoach/{plan.pk}/van-ban-goc/"'
    assert link in staff.get(f"/lam-viec/ke-hoach/{plan.pk}/sua/").content.decode()  # the edit form's current file


def test_the_admin_links_the_original_to_the_checked_page(client, plan):
    client.force_login(make_staff(username="quantri", is_staff=True, is_superuser=True))
    response = client.get(f"/quan-tri/campaign/plan/{plan.pk}/change/")
    assert response.status_code == 200
    assert f'href="/lam-viec/ke-hoach/{plan.pk}/van-ban-goc/"' in response.content.decode()


def test_the_migration_moves_public_originals_to_the_private_root(plan, settings):
    from importlib import import_module

    from django.apps import apps

    name = plan.original_file.name
    public = settings.MEDIA_ROOT / name
    public.parent.mkdir(parents=True, exist_ok=True)
    (settings.PRIVATE_MEDIA_ROOT / name).rename(public)  # as stored before the change
    import_module("campaign.migrations.0012_plan_originals_private").to_private(apps, None)
    assert not public.exists()
    assert (settings.PRIVATE_MEDIA_ROOT / name).read_bytes() == SOURCE.encode()
