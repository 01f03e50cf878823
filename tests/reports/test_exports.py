"""Staff ask for the Word or Excel file; a Celery task builds it; they download it when ready."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from reports import exports
from reports.models import ReportExport
from reports.tasks import build_report_export
from tests.factories import make_officer, make_staff


@pytest.fixture
def staff_client(client, seeded):
    client.force_login(make_staff())
    return client


def create(client, report, kind, capture):
    with capture(execute=True):
        return client.post(reverse("reports:export_create", args=[report.code]), {"kind": kind})


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_staff_create_then_download(staff_client, seeded, kind, django_capture_on_commit_callbacks):
    response = create(staff_client, seeded, kind, django_capture_on_commit_callbacks)
    export = ReportExport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reports:export_status", args=[seeded.code, export.pk])
    assert export.status == ReportExport.Status.READY and export.build_ms is not None
    assert export.requested_by.username == "alice"
    page = staff_client.get(response.url).content.decode()
    assert "Tải về bao-cao-04-bc-ubnd-2026." + kind in page and 'http-equiv="refresh"' not in page

    download = staff_client.get(reverse("reports:export_download", args=[seeded.code, export.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"] == f'attachment; filename="bao-cao-04-bc-ubnd-2026.{kind}"'
    content = b"".join(download.streaming_content)
    if kind == "docx":
        assert "Số: 04/BC-UBND" in [p.text for p in Document(io.BytesIO(content)).tables[0].rows[0].cells[0].paragraphs]
    else:
        assert load_workbook(io.BytesIO(content)).sheetnames[0] == "Tổng hợp"


def test_pending_export_says_it_is_being_made_and_refreshes(staff_client, seeded):
    export = ReportExport.objects.create(report=seeded, kind="docx")  # queued, no worker yet
    page = staff_client.get(reverse("reports:export_status", args=[seeded.code, export.pk])).content.decode()
    assert "Đang tạo…" in page and '<meta http-equiv="refresh" content="2">' in page
    listing = staff_client.get(reverse("reports:exports", args=[seeded.code])).content.decode()
    assert "Đang tạo…" in listing and 'http-equiv="refresh"' in listing
    assert staff_client.get(reverse("reports:export_download", args=[seeded.code, export.pk])).status_code == 404
    build_report_export(export.pk)  # the worker's turn
    page = staff_client.get(reverse("reports:export_status", args=[seeded.code, export.pk])).content.decode()
    assert "Tải về" in page and 'http-equiv="refresh"' not in page


def test_task_is_safe_to_run_twice(seeded, settings):
    export = ReportExport.objects.create(report=seeded, kind="xlsx")
    build_report_export(export.pk)
    export.refresh_from_db()
    name = export.file.name
    build_report_export(export.pk)
    build_report_export(export.pk + 1000)  # gone: nothing to do
    export.refresh_from_db()
    assert export.file.name == name and export.status == ReportExport.Status.READY
    folder = settings.PRIVATE_MEDIA_ROOT / "reports" / "exports"
    assert [path.name for path in folder.iterdir()] == [name.rsplit("/", 1)[1]]


def test_a_failure_is_recorded_and_shown(staff_client, seeded, monkeypatch):
    def broken(report):
        raise RuntimeError("hết bộ nhớ")

    monkeypatch.setitem(exports.BUILDERS, ReportExport.Kind.DOCX, broken)
    export = ReportExport.objects.create(report=seeded, kind="docx")
    build_report_export(export.pk)
    export.refresh_from_db()
    assert export.status == ReportExport.Status.FAILED and "hết bộ nhớ" in export.error
    page = staff_client.get(reverse("reports:export_status", args=[seeded.code, export.pk])).content.decode()
    assert "Không tạo được tệp" in page


def test_old_files_are_pruned(seeded, settings):
    for _ in range(exports.KEEP + 2):
        build_report_export(ReportExport.objects.create(report=seeded, kind="xlsx").pk)
    assert ReportExport.objects.filter(kind="xlsx").count() == exports.KEEP
    folder = settings.PRIVATE_MEDIA_ROOT / "reports" / "exports"
    assert len(list(folder.iterdir())) == exports.KEEP


def test_unknown_kind_is_404(staff_client, seeded):
    response = staff_client.post(reverse("reports:export_create", args=[seeded.code]), {"kind": "pdf"})
    assert response.status_code == 404 and not ReportExport.objects.exists()


def test_only_staff(client, seeded):
    export = ReportExport.objects.create(report=seeded, kind="docx")
    build_report_export(export.pk)
    urls = [reverse("reports:exports", args=[seeded.code]),
            reverse("reports:export_status", args=[seeded.code, export.pk]),
            reverse("reports:export_download", args=[seeded.code, export.pk])]
    for url in urls:
        assert client.get(url).status_code == 302  # to the login page
    assert client.post(reverse("reports:export_create", args=[seeded.code]), {"kind": "docx"}).status_code == 302
    client.force_login(make_officer(username="officer"))
    for url in urls:
        assert client.get(url).status_code == 403
    assert client.post(reverse("reports:export_create", args=[seeded.code]), {"kind": "docx"}).status_code == 403
    assert ReportExport.objects.count() == 1
    # The report page shows the export buttons to staff only.
    page = client.get(seeded.get_absolute_url()).content.decode()
    assert "Xuất văn bản Word" not in page
    client.force_login(make_staff(username="staff2"))
    page = client.get(seeded.get_absolute_url()).content.decode()
    assert "Xuất văn bản Word" in page and reverse("reports:export_create", args=[seeded.code]) in page


def test_admin_links_to_the_export_page(client, seeded):
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    client.force_login(admin)
    changelist = client.get(reverse("admin:reports_report_changelist")).content.decode()
    assert reverse("reports:exports", args=[seeded.code]) in changelist
    export = ReportExport.objects.create(report=seeded, kind="docx")
    build_report_export(export.pk)
    change = client.get(reverse("admin:reports_reportexport_change", args=[export.pk]))
    assert change.status_code == 200
    assert reverse("reports:export_download", args=[seeded.code, export.pk]) in change.content.decode()
