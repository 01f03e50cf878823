"""campaign.states: the one rule for on time, late and overdue, and every page that shows it agreeing."""

from datetime import date, datetime, timedelta, timezone
from io import BytesIO

import pytest
from openpyxl import load_workbook

from campaign import services
from campaign.deadlines import local_today
from campaign.models import LockException, ProgressReport
from campaign.states import Kind, is_locked, period_state
from tests.campaign.world import assign, make_plan, make_task
from tests.factories import UnitFactory, make_officer, make_staff

VN = timezone(timedelta(hours=7))
DUE = date(2022, 7, 5)


def at(day, hour=9, minute=0):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN)


def test_not_due_due_soon_and_due_today():
    later = period_state(DUE, today=DUE - timedelta(days=8))
    assert (later.kind, later.label, later.css, later.days_left) == (Kind.NOT_DUE, "Chưa đến hạn", "cell-open", 8)
    assert (later.due_text, later.due_tone, later.row_class, later.is_due_soon) == ("Còn 8 ngày", "light", "", False)
    soon = period_state(DUE, today=DUE - timedelta(days=7))
    assert (soon.kind, soon.label, soon.css) == (Kind.DUE_SOON, "Chưa đến hạn", "cell-open")
    assert (soon.due_text, soon.due_tone, soon.row_class) == ("Còn 7 ngày", "warning", "work-item--soon")
    today = period_state(DUE, today=DUE)
    assert (today.kind, today.days_overdue, today.is_overdue) == (Kind.DUE_SOON, 0, False)
    assert (today.due_text, today.due_phrase) == ("Hạn hôm nay", "Hôm nay là hạn nộp")


def test_one_day_late():
    state = period_state(DUE, today=DUE + timedelta(days=1))
    assert (state.kind, state.label, state.css, state.days_overdue) == (Kind.OVERDUE, "Quá hạn", "cell-overdue", 1)
    assert (state.due_text, state.due_tone, state.row_class) == ("Quá hạn 1 ngày", "danger", "work-item--overdue")
    assert state.due_phrase == "Đã quá hạn 1 ngày" and not state.is_due_soon


def test_filed_on_the_due_date_is_on_time_and_after_it_late():
    on_time = period_state(DUE, today=DUE + timedelta(days=3), status="submitted", first_submitted_at=at(DUE, 23, 59))
    assert (on_time.kind, on_time.label, on_time.css, on_time.days_overdue) == (Kind.ON_TIME, "Đúng hạn, chờ duyệt", "cell-on_time", 0)
    late = period_state(DUE, today=DUE + timedelta(days=3), status="accepted", first_submitted_at=at(DUE + timedelta(days=1), 0, 5))
    assert (late.kind, late.label, late.css, late.is_filed) == (Kind.LATE, "Nộp muộn, đã duyệt", "cell-late", True)
    # The plan's grace days move the line.
    graced = period_state(DUE, today=DUE, status="submitted", first_submitted_at=at(DUE + timedelta(days=1)), grace_days=1)
    assert graced.kind == Kind.ON_TIME


def test_returned_is_not_filed_and_counts_overdue_until_filed_again():
    returned = period_state(DUE, today=DUE + timedelta(days=4), status="returned", first_submitted_at=at(DUE))
    assert (returned.kind, returned.label, returned.css) == (Kind.RETURNED, "Trả lại", "cell-returned")
    assert not returned.is_filed and returned.days_overdue == 4 and returned.due_text == "Quá hạn 4 ngày"
    # Filed again after the due day: on time still, since the first filing counts.
    refiled = period_state(DUE, today=DUE + timedelta(days=4), status="submitted", first_submitted_at=at(DUE))
    assert refiled.kind == Kind.ON_TIME and refiled.days_overdue == 0


def test_a_closed_plan_stops_counting_and_owes_nothing_due_after_it_closed():
    closed = date(2022, 7, 20)
    overdue = period_state(DUE, today=date(2026, 12, 2), closed_on=closed)
    assert (overdue.kind, overdue.days_overdue) == (Kind.OVERDUE, 15)
    never = period_state(date(2022, 8, 5), today=date(2026, 12, 2), closed_on=closed)
    assert (never.kind, never.label, never.css, never.days_overdue) == (
        Kind.NOT_REQUIRED, "Không phải nộp (kế hoạch đã tổng kết)", "cell-open", 0,
    )
    # Not yet due when the plan closed early: nothing to file either.
    assert period_state(DUE, today=DUE - timedelta(days=2), closed_on=DUE - timedelta(days=3)).kind == Kind.NOT_REQUIRED


def test_a_locked_period_stops_counting_unless_staff_granted_an_exception():
    last_day = DUE + timedelta(days=15)
    assert not is_locked(DUE, today=last_day, lock_after_days=15)
    assert is_locked(DUE, today=last_day + timedelta(days=1), lock_after_days=15)
    assert not is_locked(DUE, today=date(2030, 1, 1), lock_after_days=None)
    locked = period_state(DUE, today=date(2026, 12, 2), lock_after_days=15)
    assert (locked.kind, locked.days_overdue, locked.locked, locked.exempt) == (Kind.OVERDUE, 16, True, False)
    exempt = period_state(DUE, today=date(2026, 12, 2), lock_after_days=15, exception_until=date(2026, 12, 2))
    assert exempt.locked and exempt.exempt
    expired = period_state(DUE, today=date(2026, 12, 2), lock_after_days=15, exception_until=date(2026, 12, 1))
    assert expired.locked and not expired.exempt


@pytest.mark.django_db
def test_filing_refusal_follows_the_same_lock_rule():
    plan = make_plan(lock_after_days=0)
    unit = UnitFactory()
    task = make_task(plan, due_dates=(DUE,))
    (assignment,) = assign(task, unit)
    period = task.periods.get()
    assert services.filing_refusal(assignment=assignment, period=period, now=at(DUE, 23, 59)) is None
    assert "đã khóa sổ từ 06/07/2022" in services.filing_refusal(assignment=assignment, period=period, now=at(DUE + timedelta(days=1), 0, 1))
    LockException.objects.create(assignment=assignment, period=period, until=DUE + timedelta(days=1), reason="Ốm")
    assert services.filing_refusal(assignment=assignment, period=period, now=at(DUE + timedelta(days=1), 0, 1)) is None


@pytest.mark.django_db
def test_the_matrix_the_officers_list_the_dashboard_and_the_excel_say_the_same(client):
    """One unit, three periods: overdue, filed late, returned. Each page shows what period_state says."""
    today = local_today()
    plan = make_plan(starts_on=today - timedelta(days=60), ends_on=today + timedelta(days=60), lock_after_days=30)
    unit = UnitFactory(name="Phường 1")
    officer = make_officer(unit)
    overdue_on, late_on, returned_on = (today - timedelta(days=n) for n in (4, 10, 20))
    task = make_task(plan, title="Tin bài", due_dates=(returned_on, late_on, overdue_on))
    (assignment,) = assign(task, unit)
    periods = {p.due_on: p for p in task.periods.all()}
    ProgressReport.objects.create(assignment=assignment, period=periods[late_on], status="submitted", text="x",
                                  first_submitted_at=at(late_on + timedelta(days=2)), submitted_at=at(late_on + timedelta(days=2)))
    ProgressReport.objects.create(assignment=assignment, period=periods[returned_on], status="returned", text="x",
                                  first_submitted_at=at(returned_on), submitted_at=at(returned_on))
    rules = {"today": today, "lock_after_days": 30}
    overdue = period_state(overdue_on, **rules)
    late = period_state(late_on, status="submitted", first_submitted_at=at(late_on + timedelta(days=2)), **rules)
    returned = period_state(returned_on, status="returned", first_submitted_at=at(returned_on), **rules)
    assert (overdue.kind, late.kind, returned.kind) == (Kind.OVERDUE, Kind.LATE, Kind.RETURNED)

    client.force_login(make_staff())
    matrix = client.get(f"/lam-viec/nhiem-vu/{task.pk}/").content.decode()
    for state in (overdue, late, returned):
        assert f'<td class="{state.css}">' in matrix and state.label in matrix
    dashboard = client.get(f"/lam-viec/ke-hoach/{plan.pk}/tong-hop/").content.decode()
    book = load_workbook(BytesIO(client.get(f"/lam-viec/ke-hoach/{plan.pk}/tong-hop.xlsx").content))
    excel_days = {row[2]: row[4] for row in list(book["Quá hạn"].iter_rows(values_only=True))[1:]}
    for state, period in ((overdue, periods[overdue_on]), (returned, periods[returned_on])):
        assert f"quá {state.days_overdue} ngày" in dashboard
        assert excel_days[period.label] == state.days_overdue
    assert periods[late_on].label not in excel_days

    client.force_login(officer)
    my_work = client.get("/lam-viec/viec-cua-don-vi/").content.decode()
    for state in (overdue, returned):
        assert f'<span class="badge text-bg-{state.due_tone}">{state.due_text}</span>' in my_work
    assert my_work.count(overdue.row_class) == 2
