"""Issue 11.3: a question whose answer a closed round has shown is not drawn by a later round
while fresh ones remain; staff see how many fresh questions each coming round has left."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from contests import selectors, services, tasks
from contests.models import AttemptQuestion, Question, Round
from tests.contests.conftest import QUESTION_COUNT, login_as, make_participant, make_round
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def drawn(attempt):
    return set(AttemptQuestion.objects.filter(attempt=attempt).values_list("question_id", flat=True))


def close(round, *, ago=timedelta(minutes=5)):
    Round.objects.filter(pk=round.pk).update(closes_at=timezone.now() - ago)
    round.refresh_from_db()
    return round


@pytest.fixture
def first(contest):
    """Round 1, opened a week ago; the second opens when it closes."""
    now = timezone.now()
    return make_round(contest, 1, opens_at=now - timedelta(days=7), closes_at=now + timedelta(minutes=1))


@pytest.fixture
def people(contest):
    return [make_participant(contest, name=f"Người {i}", phone=f"09120002{i:02d}") for i in range(1, 31)]


def test_the_answers_of_a_closed_round_retire_its_questions(contest, first, an):
    attempt = services.attempt_start(round=first, participant=an)
    with pytest.raises(services.ServiceError, match="chưa đóng"):
        services.round_reveal_answers(round=first)
    close(first)
    services.round_reveal_answers(round=first)
    revealed = set(Question.objects.filter(revealed_at__isnull=False).values_list("pk", flat=True))
    assert revealed == drawn(attempt)
    assert set(Question.objects.filter(revealed_in_round=first).values_list("pk", flat=True)) == revealed
    # Once: a second run (the task and a result page) changes nothing.
    before = list(Question.objects.values("pk", "revealed_at")), Round.objects.get(pk=first.pk).answers_revealed_at
    services.round_reveal_answers(round=first, now=timezone.now() + timedelta(hours=1))
    assert (list(Question.objects.values("pk", "revealed_at")), Round.objects.get(pk=first.pk).answers_revealed_at) == before


def test_a_later_round_never_draws_a_revealed_question_while_fresh_ones_remain(contest, first, people):
    # 12 questions, 5 per attempt: round 1 shows the answers of 5.
    services.attempt_start(round=first, participant=people[0])
    close(first)
    services.round_reveal_answers(round=first)
    revealed = set(Question.objects.filter(revealed_at__isnull=False).values_list("pk", flat=True))
    assert len(revealed) == QUESTION_COUNT
    second = make_round(contest, 2)
    seen = set()
    for person in people:
        questions = drawn(services.attempt_start(round=second, participant=person))
        assert len(questions) == QUESTION_COUNT and not questions & revealed
        seen |= questions
    assert seen == set(Question.objects.exclude(pk__in=revealed).values_list("pk", flat=True))


def test_too_few_fresh_questions_every_one_of_them_then_revealed_ones(contest, first, people):
    # Earlier rounds showed the answers of 9 of the 12 questions: 3 fresh are left for 5 per attempt.
    services.attempt_start(round=first, participant=people[0])
    close(first)
    services.round_reveal_answers(round=first)
    Question.objects.filter(revealed_at=None).exclude(code__in=["c01", "c02", "c03"]).update(revealed_at=timezone.now())
    Question.objects.filter(code__in=["c01", "c02", "c03"]).update(revealed_at=None)
    fresh = set(Question.objects.filter(revealed_at=None).values_list("pk", flat=True))
    assert len(fresh) == 3
    second = make_round(contest, 2)
    positions = set()
    for person in people[1:21]:
        attempt = services.attempt_start(round=second, participant=person)
        questions = drawn(attempt)
        assert len(questions) == QUESTION_COUNT and fresh <= questions
        positions |= set(AttemptQuestion.objects.filter(attempt=attempt, question_id__in=fresh).values_list("position", flat=True))
    assert len(positions) > 3, "the fresh questions are always in the same places"
    # None at all left: still drawn, from the revealed ones.
    Question.objects.update(revealed_at=timezone.now())
    assert len(drawn(services.attempt_start(round=second, participant=people[21]))) == QUESTION_COUNT


def test_the_result_page_shows_answers_only_once_the_round_is_revealed(client, contest, first, an):
    login_as(client, an)
    attempt = services.attempt_start(round=first, participant=an)
    services.attempt_submit(attempt=attempt, participant=an)
    url = reverse("contests:result", args=[attempt.key])
    assert "Đáp án và giải thích</h2>" not in client.get(url).content.decode()
    close(first, ago=timedelta(seconds=1))  # within the grace: answers could still be saved
    assert "Đáp án và giải thích</h2>" not in client.get(url).content.decode()
    assert not Question.objects.filter(revealed_at__isnull=False).exists()
    close(first)
    assert "Đáp án và giải thích</h2>" in client.get(url).content.decode()
    assert set(Question.objects.filter(revealed_at__isnull=False).values_list("pk", flat=True)) == drawn(attempt)


def test_the_periodic_task_reveals_closed_rounds(eager_celery, contest, first, an):
    attempt = services.attempt_start(round=first, participant=an)
    tasks.contests_tick()
    assert Round.objects.get(pk=first.pk).answers_revealed_at is None
    close(first)
    tasks.contests_tick()
    assert Round.objects.get(pk=first.pk).answers_revealed_at is not None
    assert set(Question.objects.filter(revealed_at__isnull=False).values_list("pk", flat=True)) == drawn(attempt)


def test_staff_see_the_fresh_questions_each_coming_round_has_left(client, contest, first, people):
    now = timezone.now()
    second = make_round(contest, 2, opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=8), question_count=8)
    client.force_login(make_staff())
    assert [(row["round"].number, row["fresh"]) for row in selectors.fresh_questions(contest=contest)] == [(1, 12), (2, 12)]
    # Round 1 is open: what it draws will be public before round 2 opens.
    for person in people[:3]:
        services.attempt_start(round=first, participant=person)
    pending = len(set(AttemptQuestion.objects.values_list("question_id", flat=True)))
    coming = {row["round"].number: row for row in selectors.fresh_questions(contest=contest)}
    assert coming[1]["fresh"] == 12 and coming[2]["fresh"] == 12 - pending
    html = client.get(reverse("contests:round_manage", args=[contest.code, 2])).content.decode()
    if 12 - pending < 8:
        assert f"còn {12 - pending} câu chưa công bố đáp án, ít hơn 8 câu mỗi lượt thi" in html
    else:
        assert f"còn {12 - pending} câu chưa công bố đáp án (8 câu mỗi lượt thi)" in html
    # After round 1 shows its answers, the count is the bank's fresh questions.
    close(first)
    services.round_reveal_answers(round=first)
    fresh = Question.objects.filter(revealed_at=None, is_active=True).count()
    assert fresh == 12 - pending
    html = client.get(reverse("contests:statistics", args=[contest.code])).content.decode()
    assert f"Đợt 2: còn {fresh} câu chưa công bố đáp án" in html
    assert "Đợt 1:" not in html  # closed: nothing left to draw


def test_the_warning_names_the_shortfall(client, contest, first):
    Question.objects.filter(code__in=["c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09"]).update(
        revealed_at=timezone.now())
    client.force_login(make_staff())
    html = client.get(reverse("contests:round_manage", args=[contest.code, 1])).content.decode()
    assert "Đợt 1: còn 3 câu chưa công bố đáp án, ít hơn 5 câu mỗi lượt thi" in html
    assert 'class="alert alert-warning' in html


def test_only_staff_see_the_round_page(client, contest, first, an):
    login_as(client, an)
    assert client.get(reverse("contests:round_manage", args=[contest.code, 1])).status_code == 302


def test_the_question_list_says_which_answers_are_public(client, contest):
    Question.objects.filter(code="c01").update(revealed_at=timezone.now())
    client.force_login(make_staff())
    html = client.get(reverse("contests:question_list", args=[contest.code])).content.decode()
    assert html.count("đã công bố đáp án") == 1
