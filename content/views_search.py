from django.shortcuts import render

from .search import search


def search_page(request):
    """/tim-kiem/?q=…&trang=…: articles, materials and the report's sectors, with or without diacritics."""
    result = search(request.GET.get("q", ""), request.GET.get("trang", 1))
    return render(request, "content/search.html", {"result": result, "query": result.query})
