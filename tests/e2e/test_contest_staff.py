"""The quiz's staff pages in real Chromium: a closed round's prediction answer, its ranking, and
adding a question with its choices to the bank."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from contests.models import Question, RoundResult
from tests.contests.conftest import QUESTION_COUNT, entry, make_contest, make_participant, make_questions, make_round
from tests.e2e.conftest import DESKTOP, log_in, screenshot
from tests.factories import make_staff

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    contest = make_contest(code="thi-thu", title="Tìm hiểu lịch sử quan hệ đặc biệt Việt Nam – Lào, Lào – Việt Nam")
    make_questions(contest)
    from contests.models import Prize

    Prize.objects.create(contest=contest, order=1, name="Giải Nhất", amount=3_000_000, count=1)
    now = timezone.now()
    closed = make_round(contest, 1, opens_at=now - timedelta(days=8), closes_at=now - timedelta(hours=1),
                        prediction_kind="manual")
    for i in range(3):
        person = make_participant(contest, name=f"Thí sinh {i + 1}", phone=f"091200010{i}")
        entry(closed, person, score=QUESTION_COUNT, prediction=100 + 10 * i, duration_ms=70_000)
    make_staff(username="canbo")
    return contest, closed


def test_staff_enter_the_answer_rank_the_round_and_add_a_question(live_server, page_at, world):
    contest, closed = world
    page = page_at(DESKTOP)
    log_in(page, live_server.url, "canbo")
    page.goto(f"{live_server.url}/cuoc-thi/quan-ly/{contest.code}/")
    page.get_by_role("link", name="1", exact=True).click()
    expect(page.get_by_role("heading", name="Đợt 1")).to_be_visible()
    expect(page.get_by_test_id("perfect")).to_have_text("3")

    page.get_by_role("spinbutton", name="Đáp án câu hỏi dự đoán").fill("118")
    page.get_by_role("button", name="Lưu đáp án và tính lại xếp hạng").click()
    expect(page.get_by_test_id("actual")).to_have_text("118")
    page.get_by_role("button", name="Tính thứ hạng và giải theo đáp án đã lưu (118)").click()
    expect(page.locator(".messages")).to_contain_text("Đã tính kết quả")
    # All three answered everything: the prediction closest to 118 (120, two away) wins.
    first = page.locator("table tbody tr").first
    expect(first).to_contain_text("Thí sinh 3")
    expect(first).to_contain_text("Giải Nhất")
    screenshot(page, "contest-staff-round")
    assert RoundResult.objects.get(round=closed, rank=1).participant.full_name == "Thí sinh 3"

    page.goto(f"{live_server.url}/cuoc-thi/quan-ly/{contest.code}/")
    page.get_by_role("link", name="Xem và sửa câu hỏi").click()
    page.get_by_role("link", name="Thêm câu hỏi").click()
    page.get_by_label("Mã câu hỏi").fill("vl-77")
    page.get_by_label("Câu hỏi", exact=True).fill("Việt Nam và Lào thiết lập quan hệ ngoại giao ngày nào?")
    page.get_by_label("A", exact=True).fill("5/9/1962")
    page.get_by_label("B", exact=True).fill("18/7/1977")
    page.get_by_role("button", name="Lưu câu hỏi").click()
    # No correct answer chosen yet: refused, what was typed is kept.
    expect(page.get_by_text("Hãy chọn đáp án đúng.")).to_be_visible()
    expect(page.get_by_label("B", exact=True)).to_have_value("18/7/1977")
    page.get_by_label("Phương án A là đáp án đúng").check()
    screenshot(page, "contest-staff-question")
    page.get_by_role("button", name="Lưu câu hỏi").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu câu hỏi vl-77")
    expect(page.get_by_role("link", name="vl-77")).to_be_visible()
    question = Question.objects.get(contest=contest, code="vl-77")
    assert list(question.choices.order_by("order").values_list("text", "is_correct")) == [
        ("5/9/1962", True), ("18/7/1977", False),
    ]
    assert not page.console_errors
