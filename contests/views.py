from django.shortcuts import render


def contest_index(request):
    return render(request, "contests/index.html")
