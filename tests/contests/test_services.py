"""Writes of the quiz: registration, start, autosave, submit; every refusal leaves the database as it was."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from contests import services
from contests.models import Attempt, AttemptQuestion, Choice, Participant, Question
from contests.services import ServiceError
from tests.contests.conftest import QUESTION_COUNT, make_participant, make_round

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Participant.objects.order_by("pk").values()),
        list(Attempt.objects.order_by("pk").values()),
        list(AttemptQuestion.objects.order_by("pk").values()),
    )


def refused(message, call):
    before = snapshot()
    with pytest.raises(ServiceError) as error:
        call()
    assert message in error.value.messages[0]
    assert snapshot() == before, "a refusal changed the database"


def correct_choice(question_id):
    return Choice.objects.get(question_id=question_id, is_correct=True).pk


def wrong_choice(question_id):
    return Choice.objects.filter(question_id=question_id, is_correct=False).first().pk


# Question bank -----------------------------------------------------------------


def test_a_question_needs_exactly_one_correct_choice(contest):
    question = Question(contest=contest, code="moi", text="Câu hỏi mới?")
    for choices, message in [
        ([("A", False), ("B", False), ("C", False)], "đúng một đáp án đúng (đang có 0)"),
        ([("A", True), ("B", True), ("C", False)], "đúng một đáp án đúng (đang có 2)"),
        ([("A", True)], "ít nhất hai phương án"),
        ([("A", True), ("a", False)], "trùng nhau"),
        ([("A", True), ("  ", False)], "không được để trống"),
    ]:
        with pytest.raises(ServiceError) as error:
            services.question_save(question=question, choices=choices)
        assert message in error.value.messages[0]
    assert not Question.objects.filter(code="moi").exists()


def test_the_correct_choice_can_move_to_another_choice(contest):
    question = Question.objects.get(contest=contest, code="c01")
    services.question_save(question=question, choices=[("Đúng 1", False), ("Sai 1a", True), ("Sai 1b", False), ("Mới", False)])
    assert list(question.choices.order_by("order").values_list("text", "is_correct")) == [
        ("Đúng 1", False), ("Sai 1a", True), ("Sai 1b", False), ("Mới", False),
    ]
    services.question_save(question=question, choices=[("X", True), ("Y", False)])
    assert question.choices.count() == 2


def test_the_correct_choice_may_be_one_of_those_removed(contest):
    question = Question.objects.get(contest=contest, code="c01")
    services.question_save(question=question, choices=[("A", False), ("B", False), ("C", True)])
    services.question_save(question=question, choices=[("A", False), ("B mới", True)])
    assert list(question.choices.order_by("order").values_list("text", "is_correct")) == [("A", False), ("B mới", True)]


def test_a_drawn_question_keeps_all_its_choices(contest, open_round, an):
    attempt = services.attempt_start(round=open_round, participant=an)
    question = attempt.items.first().question
    refused("không thể bớt phương án", lambda: services.question_save(question=question, choices=[("X", True), ("Y", False)]))
    assert question.choices.count() == 3


# Registration ----------------------------------------------------------------------


def register(contest, **kwargs):
    values = {
        "full_name": "Lê Thị Cúc", "date_of_birth": date(1990, 3, 2), "phone": "0987654321", "email": "",
        "locality": "Phường 3, Đà Lạt", "unit": None, "consent_rules": True, "consent_personal_data": True,
    }
    values.update(kwargs)
    return services.participant_register(contest=contest, **values)


def test_registration_once_per_phone_and_a_recovery_code_not_the_date_of_birth(contest):
    from contests import recovery

    participant, code = register(contest)
    assert participant.consent_rules and participant.consent_personal_data
    # Only the HMAC is stored, bound to the contest and the phone.
    stored = Participant.objects.get().recovery_code_hash
    assert code not in stored and stored == recovery.digest(contest_id=contest.pk, phone="0987654321", code=code)
    # The same phone again, with the same or another date of birth: the same neutral refusal.
    refused(services.DUPLICATE_PHONE, lambda: register(contest, full_name="Lê Cúc"))
    refused(services.DUPLICATE_PHONE, lambda: register(contest, date_of_birth=date(1991, 3, 2)))
    assert Participant.objects.get().full_name == "Lê Thị Cúc"


def test_registration_refusals(contest):
    refused("Cần đồng ý", lambda: register(contest, consent_personal_data=False))
    contest.min_age = 14
    refused("từ 14 tuổi", lambda: register(contest, date_of_birth=timezone.localdate() - timedelta(days=13 * 365)))
    contest.requires_id_number = True
    refused("căn cước", lambda: register(contest))
    contest.requires_id_number = False
    contest.ends_on = timezone.localdate() - timedelta(days=1)
    refused("đã kết thúc", lambda: register(contest))


def test_a_participant_deletes_their_registration_only_before_any_attempt(contest, open_round, an, binh):
    services.participant_delete(participant=binh)
    assert not Participant.objects.filter(pk=binh.pk).exists()
    services.attempt_start(round=open_round, participant=an)
    refused("đã có bài thi", lambda: services.participant_delete(participant=an))


# Start ---------------------------------------------------------------------------


def test_start_draws_and_shuffles_and_stores_the_order(contest, open_round, an):
    attempt = services.attempt_start(round=open_round, participant=an)
    items = list(attempt.items.order_by("position"))
    assert [item.position for item in items] == list(range(1, QUESTION_COUNT + 1))
    assert len({item.question_id for item in items}) == QUESTION_COUNT
    for item in items:
        assert sorted(item.choice_order) == sorted(Choice.objects.filter(question=item.question).values_list("pk", flat=True))
    assert attempt.number == 1
    assert attempt.deadline_at - attempt.started_at == timedelta(seconds=open_round.time_limit_seconds)


def test_draws_differ_between_attempts(contest, open_round, an, binh):
    orders = set()
    for participant in (an, binh):
        for _ in range(3):
            attempt = services.attempt_start(round=open_round, participant=participant)
            orders.add(tuple((item.question_id, tuple(item.choice_order)) for item in attempt.items.order_by("position")))
            services.attempt_submit(attempt=attempt, participant=participant, prediction=1)
    # 6 attempts of 5 questions out of 12 with 3! choice orders each: the same sheet twice is next to impossible.
    assert len(orders) == 6


def test_a_second_start_returns_the_running_attempt(contest, open_round, an):
    first = services.attempt_start(round=open_round, participant=an)
    assert services.attempt_start(round=open_round, participant=an) == first
    assert Attempt.objects.count() == 1


def test_start_refusals(contest, open_round, an):
    now = timezone.now()
    closed = make_round(contest, 2, opens_at=now - timedelta(days=8), closes_at=now - timedelta(days=1))
    refused("đã đóng", lambda: services.attempt_start(round=closed, participant=an))
    later = make_round(contest, 3, opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=8))
    refused("chưa mở", lambda: services.attempt_start(round=later, participant=an))
    limited = make_round(contest, 4, max_attempts=1)
    attempt = services.attempt_start(round=limited, participant=an)
    services.attempt_submit(attempt=attempt, participant=an, prediction=3)
    refused("hết 1 lượt thi", lambda: services.attempt_start(round=limited, participant=an))
    other = make_participant(contest.__class__.objects.create(
        code="khac", title="Cuộc thi khác", organiser="BTG", starts_on=contest.starts_on, ends_on=contest.ends_on,
    ), phone="0912999999")
    refused("chưa đăng ký", lambda: services.attempt_start(round=open_round, participant=other))


def test_an_attempt_ends_when_its_round_closes(contest, an):
    now = timezone.now()
    closing = make_round(contest, 2, opens_at=now - timedelta(days=1), closes_at=now + timedelta(minutes=3))
    attempt = services.attempt_start(round=closing, participant=an, now=now)
    assert attempt.deadline_at == closing.closes_at


def test_start_needs_enough_questions(contest, an):
    big = make_round(contest, 2, question_count=13)
    refused("chưa đủ câu hỏi", lambda: services.attempt_start(round=big, participant=an))


# Answers ---------------------------------------------------------------------------


@pytest.fixture
def attempt(open_round, an, marking_path):
    """A running attempt; each test that takes it runs on both marking paths (contests.sql.path)."""
    return services.attempt_start(round=open_round, participant=an)


def test_an_answer_is_saved_and_replaced(attempt, an):
    item = attempt.items.get(position=1)
    services.attempt_save_answer(attempt=attempt, participant=an, question_id=item.question_id, choice_id=wrong_choice(item.question_id))
    services.attempt_save_answer(attempt=attempt, participant=an, question_id=item.question_id, choice_id=correct_choice(item.question_id))
    item.refresh_from_db()
    assert item.chosen_id == correct_choice(item.question_id) and item.answered_at is not None


def test_answer_refusals_change_nothing(contest, attempt, an, binh):
    drawn = set(attempt.items.values_list("question_id", flat=True))
    undrawn = Question.objects.exclude(pk__in=drawn).first()
    item, other = attempt.items.order_by("position")[:2]
    refused("không có trong bài thi", lambda: services.attempt_save_answer(
        attempt=attempt, participant=an, question_id=undrawn.pk, choice_id=correct_choice(undrawn.pk)))
    refused("không thuộc câu hỏi này", lambda: services.attempt_save_answer(
        attempt=attempt, participant=an, question_id=item.question_id, choice_id=correct_choice(other.question_id)))
    refused("không phải của bạn", lambda: services.attempt_save_answer(
        attempt=attempt, participant=binh, question_id=item.question_id, choice_id=correct_choice(item.question_id)))
    late = attempt.deadline_at + timedelta(seconds=11)
    refused("hết giờ", lambda: services.attempt_save_answer(
        attempt=attempt, participant=an, question_id=item.question_id, choice_id=correct_choice(item.question_id), now=late))
    refused("hết giờ", lambda: services.attempt_save_prediction(attempt=attempt, participant=an, prediction=5, now=late))
    refused("không âm", lambda: services.attempt_save_prediction(attempt=attempt, participant=an, prediction=-1))


def test_an_answer_within_the_grace_counts(attempt, an):
    item = attempt.items.get(position=1)
    services.attempt_save_answer(attempt=attempt, participant=an, question_id=item.question_id,
                                 choice_id=correct_choice(item.question_id), now=attempt.deadline_at + timedelta(seconds=9))
    item.refresh_from_db()
    assert item.chosen_id is not None


# Submit ----------------------------------------------------------------------------


def test_submit_scores_and_times_the_attempt(attempt, an):
    items = list(attempt.items.order_by("position"))
    answers = [(item.question_id, correct_choice(item.question_id)) for item in items[:3]]
    answers.append((items[3].question_id, wrong_choice(items[3].question_id)))
    at = attempt.started_at + timedelta(seconds=95, milliseconds=123)
    done = services.attempt_submit(attempt=attempt, participant=an, answers=answers, prediction=42, now=at)
    assert (done.score, done.prediction, done.duration_ms, done.submitted_at) == (3, 42, 95123, at)
    assert not done.closed_by_clock
    assert list(done.items.order_by("position").values_list("is_correct", flat=True)) == [True, True, True, False, False]


def test_a_second_submit_is_refused_and_changes_nothing(attempt, an):
    services.attempt_submit(attempt=attempt, participant=an, prediction=1)
    item = attempt.items.first()
    refused("đã được nộp", lambda: services.attempt_submit(
        attempt=attempt, participant=an, answers=[(item.question_id, correct_choice(item.question_id))], prediction=9))
    refused("đã được nộp", lambda: services.attempt_save_answer(
        attempt=attempt, participant=an, question_id=item.question_id, choice_id=correct_choice(item.question_id)))


def test_submit_refusals_change_nothing(contest, attempt, an, binh):
    drawn = set(attempt.items.values_list("question_id", flat=True))
    undrawn = Question.objects.exclude(pk__in=drawn).first()
    item, other = attempt.items.order_by("position")[:2]
    refused("không phải của bạn", lambda: services.attempt_submit(attempt=attempt, participant=binh, prediction=1))
    # One bad answer among good ones: nothing of the form is stored.
    refused("không có trong bài thi", lambda: services.attempt_submit(attempt=attempt, participant=an, prediction=1, answers=[
        (item.question_id, correct_choice(item.question_id)), (undrawn.pk, correct_choice(undrawn.pk))]))
    refused("không thuộc câu hỏi này", lambda: services.attempt_submit(attempt=attempt, participant=an, prediction=1, answers=[
        (item.question_id, correct_choice(other.question_id))]))


def test_submit_stores_only_what_was_answered(attempt, an):
    first, second, *rest = attempt.items.order_by("position")
    saved_at = timezone.now() - timedelta(seconds=30)
    services.attempt_save_answer(attempt=attempt, participant=an, question_id=first.question_id,
                                 choice_id=correct_choice(first.question_id), now=saved_at)
    # The same answer again with the submit, and a second one.
    done = services.attempt_submit(attempt=attempt, participant=an, prediction=4, answers=[
        (first.question_id, correct_choice(first.question_id)), (second.question_id, correct_choice(second.question_id)),
    ])
    assert done.score == 2
    rows = {row[0]: row[1:] for row in attempt.items.values_list("question_id", "chosen_id", "answered_at", "is_correct")}
    assert rows[first.question_id] == (correct_choice(first.question_id), saved_at, True), "an unchanged answer keeps its time"
    assert rows[second.question_id][0] == correct_choice(second.question_id) and rows[second.question_id][1] > saved_at
    assert all(rows[item.question_id] == (None, None, False) for item in rest), "unanswered stays unanswered"


def test_a_late_submit_scores_what_was_saved_by_the_deadline(attempt, an):
    first, second = attempt.items.order_by("position")[:2]
    services.attempt_save_answer(attempt=attempt, participant=an, question_id=first.question_id,
                                 choice_id=correct_choice(first.question_id), now=attempt.deadline_at - timedelta(seconds=5))
    services.attempt_save_prediction(attempt=attempt, participant=an, prediction=7)
    late = attempt.deadline_at + timedelta(minutes=3)
    done = services.attempt_submit(attempt=attempt, participant=an, prediction=99, now=late,
                                   answers=[(second.question_id, correct_choice(second.question_id))])
    assert done.closed_by_clock
    assert (done.score, done.prediction) == (1, 7)
    assert done.submitted_at == attempt.deadline_at
    assert done.duration_ms == attempt.round.time_limit_seconds * 1000


def test_an_abandoned_attempt_is_closed_once(attempt, an):
    assert services.attempt_close_expired(attempt_id=attempt.pk) is None  # still running
    later = attempt.deadline_at + timedelta(minutes=1)
    done = services.attempt_close_expired(attempt_id=attempt.pk, now=later)
    assert done.closed_by_clock and done.score == 0
    assert services.attempt_close_expired(attempt_id=attempt.pk, now=later) is None
