"""Writes of the reminders. The exactly-once rules are in docs/reminders.md.

In short, as Healthchecks sends its alerts: the scan records every reminder
(unique row) in the transaction that decides to send it; a worker claims a row
with a conditional UPDATE before the SMTP call, notes when the SMTP call
starts, and marks the row sent right after. The only window left is that one
SMTP call: a worker that dies inside it leaves a row that nobody can call sent
or not sent, shown to staff as "không rõ đã gửi".
"""

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from ..deadlines import local_today
from ..models import (
    Notification,
    Plan,
    ProgressReport,
    Reminder,
    ReminderPolicy,
    ReminderPreference,
    ReportEvent,
)
from ..roles import is_propaganda_staff
from ..states import period_state
from ..services import ServiceError
from . import emails
from .selectors import Recipients, due_reminders, escalation_unit
from .steps import ReminderAudience, StepKind

logger = logging.getLogger(__name__)

# The SMTP call returned an error: the server did not take the message.
SMTP_ERRORS = (smtplib.SMTPException, OSError)
UNKNOWN_NOTE = (
    "Tiến trình gửi dừng giữa lúc đang gửi qua SMTP: không biết máy chủ thư đã nhận thư hay chưa. "
    "Kiểm tra với người nhận rồi gửi lại bằng tay nếu cần."
)


# Queueing ---------------------------------------------------------------------------


def enqueue_sends(ids):
    """Publish one send task per reminder id, after the transaction that recorded them.

    Never raises and never waits long for a broker that is down: one attempt
    to connect, a one-second timeout. An id left unpublished stays "chờ gửi" in
    the database, and `reminders_resume` (every ten minutes, and every scan)
    publishes it again once REMINDER_RESUME_AFTER has passed.
    """
    # Imported here: the tasks module calls these services.
    from ..tasks import send_reminder

    app = send_reminder.app
    if not ids:
        return
    if app.conf.task_always_eager:
        # The embedded default: the tasks run here and now, there is no broker to wait for.
        for pk in ids:
            send_reminder.delay(pk)
        return
    options = {**app.conf.broker_transport_options, "max_retries": 0, "socket_connect_timeout": 1, "socket_timeout": 2}
    try:
        with app.connection_for_write(transport_options=options) as connection:
            for pk in ids:
                send_reminder.apply_async((pk,), connection=connection, retry=False)
    except OperationalError as error:
        logger.warning("Không đưa được %d nhắc hạn vào hàng đợi (Redis không trả lời): %s", len(ids), error)


def _queue(now):
    """Mark the e-mails that wait for a task message as queued, and publish them on commit."""
    ids = list(
        Reminder.objects.ready_to_queue(now).select_for_update(skip_locked=True).order_by("pk").values_list("pk", flat=True)
    )
    if ids:
        Reminder.objects.filter(pk__in=ids).update(queued_at=now)
        transaction.on_commit(partial(enqueue_sends, ids))
    return ids


# The daily scan ---------------------------------------------------------------------


@dataclass
class ScanResult:
    day: object
    planned: list = field(default_factory=list)
    notifications: int = 0
    resumed: object = None

    def count(self, channel):
        return sum(1 for p in self.planned if p.channel == channel)

    @property
    def digest_parts(self):
        return sum(1 for p in self.planned if p.in_digest)


@transaction.atomic
def reminders_scan(*, today=None, now=None):
    """Record the reminders due on `today` and queue their e-mails; safe to run
    any number of times, at once or one after the other.

    The decision and the record are one transaction: the unique constraint on
    (assignment, period, due date, step, channel, recipient) makes a second
    scan insert nothing, and rows are locked (SKIP LOCKED) before they are
    queued, so two scans never queue the same reminder twice.
    """
    now = now or timezone.now()
    today = today or local_today(now)
    planned = due_reminders(today=today)
    digests = _open_digests(planned, today=today, now=now)
    rows = [
        Reminder(
            assignment=p.assignment, period=p.period, due_on=p.period.due_on, step=p.step.name, audience=p.step.audience,
            channel=p.channel, recipient=p.recipient, user_id=p.user_id, scheduled_on=today, created_at=now,
            next_attempt_at=now, digest=digests.get(p.recipient) if p.in_digest else None,
            status=Reminder.Status.IN_DIGEST if p.in_digest and p.recipient in digests else Reminder.Status.PENDING,
        )
        for p in planned
    ]
    # One order for every scan, so that two scans inserting the same keys
    # wait for each other instead of deadlocking.
    rows.sort(key=lambda r: (r.assignment.pk, r.period.pk, r.step, r.channel, r.recipient))
    Reminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    staff_ids = {p.user_id for p in planned if p.to_staff}
    delivered = _deliver_notifications(now=now, staff_ids=staff_ids)
    return ScanResult(day=today, planned=planned, notifications=delivered, resumed=reminders_resume(now=now))


def _open_digests(planned, *, today, now):
    """{address: today's digest, still waiting} for the addresses that chose a digest.

    Locked until commit, so a worker cannot start sending a digest while a
    part is being added to it. An address whose digest already left gets
    single e-mails for the rest of the day.
    """
    addresses = {p.recipient: p.user_id for p in planned if p.in_digest}
    if not addresses:
        return {}
    Reminder.objects.bulk_create(
        [
            Reminder(
                channel=Reminder.Channel.DIGEST, step=StepKind.DIGEST, recipient=address, user_id=user_id, due_on=today,
                scheduled_on=today, created_at=now, next_attempt_at=now,
            )
            for address, user_id in sorted(addresses.items())
        ],
        ignore_conflicts=True,
    )
    waiting = Reminder.objects.select_for_update().filter(
        channel=Reminder.Channel.DIGEST, due_on=today, recipient__in=list(addresses), status=Reminder.Status.PENDING,
    ).order_by("pk")
    return {digest.recipient: digest for digest in waiting}


def notification_text(reminder, today):
    assignment, period = reminder.assignment, reminder.period
    if reminder.is_review_notice:
        return review_notice_text(reminder.event, assignment=assignment, period=period)
    what = f"báo cáo “{assignment.task.title}” – {period.label} (hạn {period.due_on:%d/%m/%Y})"
    state = period_state(period.due_on, today=today)
    if reminder.audience == ReminderAudience.ESCALATION:
        return f"{assignment.unit.name} chưa nộp {what}, quá hạn {-state.days_left} ngày."
    return f"{state.due_phrase}: {assignment.unit.name} nộp {what}."


def review_notice_text(event, *, assignment, period):
    what = f"báo cáo “{assignment.task.title}” – {period.label}"
    if event.action == ReportEvent.Action.RETURNED:
        return f"Ban Tuyên giáo trả lại {what} để bổ sung. Ý kiến: “{event.comment}”"
    return f"Ban Tuyên giáo đã chấp nhận {what}." + (f" Ý kiến: “{event.comment}”" if event.comment else "")


def _deliver_notifications(*, now, staff_ids, event=None):
    """The portal channel is delivered by writing the notification, in the
    transaction that records it (the scan's, or the review's for `event`)."""
    waiting = list(
        Reminder.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(channel=Reminder.Channel.PORTAL, status=Reminder.Status.PENDING)
        .filter(**({"event": event} if event is not None else {"event": None}))
        .select_related("assignment__unit", "assignment__task", "period", "event")
        .order_by("pk")
    )
    today = local_today(now)
    notifications = []
    for reminder in waiting:
        if reminder.audience == ReminderAudience.UNIT:
            link = reverse("campaign:report_file", args=[reminder.assignment_id, reminder.period_id])
        elif reminder.user_id in staff_ids:
            link = reverse("campaign:task", args=[reminder.assignment.task_id])
        else:
            link = ""
        notifications.append(
            Notification(user_id=reminder.user_id, reminder=reminder, text=notification_text(reminder, today)[:500], link=link, created_at=now)
        )
    Notification.objects.bulk_create(notifications, ignore_conflicts=True)
    Reminder.objects.filter(pk__in=[r.pk for r in waiting]).update(
        status=Reminder.Status.SENT, claimed_at=now, sent_at=now, attempts=1,
    )
    return len(waiting)


# Review notices and filed reports ---------------------------------------------------


def review_notices_record(*, event, now=None):
    """Tell the unit the outcome of staff's review (`event`: accepted or returned).

    Run inside the review's transaction, by the same engine as the reminders:
    one row per channel and person of the unit (its reminder addresses, its
    officers' e-mails and accounts), unique on (event, channel, recipient); the
    portal notification is written here, the e-mails are queued after commit
    and sent by `send_reminder`, claimed before the SMTP call. Never folded
    into the daily digest: it answers something the unit did.
    """
    now = now or timezone.now()
    report = event.report
    assignment, period = report.assignment, report.period
    rows = [
        Reminder(
            assignment=assignment, period=period, due_on=period.due_on, step=event.action, audience=ReminderAudience.UNIT,
            channel=channel, recipient=recipient, user_id=user_id, event=event, scheduled_on=local_today(now),
            created_at=now, next_attempt_at=now,
        )
        for channel, recipient, user_id, *_ in Recipients([assignment.unit], escalating=False).of(assignment.unit, ReminderAudience.UNIT)
    ]
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    _deliver_notifications(now=now, staff_ids=set(), event=event)
    ids = list(
        Reminder.objects.filter(event=event).ready_to_queue(now).select_for_update(skip_locked=True).order_by("pk").values_list("pk", flat=True)
    )
    if ids:
        Reminder.objects.filter(pk__in=ids).update(queued_at=now)
        transaction.on_commit(partial(enqueue_sends, ids))
    return ids


FILED_NOTE = "Không cần gửi: đơn vị đã nộp báo cáo."


def reminders_mark_filed(*, assignment, period, now=None):
    """The unit filed its report for `period`: what is still waiting about it is done.

    Reminders and "returned" notices not sent yet are skipped (the log says
    why), and the notifications about the period are marked read and done.
    A row a worker already claimed is checked again by `reminder_send`.
    """
    now = now or timezone.now()
    about = Reminder.objects.filter(assignment=assignment, period=period).exclude(step=ReportEvent.Action.ACCEPTED)
    skipped = about.filter(status__in=(Reminder.Status.PENDING, Reminder.Status.IN_DIGEST)).update(
        status=Reminder.Status.SKIPPED, last_error=FILED_NOTE,
    )
    done = Notification.objects.filter(reminder__in=about, done_at=None).update(
        done_at=now, read_at=Coalesce(F("read_at"), Value(now)),
    )
    return skipped, done


# Picking up after dead workers and a dead broker ------------------------------------


@dataclass
class ResumeResult:
    queued: int = 0
    retried: int = 0
    unknown: int = 0
    failed: int = 0


@transaction.atomic
def reminders_resume(*, now=None):
    """Claims abandoned before the SMTP call are sent again; claims abandoned
    during it become "không rõ đã gửi"; e-mails whose task message was lost are
    queued again."""
    now = now or timezone.now()
    abandoned = Reminder.objects.abandoned_before_smtp(now)
    failed = abandoned.filter(attempts__gte=settings.REMINDER_MAX_ATTEMPTS).update(
        status=Reminder.Status.FAILED, last_error="Tiến trình gửi dừng đột ngột ở mọi lần thử.",
    )
    retried = abandoned.update(status=Reminder.Status.PENDING, claimed_at=None, next_attempt_at=now, queued_at=None)
    unknown = Reminder.objects.abandoned_in_smtp(now).update(status=Reminder.Status.UNKNOWN, last_error=UNKNOWN_NOTE)
    return ResumeResult(queued=len(_queue(now)), retried=retried, unknown=unknown, failed=failed)


# Sending one e-mail ---------------------------------------------------------------


@dataclass
class SendOutcome:
    status: str
    retry_in: int | None = None


def obsolete_reason(reminder, report):
    """Why a recorded reminder must not go out any more, or ''."""
    plan = reminder.assignment.task.plan
    if plan.status not in Plan.ACTIVE_STATUSES:
        return f"Kế hoạch đang ở trạng thái “{plan.get_status_display()}”."
    if not ReminderPolicy.for_plan(plan).is_active:
        return "Ban Tuyên giáo đã tạm dừng nhắc hạn của kế hoạch."
    if reminder.period.due_on != reminder.due_on:
        return f"Hạn nộp đã đổi sang {reminder.period.due_on:%d/%m/%Y}."
    if report is not None and report.status in ProgressReport.FILED_STATUSES:
        return "Đơn vị đã nộp báo cáo."
    return ""


def review_obsolete_reason(reminder):
    """Why a review notice must not go out any more, or '': a return the unit
    has already answered by filing again. An acceptance is always told."""
    if reminder.step != ReportEvent.Action.RETURNED:
        return ""
    refiled = ReportEvent.objects.filter(
        report_id=reminder.event.report_id, pk__gt=reminder.event_id,
        action__in=(ReportEvent.Action.SUBMITTED, ReportEvent.Action.RESUBMITTED, ReportEvent.Action.UPDATED),
    )
    return FILED_NOTE if refiled.exists() else ""


def _report(reminder):
    return ProgressReport.objects.filter(assignment_id=reminder.assignment_id, period_id=reminder.period_id).first()


def reminder_send(*, reminder_id):
    """Send one e-mail reminder (or a daily digest) at most once.

    Not one transaction, on purpose: each step below is its own committed,
    conditional UPDATE, so that what the database says is true at every
    moment a worker could die.
    1. claim: waiting (or abandoned before the SMTP call) → "đang gửi";
    2. the reminder is checked again (a report filed, a due date moved since
       the scan) and the message built;
    3. the SMTP connection is opened, then `smtp_started_at` is written: from
       here on a dead worker leaves "không rõ đã gửi";
    4. the message is handed to the server, and the row marked sent at once.
    An SMTP error hands the row back with a later `next_attempt_at`; the task
    retries it (the same row) after that.
    """
    now = timezone.now()
    reminders = Reminder.objects.filter(pk=reminder_id, channel__in=(Reminder.Channel.EMAIL, Reminder.Channel.DIGEST))
    claimed = reminders.claimable(now).update(
        status=Reminder.Status.SENDING, claimed_at=now, smtp_started_at=None, attempts=F("attempts") + 1,
    )
    if claimed != 1:
        # A second delivery of the message of a worker that died in the SMTP call.
        reminders.abandoned_in_smtp(now).update(status=Reminder.Status.UNKNOWN, last_error=UNKNOWN_NOTE)
        return SendOutcome("not_claimed")
    mine = Reminder.objects.filter(pk=reminder_id, claimed_at=now)
    reminder = Reminder.objects.select_related(
        "assignment__task__plan__reminder_policy", "assignment__unit__parent__parent", "period", "user", "event__actor",
    ).get(pk=reminder_id)
    today = local_today()
    to_staff = reminder.user is not None and is_propaganda_staff(reminder.user)
    if reminder.channel == Reminder.Channel.DIGEST:
        message, parts = _digest(reminder, today=today, to_staff=to_staff)
        reason = "" if parts else "Các việc trong thư tổng hợp đều đã nộp hoặc đổi hạn."
    elif reminder.is_review_notice:
        parts = []
        reason = review_obsolete_reason(reminder)
        if not reason:
            message = emails.review_message(reminder)
    else:
        report = _report(reminder)
        parts = []
        reason = obsolete_reason(reminder, report)
        if not reason:
            item = emails.item_for(reminder, report=report, today=today, to_staff=to_staff)
            greeting = emails.greeting(reminder, to_staff=to_staff, parent=escalation_unit(reminder.assignment.unit))
            message = emails.reminder_message(reminder, item=item, greeting_text=greeting)
    if reason:
        mine.update(status=Reminder.Status.SKIPPED, last_error=reason)
        return SendOutcome("skipped")

    connection = get_connection()
    try:
        # Connecting and logging in come before the mark: a worker that dies
        # here has handed nothing to the server, and its claim is retried.
        connection.open()
        if mine.filter(status=Reminder.Status.SENDING).update(smtp_started_at=timezone.now()) != 1:
            _close(connection)
            return SendOutcome("not_claimed")
        connection.send_messages([message])
    except SMTP_ERRORS as error:
        _close(connection)
        return _release(reminder, mine, error, now)
    sent_at = timezone.now()
    # Not conditional on the status: a worker that was only slow, and already
    # shown as "không rõ đã gửi", puts the truth back.
    mine.update(status=Reminder.Status.SENT, sent_at=sent_at, last_error="")
    if parts:
        Reminder.objects.filter(pk__in=[part.pk for part in parts]).update(status=Reminder.Status.SENT, sent_at=sent_at)
    _close(connection)
    return SendOutcome("sent")


def _close(connection):
    """Say goodbye to the server; it has nothing more to tell us about the message."""
    try:
        connection.close()
    except SMTP_ERRORS as error:
        logger.info("Đóng kết nối SMTP lỗi (thư đã gửi xong hoặc đã ghi lỗi): %s", error)


def _digest(digest, *, today, to_staff):
    """The digest's message and the parts still to remind of; the others are marked skipped."""
    parts = list(
        digest.parts.filter(status=Reminder.Status.IN_DIGEST)
        .select_related("assignment__task__plan__reminder_policy", "assignment__unit", "period")
        .order_by("period__due_on", "assignment__unit__name", "pk")
    )
    reports = {
        (r.assignment_id, r.period_id): r
        for r in ProgressReport.objects.filter(period_id__in={p.period_id for p in parts}, assignment_id__in={p.assignment_id for p in parts})
    }
    items, kept = [], []
    for part in parts:
        report = reports.get((part.assignment_id, part.period_id))
        reason = obsolete_reason(part, report)
        if reason:
            Reminder.objects.filter(pk=part.pk).update(status=Reminder.Status.SKIPPED, last_error=reason)
            continue
        kept.append(part)
        items.append(emails.item_for(part, report=report, today=today, to_staff=to_staff))
    if not kept:
        return None, []
    greeting = emails.greeting(digest, to_staff=to_staff, parent=None)
    return emails.digest_message(digest, items=items, greeting_text=greeting, today=today), kept


def _release(reminder, mine, error, now):
    """An SMTP error: give the row back for a later try, or mark it failed after the last one."""
    attempts = Reminder.objects.values_list("attempts", flat=True).get(pk=reminder.pk)
    text = f"Lần thử {attempts}: {type(error).__name__}: {error}"[:1000]
    if attempts >= settings.REMINDER_MAX_ATTEMPTS:
        mine.update(status=Reminder.Status.FAILED, last_error=text)
        return SendOutcome("failed")
    delay = min(settings.REMINDER_RETRY_BACKOFF * 2 ** (attempts - 1), settings.REMINDER_RETRY_BACKOFF_MAX)
    mine.update(
        status=Reminder.Status.PENDING, claimed_at=None, smtp_started_at=None, last_error=text,
        next_attempt_at=now + timedelta(seconds=delay), queued_at=timezone.now(),
    )
    return SendOutcome("retry", retry_in=delay)


# Staff and officers -------------------------------------------------------------


@transaction.atomic
def reminder_resend(*, reminder, by, now=None):
    """Staff send again, by hand, a reminder "không rõ đã gửi" or failed: the same row, a new try."""
    now = now or timezone.now()
    changed = Reminder.objects.filter(pk=reminder.pk, status__in=(Reminder.Status.UNKNOWN, Reminder.Status.FAILED)).update(
        status=Reminder.Status.PENDING, claimed_at=None, smtp_started_at=None, sent_at=None, attempts=0,
        next_attempt_at=now, queued_at=now, resent_by=by, resent_at=now,
    )
    if changed != 1:
        raise ServiceError("Nhắc hạn này không ở trạng thái cần gửi lại (chỉ gửi lại thư lỗi hoặc không rõ đã gửi).")
    transaction.on_commit(partial(enqueue_sends, [reminder.pk]))


@transaction.atomic
def reminder_policy_save(*, policy, by):
    policy.updated_by = by
    policy.full_clean()
    policy.save()
    return policy


@transaction.atomic
def reminder_preference_set(*, user, daily_digest):
    preference, _ = ReminderPreference.objects.update_or_create(user=user, defaults={"daily_digest": daily_digest})
    return preference


def notification_mark_read(*, notification, now=None):
    Notification.objects.filter(pk=notification.pk, read_at=None).update(read_at=now or timezone.now())


def notifications_mark_all_read(*, user, now=None):
    return Notification.objects.filter(user=user, read_at=None).update(read_at=now or timezone.now())

