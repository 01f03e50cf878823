"""The story shared by the view tests: Ban Tuyên giáo staff (carol) run a plan;
officer alice files for unit A, officer bob for unit B; dave has an account
but no role."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from campaign import services
from campaign.models import Assignment, Measure, OfficerProfile, Plan, ProgressReport, ReportingPeriod, Task, Theme
from campaign.roles import STAFF_GROUP
from tests.campaign.reminders_world import DUE, Clock, at
from tests.factories import UnitFactory, UserFactory, make_officer, make_staff


@pytest.fixture
def world():
    plan = Plan.objects.create(
        code="nam-huu-nghi", title="Tuyên truyền Năm Hữu nghị", issuing_body="THÀNH ỦY ĐÀ LẠT",
        starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31), status=Plan.Status.IN_PROGRESS, lock_after_days=None,
    )
    theme = Theme.objects.create(plan=plan, code="1", title="Lịch sử quan hệ hữu nghị", order=1)
    measure = Measure.objects.create(plan=plan, code="so-bai", name="Số tin, bài viết", unit_label="bài", order=1)
    task = Task.objects.create(plan=plan, theme=theme, title="Đăng tin bài hằng tháng", schedule=Task.Schedule.MONTHLY)
    july = ReportingPeriod.objects.create(
        task=task, label="Tháng 7/2022", starts_on=date(2022, 7, 1), ends_on=date(2022, 7, 31), due_on=date(2022, 8, 5), order=0,
    )
    august = ReportingPeriod.objects.create(
        task=task, label="Tháng 8/2022", starts_on=date(2022, 8, 1), ends_on=date(2022, 8, 31), due_on=date(2022, 9, 5), order=1,
    )
    unit_a = UnitFactory(name="Đảng bộ Phường 1", order=1)
    unit_b = UnitFactory(name="Mặt trận Tổ quốc thành phố", order=2)
    assignment_a = Assignment.objects.create(task=task, unit=unit_a)
    assignment_b = Assignment.objects.create(task=task, unit=unit_b)
    # A second task, given to B only: its period belongs to another task than A's assignment.
    contest = Task.objects.create(plan=plan, title="Tổ chức hội thi tìm hiểu", order=2)
    contest_period = ReportingPeriod.objects.create(
        task=contest, label="Báo cáo tổng kết", starts_on=date(2022, 6, 1), ends_on=date(2022, 11, 30),
        due_on=date(2022, 12, 5), is_final=True,
    )
    contest_b = Assignment.objects.create(task=contest, unit=unit_b)

    alice = make_officer(unit_a, username="alice")
    bob = make_officer(unit_b, username="bob")
    carol = make_staff(username="carol")
    dave = UserFactory(username="dave")
    report_b = services.progress_report_submit(
        assignment=assignment_b, period=july, by=bob, text="<p>Đã đăng 3 bài.</p>", figures={measure: 3},
    )
    assert report_b.status == ProgressReport.Status.SUBMITTED
    return {
        "plan": plan, "theme": theme, "measure": measure, "task": task, "july": july, "august": august,
        "unit_a": unit_a, "unit_b": unit_b, "assignment_a": assignment_a, "assignment_b": assignment_b,
        "contest": contest, "contest_period": contest_period, "contest_b": contest_b, "report_b": report_b,
        "alice": alice, "bob": bob, "carol": carol, "dave": dave,
    }


@pytest.fixture
def clock(monkeypatch):
    """Scans and sends read the clock; tests set it (Vietnamese time), from the due date of the reminder story."""
    clock = Clock(at(DUE))
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture
def alice(client, world):
    """Officer alice of the view story, logged in."""
    client.force_login(world["alice"])
    return client


@pytest.fixture
def carol(world):
    """Staff carol of the view story, logged in on a client of her own."""
    client = Client()
    client.force_login(world["carol"])
    return client


@pytest.fixture
def accounts(settings):
    """The story of the account tests: staff carol manages officer accounts; alice is an officer of
    Phường 1; sam (staff with admin access), root (superuser), eve (officer and staff) and dave (no
    role) are accounts carol must not touch from these pages."""
    settings.SITE_URL = "http://portal.example.vn"
    unit_a = UnitFactory(code="phuong-1", name="Đảng bộ Phường 1", order=1)
    unit_b = UnitFactory(code="mttq-thanh-pho", name="Mặt trận Tổ quốc thành phố", order=2)
    closed = UnitFactory(code="don-vi-cu", name="Đơn vị đã giải thể", order=3, is_active=False)
    carol = make_staff(username="carol")
    sam = make_staff(username="sam", is_staff=True)
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    alice = make_officer(unit_a, username="alice", first_name="Nguyễn Thị An")
    OfficerProfile.objects.create(user=alice, phone="0912345678")
    eve = make_officer(unit_a, username="eve")
    eve.groups.add(Group.objects.get(name=STAFF_GROUP))
    dave = UserFactory(username="dave")
    return {
        "unit_a": unit_a, "unit_b": unit_b, "closed": closed, "carol": carol, "sam": sam, "root": root,
        "alice": alice, "eve": eve, "dave": dave,
    }
