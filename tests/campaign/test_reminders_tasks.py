"""The Celery tasks of the reminders: each run twice gives one e-mail; a retry
keeps the row; the beat schedule is in the database at 07:00 Việt Nam time."""

import smtplib
from importlib import import_module

import pytest
from django.apps import apps
from django.core import mail
from django_celery_beat.models import PeriodicTask

from campaign import tasks
from campaign.models import Reminder
from tests.campaign.reminders_world import at, day, make_story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


@pytest.fixture
def story():
    return make_story()


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run a task in this process (as the eager default does), with its on-commit follow-ups."""

    def run(task, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return task.apply(args=args)

    return run


def test_scan_task_twice_sends_each_reminder_once(clock, story, run):
    clock.set(at(day(-7)))
    run(tasks.scan_reminders)
    run(tasks.scan_reminders)
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@songoaivu.example", "vanphong@songoaivu.example"]
    assert Reminder.objects.count() == 3


def test_scan_task_takes_a_day(clock, story, run):
    run(tasks.scan_reminders, day(-1).isoformat())
    assert set(Reminder.objects.values_list("step", "scheduled_on")) == {("before-1", day(-1))}


def test_send_task_twice_sends_once(clock, story, run):
    clock.set(at(day(0)))
    tasks.scan_reminders.apply()  # recorded and queued; the messages are not delivered
    reminder = Reminder.objects.get(channel=Reminder.Channel.EMAIL, recipient="vanphong@songoaivu.example")
    run(tasks.send_reminder, reminder.pk)
    run(tasks.send_reminder, reminder.pk)
    assert [m.to for m in mail.outbox] == [["vanphong@songoaivu.example"]]


def test_resume_task_twice_queues_once(clock, story, run, settings):
    clock.set(at(day(0)))
    tasks.scan_reminders.apply()
    clock.advance(seconds=settings.REMINDER_RESUME_AFTER)
    run(tasks.resume_reminders)
    run(tasks.resume_reminders)
    assert len(mail.outbox) == 2


class RefusingSMTP:
    def __init__(self, **kwargs):
        pass

    def open(self):
        raise smtplib.SMTPConnectError(421, "Dịch vụ tạm ngừng")

    def close(self):
        pass


def test_an_smtp_error_makes_the_task_retry_later_on_the_same_row(clock, story, settings, monkeypatch):
    clock.set(at(day(0)))
    tasks.scan_reminders.apply()
    reminder = Reminder.objects.get(channel=Reminder.Channel.EMAIL, recipient="vanphong@songoaivu.example")
    settings.EMAIL_BACKEND = f"{__name__}.RefusingSMTP"
    retries = []
    monkeypatch.setattr(tasks.send_reminder, "retry", lambda **kwargs: retries.append(kwargs) or RuntimeError("retry"))
    with pytest.raises(RuntimeError):
        tasks.send_reminder.run(reminder.pk)
    assert retries == [{"countdown": 60}]
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts, reminder.smtp_started_at) == ("pending", 1, None)
    assert "SMTPConnectError" in reminder.last_error
    assert Reminder.objects.filter(channel=Reminder.Channel.EMAIL, recipient="vanphong@songoaivu.example").count() == 1


def test_beat_schedule_is_created_once_at_seven_in_vietnam():
    migration = import_module("campaign.migrations.0004_reminders")
    PeriodicTask.objects.filter(task__startswith="campaign.tasks.").delete()
    migration.add_beat_schedule(apps, None)
    migration.add_beat_schedule(apps, None)
    scan = PeriodicTask.objects.get(name="Quét nhắc hạn hằng ngày")
    assert scan.task == "campaign.tasks.scan_reminders" and scan.enabled
    crontab = scan.crontab
    assert (crontab.minute, crontab.hour, crontab.day_of_week, str(crontab.timezone)) == ("0", "7", "*", "Asia/Ho_Chi_Minh")
    resume = PeriodicTask.objects.get(name="Gửi tiếp nhắc hạn còn treo")
    assert resume.task == "campaign.tasks.resume_reminders"
    assert (resume.interval.every, resume.interval.period) == (10, "minutes")
    assert PeriodicTask.objects.filter(task__startswith="campaign.tasks.").count() == 2


def test_a_schedule_staff_changed_is_left_as_it_is():
    migration = import_module("campaign.migrations.0004_reminders")
    migration.add_beat_schedule(apps, None)
    PeriodicTask.objects.filter(name="Quét nhắc hạn hằng ngày").update(enabled=False)
    migration.add_beat_schedule(apps, None)
    assert not PeriodicTask.objects.get(name="Quét nhắc hạn hằng ngày").enabled


def test_the_beat_tasks_are_registered_with_celery():
    from config.celery import app

    import_module("campaign.migrations.0004_reminders").add_beat_schedule(apps, None)
    names = set(PeriodicTask.objects.filter(task__startswith="campaign.tasks.").values_list("task", flat=True))
    assert names == {"campaign.tasks.scan_reminders", "campaign.tasks.resume_reminders"}
    assert names <= set(app.tasks)
