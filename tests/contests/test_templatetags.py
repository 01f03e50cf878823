from datetime import datetime, timedelta, timezone

from contests.templatetags.contests import clock, dong, duration, timeuntil_seconds


def test_duration_to_the_tenth_of_a_second():
    assert duration(1_849) == "1,8 giây"
    assert duration(185_249) == "3 phút 05,2 giây"
    assert duration(None) == ""


def test_money_and_clock():
    assert dong(3_000_000) == "3.000.000 đ"
    assert clock(599) == "09:59" and clock(3_725) == "1:02:05" and clock(-4) == "00:00"
    now = datetime(2022, 6, 13, 9, tzinfo=timezone.utc)
    assert timeuntil_seconds(now + timedelta(minutes=2), now) == 120
    assert timeuntil_seconds(now - timedelta(minutes=2), now) == 0
