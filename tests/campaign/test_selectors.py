from datetime import date, datetime, timedelta, timezone

import pytest

from campaign.models import Assignment, ProgressReport, ReportFigure, ReportingPeriod, Task
from campaign.selectors import open_work_count, plan_dashboard, plan_document, work_items
from tests.campaign.world import assign, make_plan, make_task, make_world
from tests.factories import UnitFactory, make_officer, make_staff

pytestmark = pytest.mark.django_db

VN = timezone(timedelta(hours=7))


def file_report(assignment, period, at, status=ProgressReport.Status.SUBMITTED):
    return ProgressReport.objects.create(
        assignment=assignment, period=period, status=status, text="<p>x</p>", first_submitted_at=at, submitted_at=at,
    )


def test_rates_count_like_an_auditor():
    plan, theme, child, measure, units, task, assignments = make_world()
    UnitFactory(name="Đơn vị không được giao")  # not expected: only assigned units count
    july, august = task.periods.order_by("due_on")
    # Unit 1: 23:30 on the due day (on time). Unit 2: 00:05 the next day (late). Unit 3: nothing.
    file_report(assignments[0], july, datetime(2022, 7, 5, 23, 30, tzinfo=VN))
    file_report(assignments[1], july, datetime(2022, 7, 6, 0, 5, tzinfo=VN))
    board = plan_dashboard(plan=plan, start=date(2022, 7, 1), end=date(2022, 7, 31), today=date(2022, 7, 20))
    assert (board.total.expected, board.total.reported, board.total.on_time, board.total.overdue) == (3, 2, 1, 1)
    assert board.total.reporting_rate == 67 and board.total.on_time_rate == 50
    rows = {row.unit.name: row for row in board.unit_rows}
    assert set(rows) == {"Đơn vị 1", "Đơn vị 2", "Đơn vị 3"}
    assert rows["Đơn vị 3"].overdue_items == [(task, july, 15)]


def test_grace_days_make_a_late_report_on_time():
    plan, _, _, _, _, task, assignments = make_world()
    plan.grace_days = 1
    plan.save()
    july = task.periods.order_by("due_on").first()
    file_report(assignments[0], july, datetime(2022, 7, 6, 22, 0, tzinfo=VN))
    board = plan_dashboard(plan=plan, start=date(2022, 7, 1), end=date(2022, 7, 31), today=date(2022, 8, 1))
    assert board.total.on_time == 1


def test_returned_report_is_not_counted_as_reported():
    plan, _, _, _, _, task, assignments = make_world()
    july = task.periods.order_by("due_on").first()
    file_report(assignments[0], july, datetime(2022, 7, 1, 9, 0, tzinfo=VN), status=ProgressReport.Status.RETURNED)
    board = plan_dashboard(plan=plan, start=date(2022, 7, 1), end=date(2022, 7, 31), today=date(2022, 8, 1))
    assert board.total.reported == 0 and board.total.overdue == 3


def test_figures_sum_by_unit_and_roll_up_themes():
    plan, theme, child, measure, units, task, assignments = make_world()
    july, august = task.periods.order_by("due_on")
    at = datetime(2022, 7, 1, 9, 0, tzinfo=VN)
    r1 = file_report(assignments[0], july, at, ProgressReport.Status.ACCEPTED)
    ReportFigure.objects.create(report=r1, measure=measure, value=7)
    r2 = file_report(assignments[0], august, at, ProgressReport.Status.SUBMITTED)
    ReportFigure.objects.create(report=r2, measure=measure, value=5)
    r3 = file_report(assignments[1], july, at, ProgressReport.Status.RETURNED)
    ReportFigure.objects.create(report=r3, measure=measure, value=100)  # returned: not counted
    board = plan_dashboard(plan=plan, today=date(2022, 9, 1))
    rows = {row.unit.name: row for row in board.unit_rows}
    assert rows["Đơn vị 1"].figures == [12]
    assert rows["Đơn vị 2"].figures == [0]
    themes = {row.theme.code: row for row in board.theme_rows}
    assert themes["1.1"].figures == [12] and themes["1"].figures == [12]
    # Progress: unit 1 (100+60)/2 = 80; unit 2 (30+0)/2 = 15; unit 3: 0. Task = mean = 32.
    assert (rows["Đơn vị 1"].progress, rows["Đơn vị 2"].progress, rows["Đơn vị 3"].progress) == (80, 15, 0)
    assert themes["1.1"].progress == 32 and themes["1"].progress == 32 and board.plan_progress == 32


def test_weights_and_overrides_in_progress():
    plan, theme, child, measure, units, task, assignments = make_world()
    task.weight = 3
    task.save()
    other = make_task(plan, title="Nhẹ", theme=child, weight=1)
    (other_assignment,) = assign(other, units[0])
    Assignment.objects.filter(task=task).update(progress_override=100)
    board = plan_dashboard(plan=plan, today=date(2022, 9, 1))
    assert board.plan_progress == 75  # (100*3 + 0*1) / 4


def test_month_rows_for_the_chart():
    plan, _, _, _, _, task, assignments = make_world()
    july, august = task.periods.order_by("due_on")
    file_report(assignments[0], july, datetime(2022, 7, 1, 9, 0, tzinfo=VN))
    board = plan_dashboard(plan=plan, today=date(2022, 9, 1))
    assert [(key, t.expected, t.reported) for key, t in board.months] == [((2022, 7), 3, 1), ((2022, 8), 3, 0)]


def big_plan(units, periods):
    plan = make_plan(code=f"lon-{units}-{periods}")
    measure = plan.measures.create(code="so-bai", name="Số bài", unit_label="bài")
    unit_objs = [UnitFactory() for _ in range(units)]
    tasks = [
        make_task(plan, title=f"Nhiệm vụ {n}", due_dates=[date(2022, 1, 5) + timedelta(days=30 * i) for i in range(periods)])
        for n in range(2)
    ]
    assignments = Assignment.objects.bulk_create([Assignment(task=t, unit=u) for t in tasks for u in unit_objs])
    at = datetime(2022, 1, 1, 9, 0, tzinfo=VN)
    reports = ProgressReport.objects.bulk_create(
        ProgressReport(assignment=a, period=p, text="x", first_submitted_at=at, submitted_at=at)
        for a in assignments for p in ReportingPeriod.objects.filter(task_id=a.task_id)[: periods // 2]
    )
    ReportFigure.objects.bulk_create(ReportFigure(report=r, measure=measure, value=1) for r in reports)
    return plan


def test_dashboard_query_count_does_not_grow_with_rows(django_assert_num_queries):
    small = big_plan(units=3, periods=2)
    with django_assert_num_queries(7):
        plan_dashboard(plan=small, today=date(2022, 12, 31))
    Task.objects.all().delete()
    large = big_plan(units=200, periods=12)
    with django_assert_num_queries(7):
        board = plan_dashboard(plan=large, today=date(2022, 12, 31))
    assert board.total.expected == 2 * 200 * 12
    assert board.total.reported == 2 * 200 * 6


def test_dashboard_page_query_count_is_bounded(client, django_assert_max_num_queries):
    plan = big_plan(units=200, periods=12)
    client.force_login(make_staff())
    with django_assert_max_num_queries(20):
        response = client.get(f"/lam-viec/ke-hoach/{plan.pk}/tong-hop/")
    assert response.status_code == 200
    assert "2400/4800" in response.content.decode()


def test_work_items_put_overdue_first_and_filed_last():
    plan = make_plan(ends_on=date(2030, 12, 31))
    unit = UnitFactory()
    officer = make_officer(unit)
    today = date(2026, 11, 27)
    late = make_task(plan, title="Quá hạn", due_dates=(today - timedelta(days=3),))
    soon = make_task(plan, title="Sắp đến hạn", due_dates=(today + timedelta(days=2),))
    later = make_task(plan, title="Còn lâu", due_dates=(today + timedelta(days=40),))
    done = make_task(plan, title="Đã nộp", due_dates=(today - timedelta(days=1),))
    for task in (late, soon, later, done):
        assign(task, unit)
    file_report(done.assignments.get(), done.periods.get(), datetime(2026, 11, 20, 9, 0, tzinfo=VN))
    open_items, filed_items = work_items(user=officer, today=today)
    assert [i.assignment.task.title for i in open_items] == ["Quá hạn", "Sắp đến hạn", "Còn lâu"]
    assert open_items[0].is_overdue and open_items[0].days_overdue == 3
    assert open_items[1].is_due_soon and open_items[1].days_left == 2
    assert not open_items[2].is_due_soon
    assert [i.assignment.task.title for i in filed_items] == ["Đã nộp"]
    assert open_work_count(user=officer, today=today) == 2


def test_work_items_only_for_the_users_units():
    plan = make_plan()
    mine, other = UnitFactory(), UnitFactory()
    task = make_task(plan)
    assign(task, mine, other)
    officer = make_officer(mine)
    open_items, _ = work_items(user=officer, today=date(2022, 7, 1))
    assert [i.assignment.unit for i in open_items] == [mine]


def test_officer_task_list_query_count_is_bounded(client, django_assert_max_num_queries):
    plan = make_plan(ends_on=date(2030, 12, 31))
    unit = UnitFactory()
    officer = make_officer(unit)
    for n in range(3):
        assign(make_task(plan, title=f"Việc {n}", due_dates=(date(2026, 12, 1),)), unit)
    client.force_login(officer)
    with django_assert_max_num_queries(14) as few:
        client.get("/lam-viec/viec-cua-don-vi/")
    for n in range(40):
        assign(make_task(plan, title=f"Việc thêm {n}", due_dates=(date(2026, 12, 1), date(2027, 1, 5))), unit)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/lam-viec/viec-cua-don-vi/")
    assert response.content.decode().count('<li class="work-item') == 3 + 80


def test_plan_page_query_count_is_bounded(client, django_assert_max_num_queries):
    plan, *_ = make_world()
    client.force_login(make_staff())
    with django_assert_max_num_queries(20) as few:
        client.get(f"/lam-viec/ke-hoach/{plan.pk}/")
    for n in range(30):
        assign(make_task(plan, title=f"Thêm {n}", due_dates=(date(2022, 9, 1), date(2022, 10, 1))), UnitFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(f"/lam-viec/ke-hoach/{plan.pk}/")
    assert "Thêm 29" in response.content.decode()


def test_plan_document_orders_themes_as_a_tree():
    plan, theme, child, *_ = make_world()
    doc = plan_document(plan=plan)
    assert [(t.code, depth) for t, depth in doc["themes"]] == [("1", 0), ("1.1", 1)]


def test_plan_calendar_marks_key_dates_and_due_dates():
    plan, theme, *_ = make_world()
    plan.key_dates.create(kind="programme", date=date(2022, 8, 29), end_date=date(2022, 9, 4), title="Chương trình đặc biệt")
    grids = plan_document(plan=plan)["calendar"]
    assert [(g["year"], g["month"]) for g in grids] == [(2022, 7), (2022, 8), (2022, 9)]
    days = {cell.day: cell for grid in grids for week in grid["weeks"] for cell in week if cell.in_month}
    assert days[date(2022, 9, 4)].key_dates[0].title == "Chương trình đặc biệt"
    assert days[date(2022, 9, 5)].key_dates == []
    assert days[date(2022, 7, 5)].due == ["Hạn: Nhiệm vụ – Kỳ 1"]
    assert grids[0]["weeks"][0][0].day.weekday() == 0  # weeks start on Monday


def test_closed_and_draft_plans_are_not_the_officers_work():
    unit = UnitFactory()
    officer = make_officer(unit)
    for code, status in (("dong", "closed"), ("nhap", "draft"), ("mo", "in_progress")):
        assign(make_task(make_plan(code=code, status=status), title=code), unit)
    open_items, filed_items = work_items(user=officer, today=date(2026, 11, 27))
    assert [i.assignment.task.title for i in open_items] == ["mo"]
    assert open_work_count(user=officer, today=date(2026, 11, 27)) == 1
