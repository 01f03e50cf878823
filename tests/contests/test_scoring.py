"""Ranking of a closed round: score desc, |prediction − actual| asc, duration asc,
submitted_at asc (to the millisecond); one line per person, their best attempt."""

from datetime import timedelta

import pytest

from contests import services
from contests.models import Attempt, Round, RoundResult
from contests.services import ServiceError
from tests.contests.conftest import entry, make_round

pytestmark = pytest.mark.django_db


def ranking(round):
    return [(r.participant.full_name, r.rank) for r in RoundResult.objects.filter(round=round).select_related("participant")]


def compute(round, actual=None):
    if actual is not None:
        services.round_set_actual_answer(round=round, actual_answer=actual)
    return services.round_compute_results(round=round)


def test_score_comes_first(closed, people):
    a, b = people[:2]
    entry(closed, a, score=9, prediction=100, duration_ms=1000)
    entry(closed, b, score=10, prediction=1, duration_ms=9000)
    compute(closed, actual=100)
    assert ranking(closed) == [("Người 2", 1), ("Người 1", 2)]


def test_then_the_closest_prediction_above_or_below(closed, people):
    a, b, c = people[:3]
    entry(closed, a, score=10, prediction=130, duration_ms=1000)   # 30 too many
    entry(closed, b, score=10, prediction=80, duration_ms=5000)    # 20 too few
    entry(closed, c, score=10, prediction=None, duration_ms=500)   # no prediction: after any prediction
    compute(closed, actual=100)
    assert ranking(closed) == [("Người 2", 1), ("Người 1", 2), ("Người 3", 3)]
    assert list(RoundResult.objects.filter(round=closed).values_list("prediction_error", flat=True)) == [20, 30, None]


def test_then_the_shortest_time(closed, people):
    a, b = people[:2]
    entry(closed, a, score=10, prediction=90, duration_ms=61_001, offset_ms=0)
    entry(closed, b, score=10, prediction=110, duration_ms=61_000, offset_ms=5000)
    compute(closed, actual=100)
    assert ranking(closed) == [("Người 2", 1), ("Người 1", 2)]


def test_then_the_earliest_submission_to_the_millisecond(closed, people):
    a, b = people[:2]
    entry(closed, a, score=10, prediction=100, duration_ms=60_000, offset_ms=2)
    entry(closed, b, score=10, prediction=100, duration_ms=60_000, offset_ms=1)
    compute(closed, actual=100)
    assert ranking(closed) == [("Người 2", 1), ("Người 1", 2)]


def test_one_line_per_person_their_best_attempt(closed, people):
    a, b = people[:2]
    entry(closed, a, score=8, prediction=100, duration_ms=1000, offset_ms=0)
    best = entry(closed, a, score=10, prediction=150, duration_ms=90_000, offset_ms=10)
    entry(closed, a, score=10, prediction=160, duration_ms=30_000, offset_ms=20)  # worse prediction
    entry(closed, b, score=10, prediction=140, duration_ms=1000)
    compute(closed, actual=100)
    assert ranking(closed) == [("Người 2", 1), ("Người 1", 2)]
    assert RoundResult.objects.get(round=closed, participant=a).attempt == best


def test_the_same_result_earliest_counts(closed, people):
    a = people[0]
    first = entry(closed, a, score=10, prediction=100, duration_ms=5000, offset_ms=0)
    entry(closed, a, score=10, prediction=100, duration_ms=5000, offset_ms=1000)
    compute(closed, actual=100)
    assert RoundResult.objects.get(round=closed).attempt == first


def test_prizes_follow_the_ranks(closed, people):
    for i, person in enumerate(people[:5]):
        entry(closed, person, score=10 - i, prediction=0, duration_ms=1000)
    compute(closed, actual=0)
    prizes = [(r.rank, r.prize.name if r.prize else None) for r in RoundResult.objects.filter(round=closed)]
    assert prizes == [(1, "Giải Nhất"), (2, "Giải Nhì"), (3, "Giải Nhì"), (4, None), (5, None)]


def test_the_portal_counts_how_many_answered_everything(closed, people):
    a, b, c = people[:3]
    entry(closed, a, score=10, prediction=2, duration_ms=1000)
    entry(closed, a, score=10, prediction=2, duration_ms=900)   # the same person counts once
    entry(closed, b, score=10, prediction=5, duration_ms=1000)
    entry(closed, c, score=9, prediction=2, duration_ms=1000)
    round = compute(closed)
    assert round.actual_answer == 2
    assert ranking(closed)[0] == ("Người 1", 1)


def test_a_manual_prediction_waits_for_staff(closed, people):
    closed.prediction_kind = Round.PredictionKind.MANUAL
    closed.save()
    entry(closed, people[0], score=10, prediction=2, duration_ms=1000)
    with pytest.raises(ServiceError, match="Chưa nhập đáp án"):
        services.round_compute_results(round=closed)
    assert not RoundResult.objects.exists()
    compute(closed, actual=2)
    assert RoundResult.objects.count() == 1


def test_results_wait_for_the_round_to_close(contest, people):
    open_round = make_round(contest, 2)
    with pytest.raises(ServiceError, match="chưa đóng"):
        services.round_compute_results(round=open_round)


@pytest.mark.usefixtures("marking_path")
def test_unsubmitted_attempts_are_scored_before_ranking(closed, people):
    Attempt.objects.create(round=closed, participant=people[0], number=1,
                           started_at=closed.closes_at - timedelta(minutes=20), deadline_at=closed.closes_at - timedelta(minutes=10))
    compute(closed, actual=0)
    result = RoundResult.objects.get(round=closed)
    assert result.score == 0 and result.attempt.closed_by_clock and result.duration_ms == 600_000
