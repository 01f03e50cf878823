"""The Content-Security-Policy in real Chromium (issue 11.9): it blocks inline scripts and eval,
and the portal's own scripts – the chart, CKEditor 5, the admin's – run under it without a
single violation. The quiz's countdown and autosave run under it in test_contest_flow.py,
whose console is watched the same way.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, log_in, screenshot
from tests.e2e.test_report_flow import world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)

# What an XSS would write into a page: an inline script and an inline event handler. (eval is
# refused by the header, tests/config/test_csp.py; DevTools' own evaluation is exempt from it, so
# it cannot be tried from here.)
ATTACK = """async () => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    const image = document.createElement('img');
    image.setAttribute('onerror', 'window.handled = true');
    image.src = '/khong-co-anh.png';
    document.body.append(image);
    await new Promise(resolve => setTimeout(resolve, 500));
    return {injected: window.injected === true, handled: window.handled === true};
}"""


def watch_violations(page):
    page.csp_violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_violations.append(m.text))


def test_inline_scripts_and_eval_are_refused(live_server, page_at):
    page = page_at(DESKTOP)
    watch_violations(page)
    page.goto(live_server.url + "/")
    assert page.evaluate(ATTACK) == {"injected": False, "handled": False}
    page.wait_for_timeout(200)
    assert len(page.csp_violations) >= 2  # the browser says why, once for each


def test_the_chart_the_editor_and_the_admin_run_without_a_violation(live_server, page_at, world):  # noqa: F811
    world["staff"].is_staff = True
    world["staff"].save()
    page = page_at(DESKTOP)
    watch_violations(page)
    log_in(page, live_server.url, "alice")

    page.goto(f"{live_server.url}/lam-viec/ke-hoach/{world['plan'].pk}/tong-hop/")
    assert page.evaluate("() => typeof Chart !== 'undefined' && Chart.getChart('bieu-do') !== undefined")
    screenshot(page, "csp-dashboard")

    page.goto(live_server.url + "/lam-viec/ke-hoach/them/")
    expect(page.locator(".ck-editor__editable")).to_have_count(5)

    page.goto(f"{live_server.url}/quan-tri/campaign/plan/{world['plan'].pk}/change/")
    expect(page.locator("#content h1, #content h2").first).to_be_visible()
    screenshot(page, "csp-admin-plan")

    assert page.csp_violations == []
    assert page.console_errors == []
