from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from campaign.models import ReferenceDocument


def home(request):
    return render(request, "content/home.html")


def article_list(request):
    return render(request, "content/article_list.html")


def material_list(request):
    """The reference materials the plans cite (appendices, books), for everyone to read."""
    documents = ReferenceDocument.objects.annotate(section_count=Count("sections")).order_by("order", "title")
    return render(request, "content/material_list.html", {"documents": documents})


def material_detail(request, code):
    document = get_object_or_404(ReferenceDocument.objects.prefetch_related("sections", "themes"), code=code)
    return render(request, "content/material_detail.html", {"document": document})
