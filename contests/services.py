"""Writes of the quiz. Each runs in one transaction; refusals raise ServiceError
with a Vietnamese message and leave the database as it was.

The clock is the server's. An answer (or a submit) that reaches the server
later than the attempt's deadline plus CONTEST_GRACE_SECONDS is refused, and
the attempt is scored on what was saved by the deadline: a dropped connection
near the end costs the last answers, never the whole attempt.
"""

import json
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, Value, When
from django.urls import reverse
from django.utils import timezone

from campaign.deadlines import VIETNAM, local_today
from campaign.history import record_change
from campaign.text import birth_date_refusal

from . import bank, prepared, recovery, selectors, sql
from .models import Attempt, AttemptQuestion, Choice, Participant, Prize, Question, Round, RoundResult

# Draws and shuffles must not be predictable from earlier attempts.
_random = secrets.SystemRandom()


class ServiceError(ValidationError):
    """A refused action; the message is Vietnamese and shown to the person as is."""


def _local(moment):
    return timezone.localtime(moment, VIETNAM).strftime("%H:%M:%S %d/%m/%Y")


def grace():
    return timedelta(seconds=settings.CONTEST_GRACE_SECONDS)


# Question bank ----------------------------------------------------------------


def check_choices(choices, *, question=None):
    """The choice rules, for every way a question is written (page, admin, import).

    choices: [(text, is_correct)]. Two to Question.MAX_CHOICES, exactly one correct, no two alike;
    and no fewer than before for a question already drawn in an attempt."""
    texts = [text.strip() for text, _ in choices]
    if len(texts) < Question.MIN_CHOICES:
        raise ServiceError("Câu hỏi cần ít nhất hai phương án trả lời.")
    if len(texts) > Question.MAX_CHOICES:
        raise ServiceError(f"Mỗi câu hỏi có tối đa {Question.MAX_CHOICES} phương án trả lời ({', '.join(Question.CHOICE_LETTERS)}).")
    if any(not text for text in texts):
        raise ServiceError("Phương án trả lời không được để trống.")
    if len({text.casefold() for text in texts}) != len(texts):
        raise ServiceError("Hai phương án trả lời trùng nhau.")
    correct = sum(1 for _, is_correct in choices if is_correct)
    if correct != 1:
        raise ServiceError(f"Mỗi câu hỏi có đúng một đáp án đúng (đang có {correct}).")
    if (
        question is not None and question.pk
        and len(choices) < question.choices.count()
        and AttemptQuestion.objects.filter(question=question).exists()
    ):
        # Attempts keep the ids of the choices they showed, in their order.
        raise ServiceError(
            f"Câu hỏi {question.code} đã có trong bài thi nên không thể bớt phương án; "
            "có thể ngừng dùng câu hỏi này và thêm câu hỏi mới."
        )


@transaction.atomic
def question_save(*, question, choices):
    """Store a question and replace its choices; choices as [(text, is_correct)] in display order."""
    check_choices(choices, question=question)
    question.full_clean()
    question.save()
    # Surplus choices go first: one of them may be the correct one, and the
    # index allows one correct choice at any moment.
    question.choices.filter(order__gte=len(choices)).delete()
    existing = list(question.choices.order_by("order"))
    for order, (text, is_correct) in enumerate(choices):
        if order < len(existing):
            choice = existing[order]
            # Clear the old correct flag first: the partial unique index allows
            # one correct choice at any moment, even inside the transaction.
            if choice.is_correct and not is_correct:
                choice.is_correct = False
                choice.save(update_fields=["is_correct"])
    for order, (text, is_correct) in enumerate(choices):
        if order < len(existing):
            choice = existing[order]
            if (choice.text, choice.is_correct) != (text.strip(), is_correct):  # unchanged: no write, no audit row
                choice.text, choice.is_correct = text.strip(), is_correct
                choice.save(update_fields=["text", "is_correct"])
        else:
            Choice.objects.create(question=question, text=text.strip(), is_correct=is_correct, order=order)
    return question


@transaction.atomic
def question_bank_import(*, contest, rows):
    """Store the rows of an imported workbook (read_workbook): all of them or, on any error, none.

    A row whose code exists replaces that question; others are added.
    """
    existing = {q.code: q for q in Question.objects.filter(contest=contest)}
    created = updated = 0
    for row in rows:
        question = existing.get(row["code"]) or Question(contest=contest, code=row["code"])
        created, updated = (created + 1, updated) if question.pk is None else (created, updated + 1)
        for name in ("text", "difficulty", "explanation", "source_document", "source_section", "source_note", "is_active"):
            setattr(question, name, row[name])
        question_save(question=question, choices=row["choices"])
    return created, updated


# Registration -------------------------------------------------------------------


# Said to anyone who registers a phone that is taken, or restores with a wrong
# code: the same words whatever the facts, so that neither answer tells a
# stranger whether a phone takes part, nor whose it is (issue 11.4).
DUPLICATE_PHONE = (
    "Không thể đăng ký với số điện thoại này. Nếu số điện thoại này đã đăng ký, hãy dùng mã khôi phục "
    "đã nhận khi đăng ký (trên màn hình hoặc trong e-mail) ở trang “Dùng lại đăng ký trên thiết bị khác”; "
    "mỗi số điện thoại chỉ đăng ký một lần."
)
RESTORE_REFUSED = "Số điện thoại hoặc mã khôi phục không đúng."


def _new_recovery_code(participant):
    """A fresh code for the participant: its HMAC set on the row (not saved), the code returned."""
    code = recovery.new_code()
    participant.recovery_code_hash = recovery.digest(contest_id=participant.contest_id, phone=participant.phone, code=code)
    return code


def _mail_recovery_code(participant, code):
    if participant.email:
        from .tasks import participant_mail_recovery_code

        participant_mail_recovery_code.delay_on_commit(participant.pk, code)


@transaction.atomic
def participant_register(*, contest, full_name, date_of_birth, phone, email="", id_number="", locality="",
                         unit=None, consent_rules, consent_personal_data):
    """A new registration and its recovery code, shown once (and mailed if an e-mail was given).

    A phone already registered is refused with DUPLICATE_PHONE, whatever the
    other facts typed: knowing them brings nobody's registration back.
    """
    if not (consent_rules and consent_personal_data):
        raise ServiceError("Cần đồng ý với thể lệ và với việc xử lý dữ liệu cá nhân để đăng ký dự thi.")
    today = local_today()
    if today > contest.ends_on:
        raise ServiceError("Cuộc thi đã kết thúc, không nhận đăng ký mới.")
    refusal = birth_date_refusal(date_of_birth, today=today, min_age=contest.min_age)
    if refusal:
        raise ServiceError(refusal)
    if contest.requires_id_number and not id_number:
        raise ServiceError("Thể lệ cuộc thi yêu cầu số căn cước công dân để xác minh người đoạt giải.")
    if Participant.objects.filter(contest=contest, phone=phone).exists():
        raise ServiceError(DUPLICATE_PHONE)
    participant = Participant(
        contest=contest, full_name=full_name, date_of_birth=date_of_birth, phone=phone, email=email,
        id_number=id_number if contest.requires_id_number else "", locality=locality, unit=unit,
        consent_rules=True, consent_personal_data=True,
    )
    code = _new_recovery_code(participant)
    try:
        with transaction.atomic():
            participant.save(force_insert=True)
    except IntegrityError:
        # The same phone registered a moment ago by a parallel request.
        raise ServiceError(DUPLICATE_PHONE) from None
    _mail_recovery_code(participant, code)
    return participant, code


def participant_restore(*, contest, phone, code):
    """The registration of this phone if the code is its recovery code; else RESTORE_REFUSED.

    phone: normalised (forms.normalise_phone). An unknown phone costs the same
    HMAC and comparison as a known one, and gets the same refusal.
    """
    stored = Participant.objects.filter(contest=contest, phone=phone).values_list("pk", "recovery_code_hash").first()
    participant_id, digest = stored or (None, "")
    if not recovery.matches(stored=digest, contest_id=contest.pk, phone=phone, code=code) or participant_id is None:
        raise ServiceError(RESTORE_REFUSED)
    return Participant.objects.get(pk=participant_id)


@transaction.atomic
def participant_renew_recovery_code(*, participant):
    """A new recovery code for the browser that holds the registration; the old one stops working."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    code = _new_recovery_code(participant)
    participant.save(update_fields=["recovery_code_hash"])
    _mail_recovery_code(participant, code)
    return code


def participant_mail_recovery_code(*, participant, code):
    """The recovery code by e-mail, in Vietnamese, with the page where it is used."""
    restore_url = settings.SITE_URL + reverse("contests:restore", args=[participant.contest.code])
    body = (
        f"Chào {participant.full_name},\n\n"
        f"Bạn đã đăng ký dự thi “{participant.contest.title}” với số điện thoại {participant.phone}.\n"
        f"Mã khôi phục đăng ký của bạn: {recovery.display(code)}\n\n"
        f"Để tiếp tục dự thi trên điện thoại hoặc máy tính khác, mở {restore_url} và nhập số điện thoại "
        "cùng mã này. Không đưa mã cho người khác: ai có mã có thể làm bài thay bạn.\n\n"
        "Nếu bạn không đăng ký dự thi, hãy bỏ qua thư này.\n"
    )
    send_mail(
        f"Mã khôi phục đăng ký dự thi – {participant.contest.title}", body, settings.DEFAULT_FROM_EMAIL,
        [participant.email],
    )


@transaction.atomic
def participant_delete(*, participant):
    """A participant withdraws their registration; only while they have no attempt."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.attempts.exists():
        raise ServiceError("Bạn đã có bài thi nên không thể xóa đăng ký; kết quả thi được lưu theo thể lệ.")
    participant.delete()


# Attempts -----------------------------------------------------------------------


def attempt_start(*, round, participant=None, participant_id=None, now=None, savepoint=True):
    """Draw and shuffle the questions of a new attempt, or return the attempt still running.

    The participant's row is locked, so two starts of one person queue: a
    double-click or a retried request finds the first attempt running and gets
    it back, and the attempts-per-person limit cannot be overrun. participant_id
    (as a browser's cookie names it) will do instead of the participant: the
    lock's read checks they are registered in this contest.

    Its own transaction, or a savepoint in the caller's. savepoint=False (the start view): the
    caller's transaction is the start's, two round trips fewer, and a refusal leaves it to be
    rolled back (the caller catches ServiceError outside its atomic block).
    """
    with transaction.atomic(savepoint=savepoint):
        return _start(round, participant, participant_id, now)


def _start(round, participant, participant_id, now):
    now = now or timezone.now()
    participant_id = participant.pk if participant is not None else participant_id
    if now < round.opens_at:
        raise ServiceError(f"Đợt thi {round.number} chưa mở; đợt thi mở lúc {_local(round.opens_at)}.")
    if now >= round.closes_at:
        raise ServiceError(f"Đợt thi {round.number} đã đóng lúc {_local(round.closes_at)}; không thể bắt đầu lượt thi mới.")
    # The lock's read also takes the contest's bank version as this transaction sees it (the
    # round's contest may have been read before the bank changed), locking only the participant.
    # Written out (contests.sql, the start's section says why), prepared on PostgreSQL.
    with connection.cursor() as cursor:
        prepared.run(cursor, sql.start_lock(), [participant_id, round.contest_id])
        found = cursor.fetchone()
        if not found:
            raise ServiceError("Bạn chưa đăng ký dự thi cuộc thi này.")
        version = found[0]
        prepared.run(cursor, sql.start_attempts(), [round.pk, participant_id])
        attempts = cursor.fetchall()
    running = next(
        (pk for pk, _, deadline_at, submitted_at in attempts if submitted_at is None and selectors.aware(deadline_at) > now), None,
    )
    if running:
        return Attempt.objects.get(pk=running)
    used = len(attempts)
    if round.max_attempts is not None and used >= round.max_attempts:
        raise ServiceError(f"Bạn đã dùng hết {round.max_attempts} lượt thi của đợt {round.number}.")
    choices, drawn = _draw(round, version)
    deadline = min(now + timedelta(seconds=round.time_limit_seconds), round.closes_at)
    attempt = Attempt(round=round, participant_id=participant_id, number=used + 1, started_at=now, deadline_at=deadline)
    orders = []
    for question_id in drawn:
        order = list(choices[question_id])
        _random.shuffle(order)
        orders.append(order)
    if sql.path() == sql.ONE_STATEMENT:
        _insert_attempt(attempt, drawn, orders)
    else:
        attempt.save(force_insert=True)
        AttemptQuestion.objects.bulk_create(
            AttemptQuestion(attempt=attempt, question_id=question_id, position=position, choice_order=order)
            for position, (question_id, order) in enumerate(zip(drawn, orders), start=1)
        )
    return attempt


def _insert_attempt(attempt, drawn, orders):
    """The attempt and its questions in one statement (contests.sql.start_insert); the attempt
    comes back as saved, its id set."""
    params = [
        attempt.round_id, attempt.participant_id, attempt.number, attempt.key, attempt.share_key,
        attempt.started_at, attempt.deadline_at, list(drawn), json.dumps(orders),
    ]
    with connection.cursor() as cursor:
        prepared.run(cursor, sql.start_insert(), params)
        attempt.pk = cursor.fetchone()[0]
    attempt._state.adding, attempt._state.db = False, connection.alias


def _bank(round, version, *, revealed):
    """{question_id: (choice ids)} of the contest's questions in use, whose answers were shown or not
    (kept in memory under the contest's bank version: contests/bank.py)."""
    return bank.choices(round.contest_id, version, revealed=revealed)


def _draw(round, version):
    """The questions of a new attempt: ({question_id: [choice ids]}, drawn ids in their order).

    Only questions whose answers no closed round has shown (read on the partial index
    question_fresh_in_contest once per bank version and process: contests/bank.py). If fewer are
    left than the round draws, the attempt gets every one of them and is
    completed with questions already shown, so that every attempt of the round
    has as many questions, as many of them fresh (docs/decisions.md, issue 11.3;
    staff see the shortfall coming on the round's page).
    """
    choices = _bank(round, version, revealed=False)
    if len(choices) >= round.question_count:
        return choices, _random.sample(sorted(choices), round.question_count)
    shown = _bank(round, version, revealed=True)
    if len(choices) + len(shown) < round.question_count:
        raise ServiceError("Đợt thi chưa đủ câu hỏi; xin thử lại sau.")
    drawn = sorted(choices) + _random.sample(sorted(shown), round.question_count - len(choices))
    _random.shuffle(drawn)
    return {**choices, **shown}, drawn


def _check_prediction(prediction):
    if prediction is not None and (not isinstance(prediction, int) or prediction < 0):
        raise ServiceError("Dự đoán phải là một số nguyên không âm.")


def _check_open(attempt, participant, participant_id):
    """Autosave and submit are refused if the attempt is someone else's or was submitted already.
    participant_id (as the browser's cookie names it) will do instead of the participant."""
    if attempt.participant_id != (participant.pk if participant is not None else participant_id):
        raise ServiceError("Bài thi này không phải của bạn.")
    if attempt.submitted_at is not None:
        raise ServiceError(f"Bài thi đã được nộp lúc {_local(attempt.submitted_at)}; mỗi lượt thi chỉ nộp một lần.")


def _check_in_time(attempt, now, what):
    """An autosave is refused past the deadline + grace."""
    if now > attempt.deadline_at + grace():
        raise ServiceError(f"Đã hết giờ làm bài lúc {_local(attempt.deadline_at)}; {what} không được ghi nhận.")


def _check_target(targets, question_id, choice_id):
    """targets: the attempt's {question_id: choice order}."""
    if question_id not in targets:
        raise ServiceError("Câu hỏi này không có trong bài thi của bạn.")
    if choice_id not in targets[question_id]:
        raise ServiceError("Phương án đã chọn không thuộc câu hỏi này.")


def attempt_save_answer(*, attempt, participant=None, participant_id=None, question_id, choice_id, now=None,
                        targets=None):
    """Autosave one answer; a later answer to the same question replaces it.

    The attempt row is locked first, as a submit locks it, so an autosave that
    meets a submit waits for it and is then refused: never stored after the
    attempt was scored. On PostgreSQL the lock and the write are one prepared
    statement (contests.sql.save_answer; autosave is the quiz's most frequent
    request: one per answer), elsewhere a locked transaction (sql.path()).
    """
    now = now or timezone.now()
    _check_open(attempt, participant, participant_id)
    _check_in_time(attempt, now, "câu trả lời này")
    _check_target(targets if targets is not None else _answer_targets(attempt.pk), question_id, choice_id)
    if sql.path() == sql.ONE_STATEMENT:
        with connection.cursor() as cursor:
            prepared.execute(cursor, sql.save_answer(), [attempt.pk, question_id, choice_id, now])
            saved = cursor.fetchone()
    else:
        with transaction.atomic():
            saved = Attempt.objects.select_for_update().filter(pk=attempt.pk, submitted_at=None).values_list("pk").first()
            if saved:
                # The same choice again (a retried autosave) keeps its moment, as the one statement does.
                AttemptQuestion.objects.filter(attempt_id=attempt.pk, question_id=question_id).update(
                    chosen_id=choice_id,
                    answered_at=Case(When(chosen_id=choice_id, then=F("answered_at")), default=Value(now)),
                )
    if saved is None:
        _refuse_submitted(attempt)


def attempt_save_prediction(*, attempt, participant=None, participant_id=None, prediction, now=None):
    """Autosave the prediction: one conditional UPDATE, which also locks the attempt row."""
    now = now or timezone.now()
    _check_prediction(prediction)
    _check_open(attempt, participant, participant_id)
    _check_in_time(attempt, now, "dự đoán này")
    if not Attempt.objects.filter(pk=attempt.pk, submitted_at=None).update(prediction=prediction):
        _refuse_submitted(attempt)


def _answer_targets(attempt_id):
    """{question_id: [choice ids in shown order]} of an attempt (fixed at its start)."""
    return dict(AttemptQuestion.objects.filter(attempt_id=attempt_id).values_list("question_id", "choice_order"))


def _submitted_values(attempt, *, now, by_clock, key=None):
    """The columns a submit sets: the end is never past the deadline (the server's clock)."""
    ended = min(now, attempt.deadline_at)
    return {
        "submitted_at": ended,
        "duration_ms": int((ended - attempt.started_at).total_seconds() * 1000),
        "closed_by_clock": by_clock,
        "submit_key": key,
    }


def _key_param(key):
    """The submit's key as a raw statement's parameter (text on SQLite, uuid on PostgreSQL)."""
    return Attempt._meta.get_field("submit_key").get_db_prep_value(key, connection)


def _refuse_submitted(attempt):
    submitted_at = Attempt.objects.filter(pk=attempt.pk).values_list("submitted_at", flat=True).first()
    when = f" lúc {_local(submitted_at)}" if submitted_at else ""
    raise ServiceError(f"Bài thi đã được nộp{when}; mỗi lượt thi chỉ nộp một lần.")


def _finish_in_steps(attempt, *, answers, prediction, now, by_clock, key):
    """Claim, mark and score an attempt: three statements in one transaction (any database).

    The claim's conditional UPDATE takes the attempt's row lock first, as every write of an
    attempt's answers does (autosave, submit, expiry), so they queue in one order and never
    deadlock. The statements and the marking rule: contests.sql (claim, mark, score).
    """
    values = _submitted_values(attempt, now=now, by_clock=by_clock, key=key)
    params = {**values, "submit_key": _key_param(key), "attempt": attempt.pk, "prediction": prediction, "now": now, **sql.mark_params(answers)}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql.claim(), params)
        claimed = cursor.fetchone()
        if claimed is None:
            _refuse_submitted(attempt)
        cursor.execute(sql.mark(list(answers)), params)
        cursor.execute(sql.score(), params)
        (values["score"],) = cursor.fetchone()
    values["prediction"] = claimed[0]  # as stored: sent now, or autosaved before
    return values


def _finish_in_one_statement(attempt, *, answers, prediction, now, by_clock, key):
    """The same as _finish_in_steps, on PostgreSQL, in one prepared statement (contests.sql.submit_in_one_statement).

    The first part locks the attempt row if it is still unsubmitted (a second
    submit waits, then finds it submitted and changes nothing); the next
    stores and marks the answers of the locked attempt, reading each answer
    row as the last writer left it; the last marks the attempt submitted with
    the score counted from those marks. One round trip instead of five, no
    BEGIN and COMMIT of its own, planned once per connection: submit is the
    busiest write.
    """
    values = _submitted_values(attempt, now=now, by_clock=by_clock, key=key)
    params = [
        attempt.pk, list(answers), list(answers.values()), now,
        values["submitted_at"], values["duration_ms"], values["closed_by_clock"], prediction, _key_param(key),
    ]
    with connection.cursor() as cursor:
        prepared.execute(cursor, sql.submit_in_one_statement(), params)
        row = cursor.fetchone()
    if row is None:
        _refuse_submitted(attempt)
    values["prediction"], values["score"] = row
    return values


def _finish(attempt, *, answers=None, prediction=None, now, by_clock, key=None):
    """Claim, mark and score an attempt, once; the attempt comes back with its new values."""
    finish = _finish_in_one_statement if sql.path() == sql.ONE_STATEMENT else _finish_in_steps
    values = finish(attempt, answers=answers or {}, prediction=prediction, now=now, by_clock=by_clock, key=key)
    for name, value in values.items():
        setattr(attempt, name, value)
    return attempt


def attempt_submit(*, attempt, participant=None, participant_id=None, answers=(), prediction=None, now=None,
                   targets=None, key=None):
    """Submit an attempt with the answers and prediction sent with the form.

    answers: [(question_id, choice_id)]. Every one is checked before anything
    is stored; after the deadline plus grace they are ignored, and the attempt
    is scored on what had been autosaved. targets: the attempt's
    {question_id: choice order} if the caller has read them already;
    participant_id (the browser's) will do instead of the participant. key: the
    submit's idempotency key (a UUID the attempt page's script sends), stored with
    the submit that counts (attempt_submitted_with).
    """
    now = now or timezone.now()
    _check_prediction(prediction)
    _check_open(attempt, participant, participant_id)
    by_clock = now > attempt.deadline_at + grace()
    chosen = {}
    if not by_clock and answers:
        targets = targets if targets is not None else _answer_targets(attempt.pk)
        for question_id, choice_id in answers:
            _check_target(targets, question_id, choice_id)
            chosen[question_id] = choice_id
    if by_clock:
        return _finish(attempt, now=now, by_clock=True, key=key)
    return _finish(attempt, answers=chosen, prediction=prediction, now=now, by_clock=False, key=key)


@transaction.atomic
def attempt_close_expired(*, attempt_id, now=None):
    """Score an attempt left unsubmitted after its deadline; nothing if it was submitted meanwhile."""
    now = now or timezone.now()
    attempt = Attempt.objects.select_for_update().filter(pk=attempt_id, submitted_at=None).first()
    if attempt is None or now <= attempt.deadline_at + grace():
        return None
    return _finish(attempt, now=now, by_clock=True)


# Results ------------------------------------------------------------------------

def count_all_correct(round):
    """How many people answered every question of the round correctly, in at least one attempt."""
    return (
        Attempt.objects.filter(round=round, score=round.question_count)
        .values("participant_id").distinct().count()
    )


@transaction.atomic
def round_reveal_answers(*, round, now=None):
    """Show the answers of a closed round: from now its result pages show them, and every
    question drawn in it is marked revealed, so later rounds no longer draw it (issue 11.3).

    After the close plus the grace, when no attempt of the round can change. Claimed with a
    conditional UPDATE: run twice (the periodic task and a result page), it marks once.
    """
    now = now or timezone.now()
    if now <= round.closes_at + grace():
        raise ServiceError(f"Đợt thi {round.number} chưa đóng; đáp án được công bố sau {_local(round.closes_at)}.")
    claimed = Round.objects.filter(pk=round.pk, answers_revealed_at=None).update(answers_revealed_at=now)
    if claimed:
        drawn = AttemptQuestion.objects.filter(attempt__round_id=round.pk).values("question_id")
        Question.objects.filter(pk__in=drawn, revealed_at=None).update(revealed_at=now, revealed_in_round=round)
    round.answers_revealed_at = Round.objects.filter(pk=round.pk).values_list("answers_revealed_at", flat=True).get()
    if claimed:
        record_change(round, reason="Công bố đáp án của đợt thi")
    return round


@transaction.atomic
def round_set_actual_answer(*, round, actual_answer, now=None):
    """Staff enter the prediction question's answer once the round has closed; the results are
    then stale and ranked again (round_compute_results)."""
    if actual_answer is not None and actual_answer < 0:
        raise ServiceError("Đáp án câu dự đoán phải là một số nguyên không âm.")
    if not round.is_closed(now):
        raise ServiceError(
            f"Đợt thi {round.number} chưa đóng; đáp án câu dự đoán được nhập sau {_local(round.closes_at)}."
        )
    round.actual_answer, round.results_computed_at = actual_answer, None
    round.save(update_fields=["actual_answer", "results_computed_at"])  # a save: the audit log keeps it
    round.refresh_from_db()
    return round


@transaction.atomic
def round_compute_results(*, round, now=None):
    """Rank the round: best attempt per person; score, prediction, time, submission.

    Safe to run again: the results are replaced by the same ones.
    """
    now = now or timezone.now()
    round = Round.objects.select_for_update().get(pk=round.pk)
    if now <= round.closes_at + grace():
        raise ServiceError(f"Đợt thi {round.number} chưa đóng; kết quả được tính sau {_local(round.closes_at)}.")
    round_reveal_answers(round=round, now=now)
    # Every attempt ends by the round's close (deadline_at <= closes_at).
    for attempt_id in Attempt.objects.filter(round=round, submitted_at=None).values_list("pk", flat=True):
        attempt_close_expired(attempt_id=attempt_id, now=now)
    if round.actual_answer is None:
        if round.prediction_kind == Round.PredictionKind.MANUAL:
            raise ServiceError("Chưa nhập đáp án câu dự đoán của đợt thi; nhập đáp án rồi tính kết quả.")
        round.actual_answer = count_all_correct(round)
    RoundResult.objects.filter(round=round).delete()
    with connection.cursor() as cursor:
        cursor.execute(sql.ranking(), {"actual": round.actual_answer, "round": round.pk})
    first = 1
    for prize in Prize.objects.filter(contest_id=round.contest_id).order_by("order"):
        last = first + prize.count - 1
        RoundResult.objects.filter(round=round, rank__gte=first, rank__lte=last).update(prize=prize)
        first = last + 1
    round.results_computed_at = now
    round.save(update_fields=["actual_answer", "results_computed_at"])
    return round
