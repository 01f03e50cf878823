"""seed_demo: the 2022 contest as it ran and a demo contest of source-cited questions; twice changes nothing."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from contests import selectors
from contests.demo import DEMO_CODE, REAL_CODE
from contests.models import Attempt, AttemptQuestion, Choice, Contest, Participant, Prize, Question, Round, RoundResult

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def seeded(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def snapshot():
    return [list(model.objects.order_by("pk").values()) for model in
            (Contest, Prize, Round, Question, Choice, Participant, Attempt, AttemptQuestion, RoundResult)]


def test_the_2022_contest_as_it_ran_and_the_demo_contest(seeded):
    contest = Contest.objects.get(code=REAL_CODE)
    assert contest.title == "Tìm hiểu lịch sử quan hệ đặc biệt Việt Nam – Lào, Lào – Việt Nam"
    rounds = list(contest.rounds.all())
    assert len(rounds) == 12
    for r in rounds:
        opens, closes = r.opens_at.astimezone(VN), r.closes_at.astimezone(VN)
        assert (opens.weekday(), opens.hour, closes.weekday(), closes.hour) == (0, 16, 0, 15)
        assert (closes.date() - opens.date()).days == 7
        assert (r.question_count, r.max_attempts, r.prediction_kind) == (10, None, Round.PredictionKind.ALL_CORRECT)
    assert rounds[0].opens_at == datetime(2022, 6, 13, 16, tzinfo=VN)
    assert rounds[-1].closes_at == datetime(2022, 9, 5, 15, tzinfo=VN)
    assert [(p.amount, p.count) for p in contest.prizes.all()] == [(3_000_000, 1), (2_000_000, 2), (1_000_000, 5)]
    assert "36.000" in contest.notes and "91.000" in contest.notes and "148.000" in contest.notes
    assert "43%" in contest.notes and "59%" in contest.notes
    assert not contest.questions.exists()  # the real questions are not known; none are invented
    demo_contest_cites_a_source_for_every_question()
    demo_contest_has_an_open_round_and_a_closed_one_with_results()


def demo_contest_cites_a_source_for_every_question():
    contest = Contest.objects.get(code=DEMO_CODE)
    assert contest.is_demo
    questions = list(contest.questions.select_related("source_section__document"))
    assert len(questions) >= 60
    for question in questions:
        assert question.citation, question.code
        choices = list(question.choices.all())
        assert len(choices) == 3 and sum(c.is_correct for c in choices) == 1, question.code
    cited = [q for q in questions if q.source_section_id]
    assert len(cited) >= 30
    assert {q.source_section.document.code for q in cited} == {"phu-luc-quan-he-viet-nam-lao-2017-2022"}
    # The correct answer is not always the first choice of the bank.
    assert len({q.choices.get(is_correct=True).order for q in questions}) == 3


def demo_contest_has_an_open_round_and_a_closed_one_with_results():
    contest = Contest.objects.get(code=DEMO_CODE)
    now = timezone.now()
    assert contest.rounds.filter(opens_at__lte=now, closes_at__gt=now).count() == 1
    closed = contest.rounds.get(closes_at__lte=now)
    assert closed.has_results and closed.actual_answer is not None
    results = list(closed.results.all())
    assert len(results) == Participant.objects.filter(contest=contest).count()
    assert [r.rank for r in results] == list(range(1, len(results) + 1))
    assert sum(1 for r in results if r.prize_id) == 8
    assert all(p.is_demo for p in Participant.objects.filter(contest=contest))
    # Its answers are public: the questions it drew are retired from later draws,
    # and the rounds to come keep enough fresh ones (issue 11.3).
    assert closed.answers_revealed_at is not None
    drawn = set(AttemptQuestion.objects.filter(attempt__round=closed).values_list("question_id", flat=True))
    assert drawn and set(contest.questions.filter(revealed_at__isnull=False).values_list("pk", flat=True)) == drawn
    coming = selectors.fresh_questions(contest=contest)
    assert [row["round"].number for row in coming] == [2, 3]
    assert all(not row["short"] and row["fresh"] == contest.questions.count() - len(drawn) for row in coming)


def test_a_second_run_changes_nothing(seeded):
    before = snapshot()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert snapshot() == before
    assert "Cuộc thi (cuộc thi năm 2022 và cuộc thi thử): 0 tạo mới," in out.getvalue()


def test_the_questions_name_the_campaign_plan_the_campaign_demo_loads(seeded):
    # contests' demo names the plan by its code (data/contests.yaml) instead of importing campaign's demo.
    from campaign.demo.plans import DA_LAT_CODE
    from contests.demo import data

    assert data("contests").text("plan") == DA_LAT_CODE
    assert Question.objects.filter(contest__code=DEMO_CODE, themes__plan__code=DA_LAT_CODE).exists()
