"""The comparison of one indicator across periods and partners: public, as the reports are."""

from django.shortcuts import render

from ..comparison import indicator_comparison


def compare(request):
    return render(request, "reports/compare.html", indicator_comparison(request.GET.get("chi-tieu", "")))
