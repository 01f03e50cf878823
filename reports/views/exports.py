"""Staff: ask for the report's Word or Excel file, watch it being built, download it."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from campaign.permissions import staff_required

from .. import exports
from ..models import Report, ReportExport


def _report(code):
    # Staff export drafts too: a report is exported to be checked before it is issued.
    return get_object_or_404(Report, code=code)


@staff_required
def export_list(request, code):
    report = _report(code)
    recent = list(report.exports.select_related("requested_by")[: 2 * exports.KEEP])
    return render(request, "reports/exports.html", {
        "report": report, "exports": recent, "kinds": ReportExport.Kind.choices,
        "refresh": any(export.is_pending for export in recent),
    })


@staff_required
@require_POST
def export_create(request, code):
    report = _report(code)
    kind = request.POST.get("kind", "")
    if kind not in ReportExport.Kind.values:
        raise Http404("Loại tệp không có.")
    export = exports.export_request(report=report, kind=kind, by=request.user)
    return redirect("reports:export_status", code=report.code, pk=export.pk)


@staff_required
def export_status(request, code, pk):
    export = get_object_or_404(ReportExport.objects.select_related("report"), pk=pk, report__code=code)
    return render(request, "reports/export_status.html", {"report": export.report, "export": export,
                                                          "refresh": export.is_pending})


@staff_required
def export_download(request, code, pk):
    export = get_object_or_404(ReportExport.objects.select_related("report"), pk=pk, report__code=code,
                               status=ReportExport.Status.READY)
    if not export.file or not export.file.storage.exists(export.file.name):
        raise Http404("Tệp không còn; hãy tạo lại.")
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.filename,
                        content_type=export.content_type)
