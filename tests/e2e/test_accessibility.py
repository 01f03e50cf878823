"""axe-core in real Chromium over the public pages, at a phone's width: no serious or critical
violation (issue 13, "Tests and measures"; issue 15 extends it to every public page).

On the demo data, so that the pages carry what citizens will see: articles, figures, the quiz.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.e2e.conftest import PHONE, axe_violations, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = [
    "/",
    "/tin-bai/",
    "/tai-lieu/",
    "/cuoc-thi/",
    "/bao-cao-hop-tac/",
    "/tai-khoan/dang-nhap/",
]


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=StringIO())


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_serious_accessibility_violation(live_server, page_at, demo, path):
    page = page_at(PHONE)
    response = page.goto(live_server.url + path)
    assert response.status == 200
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
    assert page.console_errors == []


def test_axe_finds_a_violation_when_there_is_one(live_server, page_at, demo):
    # The check can fail: an image without alt text and a button without a name are caught.
    page = page_at(PHONE)
    page.goto(live_server.url + "/")
    page.evaluate(
        "() => { const main = document.querySelector('main');"
        " main.insertAdjacentHTML('beforeend', '<img src=/static/img/favicon.svg><button></button>'); }"
    )
    violations = axe_violations(page)
    assert any(v.startswith("image-alt:") for v in violations), violations
    assert any(v.startswith("button-name:") for v in violations), violations
    screenshot(page, "axe-home-360")
