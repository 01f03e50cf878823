"""A unit's progress report, end to end in real Chromium.

The officer files on a phone (CKEditor 5, a figure, a JPEG photo), staff
return it from a desktop, the officer completes it and files again, staff
accept it and read the plan's dashboard; the officer's form is then gone.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from campaign.deadlines import local_today
from campaign.models import Assignment, Measure, Plan, ProgressReport, ReportingPeriod, Task, Unit
from tests.e2e.conftest import DESKTOP, PHONE, log_in, screenshot
from tests.factories import UnitFactory, make_officer, make_staff

pytestmark = pytest.mark.django_db(transaction=True)

UNIT_NAME = "Trung tâm Văn hóa Thông tin Thể thao"
TASK_TITLE = "Tuyên truyền kỷ niệm Ngày thiết lập quan hệ ngoại giao Việt Nam – Lào"
FIRST_TEXT = "Đã đăng 12 tin, bài trên trang thông tin điện tử và phát thanh tại các phường."
SECOND_TEXT = "Bổ sung: tổ chức triển lãm ảnh hữu nghị tại phường Xuân Hương."
COMMENT = "Bổ sung ảnh hoạt động tại phường"


@pytest.fixture
def media(settings, tmp_path):
    """Uploads go to tmp_path; report photos to its private root, served by campaign.photos."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def world():
    today = local_today()
    plan = Plan.objects.create(
        code="ke-hoach-huu-nghi", title="Kế hoạch tuyên truyền Năm Đoàn kết hữu nghị Việt Nam – Lào",
        issuing_body="THÀNH ỦY ĐÀ LẠT", starts_on=today - timedelta(days=30), ends_on=today + timedelta(days=90),
        status=Plan.Status.IN_PROGRESS, lock_after_days=None,
    )
    measure = Measure.objects.create(plan=plan, code="so-tin-bai", name="Số tin, bài viết", unit_label="bài", order=1)
    task = Task.objects.create(plan=plan, title=TASK_TITLE)
    due_on = today + timedelta(days=5)
    period = ReportingPeriod.objects.create(
        task=task, label="Báo cáo kết quả", starts_on=plan.starts_on, ends_on=due_on, due_on=due_on,
    )
    unit = UnitFactory(name=UNIT_NAME, kind=Unit.Kind.CENTER)
    assignment = Assignment.objects.create(task=task, unit=unit)
    # As campaign/demo/__init__.py does: the Vietnamese full name, family name first, in first_name.
    officer = make_officer(unit, username="bob", first_name="Nguyễn Văn Bình")
    staff = make_staff(username="alice", first_name="Trần Thị Anh")
    return {
        "plan": plan, "measure": measure, "task": task, "period": period, "unit": unit,
        "assignment": assignment, "officer": officer, "staff": staff,
    }


@pytest.fixture
def jpeg(tmp_path):
    """A real JPEG photo, drawn by Pillow."""
    image = Image.new("RGB", (1200, 800), (183, 28, 28))
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, 1100, 700), fill=(255, 213, 79))
    draw.ellipse((450, 250, 750, 550), fill=(46, 125, 50))
    path = tmp_path / "trien-lam-anh.jpg"
    image.save(path, format="JPEG", quality=90)
    return path


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def work_menu(page):
    return page.get_by_role("navigation", name="Menu khu làm việc")


def report_status(page):
    return page.locator("main .alert[role=status]").filter(has_text="Trạng thái:")


def wait_for_editor(page):
    editable = page.locator(".ck-editor__editable")
    expect(editable).to_be_visible()
    return editable


def replace_editor_text(page, text):
    editable = wait_for_editor(page)
    editable.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)
    expect(editable).to_contain_text(text)


def test_report_is_filed_returned_refiled_accepted_and_counted(live_server, page_at, media, world, jpeg):
    base = live_server.url
    file_url = base + reverse("campaign:report_file", args=[world["assignment"].pk, world["period"].pk])

    # 2. The officer files the report from a phone. -------------------------------------
    officer = page_at(PHONE)
    log_in(officer, base, "bob")
    my_work_link = work_menu(officer).get_by_role("link", name=re.compile(r"^Việc của đơn vị"))
    expect(my_work_link).to_be_visible()
    expect(my_work_link.locator(".badge")).to_have_text("1")
    my_work_link.click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Việc của đơn vị")
    item = officer.locator(".work-item").filter(has_text=TASK_TITLE)
    expect(item).to_contain_text("Còn 5 ngày")
    expect(item).to_contain_text(UNIT_NAME)
    assert no_horizontal_scroll(officer)
    item.get_by_role("link", name=TASK_TITLE).click()
    officer.wait_for_url(file_url)
    expect(officer.get_by_role("heading", level=1)).to_have_text(TASK_TITLE)

    replace_editor_text(officer, FIRST_TEXT)
    officer.get_by_label("Số tin, bài viết (bài)").fill("12")
    officer.get_by_label("Ảnh hoạt động").set_input_files(jpeg)
    officer.get_by_label("Chú thích ảnh").fill("Triển lãm ảnh hữu nghị tại phường")
    assert no_horizontal_scroll(officer), "the filing form scrolls sideways on a 360 px phone"
    officer.get_by_role("button", name="Nộp báo cáo").click()

    expect(officer.locator(".messages")).to_contain_text("Đã nộp báo cáo")
    expect(report_status(officer)).to_contain_text("Trạng thái: Đã nộp, chờ duyệt")
    thumbnail = officer.locator(".photo-grid img")
    expect(thumbnail).to_have_count(1)
    expect(thumbnail).to_have_attribute("alt", "Triển lãm ảnh hữu nghị tại phường")
    thumbnail.scroll_into_view_if_needed()  # loading="lazy"
    officer.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle())
    assert thumbnail.evaluate("img => img.naturalWidth") == 320  # the 320 px thumbnail, not the photo
    # After the redirect the form is back with what was filed: the editor holds the text.
    expect(wait_for_editor(officer)).to_contain_text(FIRST_TEXT)
    expect(officer.get_by_label("Số tin, bài viết (bài)")).to_have_value("12")
    officer.evaluate("window.scrollTo(0, 0)")
    assert no_horizontal_scroll(officer), "the report page scrolls sideways on a 360 px phone"
    screenshot(officer, "report-file-360")
    assert not [e for e in officer.console_errors if "license" in e.lower()], officer.console_errors
    assert officer.console_errors == []

    report = ProgressReport.objects.get(assignment=world["assignment"], period=world["period"])
    assert report.status == ProgressReport.Status.SUBMITTED
    assert FIRST_TEXT in report.text
    photo = report.photos.get()
    assert (media / photo.thumbnail.name).is_file() and (media / photo.image.name).is_file()

    # 3. Staff return it from a desktop. ------------------------------------------------
    staff = page_at(DESKTOP)
    log_in(staff, base, "alice")
    work_menu(staff).get_by_role("link", name="Duyệt báo cáo").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Báo cáo chờ duyệt")
    staff.get_by_role("link", name=f"{UNIT_NAME} – {TASK_TITLE}").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(f"Báo cáo của {UNIT_NAME}")
    expect(staff.locator(".report-text")).to_contain_text(FIRST_TEXT)
    expect(staff.get_by_text("Số tin, bài viết: 12 bài")).to_be_visible()
    staff.get_by_label("Trả lại để bổ sung").check()
    staff.get_by_label("Ý kiến").fill(COMMENT)
    staff.get_by_role("button", name="Ghi kết quả duyệt").click()
    expect(staff.locator(".messages")).to_contain_text("Đã trả lại báo cáo")
    expect(staff.get_by_role("button", name="Ghi kết quả duyệt")).to_have_count(0)

    # 4. The officer reads the comment, completes the report and files it again. ---------
    officer.reload()
    expect(report_status(officer)).to_contain_text("Trạng thái: Trả lại để bổ sung")
    expect(report_status(officer)).to_contain_text(f"Ý kiến của Ban Tuyên giáo: {COMMENT}")
    expect(wait_for_editor(officer)).to_contain_text(FIRST_TEXT)
    replace_editor_text(officer, SECOND_TEXT)
    expect(officer.get_by_role("button", name="Nộp báo cáo", exact=True)).to_have_count(0)
    officer.get_by_role("button", name="Nộp lại báo cáo").click()
    expect(report_status(officer)).to_contain_text("Trạng thái: Đã nộp, chờ duyệt")
    history = officer.get_by_role("heading", name="Lịch sử").locator("xpath=following-sibling::ul[1]")
    expect(history).to_contain_text("Nộp lại sau khi bổ sung")
    expect(history).to_contain_text(f"Trả lại để bổ sung – Trần Thị Anh: “{COMMENT}”")
    assert no_horizontal_scroll(officer)
    assert officer.console_errors == []

    # 5. Staff accept it and read the dashboard. ----------------------------------------
    work_menu(staff).get_by_role("link", name="Duyệt báo cáo").click()
    staff.get_by_role("link", name=f"{UNIT_NAME} – {TASK_TITLE}").click()
    expect(staff.locator(".report-text")).to_contain_text(SECOND_TEXT)
    expect(staff.get_by_text("Số tin, bài viết: 12 bài")).to_be_visible()  # kept when filed again
    staff.get_by_label("Chấp nhận", exact=True).check()
    staff.get_by_role("button", name="Ghi kết quả duyệt").click()
    expect(staff.locator(".messages")).to_contain_text("Đã chấp nhận báo cáo")
    expect(staff.locator("dl")).to_contain_text("Đã chấp nhận")

    staff.goto(base + reverse("campaign:dashboard", args=[world["plan"].pk]))
    expect(staff.get_by_role("heading", level=1)).to_have_text("Bảng tổng hợp")
    expect(staff.get_by_test_id("reporting-rate")).to_have_text("100 %")
    unit_table = staff.locator("table").filter(has=staff.get_by_role("columnheader", name="Đã nộp / phải nộp")).first
    expect(unit_table.get_by_role("columnheader", name="Số tin, bài viết")).to_be_visible()
    row = unit_table.get_by_role("row").filter(has=staff.get_by_role("rowheader", name=UNIT_NAME))
    cells = row.get_by_role("cell")
    # Reported, on time, overdue, progress, the figure; then the quiz columns counted by the contests app.
    expect(cells).to_have_text(["1/1", "1", "0", "100 %", "12", "0", "0"])
    canvas = staff.locator("canvas#bieu-do")
    expect(canvas).to_have_count(1)
    # Drawn, and the animation is over: both 100 % points (reporting, on time) sit at 100 on the y axis.
    staff.wait_for_function(
        """() => { const c = window.Chart && Chart.getChart(document.getElementById('bieu-do'));
            if (!c) return false;
            const top = c.scales.y.getPixelForValue(100);
            return [0, 1].every(i => { const p = c.getDatasetMeta(i).data[0]; return p && Math.abs(p.y - top) < 0.5; }); }"""
    )
    chart = staff.evaluate(
        "() => { const c = Chart.getChart(document.getElementById('bieu-do'));"
        " return {labels: c.data.labels, reporting: c.data.datasets[0].data, width: c.width, height: c.height}; }"
    )
    month = world["period"].due_on
    assert chart["labels"] == [f"{month.month:02d}/{month.year}"]
    assert chart["reporting"] == [100]
    assert chart["width"] > 0 and chart["height"] > 0
    assert no_horizontal_scroll(staff)
    screenshot(staff, "dashboard-1280")
    assert staff.console_errors == []

    # 6. The accepted report can no longer be changed. -----------------------------------
    officer.reload()
    expect(report_status(officer)).to_contain_text("Trạng thái: Đã chấp nhận")
    expect(officer.get_by_role("alert")).to_contain_text("Báo cáo đã được Ban Tuyên giáo chấp nhận.")
    expect(officer.locator("form.report-form")).to_have_count(0)
    expect(officer.locator(".ck-editor__editable")).to_have_count(0)
    expect(officer.get_by_role("button", name=re.compile("Nộp"))).to_have_count(0)
    expect(officer.locator(".report-text")).to_contain_text(SECOND_TEXT)
    expect(officer.locator(".photo-grid img")).to_have_count(1)
    assert no_horizontal_scroll(officer)
    assert officer.console_errors == []

    report.refresh_from_db()
    assert report.status == ProgressReport.Status.ACCEPTED
    assert list(report.events.values_list("action", flat=True)) == [
        "submitted", "returned", "resubmitted", "accepted",
    ]


def test_report_form_fits_a_phone(live_server, page_at, media, world):
    page = page_at(PHONE)
    log_in(page, live_server.url, "bob")
    page.goto(live_server.url + reverse("campaign:report_file", args=[world["assignment"].pk, world["period"].pk]))
    wait_for_editor(page)
    assert page.get_by_label("Ảnh hoạt động").is_visible()
    assert no_horizontal_scroll(page)
