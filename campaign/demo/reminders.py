"""Demo data of the deadline reminders, loaded by seed_demo after the plans.

The Gia Lai plan's periods fall around the day the demo was first loaded, so
today's scan finds reminders to send: before a due date, after it, and
escalations to Ban Tuyên giáo. The addresses (data/reminders.yaml for the
units, data/accounts.yaml for the two demo accounts) end in `.example`
(RFC 2606): nothing can reach them even with a real SMTP server. With
REDIS_URL set the scan queues the e-mails for the worker that `make run`
starts; without it they are printed on the console at once.
"""

from django.contrib.auth import get_user_model

from ..models import Plan, ReminderPolicy, Unit
from ..reminders.services import reminders_scan
from . import DEMO_OFFICER, DEMO_STAFF, data


def seed(stdout):
    # Only an empty address is filled: one set (or changed) by hand is kept.
    counts = {"created": 0, "kept": 0}
    unit_emails = data("reminders")["unit_emails"]
    for code in unit_emails.keys():
        filled = Unit.objects.filter(code=code, emails="").update(emails=unit_emails.text(code))
        counts["created" if filled else "kept"] += 1
    accounts = data("accounts")["accounts"]
    for username in (DEMO_STAFF, DEMO_OFFICER):
        address = accounts[username].text("email")
        filled = get_user_model().objects.filter(username=username, email="").update(email=address)
        counts["created" if filled else "kept"] += 1
    for plan in Plan.objects.order_by("pk"):
        _, created = ReminderPolicy.objects.get_or_create(plan=plan)
        counts["created" if created else "kept"] += 1
    stdout.write(
        f"Nhắc hạn (e-mail đơn vị, chính sách): {counts['created']} tạo mới, {counts['kept']} đã có (giữ nguyên)."
    )
    result = reminders_scan()
    stdout.write(
        f"Quét nhắc hạn hôm nay ({result.day:%d/%m/%Y}): {len(result.planned)} nhắc hạn mới "
        f"({result.notifications} thông báo trên cổng, {result.resumed.queued} thư đưa vào hàng đợi gửi)."
    )
