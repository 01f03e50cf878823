"""A small quiz world: one contest with a bank of 12 questions, a round open now,
a closed round, and named participants (an, binh) as stories read best."""

import re
from datetime import date, timedelta

import pytest
from captcha.models import CaptchaStore
from django.utils import timezone

from contests import identity, sql
from contests.models import Attempt, Contest, Participant, Prize, Round
from contests.services import question_save
from contests.models import Question

QUESTION_COUNT = 5


def make_contest(code="thi-thu", **kwargs):
    today = timezone.localdate()
    values = {
        "title": "Tìm hiểu lịch sử quan hệ đặc biệt Việt Nam – Lào",
        "organiser": "Ban Tuyên giáo",
        "rules": "<p>Thể lệ</p>",
        "starts_on": today - timedelta(days=30),
        "ends_on": today + timedelta(days=30),
    }
    values.update(kwargs)
    return Contest.objects.create(code=code, **values)


def make_questions(contest, n=12):
    questions = []
    for i in range(1, n + 1):
        question = Question(contest=contest, code=f"c{i:02d}", text=f"Câu hỏi số {i} về quan hệ Việt Nam – Lào?",
                            explanation=f"Giải thích câu {i}.", source_note="Phụ lục, mục 1")
        # The correct answer typed first, as staff usually do: the page must not betray it.
        question_save(question=question, choices=[(f"Đúng {i}", True), (f"Sai {i}a", False), (f"Sai {i}b", False)])
        questions.append(question)
    return questions


def make_round(contest, number=1, *, opens_at=None, closes_at=None, **kwargs):
    now = timezone.now()
    values = {
        "opens_at": opens_at or now - timedelta(days=1),
        "closes_at": closes_at or now + timedelta(days=6),
        "question_count": QUESTION_COUNT,
        "time_limit_seconds": 600,
    }
    values.update(kwargs)
    return Round.objects.create(contest=contest, number=number, **values)


def make_participant(contest, name="Nguyễn Văn An", phone="0912000001", **kwargs):
    values = {
        "full_name": name, "date_of_birth": date(2000, 5, 17), "phone": phone, "email": "an@example.vn",
        "locality": "Phường 1, Đà Lạt", "consent_rules": True, "consent_personal_data": True,
    }
    values.update(kwargs)
    return Participant.objects.create(contest=contest, **values)


@pytest.fixture(params=[sql.PORTABLE, pytest.param(sql.ONE_STATEMENT, marks=pytest.mark.postgres)])
def marking_path(request, monkeypatch):
    """Run the test on each way autosave and submit write (contests.sql.path): the portable
    transactions everywhere, the one prepared statement on PostgreSQL (skipped on SQLite,
    tests/conftest.py). Both must leave the same rows."""
    monkeypatch.setattr(sql, "FORCE_PATH", request.param)
    return request.param


@pytest.fixture
def contest(db):
    contest = make_contest()
    for order, (name, amount, count) in enumerate([("Giải Nhất", 3_000_000, 1), ("Giải Nhì", 2_000_000, 2)], start=1):
        Prize.objects.create(contest=contest, order=order, name=name, amount=amount, count=count)
    make_questions(contest)
    return contest


@pytest.fixture
def open_round(contest):
    return make_round(contest, 1)


@pytest.fixture
def an(contest):
    return make_participant(contest)


@pytest.fixture
def binh(contest):
    return make_participant(contest, name="Trần Thị Bình", phone="0912000002", email="binh@example.vn")


def captcha_answer(html):
    """The answer of the captcha rendered in html, read from the store as a person would read the image."""
    hashkey = re.search(r'name="captcha_0" value="([0-9a-f]+)"', html).group(1)
    return {"captcha_0": hashkey, "captcha_1": CaptchaStore.objects.get(hashkey=hashkey).response}


def fresh_captcha():
    """A captcha challenge and its answer, for a form the page does not offer (a crafted request)."""
    hashkey = CaptchaStore.generate_key()
    return {"captcha_0": hashkey, "captcha_1": CaptchaStore.objects.get(hashkey=hashkey).response}


def login_as(client, participant):
    """What registration leaves in the browser: the signed cookie naming that participant."""
    client.cookies[identity.COOKIE] = identity.cookie_value({participant.contest_id: participant.pk})


@pytest.fixture
def closed(contest):
    now = timezone.now()
    return make_round(contest, 1, opens_at=now - timedelta(days=8), closes_at=now - timedelta(hours=1), question_count=10)


@pytest.fixture
def people(contest):
    return [make_participant(contest, name=f"Người {i}", phone=f"09120001{i:02d}") for i in range(1, 9)]


def entry(round, participant, *, score, prediction, duration_ms, offset_ms=0, number=None):
    """A submitted attempt; offset_ms places its submission after the round's opening."""
    number = number or participant.attempts.filter(round=round).count() + 1
    submitted = round.opens_at + timedelta(hours=1, milliseconds=offset_ms)
    return Attempt.objects.create(
        round=round, participant=participant, number=number,
        started_at=submitted - timedelta(milliseconds=duration_ms), deadline_at=submitted + timedelta(minutes=5),
        submitted_at=submitted, score=score, prediction=prediction, duration_ms=duration_ms,
    )
