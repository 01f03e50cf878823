"""Celery entry points of the reports app: ids in, a service called, safe to run twice."""

from celery import shared_task

from . import exports


@shared_task
def build_report_export(export_id):
    """Build one Word or Excel file of a report (reports.exports.export_build)."""
    exports.export_build(export_id=export_id)
