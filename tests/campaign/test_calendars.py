from datetime import date, timedelta

import pytest
from icalendar import Calendar

from campaign.calendars import staff_calendar, unit_calendar
from campaign.models import Assignment, KeyDate, Plan, ReportingPeriod, Task
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    plan = Plan.objects.create(
        code="nam-huu-nghi-2022", number="45", title="Tuyên truyền Năm Hữu nghị 2022",
        issuing_body="Thành ủy Đà Lạt", starts_on=date(2022, 6, 1), ends_on=date(2022, 12, 31),
    )
    phuong_1, mttq = UnitFactory(name="Đảng bộ Phường 1"), UnitFactory(name="Mặt trận Tổ quốc thành phố")
    articles = Task.objects.create(plan=plan, title="Đăng bài trên trang thông tin", schedule=Task.Schedule.MONTHLY, order=1)
    july = ReportingPeriod.objects.create(task=articles, label="Tháng 7/2022", starts_on=date(2022, 7, 1),
                                          ends_on=date(2022, 7, 31), due_on=date(2022, 8, 5))
    contest = Task.objects.create(plan=plan, title="Tổ chức hội thi tìm hiểu", order=2)
    final = ReportingPeriod.objects.create(task=contest, label="Báo cáo tổng kết", starts_on=date(2022, 6, 1),
                                           ends_on=date(2022, 11, 30), due_on=date(2022, 12, 5), is_final=True)
    Assignment.objects.create(task=articles, unit=phuong_1)
    Assignment.objects.create(task=articles, unit=mttq)
    Assignment.objects.create(task=contest, unit=mttq)
    anniversary = KeyDate.objects.create(plan=plan, kind=KeyDate.Kind.ANNIVERSARY, date=date(2022, 7, 18),
                                         title="60 năm Ngày thiết lập quan hệ ngoại giao Việt Nam – Lào")
    week = KeyDate.objects.create(plan=plan, kind=KeyDate.Kind.ACTIVITY, date=date(2022, 9, 5),
                                  end_date=date(2022, 9, 9), title="Tuần phim Lào")
    other_plan = Plan.objects.create(code="ke-hoach-khac", title="Kế hoạch khác", issuing_body="Thành ủy Đà Lạt",
                                     starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31))
    other_key_date = KeyDate.objects.create(plan=other_plan, kind=KeyDate.Kind.EVENT, date=date(2022, 3, 1),
                                            title="Sự kiện của kế hoạch khác")
    return {
        "plan": plan, "other_plan": other_plan, "phuong_1": phuong_1, "mttq": mttq, "july": july, "final": final,
        "anniversary": anniversary, "week": week, "other_key_date": other_key_date,
    }


def events(ical):
    calendar = Calendar.from_ical(ical)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_unit_calendar_lists_only_the_units_own_deadlines(campaign):
    found = events(unit_calendar(campaign["phuong_1"]))
    unit_id, july = campaign["phuong_1"].pk, campaign["july"]
    assert set(found) == {
        f"period-{july.pk}-unit-{unit_id}@tuyentruyen",
        f"keydate-{campaign['anniversary'].pk}@tuyentruyen",
        f"keydate-{campaign['week'].pk}@tuyentruyen",
    }
    event = found[f"period-{july.pk}-unit-{unit_id}@tuyentruyen"]
    assert str(event["summary"]) == "Hạn báo cáo: Đăng bài trên trang thông tin – Tháng 7/2022"
    assert "Tuyên truyền Năm Hữu nghị 2022 (Số 45-KH/TU)" in str(event["description"])
    assert "Đơn vị: Đảng bộ Phường 1" in str(event["description"])


def test_unit_calendar_of_the_other_unit_has_both_its_tasks(campaign):
    found = events(unit_calendar(campaign["mttq"]))
    mttq = campaign["mttq"].pk
    assert f"period-{campaign['july'].pk}-unit-{mttq}@tuyentruyen" in found
    assert f"period-{campaign['final'].pk}-unit-{mttq}@tuyentruyen" in found
    assert f"keydate-{campaign['other_key_date'].pk}@tuyentruyen" not in found


def test_unit_without_assignments_gets_an_empty_calendar():
    assert events(unit_calendar(UnitFactory())) == {}


def test_deadline_is_an_all_day_event_with_an_alarm_the_day_before(campaign):
    found = events(unit_calendar(campaign["phuong_1"]))
    event = found[f"period-{campaign['july'].pk}-unit-{campaign['phuong_1'].pk}@tuyentruyen"]
    assert event["dtstart"].params["VALUE"] == "DATE"
    assert event.decoded("dtstart") == date(2022, 8, 5)
    assert event.decoded("dtend") == date(2022, 8, 6)
    [alarm] = event.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger") == timedelta(hours=-15)
    assert str(alarm["description"]).startswith("Ngày mai hết hạn nộp báo cáo")


def test_key_date_with_an_end_spans_to_the_day_after_it(campaign):
    found = events(staff_calendar(campaign["plan"]))
    week = found[f"keydate-{campaign['week'].pk}@tuyentruyen"]
    assert week.decoded("dtstart") == date(2022, 9, 5)
    assert week.decoded("dtend") == date(2022, 9, 10)
    single = found[f"keydate-{campaign['anniversary'].pk}@tuyentruyen"]
    assert single.decoded("dtend") == date(2022, 7, 19)
    assert not week.walk("VALARM")


def test_staff_calendar_has_one_event_per_period_with_the_number_of_units(campaign):
    found = events(staff_calendar(campaign["plan"]))
    july = found[f"period-{campaign['july'].pk}@tuyentruyen"]
    final = found[f"period-{campaign['final'].pk}@tuyentruyen"]
    assert "Số đơn vị được giao: 2" in str(july["description"])
    assert "Số đơn vị được giao: 1" in str(final["description"])
    assert len([uid for uid in found if uid.startswith("period-")]) == 2
    assert f"keydate-{campaign['other_key_date'].pk}@tuyentruyen" not in found


def test_staff_calendar_of_all_plans_has_every_key_date(campaign):
    found = events(staff_calendar())
    assert f"keydate-{campaign['other_key_date'].pk}@tuyentruyen" in found
    assert f"period-{campaign['july'].pk}@tuyentruyen" in found


def test_calendar_names_and_time_zone(campaign):
    calendar = Calendar.from_ical(unit_calendar(campaign["phuong_1"]))
    assert str(calendar["x-wr-calname"]) == "Hạn báo cáo – Đảng bộ Phường 1"
    assert str(calendar["x-wr-timezone"]) == "Asia/Ho_Chi_Minh"
    staff = Calendar.from_ical(staff_calendar(campaign["plan"]))
    assert str(staff["x-wr-calname"]) == "Lịch tuyên truyền – Tuyên truyền Năm Hữu nghị 2022"


def test_dtstamp_comes_from_the_plan_not_the_clock(campaign):
    plan = Plan.objects.get(pk=campaign["plan"].pk)
    for event in events(staff_calendar(plan)).values():
        assert event.decoded("dtstamp") == plan.updated_at.replace(microsecond=0)


def test_same_data_gives_the_same_bytes(campaign):
    assert unit_calendar(campaign["mttq"]) == unit_calendar(campaign["mttq"])
    assert staff_calendar() == staff_calendar()


def test_moving_a_due_date_keeps_the_uid(campaign):
    july = campaign["july"]
    uid = f"period-{july.pk}@tuyentruyen"
    july.due_on = date(2022, 8, 10)
    july.save()
    assert events(staff_calendar())[uid].decoded("dtstart") == date(2022, 8, 10)
