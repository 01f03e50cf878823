"""Staff: the Excel import of a report's indicator values, and its template."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from campaign.permissions import staff_required

from .. import imports
from ..models import Report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_required
def values_import(request, code):
    report = get_object_or_404(Report, code=code)
    posted = request.method == "POST"
    form = imports.ValuesImportForm(request.POST if posted else None, request.FILES if posted else None)
    errors = []
    if posted and form.is_valid():
        try:
            values = imports.read_workbook(form.cleaned_data["file"], report)
        except ValidationError as error:
            errors = error.messages
        else:
            created, updated = imports.values_import(report=report, values=values)
            messages.success(request, f"Đã nhập {created + updated} số liệu: {created} số liệu mới, {updated} số liệu cập nhật.")
            return redirect("reports:values_import", code=report.code)
    return render(request, "reports/values_import.html", {"report": report, "form": form, "errors": errors},
                  status=400 if errors else 200)


@staff_required
def values_import_template(request, code):
    report = get_object_or_404(Report, code=code)
    response = HttpResponse(imports.template_workbook(report), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-so-lieu-{report.code}.xlsx"'
    return response
