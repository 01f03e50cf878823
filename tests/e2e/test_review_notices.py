"""Reviewing tells the unit (issue 10.3), end to end in real Chromium.

Staff return a report with a comment: the officer's bell rings and the unit's
e-mail is sent once. A deadline reminder waits in the log (the broker was
slow). The officer files again: the comment is now history, the reminder is
not sent ("đã nộp") and the notifications are done. Staff accept: a
notification and an e-mail, once.
"""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from campaign import services
from campaign.models import Notification, ProgressReport, Reminder
from campaign.reminders.services import reminders_scan
from tests.e2e.conftest import DESKTOP, PHONE, log_in, screenshot
from tests.e2e.test_report_flow import (  # noqa: F401 (fixtures)
    COMMENT,
    FIRST_TEXT,
    SECOND_TEXT,
    TASK_TITLE,
    UNIT_NAME,
    media,
    no_horizontal_scroll,
    replace_editor_text,
    report_status,
    work_menu,
    world,
)

pytestmark = pytest.mark.django_db(transaction=True)

UNIT_ADDRESSES = ["bob@example.vn", "vanphong@ttvh.example"]


def bell(page):
    return work_menu(page).get_by_role("link", name=re.compile(r"Thông báo"))


def review_mails(kind):
    return sorted(m.to[0] for m in mail.outbox if m.subject.startswith(f"[{kind}]"))


def review(staff, base, decision, comment=""):
    work_menu(staff).get_by_role("link", name="Duyệt báo cáo").click()
    staff.get_by_role("link", name=f"{UNIT_NAME} – {TASK_TITLE}").click()
    staff.get_by_label(decision, exact=True).check()
    if comment:
        staff.get_by_label("Ý kiến").fill(comment)
    staff.get_by_role("button", name="Ghi kết quả duyệt").click()
    expect(staff.locator(".messages")).to_contain_text("Đã ")


def test_review_tells_the_unit_and_filing_again_closes_what_waited(
    eager_celery, live_server, page_at, media, world, monkeypatch,
):
    base = live_server.url
    world["unit"].emails = "vanphong@ttvh.example"
    world["unit"].save()
    assignment, period = world["assignment"], world["period"]
    file_path = reverse("campaign:report_file", args=[assignment.pk, period.pk])
    services.progress_report_submit(assignment=assignment, period=period, by=world["officer"], text=f"<p>{FIRST_TEXT}</p>")
    assert mail.outbox == []

    # 1. Staff return the report with a comment. ------------------------------------------
    staff = page_at(DESKTOP)
    log_in(staff, base, "alice")
    review(staff, base, "Trả lại để bổ sung", COMMENT)
    expect(staff.locator(".messages")).to_contain_text("Đã trả lại báo cáo")
    # One e-mail to each of the unit's addresses (its office, its officer), and only one.
    assert review_mails("Trả lại để bổ sung") == UNIT_ADDRESSES
    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    assert f"Ý kiến của Ban Tuyên giáo: {COMMENT}" in message.body
    assert f"{settings.SITE_URL}{file_path}" in message.body
    assert COMMENT in message.alternatives[0][0]

    # A deadline reminder for the same period is recorded while the broker is slow: it waits.
    with monkeypatch.context() as patch:
        patch.setattr("campaign.reminders.services.enqueue_sends", lambda ids: None)
        reminders_scan(today=period.due_on - timedelta(days=3))
    waiting = Reminder.objects.filter(step="before-3", channel=Reminder.Channel.EMAIL)
    assert set(waiting.values_list("status", flat=True)) == {"pending"} and waiting.count() == 2

    # 2. The officer sees the bell, reads the notification, opens the report. --------------
    officer = page_at(PHONE)
    log_in(officer, base, "bob")
    expect(bell(officer).locator(".badge")).to_have_text("2")
    bell(officer).click()
    expect(officer.get_by_role("heading", level=1)).to_contain_text("Thông báo")
    returned = officer.locator(".work-item").filter(has_text="trả lại")
    expect(returned).to_contain_text(f"Ban Tuyên giáo trả lại báo cáo “{TASK_TITLE}” – {period.label} để bổ sung. Ý kiến: “{COMMENT}”")
    expect(returned.locator(".badge")).to_have_text("Mới")
    assert no_horizontal_scroll(officer)
    screenshot(officer, "review-returned-notifications-360")
    returned.get_by_role("button", name="Mở").click()
    officer.wait_for_url(base + file_path)
    expect(report_status(officer)).to_contain_text("Trạng thái: Trả lại để bổ sung")
    expect(report_status(officer)).to_contain_text(f"Ý kiến của Ban Tuyên giáo: {COMMENT}")
    expect(bell(officer).locator(".badge")).to_have_text("1")  # the deadline reminder is still unread

    # 3. The officer files again: the comment becomes history, what waited is done. --------
    replace_editor_text(officer, SECOND_TEXT)
    officer.get_by_role("button", name="Nộp lại báo cáo").click()
    expect(officer.locator(".messages")).to_contain_text("Đã nộp báo cáo")
    expect(report_status(officer)).to_contain_text("Trạng thái: Đã nộp, chờ duyệt")
    expect(report_status(officer)).not_to_contain_text(COMMENT)
    expect(report_status(officer)).not_to_contain_text("Ý kiến của Ban Tuyên giáo:")
    expect(report_status(officer)).to_contain_text("ý kiến trước của Ban Tuyên giáo ở mục Lịch sử")
    history = officer.locator("ul.report-history")
    expect(history).to_contain_text(f"Trả lại để bổ sung – Trần Thị Anh: “{COMMENT}”")
    expect(history).to_contain_text("Nộp lại sau khi bổ sung")
    expect(bell(officer).locator(".badge")).to_have_count(0)
    assert no_horizontal_scroll(officer)
    screenshot(officer, "review-refiled-history-360")
    assert officer.console_errors == []

    assert set(waiting.values_list("status", "last_error")) == {("skipped", "Không cần gửi: đơn vị đã nộp báo cáo.")}
    assert not Notification.objects.filter(user=world["officer"], done_at=None).exists()
    officer.goto(base + reverse("campaign:notifications"))
    expect(officer.locator(".work-item .badge").filter(has_text="Đã xong")).to_have_count(2)
    expect(officer.locator(".work-item .badge").filter(has_text="Mới")).to_have_count(0)
    screenshot(officer, "review-refiled-notifications-360")

    staff.goto(base + reverse("campaign:reminder_log"))
    before = staff.get_by_role("row").filter(has_text="vanphong@ttvh.example").filter(has_text="Trước hạn 3 ngày")
    expect(before).to_contain_text("Không gửi")
    expect(before).to_contain_text("Không cần gửi: đơn vị đã nộp báo cáo.")
    returned_row = staff.get_by_role("row").filter(has_text="vanphong@ttvh.example").filter(has_text="Kết quả duyệt: trả lại để bổ sung")
    expect(returned_row).to_contain_text("Đã gửi")
    screenshot(staff, "review-reminder-log-1280")
    assert len(mail.outbox) == 2  # the reminder never left

    # 4. Staff accept: a notification and an e-mail, once. ---------------------------------
    review(staff, base, "Chấp nhận")
    expect(staff.locator(".messages")).to_contain_text("Đã chấp nhận báo cáo")
    assert review_mails("Đã chấp nhận") == UNIT_ADDRESSES
    assert len(mail.outbox) == 4
    officer.reload()
    expect(bell(officer).locator(".badge")).to_have_text("1")
    accepted = officer.locator(".work-item").filter(has_text="chấp nhận")
    expect(accepted).to_contain_text(f"Ban Tuyên giáo đã chấp nhận báo cáo “{TASK_TITLE}” – {period.label}.")
    expect(accepted.locator(".badge")).to_have_text("Mới")
    screenshot(officer, "review-accepted-notifications-360")
    assert officer.console_errors == [] and staff.console_errors == []

    assert ProgressReport.objects.get().status == ProgressReport.Status.ACCEPTED
    assert Reminder.objects.filter(step__in=("returned", "accepted")).count() == 6  # 2 e-mails + 1 bell, twice
