"""Issue 10, points 6 and 7 in real Chromium.

6. Staff choose the units of a task all at once, by branch of the unit tree,
   by kind and by a filter on the name, with JavaScript; and by branch, kind
   and "all" with JavaScript turned off (a plain form post).
7. The dashboard's progress figures ("6 %", "16 %", "0 %") are whole and
   readable on a 360 px phone and on a desk, and a month with nothing due
   says "không có hạn".
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from campaign.deadlines import local_today
from campaign.demo import seed_units
from campaign.models import Assignment, Plan, ReportingPeriod, Task, Theme, Unit
from tests.e2e.conftest import DESKTOP, PHONE, SCREENSHOTS, log_in, screenshot
from tests.factories import make_staff

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Tuyên truyền kỷ niệm 60 năm Ngày thiết lập quan hệ ngoại giao Việt Nam – Lào"
PARTY_ORGS = {"Đảng bộ Phường 1", "Đảng bộ Phường 3", "Đảng bộ xã Tà Nung"}
SCHOOLS = {
    "Trường Đại học Quy Nhơn", "Trường Cao đẳng Kỹ thuật Công nghệ Quy Nhơn", "Trường Cao đẳng Y tế tỉnh Gia Lai",
    "Trường Cao đẳng Sư phạm Gia Lai",
}


@pytest.fixture
def world():
    seed_units()
    today = local_today()
    plan = Plan.objects.create(
        code="huu-nghi", title="Kế hoạch tuyên truyền Năm Đoàn kết hữu nghị Việt Nam – Lào",
        issuing_body="THÀNH ỦY ĐÀ LẠT", starts_on=today - timedelta(days=60), ends_on=today + timedelta(days=300),
        status=Plan.Status.IN_PROGRESS,
    )
    make_staff(username="alice", first_name="Trần Thị Anh")
    return plan


def assignable():
    return Unit.objects.active().exclude(kind__in=[Unit.Kind.GROUP, Unit.Kind.PARTNER])


def fill_task(page, title):
    page.locator("#id_title").fill(title)
    page.get_by_label("Hạn nộp (nhiệm vụ một lần)").fill(f"{local_today() + timedelta(days=20):%d/%m/%Y}")


def unit_box(page, name):
    return page.locator("[data-unit-option]").filter(has_text=name).get_by_role("checkbox")


def assigned_names(title):
    return set(Assignment.objects.filter(task__title=title).values_list("unit__name", flat=True))


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_units_by_all_branch_kind_and_name_with_javascript(live_server, page_at, world):
    page = page_at(DESKTOP)
    log_in(page, live_server.url, "alice")
    page.goto(live_server.url + reverse("campaign:task_create", args=[world.pk]))
    chooser = page.locator("[data-unit-chooser]")
    total = assignable().count()
    expect(chooser.locator("[data-chosen-count]")).to_have_text(f"Đã chọn 0/{total} đơn vị.")

    # "Chọn tất cả" ticks every unit; unticked, it clears them all.
    select_all = page.get_by_label(f"Chọn tất cả đơn vị ({total} đơn vị)")
    select_all.check()
    expect(chooser.locator("[data-chosen-count]")).to_have_text(f"Đã chọn {total}/{total} đơn vị.")
    assert chooser.locator('[data-unit-option] input:checked').count() == total
    select_all.uncheck()
    assert chooser.locator('[data-unit-option] input:checked').count() == 0

    # A branch ticks the units under it, at any depth.
    page.get_by_label("Trực thuộc Các tổ chức cơ sở Đảng trực thuộc Thành ủy (3 đơn vị)").check()
    for name in PARTY_ORGS:
        expect(unit_box(page, name)).to_be_checked()
    # A kind ticks its units; unticking one leaves the kind half-ticked and it is not sent.
    schools = page.get_by_label("Trường học (4 đơn vị)")
    schools.check()
    for name in SCHOOLS:
        expect(unit_box(page, name)).to_be_checked()
    unit_box(page, "Trường Cao đẳng Y tế tỉnh Gia Lai").uncheck()
    assert schools.evaluate("box => !box.checked && box.indeterminate")

    # The filter finds "Sở Ngoại vụ" typed without diacritics, and chooses what it found.
    page.get_by_label("Lọc theo tên đơn vị").fill("so ngoai vu")
    expect(chooser.locator("[data-filter-count]")).to_have_text("Tìm thấy 1 đơn vị.")
    expect(chooser.locator("[data-unit-option]:visible")).to_have_count(1)
    page.keyboard.press("Enter")  # Enter filters, it does not send the form
    page.get_by_role("button", name="Chọn 1 đơn vị tìm thấy").click()
    page.get_by_label("Lọc theo tên đơn vị").fill("")
    expect(chooser.locator("[data-unit-option]:visible")).to_have_count(total)
    expect(chooser.locator("[data-chosen-count]")).to_have_text(f"Đã chọn 7/{total} đơn vị.")
    screenshot(page, "unit-chooser-desktop")

    fill_task(page, TITLE)
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(page.locator(".messages")).to_contain_text("Đã giao nhiệm vụ cho 7 đơn vị.")
    assert assigned_names(TITLE) == PARTY_ORGS | (SCHOOLS - {"Trường Cao đẳng Y tế tỉnh Gia Lai"}) | {"Sở Ngoại vụ tỉnh Gia Lai"}
    assert page.console_errors == []


def test_the_unit_chooser_fits_a_phone(live_server, page_at, world):
    page = page_at(PHONE)
    log_in(page, live_server.url, "alice")
    page.goto(live_server.url + reverse("campaign:task_create", args=[world.pk]))
    page.get_by_label("Trực thuộc Ủy ban nhân dân tỉnh Gia Lai (17 đơn vị)").check()
    expect(unit_box(page, "Công an tỉnh Gia Lai")).to_be_checked()
    assert no_horizontal_scroll(page), "the unit chooser scrolls sideways on a 360 px phone"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("[data-unit-chooser]").screenshot(path=str(SCREENSHOTS / "unit-chooser-phone.png"))
    assert page.console_errors == []


def test_units_by_branch_kind_and_all_without_javascript(live_server, page_at, world):
    page = page_at(DESKTOP, java_script_enabled=False)
    log_in(page, live_server.url, "alice")
    page.goto(live_server.url + reverse("campaign:task_create", args=[world.pk]))
    # No script: the filter stays hidden, the branch and kind boxes are sent with the form.
    expect(page.get_by_label("Lọc theo tên đơn vị")).to_be_hidden()
    page.get_by_label("Trực thuộc Ủy ban nhân dân tỉnh Gia Lai (17 đơn vị)").check()
    page.get_by_label("Tổ chức cơ sở Đảng (3 đơn vị)").check()
    unit_box(page, "Ban Tuyên giáo Thành ủy Đà Lạt").check()
    # Nothing ticks itself without the script: the units are added when the form arrives.
    expect(unit_box(page, "Công an tỉnh Gia Lai")).not_to_be_checked()
    fill_task(page, TITLE)
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(page.locator(".messages")).to_contain_text("Đã giao nhiệm vụ cho 21 đơn vị.")
    under_ubnd = set(assignable().filter(parent__code="ubnd-gia-lai").values_list("name", flat=True))
    assert len(under_ubnd) == 17
    assert assigned_names(TITLE) == under_ubnd | PARTY_ORGS | {"Ban Tuyên giáo Thành ủy Đà Lạt"}

    # Nothing chosen: a Vietnamese message and no task.
    page.goto(live_server.url + reverse("campaign:task_create", args=[world.pk]))
    fill_task(page, "Nhiệm vụ chưa chọn đơn vị")
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(page.get_by_text("Chọn ít nhất một đơn vị.")).to_be_visible()
    assert not Task.objects.filter(title="Nhiệm vụ chưa chọn đơn vị").exists()

    # "Chọn tất cả" without the script.
    page.get_by_label(f"Chọn tất cả đơn vị ({assignable().count()} đơn vị)").check()
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(page.locator(".messages")).to_contain_text(f"Đã giao nhiệm vụ cho {assignable().count()} đơn vị.")
    assert assigned_names("Nhiệm vụ chưa chọn đơn vị") == set(assignable().values_list("name", flat=True))


# Point 7 ---------------------------------------------------------------------------


@pytest.fixture
def dashboard_world(world):
    plan = world
    today = local_today()
    theme = Theme.objects.create(plan=plan, code="1", title="Lịch sử quan hệ đặc biệt Việt Nam – Lào", order=1)
    task = Task.objects.create(plan=plan, title=TITLE, theme=theme)
    ReportingPeriod.objects.create(
        task=task, label="Báo cáo kết quả", starts_on=plan.starts_on, ends_on=today + timedelta(days=10),
        due_on=today + timedelta(days=10),
    )
    # A task with a due date and no unit yet: its month has nothing due.
    empty = Task.objects.create(plan=plan, title="Nhiệm vụ chưa giao")
    later = today + timedelta(days=100)
    ReportingPeriod.objects.create(task=empty, label="Kỳ sau", starts_on=today, ends_on=later, due_on=later)
    progress = {"so-ngoai-vu-gl": 6, "so-cong-thuong-gl": 16, "so-tu-phap-gl": 0, "cong-an-gl": 100}
    for code, value in progress.items():
        Assignment.objects.create(task=task, unit=Unit.objects.get(code=code), progress_override=value)
    return plan, later


def label_is_whole(locator):
    """The figure is rendered in full: nothing overflows it and it sits inside its table cell."""
    return locator.evaluate(
        """el => {
            const box = el.getBoundingClientRect(), cell = el.closest('td').getBoundingClientRect();
            return el.scrollWidth <= el.clientWidth + 0.5 && box.width > 0
                && box.left >= cell.left - 0.5 && box.right <= cell.right + 0.5
                && getComputedStyle(el).visibility === 'visible' && getComputedStyle(el).overflow === 'visible';
        }"""
    )


@pytest.mark.parametrize("viewport, name", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_dashboard_progress_figures_are_whole(live_server, page_at, dashboard_world, viewport, name):
    plan, later = dashboard_world
    page = page_at(viewport)
    log_in(page, live_server.url, "alice")
    page.goto(live_server.url + reverse("campaign:dashboard", args=[plan.pk]))
    units_table = page.locator("table").filter(has_text="Đã nộp / phải nộp").first
    for unit, figure in (("Sở Ngoại vụ", "6 %"), ("Sở Công Thương", "16 %"), ("Sở Tư pháp", "0 %"), ("Công an tỉnh", "100 %")):
        label = units_table.locator("tr").filter(has_text=unit).locator(".progress-value")
        label.scroll_into_view_if_needed()
        expect(label).to_be_visible()
        expect(label).to_have_text(figure)
        assert label_is_whole(label), f"{figure} of {unit} is clipped at {viewport['width']} px"
        box = label.bounding_box()
        assert box["width"] >= 18 and box["height"] >= 10
    theme_label = page.locator("table").filter(has_text="Nội dung").locator(".progress-value").first
    expect(theme_label).to_have_text("30 %")  # the mean of 6, 16, 0 and 100, rounded half to even
    assert label_is_whole(theme_label)
    month_row = page.locator("table").filter(has_text="Tháng (hạn nộp)").locator("tr").filter(has_text=f"{later:%m/%Y}")
    expect(month_row).to_contain_text("không có hạn")
    expect(page.locator("main")).not_to_contain_text("–%")
    assert no_horizontal_scroll(page), f"the dashboard scrolls sideways at {viewport['width']} px"
    page.evaluate("document.querySelectorAll('.table-scroll').forEach(el => { el.scrollLeft = 0; })")
    screenshot(page, f"dashboard-{name}")
    assert page.console_errors == []
