"""Races on PostgreSQL: two submits of one attempt, two starts of one person; exactly one wins."""

import threading

import pytest
from django.db import connection, connections

from contests import services, sql
from contests.models import Attempt, AttemptQuestion, Choice
from tests.contests.conftest import make_contest, make_participant, make_questions, make_round

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(*calls):
    """Run the calls at once, each in its own thread and database connection; return results or exceptions."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # the loser's refusal is the result
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.fixture
def world():
    contest = make_contest()
    make_questions(contest)
    return contest, make_round(contest, 1, max_attempts=2), make_participant(contest)


def right_and_wrong(attempt):
    items = list(attempt.items.order_by("position"))
    right = [(i.question_id, Choice.objects.get(question_id=i.question_id, is_correct=True).pk) for i in items]
    wrong = [(i.question_id, Choice.objects.filter(question_id=i.question_id, is_correct=False).first().pk) for i in items]
    return right, wrong


def test_two_simultaneous_submits_score_once(world, marking_path):
    assert connection.vendor == "postgresql"
    _, round, an = world
    attempt = services.attempt_start(round=round, participant=an)
    right, wrong = right_and_wrong(attempt)
    results = race(
        lambda: services.attempt_submit(attempt=attempt, participant=an, answers=right, prediction=11),
        lambda: services.attempt_submit(attempt=attempt, participant=an, answers=wrong, prediction=22),
    )
    winners = [r for r in results if isinstance(r, Attempt)]
    losers = [r for r in results if isinstance(r, services.ServiceError)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert "đã được nộp" in losers[0].messages[0]
    attempt.refresh_from_db()
    # The stored answers are the winner's, all of them: no mix of the two forms.
    assert (attempt.score, attempt.prediction) == (winners[0].score, winners[0].prediction)
    chosen = set(AttemptQuestion.objects.filter(attempt=attempt).values_list("question_id", "chosen_id"))
    assert chosen in (set(right), set(wrong))


def test_autosaves_racing_a_submit_never_deadlock_and_marks_match_answers(world, marking_path):
    _, round, an = world
    attempt = services.attempt_start(round=round, participant=an)
    right, wrong = right_and_wrong(attempt)
    half = len(right) // 2
    saves = [
        lambda pair=pair: services.attempt_save_answer(attempt=attempt, participant=an, question_id=pair[0], choice_id=pair[1])
        for pair in wrong[:half]
    ]
    results = race(lambda: services.attempt_submit(attempt=attempt, participant=an, answers=right[half:], prediction=5), *saves)
    assert isinstance(results[0], Attempt), results[0]
    # An autosave either landed before the submit or was refused after it: never a database error.
    assert all(r is None or isinstance(r, services.ServiceError) for r in results[1:]), results
    attempt.refresh_from_db()
    correct = dict(right)
    rows = list(AttemptQuestion.objects.filter(attempt=attempt).values_list("question_id", "chosen_id", "is_correct"))
    assert all(is_correct == (chosen == correct[question]) for question, chosen, is_correct in rows)
    assert attempt.score == sum(1 for _, _, is_correct in rows if is_correct)
    # A wrong answer saved in time, or refused after the submit: either way not a point.
    assert attempt.score == len(right) - half


def test_both_ways_of_submitting_store_the_same(world, monkeypatch):
    contest, round, an = world
    binh = make_participant(contest, name="Trần Thị Bình", phone="0912000002")
    stored = []
    for person, path in ((an, sql.ONE_STATEMENT), (binh, sql.PORTABLE)):
        monkeypatch.setattr(sql, "FORCE_PATH", path)
        attempt = services.attempt_start(round=round, participant=person)
        right, wrong = right_and_wrong(attempt)
        services.attempt_save_answer(attempt=attempt, participant=person, question_id=wrong[0][0], choice_id=wrong[0][1])
        services.attempt_save_prediction(attempt=attempt, participant=person, prediction=9)
        done = services.attempt_submit(attempt=attempt, participant=person, answers=right[1:3])
        attempt.refresh_from_db()
        marks = sorted(
            (chosen is not None, answered is not None, is_correct)
            for chosen, answered, is_correct in attempt.items.values_list("chosen_id", "answered_at", "is_correct")
        )
        stored.append((done.score, done.prediction, attempt.score, attempt.prediction, attempt.closed_by_clock, marks))
    assert stored[0] == stored[1]
    assert stored[0][:2] == (2, 9)


def test_two_simultaneous_starts_make_one_attempt(world):
    _, round, an = world
    results = race(*[lambda: services.attempt_start(round=round, participant=an)] * 2)
    assert all(isinstance(r, Attempt) for r in results), results
    assert results[0].pk == results[1].pk
    assert Attempt.objects.count() == 1


def test_two_simultaneous_starts_beyond_the_limit_one_wins(world):
    _, round, an = world
    first = services.attempt_start(round=round, participant=an)
    services.attempt_submit(attempt=first, participant=an, prediction=1)
    # One attempt left of two: both requests want it.
    results = race(*[lambda: services.attempt_start(round=round, participant=an)] * 2)
    assert all(isinstance(r, Attempt) for r in results), results
    assert {r.number for r in results} == {2}
    assert Attempt.objects.filter(participant=an).count() == 2
    services.attempt_submit(attempt=results[0], participant=an, prediction=1)
    results = race(*[lambda: services.attempt_start(round=round, participant=an)] * 2)
    assert all(isinstance(r, services.ServiceError) for r in results)
    assert Attempt.objects.filter(participant=an).count() == 2
