"""Crawl the demo as each role would (issue 10.1).

`seed_demo` loads the demo data, then a visitor, the demo officer
(canbo.donvi) and the demo staff member (canbo.btg) each follow every same-site
link and every GET form from the home page and the workspace, breadth-first,
each URL once. The crawl fails on any 5xx answer, any English debug page, any
page without the Content-Security-Policy and any link that leads to a 404, and
checks from the database that it reached
every report, task, period, reminder, contest and round of the demo. New pages
fall under it without changes: they are found through their links.

It runs with DEBUG on, as `make run` does, in the normal suite (so on
PostgreSQL in CI). The test client is used rather than a browser: it is fast
and the page's HTML is what is checked here.
"""

import sys
import traceback
from collections import Counter, deque
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.signals import got_request_exception
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from campaign.demo import DEMO_OFFICER, DEMO_STAFF
from campaign.selectors import ACTIVE_PLAN_STATUSES
from campaign.models import ProgressReport, Reminder, ReportingPeriod, Task
from contests.models import Contest, Round

pytestmark = pytest.mark.django_db

START = ("/", "/lam-viec/")
ENGLISH_DEBUG = ("Page not found (404)", "Using the URLconf", "Traceback", "DEBUG = True", "Server Error (500)")
# Pages that change state on GET or end the session are not followed.
NEVER = ("/tai-khoan/dang-xuat/",)
# Pages of one kind beyond this many add little (74 questions, every attempt's
# result...); the kinds the crawl must see whole are not capped.
PER_KIND = 6
ADMIN_PER_KIND = 1
UNCAPPED = {
    "campaign:report", "campaign:task", "campaign:period_due_date", "campaign:report_file", "campaign:reminder_log",
    "campaign:plan", "campaign:dashboard", "contests:contest", "contests:round_manage", "contests:round_results",
    "contests:statistics",
}


class Links(HTMLParser):
    """The <a href> and GET forms of a page (a form as the URL its default values would send)."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.forms = [], []
        self._form = None
        self._select = None  # [name, selected value, first value]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        elif tag == "form":
            is_get = (attrs.get("method") or "get").lower() == "get"
            self._form = {"action": attrs.get("action") or "", "fields": []} if is_get else None
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select[2] is None:
                self._select[2] = value
            if "selected" in attrs:
                self._select[1] = value
        elif self._form is None or "name" not in attrs or "disabled" in attrs:
            return
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._form["fields"].append((attrs["name"], attrs.get("value") or ""))
        elif tag == "select":
            self._select = [attrs["name"], None, None]
        elif tag == "textarea":
            self._form["fields"].append((attrs["name"], ""))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select" and self._select is not None:
            name, selected, first = self._select
            if self._form is not None:
                self._form["fields"].append((name, selected if selected is not None else first or ""))
            self._select = None


def page_links(base, html):
    parser = Links()
    parser.feed(html)
    found = [urljoin(base, href) for href in parser.hrefs]
    for form in parser.forms:
        action = urljoin(base, form["action"] or base)
        query = urlencode(form["fields"])
        found.append(f"{urlsplit(action).path}?{query}" if query else urlsplit(action).path)
    return found


def same_site(url):
    """The URL as path?query if it is ours and worth a request, else None."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
        return None
    if not parts.path or parts.path.startswith(NEVER):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Crawl:
    def __init__(self, client):
        self.client = client
        self.visited = {}  # url -> status
        self.failures = []
        self.kinds = Counter()
        self.reminders_seen = set()
        self.errors = {}

    def kind(self, url):
        path = urlsplit(url).path
        try:
            match = resolve(path)
        except Resolver404:
            return None, None
        name = match.view_name
        if name.startswith("admin:"):
            return name, ADMIN_PER_KIND
        return f"{name}?{','.join(sorted(k.split('=')[0] for k in urlsplit(url).query.split('&') if k))}", (
            None if name in UNCAPPED else PER_KIND
        )

    def run(self):
        queue = deque((url, "(điểm xuất phát)") for url in START)
        queued = set(START)
        while queue:
            url, source = queue.popleft()
            status, html = self.visit(url, source)
            if html is None:
                continue
            for link in page_links(url, html):
                target = same_site(link)
                if target is None or target in queued:
                    continue
                if target.startswith(settings.MEDIA_URL):
                    queued.add(target)
                    self.check_media(target, url)
                    continue
                kind, cap = self.kind(target)
                if kind is not None and cap is not None:
                    if self.kinds[kind] >= cap:
                        continue
                    self.kinds[kind] += 1
                queued.add(target)
                queue.append((target, url))
        return self

    def check_media(self, url, source):
        name = urlsplit(url).path[len(settings.MEDIA_URL):]
        if not default_storage.exists(name):
            self.failures.append(f"404 {url} (tệp không có; liên kết từ {source})")

    def visit(self, url, source):
        response = self.client.get(url)
        self.visited[url] = response.status_code
        status = response.status_code
        if status >= 500:
            self.failures.append(f"{status} {url} (từ {source}): {self.errors.get(url, '')}")
        elif status == 404:
            self.failures.append(f"404 {url} (liên kết từ {source})")
        if status in (301, 302, 303, 307, 308):
            target = same_site(urljoin(url, response["Location"]))
            if target and target not in self.visited and not target.startswith(NEVER):
                return self.visit(target, url)
            return status, None
        content_type = response.get("Content-Type", "")
        if not content_type.startswith("text/html"):
            return status, None
        html = response.content.decode()
        if "script-src 'self'" not in response.get("Content-Security-Policy", ""):
            self.failures.append(f"thiếu Content-Security-Policy ở {url}")
        for marker in ("{#", "#}", "{%", "%}"):
            if marker in html:
                self.failures.append(f"cú pháp mẫu trang lộ ra ({marker!r}) ở {url}")
        for marker in ENGLISH_DEBUG:
            if marker in html:
                self.failures.append(f"trang gỡ lỗi tiếng Anh ({marker!r}) ở {url} (từ {source})")
        match = response.resolver_match
        if match and match.view_name == "campaign:reminder_log" and response.context and "page" in response.context:
            self.reminders_seen.update(r.pk for r in response.context["page"])
        return status, html


def crawl(user=None):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(get_user_model().objects.get(username=user))
    result = Crawl(client)

    def remember(sender, request, **kwargs):
        result.errors[request.get_full_path()] = "".join(traceback.format_exception(*sys.exc_info())[-3:])

    got_request_exception.connect(remember, weak=False, dispatch_uid="crawl")
    try:
        with override_settings(DEBUG=True):
            return result.run()
    finally:
        got_request_exception.disconnect(dispatch_uid="crawl")


def seed_with_a_deleted_account():
    """The demo, and one demo officer's account deleted: their reports now name nobody."""
    call_command("seed_demo", stdout=StringIO())
    returned = ProgressReport.objects.filter(status=ProgressReport.Status.RETURNED).exclude(submitted_by__username=DEMO_OFFICER)
    gone = returned.select_related("submitted_by").first().submitted_by
    gone.delete()
    assert ProgressReport.objects.filter(submitted_by=None).exists()


def staff_must_reach():
    """Every report, task, period, contest and round of the demo, by the staff page that shows it."""
    urls = [f"/lam-viec/bao-cao/{pk}/" for pk in ProgressReport.objects.values_list("pk", flat=True)]
    urls += [f"/lam-viec/nhiem-vu/{pk}/" for pk in Task.objects.values_list("pk", flat=True)]
    urls += [f"/lam-viec/ky-bao-cao/{pk}/doi-han/" for pk in ReportingPeriod.objects.values_list("pk", flat=True)]
    for code in Contest.objects.values_list("code", flat=True):
        urls += [f"/cuoc-thi/{code}/", f"/cuoc-thi/quan-ly/{code}/"]
    urls += [f"/cuoc-thi/quan-ly/{code}/dot/{n}/" for code, n in Round.objects.values_list("contest__code", "number")]
    return urls


def officer_must_reach():
    """The filing page of every report of the demo officer's units, in plans still running
    (officers see those only: selectors.work_items; the 2022 plan is closed)."""
    reports = ProgressReport.objects.filter(
        assignment__unit__members__username=DEMO_OFFICER, assignment__task__plan__status__in=ACTIVE_PLAN_STATUSES,
    )
    return [f"/lam-viec/viec-cua-don-vi/{r.assignment_id}/ky/{r.period_id}/" for r in reports]


def test_every_role_crawls_the_demo_without_a_broken_page():
    seed_with_a_deleted_account()
    failures = []
    visitor, officer, staff = crawl(), crawl(DEMO_OFFICER), crawl(DEMO_STAFF)
    for role, result in (("khách", visitor), (DEMO_OFFICER, officer), (DEMO_STAFF, staff)):
        failures += [f"[{role}] {failure}" for failure in result.failures]
    assert failures == [], "\n".join(failures)

    # The workspace sends a visitor to the login page; the public contests are reached.
    assert visitor.visited["/lam-viec/"] == 302
    for code in Contest.objects.filter(is_published=True).values_list("code", flat=True):
        assert visitor.visited.get(f"/cuoc-thi/{code}/") == 200, code
    expected = officer_must_reach()
    assert expected and [url for url in expected if officer.visited.get(url) != 200] == []
    expected = staff_must_reach()
    assert [url for url in expected if staff.visited.get(url) != 200] == []
    reminders = set(Reminder.objects.values_list("pk", flat=True))
    assert reminders and reminders <= staff.reminders_seen


def test_the_crawler_reads_links_and_get_forms_and_skips_the_rest():
    html = """
      <a href="/tin-bai/?page=2#top">tin</a> <a href="https://example.org/">ngoài</a> <a href="mailto:a@b.vn">thư</a>
      <a href="/tai-khoan/dang-xuat/">thoát</a>
      <form method="get" action="/lam-viec/nhac-han/"><select name="status"><option value="">Tất cả</option>
        <option value="failed" selected>Lỗi</option></select><input name="q" value="sở"><input type="checkbox" name="x">
        <button type="submit">Lọc</button></form>
      <form method="post" action="/lam-viec/nhac-han/1/gui-lai/"><input name="csrfmiddlewaretoken" value="t"></form>
    """
    targets = {same_site(link) for link in page_links("/lam-viec/", html)}
    assert targets == {"/tin-bai/?page=2", "/lam-viec/nhac-han/?status=failed&q=s%E1%BB%9F", None}
