"""`python manage.py backup [--output PATH]`: the database and both media folders in one archive.

The work is in config/backup.py; cron or a systemd timer runs this (deploy/backup.sh, docs/deploy.md).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from config.backup import ENGINE_NAMES, BackupError, backup_create
from campaign.images import mb, thousands


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu, media công khai và media riêng tư vào một tệp .tar.gz (kèm bản kê manifest.json)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Tệp .tar.gz, hoặc thư mục (tệp portal-<ngày>-<giờ>.tar.gz trong đó); mặc định BACKUP_DIR.",
        )

    def handle(self, *args, **options):
        try:
            outcome = backup_create(output=options["output"] or settings.BACKUP_DIR)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = outcome.manifest
        for name in outcome.skipped:
            self.stderr.write(f"Bỏ qua «{name}»: không phải tệp thường (liên kết tượng trưng hoặc tệp đặc biệt).")
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu vào {outcome.path}"))
        self.stdout.write(
            f"– Cơ sở dữ liệu {ENGINE_NAMES[manifest['database']['engine']]}: {thousands(len(manifest['tables']))} bảng, "
            f"{thousands(outcome.rows)} dòng."
        )
        self.stdout.write(
            f"– Tệp: {thousands(len(outcome.files_in('media')))} tệp media công khai, "
            f"{thousands(len(outcome.files_in('private_media')))} tệp media riêng tư ({mb(outcome.file_bytes)} MB)."
        )
        self.stdout.write(
            "Tệp sao lưu chứa dữ liệu cá nhân (người dự thi, cán bộ): chỉ lưu ở nơi đã mã hóa và giới hạn người truy cập "
            "(docs/deploy.md, mục “Sao lưu và khôi phục”)."
        )
