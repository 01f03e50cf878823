"""Staff review the demo's reports in Chromium (issue 10.1): on the demo data, not on fixtures.

The first reports of "Duyệt báo cáo" answered 500 because their submitter was empty. Here
staff open every report listed in the queue's first page, each names who filed it, and a report
whose submitter's account was deleted says so instead of failing.
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from campaign.demo import DEMO_STAFF
from campaign.models import ProgressReport
from tests.e2e.conftest import DESKTOP, log_in, screenshot
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_open_the_demo_reports_and_each_names_its_submitter(live_server, page_at):
    call_command("seed_demo", stdout=StringIO())
    staff = get_user_model().objects.get(username=DEMO_STAFF)
    staff.set_password(PASSWORD)
    staff.save()
    gone = ProgressReport.objects.filter(status="submitted").select_related("submitted_by").first()
    gone.submitted_by.delete()

    page = page_at(DESKTOP)
    log_in(page, live_server.url, DEMO_STAFF)
    page.goto(live_server.url + "/lam-viec/bao-cao/")
    links = page.locator("main a[href^='/lam-viec/bao-cao/']")
    hrefs = sorted({href for href in links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
                    if href.rstrip("/").split("/")[-1].isdigit()})
    assert len(hrefs) >= 3
    screenshot(page, "demo-review-queue")
    for href in hrefs + [f"/lam-viec/bao-cao/{gone.pk}/"]:
        response = page.goto(live_server.url + href)
        assert response.status == 200, href
        report = ProgressReport.objects.select_related("submitted_by").get(pk=int(href.rstrip("/").split("/")[-1]))
        latest = page.locator("dt:has-text('Nộp gần nhất') + dd")
        if report.submitted_by is None:
            expect(latest).to_contain_text("không rõ người nộp")
        else:
            expect(latest).to_contain_text(report.submitted_by.get_full_name() or report.submitted_by.username)
    screenshot(page, "demo-report-without-submitter")
    assert page.console_errors == []
