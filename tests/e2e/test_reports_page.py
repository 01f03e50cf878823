"""The cooperation report on a phone: the list, the report, a figure's link to its sentence."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.e2e.conftest import PHONE, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_report_on_a_phone(live_server, page_at, eager_celery):
    call_command("seed_demo", stdout=StringIO())
    page = page_at(PHONE)
    page.goto(live_server.url + "/bao-cao-hop-tac/")
    page.get_by_role("link", name="Kết quả hợp tác giữa tỉnh Gia Lai với 4 tỉnh Nam Lào", exact=False).click()
    assert "BÁO CÁO" in page.get_by_role("heading", level=1).inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    trade = page.locator("#linh-vuc-6 table").get_by_role("link", name="47,9 triệu USD")
    target = trade.get_attribute("href")
    trade.click()
    page.wait_for_function(f"location.hash === '{target}'")
    sentence = page.locator(target)
    assert "Năm 2023, thương mại hai chiều đạt 47,9 triệu USD" in sentence.inner_text()
    assert sentence.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 243, 205)"  # :target
    assert page.locator("#linh-vuc-6 .bar-chart li").count() == 8
    assert page.console_errors == []
    assert screenshot(page, "report-360").stat().st_size > 10_000
