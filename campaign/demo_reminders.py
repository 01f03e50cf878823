"""Demo data of the deadline reminders, loaded by seed_demo after the plans.

The Gia Lai plan's periods fall around the day the demo was first loaded, so
today's scan finds reminders to send: before a due date, after it, and
escalations to Ban Tuyên giáo. The addresses end in `.example` (RFC 2606):
nothing can reach them even with a real SMTP server. With REDIS_URL set the
scan queues the e-mails for the worker that `make run` starts; without it they
are printed on the console at once.
"""

from django.contrib.auth import get_user_model

from .demo import DEMO_OFFICER, DEMO_STAFF
from .models import Plan, ReminderPolicy, Unit
from .reminders.services import reminders_scan

# The units of the Gia Lai tasks, and the province above them (escalations).
UNIT_EMAILS = {
    "ubnd-gia-lai": "vanphong@ubnd.gialai.example",
    "so-ngoai-vu-gl": "vanphong@songoaivu.gialai.example",
    "so-cong-thuong-gl": "vanphong@socongthuong.gialai.example",
    "so-nnmt-gl": "vanphong@sonnmt.gialai.example",
    "so-khcn-gl": "vanphong@sokhcn.gialai.example",
    "so-vhttdl-gl": "vanphong@sovhttdl.gialai.example",
    "so-tu-phap-gl": "vanphong@sotuphap.gialai.example",
    "so-gddt-gl": "vanphong@sogddt.gialai.example",
    "so-y-te-gl": "vanphong@soyte.gialai.example",
    "bchqs-gl": "vanphong@bchqs.gialai.example",
    "cong-an-gl": "vanphong@congan.gialai.example",
    "tinh-doan-gl": "vanphong@tinhdoan.gialai.example",
    "lhhn-gl": "vanphong@lhhn.gialai.example",
    "hhn-vn-lao-gl": "vanphong@hhnvietlao.gialai.example",
}
ACCOUNT_EMAILS = {DEMO_STAFF: "canbo.btg@tuyentruyen.example", DEMO_OFFICER: "canbo.donvi@tuyentruyen.example"}


def seed(stdout):
    # Only an empty address is filled: one set (or changed) by hand is kept.
    counts = {"created": 0, "kept": 0}
    for code, address in UNIT_EMAILS.items():
        filled = Unit.objects.filter(code=code, emails="").update(emails=address)
        counts["created" if filled else "kept"] += 1
    for username, address in ACCOUNT_EMAILS.items():
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
