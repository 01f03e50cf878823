"""Celery tasks of the quiz: ids in, safe to run twice."""

from datetime import timedelta

import pytest
from django.utils import timezone

from contests import tasks
from contests.models import Attempt, RoundResult
from tests.contests.conftest import entry, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def eager(monkeypatch):
    # With REDIS_URL set the tick queues to Redis; here the queued tasks run in place.
    from config.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)


def test_the_task_gives_the_same_results_twice(closed, people):
    for i, person in enumerate(people):
        entry(closed, person, score=10 - i % 3, prediction=i, duration_ms=1000 * (i + 1), offset_ms=i)
    tasks.round_compute_results(closed.pk)
    first = list(RoundResult.objects.values_list("participant_id", "rank", "score", "prediction_error", "prize_id"))
    tasks.round_compute_results(closed.pk)
    assert list(RoundResult.objects.values_list("participant_id", "rank", "score", "prediction_error", "prize_id")) == first
    assert [rank for _, rank, *_ in first] == list(range(1, 9))


@pytest.mark.usefixtures("marking_path")
def test_the_tick_closes_abandoned_attempts_and_ranks_closed_rounds(contest, closed, people):
    running = make_round(contest, 2)
    entry(closed, people[0], score=10, prediction=1, duration_ms=1000)
    stale = Attempt.objects.create(round=running, participant=people[1], number=1,
                                   started_at=timezone.now() - timedelta(hours=2), deadline_at=timezone.now() - timedelta(hours=1))
    tasks.contests_tick()
    tasks.contests_tick()
    stale.refresh_from_db()
    closed.refresh_from_db()
    assert stale.submitted_at is not None and stale.closed_by_clock
    assert closed.results_computed_at is not None and closed.actual_answer == 1
    assert RoundResult.objects.filter(round=closed).count() == 1
    assert not RoundResult.objects.filter(round=running).exists()
