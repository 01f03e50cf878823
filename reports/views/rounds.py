"""Reporting rounds in the workspace: staff open, follow, review and compile; a sở, ngành fills in its part.

An officer reaches only the submissions of its own units (404 for any other, by every URL and
POST); staff review but do not fill (404 on the form too, as for progress reports); a locked
or accepted submission answers a POST with 403 (the page, read-only, saying why) and changes nothing.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from campaign.forms import ReviewForm
from campaign.permissions import staff_required, workspace_required
from campaign.services import ServiceError

from .. import rounds
from ..forms import RoundOpenForm, SubmissionForm
from ..models import Round, SectorSubmission
from ..numbers import NUMBER_HELP


@staff_required
def round_list(request):
    items = Round.objects.select_related("report", "previous", "task__plan", "period")
    return render(request, "reports/rounds/round_list.html", {"rounds": items})


@staff_required
def round_open(request):
    form = RoundOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = rounds.round_open(previous=data["previous"], year=data["year"], due_on=data["due_on"],
                                       plan=data["plan"], by=request.user)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Đã mở đợt báo cáo năm {round_.year} và giao cho {round_.submissions.count()} sở, ngành.")
            return redirect(round_)
    return render(request, "reports/rounds/round_open.html", {"form": form})


@staff_required
def round_detail(request, pk):
    round_ = get_object_or_404(Round.objects.select_related("report", "previous", "task__plan", "period"), pk=pk)
    submissions = (round_.submissions.select_related("assignment__unit", "progress_report", "saved_by")
                   .prefetch_related("sectors"))
    return render(request, "reports/rounds/round_detail.html", {"round": round_, "submissions": submissions})


@staff_required
@require_POST
def round_compile(request, pk):
    round_ = get_object_or_404(Round.objects.select_related("report"), pk=pk)
    missing = rounds.round_compile(round_=round_, by=request.user)
    messages.success(request, "Đã tổng hợp số liệu đã chấp nhận vào báo cáo.")
    if missing:
        messages.warning(request, "Chưa có phần được chấp nhận của: " + ", ".join(missing) + ".")
    return redirect(round_)


@workspace_required
def submission_edit(request, pk):
    submission = rounds.submission_for_page(SectorSubmission.objects.of_officer(request.user), pk)
    if submission is None:
        raise Http404("Không tìm thấy phần báo cáo của đơn vị.")
    inputs = rounds.form_inputs(submission)
    refusal = rounds.filing_refusal(submission)
    form_args = {key: inputs[key] for key in ("sectors", "items", "partners", "previous")}
    # Locked or accepted since the page was opened: nothing changes, the page (read-only) says why.
    status = 403 if request.method == "POST" and refusal else 200
    if request.method == "POST" and not refusal:
        form = SubmissionForm(request.POST, submission=submission, **form_args)
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                rounds.submission_save(submission=submission, by=request.user, year=form.cleaned_data["year"],
                                       narratives=form.narratives(), entries=form.entries(),
                                       note=form.cleaned_data["note"], submit=submit)
            except ServiceError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "Đã nộp phần báo cáo cho Ban Tuyên giáo." if submit else "Đã lưu bản nháp.")
                return redirect(submission)
    else:
        form = SubmissionForm(initial=inputs["initial"], submission=submission, **form_args)
    context = {"submission": submission, "round": submission.round, "form": form, "sections": form.sections(),
               "refusal": refusal, "partners": inputs["partners"], "number_help": NUMBER_HELP}
    return render(request, "reports/rounds/submission_form.html", context, status=status)


@staff_required
def submission_review(request, pk):
    submission = rounds.submission_for_page(SectorSubmission.objects.all(), pk)
    if submission is None:
        raise Http404("Không tìm thấy phần báo cáo.")
    inputs = rounds.form_inputs(submission)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "accept":
                rounds.submission_accept(submission=submission, by=request.user, comment=form.cleaned_data["comment"])
                messages.success(request, "Đã chấp nhận phần báo cáo.")
            else:
                rounds.submission_return(submission=submission, by=request.user, comment=form.cleaned_data["comment"])
                messages.success(request, "Đã trả lại để sở, ngành bổ sung.")
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            return redirect("rounds:review", pk=submission.pk)
    shown = SubmissionForm(initial=inputs["initial"], submission=submission,
                           **{key: inputs[key] for key in ("sectors", "items", "partners", "previous")})
    context = {"submission": submission, "round": submission.round, "form": form, "sections": shown.sections(),
               "partners": inputs["partners"]}
    return render(request, "reports/rounds/submission_review.html", context)
