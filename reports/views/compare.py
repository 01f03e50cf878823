"""The comparison of one indicator across periods and partners (public)."""

from django.shortcuts import render


def compare(request):
    return render(request, "reports/compare.html", {})
