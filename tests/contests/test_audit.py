"""The quiz in the administrators' change log: a question edited and a round's answer entered by
staff through their pages, a ranking computed by the Celery task; the citizens' attempts are not
audited (their own record)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from contests import services, tasks
from contests.models import Attempt, Question, Round
from tests.contests.conftest import QUESTION_COUNT, entry, make_round
from tests.contests.test_staff_views import question_data
from tests.factories import UserFactory, make_staff

pytestmark = pytest.mark.django_db

LOG = "/lam-viec/nhat-ky/"


def log_rows(client, **params):
    html = client.get(LOG, params).content.decode()
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip().replace(" :", ":")
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


@pytest.fixture
def admin_client(client):
    def login():
        client.force_login(UserFactory(username="quantri", is_superuser=True, is_staff=True))
        return client
    return login


def test_a_question_edited_by_staff_shows_the_text_and_the_correct_choice_moved(client, contest, admin_client):
    question = Question.objects.get(contest=contest, code="c01")
    texts = list(question.choices.order_by("order").values_list("text", flat=True))
    old_text = question.text
    client.force_login(make_staff(first_name="Alice"))
    url = reverse("contests:question_edit", args=[contest.code, question.pk])
    data = question_data(code="c01", text="Câu hỏi đã sửa", correct="2", **{f"choice_{i}": t for i, t in enumerate(texts)})
    assert client.post(url, data).status_code == 302

    rows = log_rows(admin_client(), user=Question.history.filter(history_user__isnull=False).first().history_user_id)
    question_row = next(row for row in rows if row.startswith(f"{timezone.localtime():%d/%m/%Y}") and "Câu hỏi " in row and "Sửa" in row)
    assert "Alice" in question_row and f"Câu hỏi: {old_text[:100]}" in question_row and "→ Câu hỏi đã sửa" in question_row
    choice_rows = [row for row in rows if "Phương án trả lời" in row]
    # Two choices changed (the old correct one and the new one); the third was not written.
    assert len(choice_rows) == 2
    assert any("Đáp án đúng: Không → Có" in row for row in choice_rows)
    assert any("Đáp án đúng: Có → Không" in row for row in choice_rows)


def test_the_actual_answer_entered_by_staff_and_the_ranking_by_the_task(client, contest, people, admin_client, eager_celery):
    now = timezone.now()
    closed = make_round(contest, 1, opens_at=now - timedelta(days=8), closes_at=now - timedelta(hours=1))
    for i, person in enumerate(people[:3]):
        entry(closed, person, score=QUESTION_COUNT - i, prediction=10 * i, duration_ms=60_000 + i)
    client.force_login(make_staff(first_name="Alice"))
    url = reverse("contests:round_manage", args=[contest.code, closed.number])
    assert client.post(url, {"actual_answer": "21"}).status_code == 302  # queues the ranking, run eagerly here
    tasks.round_compute_results.delay(closed.pk)  # and once more by a worker: no user, the task as reason

    rows = log_rows(admin_client(), kind="contests.round")
    answer = next(row for row in rows if "Đáp án câu dự đoán: — → 21" in row)
    assert "Alice" in answer
    by_task = rows[0]
    assert "Hệ thống" in by_task and "Tác vụ nền contests.tasks.round_compute_results" in by_task
    assert "Tính kết quả lúc" in by_task
    assert Round.history.filter(id=closed.pk, history_change_reason="Công bố đáp án của đợt thi").count() == 1


def test_citizens_attempts_leave_no_history(contest, an):
    round_ = make_round(contest, 1)
    attempt = services.attempt_start(round=round_, participant=an)
    services.attempt_submit(attempt=attempt, participant=an, answers=[])
    assert not hasattr(Attempt, "history")
    assert Round.history.filter(id=round_.pk).count() == 1  # its creation only
