"""What the database itself refuses, whatever the code above it does."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from contests import services
from contests.models import Attempt, AttemptQuestion, Choice, Participant, Question
from tests.contests.conftest import make_participant, make_round

pytestmark = pytest.mark.django_db


def rejected(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_at_most_one_correct_choice_per_question(contest):
    question = Question.objects.get(code="c01")
    rejected(lambda: Choice.objects.create(question=question, text="Cũng đúng", is_correct=True, order=9))
    Choice.objects.create(question=question, text="Sai nữa", is_correct=False, order=9)


def test_one_registration_per_phone_and_contest_with_consent(contest, an):
    rejected(lambda: make_participant(contest, name="Người khác", phone=an.phone))
    rejected(lambda: make_participant(contest, phone="0912888888", consent_personal_data=False))


def test_attempt_numbers_are_unique_per_person_and_round(open_round, an):
    now = timezone.now()
    Attempt.objects.create(round=open_round, participant=an, number=1, started_at=now, deadline_at=now + timedelta(minutes=5))
    rejected(lambda: Attempt.objects.create(round=open_round, participant=an, number=1, started_at=now,
                                            deadline_at=now + timedelta(minutes=5)))


def test_a_submitted_attempt_has_a_score_and_a_time(open_round, an):
    now = timezone.now()
    rejected(lambda: Attempt.objects.create(round=open_round, participant=an, number=1, started_at=now,
                                            deadline_at=now + timedelta(minutes=5), submitted_at=now))


def test_a_question_is_drawn_once_per_attempt(open_round, an):
    attempt = services.attempt_start(round=open_round, participant=an)
    item = attempt.items.first()
    rejected(lambda: AttemptQuestion.objects.create(attempt=attempt, question_id=item.question_id, position=99, choice_order=[]))
    other = Question.objects.exclude(pk__in=attempt.items.values("question_id")).first()
    rejected(lambda: AttemptQuestion.objects.create(attempt=attempt, question=other, position=1, choice_order=[]))


def test_a_round_closes_after_it_opens(contest):
    now = timezone.now()
    rejected(lambda: make_round(contest, 5, opens_at=now, closes_at=now - timedelta(minutes=1)))
    rejected(lambda: make_round(contest, 6, max_attempts=0))


def test_round_state_and_citation(contest, open_round):
    assert not open_round.is_closed() and not open_round.has_results
    assert Question.objects.get(code="c01").citation == "Phụ lục, mục 1"


def test_participant_str(an):
    assert str(an) == "Nguyễn Văn An"
    assert Participant.objects.get() == an
