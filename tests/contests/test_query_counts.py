"""The statements of the quiz's busy requests, counted exactly: a start, its answer page, an
autosave, a submit (issue 15, "Holds load"). A request that gains one fails here, with the list.

On PostgreSQL the quiz runs its written-out statements prepared (contests/prepared.py); PREPARE
runs once per connection and is not counted. In a test the start's transaction is a savepoint
of the test's (SAVEPOINT and RELEASE where production has BEGIN and COMMIT): counted alike."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contests import services, sql
from contests.models import Attempt, Choice, Contest
from contests.services import question_save
from tests.contests.conftest import captcha_answer, fresh_captcha, login_as

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # the rate limits' counters


def run(captured):
    return [query["sql"] for query in captured.captured_queries if not query["sql"].startswith("PREPARE")]


def started(client, contest, round, participant):
    """A start by participant through the page, its statements and the attempt."""
    login_as(client, participant)
    answer = captcha_answer(client.get(reverse("contests:contest", args=[contest.code])).content.decode())
    with CaptureQueriesContext(connection) as captured:
        response = client.post(reverse("contests:start", args=[contest.code, round.number]), answer)
    attempt = Attempt.objects.get(participant=participant, round=round)
    assert response.url == reverse("contests:attempt", args=[attempt.key])
    return run(captured), attempt


def test_a_start_and_its_page(client, contest, open_round, an, binh, marking_path):
    started(client, contest, open_round, binh)  # the bank in memory, as any start after the first finds it
    statements, attempt = started(client, contest, open_round, an)
    # The round; then one transaction: the captcha used up (one DELETE … RETURNING), the
    # participant's lock with the bank's version, their attempts, the attempt and its questions
    # (one statement on PostgreSQL, two elsewhere), and no savepoint of the start's own.
    inserts = 1 if marking_path == sql.ONE_STATEMENT and connection.vendor == "postgresql" else 2
    assert len(statements) == 1 + 2 + 3 + inserts, statements
    assert statements[2].startswith("DELETE") and "captcha" in statements[2]
    assert attempt.items.count() == open_round.question_count
    page = reverse("contests:attempt", args=[attempt.key])
    client.get(page)  # the texts in memory
    with CaptureQueriesContext(connection) as captured:
        html = client.get(page).content.decode()
    assert len(run(captured)) == 1, run(captured)  # the attempt with its round, contest and sheet
    assert html.count('class="quiz-question"') == open_round.question_count


def test_a_start_that_finds_its_attempt_running_gets_it_back(client, contest, open_round, an):
    _, attempt = started(client, contest, open_round, an)
    answer = fresh_captcha()  # the page offers no start while one runs: a second tab, a double click
    with CaptureQueriesContext(connection) as captured:
        response = client.post(reverse("contests:start", args=[contest.code, 1]), answer)
    assert response.url == reverse("contests:attempt", args=[attempt.key])
    # The round, the savepoint, the captcha, the lock, the attempts, the running attempt read whole, the release.
    assert len(run(captured)) == 7, run(captured)


def test_an_autosave_and_a_submit(client, contest, open_round, an, marking_path):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    with CaptureQueriesContext(connection) as autosave:
        assert client.post(reverse("contests:autosave", args=[attempt.key]), {"position": 1, "choice": 0}).json()["saved"]
    answers = {f"q{item.position}": 0 for item in attempt.items.all()}
    with CaptureQueriesContext(connection) as submit:
        response = client.post(reverse("contests:submit", args=[attempt.key]), {**answers, "prediction": 3})
    assert response.url == reverse("contests:result", args=[attempt.key])
    if marking_path == sql.ONE_STATEMENT:
        # The read (the attempt with its sheet's layout), then one statement.
        assert len(run(autosave)) == 2 and len(run(submit)) == 2, (run(autosave), run(submit))
    else:
        # The read; a savepoint, the attempt locked, the answer stored, the release.
        assert len(run(autosave)) == 5, run(autosave)
        # The read; a savepoint, the claim, the marks, the score, the release.
        assert len(run(submit)) == 6, run(submit)


@pytest.mark.django_db(transaction=True)  # the question's save commits, as on the staff page
def test_a_question_saved_with_its_choices_makes_one_bank_version_per_save(contest):
    question = contest.questions.order_by("pk").first()
    before = Contest.objects.get(pk=contest.pk).bank_version
    with CaptureQueriesContext(connection) as captured:
        question_save(question=question, choices=[("Một", False), ("Hai", True), ("Ba", False), ("Bốn", False)])
    bumps = [q for q in run(captured) if q.startswith("UPDATE") and "contests_contest" in q.split(" SET")[0]]
    # The question's own save (in its transaction) and one for all its choices, on commit: not one
    # query and one version a choice (four choices written here).
    assert len(bumps) == 2, bumps
    assert Contest.objects.get(pk=contest.pk).bank_version != before
    assert list(Choice.objects.filter(question=question).order_by("order").values_list("text", flat=True)) == [
        "Một", "Hai", "Ba", "Bốn"]


def test_a_refused_start_still_uses_up_its_captcha(client, contest, open_round, an):
    from captcha.models import CaptchaStore

    services.attempt_start(round=open_round, participant=an)
    Attempt.objects.update(submitted_at=timezone.now(), score=0, duration_ms=1000)
    open_round.max_attempts = 1
    open_round.save()
    login_as(client, an)
    answer = fresh_captcha()
    response = client.post(reverse("contests:start", args=[contest.code, 1]), answer, follow=True)
    assert "hết 1 lượt thi" in response.content.decode()
    # The start's transaction was rolled back; the challenge, answered, is gone all the same.
    assert not CaptchaStore.objects.filter(hashkey=answer["captcha_0"]).exists()
    assert Attempt.objects.count() == 1


@pytest.mark.parametrize("number", [2, 32768, 10**12])
def test_a_start_for_no_such_round_is_not_found(client, contest, open_round, an, number):
    # The round is read by a written-out statement (selectors.round_for_start): a number past
    # Round.number's range names no round, as the ORM's lookup says, rather than a database error.
    login_as(client, an)
    assert client.post(reverse("contests:start", args=[contest.code, number]), fresh_captcha()).status_code == 404
