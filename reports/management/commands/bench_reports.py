"""`make bench`, cooperation report section: on a throw-away test database holding the demo
data (seed_demo: report 04/BC-UBND, 92 figures), the time to build the Word and the Excel
exports of the full report, each beside the time to read its rows in the same run (the
selectors.report_page reads both exports start from). Then the same with ten times the figures,
to show how the build grows with them.
"""

import statistics
import time
from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings


def timed(func, repeat=5):
    """(median ms over `repeat` runs, SQL queries of one run, size of the result in KB)."""
    with CaptureQueriesContext(connection) as queries:
        result = func()
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        runs.append(time.perf_counter() - started)
    size = len(result) / 1024 if isinstance(result, bytes) else None
    return statistics.median(runs) * 1000, len(queries.captured_queries), size


class Command(BaseCommand):
    help = "Đo thời gian tạo tệp Word và Excel của báo cáo hợp tác trên một cơ sở dữ liệu thử tạm thời."

    def handle(self, *args, **options):
        from config.celery import app

        old_name = connection.settings_dict["NAME"]
        eager = app.conf.task_always_eager
        app.conf.task_always_eager = True  # seed_demo's tasks run here, with or without a worker
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            # The demo's reminders go to memory, not to the console.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                call_command("seed_demo", stdout=StringIO())
            self.run()
        finally:
            app.conf.task_always_eager = eager
            connection.creation.destroy_test_db(old_name, verbosity=0)

    def run(self):
        from reports.demo import REPORT_CODE
        from reports.documents import report_docx
        from reports.models import IndicatorValue, Report
        from reports.selectors import report_page
        from reports.spreadsheets import report_workbook

        self.stdout.write(f"Cơ sở dữ liệu: {connection.vendor}")

        def fresh():
            return Report.objects.get(code=REPORT_CODE)

        def measure(label):
            count = fresh().values.count()
            read_ms, read_queries, _ = timed(lambda: report_page(fresh()))
            for name, build in (("Word", report_docx), ("Excel", report_workbook)):
                ms, queries, size = timed(lambda: build(fresh()))
                self.stdout.write(
                    f"Báo cáo hợp tác, tệp {name} ({label}, {count} số liệu, {size:.0f} KB): {ms:.1f} ms, "
                    f"{queries} truy vấn SQL | trần (chỉ đọc các dòng): {read_ms:.1f} ms, {read_queries} truy vấn"
                )

        measure("toàn văn 04/BC-UBND")
        report = fresh()
        values = list(report.values.all())
        IndicatorValue.objects.bulk_create(
            IndicatorValue(report=report, indicator=v.indicator, sector=v.sector, section=v.section, entity=v.entity,
                           partner=v.partner, partner_scope=v.partner_scope, year_start=v.year_start,
                           year_end=v.year_end, period_label=v.period_label, number=v.number + copy,
                           source_sentence=v.source_sentence, order=1000 * copy + v.order)
            for copy in range(1, 10) for v in values
        )
        measure("gấp 10 số liệu")
