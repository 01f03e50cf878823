"""`python manage.py send_reminders [--dry-run] [--date YYYY-MM-DD]`: the scan that
Celery beat runs every morning, by hand (cron, a missed day, a look at what is due)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from campaign.deadlines import local_today
from campaign.models import Reminder
from campaign.reminders.selectors import due_reminders
from campaign.reminders.services import reminders_scan
from campaign.reminders.steps import step_label

CHANNELS = dict(Reminder.Channel.choices)


def describe(planned):
    channel = CHANNELS[planned.channel] + (" (gộp vào thư tổng hợp)" if planned.in_digest else "")
    period = planned.period
    return (
        f"– {step_label(planned.step.name)}: {planned.assignment.unit.name} · {period.task.title} · {period.label} "
        f"(hạn {period.due_on:%d/%m/%Y}) → {channel}: {planned.label}"
    )


class Command(BaseCommand):
    help = "Quét và gửi nhắc hạn báo cáo (Celery beat chạy việc này lúc 07:00 hằng ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in ra những nhắc hạn sẽ gửi; không ghi, không gửi.")
        parser.add_argument("--date", help="Quét như vào ngày này (YYYY-MM-DD); mặc định hôm nay, giờ Việt Nam.")

    def handle(self, *args, **options):
        day = self._day(options["date"])
        if options["dry_run"]:
            planned = due_reminders(today=day)
            self.stdout.write(f"Ngày {day:%d/%m/%Y}: {len(planned)} nhắc hạn sẽ gửi (chạy thử, không ghi, không gửi).")
            for item in planned:
                self.stdout.write(describe(item))
            return
        result = reminders_scan(today=day)
        resumed = result.resumed
        self.stdout.write(
            f"Ngày {day:%d/%m/%Y}: ghi nhận {len(result.planned)} nhắc hạn mới "
            f"({result.count(Reminder.Channel.EMAIL)} e-mail, trong đó {result.digest_parts} gộp vào thư tổng hợp; "
            f"{result.notifications} thông báo trên cổng); đưa {resumed.queued} thư vào hàng đợi gửi."
        )
        if resumed.retried or resumed.unknown or resumed.failed:
            self.stdout.write(
                f"Tiến trình gửi từng dừng giữa chừng: {resumed.retried} thư gửi lại, {resumed.unknown} thư không rõ đã gửi, "
                f"{resumed.failed} thư lỗi (xem Nhật ký nhắc hạn)."
            )
        self.stdout.write(self.style.SUCCESS("Xong."))

    def _day(self, text):
        if not text:
            return local_today()
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"--date {text!r} không hợp lệ: dùng dạng YYYY-MM-DD, ví dụ 2026-03-05.") from None
