"""campaign.periods: every kind of reporting schedule, its periods, labels and checks (issue 12.1)."""

from datetime import date

import pytest

from campaign.models import Task
from campaign.periods import KINDS, Schedule, period_of, schedule_errors, schedule_periods


def test_every_choice_has_a_row_in_the_table():
    assert set(KINDS) == set(Schedule.values)
    assert Task._meta.get_field("schedule").choices == Schedule.choices


@pytest.mark.parametrize("schedule, first, last, expected", [
    (Schedule.MONTHLY, date(2022, 11, 20), date(2023, 1, 3), [
        ("Tháng 11/2022", date(2022, 11, 1), date(2022, 11, 30), date(2022, 12, 5)),
        ("Tháng 12/2022", date(2022, 12, 1), date(2022, 12, 31), date(2023, 1, 5)),
        ("Tháng 1/2023", date(2023, 1, 1), date(2023, 1, 31), date(2023, 2, 5)),
    ]),
    (Schedule.QUARTERLY, date(2022, 5, 1), date(2022, 12, 1), [
        ("Quý II/2022", date(2022, 4, 1), date(2022, 6, 30), date(2022, 7, 5)),
        ("Quý III/2022", date(2022, 7, 1), date(2022, 9, 30), date(2022, 10, 5)),
        ("Quý IV/2022", date(2022, 10, 1), date(2022, 12, 31), date(2023, 1, 5)),
    ]),
    (Schedule.HALF_YEARLY, date(2026, 3, 1), date(2027, 1, 1), [
        ("6 tháng đầu năm 2026", date(2026, 1, 1), date(2026, 6, 30), date(2026, 7, 5)),
        ("6 tháng cuối năm 2026", date(2026, 7, 1), date(2026, 12, 31), date(2027, 1, 5)),
        ("6 tháng đầu năm 2027", date(2027, 1, 1), date(2027, 6, 30), date(2027, 7, 5)),
    ]),
    (Schedule.YEARLY, date(2026, 1, 1), date(2028, 12, 31), [
        ("Năm 2026", date(2026, 1, 1), date(2026, 12, 31), date(2027, 1, 5)),
        ("Năm 2027", date(2027, 1, 1), date(2027, 12, 31), date(2028, 1, 5)),
        ("Năm 2028", date(2028, 1, 1), date(2028, 12, 31), date(2029, 1, 5)),
    ]),
])
def test_each_kind_makes_its_periods(schedule, first, last, expected):
    assert schedule_periods(schedule=schedule, first_month=first, last_month=last, due_day=5) == expected


def test_the_period_that_holds_a_day():
    assert period_of(Schedule.QUARTERLY, date(2026, 12, 2)) == ("Quý IV/2026", date(2026, 10, 1), date(2026, 12, 31))
    assert period_of(Schedule.HALF_YEARLY, date(2026, 12, 2)) == ("6 tháng cuối năm 2026", date(2026, 7, 1), date(2026, 12, 31))
    assert period_of(Schedule.YEARLY, date(2026, 2, 28)) == ("Năm 2026", date(2026, 1, 1), date(2026, 12, 31))


def test_what_each_kind_needs_is_checked_in_vietnamese():
    assert schedule_errors(Schedule.ONCE) == {"due_on": "Nhập hạn nộp cho nhiệm vụ một lần."}
    assert schedule_errors(Schedule.ONCE, due_on=date(2026, 1, 1)) == {}
    for schedule in (Schedule.MONTHLY, Schedule.QUARTERLY, Schedule.HALF_YEARLY, Schedule.YEARLY):
        assert set(schedule_errors(schedule)) == {"first_month", "last_month"}
        assert schedule_errors(schedule, first_month=date(2027, 1, 1), last_month=date(2026, 1, 1)) == {
            "last_month": "Kỳ cuối phải sau kỳ đầu.",
        }
    assert schedule_errors(Schedule.YEARLY, first_month=date(2026, 1, 1), last_month=date(2145, 1, 1)) == {}
    assert schedule_errors(Schedule.YEARLY, first_month=date(2026, 1, 1), last_month=date(2146, 1, 1)) == {
        "last_month": "Tối đa 120 kỳ báo cáo.",
    }
    assert schedule_errors("weekly") == {"schedule": "Chọn một chế độ báo cáo."}
