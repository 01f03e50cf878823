"""The story of the reminder tests.

Sở Ngoại vụ (office address vanphong@songoaivu.example, officer alice) must
file the quarterly report of a plan in progress, due on 10/03/2026. It sits in
a group node ("Các sở, ngành") under UBND tỉnh (office address, officer bob),
to which overdue work is escalated, with Ban Tuyên giáo (staff carol).
"""

from datetime import date, datetime, time, timedelta

from campaign.deadlines import VIETNAM
from campaign.models import Assignment, Plan, ReportingPeriod, Task, Unit
from tests.factories import UnitFactory, make_officer, make_staff

DUE = date(2026, 3, 10)


def at(day, hour=7, minute=0):
    """An aware instant, Vietnamese time."""
    return datetime.combine(day, time(hour, minute), tzinfo=VIETNAM)


def day(offset):
    """The day `offset` days after the due date."""
    return DUE + timedelta(days=offset)


class Clock:
    """The time every `timezone.now()` returns, moved by the test."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def set(self, now):
        self.now = now

    def advance(self, **delta):
        self.now += timedelta(**delta)


def make_story():
    province = UnitFactory(code="ubnd-tinh", name="UBND tỉnh", kind=Unit.Kind.GOVERNMENT, emails="vanphong@ubnd.example")
    group = UnitFactory(code="cac-so", name="Các sở, ngành", kind=Unit.Kind.GROUP, parent=province)
    office = UnitFactory(code="so-ngoai-vu", name="Sở Ngoại vụ", parent=group, emails="vanphong@songoaivu.example")
    alice = make_officer(office, username="alice", email="alice@songoaivu.example", first_name="Trần Thị Alice")
    bob = make_officer(province, username="bob", email="bob@ubnd.example")
    carol = make_staff(username="carol", email="carol@btg.example")
    plan = Plan.objects.create(
        code="hop-tac", title="Hợp tác Gia Lai – Nam Lào", issuing_body="UBND TỈNH GIA LAI",
        starts_on=date(2026, 1, 1), ends_on=date(2030, 12, 31), status=Plan.Status.IN_PROGRESS,
    )
    task = Task.objects.create(plan=plan, title="Trao đổi đoàn", schedule=Task.Schedule.QUARTERLY)
    period = ReportingPeriod.objects.create(
        task=task, label="Quý I/2026", starts_on=date(2026, 1, 1), ends_on=date(2026, 3, 31), due_on=DUE,
    )
    assignment = Assignment.objects.create(task=task, unit=office)
    return {
        "province": province, "group": group, "office": office, "alice": alice, "bob": bob, "carol": carol,
        "plan": plan, "task": task, "period": period, "assignment": assignment,
    }


def add_task(story, title, due_on, unit=None):
    task = Task.objects.create(plan=story["plan"], title=title)
    period = ReportingPeriod.objects.create(task=task, label="Báo cáo kết quả", starts_on=date(2026, 1, 1), ends_on=due_on, due_on=due_on)
    assignment = Assignment.objects.create(task=task, unit=unit or story["office"])
    return task, period, assignment
