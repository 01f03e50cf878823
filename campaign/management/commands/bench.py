"""`make bench`: figures measured on a throw-away test database, each beside a
ceiling measured in the same run.

- dashboard: plan_dashboard over 200 units × 2 tasks × 12 periods (4,800
  expected reports, half filed, with figures), time and SQL queries; the
  ceiling is reading the same rows with bare values() queries, i.e. the
  database part alone.
- officer's task list: work_items for one officer of a unit with 50 tasks ×
  12 periods; the ceiling again the bare reads.
Other apps add their own sections as they grow.
"""

import statistics
import time
from datetime import date, datetime, timedelta, timezone

from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import CaptureQueriesContext

VN = timezone(timedelta(hours=7))


def timed(func, repeat=5):
    runs = []
    with CaptureQueriesContext(connection) as queries:
        func()
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) * 1000, len(queries.captured_queries)


class Command(BaseCommand):
    help = "Đo hiệu năng các truy vấn chính trên một cơ sở dữ liệu thử tạm thời."

    def handle(self, *args, **options):
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            self.run()
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)

    def run(self):
        from campaign.models import (
            Assignment, Measure, Plan, ProgressReport, ReportFigure, ReportingPeriod, Task, Unit,
        )
        from campaign.selectors import plan_dashboard, work_items
        from django.contrib.auth import get_user_model

        self.stdout.write(f"Cơ sở dữ liệu: {connection.vendor}")
        plan = Plan.objects.create(
            code="bench", title="Kế hoạch đo", issuing_body="BAN", starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31),
            status=Plan.Status.IN_PROGRESS,
        )
        measures = Measure.objects.bulk_create(
            Measure(plan=plan, code=f"m{i}", name=f"Chỉ số {i}", unit_label="cái", order=i) for i in range(5)
        )
        units = Unit.objects.bulk_create(Unit(code=f"u{i}", name=f"Đơn vị {i}", kind="department") for i in range(200))
        tasks = Task.objects.bulk_create(Task(plan=plan, title=f"Nhiệm vụ {i}") for i in range(2))
        periods = ReportingPeriod.objects.bulk_create(
            ReportingPeriod(task=t, label=f"Tháng {m}/2022", starts_on=date(2022, m, 1), ends_on=date(2022, m, 28),
                            due_on=date(2022, m, 28), order=m)
            for t in tasks for m in range(1, 13)
        )
        assignments = Assignment.objects.bulk_create(Assignment(task=t, unit=u) for t in tasks for u in units)
        at = datetime(2022, 1, 1, 9, 0, tzinfo=VN)
        by_task = {}
        for p in periods:
            by_task.setdefault(p.task_id, []).append(p)
        reports = ProgressReport.objects.bulk_create(
            ProgressReport(assignment=a, period=p, text="x", first_submitted_at=at, submitted_at=at)
            for a in assignments for p in by_task[a.task_id][:6]
        )
        ReportFigure.objects.bulk_create(ReportFigure(report=r, measure=m, value=3) for r in reports for m in measures)

        ms, queries = timed(lambda: plan_dashboard(plan=plan, today=date(2022, 12, 31)))
        ceiling_ms, ceiling_queries = timed(lambda: (
            list(ReportingPeriod.objects.filter(task__plan=plan).values("pk", "task_id", "due_on")),
            list(Assignment.objects.filter(task__plan=plan).values("pk", "unit_id", "task_id")),
            list(ProgressReport.objects.filter(assignment__task__plan=plan).values("assignment_id", "period_id", "status", "first_submitted_at")),
            list(ReportFigure.objects.filter(report__assignment__task__plan=plan).values("report_id", "measure_id", "value")),
        ))
        self.stdout.write(
            f"Bảng tổng hợp (200 đơn vị × 2 nhiệm vụ × 12 kỳ = 4.800 lượt, 2.400 báo cáo): "
            f"{ms:.1f} ms, {queries} truy vấn SQL | trần (chỉ đọc các dòng): {ceiling_ms:.1f} ms, {ceiling_queries} truy vấn"
        )

        officer = get_user_model().objects.create_user(username="bench-officer")
        unit = units[0]
        unit.members.add(officer)
        more = Task.objects.bulk_create(Task(plan=plan, title=f"Việc {i}") for i in range(48))
        ReportingPeriod.objects.bulk_create(
            ReportingPeriod(task=t, label=f"Tháng {m}/2022", starts_on=date(2022, m, 1), ends_on=date(2022, m, 28),
                            due_on=date(2022, m, 28), order=m)
            for t in more for m in range(1, 13)
        )
        Assignment.objects.bulk_create(Assignment(task=t, unit=unit) for t in more)
        ms, queries = timed(lambda: work_items(user=officer, today=date(2022, 7, 1)))
        ceiling_ms, ceiling_queries = timed(lambda: (
            list(Assignment.objects.filter(unit__members=officer).values("pk", "task_id")),
            list(ReportingPeriod.objects.filter(task__assignments__unit__members=officer).values("pk", "due_on")),
            list(ProgressReport.objects.filter(assignment__unit__members=officer).values("pk", "status")),
        ))
        self.stdout.write(
            f"Việc của đơn vị (50 nhiệm vụ × 12 kỳ = 600 dòng): {ms:.1f} ms, {queries} truy vấn SQL | "
            f"trần (chỉ đọc các dòng): {ceiling_ms:.1f} ms, {ceiling_queries} truy vấn"
        )
