"""Pages of the quiz. A citizen has no account: a signed cookie (identity.py) names
the participant this browser registered as, per contest; another device gets it
with the recovery code shown at registration (recovery.py), never with facts
about the person."""

import re

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from campaign.permissions import staff_required
from campaign.roles import is_propaganda_staff
from campaign.text import ascii_digits

from . import identity, recovery, selectors, services, tasks
from .exports import ranking_workbook
from .forms import (
    ActualAnswerForm, AutosaveForm, QuestionImportForm, QuestionPageForm, RegistrationForm, RestoreForm, StartForm,
    SubmitForm, captcha_use_up, normalise_phone,
)
from .models import Attempt, Contest, Question, Round
from .question_bank import export_workbook
from .ratelimit import refusal

def _participant(request, contest):
    """The participant this browser registered (or came back) as, for this contest."""
    participant_id = identity.participant_id(request, contest.pk)
    if participant_id is None:
        return None
    return selectors.participant_in_contest(participant_id=participant_id, contest=contest)


NOT_YOURS = "Bài thi này không phải của bạn. Mỗi thí sinh chỉ xem và làm bài thi của chính mình."


def _own_attempt(request, key):
    """The attempt behind this key, and this browser's participant if they own it (else None)."""
    attempt = get_object_or_404(Attempt.objects.select_related("round__contest", "participant"), key=key)
    if identity.participant_id(request, attempt.round.contest_id) != attempt.participant_id:
        return attempt, None
    return attempt, attempt.participant


def _json(data, status=200):
    # Vietnamese as written, not as \u escapes: readable in the browser's tools and in logs.
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _not_yours(request, *, as_json=False):
    if as_json:
        return _json({"saved": False, "error": NOT_YOURS}, status=403)
    return render(request, "contests/refused.html", {"message": NOT_YOURS}, status=403)


def contest_index(request):
    contests = list(Contest.objects.published())
    if len(contests) == 1:
        return redirect("contests:contest", code=contests[0].code)
    return render(request, "contests/index.html", {"contests": contests})


@never_cache
def contest_detail(request, code):
    contest = get_object_or_404(Contest.objects.published().prefetch_related("prizes"), code=code)
    now = timezone.now()
    state = selectors.contest_rounds(contest=contest, now=now)
    participant = _participant(request, contest)
    context = {
        "contest": contest,
        "participant": participant,
        "winners": selectors.contest_winners(contest=contest),
        "now": now,
        "is_staff": is_propaganda_staff(request.user),
        **state,
    }
    if participant and state["current"]:
        context["my_attempts"] = selectors.participant_attempts(participant=participant, round=state["current"])
        context["running"] = next(
            (a for a in context["my_attempts"] if a.submitted_at is None and a.deadline_at > now), None,
        )
        context["start_form"] = StartForm()
    return render(request, "contests/contest_detail.html", context)


def _phone_key(raw):
    """The rate limits' person at registration and restore: the phone as the form normalises it
    (forms.normalise_phone), else its last 9 digits, so that 0912…, +84 912… and "0912 345 678"
    are one phone to the limit, even when the form refuses them."""
    try:
        return normalise_phone(raw)[-9:]
    except ValidationError:
        return ascii_digits(re.sub(r"\D", "", raw or ""))[-9:] or None


def _show_code(request, contest, participant, code, *, renewed=False):
    """The page that shows a recovery code, once: never stored in a cookie, a session or a cache."""
    return render(request, "contests/recovery_code.html", {
        "contest": contest, "participant": participant, "code": recovery.display(code), "renewed": renewed,
    })


@never_cache
def register(request, code):
    contest = get_object_or_404(Contest.objects.published(), code=code)
    if _participant(request, contest):
        messages.info(request, "Bạn đã đăng ký dự thi trên trình duyệt này.")
        return redirect("contests:contest", code=code)
    form = RegistrationForm(request.POST or None, contest=contest)
    if request.method == "POST":
        # Counted before the form is checked.
        limited = refusal("register", request=request, person=_phone_key(request.POST.get("phone")))
        if limited:
            return render(request, "contests/register.html", {"contest": contest, "form": form, "refusal": limited}, status=429)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "captcha"}
            try:
                participant, recovery_code = services.participant_register(contest=contest, **data)
            except services.ServiceError as error:
                # A phone already registered gets services.DUPLICATE_PHONE, whatever else was
                # typed: no cookie, no data, nothing that tells whose phone it is (issue 11.4).
                form.add_error(None, error)
            else:
                # The code is shown on this response, the only time it is shown.
                response = _show_code(request, contest, participant, recovery_code)
                identity.remember(request, response, participant)
                return response
    return render(request, "contests/register.html", {"contest": contest, "form": form})


@never_cache
def restore(request, code):
    """Bring a registration back on another device: phone + the recovery code it received."""
    contest = get_object_or_404(Contest.objects.published(), code=code)
    if _participant(request, contest):
        messages.info(request, "Bạn đã đăng ký dự thi trên trình duyệt này.")
        return redirect("contests:contest", code=code)
    form = RestoreForm(request.POST or None)
    if request.method == "POST":
        limited = refusal("restore", request=request, person=_phone_key(request.POST.get("phone")))
        if limited:
            return render(request, "contests/restore.html", {"contest": contest, "form": form, "refusal": limited}, status=429)
        if form.is_valid():
            try:
                participant = services.participant_restore(
                    contest=contest, phone=form.cleaned_data["phone"], code=form.cleaned_data["code"],
                )
            except services.ServiceError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Đã dùng lại đăng ký dự thi của bạn trên thiết bị này.")
                response = redirect("contests:contest", code=code)
                identity.remember(request, response, participant)
                return response
    return render(request, "contests/restore.html", {"contest": contest, "form": form})


@never_cache
def my_registration(request, code):
    """The registration this browser holds: shown, its recovery code renewed, or deleted.
    Nothing here for a browser that does not hold it (the signed cookie)."""
    contest = get_object_or_404(Contest.objects.published(), code=code)
    participant = _participant(request, contest)
    if participant is None:
        return redirect("contests:register", code=code)
    if request.method == "POST" and request.POST.get("action") == "new-code":
        return _show_code(request, contest, participant, services.participant_renew_recovery_code(participant=participant),
                          renewed=True)
    if request.method == "POST":
        try:
            services.participant_delete(participant=participant)
        except services.ServiceError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, "Đã xóa đăng ký dự thi và dữ liệu cá nhân của bạn.")
            response = redirect("contests:contest", code=code)
            identity.forget(request, response, contest.pk)
            return response
    has_attempts = participant.attempts.exists()
    return render(request, "contests/my_registration.html", {
        "contest": contest, "participant": participant, "has_attempts": has_attempts,
    })


@require_POST
def attempt_start(request, code, number):
    round = selectors.round_for_start(code=code, number=number)
    if round is None:
        raise Http404("Không tìm thấy đợt thi.")
    participant_id = identity.participant_id(request, round.contest_id)
    if participant_id is None:
        messages.error(request, "Hãy đăng ký dự thi trước khi làm bài.")
        return redirect("contests:register", code=code)
    limited = refusal("start", request=request, person=f"participant:{participant_id}")
    if limited:
        messages.error(request, limited)
        return redirect("contests:contest", code=code)
    # One transaction, one commit: the captcha used up (one statement: forms.OneStatementCaptchaField)
    # and the attempt drawn, with no savepoint between them (docs/decisions.md, issue 15).
    form = StartForm(request.POST)
    try:
        with transaction.atomic():
            if not form.is_valid():
                messages.error(request, form.errors["captcha"][0])
                return redirect("contests:contest", code=code)
            attempt = services.attempt_start(round=round, participant_id=participant_id, savepoint=False)
    except services.ServiceError as error:
        # The refusal rolled the transaction back, the captcha's use with it: a challenge is
        # answered once, refused start or not, so it is used up again, by itself.
        captcha_use_up(request.POST.get("captcha_0"))
        messages.error(request, error.messages[0])
        return redirect("contests:contest", code=code)
    return redirect("contests:attempt", key=attempt.key)


@never_cache
def attempt_page(request, key):
    # One query (contests.selectors.attempt_for_page): the page follows every start.
    found = selectors.attempt_for_page(key=key)
    if found is None:
        raise Http404("Không tìm thấy bài thi.")
    attempt, rows = found
    if identity.participant_id(request, attempt.round.contest_id) != attempt.participant_id:
        return _not_yours(request)
    if attempt.submitted_at is None and timezone.now() > attempt.deadline_at + services.grace():
        if services.attempt_close_expired(attempt_id=attempt.pk):
            messages.info(request, "Đã hết giờ làm bài; bài thi được chấm theo các câu trả lời đã lưu.")
        return redirect("contests:result", key=key)
    if attempt.submitted_at is not None:
        return redirect("contests:result", key=key)
    return render(request, "contests/attempt.html", {
        "attempt": attempt,
        "round": attempt.round,
        "contest": attempt.round.contest,
        "sheet": selectors.attempt_sheet(attempt=attempt, rows=rows),
        "seconds_left": attempt.seconds_left(),
    })


def _attempt_for_answers(request, key):
    """(attempt, the browser's participant id, targets), or a response refusing the request."""
    found = selectors.attempt_for_answers(key=key)
    if found is None:
        raise Http404("Không tìm thấy bài thi.")
    attempt, contest_id, targets = found
    owner = identity.participant_id(request, contest_id)
    if owner != attempt.participant_id:
        return None
    return attempt, owner, targets


@require_POST
def attempt_autosave(request, key):
    # One read (contests.selectors.attempt_for_answers), then one statement on PostgreSQL.
    found = _attempt_for_answers(request, key)
    if found is None:
        return _not_yours(request, as_json=True)
    attempt, owner, targets = found
    form = AutosaveForm(request.POST, targets=targets)
    if not form.is_valid():
        error = next(iter(form.errors.values()))[0]
        return _json({"saved": False, "error": error}, status=400)
    data = form.cleaned_data
    try:
        if "question_id" in data:
            services.attempt_save_answer(
                attempt=attempt, participant_id=owner, question_id=data["question_id"], choice_id=data["choice_id"],
                targets=dict(targets.values()),
            )
        else:
            services.attempt_save_prediction(attempt=attempt, participant_id=owner, prediction=data["prediction"])
    except services.ServiceError as error:
        return _json({"saved": False, "error": error.messages[0]}, status=409)
    return _json({"saved": True, "seconds_left": attempt.seconds_left()})


def _submitted(request, key, *, as_json, by_clock):
    """The answer to a submit that counted, the first time or sent again with its key."""
    if by_clock:
        messages.warning(request, "Bài nộp sau khi hết giờ: đã chấm theo các câu trả lời lưu trước khi hết giờ.")
    # Otherwise the result page, which says when the attempt was submitted, is the confirmation.
    if as_json:
        return _json({"submitted": True, "url": reverse("contests:result", args=[key])})
    return redirect("contests:result", key=key)


def _submit_refused(request, message, where, *, as_json, status):
    messages.error(request, message)
    if as_json:
        return _json({"submitted": False, "error": message, "url": where}, status=status)
    return redirect(where)


@require_POST
def attempt_submit(request, key):
    # One read (contests.selectors.attempt_for_answers), then one statement on
    # PostgreSQL (docs/decisions.md, issue 6, throughput). The page's script sends the
    # sheet with fetch and an idempotency key, and gets JSON; without it, a form post.
    as_json = request.headers.get("X-Requested-With") == "fetch"
    found = _attempt_for_answers(request, key)
    if found is None:
        return _not_yours(request, as_json=as_json)
    attempt, owner, targets = found
    page = reverse("contests:attempt", args=[key])
    limited = refusal("submit", request=request, person=f"participant:{attempt.participant_id}")
    if limited:
        return _submit_refused(request, limited, page, as_json=as_json, status=429)
    form = SubmitForm(request.POST, targets=targets, time_is_up=timezone.now() >= attempt.deadline_at)
    if not form.is_valid():
        errors = form.non_field_errors() + form.errors.get("prediction", []) + form.errors.get("idempotency_key", [])
        for error in errors[1:]:
            messages.error(request, error)
        return _submit_refused(request, errors[0], page, as_json=as_json, status=400)
    data = form.cleaned_data
    submit_key = data.get("idempotency_key")
    try:
        attempt = services.attempt_submit(
            attempt=attempt, participant_id=owner,
            answers=data.get("answers", []), prediction=data.get("prediction"),
            targets=dict(targets.values()), key=submit_key,
        )
    except services.ServiceError as error:
        # The same submit sent again (its response was lost): the answer the first one got.
        again, by_clock = selectors.attempt_submitted_with(attempt=attempt, key=submit_key)
        if again:
            return _submitted(request, key, as_json=as_json, by_clock=by_clock)
        if selectors.attempt_is_submitted(attempt=attempt):
            return _submit_refused(request, error.messages[0], reverse("contests:result", args=[key]),
                                   as_json=as_json, status=409)
        return _submit_refused(request, error.messages[0], reverse("contests:contest", args=[attempt.round.contest.code]),
                               as_json=as_json, status=409)
    return _submitted(request, key, as_json=as_json, by_clock=attempt.closed_by_clock)


@never_cache
def attempt_result(request, key):
    attempt, participant = _own_attempt(request, key)
    if participant is None:
        return _not_yours(request)
    if attempt.submitted_at is None:
        return redirect("contests:attempt", key=key)
    round = attempt.round
    if round.answers_revealed_at is None and timezone.now() > round.closes_at + services.grace():
        # Usually done by the periodic task already; answers are shown only once the
        # round's questions are retired from later draws (issue 11.3).
        round = services.round_reveal_answers(round=round)
    context = {"attempt": attempt, "round": round, "contest": round.contest, "participant": participant}
    if round.answers_revealed_at is not None:
        context["review"] = selectors.attempt_review(attempt=attempt)
    return render(request, "contests/result.html", context)


def attempt_share(request, share_key):
    attempt = get_object_or_404(
        Attempt.objects.submitted().select_related("round__contest", "participant__unit"), share_key=share_key,
    )
    return render(request, "contests/share.html", {"attempt": attempt, "round": attempt.round, "contest": attempt.round.contest})


RANKING_CACHE_SECONDS = 3600


def round_results(request, code, number):
    """A round's public ranking. Everyone opens it when results come out: the table is rendered
    once per computation of the results (results_computed_at in the key) and kept in the cache
    (Redis on the real stack), so a visit costs one query, for the round."""
    round = get_object_or_404(
        Round.objects.select_related("contest"), contest__code=code, contest__is_published=True, number=number,
    )
    table = ""
    if round.has_results:
        key = f"contests:ranking:{round.pk}:{round.results_computed_at.timestamp()}"
        table = cache.get(key)
        if table is None:
            table = render_to_string("contests/ranking_table.html", {
                "round": round, "ranking": selectors.round_ranking(round=round),
            })
            cache.set(key, table, RANKING_CACHE_SECONDS)
    return render(request, "contests/round_results.html", {
        "contest": round.contest, "round": round, "ranking_table": mark_safe(table),
    })


# Staff ----------------------------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content, filename):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required
def statistics(request, code):
    contest = get_object_or_404(Contest, code=code)
    return render(request, "contests/statistics.html", {
        "contest": contest, **selectors.contest_statistics(contest=contest), "import_form": QuestionImportForm(),
        "fresh": selectors.fresh_questions(contest=contest),
    })


@staff_required
def ranking_xlsx(request, code, number):
    round = get_object_or_404(Round.objects.select_related("contest"), contest__code=code, number=number)
    return _xlsx(ranking_workbook(round), f"xep-hang-{code}-dot-{number}.xlsx")


@staff_required
def questions_xlsx(request, code):
    contest = get_object_or_404(Contest, code=code)
    return _xlsx(export_workbook(contest), f"ngan-hang-cau-hoi-{code}.xlsx")


@staff_required
def questions_import(request, code):
    contest = get_object_or_404(Contest, code=code)
    form = QuestionImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            created, updated = services.question_bank_import(contest=contest, rows=form.rows)
        except services.ServiceError as error:
            form.add_error("file", error)
        else:
            messages.success(request, f"Đã nhập ngân hàng câu hỏi: {created} câu mới, {updated} câu cập nhật.")
            return redirect("contests:statistics", code=code)
    return render(request, "contests/questions_import.html", {"contest": contest, "form": form})


@staff_required
def round_manage(request, code, number):
    """A round for staff: its figures, the prediction's answer once it has closed, the ranking."""
    round = get_object_or_404(Round.objects.select_related("contest"), contest__code=code, number=number)
    form = ActualAnswerForm(request.POST or None, initial={"actual_answer": round.actual_answer})
    if request.method == "POST" and form.is_valid():
        try:
            services.round_set_actual_answer(round=round, actual_answer=form.cleaned_data["actual_answer"])
        except services.ServiceError as error:
            messages.error(request, error.messages[0])
            return redirect("contests:round_manage", code=code, number=number)
        else:
            transaction.on_commit(lambda: tasks.round_compute_results.delay(round.pk))
            messages.success(request, f"Đã lưu đáp án câu dự đoán đợt {round.number}; kết quả được tính lại.")
            return redirect("contests:round_manage", code=code, number=number)
    return render(request, "contests/round_manage.html", {
        "contest": round.contest, "round": round, "form": form, "closed": round.is_closed(),
        **selectors.round_overview(round=round),
        "fresh": [row for row in selectors.fresh_questions(contest=round.contest) if row["round"].pk == round.pk],
    })


@staff_required
@require_POST
def round_compute(request, code, number):
    round = get_object_or_404(Round.objects.select_related("contest"), contest__code=code, number=number)
    try:
        services.round_compute_results(round=round)
    except services.ServiceError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Đã tính kết quả và xếp hạng đợt {round.number}.")
    return redirect("contests:round_manage", code=code, number=number)


@staff_required
def question_list(request, code):
    contest = get_object_or_404(Contest, code=code)
    query = request.GET.get("q", "").strip()
    state = request.GET.get("trang-thai", "")
    page = Paginator(selectors.question_bank(contest=contest, query=query, state=state), 50).get_page(request.GET.get("trang"))
    return render(request, "contests/question_list.html", {
        "contest": contest, "page": page, "query": query, "state": state,
    })


@staff_required
def question_edit(request, code, pk=None):
    contest = get_object_or_404(Contest, code=code)
    question = get_object_or_404(Question, contest=contest, pk=pk) if pk else None
    form = QuestionPageForm(request.POST or None, request.FILES or None, instance=question, contest=contest)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.question_save(question=form.save(commit=False), choices=form.cleaned_data["choices"])
            form.save_m2m()
        except services.ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Đã lưu câu hỏi {saved.code}.")
            return redirect("contests:question_list", code=code)
    return render(request, "contests/question_form.html", {"contest": contest, "form": form, "question": question})
