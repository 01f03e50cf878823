"""Races on PostgreSQL: two submits of one attempt, two starts of one person; exactly one wins."""

import threading

import pytest
from django.db import connection, connections

from contests import services
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


def test_two_simultaneous_submits_score_once(world):
    assert connection.vendor == "postgresql"
    _, round, an = world
    attempt = services.attempt_start(round=round, participant=an)
    items = list(attempt.items.order_by("position"))
    right = [(i.question_id, Choice.objects.get(question_id=i.question_id, is_correct=True).pk) for i in items]
    wrong = [(i.question_id, Choice.objects.filter(question_id=i.question_id, is_correct=False).first().pk) for i in items]
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
