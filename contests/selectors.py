"""Reads of the quiz that join several models, for pages, tasks and other apps.

What a participant's browser receives before submitting comes from
attempt_sheet(), which never reads Choice.is_correct.
"""

import json
import uuid
from datetime import timedelta
from datetime import timezone as dt_timezone

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from campaign.deadlines import local_midnight_after

from . import bank, prepared, sql
from .models import Attempt, AttemptQuestion, Choice, Contest, Participant, Question, Round, RoundResult

LETTERS = Question.CHOICE_LETTERS


def _grace():
    return timedelta(seconds=settings.CONTEST_GRACE_SECONDS)


def contest_rounds(*, contest, now=None):
    """The rounds with their state, the round open now and the moment the countdown aims at."""
    now = now or timezone.now()
    rounds = list(contest.rounds.all())
    current = next((r for r in rounds if r.opens_at <= now < r.closes_at), None)
    upcoming = next((r for r in rounds if r.opens_at > now), None)
    for r in rounds:
        r.state = "open" if r is current else ("upcoming" if r.opens_at > now else "closed")
    if current:
        countdown = {"label": f"Đợt {current.number} đóng sau", "at": current.closes_at}
    elif upcoming:
        countdown = {"label": f"Đợt {upcoming.number} mở sau", "at": upcoming.opens_at}
    else:
        countdown = None
    return {"rounds": rounds, "current": current, "upcoming": upcoming, "countdown": countdown}


def contest_winners(*, contest):
    """Prize winners of every round with results, newest round first: public data only."""
    winners = (
        RoundResult.objects.filter(round__contest=contest, prize__isnull=False)
        .select_related("round", "prize", "participant__unit")
        .order_by("-round__number", "rank")
    )
    by_round = {}
    for result in winners:
        by_round.setdefault(result.round, []).append(result)
    return list(by_round.items())


def round_ranking(*, round, limit=50):
    return list(
        RoundResult.objects.filter(round=round).select_related("participant__unit", "prize").order_by("rank")[:limit]
    )


def attempt_sheet(*, attempt, rows=None):
    """The attempt's questions in their drawn order, choices in their shuffled order.

    Questions and choices are addressed by position (1, 2, …) and index (0, 1, …),
    so nothing on the page hints at database ids or at which choice is correct.
    rows: the attempt's (position, question_id, choice order, chosen id) in position order, if
    read already (attempt_for_page), else one query. The texts come from the bank kept in memory
    under the contest's bank version (contests/bank.py), HTML-escaped there once per version.
    """
    contest = attempt.round.contest
    questions, answers = bank.escaped_texts(contest.pk, contest.bank_version)
    if rows is None:
        rows = (
            AttemptQuestion.objects.filter(attempt=attempt).order_by("position")
            .values_list("position", "question_id", "choice_order", "chosen_id")
        )
    sheet = []
    for position, question_id, order, chosen_id in rows:
        text, image = questions[question_id]
        sheet.append({
            "position": position,
            "text": text,
            "image": image,
            "choices": [
                {"index": index, "letter": LETTERS[index], "text": answers[choice_id], "chosen": choice_id == chosen_id}
                for index, choice_id in enumerate(order)
            ],
            "answered": chosen_id is not None,
        })
    return sheet


def attempt_for_page(*, key):
    """(attempt, its sheet's rows) for a key, or None: what the answer page shows, in one query
    (contests.sql.attempt_page_read). The attempt comes with its round and the round's contest,
    each with the fields the page uses only (another field would load on first use: the query
    counts in tests/contests/test_views.py would say so)."""
    key_value = Attempt._meta.get_field("key").get_db_prep_value(key, connection)
    with connection.cursor() as cursor:
        prepared.run(cursor, sql.attempt_page_read(), [key_value])
        found = cursor.fetchall()
    if not found:
        return None
    (pk, participant_id, round_id, number, started_at, deadline_at, submitted_at, prediction,
     round_number, prediction_question, contest_id, title, code, bank_version) = found[0][:14]
    contest = _loaded(Contest(pk=contest_id, title=title, code=code, bank_version=_uuid(bank_version)))
    round = _loaded(Round(pk=round_id, contest=contest, number=round_number, prediction_question=prediction_question))
    attempt = _loaded(Attempt(
        pk=pk, key=key, participant_id=participant_id, round=round, number=number, prediction=prediction,
        started_at=aware(started_at), deadline_at=aware(deadline_at), submitted_at=aware(submitted_at),
    ))
    rows = [
        (position, question_id, json.loads(order) if isinstance(order, str) else order, chosen_id)
        for *_, position, question_id, order, chosen_id in found if position is not None
    ]
    return attempt, rows


START_ROUND_FIELDS = ("id", "contest_id", "number", "opens_at", "closes_at", "question_count", "time_limit_seconds",
                      "max_attempts")


def round_for_start(*, code, number):
    """The round of a published contest by code and number, with the fields a start reads, or None
    (contests.sql.start_round: the start is the request everyone makes when a round opens)."""
    if not 0 < number <= 32767:  # Round.number's range: a larger one from the URL names no round
        return None
    with connection.cursor() as cursor:
        prepared.run(cursor, sql.start_round(), [code, number])
        row = cursor.fetchone()
    if row is None:
        return None
    values = dict(zip(START_ROUND_FIELDS, row))
    values["opens_at"], values["closes_at"] = aware(values["opens_at"]), aware(values["closes_at"])
    return _loaded(Round(**values), START_ROUND_FIELDS)


def _uuid(value):
    return value if value is None or isinstance(value, uuid.UUID) else uuid.UUID(str(value))


_PAGE_FIELDS = {
    Contest: {"id", "title", "code", "bank_version"},
    Round: {"id", "contest_id", "number", "prediction_question"},
    Attempt: {"id", "key", "participant_id", "round_id", "number", "prediction", "started_at", "deadline_at", "submitted_at"},
}


def _loaded(instance, fields=None):
    """A model instance built from a raw row (attempt_page_read's unless fields are given), marked as
    read from the database: the fields not read are deferred (read on first use), not left at
    their defaults."""
    fields = fields or _PAGE_FIELDS[type(instance)]
    for field in instance._meta.concrete_fields:
        if field.attname not in fields:
            instance.__dict__.pop(field.attname, None)
    instance._state.adding, instance._state.db = False, connection.alias
    return instance


def attempt_review(*, attempt):
    """After the round closes: each question with the answer given, the correct one and the explanation."""
    items = list(
        AttemptQuestion.objects.filter(attempt=attempt)
        .select_related("question__source_section__document", "question__source_document")
        .order_by("position")
    )
    wanted = [choice_id for item in items for choice_id in item.choice_order]
    choices = {c.pk: c for c in Choice.objects.filter(pk__in=wanted)}
    review = []
    for item in items:
        ordered = [choices[pk] for pk in item.choice_order]
        review.append({
            "position": item.position,
            "text": item.question.text,
            "choices": [
                {"letter": LETTERS[i], "text": c.text, "correct": c.is_correct, "chosen": c.pk == item.chosen_id}
                for i, c in enumerate(ordered)
            ],
            "is_correct": bool(item.is_correct),
            "explanation": item.question.explanation,
            "citation": item.question.citation,
        })
    return review


def aware(value):
    """A datetime read by raw SQL: aware already on PostgreSQL, text in UTC on SQLite."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=dt_timezone.utc)
    return value


def attempt_for_answers(*, key):
    """(attempt, contest id, {position: (question_id, [choice ids in shown order])}) for a key,
    or None: what an autosave or a submit needs, in one query.

    They are the quiz's busiest requests (an autosave per answer): this read takes the attempt's
    clock, its owner and its sheet's layout together, in SQL written out
    (contests.sql.attempt_read, which says why), and the attempt comes back with
    those fields only (its round loads on first use).
    """
    key_value = Attempt._meta.get_field("key").get_db_prep_value(key, connection)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            prepared.execute(cursor, sql.attempt_read_prepared(), [key_value])
        else:
            cursor.execute(sql.attempt_read() + "%s", [key_value])
        rows = cursor.fetchall()
    if not rows:
        return None
    pk, participant_id, round_id, number, started_at, deadline_at, submitted_at, contest_id = rows[0][:8]
    attempt = Attempt(
        pk=pk, key=key, participant_id=participant_id, round_id=round_id, number=number,
        started_at=aware(started_at), deadline_at=aware(deadline_at), submitted_at=aware(submitted_at),
    )
    targets = {
        position: (question_id, json.loads(order) if isinstance(order, str) else order)
        for _, _, _, _, _, _, _, _, position, question_id, order in rows if position is not None
    }
    return attempt, contest_id, targets


def attempt_submitted_with(*, attempt, key):
    """(True, closed_by_clock) if the attempt was submitted with this idempotency key, else (False, None):
    a submit sent again after a network error gets the answer the first one got."""
    if key is None:
        return False, None
    found = Attempt.objects.filter(pk=attempt.pk, submit_key=key, submitted_at__isnull=False).values_list(
        "closed_by_clock", flat=True,
    ).first()
    return found is not None, found


def attempt_is_submitted(*, attempt):
    return attempt.submitted_at is not None or Attempt.objects.filter(pk=attempt.pk, submitted_at__isnull=False).exists()


def participant_attempts(*, participant, round):
    return list(Attempt.objects.filter(participant=participant, round=round).order_by("number"))


def entries_by_unit(*, contest=None, since=None, until=None):
    """{unit_id: {"participants": n, "attempts": m}} for people who submitted at least one attempt.

    For the campaign dashboard (units urge their members to take part); units
    with no entry are absent. since/until bound submitted_at.
    """
    attempts = Attempt.objects.submitted().filter(participant__unit__isnull=False)
    if contest is not None:
        attempts = attempts.filter(round__contest=contest)
    if since is not None:
        attempts = attempts.filter(submitted_at__gte=since)
    if until is not None:
        attempts = attempts.filter(submitted_at__lt=until)
    rows = (
        attempts.values("participant__unit")
        .annotate(participants=Count("participant", distinct=True), attempts=Count("pk"))
        .order_by()
    )
    return {row["participant__unit"]: {"participants": row["participants"], "attempts": row["attempts"]} for row in rows}


def plan_unit_quiz_figures(*, plan):
    """Quiz entries by unit within a campaign plan's time frame: the plan asks
    units to urge their members to take part, and the dashboard shows it."""
    entries = entries_by_unit(
        since=local_midnight_after(plan.starts_on, -1), until=local_midnight_after(plan.ends_on),
    )
    return [
        # People and attempts (one person may take several rounds), both counted by the
        # portal: the names say so, apart from the figures units report themselves.
        ("Số người dự thi trên cổng", "người", {unit: row["participants"] for unit, row in entries.items()}),
        ("Số lượt thi trên cổng", "lượt", {unit: row["attempts"] for unit, row in entries.items()}),
    ]


def rounds_due_for_results(*, now=None):
    """Closed rounds (past the grace) without results whose actual answer is known or computable."""
    now = now or timezone.now()
    return (
        Round.objects.filter(closes_at__lt=now - _grace(), results_computed_at=None)
        .filter(Q(prediction_kind=Round.PredictionKind.ALL_CORRECT) | Q(actual_answer__isnull=False))
    )


def rounds_due_for_reveal(*, now=None):
    """Closed rounds (past the grace) whose answers are not shown yet."""
    now = now or timezone.now()
    return Round.objects.filter(closes_at__lt=now - _grace(), answers_revealed_at=None)


def fresh_questions(*, contest, now=None):
    """For each round not closed yet: how many questions in use it can still draw whose answers
    no round has shown, and whether that is fewer than it draws per attempt (issue 11.3).

    A coming round also loses the questions drawn in earlier rounds that will have shown their
    answers by the time it opens (the round open now, rounds closed but not yet revealed).
    """
    now = now or timezone.now()
    rounds = list(contest.rounds.order_by("number"))
    fresh = Question.objects.filter(contest=contest, is_active=True, revealed_at=None)
    coming = []
    for round in rounds:
        if round.closes_at <= now:
            continue
        earlier = [r.pk for r in rounds if r.answers_revealed_at is None and r.closes_at <= round.opens_at]
        left = fresh
        if earlier:
            left = left.exclude(pk__in=AttemptQuestion.objects.filter(attempt__round_id__in=earlier).values("question_id"))
        count = left.count()
        coming.append({"round": round, "fresh": count, "short": count < round.question_count})
    return coming


def expired_attempt_ids(*, now=None):
    now = now or timezone.now()
    return list(Attempt.objects.filter(submitted_at=None, deadline_at__lt=now - _grace()).values_list("pk", flat=True))


def participant_in_contest(*, participant_id, contest):
    """The participant with that id if they are registered in this contest (else None)."""
    return Participant.objects.filter(pk=participant_id, contest=contest).select_related("unit").first()


def contest_statistics(*, contest):
    """What staff read about a contest: entries per round and per day, by unit and locality,
    the score distribution and the hardest questions (percent answered correctly)."""
    from campaign.deadlines import VIETNAM
    from django.db.models.functions import TruncDate

    from campaign.models import Unit

    attempts = Attempt.objects.submitted().filter(round__contest=contest)
    per_round = {
        row["round__number"]: row
        for row in attempts.values("round__number").annotate(attempts=Count("pk"), people=Count("participant", distinct=True)).order_by()
    }
    rounds = [
        {"round": r, "attempts": per_round.get(r.number, {}).get("attempts", 0), "people": per_round.get(r.number, {}).get("people", 0)}
        for r in contest.rounds.all()
    ]
    per_day = list(
        attempts.annotate(day=TruncDate("submitted_at", tzinfo=VIETNAM)).values("day")
        .annotate(attempts=Count("pk"), people=Count("participant", distinct=True)).order_by("day")
    )
    units = entries_by_unit(contest=contest)
    names = dict(Unit.objects.filter(pk__in=units).values_list("pk", "name"))
    by_unit = sorted(
        ({"unit": names[pk], **counts} for pk, counts in units.items()), key=lambda row: (-row["participants"], row["unit"]),
    )
    by_locality = list(
        attempts.values("participant__locality")
        .annotate(participants=Count("participant", distinct=True), attempts=Count("pk"))
        .order_by("-participants", "participant__locality")
    )
    scores = list(attempts.values("score").annotate(attempts=Count("pk")).order_by("score"))
    items = (
        AttemptQuestion.objects.filter(attempt__round__contest=contest, attempt__submitted_at__isnull=False)
        .values("question_id", "question__code", "question__text")
        .annotate(answered=Count("pk"), correct=Count("pk", filter=Q(is_correct=True)))
        .order_by()
    )
    hardest = sorted(
        ({**row, "percent": round(100 * row["correct"] / row["answered"], 1)} for row in items if row["answered"]),
        key=lambda row: (row["percent"], row["question__code"]),
    )
    return {
        "rounds": rounds, "per_day": per_day, "by_unit": by_unit, "by_locality": by_locality,
        "scores": scores, "hardest": hardest,
        "max_day": max((row["attempts"] for row in per_day), default=0),
        "max_score": max((row["attempts"] for row in scores), default=0),
    }


def round_overview(*, round):
    """What staff read on a round's page: entries, perfect scores, and the top of the ranking."""
    attempts = Attempt.objects.submitted().filter(round=round)
    figures = attempts.aggregate(attempts=Count("pk"), people=Count("participant", distinct=True))
    perfect = attempts.filter(score=round.question_count).values("participant_id").distinct().count()
    return {
        **figures,
        "perfect": perfect,
        "running": Attempt.objects.filter(round=round, submitted_at=None).count(),
        "ranking": round_ranking(round=round, limit=20) if round.has_results else [],
    }


def question_bank(*, contest, query="", state=""):
    """The contest's questions for the staff list: search in code and text; in use or set aside."""
    questions = contest.questions.select_related("source_document", "source_section__document").order_by("code")
    if query:
        questions = questions.filter(Q(code__icontains=query) | Q(text__icontains=query))
    if state == "dang-dung":
        questions = questions.filter(is_active=True)
    elif state == "ngung-dung":
        questions = questions.filter(is_active=False)
    return questions.annotate(choice_count=Count("choices"))
