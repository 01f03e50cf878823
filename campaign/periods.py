"""Reporting schedules in one table (issue 12.1).

Each kind of schedule says once how long its periods are, how they are named and what a task
of that kind needs: the task form validates with `schedule_errors`, the service builds periods
with `schedule_periods`, the demo names its periods with `period_of`, and the cooperation
report's yearly rounds use YEARLY. A new kind is one row of KINDS (and its choice).
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from django.db import models

ROMAN = ("I", "II", "III", "IV")
MAX_PERIODS = 120


class Schedule(models.TextChoices):
    ONCE = "once", "Một lần"
    MONTHLY = "monthly", "Hằng tháng"
    QUARTERLY = "quarterly", "Hằng quý"
    HALF_YEARLY = "half_yearly", "6 tháng một lần"
    YEARLY = "yearly", "Hằng năm"


@dataclass(frozen=True)
class Kind:
    months: int  # length of a period in calendar months; 0: one period ending on its due date
    name: callable = None  # (year, first month of the period) -> label

    @property
    def recurring(self):
        return self.months > 0

    def first_month_of(self, month):
        """The first month of the period that holds `month` (periods start on January, April…)."""
        return self.months * ((month - 1) // self.months) + 1


KINDS = {
    Schedule.ONCE: Kind(0),
    Schedule.MONTHLY: Kind(1, lambda year, month: f"Tháng {month}/{year}"),
    Schedule.QUARTERLY: Kind(3, lambda year, month: f"Quý {ROMAN[(month - 1) // 3]}/{year}"),
    Schedule.HALF_YEARLY: Kind(6, lambda year, month: f"6 tháng {'đầu' if month <= 6 else 'cuối'} năm {year}"),
    Schedule.YEARLY: Kind(12, lambda year, month: f"Năm {year}"),
}
ONCE_LABEL = "Báo cáo kết quả"
FINAL_LABEL = "Báo cáo tổng kết"


def month_end(year, month):
    return date(year, month, monthrange(year, month)[1])


def next_month(year, month):
    return (year + 1, 1) if month == 12 else (year, month + 1)


def add_months(year, month, count):
    index = year * 12 + month - 1 + count
    return index // 12, index % 12 + 1


def due_in_following_month(year, month, due_day):
    year, month = next_month(year, month)
    return date(year, month, min(due_day, month_end(year, month).day))


def period_of(schedule, day):
    """(label, first day, last day) of the period of a recurring `schedule` that holds `day`."""
    kind = KINDS[schedule]
    first = kind.first_month_of(day.month)
    last_year, last = add_months(day.year, first, kind.months - 1)
    return kind.name(day.year, first), date(day.year, first, 1), month_end(last_year, last)


def schedule_periods(*, schedule, first_month, last_month, due_day):
    """(label, starts_on, ends_on, due_on) of each period from the one holding `first_month` to the
    one holding `last_month`, each due on `due_day` of the month after it ends."""
    kind = KINDS[schedule]
    year, month = first_month.year, kind.first_month_of(first_month.month)
    periods = []
    while (year, month) <= (last_month.year, last_month.month):
        end_year, end_month = add_months(year, month, kind.months - 1)
        periods.append((
            kind.name(year, month), date(year, month, 1), month_end(end_year, end_month),
            due_in_following_month(end_year, end_month, due_day),
        ))
        year, month = add_months(year, month, kind.months)
    return periods


def period_count(schedule, first_month, last_month):
    kind = KINDS[schedule]
    first = first_month.year * 12 + kind.first_month_of(first_month.month) - 1
    return (last_month.year * 12 + last_month.month - 1 - first) // kind.months + 1


def schedule_errors(schedule, *, due_on=None, first_month=None, last_month=None):
    """{field: Vietnamese message} for what a task of this schedule still needs."""
    kind = KINDS.get(schedule)
    if kind is None:
        return {"schedule": "Chọn một chế độ báo cáo."}
    if not kind.recurring:
        return {} if due_on else {"due_on": "Nhập hạn nộp cho nhiệm vụ một lần."}
    errors = {}
    if not first_month:
        errors["first_month"] = "Nhập tháng của kỳ báo cáo đầu tiên."
    if not last_month:
        errors["last_month"] = "Nhập tháng của kỳ báo cáo cuối cùng."
    if first_month and last_month:
        if (first_month.year, first_month.month) > (last_month.year, last_month.month):
            errors["last_month"] = "Kỳ cuối phải sau kỳ đầu."
        elif period_count(schedule, first_month, last_month) > MAX_PERIODS:
            errors["last_month"] = f"Tối đa {MAX_PERIODS} kỳ báo cáo."
    return errors
