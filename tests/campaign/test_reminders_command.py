"""`python manage.py send_reminders [--dry-run] [--date YYYY-MM-DD]`."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from campaign.models import Notification, Reminder
from tests.campaign.reminders_world import at, day, make_story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


def command(*args):
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_dry_run_prints_what_would_be_sent_and_writes_nothing(clock):
    story = make_story()
    clock.set(at(day(-3)))
    output = command("--dry-run")
    assert output.splitlines() == [
        "Ngày 07/03/2026: 3 nhắc hạn sẽ gửi (chạy thử, không ghi, không gửi).",
        "– Trước hạn 3 ngày: Sở Ngoại vụ · Trao đổi đoàn · Quý I/2026 (hạn 10/03/2026) → Thông báo trên cổng: alice",
        "– Trước hạn 3 ngày: Sở Ngoại vụ · Trao đổi đoàn · Quý I/2026 (hạn 10/03/2026) → E-mail: alice@songoaivu.example",
        "– Trước hạn 3 ngày: Sở Ngoại vụ · Trao đổi đoàn · Quý I/2026 (hạn 10/03/2026) → E-mail: vanphong@songoaivu.example",
    ]
    assert Reminder.objects.count() == 0 and mail.outbox == []
    assert story["alice"].notifications.count() == 0


def test_the_scan_for_a_given_day_records_and_sends(clock, django_capture_on_commit_callbacks):
    make_story()
    with django_capture_on_commit_callbacks(execute=True):
        output = command("--date", day(7).isoformat())
    assert output.splitlines() == [
        (
            "Ngày 17/03/2026: ghi nhận 8 nhắc hạn mới (5 e-mail, trong đó 0 gộp vào thư tổng hợp; "
            "3 thông báo trên cổng); đưa 5 thư vào hàng đợi gửi."
        ),
        "Xong.",
    ]
    assert len(mail.outbox) == 5
    assert Notification.objects.count() == 3
    assert "ghi nhận 0 nhắc hạn mới" in command("--date", day(7).isoformat())
    assert "0 nhắc hạn sẽ gửi" in command("--dry-run", "--date", day(7).isoformat())


def test_a_bad_date_is_refused_in_vietnamese():
    with pytest.raises(CommandError) as error:
        command("--date", "07/03/2026")
    assert str(error.value) == "--date '07/03/2026' không hợp lệ: dùng dạng YYYY-MM-DD, ví dụ 2026-03-05."
