from datetime import date, datetime, timezone

from campaign.deadlines import local_today, lock_instant, on_time_cutoff

DUE = date(2022, 7, 5)


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc)


def test_2330_on_the_due_day_in_vietnam_is_on_time():
    # 23:30 on 05/7 in Hà Nội is 16:30 UTC.
    assert utc(2022, 7, 5, 16, 30) < on_time_cutoff(DUE)


def test_0005_the_next_day_in_vietnam_is_late():
    # 00:05 on 06/7 in Hà Nội is 17:05 UTC on 05/7: late, though still the 5th in UTC.
    assert utc(2022, 7, 5, 17, 5) >= on_time_cutoff(DUE)


def test_grace_days_move_the_cutoff():
    assert utc(2022, 7, 7, 16, 59) < on_time_cutoff(DUE, grace_days=2)
    assert utc(2022, 7, 7, 17, 0) >= on_time_cutoff(DUE, grace_days=2)


def test_no_lock_without_lock_days():
    assert lock_instant(DUE, None) is None
    assert lock_instant(DUE, 0) == on_time_cutoff(DUE)


def test_local_today_turns_at_vietnamese_midnight():
    assert local_today(utc(2022, 7, 5, 16, 59)) == date(2022, 7, 5)
    assert local_today(utc(2022, 7, 5, 17, 0)) == date(2022, 7, 6)
