from django.shortcuts import render


def report_index(request):
    return render(request, "reports/index.html")
