"""The list of public pages that the accessibility and HTML checks go through (tests/public_pages.py)
misses no URL pattern, and each page answers as expected on the demo data."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from tests.public_pages import participant_cookie, public_pages, quiz_visitor, uncovered_patterns

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(db):
    call_command("seed_demo", stdout=StringIO())
    visitor = quiz_visitor()
    return visitor, public_pages(visitor)


def test_every_url_pattern_is_covered_or_excluded(pages):
    missing, stale = uncovered_patterns(pages[1])
    assert missing == [], (
        "URL patterns neither reached by tests/public_pages.py:public_pages() nor listed in its EXCLUDED_* "
        f"with a reason: {missing}"
    )
    assert stale == [], f"EXCLUDED_NAMES names patterns that no longer exist: {stale}"


def test_every_public_page_answers_as_expected(pages):
    visitor, rows = pages
    citizen, participant = Client(), Client()
    participant.cookies.__setitem__(*participant_cookie(visitor.participant))
    wrong = []
    for page in rows:
        response = (participant if page.participant else citizen).get(page.path)
        if response.status_code != page.status or "text/html" not in response["Content-Type"]:
            wrong.append(f"{page.label} {page.path}: {response.status_code} {response['Content-Type']}")
    assert wrong == []
    assert len(rows) > 30  # every article, section and material of the demo, not a sample


def test_a_new_public_pattern_is_caught(pages, settings):
    # The check can fail: a pattern nobody listed shows up by its name.
    import types

    from django.urls import clear_url_caches, path
    from django.views.generic import TemplateView

    urlconf = types.ModuleType("extra_urls")
    from config import urls as real

    urlconf.urlpatterns = [*real.urlpatterns, path("trang-moi/", TemplateView.as_view(template_name="404.html"),
                                                   name="brand_new")]
    import sys

    sys.modules["extra_urls"] = urlconf
    settings.ROOT_URLCONF = "extra_urls"
    clear_url_caches()
    try:
        missing, _ = uncovered_patterns(pages[1])
    finally:
        del sys.modules["extra_urls"]
    assert missing == ["brand_new"]
