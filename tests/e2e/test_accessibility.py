"""axe-core in real Chromium over every public page, at a phone's width: no serious or critical
violation (issue 13, "Tests and measures"; issue 15, "Quality a person can see").

On the demo data, so that the pages carry what citizens will see: articles, figures, the quiz.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.e2e.conftest import PHONE, axe_violations, screenshot
from tests.public_pages import participant_cookie, public_pages, quiz_visitor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=StringIO())


def test_every_public_page_has_no_serious_accessibility_violation(live_server, page_at, demo):
    # Every page of tests/public_pages.py (each pattern of the URL resolver is reached or excluded
    # there with a reason): the sitemap's articles, sections, materials and fixed pages, search
    # with and without results, the 404 page, the login page, the reports, the quiz's pages from
    # registration to the result of a submitted attempt. One browser page per kind of visitor, so
    # that a run over ~80 pages stays under a few minutes.
    visitor = quiz_visitor()
    pages = public_pages(visitor)
    citizen = page_at(PHONE)
    participant = page_at(PHONE)
    name, value = participant_cookie(visitor.participant)
    participant.context.add_cookies([{"name": name, "value": value, "url": live_server.url}])
    found = []
    for row in pages:
        page = participant if row.participant else citizen
        page.console_errors.clear()
        response = page.goto(live_server.url + row.path)
        assert response.status == row.status, f"{row.label} {row.path}: {response.status}"
        violations = axe_violations(page)
        # The 403 and 404 answers are logged by Chromium as failed loads; nothing else may be.
        errors = [e for e in page.console_errors if row.status == 200 or "Failed to load resource" not in e]
        if violations or errors:
            found.append(f"{row.label} ({row.path}):\n    " + "\n    ".join(violations + errors))
            screenshot(page, "axe-" + ("-".join(row.path.split("?")[0].strip("/").split("/")[:2]) or "home"))
    assert found == [], f"{len(found)} of {len(pages)} pages:\n" + "\n".join(found)


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
