"""Two-factor sign-in in real Chromium (issue 15): a staff member without a device signs in with the
password, is sent to the enrolment, adds the account to an authenticator app by typing the secret
shown (the QR image is drawn too), confirms with a code, keeps the recovery codes; next time signs
in with the password and a recovery code, which then no longer works.
"""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, axe_violations, screenshot
from tests.factories import PASSWORD, make_staff

pytestmark = pytest.mark.django_db(transaction=True)


def password_step(page, base):
    page.goto(base + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("alice")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_staff_enrol_on_a_phone_then_sign_in_with_a_recovery_code(live_server, page_at):
    make_staff(username="alice", first_name="Trần Thị Anh")
    base = live_server.url
    page = page_at(PHONE)

    password_step(page, base)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bật xác thực hai bước")
    qr = page.get_by_role("img", name="Mã QR để thêm tài khoản vào ứng dụng xác thực")
    expect(qr).to_be_visible()
    page.wait_for_function("() => document.querySelector('img[src$=\"ma-qr.svg\"]').naturalWidth > 0")
    # Nothing else opens before the enrolment.
    page.goto(base + "/lam-viec/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bật xác thực hai bước")
    assert axe_violations(page) == []
    screenshot(page, "twofactor-enrol-360")

    secret = page.get_by_label("Khóa bí mật").inner_text()
    key = b32decode(re.sub(r"\s+", "", secret))
    page.get_by_label("Mã xác thực").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Xác nhận và bật").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mã dự phòng")
    codes = page.get_by_label("Mã dự phòng").locator("li").all_inner_texts()
    assert len(codes) == 10
    screenshot(page, "twofactor-codes-360")
    page.get_by_role("link", name="Đã lưu mã, tiếp tục").click()
    expect(page.get_by_role("navigation", name="Menu khu làm việc")).to_be_visible()

    page.get_by_role("button", name="Đăng xuất").click()
    password_step(page, base)
    expect(page.get_by_role("heading", level=1)).to_have_text("Xác thực hai bước")
    assert axe_violations(page) == []
    screenshot(page, "twofactor-code-360")
    page.get_by_label("Mã xác thực").fill(codes[0])
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.locator(".messages")).to_contain_text("Bạn vừa dùng một mã dự phòng; còn 9 mã.")
    expect(page.get_by_role("navigation", name="Menu khu làm việc")).to_be_visible()

    page.get_by_role("button", name="Đăng xuất").click()
    password_step(page, base)
    page.get_by_label("Mã xác thực").fill(codes[0])
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Mã xác thực không đúng hoặc đã hết hạn")).to_be_visible()
    assert page.console_errors == []
