"""The public pages of the cooperation report: everyone reads them, no account."""

from django.shortcuts import get_object_or_404, render

from .. import selectors


def report_index(request):
    reports = selectors.published_reports().select_related("basis_plan")
    return render(request, "reports/index.html", {"reports": reports})


def report_detail(request, code):
    report = get_object_or_404(selectors.published_reports().select_related("basis_plan"), code=code)
    return render(request, "reports/report_detail.html", selectors.report_page(report))
