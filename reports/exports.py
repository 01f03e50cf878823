"""The report's Word and Excel files, built by a Celery task (reports.tasks) and downloaded when
ready. A staff member asks for a file (export_request); the task builds it (export_build) into
private storage; the status page refreshes until it is there. Without REDIS_URL tasks run
eagerly (settings), so the file is ready when the request returns.
"""

import logging
import time
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .documents import report_docx
from .models import ReportExport
from .spreadsheets import report_workbook

logger = logging.getLogger(__name__)

BUILDERS = {ReportExport.Kind.DOCX: report_docx, ReportExport.Kind.XLSX: report_workbook}
KEEP = 5  # files kept per report and kind; older ones are deleted with their rows


def export_request(*, report, kind, by=None):
    """A pending export, queued once the transaction commits."""
    from .tasks import build_report_export

    export = ReportExport.objects.create(report=report, kind=kind, requested_by=by)
    transaction.on_commit(partial(build_report_export.delay, export.pk))
    return export


def export_build(*, export_id):
    """Build the file of one export. Safe to run twice: a ready export is left as it is, and of two
    runs at the same time the second to finish drops its file. A failure is recorded, not raised."""
    export = ReportExport.objects.select_related("report").filter(pk=export_id).first()
    if export is None or export.status != ReportExport.Status.PENDING:
        return export
    started = time.perf_counter()
    try:
        content = BUILDERS[export.kind](export.report)
    except Exception as error:  # noqa: BLE001 – the staff member sees "Không tạo được" with the reason
        logger.exception("Không tạo được tệp xuất báo cáo %s", export_id)
        ReportExport.objects.filter(pk=export_id, status=ReportExport.Status.PENDING).update(
            status=ReportExport.Status.FAILED, error=f"{type(error).__name__}: {error}"[:1000], finished_at=timezone.now(),
        )
        return export
    storage = export.file.storage
    name = storage.save(f"reports/exports/{export.pk}-{export.filename}", ContentFile(content))
    done = ReportExport.objects.filter(pk=export_id, status=ReportExport.Status.PENDING).update(
        status=ReportExport.Status.READY, file=name, finished_at=timezone.now(),
        build_ms=round((time.perf_counter() - started) * 1000),
    )
    if not done:
        storage.delete(name)
    export_prune(report_id=export.report_id, kind=export.kind)
    export.refresh_from_db()
    return export


def export_prune(*, report_id, kind, keep=KEEP):
    """Delete the finished exports of a report and kind beyond the newest `keep`, with their files."""
    old = list(ReportExport.objects.filter(report_id=report_id, kind=kind)
               .exclude(status=ReportExport.Status.PENDING)[keep:])
    for export in old:
        if export.file:
            export.file.storage.delete(export.file.name)
    ReportExport.objects.filter(pk__in=[export.pk for export in old]).delete()


def latest_exports(report):
    """{kind: the newest export of that kind} for the report page's links, in one query."""
    latest = {}
    for export in report.exports.all()[: 4 * KEEP]:
        latest.setdefault(export.kind, export)
    return latest
