from datetime import date

import pytest

from campaign.models import KeyDate, Plan
from content.keydates import occurrence, timeline, upcoming

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return Plan.objects.create(code="kh", title="Kế hoạch", issuing_body="THÀNH ỦY", starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31))


def key(plan, kind, day, title="Sự kiện"):
    return KeyDate.objects.create(plan=plan, kind=kind, date=day, title=title)


def test_a_historical_event_comes_back_every_year(plan):
    event = key(plan, KeyDate.Kind.EVENT, date(1962, 9, 5))
    assert occurrence(event, date(2026, 12, 2)).on == date(2027, 9, 5)
    assert occurrence(event, date(2026, 12, 2)).years == 65
    today = occurrence(event, date(2027, 9, 5))
    assert today.is_today and today.days_left == 0 and today.title == "Kỷ niệm 65 năm: Sự kiện"


def test_a_one_off_date_is_past_for_good(plan):
    activity = key(plan, KeyDate.Kind.ACTIVITY, date(2022, 7, 18))
    assert occurrence(activity, date(2022, 7, 1)).days_left == 17
    assert occurrence(activity, date(2022, 7, 19)) is None


def test_29_february_falls_on_1_march(plan):
    event = key(plan, KeyDate.Kind.EVENT, date(1960, 2, 29))
    assert occurrence(event, date(2027, 1, 1)).on == date(2027, 3, 1)


def test_upcoming_is_soonest_first_and_timeline_is_whole(plan, django_assert_max_num_queries):
    key(plan, KeyDate.Kind.EVENT, date(1962, 9, 5), "Lào")
    key(plan, KeyDate.Kind.EVENT, date(1967, 6, 24), "Campuchia")
    key(plan, KeyDate.Kind.ACTIVITY, date(2022, 7, 18), "Điện mừng")
    with django_assert_max_num_queries(1):
        items = upcoming(date(2026, 12, 2), limit=2)
    assert [item.key_date.title for item in items] == ["Campuchia", "Lào"]
    rows = timeline(date(2026, 12, 2))
    assert [kd.title for kd, _ in rows] == ["Lào", "Campuchia", "Điện mừng"] and rows[2][1] is None


def test_the_countdown_starts_at_midnight_in_vietnam(plan):
    event = occurrence(key(plan, KeyDate.Kind.EVENT, date(1962, 9, 5)), date(2026, 12, 2))
    assert event.starts_at == "2027-09-05T00:00:00+07:00"
