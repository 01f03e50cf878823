"""Staff pages of the quiz: a round (the prediction's answer, the results) and the question bank."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from contests.models import AttemptQuestion, Choice, Question, Round, RoundResult
from tests.contests.conftest import QUESTION_COUNT, entry, make_round
from tests.factories import UnitFactory, make_officer, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    client.force_login(make_staff())
    return client


@pytest.fixture
def finished(contest, people):
    """A round closed an hour ago: four entries, two with every answer right."""
    now = timezone.now()
    closed = make_round(contest, 1, opens_at=now - timedelta(days=8), closes_at=now - timedelta(hours=1))
    for i, person in enumerate(people[:4]):
        entry(closed, person, score=QUESTION_COUNT - (i // 2), prediction=10 * i, duration_ms=60_000 + i)
    return closed


def round_url(round, name="contests:round_manage"):
    return reverse(name, args=[round.contest.code, round.number])


def test_officers_and_citizens_are_refused(client, contest, finished):
    question = Question.objects.filter(contest=contest).first()
    urls = [
        round_url(finished), reverse("contests:question_list", args=[contest.code]),
        reverse("contests:question_create", args=[contest.code]),
        reverse("contests:question_edit", args=[contest.code, question.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # to the login page
    client.force_login(make_officer(UnitFactory()))
    for url in urls:
        assert client.get(url).status_code == 403
    assert client.post(round_url(finished), {"actual_answer": "5"}).status_code == 403
    assert client.post(round_url(finished, "contests:round_compute")).status_code == 403
    finished.refresh_from_db()
    assert finished.actual_answer is None and not RoundResult.objects.exists()


def test_the_round_page_shows_entries_and_perfect_scores(staff, finished):
    html = staff.get(round_url(finished)).content.decode()
    assert 'data-testid="people">4<' in html
    assert 'data-testid="perfect">2<' in html
    assert "chưa tính" in html


def test_staff_enter_the_actual_number_and_the_ranking_follows(staff, finished, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = staff.post(round_url(finished), {"actual_answer": "21"})
    assert response.url == round_url(finished)
    assert len(queued) == 1, "the ranking is queued for the Celery worker"
    finished.refresh_from_db()
    assert finished.actual_answer == 21 and finished.results_computed_at is None
    staff.post(round_url(finished, "contests:round_compute"))
    ranking = list(RoundResult.objects.filter(round=finished).order_by("rank").values_list("participant__full_name", "prediction_error"))
    # Two perfect scores; of them the prediction closer to 21 (person 2 said 10) ranks first.
    assert ranking[:2] == [(people[1].full_name, 11), (people[0].full_name, 21)]
    html = staff.get(round_url(finished)).content.decode()
    assert 'data-testid="actual">21<' in html and people[1].phone in html and "Giải Nhất" in html


@pytest.mark.parametrize(("value", "message"), [
    ("-3", "Đáp án không được âm."),
    ("mười", "Đáp án phải là một số nguyên."),
    ("", "Hãy nhập đáp án (một số nguyên)."),
])
def test_a_bad_actual_number_is_refused_and_changes_nothing(staff, finished, value, message):
    html = staff.post(round_url(finished), {"actual_answer": value}).content.decode()
    assert message in html
    finished.refresh_from_db()
    assert finished.actual_answer is None


def test_no_actual_number_before_the_round_closes(staff, contest, open_round):
    html = staff.get(round_url(open_round)).content.decode()
    assert "sau khi đợt thi đóng" in html and 'name="actual_answer"' not in html
    html = staff.post(round_url(open_round), {"actual_answer": "7"}, follow=True).content.decode()
    assert "chưa đóng" in html
    assert Round.objects.get(pk=open_round.pk).actual_answer is None
    staff.post(round_url(open_round, "contests:round_compute"))
    assert not RoundResult.objects.exists()


# Question bank ------------------------------------------------------------------------------


def question_data(**overrides):
    data = {
        "code": "vl-99", "text": "Hiệp ước Hữu nghị và Hợp tác Việt Nam – Lào được ký năm nào?", "difficulty": "medium",
        "source_note": "Phụ lục 1 của Kế hoạch", "explanation": "Ngày 18/7/1977.", "is_active": "on",
        "choice_0": "1975", "choice_1": "1977", "choice_2": "1980", "correct": "1",
    }
    data.update(overrides)
    return data


def test_staff_add_a_question_with_its_choices(staff, contest):
    url = reverse("contests:question_create", args=[contest.code])
    assert 'name="choice_5"' in staff.get(url).content.decode()
    response = staff.post(url, question_data())
    assert response.url == reverse("contests:question_list", args=[contest.code])
    question = Question.objects.get(contest=contest, code="vl-99")
    assert list(question.choices.order_by("order").values_list("text", "is_correct")) == [
        ("1975", False), ("1977", True), ("1980", False),
    ]
    html = staff.get(response.url + "?q=vl-99").content.decode()
    assert "Hiệp ước Hữu nghị" in html and "1 câu hỏi" in html


@pytest.mark.parametrize(("overrides", "message"), [
    ({"correct": ""}, "Hãy chọn đáp án đúng."),
    ({"correct": "4"}, "Đáp án đúng phải là một phương án đã nhập."),
    ({"choice_1": "", "choice_2": "", "correct": "0"}, "Câu hỏi cần ít nhất hai phương án trả lời."),
    ({"choice_2": "1977"}, "Hai phương án trả lời trùng nhau."),
    ({"code": "c01"}, "Mã câu hỏi c01 đã có trong cuộc thi này."),
    ({"text": ""}, "Trường này là bắt buộc."),
])
def test_a_bad_question_is_refused_and_stores_nothing(staff, contest, overrides, message):
    before = (Question.objects.count(), Choice.objects.count())
    response = staff.post(reverse("contests:question_create", args=[contest.code]), question_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Question.objects.count(), Choice.objects.count()) == before


def test_staff_edit_a_question_and_move_the_correct_answer(staff, contest):
    question = Question.objects.get(contest=contest, code="c01")
    url = reverse("contests:question_edit", args=[contest.code, question.pk])
    texts = list(question.choices.order_by("order").values_list("text", flat=True))
    html = staff.get(url).content.decode()
    assert question.text in html and texts[0] in html
    data = question_data(code="c01", text="Câu hỏi đã sửa", correct="2",
                         **{f"choice_{i}": text for i, text in enumerate(texts)})
    assert staff.post(url, data).status_code == 302
    question.refresh_from_db()
    assert question.text == "Câu hỏi đã sửa"
    assert list(question.choices.order_by("order").values_list("is_correct", flat=True)) == [False, False, True]


def test_a_drawn_question_keeps_its_choices(staff, contest, open_round, an):
    from contests import services

    attempt = services.attempt_start(round=open_round, participant=an)
    question = AttemptQuestion.objects.filter(attempt=attempt).first().question
    texts = list(question.choices.order_by("order").values_list("text", flat=True))
    url = reverse("contests:question_edit", args=[contest.code, question.pk])
    data = question_data(code=question.code, choice_0=texts[0], choice_1=texts[1], choice_2="", correct="0")
    html = staff.post(url, data).content.decode()
    assert "không thể bớt phương án" in html
    assert question.choices.count() == len(texts)


def headings_and_buttons(html):
    import re

    return (
        [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)],
        [re.sub(r"\s+", " ", b).strip() for b in re.findall(r'<button type="submit"[^>]*>(.*?)</button>', html, re.S)],
    )


def test_the_round_page_lays_out_each_action_under_its_own_heading(staff, finished, people):
    # Issue 10.15: saving the answer, computing the ranking and the ranking itself are three parts.
    headings, buttons = headings_and_buttons(staff.get(round_url(finished)).content.decode())
    assert headings == ["Bước 1. Nhập đáp án câu hỏi dự đoán", "Bước 2. Tính thứ hạng và giải"]
    assert buttons[-2:] == [
        "Lưu đáp án và tính lại xếp hạng", "Tính thứ hạng và giải theo số người đúng tất cả các câu (2)",
    ]
    staff.post(round_url(finished), {"actual_answer": "21"})
    staff.post(round_url(finished, "contests:round_compute"))
    html = staff.get(round_url(finished)).content.decode()
    headings, buttons = headings_and_buttons(html)
    assert headings == [
        "Bước 1. Nhập đáp án câu hỏi dự đoán", "Bước 2. Tính thứ hạng và giải", "Bảng xếp hạng: 20 người đứng đầu",
    ]
    assert buttons[-1] == "Tính thứ hạng và giải theo đáp án đã lưu (21)"
    assert "Tải toàn bộ bảng xếp hạng (Excel)" in html
    assert "Tính kết quả và xếp hạng" not in html


def test_a_round_whose_answer_comes_from_the_organisers_asks_for_it_first(staff, finished):
    finished.prediction_kind = Round.PredictionKind.MANUAL
    finished.save()
    html = staff.get(round_url(finished)).content.decode()
    headings, buttons = headings_and_buttons(html)
    assert "Nhập đáp án ở bước 1 trước: đáp án của đợt này do Ban Tổ chức công bố." in html
    assert buttons[-1] == "Lưu đáp án và tính lại xếp hạng"
