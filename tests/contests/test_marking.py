"""The marking rule (contests/sql.py) on many random attempts: autosaves, then a submit on time,
in the grace, late, or never (closed by the clock). Each attempt's rows are checked against the
rule as written in Python here, on each marking path, and on PostgreSQL the two paths must leave
the very same rows. The seed is fixed: a failure names its attempt and replays."""

import random
from datetime import timedelta

import pytest
from django.db import transaction

from contests import services, sql
from contests.models import Attempt, Choice
from tests.contests.conftest import make_participant

pytestmark = pytest.mark.django_db

SEED = 20261202
ATTEMPTS = 40


def scenarios(questions):
    """ATTEMPTS random plays, the same on every run: [(autosaves, prediction saved, how it ends, answers sent,
    prediction sent)] with answers as (position, choice index, seconds after the start)."""
    draw = random.Random(SEED)
    plays = []
    for _ in range(ATTEMPTS):
        second = 0
        autosaves = []
        for _ in range(draw.randint(0, 8)):
            second += draw.randint(1, 60)
            autosaves.append((draw.randint(1, questions), draw.randrange(3), second))
        saved_prediction = draw.choice([None, draw.randint(0, 500)])
        ending = draw.choice(["on time", "on time", "in grace", "late", "abandoned"])
        sent = {position: draw.randrange(3) for position in draw.sample(range(1, questions + 1), draw.randint(0, questions))}
        sent_prediction = draw.choice([None, draw.randint(0, 500)])
        plays.append((autosaves, saved_prediction, ending, sent, sent_prediction))
    return plays


def when(attempt, ending):
    """The moment a play ends: before the deadline, within the grace, past it."""
    grace = services.grace()
    return {
        "on time": attempt.started_at + timedelta(seconds=590),
        "in grace": attempt.deadline_at + grace / 2,
        "late": attempt.deadline_at + grace + timedelta(minutes=3),
        "abandoned": attempt.deadline_at + grace + timedelta(minutes=1),
    }[ending]


def play(attempt, participant, layout, scenario):
    """Run one play through the services; returns what the submit (or the expiry) gave back."""
    autosaves, saved_prediction, ending, sent, sent_prediction = scenario
    for position, index, second in autosaves:
        question_id, order = layout[position]
        services.attempt_save_answer(attempt=attempt, participant=participant, question_id=question_id,
                                     choice_id=order[index], now=attempt.started_at + timedelta(seconds=second))
    if saved_prediction is not None:
        services.attempt_save_prediction(attempt=attempt, participant=participant, prediction=saved_prediction,
                                         now=attempt.started_at + timedelta(seconds=1))
    now = when(attempt, ending)
    if ending == "abandoned":
        done = services.attempt_close_expired(attempt_id=attempt.pk, now=now)
    else:
        answers = [(layout[position][0], layout[position][1][index]) for position, index in sent.items()]
        done = services.attempt_submit(attempt=attempt, participant=participant, answers=answers,
                                       prediction=sent_prediction, now=now)
    return done.score, done.prediction


def by_the_rule(attempt, layout, correct, scenario):
    """What the rule says the rows are: (attempt columns, [(chosen, answered_at, is_correct)] by position)."""
    autosaves, saved_prediction, ending, sent, sent_prediction = scenario
    answers = {position: (None, None) for position in layout}
    for position, index, second in autosaves:
        # An autosave stores the choice and its moment; the same choice again (a retried
        # autosave) changes nothing, as the submit keeps the moment of an unchanged answer.
        if layout[position][1][index] != answers[position][0]:
            answers[position] = (layout[position][1][index], attempt.started_at + timedelta(seconds=second))
    prediction = saved_prediction
    now = when(attempt, ending)
    by_clock = now > attempt.deadline_at + services.grace()
    if not by_clock:
        for position, index in sent.items():
            choice_id = layout[position][1][index]
            if choice_id != answers[position][0]:  # answered_at moves only when the choice changes
                answers[position] = (choice_id, now)
        prediction = sent_prediction if sent_prediction is not None else prediction
    rows = [
        (chosen, answered_at, chosen is not None and chosen == correct[layout[position][0]])
        for position, (chosen, answered_at) in sorted(answers.items())
    ]
    submitted_at = min(now, attempt.deadline_at)
    score = sum(1 for _, _, is_correct in rows if is_correct)
    duration_ms = int((submitted_at - attempt.started_at).total_seconds() * 1000)
    return (submitted_at, duration_ms, by_clock, score, prediction), rows


def stored(attempt):
    attempt = Attempt.objects.get(pk=attempt.pk)
    columns = (attempt.submitted_at, attempt.duration_ms, attempt.closed_by_clock, attempt.score, attempt.prediction)
    return columns, list(attempt.items.order_by("position").values_list("chosen_id", "answered_at", "is_correct"))


class Undo(Exception):
    """Carries a play's rows out of the savepoint that is then rolled back."""


def outcome(attempt, participant, layout, scenario, path, monkeypatch):
    """Play on one path and roll it back, so the other path can play the same attempt."""
    monkeypatch.setattr(sql, "FORCE_PATH", path)
    attempt = Attempt.objects.get(pk=attempt.pk)  # a submit sets its values on the instance
    try:
        with transaction.atomic():
            returned = play(attempt, participant, layout, scenario)
            raise Undo(returned, stored(attempt))
    except Undo as undo:
        return undo.args


@pytest.fixture
def attempts(contest, open_round):
    """One running attempt per play, each of its own participant; with its layout and the correct choices."""
    correct = dict(Choice.objects.filter(is_correct=True).values_list("question_id", "pk"))
    plays = []
    for i, scenario in enumerate(scenarios(open_round.question_count)):
        participant = make_participant(contest, name=f"Thí sinh {i}", phone=f"0913{i:06d}")
        attempt = services.attempt_start(round=open_round, participant=participant,
                                         now=open_round.opens_at + timedelta(hours=1, minutes=i))
        layout = {item.position: (item.question_id, item.choice_order) for item in attempt.items.all()}
        plays.append((i, attempt, participant, layout, scenario))
    return correct, plays


def test_random_attempts_are_marked_by_the_rule(attempts, marking_path, monkeypatch):
    correct, plays = attempts
    for i, attempt, participant, layout, scenario in plays:
        returned, rows = outcome(attempt, participant, layout, scenario, marking_path, monkeypatch)
        expected = by_the_rule(attempt, layout, correct, scenario)
        assert rows == expected, f"lượt {i}: {scenario}"
        assert returned == (expected[0][3], expected[0][4]), f"lượt {i}: {scenario}"


@pytest.mark.postgres
def test_both_paths_leave_the_same_rows_on_random_attempts(attempts, monkeypatch):
    _, plays = attempts
    for i, attempt, participant, layout, scenario in plays:
        one = outcome(attempt, participant, layout, scenario, sql.ONE_STATEMENT, monkeypatch)
        portable = outcome(attempt, participant, layout, scenario, sql.PORTABLE, monkeypatch)
        assert one == portable, f"lượt {i}: {scenario}"
