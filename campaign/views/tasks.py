"""Tasks: giving one to units, its matrix of periods, due-date changes, lock exceptions."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import services
from ..deadlines import local_today
from ..forms import AssignForm, DueDateForm, LockExceptionForm, TaskForm
from ..models import Assignment, Plan, ProgressReport, ReportingPeriod, Task
from ..permissions import staff_required
from ..states import plan_period_state


@staff_required
def task_create(request, pk):
    plan = get_object_or_404(Plan, pk=pk)
    form = TaskForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        periods = services.periods_for_schedule(
            plan=plan, schedule=data["schedule"], due_on=data.get("due_on"), first_month=data.get("first_month"),
            last_month=data.get("last_month"), due_day=data["due_day"], final_due_on=data.get("final_due_on"),
        )
        fields = {name: data[name] for name in ("code", "title", "description", "theme", "unit_group", "schedule", "weight")}
        task = services.task_create(plan=plan, by=request.user, units=list(data["units"]), periods=periods, **fields)
        messages.success(request, f"Đã giao nhiệm vụ cho {len(data['units'])} đơn vị.")
        return redirect("campaign:task", pk=task.pk)
    return render(request, "campaign/task_form.html", {"form": form, "plan": plan})


@staff_required
def task_detail(request, pk):
    task = get_object_or_404(Task.objects.select_related("plan", "theme"), pk=pk)
    periods = list(task.periods.order_by("due_on", "order").prefetch_related("due_date_changes__changed_by"))
    assignments = list(task.assignments.select_related("unit").order_by("unit__order", "unit__name"))
    reports = {(r.assignment_id, r.period_id): r for r in ProgressReport.objects.filter(assignment__task=task)}
    today = local_today()
    rows = [
        (assignment, [(p, r := reports.get((assignment.pk, p.pk)), plan_period_state(p, task.plan, r, today)) for p in periods])
        for assignment in assignments
    ]
    context = {
        "task": task, "plan": task.plan, "periods": periods, "rows": rows,
        "assign_form": AssignForm(task=task), "due_form": DueDateForm(),
    }
    return render(request, "campaign/task_detail.html", context)


@staff_required
@require_POST
def task_assign(request, pk):
    task = get_object_or_404(Task, pk=pk)
    form = AssignForm(request.POST, task=task)
    if form.is_valid():
        created = services.assignment_create(task=task, units=list(form.cleaned_data["units"]), by=request.user)
        messages.success(request, f"Đã giao thêm cho {len(created)} đơn vị.")
    else:
        messages.error(request, " ".join(form.errors.get("units", ["Dữ liệu không hợp lệ."])))
    return redirect("campaign:task", pk=task.pk)


@staff_required
def period_due_date(request, pk):
    period = get_object_or_404(ReportingPeriod.objects.select_related("task__plan"), pk=pk)
    form = DueDateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.period_change_due_date(
                period=period, new_due_on=form.cleaned_data["new_due_on"], by=request.user, reason=form.cleaned_data["reason"],
            )
            messages.success(request, f"Đã đổi hạn kỳ “{period.label}” sang {period.due_on:%d/%m/%Y}.")
            return redirect("campaign:task", pk=period.task_id)
        except services.ServiceError as error:
            form.add_error("new_due_on", error.message)
    return render(request, "campaign/period_due_date.html", {"form": form, "period": period, "task": period.task})


@staff_required
def lock_exception(request, assignment_pk, period_pk):
    assignment = get_object_or_404(Assignment.objects.select_related("unit", "task__plan"), pk=assignment_pk)
    period = get_object_or_404(ReportingPeriod, pk=period_pk, task_id=assignment.task_id)
    form = LockExceptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.lock_exception_grant(assignment=assignment, period=period, by=request.user, **form.cleaned_data)
            messages.success(request, f"Đã cho phép {assignment.unit.name} nộp báo cáo kỳ “{period.label}”.")
            return redirect("campaign:task", pk=assignment.task_id)
        except services.ServiceError as error:
            form.add_error("until", error.message)
    context = {"form": form, "assignment": assignment, "period": period, "task": assignment.task}
    return render(request, "campaign/lock_exception.html", context)
