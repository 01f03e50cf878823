"""Point 7 of issue 10: overdue days stop when the period locks or the plan closes;
rates with nothing to count say why; the dashboard's progress figures sit beside the bar."""

from datetime import date, datetime, timedelta, timezone
from io import BytesIO

import pytest
from openpyxl import load_workbook

from campaign import services
from campaign.deadlines import days_overdue
from campaign.exports import dashboard_workbook
from campaign.models import Plan, ProgressReport
from campaign.selectors import Tally, plan_dashboard
from tests.campaign.world import assign, make_plan, make_task, make_world
from tests.factories import UnitFactory, make_staff

pytestmark = pytest.mark.django_db
VN = timezone(timedelta(hours=7))


def test_overdue_days_run_to_today_while_the_plan_runs():
    assert days_overdue(date(2022, 8, 5), today=date(2022, 9, 1)) == 27


def test_overdue_days_stop_the_day_the_period_locked():
    # Locked 15 days after the due day: the unit could file until the end of 20/08, the count stops on 21/08.
    assert days_overdue(date(2022, 8, 5), today=date(2026, 12, 2), lock_after_days=15) == 16
    assert days_overdue(date(2022, 8, 5), today=date(2022, 8, 10), lock_after_days=15) == 5


def test_overdue_days_stop_the_day_the_plan_closed():
    assert days_overdue(date(2022, 8, 5), today=date(2026, 12, 2), plan_closed_on=date(2022, 12, 31)) == 148
    # Due after the plan closed: never overdue.
    assert days_overdue(date(2023, 1, 15), today=date(2026, 12, 2), plan_closed_on=date(2022, 12, 31)) == 0


def closed_world(closed_on=None):
    plan, theme, child, measure, units, task, assignments = make_world()
    plan.status = Plan.Status.CLOSED
    plan.closed_on = closed_on
    plan.save()
    return plan, task, assignments


def test_a_closed_plan_lists_overdue_days_up_to_its_closing_day_not_today():
    plan, task, assignments = closed_world(closed_on=date(2022, 9, 1))
    july, august = task.periods.order_by("due_on")
    board = plan_dashboard(plan=plan, today=date(2026, 12, 2))
    days = {(row.unit.name, period.label): d for row in board.unit_rows for _, period, d in row.overdue_items}
    assert days[("Đơn vị 1", "Kỳ 1")] == (date(2022, 9, 1) - july.due_on).days == 58
    assert days[("Đơn vị 1", "Kỳ 2")] == 27
    # A year later the figures are the same: the count stopped growing.
    assert plan_dashboard(plan=plan, today=date(2027, 12, 2)).unit_rows[0].overdue_items == board.unit_rows[0].overdue_items
    assert board.overdue_note == "ngày kế hoạch tổng kết (01/09/2022)"


def test_a_plan_closed_before_closing_days_were_kept_stops_at_its_end_date():
    plan, task, assignments = closed_world(closed_on=None)
    board = plan_dashboard(plan=plan, today=date(2026, 12, 2))
    assert sorted({d for row in board.unit_rows for _, _, d in row.overdue_items}) == [148, 179]
    assert board.overdue_note == "ngày kế hoạch tổng kết (31/12/2022)"


def test_closing_a_plan_records_the_day_and_reopening_clears_it():
    plan = make_plan()
    staff = make_staff()
    services.plan_change_status(plan=plan, status=Plan.Status.CLOSED, by=staff)
    plan.refresh_from_db()
    assert plan.closed_on == services.local_today()
    services.plan_change_status(plan=plan, status=Plan.Status.IN_PROGRESS, by=staff)
    plan.refresh_from_db()
    assert plan.closed_on is None and plan.counting_ends_on is None


def test_the_excel_of_a_closed_plan_shows_the_days_up_to_closing():
    plan, task, assignments = closed_world(closed_on=date(2022, 9, 1))
    book = load_workbook(BytesIO(dashboard_workbook(plan_dashboard(plan=plan, today=date(2026, 12, 2)))))
    overdue = list(book["Quá hạn"].iter_rows(values_only=True))[1:]
    assert sorted({row[4] for row in overdue}) == [27, 58]
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(values_only=True)}
    assert summary["Số ngày quá hạn tính đến"] == "ngày kế hoạch tổng kết (01/09/2022)"


def test_the_dashboard_page_of_a_closed_plan_stops_counting(client):
    plan, task, assignments = closed_world(closed_on=date(2022, 9, 1))
    client.force_login(make_staff())
    html = client.get(f"/lam-viec/ke-hoach/{plan.pk}/tong-hop/").content.decode()
    assert "quá 58 ngày" in html and "quá 27 ngày" in html
    assert "Số ngày quá hạn tính đến ngày kế hoạch tổng kết (01/09/2022)." in html


def test_a_locked_period_stops_counting_on_an_open_plan(client):
    plan = make_plan(lock_after_days=10)
    task = make_task(plan, due_dates=(date(2022, 7, 5),))
    assign(task, UnitFactory(name="Đơn vị chậm"))
    board = plan_dashboard(plan=plan, today=date(2026, 12, 2))
    assert [d for _, _, d in board.unit_rows[0].overdue_items] == [11]
    assert board.overdue_note == "hôm nay (02/12/2026); kỳ đã khóa sổ (10 ngày sau hạn) thì tính đến ngày khóa sổ"


def test_rates_with_nothing_to_count_say_why():
    assert Tally().reporting_rate_text == "không có hạn"
    assert Tally().on_time_rate_text == "không có hạn"
    assert Tally(expected=4).on_time_rate_text == "chưa đến hạn"
    assert Tally(expected=4, overdue=1).on_time_rate_text == "chưa có lượt nộp"
    assert Tally(expected=4, reported=1, on_time=1).reporting_rate_text == "25 %"
    assert Tally(expected=4, reported=1, on_time=1).on_time_rate_text == "100 %"


def test_months_not_yet_due_and_zero_progress_read_in_words_and_figures(client):
    plan, theme, child, measure, units, task, assignments = make_world()
    at = datetime(2022, 7, 4, 9, 0, tzinfo=VN)
    july = task.periods.order_by("due_on").first()
    ProgressReport.objects.create(assignment=assignments[0], period=july, status="submitted", text="x",
                                  first_submitted_at=at, submitted_at=at)
    plan.starts_on, plan.ends_on = date(2022, 1, 1), date(2099, 12, 31)
    plan.save()
    make_task(plan, title="Việc năm sau", due_dates=(date(2099, 1, 5),))
    assign(plan.tasks.get(title="Việc năm sau"), units[0])
    client.force_login(make_staff())
    html = client.get(f"/lam-viec/ke-hoach/{plan.pk}/tong-hop/").content.decode()
    assert "–%" not in html
    assert "<td>01/2099</td><td>0/1</td><td>0 %</td><td>chưa đến hạn</td>" in html
    assert '<span class="progress-value">0 %</span>' in html
    assert '<span class="progress-value">15 %</span>' in html
    book = load_workbook(BytesIO(client.get(f"/lam-viec/ke-hoach/{plan.pk}/tong-hop.xlsx").content))
    months = list(book["Theo tháng"].iter_rows(values_only=True))
    assert months[-1] == ("01/2099", 1, 0, 0, 0, "chưa đến hạn")


def test_the_task_matrix_of_a_closed_plan_marks_periods_due_after_closing_as_not_due(client):
    plan, task, assignments = closed_world(closed_on=date(2022, 7, 20))
    client.force_login(make_staff())
    html = client.get(f"/lam-viec/nhiem-vu/{task.pk}/").content.decode()
    # July (due 05/07) was overdue when the plan closed; August (due 05/08) never came due.
    assert html.count("Quá hạn") == 3
    assert html.count("Không phải nộp (kế hoạch đã tổng kết)") == 3


def test_the_demo_closed_plan_no_longer_counts_years_of_overdue_days(client):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    plan = Plan.objects.get(status=Plan.Status.CLOSED)
    board = plan_dashboard(plan=plan, today=date(2026, 12, 2))
    days = {d for row in board.unit_rows for _, _, d in row.overdue_items}
    assert days and max(days) <= plan.lock_after_days + 1
    assert board.overdue_note == (
        "ngày kế hoạch tổng kết (31/12/2022); kỳ đã khóa sổ (15 ngày sau hạn) thì tính đến ngày khóa sổ"
    )


def test_an_officers_locked_item_stops_counting_too():
    from campaign.selectors import work_items
    from tests.factories import make_officer

    plan = make_plan(ends_on=date(2030, 12, 31), lock_after_days=15)
    unit = UnitFactory()
    officer = make_officer(unit)
    assign(make_task(plan, title="Quá hạn lâu", due_dates=(date(2026, 1, 5),)), unit)
    open_items, _ = work_items(user=officer, today=date(2026, 12, 2))
    assert open_items[0].is_overdue and open_items[0].days_overdue == 16
