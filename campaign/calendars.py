"""iCalendar feeds of report deadlines and key dates, for phone calendars.

Events keep a stable UID, so a calendar that subscribes to a feed updates an
event when its date moves instead of adding a second one. The output depends
only on the rows: DTSTAMP is the plan's last change, never "now", so the same
data gives the same bytes and a view may answer with an ETag.
"""

from datetime import timedelta
from datetime import timezone as dt_timezone

from django.db.models import Count
from icalendar import Alarm, Calendar, Event

from .models import KeyDate, ReportingPeriod

DOMAIN = "tuyentruyen"
TIME_ZONE = "Asia/Ho_Chi_Minh"
# 9:00 on the day before an all-day event: what phone calendars themselves
# store for a "1 day before" alert on an all-day event.
ALARM_BEFORE = timedelta(hours=-15)


def unit_calendar(unit):
    """The report deadlines of one unit's assignments, and the key dates of their plans."""
    periods = (
        ReportingPeriod.objects.filter(task__assignments__unit=unit)
        .select_related("task__plan")
        .order_by("due_on", "task__order", "task_id", "order", "pk")
    )
    calendar = _calendar(f"Hạn báo cáo – {unit.name}")
    plan_ids = set()
    for period in periods:
        plan = period.task.plan
        plan_ids.add(plan.pk)
        # The same period is in every assigned unit's feed with that unit's
        # name in it; a UID per unit keeps the feeds apart for an officer of two units.
        calendar.add_component(_period_event(
            period,
            uid=f"period-{period.pk}-unit-{unit.pk}@{DOMAIN}",
            description=f"Kế hoạch: {_plan_name(plan)}\nĐơn vị: {unit.name}",
        ))
    _add_key_dates(calendar, KeyDate.objects.filter(plan_id__in=plan_ids))
    return calendar.to_ical()


def staff_calendar(plan=None):
    """Every period's deadline, once per period, of all plans or of one plan, and their key dates."""
    periods = (
        ReportingPeriod.objects.select_related("task__plan")
        .annotate(unit_count=Count("task__assignments", distinct=True))
        .order_by("due_on", "task__plan_id", "task__order", "task_id", "order", "pk")
    )
    key_dates = KeyDate.objects.all()
    if plan is not None:
        periods = periods.filter(task__plan=plan)
        key_dates = key_dates.filter(plan=plan)
    name = f"Lịch tuyên truyền – {plan.title}" if plan is not None else "Lịch tuyên truyền – tất cả kế hoạch"
    calendar = _calendar(name)
    for period in periods:
        calendar.add_component(_period_event(
            period,
            uid=f"period-{period.pk}@{DOMAIN}",
            description=f"Kế hoạch: {_plan_name(period.task.plan)}\nSố đơn vị được giao: {period.unit_count}",
        ))
    _add_key_dates(calendar, key_dates)
    return calendar.to_ical()


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", f"-//Ban Tuyên giáo//{DOMAIN}//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIME_ZONE)
    return calendar


def _plan_name(plan):
    return f"{plan.title} ({plan.reference})"


def _stamp(plan):
    return plan.updated_at.astimezone(dt_timezone.utc)


def _period_event(period, *, uid, description):
    summary = f"Hạn báo cáo: {period.task.title} – {period.label}"
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", _stamp(period.task.plan))
    event.add("dtstart", period.due_on)
    event.add("dtend", period.due_on + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Ngày mai hết hạn nộp báo cáo: {period.task.title} – {period.label}")
    alarm.add("trigger", ALARM_BEFORE)
    event.add_component(alarm)
    return event


def _add_key_dates(calendar, key_dates):
    for key_date in key_dates.select_related("plan").order_by("date", "pk"):
        event = Event()
        event.add("uid", f"keydate-{key_date.pk}@{DOMAIN}")
        event.add("dtstamp", _stamp(key_date.plan))
        event.add("dtstart", key_date.date)
        # DTEND is exclusive: an event "to 18/7" ends at the start of 19/7.
        event.add("dtend", (key_date.end_date or key_date.date) + timedelta(days=1))
        event.add("summary", key_date.title)
        lines = [key_date.description.strip(), f"Kế hoạch: {_plan_name(key_date.plan)}"]
        event.add("description", "\n".join(line for line in lines if line))
        event.add("categories", [key_date.get_kind_display()])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
