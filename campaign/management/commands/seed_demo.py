"""Load the demo data of every app: what is missing is added, what exists is left as it is.

Each of our apps (settings.LOCAL_APPS) may have a `demo` module with `seed(stdout)`;
they run in that order (campaign first), so campaign depends on
none of the others while each adds its own part. The modules are found by name
(a registry) for that reason; campaign/checks.py imports them at start-up, so a
broken one is named by `manage.py check` rather than halfway through a seed.
A wrong data file (`<app>/demo/data/*.yaml`) stops the command with one line
naming the file and the key, and that app's part is rolled back.
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from campaign.history import system_change
from config.seeding import SeedDataError


class Command(BaseCommand):
    help = "Nạp dữ liệu minh họa từ hai văn bản nguồn (chạy lại chỉ thêm phần còn thiếu, không sửa dữ liệu đã có)."

    def handle(self, *args, **options):
        for app in settings.LOCAL_APPS:
            module_name = f"{app}.demo"
            if find_spec(module_name) is None:
                continue
            try:
                with transaction.atomic(), system_change("Nạp dữ liệu minh họa (seed_demo)"):
                    import_module(module_name).seed(self.stdout)
            except SeedDataError as error:  # a slip in a data file: one line naming the file and key
                raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Đã nạp xong dữ liệu minh họa."))
