"""Rich text in the admin and on the public page, in real Chromium (issue 11.1).

A Ban Tuyên giáo staff member who is not a superuser edits a reference
document's description in the admin with CKEditor 5 (it must load, GPL key, no
console error); the public page shows the formatting. A payload planted in the
database by raw SQL, around every model field, still runs nothing on the page.
"""

import pytest
from django.db import connection
from playwright.sync_api import expect

from campaign.models import ReferenceDocument
from tests.e2e.conftest import DESKTOP, log_in, screenshot
from tests.factories import make_staff

pytestmark = pytest.mark.django_db(transaction=True)

PLANTED = '<p>Giới thiệu</p><script>alert("xss")</script><img src="x" onerror="alert(1)"><a href="javascript:alert(2)">bấm</a>'


def test_staff_edit_rich_text_in_the_admin_and_the_page_runs_no_script(page_at, live_server):
    make_staff(username="carol", is_staff=True)
    document = ReferenceDocument.objects.create(code="phu-luc-1", title="Phụ lục 1: Sự kiện quan hệ Việt Nam – Lào")
    page = page_at(DESKTOP)
    failed = []
    # The admin's own pages ask for /favicon.ico, which the portal does not serve there.
    page.on("response", lambda response: response.status >= 400 and "favicon" not in response.url and failed.append(response.url))
    log_in(page, live_server.url, "carol")

    page.goto(f"{live_server.url}/quan-tri/campaign/referencedocument/{document.pk}/change/")
    editable = page.locator(".field-description .ck-editor__editable")
    expect(editable).to_be_visible()
    editable.click()
    page.keyboard.type("Tài liệu ")
    page.keyboard.press("Control+B")
    page.keyboard.type("hữu nghị")
    screenshot(page, "richtext-admin")
    page.get_by_role("button", name="Lưu lại", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()
    document.refresh_from_db()
    assert "<strong>hữu nghị</strong>" in document.description
    assert failed == []
    assert [error for error in page.console_errors if "404" not in error] == []

    with connection.cursor() as cursor:
        cursor.execute("UPDATE campaign_referencedocument SET description = %s WHERE id = %s", [PLANTED, document.pk])
    page = page_at(DESKTOP)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server.url}/tai-lieu/phu-luc-1/")
    expect(page.locator("main").get_by_text("Giới thiệu")).to_be_visible()  # the footer links a page of that name
    expect(page.get_by_role("link", name="bấm")).to_have_count(0)  # a javascript: link loses its href
    assert page.locator("main script, main img").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.console_errors == []
    screenshot(page, "richtext-public-page")
