"""The reminder policy: every step of the default schedule, the edge at
Vietnamese midnight, a due date moved after a reminder went out, a report filed
then returned."""

from datetime import datetime
from datetime import timezone as dt_timezone

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from campaign import services
from campaign.models import (
    Plan,
    ProgressReport,
    Reminder,
    ReminderPolicy,
    parse_day_list,
)
from campaign.reminders.forms import ReminderPolicyForm
from campaign.reminders.selectors import current_steps, due_reminders
from campaign.reminders.services import reminder_send, reminders_scan
from tests.campaign.reminders_world import DUE, at, day, make_story

UNIT, ESCALATION = Reminder.Audience.UNIT, Reminder.Audience.ESCALATION


def steps_on(policy, offset, *, catch_up=0, lock_after_days=None):
    """The names of the steps a scan sends `offset` days after the due date."""
    by_offset = {}
    for step in policy.schedule(lock_after_days=lock_after_days):
        by_offset.setdefault(step.offset, []).append(step)
    window = [day(offset - back) for back in range(catch_up, -1, -1)]
    return sorted(step.name for step in current_steps(by_offset, DUE, window))


# The schedule, without a database -------------------------------------------------


def test_default_schedule_has_every_step_in_order():
    schedule = ReminderPolicy().schedule()
    assert [(s.offset, s.name, s.audience) for s in schedule] == [
        (-7, "before-7", UNIT), (-3, "before-3", UNIT), (-1, "before-1", UNIT), (0, "due", UNIT),
        (3, "overdue-3", UNIT), (6, "overdue-6", UNIT),
        (7, "escalate-7", ESCALATION),
        (9, "overdue-9", UNIT), (10, "escalate-10", ESCALATION), (12, "overdue-12", UNIT),
        (13, "escalate-13", ESCALATION), (15, "overdue-15", UNIT), (16, "escalate-16", ESCALATION),
        (18, "overdue-18", UNIT), (19, "escalate-19", ESCALATION), (21, "overdue-21", UNIT),
        (22, "escalate-22", ESCALATION), (24, "overdue-24", UNIT), (25, "escalate-25", ESCALATION),
        (27, "overdue-27", UNIT), (28, "escalate-28", ESCALATION), (30, "overdue-30", UNIT),
    ]


def test_each_day_around_the_due_date_sends_its_step_and_only_it():
    policy = ReminderPolicy()
    sent = {offset: steps_on(policy, offset) for offset in range(-12, 40)}
    expected = {
        -7: ["before-7"], -3: ["before-3"], -1: ["before-1"], 0: ["due"],
        3: ["overdue-3"], 6: ["overdue-6"], 7: ["escalate-7"], 9: ["overdue-9"], 10: ["escalate-10"],
        12: ["overdue-12"], 30: ["overdue-30"],
    }
    for offset, names in expected.items():
        assert sent[offset] == names, offset
    quiet = [offset for offset, names in sent.items() if not names]
    assert {-12, -8, -6, -5, -4, -2, 1, 2, 4, 5, 8, 11, 31, 39} <= set(quiet)
    # Nothing after the policy's 30 days.
    assert all(not sent[offset] for offset in range(31, 40))


def test_a_missed_day_is_made_up_with_its_latest_step_only():
    policy = ReminderPolicy()
    # The scan of the due day did not run: the next day sends "due" late...
    assert steps_on(policy, 1, catch_up=1) == ["due"]
    # ...and when both days had a step, only the newer one goes out.
    assert steps_on(policy, 0, catch_up=1) == ["due"]
    assert steps_on(policy, -2, catch_up=1) == ["before-3"]
    assert steps_on(policy, 8, catch_up=1) == ["escalate-7"]
    assert steps_on(policy, 5, catch_up=1) == []


def test_policy_options_change_the_schedule():
    locked = ReminderPolicy().schedule(lock_after_days=5)
    assert [s.name for s in locked if s.offset > 0] == ["overdue-3"]

    once = ReminderPolicy(overdue_every_days=0).schedule()
    assert [s.name for s in once if s.offset > 0] == ["escalate-7"]

    quiet = ReminderPolicy(before_days="", on_due_day=False, overdue_every_days=0, escalate_after_days=None).schedule()
    assert quiet == []

    custom = ReminderPolicy(before_days="14, 2", overdue_every_days=5, escalate_after_days=10, stop_after_days=20).schedule()
    assert [s.name for s in custom] == [
        "before-14", "before-2", "due", "overdue-5", "escalate-10", "overdue-10", "escalate-15", "overdue-15",
        "escalate-20", "overdue-20",
    ]


def test_the_policy_is_described_in_vietnamese():
    text = ReminderPolicy().describe()
    assert text.startswith("Nhắc đơn vị trước hạn 7, 3, 1 ngày; vào ngày đến hạn; khi quá hạn 3, 6, 9")
    assert "Báo Ban Tuyên giáo và đơn vị cấp trên khi quá hạn 7, 10, 13" in text


def test_day_lists_are_checked_and_written_one_way():
    assert parse_day_list("3; 7,1, 7") == [7, 3, 1]
    with pytest.raises(ValidationError) as error:
        parse_day_list("7, ba")
    assert "“ba” không hợp lệ" in error.value.messages[0]
    form = ReminderPolicyForm({"is_active": "on", "before_days": "1,7 ;3", "on_due_day": "on", "overdue_every_days": "3",
                               "escalate_after_days": "7", "stop_after_days": "30"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["before_days"] == "7, 3, 1"


def test_escalation_after_the_last_reminder_is_refused():
    form = ReminderPolicyForm({"before_days": "7", "overdue_every_days": "3", "escalate_after_days": "40", "stop_after_days": "30"})
    assert not form.is_valid()
    assert form.errors["escalate_after_days"] == ["Ngày báo lên cấp trên phải trước ngày ngừng nhắc."]


# Through the scan --------------------------------------------------------------



def names(planned):
    return sorted({(p.step.name, p.channel, p.recipient) for p in planned})


@pytest.mark.django_db
def test_the_day_turns_at_vietnamese_midnight_not_utc():
    make_story()
    # 23:59:59 on 02/03 in Việt Nam, 16:59:59 UTC: eight days before the due date.
    late_evening = datetime(2026, 3, 2, 16, 59, 59, tzinfo=dt_timezone.utc)
    assert reminders_scan(now=late_evening).planned == []
    # One second later it is 03/03 in Việt Nam (still 02/03 in UTC): seven days before.
    midnight = datetime(2026, 3, 2, 17, 0, 0, tzinfo=dt_timezone.utc)
    result = reminders_scan(now=midnight)
    assert result.day.isoformat() == "2026-03-03"
    assert {p.step.name for p in result.planned} == {"before-7"}


@pytest.mark.django_db
@pytest.mark.usefixtures("eager_celery")
def test_a_due_date_moved_after_a_reminder_starts_a_new_series(clock, django_capture_on_commit_callbacks):
    story = make_story()
    clock.set(at(day(-3)))
    with django_capture_on_commit_callbacks(execute=True):
        reminders_scan()
    assert {m.subject for m in mail.outbox} == {"[Nhắc hạn] Còn 3 ngày đến hạn: Trao đổi đoàn – Quý I/2026"}
    first = len(mail.outbox)

    # Staff give a week more: the old series' steps are not sent again...
    services.period_change_due_date(period=story["period"], new_due_on=day(7), by=story["carol"], reason="Thêm thời gian")
    clock.set(at(day(-1)))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_scan().planned == []
    # ...the new one counts from the new date: three days before it.
    clock.set(at(day(4)))
    with django_capture_on_commit_callbacks(execute=True):
        result = reminders_scan()
    assert {p.step.name for p in result.planned} == {"before-3"}
    assert {p.period.due_on for p in result.planned} == {day(7)}
    assert len(mail.outbox) == 2 * first
    assert "Hạn nộp: 17/03/2026" in mail.outbox[-1].body
    assert Reminder.objects.filter(step="before-3").values("due_on").distinct().count() == 2


@pytest.mark.django_db
def test_a_reminder_recorded_before_the_due_date_moved_is_not_sent(clock):
    story = make_story()
    clock.set(at(day(-3)))
    # Recorded and queued, not sent yet (the broker holds the message)...
    reminders_scan()
    # ...when staff move the date.
    services.period_change_due_date(period=story["period"], new_due_on=day(7), by=story["carol"])
    for reminder in Reminder.objects.filter(channel=Reminder.Channel.EMAIL):
        assert reminder_send(reminder_id=reminder.pk).status == "skipped"
    assert mail.outbox == []
    assert set(Reminder.objects.filter(channel=Reminder.Channel.EMAIL).values_list("last_error", flat=True)) == {
        "Hạn nộp đã đổi sang 17/03/2026."
    }


@pytest.mark.django_db
@pytest.mark.usefixtures("eager_celery")
def test_a_filed_report_stops_reminders_and_a_returned_one_brings_them_back(clock, django_capture_on_commit_callbacks):
    story = make_story()
    report = services.progress_report_submit(
        assignment=story["assignment"], period=story["period"], by=story["alice"], text="<p>Đã tiếp 2 đoàn.</p>",
        now=at(day(-2), 9),
    )
    assert due_reminders(today=day(-1)) == []
    assert due_reminders(today=day(0)) == []
    services.progress_report_return(report=report, by=story["carol"], comment="Ghi rõ kinh phí từng đoàn.")
    clock.set(at(day(3)))
    with django_capture_on_commit_callbacks(execute=True):
        result = reminders_scan()
    assert {p.step.name for p in result.planned} == {"overdue-3"}
    # The return's own notice (not sent on the day: its on-commit queueing never ran here) is
    # picked up by the scan's resume; the overdue reminder carries the comment too.
    to_unit = [m for m in mail.outbox if m.to == ["vanphong@songoaivu.example"]]
    assert sorted(m.subject.split("]")[0] for m in to_unit) == ["[Nhắc hạn", "[Trả lại để bổ sung"]
    unit_mail = next(m for m in to_unit if m.subject.startswith("[Nhắc hạn]"))
    assert "Báo cáo đã bị trả lại để bổ sung. Ý kiến của Ban Tuyên giáo: Ghi rõ kinh phí từng đoàn." in unit_mail.body

    # Filed again and accepted: nothing more, on any later day.
    report = services.progress_report_submit(
        assignment=story["assignment"], period=story["period"], by=story["alice"], text="<p>Bổ sung kinh phí.</p>",
    )
    services.progress_report_accept(report=report, by=story["carol"])
    assert ProgressReport.objects.get().status == ProgressReport.Status.ACCEPTED
    for offset in (6, 7, 9, 10):
        assert due_reminders(today=day(offset)) == []


@pytest.mark.django_db
def test_a_plan_not_in_progress_or_a_paused_policy_sends_nothing():
    story = make_story()
    assert due_reminders(today=day(0))
    ReminderPolicy.objects.create(plan=story["plan"], is_active=False)
    assert due_reminders(today=day(0)) == []
    ReminderPolicy.objects.filter(plan=story["plan"]).update(is_active=True)
    Plan.objects.filter(pk=story["plan"].pk).update(status=Plan.Status.CLOSED)
    assert due_reminders(today=day(0)) == []


@pytest.mark.django_db
def test_a_locked_period_is_not_reminded_about():
    story = make_story()
    Plan.objects.filter(pk=story["plan"].pk).update(lock_after_days=5)
    assert names(due_reminders(today=day(3)))
    assert due_reminders(today=day(6)) == []
    assert due_reminders(today=day(7)) == []
