"""Review notices (issue 10.3): staff accept or return a report and the unit is
told, once, by the reminder engine; filing again marks what waited about the
period done; the officer's page keeps an old comment in the history only.

The story is reminders_world's: Sở Ngoại vụ (office address, officer alice)
files its quarterly report, carol of Ban Tuyên giáo reviews it.
"""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from campaign import services
from campaign.models import Notification, ProgressReport, Reminder, ReminderPreference, ReportEvent
from campaign.reminders import services as reminders
from campaign.reminders.selectors import unread_notification_count
from campaign.services import ServiceError
from campaign.tasks import send_reminder
from tests.campaign.reminders_world import at, day, make_story
from tests.factories import UnitFactory, make_officer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

EMAIL, PORTAL = Reminder.Channel.EMAIL, Reminder.Channel.PORTAL
UNIT_ADDRESSES = ["alice@songoaivu.example", "vanphong@songoaivu.example"]
COMMENT = "Ghi rõ kinh phí từng đoàn."


@pytest.fixture
def story(clock):
    story = make_story()
    clock.set(at(day(-2), 9))
    story["report"] = file(story, "<p>Đã tiếp 2 đoàn.</p>")
    return story


def file(story, text):
    return services.progress_report_submit(assignment=story["assignment"], period=story["period"], by=story["alice"], text=text)


@pytest.fixture
def review(django_capture_on_commit_callbacks):
    """review(accept|return, report, comment) as the review page does it: the e-mails leave after commit."""

    def run(decision, report, by, comment=""):
        with django_capture_on_commit_callbacks(execute=True):
            if decision == "return":
                return services.progress_report_return(report=report, by=by, comment=comment)
            return services.progress_report_accept(report=report, by=by, comment=comment)

    return run


def file_url(story):
    return reverse("campaign:report_file", args=[story["assignment"].pk, story["period"].pk])


# Returned -------------------------------------------------------------------------


def test_a_return_tells_the_unit_once_by_the_bell_and_by_email_with_the_comment_and_a_link(story, review):
    review("return", story["report"], story["carol"], COMMENT)

    assert sorted(m.to[0] for m in mail.outbox) == UNIT_ADDRESSES
    message = next(m for m in mail.outbox if m.to == ["alice@songoaivu.example"])
    assert message.subject == "[Trả lại để bổ sung] Báo cáo: Trao đổi đoàn – Quý I/2026"
    link = settings.SITE_URL + file_url(story)
    assert link.startswith("http")
    assert "Kính gửi: Sở Ngoại vụ," in message.body
    assert "Ban Tuyên giáo đã trả lại báo cáo dưới đây để đơn vị bổ sung rồi nộp lại." in message.body
    assert f"Ý kiến của Ban Tuyên giáo: {COMMENT}" in message.body
    assert "Hạn nộp: 10/03/2026" in message.body
    assert "Kết quả duyệt: Trả lại để bổ sung, lúc 09:00 08/03/2026" in message.body
    assert f"Xem ý kiến và nộp lại báo cáo tại: {link}" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f"<em>{COMMENT}</em>" in html and f'href="{link}"' in html and '<html lang="vi">' in html

    notification = Notification.objects.get(user=story["alice"])
    assert notification.text == f"Ban Tuyên giáo trả lại báo cáo “Trao đổi đoàn” – Quý I/2026 để bổ sung. Ý kiến: “{COMMENT}”"
    assert notification.link == file_url(story) and notification.read_at is None
    assert unread_notification_count(user=story["alice"]) == 1

    event = ReportEvent.objects.get(action=ReportEvent.Action.RETURNED)
    rows = Reminder.objects.filter(event=event)
    assert sorted(rows.values_list("channel", "recipient", "status", "step")) == [
        (EMAIL, "alice@songoaivu.example", "sent", "returned"),
        (EMAIL, "vanphong@songoaivu.example", "sent", "returned"),
        (PORTAL, f"user:{story['alice'].pk}", "sent", "returned"),
    ]
    assert {r.step_label for r in rows} == {"Kết quả duyệt: trả lại để bổ sung"}
    # Staff, the unit above and other units hear nothing of it.
    assert not Notification.objects.exclude(user=story["alice"]).exists()


def test_the_send_task_run_twice_sends_one_email(story, review):
    review("return", story["report"], story["carol"], COMMENT)
    for row in Reminder.objects.filter(channel=EMAIL):
        send_reminder.delay(row.pk)
        send_reminder.delay(row.pk)
    assert len(mail.outbox) == 2
    assert set(Reminder.objects.filter(channel=EMAIL).values_list("status", "attempts")) == {("sent", 1)}


def test_recording_the_same_review_twice_adds_nothing(story, review):
    review("return", story["report"], story["carol"], COMMENT)
    event = ReportEvent.objects.get(action=ReportEvent.Action.RETURNED)
    assert reminders.review_notices_record(event=event) == []
    assert Reminder.objects.filter(event=event).count() == 3
    assert Notification.objects.count() == 1 and len(mail.outbox) == 2


def test_a_second_return_after_the_unit_files_again_is_told_again(story, review, clock):
    review("return", story["report"], story["carol"], COMMENT)
    clock.advance(hours=2)
    report = file(story, "<p>Đã tiếp 2 đoàn, kinh phí 40 triệu đồng.</p>")
    clock.advance(hours=2)
    review("return", report, story["carol"], "Thiếu ảnh đoàn thứ hai.")

    assert len(mail.outbox) == 4
    assert [m.subject.split("]")[0] for m in mail.outbox] == ["[Trả lại để bổ sung"] * 4
    assert "Thiếu ảnh đoàn thứ hai." in mail.outbox[-1].body
    first, second = Notification.objects.filter(user=story["alice"]).order_by("created_at")
    assert first.done_at is not None and first.read_at is not None
    assert second.done_at is None and second.read_at is None
    assert "Thiếu ảnh đoàn thứ hai." in second.text


def test_a_returned_notice_not_sent_when_the_unit_files_again_is_not_sent(story, clock):
    # No on-commit here: the e-mails are recorded and wait, as when Redis is slow.
    services.progress_report_return(report=story["report"], by=story["carol"], comment=COMMENT)
    clock.advance(minutes=30)
    file(story, "<p>Bổ sung kinh phí.</p>")
    rows = Reminder.objects.filter(channel=EMAIL, step="returned")
    assert set(rows.values_list("status", "last_error")) == {("skipped", "Không cần gửi: đơn vị đã nộp báo cáo.")}
    for row in rows:
        assert reminders.reminder_send(reminder_id=row.pk).status == "not_claimed"
    assert mail.outbox == []


def test_the_worker_checks_again_that_a_return_was_not_answered_meanwhile(story, clock):
    services.progress_report_return(report=story["report"], by=story["carol"], comment=COMMENT)
    row = Reminder.objects.filter(channel=EMAIL, step="returned").first()
    # The unit files while this row is already in a worker's hands (claimed, so not skipped by the filing).
    Reminder.objects.filter(pk=row.pk).update(status=Reminder.Status.SENDING, claimed_at=clock.now)
    file(story, "<p>Bổ sung kinh phí.</p>")
    Reminder.objects.filter(pk=row.pk).update(status=Reminder.Status.PENDING, claimed_at=None)
    assert reminders.reminder_send(reminder_id=row.pk).status == "skipped"
    row.refresh_from_db()
    assert row.last_error == "Không cần gửi: đơn vị đã nộp báo cáo."
    assert mail.outbox == []


def test_review_notices_do_not_wait_for_the_daily_digest(story, review):
    ReminderPreference.objects.create(user=story["alice"], daily_digest=True)
    review("return", story["report"], story["carol"], COMMENT)
    assert sorted(m.to[0] for m in mail.outbox) == UNIT_ADDRESSES
    assert not Reminder.objects.filter(channel=Reminder.Channel.DIGEST).exists()


# Accepted -------------------------------------------------------------------------


def test_an_acceptance_tells_the_unit_once(story, review):
    review("accept", story["report"], story["carol"], "Báo cáo đầy đủ.")
    assert sorted(m.to[0] for m in mail.outbox) == UNIT_ADDRESSES
    message = mail.outbox[0]
    assert message.subject == "[Đã chấp nhận] Báo cáo: Trao đổi đoàn – Quý I/2026"
    assert "Ban Tuyên giáo đã chấp nhận báo cáo dưới đây." in message.body
    assert "Ý kiến của Ban Tuyên giáo: Báo cáo đầy đủ." in message.body
    assert f"Xem báo cáo tại: {settings.SITE_URL}{file_url(story)}" in message.body
    notification = Notification.objects.get(user=story["alice"])
    assert notification.text == "Ban Tuyên giáo đã chấp nhận báo cáo “Trao đổi đoàn” – Quý I/2026. Ý kiến: “Báo cáo đầy đủ.”"
    assert set(Reminder.objects.filter(step="accepted").values_list("status", flat=True)) == {"sent"}
    for row in Reminder.objects.filter(channel=EMAIL):
        send_reminder.delay(row.pk)
    assert len(mail.outbox) == 2


def test_an_acceptance_without_comment_says_so_plainly(story, review):
    review("accept", story["report"], story["carol"])
    assert "Ý kiến" not in mail.outbox[0].body
    assert Notification.objects.get().text == "Ban Tuyên giáo đã chấp nhận báo cáo “Trao đổi đoàn” – Quý I/2026."


# Bad cases: nothing recorded ------------------------------------------------------


def test_a_refused_review_tells_nobody(story, review):
    with pytest.raises(ServiceError, match="Vui lòng ghi ý kiến"):
        review("return", story["report"], story["carol"], "   ")
    review("accept", story["report"], story["carol"])
    mail.outbox.clear()
    with pytest.raises(ServiceError, match="không thể duyệt"):
        review("return", story["report"], story["carol"], COMMENT)
    assert mail.outbox == []
    assert not Reminder.objects.filter(step="returned").exists()
    assert Notification.objects.count() == 1


def test_a_unit_with_nobody_to_tell_is_reviewed_all_the_same(story, review):
    lonely = UnitFactory(code="xa-moi", name="UBND xã mới", emails="")
    assignment = story["assignment"]
    assignment.unit = lonely
    assignment.save()
    report = ProgressReport.objects.get()
    review("return", report, story["carol"], COMMENT)
    assert ProgressReport.objects.get().status == ProgressReport.Status.RETURNED
    assert mail.outbox == [] and not Reminder.objects.filter(step="returned").exists()


# Filing marks the period's reminders and notifications done -----------------------


def test_filing_marks_the_periods_reminders_and_notifications_done(clock):
    story = make_story()
    other_unit = UnitFactory(code="so-tu-phap", name="Sở Tư pháp")
    make_officer(other_unit, username="dan", email="dan@sotuphap.example")
    other = services.assignment_create(task=story["task"], units=[other_unit], by=story["carol"])
    clock.set(at(day(-1)))
    reminders.reminders_scan()  # recorded, e-mails waiting (no on-commit here), the bell rings
    assert unread_notification_count(user=story["alice"]) == 1

    clock.set(at(day(-1), 10))
    file(story, "<p>Đã tiếp 2 đoàn.</p>")

    mine = Reminder.objects.filter(assignment=story["assignment"])
    assert set(mine.filter(channel=EMAIL).values_list("status", "last_error")) == {("skipped", "Không cần gửi: đơn vị đã nộp báo cáo.")}
    notification = Notification.objects.get(user=story["alice"])
    assert notification.read_at == at(day(-1), 10) and notification.done_at == at(day(-1), 10)
    assert unread_notification_count(user=story["alice"]) == 0
    # Another unit of the same task has not filed: its reminders still go.
    assert set(Reminder.objects.filter(assignment__in=other, channel=EMAIL).values_list("status", flat=True)) == {"pending"}
    assert Notification.objects.get(user__username="dan").done_at is None


def test_filing_skips_the_parts_of_a_digest(clock, django_capture_on_commit_callbacks):
    story = make_story()
    ReminderPreference.objects.create(user=story["alice"], daily_digest=True)
    clock.set(at(day(-1)))
    reminders.reminders_scan()
    part = Reminder.objects.get(recipient="alice@songoaivu.example", channel=EMAIL)
    assert part.status == Reminder.Status.IN_DIGEST
    file(story, "<p>Đã tiếp 2 đoàn.</p>")
    part.refresh_from_db()
    assert (part.status, part.last_error) == ("skipped", "Không cần gửi: đơn vị đã nộp báo cáo.")
    digest = Reminder.objects.get(channel=Reminder.Channel.DIGEST)
    assert reminders.reminder_send(reminder_id=digest.pk).status == "skipped"
    assert [m.to for m in mail.outbox] == []


# Pages -----------------------------------------------------------------------------


def test_the_officers_page_keeps_an_old_comment_in_the_history_only(client, story, review, clock):
    review("return", story["report"], story["carol"], COMMENT)
    client.force_login(story["alice"])
    html = client.get(file_url(story)).content.decode()
    assert f"Ý kiến của Ban Tuyên giáo: {COMMENT}" in html

    clock.advance(hours=3)
    file(story, "<p>Bổ sung kinh phí.</p>")
    html = client.get(file_url(story)).content.decode()
    status, history = html.split('id="lich-su"')
    assert "Trạng thái: Đã nộp, chờ duyệt" in status
    assert COMMENT not in status and "Ý kiến của Ban Tuyên giáo:" not in status
    assert "Đơn vị đã nộp lại sau lần duyệt ngày 08/03/2026" in status
    assert f"Trả lại để bổ sung – {story['carol'].get_full_name()}: “{COMMENT}”" in history
    assert "Nộp lại sau khi bổ sung" in history


def test_the_notifications_page_shows_what_is_done(client, story, review, clock):
    review("return", story["report"], story["carol"], COMMENT)
    client.force_login(story["alice"])
    html = client.get(reverse("campaign:notifications")).content.decode()
    assert "1 chưa đọc" in html and ">Mới</span>" in html and COMMENT in html
    clock.advance(hours=1)
    file(story, "<p>Bổ sung kinh phí.</p>")
    html = client.get(reverse("campaign:notifications")).content.decode()
    assert "chưa đọc" not in html and ">Mới</span>" not in html
    assert ">Đã xong</span>" in html and "Đơn vị đã nộp báo cáo lúc 10:00 08/03/2026." in html


def test_the_staff_log_shows_review_notices_and_what_filing_made_unneeded(client, story, review, clock):
    services.progress_report_return(report=story["report"], by=story["carol"], comment=COMMENT)
    clock.advance(hours=1)
    file(story, "<p>Bổ sung kinh phí.</p>")
    review("accept", ProgressReport.objects.get(), story["carol"])
    client.force_login(story["carol"])
    html = client.get(reverse("campaign:reminder_log")).content.decode()
    assert "Kết quả duyệt: trả lại để bổ sung" in html and "Kết quả duyệt: chấp nhận" in html
    assert "Không cần gửi: đơn vị đã nộp báo cáo." in html
    assert "Sở Ngoại vụ · Quý I/2026 · hạn 10/03/2026" in html
