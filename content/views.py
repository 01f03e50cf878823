from django.shortcuts import render


def home(request):
    return render(request, "content/home.html")


def article_list(request):
    return render(request, "content/article_list.html")


def material_list(request):
    return render(request, "content/material_list.html")
