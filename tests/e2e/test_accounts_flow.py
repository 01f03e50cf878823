"""Officer accounts, end to end in real Chromium (issue 10.4).

Staff create an officer account for a unit from a desktop and send the set-password link; the
officer opens the link from the e-mail on a phone, sets a password, signs in and sees the unit's work.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from playwright.sync_api import expect

from campaign.deadlines import local_today
from campaign.models import Assignment, Plan, ReportingPeriod, Task, Unit
from tests.e2e.conftest import DESKTOP, PHONE, log_in, screenshot
from tests.factories import UnitFactory, make_staff

pytestmark = pytest.mark.django_db(transaction=True)

UNIT_NAME = "Hội Liên hiệp Phụ nữ thành phố"
TASK_TITLE = "Tuyên truyền kỷ niệm 95 năm Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam"
PASSWORD = "Hoa-dao-Da-Lat-2026"


@pytest.fixture
def world():
    today = local_today()
    plan = Plan.objects.create(
        code="ke-hoach-phu-nu", title="Kế hoạch tuyên truyền các ngày lễ lớn", issuing_body="THÀNH ỦY ĐÀ LẠT",
        starts_on=today - timedelta(days=10), ends_on=today + timedelta(days=60), status=Plan.Status.IN_PROGRESS,
        lock_after_days=None,
    )
    task = Task.objects.create(plan=plan, title=TASK_TITLE)
    due_on = today + timedelta(days=6)
    ReportingPeriod.objects.create(task=task, label="Báo cáo kết quả", starts_on=plan.starts_on, ends_on=due_on, due_on=due_on)
    unit = UnitFactory(code="hoi-phu-nu", name=UNIT_NAME, kind=Unit.Kind.MASS_ORG)
    UnitFactory(code="doan-thanh-nien", name="Đoàn Thanh niên thành phố", kind=Unit.Kind.MASS_ORG)
    Assignment.objects.create(task=task, unit=unit)
    make_staff(username="alice", first_name="Trần Thị Anh")
    return {"unit": unit}


def test_staff_create_an_officer_who_sets_a_password_from_the_email_and_sees_the_units_work(live_server, page_at, world, settings):
    settings.SITE_URL = live_server.url
    base = live_server.url

    staff = page_at(DESKTOP)
    log_in(staff, base, "alice")
    staff.get_by_role("link", name="Quản lý tài khoản").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Tài khoản cán bộ đơn vị")
    staff.get_by_role("link", name="Thêm cán bộ").click()
    staff.get_by_label("Họ và tên").fill("Phạm Thị Hồng")
    staff.get_by_label("E-mail", exact=True).fill("hong.pt@example.vn")
    staff.get_by_label("Số điện thoại").fill("0263 3822 456")
    staff.get_by_label(UNIT_NAME).check()
    expect(staff.get_by_label("Gửi ngay thư đặt mật khẩu tới e-mail này")).to_be_checked()
    screenshot(staff, "accounts-create-1280")
    staff.get_by_role("button", name="Tạo tài khoản").click()
    expect(staff.locator(".messages")).to_contain_text("Đã tạo tài khoản hong.pt cho Phạm Thị Hồng.")
    expect(staff.locator(".messages")).to_contain_text("Đã gửi thư đặt mật khẩu tới hong.pt@example.vn.")
    expect(staff.get_by_role("heading", level=1)).to_have_text("Phạm Thị Hồng")
    expect(staff.get_by_text("Chưa đặt mật khẩu")).to_be_visible()
    screenshot(staff, "accounts-detail-1280")
    assert staff.console_errors == []

    # The unit list counts her and links to the unit's accounts.
    staff.get_by_role("navigation", name="Menu khu làm việc").get_by_role("link", name="Đơn vị").click()
    staff.get_by_role("link", name="1 cán bộ").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(f"Tài khoản cán bộ đơn vị: {UNIT_NAME}")
    expect(staff.get_by_role("cell", name="Phạm Thị Hồng")).to_be_visible()
    screenshot(staff, "accounts-list-1280")

    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/tai-khoan/dat-mat-khau/\S+/", mail.outbox[0].body).group(0)
    assert link.startswith(base)

    officer = page_at(PHONE)
    officer.goto(link)
    expect(officer.get_by_role("heading", level=1)).to_have_text("Đặt mật khẩu")
    expect(officer.get_by_text("hong.pt")).to_be_visible()
    officer.get_by_label("Mật khẩu mới", exact=True).fill(PASSWORD)
    officer.get_by_label("Xác nhận mật khẩu mới").fill(PASSWORD)
    screenshot(officer, "accounts-set-password-360")
    officer.get_by_role("button", name="Đặt mật khẩu").click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Đã đặt mật khẩu")
    officer.get_by_role("link", name="Đăng nhập").last.click()
    officer.get_by_label("Tên đăng nhập").fill("hong.pt")
    officer.get_by_label("Mật khẩu").fill(PASSWORD)
    officer.get_by_role("button", name="Đăng nhập").click()
    expect(officer.get_by_role("navigation", name="Menu khu làm việc")).to_be_visible()
    expect(officer.get_by_role("main")).to_contain_text(UNIT_NAME)
    officer.get_by_role("link", name=re.compile(r"^Việc của đơn vị")).first.click()
    item = officer.locator(".work-item").filter(has_text=TASK_TITLE)
    expect(item).to_contain_text(UNIT_NAME)
    screenshot(officer, "accounts-officer-work-360")
    assert officer.console_errors == []
    assert officer.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
