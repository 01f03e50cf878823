"""A small plan with tasks, periods and units, for service and selector tests."""

from datetime import date

from campaign.models import Assignment, Measure, Plan, ReportingPeriod, Task, Theme
from tests.factories import UnitFactory


def make_plan(**kwargs):
    values = {
        "code": "ke-hoach-thu", "title": "Kế hoạch thử", "issuing_body": "THÀNH ỦY ĐÀ LẠT",
        "starts_on": date(2022, 1, 1), "ends_on": date(2022, 12, 31), "status": Plan.Status.IN_PROGRESS,
    }
    values.update(kwargs)
    return Plan.objects.create(**values)


def make_task(plan, *, title="Nhiệm vụ", due_dates=(date(2022, 7, 5),), theme=None, weight=None):
    task = Task.objects.create(plan=plan, title=title, theme=theme, weight=weight)
    for index, due_on in enumerate(due_dates):
        ReportingPeriod.objects.create(
            task=task, label=f"Kỳ {index + 1}", starts_on=date(due_on.year, 1, 1), ends_on=due_on, due_on=due_on, order=index,
        )
    return task


def assign(task, *units):
    return [Assignment.objects.create(task=task, unit=unit) for unit in units]


def make_world():
    plan = make_plan()
    theme = Theme.objects.create(plan=plan, code="1", title="Campuchia", order=1)
    child = Theme.objects.create(plan=plan, parent=theme, code="1.1", title="Lịch sử", order=2)
    measure = Measure.objects.create(plan=plan, code="so-bai", name="Số tin, bài viết", unit_label="bài", order=1)
    units = [UnitFactory(name=f"Đơn vị {n}", order=n) for n in range(1, 4)]
    task = make_task(plan, due_dates=(date(2022, 7, 5), date(2022, 8, 5)), theme=child)
    assignments = assign(task, *units)
    return plan, theme, child, measure, units, task, assignments
