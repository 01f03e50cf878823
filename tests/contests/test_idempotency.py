"""A submit or an autosave sent again by the browser after a network error (the first one was
stored, its response lost) is stored once, and the second gets the answer the first got."""

import uuid

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from contests import services
from contests.models import Attempt, AttemptQuestion
from tests.contests.conftest import login_as
from tests.contests.test_views import answer_all

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("marking_path")]
FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()


def rows():
    return list(Attempt.objects.values().order_by("pk")), list(AttemptQuestion.objects.values().order_by("pk"))


def test_a_submit_sent_twice_with_its_key_is_stored_once_and_answered_alike(client, contest, open_round, an):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    url, key = reverse("contests:submit", args=[attempt.key]), str(uuid.uuid4())
    sheet = {**answer_all(attempt), "prediction": 17, "idempotency_key": key}
    first = client.post(url, sheet, **FETCH)
    stored = rows()
    again = client.post(url, sheet, **FETCH)
    result = reverse("contests:result", args=[attempt.key])
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json() == {"submitted": True, "url": result}
    assert rows() == stored
    attempt.refresh_from_db()
    assert (attempt.score, attempt.prediction, str(attempt.submit_key)) == (open_round.question_count, 17, key)
    # The result page follows with no error about a second submit.
    page = client.get(result)
    assert "chỉ nộp một lần" not in page.content.decode()
    assert [m.message for m in get_messages(page.wsgi_request)] == []


def test_a_form_post_sent_twice_with_its_key_goes_to_the_result_both_times(client, contest, open_round, an):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    url, key = reverse("contests:submit", args=[attempt.key]), str(uuid.uuid4())
    sheet = {**answer_all(attempt), "prediction": 17, "idempotency_key": key}
    client.post(url, sheet)
    stored = rows()
    response = client.post(url, {**answer_all(attempt, correct=False), "prediction": 3, "idempotency_key": key}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("contests:result", args=[attempt.key])
    assert "chỉ nộp một lần" not in response.content.decode()
    assert rows() == stored


def test_another_key_is_another_submit_and_is_refused(client, contest, open_round, an):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    url = reverse("contests:submit", args=[attempt.key])
    client.post(url, {**answer_all(attempt), "prediction": 17, "idempotency_key": str(uuid.uuid4())}, **FETCH)
    stored = rows()
    response = client.post(url, {**answer_all(attempt), "prediction": 17, "idempotency_key": str(uuid.uuid4())}, **FETCH)
    assert response.status_code == 409
    assert "chỉ nộp một lần" in response.json()["error"]
    assert response.json()["url"] == reverse("contests:result", args=[attempt.key])
    assert rows() == stored


def test_a_malformed_key_is_refused_in_vietnamese_and_stores_nothing(client, contest, open_round, an):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    before = rows()
    response = client.post(reverse("contests:submit", args=[attempt.key]),
                           {**answer_all(attempt), "prediction": 17, "idempotency_key": "không-phải-mã"}, **FETCH)
    assert response.status_code == 400
    assert response.json()["error"] == "Mã lần nộp bài không hợp lệ."
    assert rows() == before


def test_an_autosave_sent_again_changes_nothing(client, contest, open_round, an):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    url = reverse("contests:autosave", args=[attempt.key])
    first = client.post(url, {"position": 1, "choice": 2})
    stored = rows()
    again = client.post(url, {"position": 1, "choice": 2})
    assert first.status_code == again.status_code == 200
    assert first.json()["saved"] and again.json()["saved"]
    assert rows() == stored  # the same choice, and the moment it was first saved
    item = AttemptQuestion.objects.get(attempt=attempt, position=1)
    assert item.chosen_id == item.choice_order[2] and item.answered_at is not None
    # A different choice is a new answer, with its own moment.
    client.post(url, {"position": 1, "choice": 0})
    changed = AttemptQuestion.objects.get(pk=item.pk)
    assert changed.chosen_id == item.choice_order[0] and changed.answered_at > item.answered_at
