"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright; no browser download."""

import os
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, ROOT

# Playwright's sync API runs an event loop in this thread; the Django ORM calls
# made by the tests themselves (fixtures, assertions) are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent.name == "e2e":
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("cần Chromium")  # conftest turns this into a failure under REQUIRE_BROWSER=1
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_at(browser):
    """page_at(viewport, **context options, e.g. java_script_enabled=False) → a new page;
    console errors are collected on page.console_errors."""
    contexts = []

    def make(viewport, **options):
        context = browser.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **options)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page, base_url, username, *, otp_key=None):
    """Sign in through the login form (the factories' password), then type the code of the account's
    authenticator device as its owner would (campaign/twofactor), and land in the workspace.

    Staff must sign in with a code: one without a device gets one here, as if enrolled earlier.
    otp_key: the device's hex key when the server's database is not this test's (a served copy)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from playwright.sync_api import expect

    from tests.factories import PASSWORD, totp_code

    if otp_key is not None:
        device = TOTPDevice(key=otp_key)
    else:
        from django.contrib.auth import get_user_model

        from campaign.twofactor import services

        user = get_user_model().objects.get(username=username)
        device = services.totp_device(user)
        if device is None and services.required_for_role(user):
            from tests.factories import totp_device

            device = totp_device(user)
    page.goto(base_url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    if device is not None:
        expect(page.get_by_role("heading", name="Xác thực hai bước")).to_be_visible()
        page.get_by_label("Mã xác thực").fill(totp_code(device))
        page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("navigation", name="Menu khu làm việc")).to_be_visible()


def axe_violations(page, impacts=("serious", "critical")):
    """axe-core's violations of the page as loaded, those of the given impacts, as
    ["rule: what it says (selector, …)"]. Injected through the DevTools protocol
    (page.evaluate), which the page's Content-Security-Policy does not govern, so the
    page is tested with its real policy in force."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    assert page.evaluate("window.axe.version") == AXE_VERSION
    result = page.evaluate(
        "async () => (await window.axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' '))}))"
    )
    return [
        f"{v['id']}: {v['help']} ({', '.join(v['targets'][:5])})"
        for v in result
        if v["impact"] in impacts
    ]
