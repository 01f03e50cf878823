"""The quiz in the admin: every page opens; the choices of a question keep exactly one correct."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from contests import services
from contests.models import Question, Round

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("quantri", "qt@example.vn", "mat-khau-quan-tri-1"))
    return client


def test_every_admin_page_opens(admin_client, contest, open_round, an):
    services.attempt_start(round=open_round, participant=an)
    for model in ("contest", "round", "question", "participant", "attempt", "roundresult"):
        assert admin_client.get(reverse(f"admin:contests_{model}_changelist")).status_code == 200
    for model, obj in (("contest", contest), ("round", open_round), ("question", Question.objects.first()), ("participant", an)):
        assert admin_client.get(reverse(f"admin:contests_{model}_change", args=[obj.pk])).status_code == 200


def choice_form(question, correct_index, total=3):
    data = {
        "contest": question.contest_id, "code": question.code, "text": question.text, "difficulty": "medium",
        "explanation": "", "source_note": "", "is_active": "on",
        "choices-TOTAL_FORMS": str(total), "choices-INITIAL_FORMS": "3", "choices-MIN_NUM_FORMS": "0", "choices-MAX_NUM_FORMS": "10",
    }
    for i, choice in enumerate(question.choices.order_by("order")):
        data.update({f"choices-{i}-id": choice.pk, f"choices-{i}-question": question.pk, f"choices-{i}-order": i,
                     f"choices-{i}-text": choice.text})
        if correct_index is not None and i in (correct_index if isinstance(correct_index, tuple) else (correct_index,)):
            data[f"choices-{i}-is_correct"] = "on"
    return data


def test_the_correct_choice_moves_in_the_admin(admin_client, contest):
    question = Question.objects.get(code="c01")
    response = admin_client.post(reverse("admin:contests_question_change", args=[question.pk]), choice_form(question, 2))
    assert response.status_code == 302
    assert question.choices.get(is_correct=True).order == 2


@pytest.mark.parametrize("correct, message", [(None, "đang có 0"), ((0, 1), "đang có 2")])
def test_the_admin_refuses_other_than_one_correct_choice(admin_client, contest, correct, message):
    question = Question.objects.get(code="c01")
    response = admin_client.post(reverse("admin:contests_question_change", args=[question.pk]), choice_form(question, correct))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert question.choices.get(is_correct=True).order == 0


def round_change(admin_client, round, **values):
    data = {
        "contest": round.contest_id, "number": round.number,
        "opens_at_0": round.opens_at.strftime("%d/%m/%Y"), "opens_at_1": round.opens_at.strftime("%H:%M:%S"),
        "closes_at_0": round.closes_at.strftime("%d/%m/%Y"), "closes_at_1": round.closes_at.strftime("%H:%M:%S"),
        "question_count": 5, "time_limit_seconds": 600, "max_attempts": "",
        "prediction_question": round.prediction_question, "prediction_kind": "manual", **values,
    }
    return admin_client.post(reverse("admin:contests_round_change", args=[round.pk]), data)


def test_setting_the_actual_answer_in_the_admin_asks_for_new_results(admin_client, contest, closed):
    Round.objects.filter(pk=closed.pk).update(results_computed_at=closed.closes_at)
    closed.refresh_from_db()
    response = round_change(admin_client, closed, actual_answer=42)
    assert response.status_code == 302, response.content.decode()[:3000]
    closed.refresh_from_db()
    assert closed.actual_answer == 42 and closed.results_computed_at is None


def test_no_actual_answer_in_the_admin_while_the_round_is_open(admin_client, contest, open_round):
    response = round_change(admin_client, open_round, actual_answer=42)
    assert response.status_code == 302
    open_round.refresh_from_db()
    assert open_round.actual_answer is None
