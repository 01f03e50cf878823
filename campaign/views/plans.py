"""Plans: the list, the form, the document, its status, its Word export and original."""

from django.contrib import messages
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import originals, services
from ..forms import PlanForm
from ..models import Plan
from ..permissions import staff_required
from ..selectors import plan_document


@staff_required
def plan_list(request):
    plans = Plan.objects.annotate(task_count=Count("tasks", distinct=True)).order_by("-starts_on")
    return render(request, "campaign/plan_list.html", {"plans": plans})


@staff_required
def plan_create(request):
    form = PlanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        plan = form.save(commit=False)
        plan.code = services.plan_unique_code(plan.title)
        services.plan_save(plan=plan)
        messages.success(request, "Đã tạo kế hoạch (dự thảo).")
        return redirect("campaign:plan", pk=plan.pk)
    return render(request, "campaign/plan_form.html", {"form": form})


@staff_required
def plan_edit(request, pk):
    plan = get_object_or_404(Plan, pk=pk)
    form = PlanForm(request.POST or None, request.FILES or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        services.plan_save(plan=form.save(commit=False))
        messages.success(request, "Đã lưu kế hoạch.")
        return redirect("campaign:plan", pk=plan.pk)
    return render(request, "campaign/plan_form.html", {"form": form, "plan": plan})


@staff_required
def plan_detail(request, pk):
    plan = get_object_or_404(Plan, pk=pk)
    context = {"plan": plan, **plan_document(plan=plan), "next_statuses": services.next_statuses(plan)}
    return render(request, "campaign/plan_detail.html", context)


@staff_required
@require_POST
def plan_status(request, pk):
    plan = get_object_or_404(Plan, pk=pk)
    status = request.POST.get("status", "")
    if status not in Plan.Status.values:
        messages.error(request, "Trạng thái không hợp lệ.")
    else:
        try:
            services.plan_change_status(plan=plan, status=status, by=request.user)
            messages.success(request, f"Kế hoạch chuyển sang “{Plan.Status(status).label}”.")
        except services.ServiceError as error:
            messages.error(request, error.message)
    return redirect("campaign:plan", pk=plan.pk)


@staff_required
def plan_docx(request, pk):
    from ..documents import plan_docx as build

    plan = get_object_or_404(Plan, pk=pk)
    response = HttpResponse(
        build(plan), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="ke-hoach-{plan.code}.docx"'
    return response


def _plan_with_original(pk):
    plan = get_object_or_404(Plan, pk=pk)
    if not plan.original_file or not plan.original_file.storage.exists(plan.original_file.name):
        raise Http404("Kế hoạch chưa có văn bản gốc.")
    return plan


@staff_required
def plan_original(request, pk):
    """The original document read on the page (Markdown rendered), with its download."""
    plan = _plan_with_original(pk)
    context = {
        "plan": plan,
        "original_html": originals.rendered_original(plan),
        "format_name": originals.format_name(plan.original_file.name),
        "download_name": originals.download_name(plan),
    }
    return render(request, "campaign/plan_original.html", context)


@staff_required
def plan_original_download(request, pk):
    plan = _plan_with_original(pk)
    return FileResponse(
        plan.original_file.open("rb"), as_attachment=True, filename=originals.download_name(plan),
        content_type=originals.content_type(plan.original_file.name),
    )
