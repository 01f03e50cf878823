"""Quiz entries by unit reach the campaign dashboard (the plan asks units to urge their members)."""

from datetime import date

import pytest

from campaign.selectors import counted_unit_figures, plan_dashboard
from contests.selectors import plan_unit_quiz_figures
from tests.campaign.world import assign, make_plan, make_task
from tests.contests.conftest import entry, make_participant
from tests.factories import UnitFactory, make_staff


@pytest.fixture
def unit_plan(closed):
    today = closed.opens_at.date()
    plan = make_plan(code="thang-cao-diem", starts_on=date(today.year - 1, 1, 1), ends_on=date(today.year + 1, 12, 31))
    unit, other = UnitFactory(name="Thành Đoàn Đà Lạt"), UnitFactory(name="Hội Nông dân")
    assign(make_task(plan, due_dates=(date(today.year, 12, 31),)), unit, other)
    return plan, unit, other


def test_participants_and_attempts_of_each_unit_are_counted(closed, unit_plan):
    plan, unit, other = unit_plan
    members = [make_participant(closed.contest, name=f"Đoàn viên {i}", phone=f"09130000{i:02d}", unit=unit) for i in range(3)]
    entry(closed, members[0], score=10, prediction=5, duration_ms=1000)
    entry(closed, members[0], score=9, prediction=5, duration_ms=1000, offset_ms=10)
    entry(closed, members[1], score=8, prediction=5, duration_ms=1000)
    # members[2] registered but never submitted: not an entry.
    figures = plan_unit_quiz_figures(plan=plan)
    assert figures == [
        ("Số người dự thi trên cổng", "người", {unit.pk: 2}),
        ("Số lượt thi trên cổng", "lượt", {unit.pk: 3}),
    ]
    board = plan_dashboard(plan=plan, counted=counted_unit_figures(plan=plan))
    rows = {row.unit.name: row.counted for row in board.unit_rows}
    assert rows == {"Thành Đoàn Đà Lạt": [2, 3], "Hội Nông dân": [0, 0]}
    assert board.counted_labels == ["Số người dự thi trên cổng (người)", "Số lượt thi trên cổng (lượt)"]


def test_entries_outside_the_plan_time_frame_are_not_counted(closed):
    unit = UnitFactory()
    plan = make_plan(code="nam-2000", starts_on=date(2000, 1, 1), ends_on=date(2000, 12, 31))
    entry(closed, make_participant(closed.contest, unit=unit), score=10, prediction=5, duration_ms=1000)
    assert plan_unit_quiz_figures(plan=plan) == [
        ("Số người dự thi trên cổng", "người", {}), ("Số lượt thi trên cổng", "lượt", {}),
    ]


def test_the_dashboard_page_shows_the_quiz_columns(client, closed, unit_plan):
    plan, unit, _ = unit_plan
    entry(closed, make_participant(closed.contest, unit=unit), score=10, prediction=5, duration_ms=1000)
    client.force_login(make_staff())
    html = client.get(f"/lam-viec/ke-hoach/{plan.pk}/tong-hop/").content.decode()
    assert "<th>Số người dự thi trên cổng (người)</th>" in html
