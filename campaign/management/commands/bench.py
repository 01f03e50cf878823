"""`make bench`: figures measured on a throw-away test database, each beside a
ceiling measured in the same run.

- dashboard: plan_dashboard over 200 units × 2 tasks × 12 periods (4,800
  expected reports, half filed, with figures), time and SQL queries; the
  ceiling is reading the same rows with bare values() queries, i.e. the
  database part alone.
- officer's task list: work_items for one officer of a unit with 50 tasks ×
  12 periods; the ceiling again the bare reads.
- reminders: the morning scan over 100,000 assignments (1,000 units × 100
  tasks) of which 1,000 are due; the ceiling is the bare indexed SELECT of
  the due rows. Then the scan that records the 1,000 reminders and queues
  them (to an in-memory broker), a second scan that finds nothing new, and
  the sending of the 1,000 e-mails (locmem backend).
Other apps add their own sections as they grow.
"""

import statistics
import time
from datetime import date, datetime, timedelta, timezone

from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import CaptureQueriesContext

VN = timezone(timedelta(hours=7))


def vn(number):
    """12345 → '12.345', as Vietnamese writes thousands."""
    return f"{number:,}".replace(",", ".")


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
        self.reminders()

    def reminders(self):
        from django.test.utils import override_settings

        from campaign.models import Assignment, Plan, Reminder, ReminderPolicy, ReportingPeriod, Task, Unit
        from campaign.reminders.selectors import due_reminders, scan_window
        from campaign.reminders.services import reminder_send, reminders_scan
        from campaign.tasks import send_reminder

        app = send_reminder.app

        today = date(2026, 6, 15)
        plan = Plan.objects.create(
            code="bench-nhac-han", title="Kế hoạch đo nhắc hạn", issuing_body="BAN", starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31), status=Plan.Status.IN_PROGRESS,
        )
        units = Unit.objects.bulk_create(
            Unit(code=f"r{i}", name=f"Đơn vị nhận nhắc {i}", kind="department", emails=f"vanphong{i}@donvi.example")
            for i in range(1000)
        )
        # One task due in three days (a step: 1,000 reminders); 99 not due: 50 later on,
        # 49 overdue for longer than the policy reminds.
        due_dates = [today + timedelta(days=3)] + [today + timedelta(days=20 + i) for i in range(50)]
        due_dates += [today - timedelta(days=40 + i) for i in range(49)]
        tasks = Task.objects.bulk_create(Task(plan=plan, title=f"Nhiệm vụ nhắc {i}") for i in range(100))
        ReportingPeriod.objects.bulk_create(
            ReportingPeriod(task=task, label="Báo cáo kết quả", starts_on=date(2026, 1, 1), ends_on=due, due_on=due)
            for task, due in zip(tasks, due_dates)
        )
        Assignment.objects.bulk_create((Assignment(task=t, unit=u) for t in tasks for u in units), batch_size=5000)

        ms, queries = timed(lambda: due_reminders(today=today))
        steps = ReminderPolicy(plan=plan).schedule()
        dates = [day - timedelta(days=step.offset) for day in scan_window(today) for step in steps]
        ceiling_ms, ceiling_queries = timed(lambda: list(
            Assignment.objects.filter(task__periods__due_on__in=dates, task__plan=plan)
            .order_by().values("pk", "unit_id", "task__periods__id")
        ))
        self.stdout.write(
            f"Nhắc hạn, đọc việc đến hạn ({vn(Assignment.objects.filter(task__plan=plan).count())} nhiệm vụ giao, "
            f"{vn(len(due_reminders(today=today)))} đến hạn): {ms:.1f} ms, {queries} truy vấn SQL | "
            f"trần (SELECT có chỉ mục các dòng đến hạn): {ceiling_ms:.1f} ms, {ceiling_queries} truy vấn"
        )

        # Queued to an in-memory broker: the figures are the scan's, not a mail server's.
        saved = app.conf.task_always_eager, app.conf.broker_url
        app.conf.task_always_eager, app.conf.broker_url = False, "memory://"
        try:
            now = datetime(2026, 6, 15, 7, 0, tzinfo=VN)
            with CaptureQueriesContext(connection) as recording:
                started = time.perf_counter()
                result = reminders_scan(today=today, now=now)
                record_ms = (time.perf_counter() - started) * 1000
            again_ms, again_queries = timed(lambda: reminders_scan(today=today, now=now), repeat=3)
        finally:
            app.conf.task_always_eager, app.conf.broker_url = saved
        self.stdout.write(
            f"Nhắc hạn, quét lần đầu (ghi {vn(len(result.planned))} nhắc hạn, đưa {vn(result.resumed.queued)} thư vào hàng đợi): "
            f"{record_ms:.1f} ms, {len(recording.captured_queries)} truy vấn SQL | quét lại, không còn gì mới: "
            f"{again_ms:.1f} ms, {again_queries} truy vấn"
        )

        ids = list(Reminder.objects.filter(scheduled_on=today).values_list("pk", flat=True))
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), \
                CaptureQueriesContext(connection) as sending:
            started = time.perf_counter()
            statuses = {reminder_send(reminder_id=pk).status for pk in ids}
            send_ms = (time.perf_counter() - started) * 1000
        self.stdout.write(
            f"Nhắc hạn, gửi {vn(len(ids))} thư (locmem, kết quả: {', '.join(sorted(statuses))}): {send_ms:.0f} ms, "
            f"{send_ms / len(ids):.2f} ms và {len(sending.captured_queries) / len(ids):.0f} truy vấn SQL mỗi thư"
        )
