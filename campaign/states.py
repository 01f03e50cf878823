"""Where one unit stands on one reporting period: the one rule for "on time, late, overdue".

Every page and message that says so asks `period_state()`: the staff task
matrix, the officer's list (my_work), the dashboard and its Excel export, the
reminders. It works on plain values (dates, a report's status and first filing
instant, the plan's grace, lock and closing days), so callers keep their own
queries and query counts.

- filed: a report submitted or accepted (a returned one is not filed);
- on time: first submitted before local midnight after the due day plus the
  plan's grace days (campaign.deadlines.on_time_cutoff), else late;
- overdue: not filed and at least one counted overdue day
  (campaign.deadlines.days_overdue: counting stops when the period locks or
  the plan closes);
- due soon: not filed, due today or within DUE_SOON_DAYS;
- locked: the plan's lock days after the due day have passed; exempt: locked,
  but staff let the unit file (LockException) until a day not yet past.
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from django.db import models

from .deadlines import days_overdue, on_time_cutoff
from .models import ProgressReport

SUBMITTED, ACCEPTED, RETURNED = ProgressReport.Status.SUBMITTED, ProgressReport.Status.ACCEPTED, ProgressReport.Status.RETURNED
FILED = (SUBMITTED, ACCEPTED)
DUE_SOON_DAYS = 7


class Kind(models.TextChoices):
    NOT_DUE = "not_due", "Chưa đến hạn"
    DUE_SOON = "due_soon", "Sắp đến hạn"
    OVERDUE = "overdue", "Quá hạn"
    NOT_REQUIRED = "not_required", "Không phải nộp (kế hoạch đã tổng kết)"
    ON_TIME = "on_time", "Đúng hạn"
    LATE = "late", "Nộp muộn"
    RETURNED = "returned", "Trả lại"


# The task matrix's cell class (static/css/portal.css): not yet due and due soon look alike.
CELL_CLASS = {Kind.NOT_DUE: "open", Kind.DUE_SOON: "open", Kind.NOT_REQUIRED: "open"}


@dataclass(frozen=True, slots=True)
class PeriodState:
    kind: Kind
    days_left: int  # calendar days from today to the due day (negative: past it)
    days_overdue: int  # counted overdue days of a report not filed (0 when filed)
    accepted: bool = False
    locked: bool = False
    exempt: bool = False

    @property
    def is_filed(self):
        return self.kind in (Kind.ON_TIME, Kind.LATE)

    @property
    def is_on_time(self):
        return self.kind == Kind.ON_TIME

    @property
    def is_overdue(self):
        return self.days_overdue > 0

    @property
    def is_due_soon(self):
        return not self.is_filed and 0 <= self.days_left <= DUE_SOON_DAYS

    @property
    def label(self):
        """What the task matrix writes in the cell."""
        if self.is_filed:
            return f"{self.kind.label}, {'đã duyệt' if self.accepted else 'chờ duyệt'}"
        if self.kind == Kind.DUE_SOON:
            return Kind.NOT_DUE.label
        return self.kind.label

    @property
    def css(self):
        """The task matrix's cell class."""
        return "cell-" + CELL_CLASS.get(self.kind, self.kind.value)

    @property
    def due_text(self):
        """The officer's badge for work not filed (my_work)."""
        if self.is_overdue:
            return f"Quá hạn {self.days_overdue} ngày"
        if self.days_left == 0:
            return "Hạn hôm nay"
        return f"Còn {self.days_left} ngày"

    @property
    def due_tone(self):
        """Bootstrap colour of that badge and of the officer's list row."""
        if self.is_overdue:
            return "danger"
        return "warning" if self.is_due_soon else "light"

    @property
    def row_class(self):
        """The officer's list row (static/css/portal.css)."""
        if self.is_overdue:
            return "work-item--overdue"
        return "work-item--soon" if self.is_due_soon else ""

    @property
    def due_phrase(self):
        """The reminders' words (subject, body, notification), in calendar days."""
        if self.days_left > 0:
            return f"Còn {self.days_left} ngày đến hạn"
        if self.days_left == 0:
            return "Hôm nay là hạn nộp"
        return f"Đã quá hạn {-self.days_left} ngày"


@lru_cache(maxsize=4096)
def _cutoff(due_on, grace_days):
    return on_time_cutoff(due_on, grace_days)


def is_locked(due_on, *, today, lock_after_days):
    """True once the unit can no longer file (campaign.deadlines.lock_instant, in local days)."""
    return lock_after_days is not None and today > due_on + timedelta(days=lock_after_days)


def period_state(
    due_on, *, today, status=None, first_submitted_at=None, grace_days=0, lock_after_days=None, closed_on=None,
    exception_until=None,
):
    """The state of one assignment × period. `status`/`first_submitted_at`: its report's, None if none;
    `closed_on`: Plan.counting_ends_on; `exception_until`: its LockException's `until`, if any."""
    days_left = (due_on - today).days
    locked = lock_after_days is not None and days_left < -lock_after_days  # is_locked(), inlined: the dashboard asks thousands of times
    exempt = locked and exception_until is not None and exception_until >= today
    if status in _FILED:
        kind = _LATE if first_submitted_at >= _cutoff(due_on, grace_days) else _ON_TIME
        return PeriodState(kind, days_left, 0, status == ACCEPTED, locked, exempt)
    overdue = days_overdue(due_on, today=today, lock_after_days=lock_after_days, plan_closed_on=closed_on)
    if status == RETURNED:
        kind = _RETURNED
    elif overdue:
        kind = _OVERDUE
    elif closed_on is not None:
        kind = _NOT_REQUIRED
    elif 0 <= days_left <= DUE_SOON_DAYS:
        kind = _DUE_SOON
    else:
        kind = _NOT_DUE
    return PeriodState(kind, days_left, overdue, False, locked, exempt)


# Plain names for the hot path of period_state().
_FILED = frozenset(str(status) for status in FILED)
_NOT_DUE, _DUE_SOON, _OVERDUE, _NOT_REQUIRED, _ON_TIME, _LATE, _RETURNED = (
    Kind.NOT_DUE, Kind.DUE_SOON, Kind.OVERDUE, Kind.NOT_REQUIRED, Kind.ON_TIME, Kind.LATE, Kind.RETURNED,
)


def plan_period_state(period, plan, report, today, exception_until=None):
    """period_state() of a ReportingPeriod of `plan` and its ProgressReport (or None)."""
    return period_state(
        period.due_on, today=today, status=report.status if report is not None else None,
        first_submitted_at=report.first_submitted_at if report is not None else None,
        grace_days=plan.grace_days, lock_after_days=plan.lock_after_days, closed_on=plan.counting_ends_on,
        exception_until=exception_until,
    )
