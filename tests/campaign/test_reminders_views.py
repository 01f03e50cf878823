"""The reminder pages: the staff log with "gửi lại", the policy of a plan, the
bell and the notifications, the digest choice; and pages with Redis down."""

import re
import time

import pytest
from django.core import mail
from django.urls import reverse

from campaign.models import Notification, Reminder, ReminderPolicy, ReminderPreference
from campaign.reminders.services import reminders_scan
from tests.campaign.reminders_world import at, day, make_story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


@pytest.fixture
def story(clock):
    story = make_story()
    clock.set(at(day(7)))
    reminders_scan()
    return story


def login(client, user):
    client.force_login(user)
    return client


# The staff log ---------------------------------------------------------------------


def test_staff_see_what_was_sent_to_whom_when_and_how(client, story):
    Reminder.objects.filter(recipient="carol@btg.example").update(status="sent", sent_at=at(day(7), 7, 5))
    Reminder.objects.filter(recipient="bob@ubnd.example").update(status="failed", attempts=5, last_error="Lần thử 5: SMTPDataError: 554")
    Reminder.objects.filter(recipient="vanphong@ubnd.example").update(status="unknown", last_error="Tiến trình gửi dừng giữa lúc đang gửi qua SMTP")
    html = login(client, story["carol"]).get(reverse("campaign:reminder_log")).content.decode()
    assert "Nhật ký nhắc hạn" in html
    assert "Báo lên cấp trên: quá hạn 7 ngày" in html and "Quá hạn 6 ngày" in html
    assert "carol@btg.example" in html and "07:05 17/03/2026" in html
    assert "Lần thử 5: SMTPDataError: 554" in html
    assert "Không rõ đã gửi: 1" in html and "Gửi lỗi: 1" in html
    assert html.count(">Gửi lại</button>") == 2
    assert "Thông báo trên cổng" in html and "Sở Ngoại vụ · Quý I/2026 · hạn 10/03/2026" in html
    assert "Quét nhắc hạn hằng ngày: lúc 07:00 hằng ngày (giờ Asia/Ho_Chi_Minh)" in html
    assert "Gửi tiếp nhắc hạn còn treo: mỗi 10 phút" in html


def test_the_log_filters_by_status_channel_and_text(client, story):
    Reminder.objects.filter(recipient="vanphong@ubnd.example").update(status="unknown")
    login(client, story["carol"])
    unknown = client.get(reverse("campaign:reminder_log"), {"status": "unknown"}).content.decode()
    assert "vanphong@ubnd.example" in unknown and "carol@btg.example" not in unknown
    portal = client.get(reverse("campaign:reminder_log"), {"channel": "portal", "q": "alice"}).content.decode()
    assert "Trần Thị Alice" in portal and "bob@ubnd.example" not in portal
    assert client.get(reverse("campaign:reminder_log"), {"status": "nonsense"}).status_code == 200


def test_staff_send_an_unknown_reminder_again(client, story, django_capture_on_commit_callbacks):
    reminder = Reminder.objects.get(recipient="vanphong@ubnd.example")
    Reminder.objects.filter(pk=reminder.pk).update(status="unknown")
    login(client, story["carol"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("campaign:reminder_resend", args=[reminder.pk]), follow=True)
    assert "Đã đưa nhắc hạn gửi vanphong@ubnd.example vào hàng đợi để gửi lại." in response.content.decode()
    assert [m.to for m in mail.outbox] == [["vanphong@ubnd.example"]]
    reminder.refresh_from_db()
    assert (reminder.status, reminder.resent_by) == ("sent", story["carol"])
    again = client.post(reverse("campaign:reminder_resend", args=[reminder.pk]), follow=True)
    assert "không ở trạng thái cần gửi lại" in again.content.decode()
    assert len(mail.outbox) == 1


def test_with_redis_down_sending_again_answers_at_once(client, story, django_capture_on_commit_callbacks):
    """No page waits on the broker: the row stays "chờ gửi" for the resume task."""
    from config.celery import app

    reminder = Reminder.objects.get(recipient="vanphong@ubnd.example")
    Reminder.objects.filter(pk=reminder.pk).update(status="unknown")
    login(client, story["carol"])
    saved = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, "redis://127.0.0.1:1/0"
    try:
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = client.post(reverse("campaign:reminder_resend", args=[reminder.pk]))
        workspace = client.get(reverse("campaign:notifications"))
        elapsed = time.monotonic() - started
    finally:
        app.conf.task_always_eager, app.conf.broker_url = saved
    assert len(callbacks) == 1  # the enqueue ran, and failed quietly
    assert response.status_code == 302 and workspace.status_code == 200
    assert elapsed < 1.5
    assert Reminder.objects.get(pk=reminder.pk).status == "pending"


# The policy page ------------------------------------------------------------------


def test_staff_change_a_plans_policy(client, story):
    login(client, story["carol"])
    address = reverse("campaign:reminder_policy", args=[story["plan"].pk])
    page = client.get(address).content.decode()
    assert "Nhắc đơn vị trước hạn 7, 3, 1 ngày; vào ngày đến hạn; khi quá hạn 3, 6, 9" in page
    response = client.post(address, {
        "is_active": "on", "before_days": "5;2", "on_due_day": "on", "overdue_every_days": "2",
        "escalate_after_days": "4", "stop_after_days": "10",
    }, follow=True)
    html = response.content.decode()
    assert "Đã lưu chính sách nhắc hạn." in html
    assert "Nhắc đơn vị trước hạn 5, 2 ngày; vào ngày đến hạn; khi quá hạn 2, 4, 6, 8, 10 ngày." in html
    policy = ReminderPolicy.objects.get(plan=story["plan"])
    assert (policy.before_days, policy.updated_by) == ("5, 2", story["carol"])


def test_a_bad_policy_is_refused_in_vietnamese(client, story):
    login(client, story["carol"])
    response = client.post(reverse("campaign:reminder_policy", args=[story["plan"].pk]), {
        "before_days": "bảy", "overdue_every_days": "3", "stop_after_days": "30",
    })
    assert "“bảy” không hợp lệ" in response.content.decode()
    assert not ReminderPolicy.objects.exists()


# The bell and the notifications --------------------------------------------------------


def test_the_bell_counts_unread_notifications(client, story):
    login(client, story["alice"])
    html = client.get(reverse("campaign:my_work")).content.decode()
    assert 'title="Thông báo nhắc hạn"' in html
    assert '<span class="badge text-bg-danger" title="Chưa đọc">1</span>' in html
    Notification.objects.update(read_at=at(day(7), 8))
    html = client.get(reverse("campaign:my_work")).content.decode()
    assert 'title="Chưa đọc"' not in html


def test_opening_a_notification_marks_it_read_and_goes_to_the_filing_page(client, story):
    notification = Notification.objects.get(user=story["alice"])
    login(client, story["alice"])
    page = client.get(reverse("campaign:notifications")).content.decode()
    # The step of the day before, made up today: the text counts from today.
    assert "Đã quá hạn 7 ngày: Sở Ngoại vụ nộp báo cáo “Trao đổi đoàn” – Quý I/2026 (hạn 10/03/2026)." in page
    response = client.post(reverse("campaign:notification_read", args=[notification.pk]))
    assert response["Location"] == reverse("campaign:report_file", args=[story["assignment"].pk, story["period"].pk])
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_is_404(client, story):
    notification = Notification.objects.get(user=story["alice"])
    login(client, story["bob"])
    assert client.post(reverse("campaign:notification_read", args=[notification.pk])).status_code == 404
    assert Notification.objects.get(pk=notification.pk).read_at is None


def test_mark_all_read(client, story):
    login(client, story["carol"])
    response = client.post(reverse("campaign:notifications_read_all"), follow=True)
    assert "Đã đánh dấu 1 thông báo là đã đọc." in response.content.decode()
    assert not Notification.objects.filter(user=story["carol"], read_at=None).exists()
    assert Notification.objects.filter(user=story["bob"], read_at=None).exists()


def test_an_officer_chooses_the_daily_digest(client, story):
    login(client, story["alice"])
    response = client.post(reverse("campaign:notifications"), {"daily_digest": "on"}, follow=True)
    assert "Đã lưu cách nhận thư nhắc hạn." in response.content.decode()
    assert ReminderPreference.objects.get(user=story["alice"]).daily_digest
    assert re.search(r'<input type="checkbox" name="daily_digest"[^>]* checked>', response.content.decode())
    client.post(reverse("campaign:notifications"), {})
    assert not ReminderPreference.objects.get(user=story["alice"]).daily_digest
