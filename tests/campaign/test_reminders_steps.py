"""The step kinds of the reminders (campaign/reminders/steps.py): the names stored
in `Reminder.step` stay the strings existing rows hold."""

from campaign.models import ReminderPolicy, ReportEvent
from campaign.reminders.steps import ReminderAudience, ReminderStep, StepKind, parse_step, step_label, step_name


def test_step_names_are_the_stored_strings():
    unit = ReminderAudience.UNIT
    assert ReminderStep(-3, StepKind.BEFORE, unit).name == "before-3"
    assert ReminderStep(0, StepKind.DUE, unit).name == "due"
    assert ReminderStep(6, StepKind.OVERDUE, unit).name == "overdue-6"
    assert ReminderStep(7, StepKind.ESCALATE, ReminderAudience.ESCALATION).name == "escalate-7"
    assert step_name(StepKind.DIGEST) == "digest"


def test_a_review_notice_is_named_by_the_review_action():
    assert StepKind.ACCEPTED == ReportEvent.Action.ACCEPTED
    assert StepKind.RETURNED == ReportEvent.Action.RETURNED
    assert parse_step("returned") == (StepKind.RETURNED, "")
    assert parse_step("returned-3") == (None, "")


def test_each_stored_name_is_read_back_as_its_kind():
    for step in ReminderPolicy().schedule():
        kind, days = parse_step(step.name)
        assert kind == step.kind
        assert days == ("" if kind == StepKind.DUE else str(abs(step.offset)))
    assert parse_step("escalate-10") == (StepKind.ESCALATE, "10")
    assert parse_step("something-else") == (None, "")


def test_each_step_has_a_vietnamese_label():
    assert step_label("before-3") == "Trước hạn 3 ngày"
    assert step_label("due") == "Ngày đến hạn"
    assert step_label("overdue-6") == "Quá hạn 6 ngày"
    assert step_label("escalate-7") == "Báo lên cấp trên: quá hạn 7 ngày"
    assert step_label("digest") == "Thư tổng hợp trong ngày"
    assert step_label("accepted") == "Kết quả duyệt: chấp nhận"
    assert step_label("returned") == "Kết quả duyệt: trả lại để bổ sung"
    # A name of no known kind is shown as it is, never hidden.
    assert step_label("la-thuong") == "la-thuong"


def test_steps_of_one_day_sort_escalation_first_as_their_names_did():
    policy = ReminderPolicy(overdue_every_days=7, escalate_after_days=7)
    on_day_7 = [step.name for step in policy.schedule() if step.offset == 7]
    assert on_day_7 == ["escalate-7", "overdue-7"]
