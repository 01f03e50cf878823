"""The quiz on a 360 px phone, in real Chromium: register (the recovery code shown), start,
answer, reload mid-attempt (answers kept), predict, submit, see the score; then another
phone brings the registration back with the code."""

import re

import pytest
from captcha.models import CaptchaStore
from playwright.sync_api import expect

from contests.models import Attempt, Choice
from tests.contests.conftest import make_contest, make_questions, make_round
from tests.e2e.conftest import PHONE, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    contest = make_contest(code="thi-thu", title="Tìm hiểu lịch sử quan hệ đặc biệt Việt Nam – Lào, Lào – Việt Nam")
    make_questions(contest)
    return contest, make_round(contest, 1, question_count=5, time_limit_seconds=600)


def solve_captcha(page):
    """Read the captcha's answer as a person reads the image: here from the store, by the key on the page."""
    hashkey = page.locator("input[name=captcha_0]").input_value()
    page.get_by_label("Mã xác nhận").fill(CaptchaStore.objects.get(hashkey=hashkey).response)


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def correct_index(attempt, position):
    item = attempt.items.get(position=position)
    correct = Choice.objects.get(question_id=item.question_id, is_correct=True).pk
    return item.choice_order.index(correct)


def test_register_start_answer_reload_submit_on_a_phone(live_server, page_at, world):
    contest, round = world
    page = page_at(PHONE)
    page.goto(live_server.url + "/cuoc-thi/")
    expect(page.get_by_role("heading", level=1)).to_have_text(contest.title)
    expect(page.locator(".contest-countdown .countdown")).to_have_text(re.compile(r"\d"))
    assert no_horizontal_scroll(page)
    page.get_by_role("link", name="Đăng ký dự thi").click()

    page.get_by_label("Họ và tên", exact=True).fill("Nguyễn Thị Hoa")
    page.get_by_label("Ngày sinh", exact=True).fill("17/05/2001")
    page.get_by_label("Số điện thoại", exact=True).fill("0912 345 678")
    page.get_by_label("Nơi cư trú (xã/phường, tỉnh/thành phố)").fill("Phường 1, Đà Lạt, Lâm Đồng")
    page.get_by_label("Tôi đã đọc và đồng ý với thể lệ cuộc thi.").check()
    page.get_by_label(re.compile("^Tôi đồng ý để Ban Tổ chức xử lý dữ liệu cá nhân")).check()
    solve_captcha(page)
    assert no_horizontal_scroll(page), "the registration form scrolls sideways on a 360 px phone"
    screenshot(page, "contest-register-360")
    page.get_by_role("button", name="Đăng ký").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký dự thi thành công")
    code = page.get_by_test_id("recovery-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
    assert no_horizontal_scroll(page), "the recovery code page scrolls sideways on a 360 px phone"
    screenshot(page, "contest-recovery-code-360")
    page.get_by_role("link", name="Tôi đã ghi lại mã, vào trang cuộc thi").click()

    solve_captcha(page)
    page.get_by_role("button", name="Bắt đầu làm bài đợt 1").click()
    expect(page.locator(".attempt-bar")).to_contain_text("Còn")
    expect(page.locator(".quiz-question")).to_have_count(5)
    attempt = Attempt.objects.get()
    countdown = page.locator(".attempt-bar .countdown")
    expect(countdown).to_have_text(re.compile(r"^(09:5\d|10:00)$"))

    # Three answers, each autosaved as it is tapped.
    for position in (1, 2, 3):
        question = page.locator(f"#cau-{position}")
        question.locator(".quiz-choice").nth(correct_index(attempt, position)).click()
        expect(question.locator(".quiz-save")).to_have_text("Đã lưu")
    page.get_by_label(re.compile("^Câu hỏi dự đoán")).fill("120")
    page.get_by_label(re.compile("^Câu hỏi dự đoán")).blur()
    expect(page.locator('[data-save-status="prediction"]')).to_have_text("Đã lưu")

    page.reload()
    for position in (1, 2, 3):
        checked = page.locator(f"#cau-{position} input:checked")
        expect(checked).to_have_value(str(correct_index(attempt, position)))
    expect(page.locator("#cau-4 input:checked")).to_have_count(0)
    expect(page.get_by_label(re.compile("^Câu hỏi dự đoán"))).to_have_value("120")

    # One more right, one wrong.
    page.locator("#cau-4 .quiz-choice").nth(correct_index(attempt, 4)).click()
    page.locator("#cau-5 .quiz-choice").nth((correct_index(attempt, 5) + 1) % 3).click()
    expect(page.locator("#cau-5 .quiz-save")).to_have_text("Đã lưu")
    page.evaluate("window.scrollTo(0, 0)")
    assert no_horizontal_scroll(page), "the attempt page scrolls sideways on a 360 px phone"
    screenshot(page, "contest-attempt-360")
    page.get_by_role("button", name="Nộp bài").click()

    expect(page.get_by_test_id("score")).to_have_text("4/5 câu đúng")
    expect(page.locator(".result-card")).to_contain_text("Nộp lúc")
    expect(page.locator(".result-card")).to_contain_text("120")
    assert no_horizontal_scroll(page)
    screenshot(page, "contest-result-360")

    share = page.locator(".share-link")
    page.goto(live_server.url + share.get_attribute("href"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nguyễn Thị Hoa")
    expect(page.locator("main")).not_to_contain_text("0912345678")
    assert no_horizontal_scroll(page)
    assert page.console_errors == []

    attempt.refresh_from_db()
    assert (attempt.score, attempt.prediction, attempt.closed_by_clock) == (4, 120, False)

    # Another phone: the phone number and the recovery code bring the registration back.
    other = page_at(PHONE)
    other.goto(live_server.url + "/cuoc-thi/thi-thu/")
    other.get_by_role("link", name="Dùng lại đăng ký trên thiết bị khác").click()
    other.get_by_label("Số điện thoại đã đăng ký").fill("+84 912 345 678")
    other.get_by_label("Mã khôi phục").fill(code.lower())
    assert no_horizontal_scroll(other)
    other.get_by_role("button", name="Dùng lại đăng ký").click()
    expect(other.locator(".messages")).to_contain_text("Đã dùng lại đăng ký dự thi của bạn trên thiết bị này")
    expect(other.locator(".contest-action")).to_contain_text("Nguyễn Thị Hoa")
    assert other.console_errors == []


def test_a_submit_whose_response_is_lost_is_sent_again_and_stored_once(live_server, page_at, world):
    """The first submit reaches the server and is stored, but the browser gets a network error
    instead of the response: the page's script sends the same sheet and key again, the server
    answers as it did the first time, and the database holds one submission."""
    from contests import identity, services
    from tests.contests.conftest import make_participant

    contest, round = world
    person = make_participant(contest, name="Trần Văn Bình", phone="0912000777")
    attempt = services.attempt_start(round=round, participant=person)
    page = page_at(PHONE)
    page.context.add_cookies([{"name": identity.COOKIE, "value": identity.cookie_value({contest.pk: person.pk}),
                               "url": live_server.url}])
    sent = []

    def lose_the_first_response(route):
        sent.append(route.request.post_data)
        if len(sent) == 1:
            route.fetch()  # the server stores the submit...
            route.abort("connectionreset")  # ...and its response never reaches the browser
        else:
            route.continue_()

    page.route(f"**/cuoc-thi/bai-thi/{attempt.key}/nop/", lose_the_first_response)
    page.goto(live_server.url + f"/cuoc-thi/bai-thi/{attempt.key}/")
    for position in range(1, 6):
        question = page.locator(f"#cau-{position}")
        question.locator(".quiz-choice").nth(correct_index(attempt, position)).click()
        expect(question.locator(".quiz-save")).to_have_text("Đã lưu")
    page.get_by_label(re.compile("^Câu hỏi dự đoán")).fill("45")
    page.get_by_role("button", name="Nộp bài").click()

    expect(page.get_by_test_id("score")).to_have_text("5/5 câu đúng")
    expect(page.locator("main")).not_to_contain_text("chỉ nộp một lần")
    screenshot(page, "contest-submit-retried-360")
    fields = [dict(re.findall(r'name="([^"]+)"\r\n\r\n([^\r]*)', body)) for body in sent]
    assert len(fields) == 2 and fields[0] == fields[1], "the script sends the same sheet and key again"
    key = fields[0]["idempotency_key"]
    submitted = Attempt.objects.filter(submitted_at__isnull=False)
    assert submitted.count() == 1
    assert (str(submitted.get().submit_key), submitted.get().score, submitted.get().prediction) == (key, 5, 45)
    assert [e for e in page.console_errors if "ERR_CONNECTION_RESET" not in e] == []
