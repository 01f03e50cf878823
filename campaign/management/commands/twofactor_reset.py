"""For an account whose owner lost both the phone and the recovery codes: remove its two-factor
devices. The next sign-in with the password asks for a new enrolment (staff) or goes in (officers
who had turned it on voluntarily, until they turn it on again). docs/deploy.md."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from campaign.twofactor import services


class Command(BaseCommand):
    help = "Gỡ xác thực hai bước của một tài khoản bị mất điện thoại và mã dự phòng (tài khoản sẽ cài đặt lại khi đăng nhập)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="Tên đăng nhập của tài khoản")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản «{username}».")
        removed = services.turn_off(user, reason="quản trị chạy manage.py twofactor_reset")
        if not removed:
            self.stdout.write(f"Tài khoản {username} chưa bật xác thực hai bước; không có gì để gỡ.")
            return
        then = "phải cài đặt lại ngay khi đăng nhập" if services.required_for_role(user) else "có thể bật lại ở trang Xác thực hai bước"
        self.stdout.write(self.style.SUCCESS(
            f"Đã gỡ xác thực hai bước của {username} ({removed} thiết bị). Tài khoản {then}."
        ))
