"""A reporting round of the cooperation report, end to end in real Chromium.

Staff open the 2026 round; the officer of Sở Công Thương fills in its sector (trade far above
last year's, confirmed with a comment) and submits; staff accept and compile; the report page,
the Word export and the Excel export show the new values.
"""

import io
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from campaign.models import Unit
from tests.e2e.conftest import DESKTOP, log_in, screenshot
from tests.factories import make_officer, make_staff

pytestmark = pytest.mark.django_db(transaction=True)

TASK = "Báo cáo kết quả hợp tác với 4 tỉnh Nam Lào năm 2026 (phần của sở, ngành)"
NARRATIVE = "Năm 2026, hai bên tổ chức Hội chợ thương mại Việt – Lào tại Pleiku."


def test_round_from_opening_to_the_report_page(live_server, page_at, eager_celery):
    call_command("seed_demo", stdout=StringIO())
    make_staff(username="alice", first_name="Trần Thị Anh")
    make_officer(Unit.objects.get(code="so-cong-thuong-gl"), username="bob", first_name="Nguyễn Văn Bình")
    base = live_server.url

    staff = page_at(DESKTOP)
    log_in(staff, base, "alice")
    staff.get_by_role("navigation", name="Menu khu làm việc").get_by_role("link", name="Báo cáo hợp tác").click()
    staff.get_by_role("link", name="Mở đợt báo cáo mới").click()
    expect(staff.get_by_label("Năm báo cáo")).to_have_value("2026")
    staff.get_by_label("Hạn nộp của các sở, ngành").fill("15/12/2026")
    screenshot(staff, "round-open")
    staff.get_by_role("button", name="Mở đợt báo cáo").click()
    expect(staff.get_by_role("heading", name="Đợt báo cáo năm 2026")).to_be_visible()
    expect(staff.locator("main")).to_contain_text("Đã mở đợt báo cáo năm 2026")

    officer = page_at(DESKTOP)
    log_in(officer, base, "bob")
    officer.get_by_role("navigation", name="Menu khu làm việc").get_by_role("link", name="Việc của đơn vị").click()
    officer.get_by_role("link", name=TASK).first.click()
    expect(officer.get_by_role("heading", name="Phần báo cáo hợp tác năm 2026")).to_be_visible()
    sector = officer.locator("section.round-sector").filter(has_text="6. ")
    expect(sector).to_contain_text("Kỳ trước (2023): 47,9")
    editable = sector.locator(".ck-editor__editable")
    expect(editable).to_be_visible()
    editable.click()
    officer.keyboard.type(NARRATIVE)
    trade = officer.get_by_label("Kim ngạch thương mại hai chiều (triệu USD) – cả 4 tỉnh")
    trade.fill("750")
    officer.get_by_role("button", name="Nộp cho Ban Tuyên giáo").click()
    expect(officer.locator("main")).to_contain_text("Số 750 lớn hơn 10 lần kỳ trước")
    screenshot(officer, "round-outlier")
    officer.get_by_label("Xác nhận số liệu khác thường – Kim ngạch thương mại hai chiều").check()
    officer.locator("tr.round-values__confirm").filter(has_text="Kim ngạch thương mại hai chiều").get_by_label(
        "Giải thích").fill("Nhà máy điện gió xuất khẩu điện sang Lào từ năm 2026")
    officer.get_by_role("button", name="Nộp cho Ban Tuyên giáo").click()
    expect(officer.locator("main")).to_contain_text("Đã nộp phần báo cáo cho Ban Tuyên giáo.")
    expect(officer.locator("main .alert[role=status]").filter(has_text="Trạng thái:")).to_contain_text("Đã nộp, chờ duyệt")
    screenshot(officer, "round-submitted")

    staff.reload()
    staff.locator("tr").filter(has_text="Sở Công Thương tỉnh Gia Lai").get_by_role("link", name="Xem, duyệt").click()
    expect(staff.locator("main")).to_contain_text("Nhà máy điện gió xuất khẩu điện sang Lào từ năm 2026")
    screenshot(staff, "round-review")
    staff.get_by_label("Chấp nhận").check()
    staff.get_by_role("button", name="Ghi kết quả duyệt").click()
    expect(staff.locator("main")).to_contain_text("Đã chấp nhận phần báo cáo.")
    staff.get_by_role("link", name="← Đợt báo cáo năm 2026").click()
    staff.get_by_role("button", name="Tổng hợp báo cáo").click()
    expect(staff.locator("main")).to_contain_text("Đã tổng hợp số liệu đã chấp nhận vào báo cáo.")
    screenshot(staff, "round-compiled")

    staff.get_by_role("link", name="Kết quả hợp tác giữa tỉnh Gia Lai với 4 tỉnh Nam Lào (Attapeu, Champasak, Salavan, Sekong) năm 2026").click()
    section = staff.locator("#linh-vuc-6")
    expect(section).to_contain_text(NARRATIVE)
    expect(section).to_contain_text("Kim ngạch thương mại hai chiều với 4 tỉnh Nam Lào năm 2026 đạt 750 triệu USD.")
    expect(section.get_by_role("link", name="750 triệu USD")).to_be_visible()
    screenshot(staff, "round-report-page")

    report_url = staff.url
    # The compiled report's Word and Excel files, built by the Celery task, carry the new value too.
    for button, suffix in (("Xuất văn bản Word", ".docx"), ("Xuất bảng số liệu Excel", ".xlsx")):
        staff.get_by_role("button", name=button).click()
        link = staff.get_by_role("link", name=re.compile(r"^Tải về .*" + re.escape(suffix) + "$"))
        expect(link).to_be_visible()
        with staff.expect_download() as download_info:
            link.click()
        data = Path(download_info.value.path()).read_bytes()
        if suffix == ".docx":
            text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
            assert "Kim ngạch thương mại hai chiều với 4 tỉnh Nam Lào năm 2026 đạt 750 triệu USD." in text
            assert NARRATIVE in text
        else:
            cells = [c for sheet in load_workbook(io.BytesIO(data), read_only=True).worksheets
                     for row in sheet.iter_rows(values_only=True) for c in row]
            assert 750 in cells
        staff.goto(report_url)
    assert staff.console_errors == [] and officer.console_errors == []
