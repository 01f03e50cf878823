"""seed_demo leaves the demo with reminders: the Gia Lai plan's periods lie around today."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from campaign.models import Notification, Plan, Reminder, ReminderPolicy, Unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


def test_seed_demo_produces_todays_reminders_once(django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=out)
    output = out.getvalue()
    assert "Quét nhắc hạn hôm nay (" in output
    steps = set(Reminder.objects.values_list("step", flat=True))
    # The demo's due dates (20 and 3 days ago, in 2 and 6 days) give one of each kind.
    assert {"overdue-3", "before-3", "before-7", "escalate-19"} <= steps
    assert not Reminder.objects.filter(assignment__task__plan__status=Plan.Status.CLOSED).exists()
    assert set(Reminder.objects.values_list("status", flat=True)) == {"sent"}
    assert {m.to[0] for m in mail.outbox} >= {"vanphong@songoaivu.gialai.example", "canbo.donvi@tuyentruyen.example",
                                              "canbo.btg@tuyentruyen.example"}
    assert Notification.objects.filter(user__username="canbo.donvi").exists()
    assert Notification.objects.filter(user__username="canbo.btg").exists()
    assert ReminderPolicy.objects.count() == Plan.objects.count()
    assert Unit.objects.get(code="so-ngoai-vu-gl").reminder_emails == ["vanphong@songoaivu.gialai.example"]

    before = (Reminder.objects.count(), len(mail.outbox))
    again = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=again)
    assert "Nhắc hạn (e-mail đơn vị, chính sách): 0 tạo mới," in again.getvalue()
    assert "0 nhắc hạn mới" in again.getvalue()
    assert (Reminder.objects.count(), len(mail.outbox)) == before
