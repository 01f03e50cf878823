"""Deadlines are calendar days in Asia/Ho_Chi_Minh.

A report is on time when it is filed before local midnight at the end of the
due day (plus the plan's grace days): 23:30 on the due day is on time, 00:05
the next day is late, wherever the server's clock runs.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def local_midnight_after(day, extra_days=0):
    """The aware instant at which `day` (+ extra_days) ends in Việt Nam."""
    return datetime.combine(day + timedelta(days=1 + extra_days), time.min, tzinfo=VIETNAM)


def on_time_cutoff(due_on, grace_days=0):
    return local_midnight_after(due_on, grace_days)


def lock_instant(due_on, lock_after_days):
    """When a period stops accepting reports; None when the plan never locks."""
    if lock_after_days is None:
        return None
    return local_midnight_after(due_on, lock_after_days)


def overdue_counted_until(due_on, *, today, lock_after_days=None, plan_closed_on=None):
    """The day up to which a missing report's overdue days are counted.

    Counting stops when the unit can no longer file: the day the period locked
    (the plan's `lock_after_days`) or the day the plan closed, whichever comes
    first; otherwise it runs to today.
    """
    until = today
    if lock_after_days is not None:
        until = min(until, due_on + timedelta(days=1 + lock_after_days))
    if plan_closed_on is not None:
        until = min(until, plan_closed_on)
    return until


def days_overdue(due_on, *, today, lock_after_days=None, plan_closed_on=None):
    """Whole days a missing report is overdue (0: not overdue, e.g. the plan closed before the due day)."""
    until = overdue_counted_until(due_on, today=today, lock_after_days=lock_after_days, plan_closed_on=plan_closed_on)
    return max((until - due_on).days, 0)


def plan_days_overdue(due_on, plan, today):
    return days_overdue(due_on, today=today, lock_after_days=plan.lock_after_days, plan_closed_on=plan.counting_ends_on)


def local_today(now=None):
    return timezone.localtime(now or timezone.now(), VIETNAM).date()
