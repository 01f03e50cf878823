"""The unit's work and its progress reports: the officer files, staff review."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from .. import services
from ..deadlines import local_today
from ..forms import ProgressReportForm, ReviewForm
from ..models import Assignment, ProgressReport, ReportFigure, ReportingPeriod
from ..permissions import staff_required, workspace_required
from ..selectors import filing_form_url, work_items


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
    elsewhere = filing_form_url(assignment=assignment, period=period)
    if elsewhere:
        # Filed through another app's form (settings.CAMPAIGN_FILING_FORMS), never through two.
        return redirect(elsewhere)
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
