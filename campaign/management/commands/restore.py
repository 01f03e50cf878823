"""`python manage.py restore <archive> [--check]`: an archive of `backup` back into an empty database
and empty media folders, verified against its manifest. The work is in config/backup.py."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from config.backup import ENGINE_NAMES, VIETNAM, BackupError, backup_check, backup_restore
from campaign.images import mb, thousands


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu của lệnh backup vào một cơ sở dữ liệu trống và các thư mục media trống, "
        "rồi đối chiếu số dòng và mã SHA-256 với bản kê."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp .tar.gz do lệnh backup tạo ra.")
        parser.add_argument(
            "--check", action="store_true",
            help="Chỉ đọc và kiểm tra toàn bộ tệp sao lưu (mã SHA-256, bản kê); không thay đổi gì.",
        )

    def handle(self, *args, **options):
        try:
            if options["check"]:
                outcome = backup_check(archive=options["archive"])
            else:
                outcome = backup_restore(archive=options["archive"], progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = outcome.manifest
        created = datetime.fromisoformat(manifest["created_at"]).astimezone(VIETNAM)
        commit = (manifest["portal"].get("git_commit") or "không rõ")[:12]
        tables = f"{thousands(len(manifest['tables']))} bảng, {thousands(outcome.rows)} dòng"
        files = (
            f"{thousands(len(outcome.files_in('media')))} tệp media công khai, "
            f"{thousands(len(outcome.files_in('private_media')))} tệp media riêng tư ({mb(outcome.file_bytes)} MB)"
        )
        engine = ENGINE_NAMES[manifest["database"]["engine"]]
        if options["check"]:
            self.stdout.write(self.style.SUCCESS(f"Tệp sao lưu {outcome.path} đọc được trọn vẹn, khớp bản kê."))
            self.stdout.write(f"– Tạo lúc {created:%H:%M ngày %d/%m/%Y} (giờ Việt Nam), mã nguồn commit {commit}.")
            self.stdout.write(f"– Cơ sở dữ liệu {engine}: {tables}; {files}.")
            self.stdout.write("Chưa thay đổi gì (chỉ kiểm tra).")
            return
        self.stdout.write(self.style.SUCCESS(
            f"Đã khôi phục bản sao lưu tạo lúc {created:%H:%M ngày %d/%m/%Y} (giờ Việt Nam), mã nguồn commit {commit}."
        ))
        self.stdout.write(f"– Cơ sở dữ liệu {engine}: {tables}; số dòng từng bảng khớp bản kê.")
        self.stdout.write(f"– {files[0].upper()}{files[1:]}; tên và mã SHA-256 từng tệp khớp bản kê.")
        if outcome.pending_migrations:
            self.stdout.write(
                f"Mã nguồn đang chạy có {thousands(len(outcome.pending_migrations))} migration mới hơn bản sao lưu "
                f"(ví dụ {outcome.pending_migrations[0]}): hãy chạy python manage.py migrate trước khi mở cổng."
            )
