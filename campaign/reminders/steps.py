"""The steps of the reminders: their kinds, names, audiences and labels.

A step's name is what `Reminder.step` stores: 'before-3', 'due', 'overdue-6',
'escalate-7', 'digest', and a review notice's 'accepted' or 'returned'.
Existing rows and the unique constraint `reminder_once` hold these strings, so
they never change; code asks a step its `kind` rather than its name's prefix.
"""

import enum
from dataclasses import dataclass

from django.db import models


class ReminderAudience(models.TextChoices):
    UNIT = "unit", "Đơn vị được giao"
    ESCALATION = "escalation", "Ban Tuyên giáo và đơn vị cấp trên"


class StepKind(enum.StrEnum):
    """What a step is. Its value starts the stored name."""

    BEFORE = "before"
    DUE = "due"
    OVERDUE = "overdue"
    ESCALATE = "escalate"
    # The row of a daily digest (channel "digest"), which the day's e-mails point to.
    DIGEST = "digest"
    # The outcome of staff's review. The row names the review event
    # (`Reminder.event`), so a second return after the unit files again is a new
    # notice; the step is the event's action (ReportEvent.Action).
    ACCEPTED = "accepted"
    RETURNED = "returned"

    @property
    def counts_days(self):
        """Whether the name carries a number of days ('overdue-6')."""
        return self in (StepKind.BEFORE, StepKind.OVERDUE, StepKind.ESCALATE)

    @property
    def is_review(self):
        return self in (StepKind.ACCEPTED, StepKind.RETURNED)


LABELS = {
    StepKind.BEFORE: "Trước hạn {days} ngày",
    StepKind.DUE: "Ngày đến hạn",
    StepKind.OVERDUE: "Quá hạn {days} ngày",
    StepKind.ESCALATE: "Báo lên cấp trên: quá hạn {days} ngày",
    StepKind.DIGEST: "Thư tổng hợp trong ngày",
    StepKind.ACCEPTED: "Kết quả duyệt: chấp nhận",
    StepKind.RETURNED: "Kết quả duyệt: trả lại để bổ sung",
}


def step_name(kind, days=None):
    """(StepKind.OVERDUE, 6) → 'overdue-6'; (StepKind.DUE,) → 'due'."""
    return f"{kind.value}-{days}" if kind.counts_days else kind.value


def parse_step(name):
    """'overdue-6' → (StepKind.OVERDUE, '6'); 'due' → (StepKind.DUE, ''); a name of no kind → (None, '')."""
    head, _, days = name.partition("-")
    try:
        kind = StepKind(head)
    except ValueError:
        return None, ""
    if kind.is_review and days:
        return None, ""  # a review notice is named by the action alone
    return kind, days


def step_label(name):
    """'overdue-6' → 'Quá hạn 6 ngày'; a name of no kind is shown as it is."""
    kind, days = parse_step(name)
    return name if kind is None else LABELS[kind].format(days=days)


@dataclass(frozen=True, order=True)
class ReminderStep:
    """One step of a period's reminders: `offset` days from the due date
    (negative: before it), of one kind, for one audience. Steps sort by offset,
    then kind ('escalate-7' before 'overdue-7')."""

    offset: int
    kind: StepKind
    audience: str

    @property
    def name(self):
        return step_name(self.kind, abs(self.offset))
