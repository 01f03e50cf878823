"""Reads of the reminders: what is due on a day, the staff log, a user's notifications."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django_celery_beat.models import PeriodicTask

from ..models import (
    Assignment,
    Notification,
    Plan,
    ProgressReport,
    Reminder,
    ReminderAudience,
    ReminderPolicy,
    ReminderPreference,
    ReminderStep,
    ReportingPeriod,
    Unit,
)
from ..roles import STAFF_GROUP
from ..selectors import ACTIVE_PLAN_STATUSES
from ..states import FILED


@dataclass(frozen=True)
class PlannedReminder:
    """A reminder the scan decided to send, before it is recorded."""

    assignment: Assignment
    period: ReportingPeriod
    step: ReminderStep
    channel: str
    recipient: str
    user_id: int | None
    in_digest: bool = False
    to_staff: bool = False
    label: str = ""

    @property
    def key(self):
        """The fields of the unique constraint `reminder_once`."""
        return (self.assignment.pk, self.period.pk, self.period.due_on, self.step.name, self.channel, self.recipient)


def escalation_unit(unit):
    """The unit an overdue task is escalated to: the nearest ancestor that is a
    unit rather than a group node ("Các tổ chức cơ sở Đảng" has no one to read mail)."""
    parent = unit.parent
    while parent is not None and parent.kind == Unit.Kind.GROUP:
        parent = parent.parent
    return parent


def scan_window(today):
    """The days whose steps a scan on `today` sends, oldest first (see REMINDER_CATCH_UP_DAYS)."""
    return [today - timedelta(days=back) for back in range(settings.REMINDER_CATCH_UP_DAYS, -1, -1)]


def current_steps(steps_by_offset, due_on, window):
    """The latest step of each audience that fell on a day of `window`."""
    latest = {}
    for day in window:
        for step in steps_by_offset.get((day - due_on).days, ()):
            latest[step.audience] = step
    return list(latest.values())


@dataclass(frozen=True)
class Person:
    """An e-mail address to remind, with its account if it has one (a unit's
    reminder addresses have none)."""

    email: str
    user_id: int | None = None
    daily_digest: bool = False
    is_staff: bool = False
    username: str = ""

    def entries(self):
        """(channel, recipient, user_id, in_digest, to_staff, label) of this person."""
        if self.user_id is not None:
            yield Reminder.Channel.PORTAL, f"user:{self.user_id}", self.user_id, False, self.is_staff, self.username
        if self.email:
            yield Reminder.Channel.EMAIL, self.email.lower(), self.user_id, self.daily_digest, self.is_staff, self.email.lower()


class Recipients:
    """Who receives a unit's reminders and its escalations, loaded in two queries."""

    def __init__(self, units, *, escalating):
        self.parents = {unit.pk: escalation_unit(unit) for unit in units} if escalating else {}
        unit_ids = {unit.pk for unit in units} | {parent.pk for parent in self.parents.values() if parent}
        self.members = {}
        memberships = Unit.members.through.objects.filter(unit_id__in=unit_ids, user__is_active=True).values_list(
            "unit_id", "user_id", "user__email", "user__reminder_preference__daily_digest", "user__username",
        ).order_by("user_id")
        for unit_id, user_id, email, digest, username in memberships:
            self.members.setdefault(unit_id, []).append(Person(email, user_id, bool(digest), username=username))
        self.staff = []
        if escalating:
            staff = get_user_model().objects.filter(groups__name=STAFF_GROUP, is_active=True).distinct()
            self.staff = [
                Person(email, pk, bool(digest), is_staff=True, username=username)
                for pk, email, digest, username in staff.values_list(
                    "pk", "email", "reminder_preference__daily_digest", "username",
                ).order_by("pk")
            ]

    def _of_unit(self, unit):
        # Members first: an address that is also a member's keeps the member's digest choice.
        return self.members.get(unit.pk, []) + [Person(address) for address in unit.reminder_emails]

    def of(self, unit, audience):
        """(channel, recipient, user_id, in_digest, to_staff, label) for each channel and person, each once."""
        if audience == ReminderAudience.UNIT:
            people = self._of_unit(unit)
        else:
            parent = self.parents.get(unit.pk)
            people = self.staff + (self._of_unit(parent) if parent else [])
        seen = set()
        for person in people:
            for entry in person.entries():
                if entry[:2] not in seen:
                    seen.add(entry[:2])
                    yield entry


def due_reminders(*, today):
    """Every reminder a scan on `today` sends that is not recorded yet, in a stable order.

    Reads only what is due: the plans in progress with their policies, the
    periods whose due date puts a step on a day of the scan window (the index
    on `due_on`), their assignments, the filed reports among them (the index on
    period and status), the recipients and the reminders already recorded. A
    fixed number of queries, whatever the number of tasks; the rows read grow
    with what is due, not with what is not.
    """
    window = scan_window(today)
    schedules = {}
    due_dates = set()
    for plan in Plan.objects.filter(status__in=ACTIVE_PLAN_STATUSES).select_related("reminder_policy"):
        policy = ReminderPolicy.for_plan(plan)
        if not policy.is_active:
            continue
        steps_by_offset = {}
        for step in policy.schedule(lock_after_days=plan.lock_after_days):
            steps_by_offset.setdefault(step.offset, []).append(step)
        schedules[plan.pk] = steps_by_offset
        due_dates.update(day - timedelta(days=offset) for day in window for offset in steps_by_offset)
    if not due_dates:
        return []

    periods = {}
    for period in ReportingPeriod.objects.filter(due_on__in=due_dates, task__plan__in=list(schedules)).select_related("task__plan"):
        # A date of another plan's schedule may bring a period with no step of its own.
        steps = current_steps(schedules[period.task.plan_id], period.due_on, window)
        if steps:
            periods[period.pk] = (period, steps)
    if not periods:
        return []
    by_task = {}
    for period, steps in periods.values():
        by_task.setdefault(period.task_id, []).append((period, steps))
    assignments = Assignment.objects.filter(task_id__in=list(by_task), unit__is_active=True).select_related("unit__parent__parent")
    filed = set(
        ProgressReport.objects.filter(period_id__in=list(periods), status__in=FILED).values_list("assignment_id", "period_id")
    )
    work = [
        (assignment, period, steps)
        for assignment in assignments.order_by("pk")
        for period, steps in by_task[assignment.task_id]
        if (assignment.pk, period.pk) not in filed
    ]
    if not work:
        return []

    escalating = any(step.audience == ReminderAudience.ESCALATION for _, _, steps in work for step in steps)
    recipients = Recipients({assignment.unit for assignment, _, _ in work}, escalating=escalating)
    planned = [
        PlannedReminder(assignment, period, step, *entry)
        for assignment, period, steps in work
        for step in steps
        for entry in recipients.of(assignment.unit, step.audience)
    ]
    recorded = set(
        Reminder.objects.filter(
            period_id__in={p.period.pk for p in planned}, step__in={p.step.name for p in planned},
        ).values_list("assignment_id", "period_id", "due_on", "step", "channel", "recipient")
    )
    return [p for p in planned if p.key not in recorded]


# The staff log and the bell ---------------------------------------------------------


def reminder_log(*, status="", channel="", query=""):
    reminders = Reminder.objects.select_related(
        "assignment__unit", "assignment__task__plan", "period", "user", "digest", "resent_by",
    )
    if status:
        reminders = reminders.filter(status=status)
    if channel:
        reminders = reminders.filter(channel=channel)
    if query:
        reminders = reminders.filter(
            Q(recipient__icontains=query) | Q(assignment__unit__name__icontains=query)
            | Q(assignment__task__title__icontains=query) | Q(user__first_name__icontains=query)
        )
    return reminders


def reminder_status_counts():
    counts = dict(Reminder.objects.values_list("status").annotate(n=Count("id")).order_by())
    return [(status, label, counts.get(status, 0)) for status, label in Reminder.Status.choices]


def user_notifications(*, user):
    return Notification.objects.filter(user=user)


def unread_notification_count(*, user):
    return Notification.objects.filter(user=user).unread().count()


def wants_daily_digest(*, user):
    return ReminderPreference.objects.filter(user=user, daily_digest=True).exists()


def plan_policies():
    """(plan, its policy in words, whether it is on) for the plans in progress."""
    plans = Plan.objects.filter(status__in=ACTIVE_PLAN_STATUSES).select_related("reminder_policy").order_by("-starts_on")
    policies = [(plan, ReminderPolicy.for_plan(plan)) for plan in plans]
    return [(plan, policy.describe(lock_after_days=plan.lock_after_days), policy.is_active) for plan, policy in policies]


INTERVAL_UNITS = {"days": "ngày", "hours": "giờ", "minutes": "phút", "seconds": "giây", "microseconds": "micro giây"}


def schedule_in_words(task):
    crontab, interval = task.crontab, task.interval
    if crontab is not None:
        daily = (crontab.day_of_week, crontab.day_of_month, crontab.month_of_year) == ("*", "*", "*")
        if daily and crontab.hour.isdigit() and crontab.minute.isdigit():
            return f"lúc {int(crontab.hour):02d}:{int(crontab.minute):02d} hằng ngày (giờ {crontab.timezone})"
        return f"crontab “{crontab.minute} {crontab.hour} {crontab.day_of_month} {crontab.month_of_year} {crontab.day_of_week}” (giờ {crontab.timezone})"
    if interval is not None:
        return f"mỗi {interval.every} {INTERVAL_UNITS.get(interval.period, interval.period)}"
    return "lịch khác (xem trong trang quản trị)"


def beat_schedules():
    """(periodic task, its schedule in words) of the campaign app, as staff may have changed them in the admin."""
    tasks = PeriodicTask.objects.filter(task__startswith="campaign.tasks.").select_related("crontab", "interval").order_by("name")
    return [(task, schedule_in_words(task)) for task in tasks]
