import hashlib
from calendar import monthrange
from datetime import date

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.core import signing
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import originals, services
from .calendars import staff_calendar, unit_calendar
from .deadlines import local_today
from .forms import (
    AssignForm,
    DueDateForm,
    LockExceptionForm,
    PlanForm,
    ProgressReportForm,
    ReviewForm,
    TaskForm,
)
from .models import Assignment, Plan, ProgressReport, ReportFigure, ReportingPeriod, Task, Unit
from .permissions import staff_required, workspace_required
from .roles import OFFICER_GROUP, is_propaganda_staff, is_unit_officer
from .exports import dashboard_workbook
from .states import plan_period_state
from .selectors import (
    counted_unit_figures,
    plan_dashboard,
    plan_document,
    plan_due_months,
    unit_tree,
    work_items,
)
from .models import Notification, Reminder, ReminderPolicy
from .reminders import selectors as reminder_selectors, services as reminder_services
from .reminders.forms import DigestPreferenceForm, ReminderLogFilterForm, ReminderPolicyForm


@workspace_required
def workspace(request):
    user = request.user
    context = {"my_units": Unit.objects.filter(members=user).order_by("order", "name")}
    if is_propaganda_staff(user):
        context["unit_count"] = Unit.objects.active().count()
        context["officer_count"] = get_user_model().objects.filter(groups__name=OFFICER_GROUP, is_active=True).count()
        context["plans"] = Plan.objects.exclude(status=Plan.Status.CLOSED).order_by("-starts_on")
        context["waiting_reports"] = ProgressReport.objects.filter(status=ProgressReport.Status.SUBMITTED).count()
    return render(request, "campaign/workspace.html", context)


@workspace_required
def unit_list(request):
    return render(request, "campaign/unit_list.html", {"rows": unit_tree(user=request.user)})


# Plans ----------------------------------------------------------------------------


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
    from .documents import plan_docx as build

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


# Tasks ----------------------------------------------------------------------------


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


# The unit's work and its reports ---------------------------------------------------


@workspace_required
def my_work(request):
    open_items, filed_items = work_items(user=request.user)
    return render(request, "campaign/my_work.html", {"open_items": open_items, "filed_items": filed_items})


def _officer_assignment(user, pk):
    """The assignment if it belongs to one of the user's units; 404 otherwise (also for staff:
    staff review reports, they do not file them)."""
    assignment = Assignment.objects.filter(pk=pk, unit__members=user).select_related("task__plan", "unit").first()
    if assignment is None:
        raise Http404("Không tìm thấy nhiệm vụ của đơn vị.")
    return assignment


@workspace_required
def report_file(request, assignment_pk, period_pk):
    assignment = _officer_assignment(request.user, assignment_pk)
    period = get_object_or_404(ReportingPeriod, pk=period_pk, task_id=assignment.task_id)
    report = ProgressReport.objects.filter(assignment=assignment, period=period).prefetch_related("figures", "photos", "events__actor").first()
    measures = list(assignment.task.plan.measures.all())
    refusal = services.filing_refusal(assignment=assignment, period=period)
    if report is not None and not report.is_editable:
        refusal = "Báo cáo đã được Ban Tuyên giáo chấp nhận."
    initial = {}
    if report is not None:
        initial = {"text": report.text, "links": report.links}
        initial.update({f"measure_{f.measure_id}": f.value for f in report.figures.all()})
    photos_already = len(report.photos.all()) if report is not None else 0
    if request.method == "POST":
        form = ProgressReportForm(request.POST, request.FILES, measures=measures, photos_already=photos_already)
        if refusal:
            messages.error(request, refusal)
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.progress_report_submit(
                    assignment=assignment, period=period, by=request.user, text=data["text"], links=data["links"],
                    figures=form.figures(), photos=[(photo, data["caption"]) for photo in data["photos"]],
                )
                messages.success(request, f"Đã nộp báo cáo kỳ “{period.label}”.")
                return redirect("campaign:report_file", assignment_pk=assignment.pk, period_pk=period.pk)
            except services.ServiceError as error:
                messages.error(request, error.message)
    else:
        form = ProgressReportForm(initial=initial, measures=measures, photos_already=photos_already)
    context = {
        "assignment": assignment, "period": period, "report": report, "form": form, "refusal": refusal,
        "today": local_today(),
    }
    return render(request, "campaign/report_file.html", context)


@staff_required
def report_detail(request, pk):
    report = get_object_or_404(
        ProgressReport.objects.select_related("assignment__unit", "assignment__task__plan", "period", "submitted_by").prefetch_related(
            Prefetch("figures", queryset=ReportFigure.objects.select_related("measure")),
            "photos", "events__actor",
        ),
        pk=pk,
    )
    form = ReviewForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == "accept":
                    services.progress_report_accept(report=report, by=request.user, comment=form.cleaned_data["comment"])
                    messages.success(request, "Đã chấp nhận báo cáo.")
                else:
                    services.progress_report_return(report=report, by=request.user, comment=form.cleaned_data["comment"])
                    messages.success(request, "Đã trả lại báo cáo để đơn vị bổ sung.")
                return redirect("campaign:report", pk=report.pk)
            except services.ServiceError as error:
                messages.error(request, error.message)
    return render(request, "campaign/report_detail.html", {"report": report, "form": form})


@staff_required
def review_queue(request):
    reports = (
        ProgressReport.objects.filter(status=ProgressReport.Status.SUBMITTED)
        .select_related("assignment__unit", "assignment__task__plan", "period")
        .order_by("submitted_at")
    )
    return render(request, "campaign/review_queue.html", {"reports": reports})



# The staff dashboard ------------------------------------------------------------


def _dashboard_for(request, plan):
    """The dashboard of the month chosen in ?thang=YYYY-MM (or the whole plan)."""
    months = plan_due_months(plan=plan)
    chosen = request.GET.get("thang", "")
    start = end = None
    if chosen:
        try:
            year, month = (int(part) for part in chosen.split("-"))
            if (year, month) not in months:
                raise ValueError
        except ValueError:
            raise Http404("Kỳ không hợp lệ.") from None
        start = date(year, month, 1)
        end = date(year, month, monthrange(year, month)[1])
    board = plan_dashboard(plan=plan, start=start, end=end, counted=counted_unit_figures(plan=plan))
    return board, months, chosen


@staff_required
def dashboard(request, pk):
    plan = get_object_or_404(Plan, pk=pk)
    board, months, chosen = _dashboard_for(request, plan)
    chart = {
        "labels": [f"{month:02d}/{year}" for (year, month), _ in board.months],
        "reporting": [tally.reporting_rate for _, tally in board.months],
        "on_time": [tally.on_time_rate for _, tally in board.months],
    }
    context = {
        "plan": plan, "board": board, "months": [(f"{y}-{m:02d}", f"{m:02d}/{y}") for y, m in months],
        "chosen": chosen, "chart": chart,
    }
    return render(request, "campaign/dashboard.html", context)


@staff_required
def dashboard_xlsx(request, pk):
    plan = get_object_or_404(Plan, pk=pk)
    board, _, chosen = _dashboard_for(request, plan)
    response = HttpResponse(dashboard_workbook(board), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    suffix = f"-{chosen}" if chosen else ""
    response["Content-Disposition"] = f'attachment; filename="tong-hop-{plan.code}{suffix}.xlsx"'
    return response


# Calendar feeds -------------------------------------------------------------------

CALENDAR_SALT = "campaign.calendar"


def calendar_token(*, user, unit=None):
    """A signed token naming the user (and unit): phones subscribe without logging in,
    and the permission is checked again on every fetch."""
    return signing.dumps({"u": user.pk, "unit": unit.pk if unit else None}, salt=CALENDAR_SALT, compress=True)


@workspace_required
def calendar_links(request):
    user = request.user
    feeds = []
    if is_propaganda_staff(user):
        feeds.append(("Tất cả hạn báo cáo và ngày kỷ niệm (Ban Tuyên giáo)", calendar_token(user=user)))
    for unit in Unit.objects.filter(members=user).order_by("order", "name"):
        feeds.append((f"Hạn báo cáo của {unit.name}", calendar_token(user=user, unit=unit)))
    links = [
        (label, request.build_absolute_uri(reverse("calendar_feed", args=[token]))) for label, token in feeds
    ]
    return render(request, "campaign/calendar_links.html", {"links": links})


def calendar_feed(request, token):
    try:
        data = signing.loads(token, salt=CALENDAR_SALT)
    except signing.BadSignature:
        raise Http404("Đường dẫn lịch không hợp lệ.") from None
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None:
        raise Http404("Đường dẫn lịch không còn hiệu lực.")
    if data.get("unit") is None:
        if not is_propaganda_staff(user):
            raise Http404("Đường dẫn lịch không còn hiệu lực.")
        body = staff_calendar()
    else:
        unit = Unit.objects.filter(pk=data["unit"], members=user).first()
        if unit is None or not (is_unit_officer(user) or is_propaganda_staff(user)):
            raise Http404("Đường dẫn lịch không còn hiệu lực.")
        body = unit_calendar(unit)
    etag = '"%s"' % hashlib.sha256(body).hexdigest()[:32]
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    response["Content-Disposition"] = 'inline; filename="lich-tuyen-truyen.ics"'
    return response


# Deadline reminders: the staff log and policies, everyone's notifications ----------


@staff_required
def reminder_log(request):
    form = ReminderLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    reminders = reminder_selectors.reminder_log(
        status=filters.get("status", ""), channel=filters.get("channel", ""), query=filters.get("q", ""),
    )
    context = {
        "form": form,
        "page": Paginator(reminders, 50).get_page(request.GET.get("trang")),
        "counts": reminder_selectors.reminder_status_counts(),
        "schedules": reminder_selectors.beat_schedules(),
        "policies": reminder_selectors.plan_policies(),
    }
    return render(request, "campaign/reminder_log.html", context)


@staff_required
@require_POST
def reminder_resend(request, pk):
    reminder = get_object_or_404(Reminder, pk=pk)
    try:
        reminder_services.reminder_resend(reminder=reminder, by=request.user)
        messages.success(request, f"Đã đưa nhắc hạn gửi {reminder.recipient} vào hàng đợi để gửi lại.")
    except services.ServiceError as error:
        messages.error(request, error.message)
    return redirect("campaign:reminder_log")


@staff_required
def reminder_policy(request, pk):
    plan = get_object_or_404(Plan, pk=pk)
    policy = ReminderPolicy.for_plan(plan)
    # The policy in force, described before a refused form changes the instance.
    description = policy.describe(lock_after_days=plan.lock_after_days)
    form = ReminderPolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        reminder_services.reminder_policy_save(policy=form.save(commit=False), by=request.user)
        messages.success(request, "Đã lưu chính sách nhắc hạn.")
        return redirect("campaign:reminder_policy", pk=plan.pk)
    return render(request, "campaign/reminder_policy.html", {"plan": plan, "form": form, "description": description})


@workspace_required
def notifications(request):
    user = request.user
    # Bound on any POST: an unticked box alone sends no field at all.
    form = DigestPreferenceForm(
        request.POST if request.method == "POST" else None,
        initial={"daily_digest": reminder_selectors.wants_daily_digest(user=user)},
    )
    if request.method == "POST" and form.is_valid():
        reminder_services.reminder_preference_set(user=user, daily_digest=form.cleaned_data["daily_digest"])
        messages.success(request, "Đã lưu cách nhận thư nhắc hạn.")
        return redirect("campaign:notifications")
    context = {
        "form": form,
        "page": Paginator(reminder_selectors.user_notifications(user=user), 30).get_page(request.GET.get("trang")),
        "unread": reminder_selectors.unread_notification_count(user=user),
    }
    return render(request, "campaign/notifications.html", context)


@workspace_required
@require_POST
def notification_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    reminder_services.notification_mark_read(notification=notification)
    if notification.link and url_has_allowed_host_and_scheme(notification.link, allowed_hosts={request.get_host()}):
        return redirect(notification.link)
    return redirect("campaign:notifications")


@workspace_required
@require_POST
def notifications_read_all(request):
    count = reminder_services.notifications_mark_all_read(user=request.user)
    messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
    return redirect("campaign:notifications")
