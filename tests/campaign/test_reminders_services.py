"""The reminder services, step by step: the scan records who gets what, the
send claims before the SMTP call, the resume picks up after dead workers and a
dead broker, staff send again by hand."""

import smtplib
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign import services
from campaign.models import Notification, ProgressReport, Reminder, ReminderPreference, Unit
from campaign.reminders import services as reminders
from campaign.reminders.selectors import due_reminders
from campaign.services import ServiceError
from tests.campaign.reminders_world import add_task, at, day, make_story
from tests.factories import UnitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

EMAIL, PORTAL, DIGEST = Reminder.Channel.EMAIL, Reminder.Channel.PORTAL, Reminder.Channel.DIGEST


@pytest.fixture
def story():
    return make_story()


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run a block and its on-commit follow-ups (the send tasks, eager here)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def rows(**filters):
    return sorted(Reminder.objects.exclude(channel=DIGEST).filter(**filters).values_list("step", "channel", "recipient", "status"))


class FlakySMTP:
    """An e-mail backend whose server refuses the first `failures` messages."""

    failures = 0
    outbox = []

    def __init__(self, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        if FlakySMTP.failures:
            FlakySMTP.failures -= 1
            raise smtplib.SMTPServerDisconnected("Máy chủ thư ngắt kết nối")
        FlakySMTP.outbox.extend(messages)
        return len(messages)


@pytest.fixture
def flaky_smtp(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakySMTP"
    FlakySMTP.outbox = []
    return FlakySMTP


# The scan ---------------------------------------------------------------------


def test_scan_before_the_due_date_reminds_the_unit_by_mail_and_in_the_portal(clock, story, sent):
    clock.set(at(day(-3)))
    with sent():
        result = reminders.reminders_scan()
    alice = story["alice"]
    assert rows() == [
        ("before-3", EMAIL, "alice@songoaivu.example", "sent"),
        ("before-3", EMAIL, "vanphong@songoaivu.example", "sent"),
        ("before-3", PORTAL, f"user:{alice.pk}", "sent"),
    ]
    assert result.notifications == 1 and result.resumed.queued == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@songoaivu.example", "vanphong@songoaivu.example"]
    message = mail.outbox[0]
    assert message.subject == "[Nhắc hạn] Còn 3 ngày đến hạn: Trao đổi đoàn – Quý I/2026"
    assert "Kính gửi: Sở Ngoại vụ," in message.body
    assert "Hạn nộp: 10/03/2026" in message.body and "Tình trạng: Còn 3 ngày đến hạn" in message.body
    link = f"http://127.0.0.1:8000/lam-viec/viec-cua-don-vi/{story['assignment'].pk}/ky/{story['period'].pk}/"
    assert f"Nộp báo cáo tại: {link}" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'href="{link}"' in html and "10/03/2026" in html
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    notification = Notification.objects.get()
    assert notification.user == alice and notification.read_at is None
    assert notification.text == "Còn 3 ngày đến hạn: Sở Ngoại vụ nộp báo cáo “Trao đổi đoàn” – Quý I/2026 (hạn 10/03/2026)."
    assert notification.link == f"/lam-viec/viec-cua-don-vi/{story['assignment'].pk}/ky/{story['period'].pk}/"


def test_escalation_goes_to_staff_and_the_unit_above_the_group_node(clock, story, sent):
    clock.set(at(day(6)))
    reminders.reminders_scan()
    clock.set(at(day(7)))
    with sent():
        reminders.reminders_scan()
    bob, carol = story["bob"], story["carol"]
    assert rows(scheduled_on=day(7)) == [
        ("escalate-7", EMAIL, "bob@ubnd.example", "sent"),
        ("escalate-7", EMAIL, "carol@btg.example", "sent"),
        ("escalate-7", EMAIL, "vanphong@ubnd.example", "sent"),
        ("escalate-7", PORTAL, f"user:{bob.pk}", "sent"),
        ("escalate-7", PORTAL, f"user:{carol.pk}", "sent"),
    ]
    to_carol = next(m for m in mail.outbox if m.to == ["carol@btg.example"])
    assert to_carol.subject == "[Quá hạn 7 ngày] Sở Ngoại vụ chưa nộp báo cáo: Trao đổi đoàn"
    assert "Kính gửi: Ban Tuyên giáo," in to_carol.body
    assert f"Xem tình hình nhiệm vụ tại: http://127.0.0.1:8000/lam-viec/nhiem-vu/{story['task'].pk}/" in to_carol.body
    to_province = next(m for m in mail.outbox if m.to == ["vanphong@ubnd.example"])
    assert "Kính gửi: UBND tỉnh," in to_province.body
    assert Notification.objects.get(user=carol).link == f"/lam-viec/nhiem-vu/{story['task'].pk}/"
    assert Notification.objects.get(user=bob).text == (
        "Sở Ngoại vụ chưa nộp báo cáo “Trao đổi đoàn” – Quý I/2026 (hạn 10/03/2026), quá hạn 7 ngày."
    )


def test_scanning_twice_records_and_sends_each_reminder_once(clock, story, sent):
    clock.set(at(day(0)))
    with sent():
        first = reminders.reminders_scan()
    with sent():
        second = reminders.reminders_scan()
    assert len(first.planned) == 3 and second.planned == []
    assert Reminder.objects.count() == 3
    assert len(mail.outbox) == 2
    assert Notification.objects.count() == 1


def test_inactive_accounts_and_units_get_nothing(clock, story, sent):
    story["alice"].is_active = False
    story["alice"].save()
    clock.set(at(day(0)))
    assert {p.recipient for p in due_reminders(today=day(0))} == {"vanphong@songoaivu.example"}
    Unit.objects.filter(pk=story["office"].pk).update(is_active=False)
    assert due_reminders(today=day(0)) == []


def test_the_scan_reads_a_fixed_number_of_queries_whatever_the_tasks_not_due(clock, story):
    def measured():
        with CaptureQueriesContext(connection) as queries:
            planned = due_reminders(today=day(7))
        return len(queries.captured_queries), len(planned)

    other = UnitFactory(name="Sở khác", emails="vanphong@sokhac.example")
    for n in range(5):
        add_task(story, f"Việc chưa đến hạn {n}", day(20 + n), unit=other)
    few = measured()
    for n in range(60):
        add_task(story, f"Việc chưa đến hạn thêm {n}", day(40 + n % 30), unit=UnitFactory())
    many = measured()
    assert few == many
    # The one due task: overdue-6 of yesterday to the unit (3) and today's escalation (5).
    assert few[1] == 8
    assert few[0] <= 8


def test_the_scan_queries_grow_with_what_is_due_not_in_number(clock, story):
    """Twenty tasks due on the same day cost the same queries as one."""
    with CaptureQueriesContext(connection) as one:
        due_reminders(today=day(-3))
    for n in range(20):
        add_task(story, f"Việc cùng hạn {n}", story["period"].due_on, unit=UnitFactory(emails=f"vp{n}@example.vn"))
    with CaptureQueriesContext(connection) as twenty_one:
        planned = due_reminders(today=day(-3))
    assert len(planned) == 3 + 20
    assert len(one.captured_queries) == len(twenty_one.captured_queries)


# The daily digest ---------------------------------------------------------------


def test_an_officer_who_chose_the_digest_gets_one_mail_for_the_day(clock, story, sent):
    ReminderPreference.objects.create(user=story["alice"], daily_digest=True)
    add_task(story, "Tổ chức hội nghị", story["period"].due_on + timedelta(days=3))  # three days later: before-7 when the first is before-3
    clock.set(at(day(-3)))
    with sent():
        reminders.reminders_scan()
    to_alice = [m for m in mail.outbox if m.to == ["alice@songoaivu.example"]]
    assert len(to_alice) == 1
    digest = to_alice[0]
    assert digest.subject == "[Nhắc hạn] 2 việc cần báo cáo – ngày 07/03/2026"
    assert "Kính gửi: Trần Thị Alice," in digest.body
    assert "1. Trao đổi đoàn – Quý I/2026" in digest.body and "2. Tổ chức hội nghị – Báo cáo kết quả" in digest.body
    assert "Hạn nộp: 10/03/2026 – Còn 3 ngày đến hạn" in digest.body
    # The unit's office address has no account, no digest: one mail per task.
    assert len([m for m in mail.outbox if m.to == ["vanphong@songoaivu.example"]]) == 2
    parts = Reminder.objects.filter(recipient="alice@songoaivu.example", channel=EMAIL)
    assert set(parts.values_list("status", flat=True)) == {"sent"}
    assert Reminder.objects.get(channel=DIGEST).parts.count() == 2
    # The bell still shows each task.
    assert Notification.objects.filter(user=story["alice"]).count() == 2


def test_a_step_found_after_the_digest_left_is_sent_on_its_own(clock, story, sent):
    ReminderPreference.objects.create(user=story["alice"], daily_digest=True)
    clock.set(at(day(-3)))
    with sent():
        reminders.reminders_scan()
    # Later that day staff assign a task due in three days.
    add_task(story, "Việc giao thêm", day(0))
    clock.advance(hours=5)
    with sent():
        reminders.reminders_scan()
    to_alice = [m for m in mail.outbox if m.to == ["alice@songoaivu.example"]]
    assert [m.subject for m in to_alice] == [
        "[Nhắc hạn] 1 việc cần báo cáo – ngày 07/03/2026",
        "[Nhắc hạn] Còn 3 ngày đến hạn: Việc giao thêm – Báo cáo kết quả",
    ]


def test_a_digest_whose_tasks_were_all_filed_is_not_sent(clock, story):
    ReminderPreference.objects.create(user=story["alice"], daily_digest=True)
    clock.set(at(day(-3)))
    reminders.reminders_scan()
    services.progress_report_submit(assignment=story["assignment"], period=story["period"], by=story["alice"], text="<p>Xong.</p>")
    digest = Reminder.objects.get(channel=DIGEST)
    assert reminders.reminder_send(reminder_id=digest.pk).status == "skipped"
    digest.refresh_from_db()
    assert digest.last_error == "Các việc trong thư tổng hợp đều đã nộp hoặc đổi hạn."
    assert digest.parts.get().status == "skipped"
    assert mail.outbox == []


# Sending: claim, SMTP, mark ----------------------------------------------------------


def email_reminder(story, clock, recipient="vanphong@songoaivu.example"):
    clock.set(at(day(-1)))
    reminders.reminders_scan()
    return Reminder.objects.get(channel=EMAIL, recipient=recipient)


def test_a_reminder_is_sent_once_however_often_its_task_runs(clock, story):
    reminder = email_reminder(story, clock)
    assert [reminders.reminder_send(reminder_id=reminder.pk).status for _ in range(3)] == ["sent", "not_claimed", "not_claimed"]
    assert len(mail.outbox) == 1
    reminder.refresh_from_db()
    assert reminder.status == "sent" and reminder.attempts == 1
    assert reminder.claimed_at <= reminder.smtp_started_at <= reminder.sent_at


def test_a_report_filed_after_the_scan_cancels_the_mail(clock, story):
    reminder = email_reminder(story, clock)
    services.progress_report_submit(assignment=story["assignment"], period=story["period"], by=story["alice"], text="<p>Xong.</p>")
    reminder.refresh_from_db()
    assert (reminder.status, reminder.last_error) == ("skipped", "Không cần gửi: đơn vị đã nộp báo cáo.")
    assert reminders.reminder_send(reminder_id=reminder.pk).status == "not_claimed"
    assert mail.outbox == []


def test_the_worker_checks_again_for_a_report_filed_behind_its_back(clock, story):
    """A scan that read "not filed" just before the unit filed records a row after the
    filing marked the others done: the worker's own check stops it."""
    reminder = email_reminder(story, clock)
    ProgressReport.objects.create(
        assignment=story["assignment"], period=story["period"], text="<p>Xong.</p>",
        first_submitted_at=clock.now, submitted_at=clock.now,
    )
    assert reminders.reminder_send(reminder_id=reminder.pk).status == "skipped"
    reminder.refresh_from_db()
    assert (reminder.status, reminder.last_error) == ("skipped", "Đơn vị đã nộp báo cáo.")
    assert mail.outbox == []


def test_smtp_errors_are_retried_with_backoff_on_the_same_row(clock, story, flaky_smtp, settings):
    reminder = email_reminder(story, clock)
    flaky_smtp.failures = 2
    first = reminders.reminder_send(reminder_id=reminder.pk)
    assert (first.status, first.retry_in) == ("retry", 60)
    reminder.refresh_from_db()
    assert reminder.status == "pending" and reminder.attempts == 1
    assert reminder.last_error == "Lần thử 1: SMTPServerDisconnected: Máy chủ thư ngắt kết nối"
    assert reminder.next_attempt_at == clock.now + timedelta(seconds=60)
    # Not before its time, even if a message arrives early.
    assert reminders.reminder_send(reminder_id=reminder.pk).status == "not_claimed"
    clock.advance(seconds=60)
    assert reminders.reminder_send(reminder_id=reminder.pk).retry_in == 120
    clock.advance(seconds=120)
    assert reminders.reminder_send(reminder_id=reminder.pk).status == "sent"
    assert len(flaky_smtp.outbox) == 1
    assert Reminder.objects.filter(channel=EMAIL, recipient="vanphong@songoaivu.example").count() == 1
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts, reminder.last_error) == ("sent", 3, "")


def test_after_the_last_attempt_the_reminder_is_failed_and_staff_send_it_again(clock, story, flaky_smtp, settings, sent):
    settings.REMINDER_MAX_ATTEMPTS = 2
    reminder = email_reminder(story, clock)
    flaky_smtp.failures = 2
    assert reminders.reminder_send(reminder_id=reminder.pk).status == "retry"
    clock.advance(minutes=1)
    assert reminders.reminder_send(reminder_id=reminder.pk).status == "failed"
    reminder.refresh_from_db()
    assert reminder.status == "failed" and reminder.last_error.startswith("Lần thử 2: SMTPServerDisconnected")
    clock.advance(hours=1)
    assert reminders.reminder_send(reminder_id=reminder.pk).status == "not_claimed"
    with sent():
        reminders.reminder_resend(reminder=reminder, by=story["carol"])
    reminder.refresh_from_db()
    assert (reminder.status, reminder.resent_by, reminder.attempts) == ("sent", story["carol"], 1)
    assert len(flaky_smtp.outbox) == 1


# Dead workers ---------------------------------------------------------------------


def test_a_claim_abandoned_before_the_smtp_call_is_sent_after_the_timeout(clock, story, settings, sent):
    reminder = email_reminder(story, clock)
    # A worker claimed it and died while connecting to the mail server.
    Reminder.objects.filter(pk=reminder.pk).update(status="sending", claimed_at=clock.now, attempts=1)
    assert reminders.reminder_send(reminder_id=reminder.pk).status == "not_claimed"  # too soon: maybe alive
    clock.advance(seconds=settings.REMINDER_CLAIM_TIMEOUT + 1)
    # Its message, delivered again by Redis, claims it back.
    assert reminders.reminder_send(reminder_id=reminder.pk).status == "sent"
    assert len(mail.outbox) == 1


def test_the_resume_task_sends_a_claim_abandoned_before_the_smtp_call(clock, story, settings, sent):
    reminder = email_reminder(story, clock)
    Reminder.objects.filter(pk=reminder.pk).update(status="sending", claimed_at=clock.now, attempts=1, queued_at=clock.now)
    clock.advance(seconds=settings.REMINDER_CLAIM_TIMEOUT + 1)
    with sent():
        result = reminders.reminders_resume()
    assert (result.retried, result.unknown) == (1, 0)
    # The other e-mail of the scan was queued and never sent (no worker): it goes too, once.
    assert result.queued == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@songoaivu.example", "vanphong@songoaivu.example"]
    with sent():
        assert reminders.reminders_resume().queued == 0
    assert len(mail.outbox) == 2


def test_a_claim_abandoned_during_the_smtp_call_is_not_sent_again_but_shown_unknown(clock, story, settings, sent):
    reminder = email_reminder(story, clock)
    Reminder.objects.filter(pk=reminder.pk).update(
        status="sending", claimed_at=clock.now, smtp_started_at=clock.now, attempts=1,
    )
    clock.advance(seconds=settings.REMINDER_CLAIM_TIMEOUT + 1)
    # Redis delivers the dead worker's message again: the worker does not send.
    assert reminders.reminder_send(reminder_id=reminder.pk).status == "not_claimed"
    reminder.refresh_from_db()
    assert reminder.status == "unknown"
    assert reminder.last_error.startswith("Tiến trình gửi dừng giữa lúc đang gửi qua SMTP")
    with sent():
        reminders.reminders_resume()
    assert [m.to for m in mail.outbox] == [["alice@songoaivu.example"]]
    # Staff asked the unit: the mail never came. They send it again, once.
    with sent():
        reminders.reminder_resend(reminder=reminder, by=story["carol"])
    with pytest.raises(ServiceError):
        reminders.reminder_resend(reminder=reminder, by=story["carol"])
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@songoaivu.example", "vanphong@songoaivu.example"]
    resent = next(m for m in mail.outbox if m.to == ["vanphong@songoaivu.example"])
    assert resent.extra_headers["Message-ID"] == f"<nhac-han-{reminder.pk}@127.0.0.1>"


def test_the_resume_marks_a_claim_abandoned_in_the_smtp_call_unknown(clock, story, settings):
    reminder = email_reminder(story, clock)
    Reminder.objects.filter(pk=reminder.pk).update(status="sending", claimed_at=clock.now, smtp_started_at=clock.now)
    clock.advance(seconds=settings.REMINDER_CLAIM_TIMEOUT + 1)
    assert reminders.reminders_resume().unknown == 1
    assert Reminder.objects.get(pk=reminder.pk).status == "unknown"


def test_a_worker_dying_on_every_attempt_ends_failed(clock, story, settings):
    reminder = email_reminder(story, clock)
    Reminder.objects.filter(pk=reminder.pk).update(status="sending", claimed_at=clock.now, attempts=settings.REMINDER_MAX_ATTEMPTS)
    clock.advance(seconds=settings.REMINDER_CLAIM_TIMEOUT + 1)
    assert reminders.reminders_resume().failed == 1
    assert Reminder.objects.get(pk=reminder.pk).status == "failed"


def test_only_unknown_or_failed_reminders_are_sent_again_by_hand(clock, story):
    reminder = email_reminder(story, clock)
    with pytest.raises(ServiceError) as error:
        reminders.reminder_resend(reminder=reminder, by=story["carol"])
    assert "không ở trạng thái cần gửi lại" in error.value.message


# A dead broker ---------------------------------------------------------------------


@pytest.fixture
def dead_broker():
    """Celery as with REDIS_URL, pointed at a port where nothing listens."""
    from config.celery import app

    saved = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, "redis://127.0.0.1:1/0"
    yield app
    app.conf.task_always_eager, app.conf.broker_url = saved


def test_queueing_with_redis_down_returns_at_once_and_the_next_resume_sends(clock, story, dead_broker, settings, sent):
    clock.set(at(day(-1)))
    started = time.monotonic()
    with sent():
        result = reminders.reminders_scan()
    assert time.monotonic() - started < 1.5
    assert result.resumed.queued == 2
    assert set(Reminder.objects.filter(channel=EMAIL).values_list("status", flat=True)) == {"pending"}
    assert mail.outbox == []
    # Redis is back.
    dead_broker.conf.task_always_eager = True
    with sent():
        assert reminders.reminders_resume().queued == 0  # too soon: the messages may still be on their way
    clock.advance(seconds=settings.REMINDER_RESUME_AFTER)
    with sent():
        assert reminders.reminders_resume().queued == 2
    assert len(mail.outbox) == 2
    assert set(Reminder.objects.filter(channel=EMAIL).values_list("status", flat=True)) == {"sent"}
