"""Every public page is valid HTML for the Nu HTML Checker (issue 15, "Quality a person can see").

The pages are those of tests/public_pages.py (every pattern of the URL resolver is reached
or excluded with a reason there), on the demo data, plus the 500 page and the main pages
of the workspace as the demo staff member and the demo officer see them (the links of
their menu). Each is rendered by the test client and written to a file; the checker
(vnu.jar from the npm registry, `make vnu`, on the machine's Java) runs once over all the
files, as it takes seconds to start. Errors fail the test, listed by page; warnings and
notes do not.

Marked `vnu`: skipped when java or the jar is missing, mandatory under REQUIRE_SERVICES=1
(.ci/run installs the jar).
"""

import json
import re
import subprocess
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import Client, RequestFactory

from campaign.demo import DEMO_OFFICER, DEMO_STAFF
from tests.conftest import VNU_JAR
from tests.public_pages import participant_cookie, public_pages, quiz_visitor

pytestmark = [pytest.mark.django_db, pytest.mark.vnu, pytest.mark.slow]

WORKSPACE_MENU = re.compile(r'<nav[^>]*aria-label="Menu khu làm việc".*?</nav>', re.S)
NOT_CHECKED_IN_WORKSPACE = ("/quan-tri/", "/tai-khoan/dang-xuat/")


def vnu(files):
    """The checker's messages for these files, as {file name: [message, …]}, errors only."""
    result = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True, text=True, timeout=600,
    )
    # --format json writes the report on stderr.
    report = json.loads(result.stderr)
    errors = {}
    for message in report["messages"]:
        if message["type"] in ("error", "non-document-error"):
            name = message.get("url", "").rsplit("/", 1)[-1]
            errors.setdefault(name, []).append(
                f"line {message.get('lastLine', '?')}: {message['message']}  «{' '.join(message.get('extract', '').split())}»"
            )
    return errors


def workspace_pages(client):
    """The workspace's home and the pages of its menu, as the signed-in client sees them."""
    home = client.get("/lam-viec/")
    assert home.status_code == 200
    menu = WORKSPACE_MENU.search(home.content.decode())
    links = re.findall(r'href="(/[^"#?]*)"', menu.group(0)) if menu else []
    return ["/lam-viec/", *dict.fromkeys(link for link in links if not link.startswith(NOT_CHECKED_IN_WORKSPACE))]


@pytest.fixture
def rendered(db, tmp_path):
    """[(file, what it is)] of every page checked, rendered on the demo data."""
    call_command("seed_demo", stdout=StringIO())
    visitor = quiz_visitor()
    citizen, participant = Client(), Client()
    participant.cookies.__setitem__(*participant_cookie(visitor.participant))
    shown = []

    def keep(label, path, response, status=200):
        assert response.status_code == status, f"{label} {path}: {response.status_code}"
        file = tmp_path / f"{len(shown):03d}.html"
        file.write_bytes(response.content)
        shown.append((file, f"{label} ({path})"))

    for page in public_pages(visitor):
        keep(page.label, page.path, (participant if page.participant else citizen).get(page.path), page.status)

    from config.middleware import server_error

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    keep("server error", "500.html", server_error(request), 500)

    users = get_user_model().objects
    for username in (DEMO_STAFF, DEMO_OFFICER):
        client = Client()
        client.force_login(users.get(username=username))
        for path in workspace_pages(client):
            keep(f"workspace of {username}", path, client.get(path))
    # Two-factor sign-in (campaign/twofactor): the status page; an officer's enrolment; the code page
    # after the demo staff's password; the recovery codes shown once.
    from tests.factories import PASSWORD

    from campaign.twofactor import services as twofactor

    officer = Client()
    twofactor.turn_off(users.get(username=DEMO_OFFICER), reason="kiểm thử")  # force_login above gave a device
    officer.force_login(users.get(username=DEMO_OFFICER), otp=False)
    for path in ("/tai-khoan/xac-thuc-hai-buoc/", "/tai-khoan/xac-thuc-hai-buoc/bat/"):
        keep(f"two-factor of {DEMO_OFFICER}", path, officer.get(path))
    staff = users.get(username=DEMO_STAFF)
    staff.set_password(PASSWORD)
    staff.save()
    pending = Client()
    pending.post("/tai-khoan/dang-nhap/", {"username": DEMO_STAFF, "password": PASSWORD})
    keep("two-factor code page", "/tai-khoan/dang-nhap/ma-xac-thuc/", pending.get("/tai-khoan/dang-nhap/ma-xac-thuc/"))
    verified = Client()
    verified.force_login(staff)
    keep("recovery codes", "/tai-khoan/xac-thuc-hai-buoc/ma-du-phong/", verified.post("/tai-khoan/xac-thuc-hai-buoc/ma-du-phong/"))
    return shown


def test_every_page_is_valid_html(rendered):
    errors = vnu([file for file, _ in rendered])
    labels = {file.name: label for file, label in rendered}
    report = [f"{labels.get(name, name)}:\n    " + "\n    ".join(lines) for name, lines in sorted(errors.items())]
    assert report == [], f"{len(report)} of {len(rendered)} pages are not valid HTML:\n" + "\n".join(report)


def test_the_checker_reports_an_error_when_there_is_one(tmp_path):
    # The check can fail: a block inside a paragraph and a duplicate id are errors.
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="vi"><head><title>x</title></head>'
                    '<body><p id="a"><div></div></p><span id="a"></span></body></html>', encoding="utf-8")
    errors = vnu([page])["bad.html"]
    assert any("“p” end tag" in line for line in errors), errors
    assert any("Duplicate ID" in line for line in errors), errors
