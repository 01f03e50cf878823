"""The citizen's pages: contest, registration, start, the attempt sheet, autosave, submit, results."""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contests import identity, services, sql
from contests.models import Attempt, AttemptQuestion, Choice, Participant
from tests.contests.conftest import captcha_answer, fresh_captcha, login_as, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    # Rate-limit counters live in the cache; every test starts with none.
    from django.core.cache import cache

    cache.clear()


def contest_url(contest):
    return reverse("contests:contest", args=[contest.code])


# Contest page and registration ----------------------------------------------------


def test_index_goes_straight_to_the_only_contest(client, contest):
    assert client.get(reverse("contests:index")).url == contest_url(contest)


def test_contest_page_shows_rules_rounds_countdown_and_prizes(client, contest, open_round):
    response = client.get(contest_url(contest))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thể lệ" in html and "Đợt 1" in html and "Đang mở" in html
    assert "3.000.000 đ" in html
    seconds = int(re.search(r'data-countdown-seconds="(\d+)"', html).group(1))
    assert abs(seconds - (open_round.closes_at - timezone.now()).total_seconds()) < 5
    assert "Đăng ký dự thi" in html


def registration(contest, client, **overrides):
    html = client.get(reverse("contests:register", args=[contest.code])).content.decode()
    data = {
        "full_name": "  Phạm   Thị Dung ", "date_of_birth": "17/05/2001", "phone": "+84 912 345 678",
        "email": "", "locality": "Phường 1, Đà Lạt", "unit": "", "consent_rules": "on", "consent_personal_data": "on",
        **captcha_answer(html),
    }
    data.update(overrides)
    return data


def test_registration_with_consent_and_captcha(client, contest, open_round):
    response = client.post(reverse("contests:register", args=[contest.code]), registration(contest, client))
    assert response.status_code == 200
    assert "Đăng ký dự thi thành công" in response.content.decode()
    person = Participant.objects.get()
    assert (person.full_name, person.phone) == ("Phạm Thị Dung", "0912345678")
    page = client.get(contest_url(contest)).content.decode()
    assert "Phạm Thị Dung" in page and "Bắt đầu làm bài đợt 1" in page


def test_registration_errors_are_vietnamese_and_store_nothing(client, contest):
    data = registration(contest, client, phone="12345", consent_personal_data="", captcha_1="sai")
    html = client.post(reverse("contests:register", args=[contest.code]), data).content.decode()
    assert "Số điện thoại gồm 10 chữ số" in html
    assert "Cần đồng ý cho xử lý dữ liệu cá nhân" in html
    assert "Mã xác nhận chưa đúng" in html
    assert not Participant.objects.exists()


def test_registration_is_rate_limited_per_phone(client, contest, settings):
    settings.CONTEST_RATE_LIMITS = {**settings.CONTEST_RATE_LIMITS, "register": {"ip": (100, 3600), "phone": (2, 3600)}}
    url = reverse("contests:register", args=[contest.code])
    for _ in range(2):
        client.post(url, registration(contest, client, captcha_1="sai"))
    response = client.post(url, registration(contest, client))
    assert response.status_code == 429
    assert "xin chờ ít phút" in response.content.decode()
    assert not Participant.objects.exists()


def test_a_participant_sees_and_deletes_their_registration(client, contest, an):
    login_as(client, an)
    url = reverse("contests:my_registration", args=[contest.code])
    html = client.get(url).content.decode()
    assert an.phone in html and an.email in html
    assert client.post(url).url == contest_url(contest)
    assert not Participant.objects.exists()
    # The browser no longer names the deleted registration.
    assert client.cookies[identity.COOKIE].value == ""
    assert client.get(url).url == reverse("contests:register", args=[contest.code])


# Start and the attempt sheet -----------------------------------------------------------


def start(client, contest, round):
    html = client.get(contest_url(contest)).content.decode()
    return client.post(reverse("contests:start", args=[contest.code, round.number]), captcha_answer(html))


def test_start_needs_the_captcha(client, contest, open_round, an):
    login_as(client, an)
    response = client.post(reverse("contests:start", args=[contest.code, 1]), {"captcha_0": "x", "captcha_1": "1"})
    assert response.url == contest_url(contest)
    assert not Attempt.objects.exists()


def test_start_opens_the_attempt_page(client, contest, open_round, an):
    login_as(client, an)
    response = start(client, contest, open_round)
    attempt = Attempt.objects.get()
    assert response.url == reverse("contests:attempt", args=[attempt.key])
    html = client.get(response.url).content.decode()
    assert html.count('class="quiz-question"') == open_round.question_count
    assert 'name="prediction"' in html and open_round.prediction_question in html


def test_start_in_a_closed_round_is_refused_with_a_message(client, contest, an):
    now = timezone.now()
    make_round(contest, 1, opens_at=now - timedelta(days=8), closes_at=now - timedelta(days=1))
    login_as(client, an)
    # The page offers no start button; a crafted request is refused all the same.
    response = client.post(reverse("contests:start", args=[contest.code, 1]), fresh_captcha(), follow=True)
    assert "đã đóng" in response.content.decode()
    assert not Attempt.objects.exists()


@pytest.mark.usefixtures("marking_path")
def test_the_sheet_never_betrays_the_correct_answers(client, contest, open_round, an):
    """Move every correct flag to another choice: the page and its JSON stay byte for byte the same."""
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    url = reverse("contests:attempt", args=[attempt.key])
    save_url = reverse("contests:autosave", args=[attempt.key])

    def page_and_json():
        answer = client.post(save_url, {"position": 1, "choice": 0}).json()
        prediction = client.post(save_url, {"prediction": 12}).json()
        for data in (answer, prediction):
            data.pop("seconds_left")
        html = client.get(url).content.decode()
        # What differs between two renders by design: the token and the ticking clock.
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
        html = re.sub(r'data-countdown-seconds="\d+"[^>]*>[\d:]+<', "", html)
        return html, json.dumps([answer, prediction])

    before = page_and_json()
    for question_id in attempt.items.values_list("question_id", flat=True):
        choices = list(Choice.objects.filter(question_id=question_id).order_by("order"))
        Choice.objects.filter(pk=choices[0].pk).update(is_correct=False)
        Choice.objects.filter(pk=choices[1].pk).update(is_correct=True)
    assert page_and_json() == before
    html = before[0]
    for word in ("correct", "is_correct", "dung_an", "đáp án đúng", "Giải thích"):
        assert word not in html
    # Choices are posted as their place on this sheet (0, 1, 2), never as database ids.
    assert set(re.findall(r'name="q\d+" value="(\d+)"', html)) == {"0", "1", "2"}


@pytest.mark.usefixtures("marking_path")
def test_answers_survive_a_reload(client, contest, open_round, an):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    save_url = reverse("contests:autosave", args=[attempt.key])
    assert client.post(save_url, {"position": 2, "choice": 1}).json()["saved"]
    assert client.post(save_url, {"prediction": 40}).json()["saved"]
    html = client.get(reverse("contests:attempt", args=[attempt.key])).content.decode()
    assert re.search(r'name="q2" value="1" checked', html)
    assert 'value="40"' in html


@pytest.mark.parametrize("data, message", [
    ({"position": 99, "choice": 0}, "không có trong bài thi"),
    ({"position": 1, "choice": 7}, "không thuộc câu hỏi này"),
    ({"position": 1, "choice": "x"}, ""),
    ({"prediction": -3}, "không được âm"),
    ({}, "không hợp lệ"),
])
def test_autosave_refusals_change_nothing(client, contest, open_round, an, data, message):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    before = list(AttemptQuestion.objects.values())
    response = client.post(reverse("contests:autosave", args=[attempt.key]), data)
    assert response.status_code == 400 and message in response.json()["error"]
    assert list(AttemptQuestion.objects.values()) == before


def test_another_participants_attempt_is_refused(client, contest, open_round, an, binh):
    attempt = services.attempt_start(round=open_round, participant=an)
    login_as(client, binh)
    before = list(AttemptQuestion.objects.values()), list(Attempt.objects.values())
    for name, method, data in [("attempt", "get", None), ("result", "get", None), ("submit", "post", {"prediction": 1}),
                               ("autosave", "post", {"position": 1, "choice": 0})]:
        response = getattr(client, method)(reverse(f"contests:{name}", args=[attempt.key]), data)
        assert response.status_code == 403
        assert "không phải của bạn" in response.content.decode()
    assert (list(AttemptQuestion.objects.values()), list(Attempt.objects.values())) == before


def test_autosave_after_the_deadline_is_refused(client, contest, open_round, an):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an, now=timezone.now() - timedelta(minutes=11))
    response = client.post(reverse("contests:autosave", args=[attempt.key]), {"position": 1, "choice": 0})
    assert response.status_code == 409 and "hết giờ" in response.json()["error"]


# Submit and results -----------------------------------------------------------------------


def answer_all(attempt, correct=True):
    data = {}
    for item in attempt.items.all():
        for index, choice_id in enumerate(item.choice_order):
            if Choice.objects.get(pk=choice_id).is_correct == correct:
                data[f"q{item.position}"] = index
                break
    return data


@pytest.mark.usefixtures("marking_path")
def test_submit_shows_the_score_and_a_shareable_page(client, contest, open_round, an):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    response = client.post(reverse("contests:submit", args=[attempt.key]), {**answer_all(attempt), "prediction": 17})
    assert response.url == reverse("contests:result", args=[attempt.key])
    html = client.get(response.url).content.decode()
    assert f"{open_round.question_count}/{open_round.question_count} câu đúng" in html
    assert "sau khi đợt thi đóng" in html and "Đúng 1" not in html  # no answers before the round closes
    attempt.refresh_from_db()
    share = client.get(reverse("contests:share", args=[attempt.share_key])).content.decode()
    assert an.full_name in share and an.locality in share
    assert an.phone not in share and an.email not in share and str(attempt.key) not in share


def test_submit_without_a_prediction_asks_for_it(client, contest, open_round, an):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    response = client.post(reverse("contests:submit", args=[attempt.key]), answer_all(attempt), follow=True)
    assert "Hãy nhập dự đoán" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


@pytest.mark.usefixtures("marking_path")
def test_a_second_submit_is_refused_with_a_message(client, contest, open_round, an):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    url = reverse("contests:submit", args=[attempt.key])
    client.post(url, {**answer_all(attempt), "prediction": 17})
    before = list(Attempt.objects.values()), list(AttemptQuestion.objects.values())
    response = client.post(url, {**answer_all(attempt, correct=False), "prediction": 3}, follow=True)
    assert "chỉ nộp một lần" in response.content.decode()
    assert (list(Attempt.objects.values()), list(AttemptQuestion.objects.values())) == before


@pytest.mark.usefixtures("marking_path")
def test_after_the_round_closes_the_result_shows_answers_and_explanations(client, contest, open_round, an):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    client.post(reverse("contests:submit", args=[attempt.key]), {**answer_all(attempt), "prediction": 1})
    type(open_round).objects.filter(pk=open_round.pk).update(
        opens_at=timezone.now() - timedelta(days=8), closes_at=timezone.now() - timedelta(minutes=1))
    html = client.get(reverse("contests:result", args=[attempt.key])).content.decode()
    assert "Đáp án và giải thích" in html and "Giải thích câu" in html and "Nguồn: Phụ lục, mục 1" in html


@pytest.mark.usefixtures("marking_path")
def test_the_sheet_submits_itself_when_time_is_up(client, contest, open_round, an):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an, now=timezone.now() - timedelta(minutes=10))
    # Posted by the page's script at zero: no prediction typed yet.
    response = client.post(reverse("contests:submit", args=[attempt.key]), answer_all(attempt))
    assert response.url == reverse("contests:result", args=[attempt.key])
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None and attempt.prediction is None


@pytest.mark.usefixtures("marking_path")
def test_an_expired_attempt_page_goes_to_the_result(client, contest, open_round, an):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an, now=timezone.now() - timedelta(minutes=20))
    response = client.get(reverse("contests:attempt", args=[attempt.key]))
    assert response.url == reverse("contests:result", args=[attempt.key])
    attempt.refresh_from_db()
    assert attempt.closed_by_clock


def test_submit_is_rate_limited_per_phone(client, contest, open_round, an, settings):
    settings.CONTEST_RATE_LIMITS = {**settings.CONTEST_RATE_LIMITS, "submit": {"ip": (100, 600), "phone": (0, 600)}}
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    response = client.post(reverse("contests:submit", args=[attempt.key]), {"prediction": 1}, follow=True)
    assert "xin chờ ít phút" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_start_is_rate_limited_per_ip(client, contest, open_round, an, settings):
    settings.CONTEST_RATE_LIMITS = {**settings.CONTEST_RATE_LIMITS, "start": {"ip": (0, 600), "phone": (100, 600)}}
    login_as(client, an)
    response = start(client, contest, open_round)
    assert response.url == contest_url(contest)
    assert not Attempt.objects.exists()


def test_round_results_and_winners_are_public_without_personal_data(client, contest, an, binh):
    now = timezone.now()
    closed = make_round(contest, 1, opens_at=now - timedelta(days=8), closes_at=now - timedelta(hours=2))
    for person, score in ((an, 5), (binh, 4)):
        attempt = services.attempt_start(round=closed, participant=person, now=closed.closes_at - timedelta(hours=3))
        attempt.items.update(chosen=None)
        Attempt.objects.filter(pk=attempt.pk).update(
            submitted_at=attempt.started_at + timedelta(minutes=2), score=score, duration_ms=120_000, prediction=1)
    services.round_compute_results(round=closed)
    html = client.get(reverse("contests:round_results", args=[contest.code, 1])).content.decode()
    page = client.get(contest_url(contest)).content.decode()
    for text in (html, page):
        assert an.full_name in text and "Giải Nhất" in text
        assert an.phone not in text and an.email not in text and binh.phone not in text


def test_the_ranking_comes_from_the_cache_until_results_are_computed_again(client, contest, an, binh,
                                                                            django_assert_num_queries):
    now = timezone.now()
    closed = make_round(contest, 1, opens_at=now - timedelta(days=8), closes_at=now - timedelta(hours=2))
    for person, score in ((an, 5), (binh, 4)):
        attempt = services.attempt_start(round=closed, participant=person, now=closed.closes_at - timedelta(hours=3))
        Attempt.objects.filter(pk=attempt.pk).update(
            submitted_at=attempt.started_at + timedelta(minutes=2), score=score, duration_ms=120_000, prediction=1)
    services.round_compute_results(round=closed)
    url = reverse("contests:round_results", args=[contest.code, 1])
    first = client.get(url).content.decode()
    assert first.index(an.full_name) < first.index(binh.full_name)
    with django_assert_num_queries(1):  # the round; the table from the cache
        assert client.get(url).content.decode() == first
    Attempt.objects.filter(participant=binh).update(score=10)
    services.round_compute_results(round=closed, now=now + timedelta(seconds=1))
    again = client.get(url).content.decode()
    assert again.index(binh.full_name) < again.index(an.full_name)


# Query counts ---------------------------------------------------------------------------------


def test_query_counts_are_bounded(client, contest, open_round, an, django_assert_max_num_queries, marking_path):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    with django_assert_max_num_queries(12):
        client.get(contest_url(contest))
    with django_assert_max_num_queries(10):
        client.get(reverse("contests:attempt", args=[attempt.key]))
    # An autosave per answer: one read, then one statement on PostgreSQL (a locked transaction on the
    # portable path). PREPARE runs once per database connection (contests/prepared.py), so it is not counted.
    most = 2 if marking_path == sql.ONE_STATEMENT else 6
    with CaptureQueriesContext(connection) as autosave:
        response = client.post(reverse("contests:autosave", args=[attempt.key]), {"position": 1, "choice": 0})
    assert response.json()["saved"] is True
    assert attempt.items.get(position=1).chosen_id == attempt.items.get(position=1).choice_order[0]
    answers = answer_all(attempt)
    with CaptureQueriesContext(connection) as submit:
        response = client.post(reverse("contests:submit", args=[attempt.key]), {**answers, "prediction": 3})
    assert response.url == reverse("contests:result", args=[attempt.key])
    for captured in (autosave, submit):
        run = [query["sql"] for query in captured.captured_queries if not query["sql"].startswith("PREPARE")]
        assert len(run) <= most, run


def test_an_ended_contest_takes_no_more_registrations(client, contest):
    now = timezone.now()
    make_round(contest, 1, opens_at=now - timedelta(days=8), closes_at=now - timedelta(days=1))
    html = client.get(contest_url(contest)).content.decode()
    assert "Cuộc thi đã kết thúc" in html
    assert reverse("contests:register", args=[contest.code]) not in html


def test_the_captcha_image_is_drawn_here_by_pillow(client, contest):
    from io import BytesIO

    from PIL import Image

    html = client.get(reverse("contests:register", args=[contest.code])).content.decode()
    src = re.search(r'<img src="(/captcha/image/[0-9a-f]+/)"', html).group(1)
    response = client.get(src)
    assert response["Content-Type"] == "image/png"
    image = Image.open(BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    assert image.width > 50 and image.height > 20
