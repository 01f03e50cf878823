"""The comparison page: one indicator across periods and partners, its change in %, its chart."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.comparison import Cell, indicator_comparison
from reports.models import Indicator, IndicatorValue, PartnerProvince, Report

TRADE = "Kim ngạch thương mại hai chiều"


def trade(unit="triệu USD"):
    return Indicator.objects.get(name=TRADE, unit=unit)


def test_trade_by_year_with_its_change(client, seeded):
    response = client.get(reverse("reports:compare"), {"chi-tieu": trade().code})
    assert response.status_code == 200
    context = response.context
    assert context["periods"] == ["2022", "2023"]
    [row] = context["rows"]
    assert row.label == "tỉnh Gia Lai (cũ) – các tỉnh Nam Lào"
    assert [cell.value.display_number for cell in row.cells] == ["73", "47,9"]
    assert [cell.change_text for cell in row.cells] == ["", "−34,4%"]
    html = response.content.decode()
    assert "−34,4%" in html and "compare-change--down" in html
    # The chart: the existing bar markup, sized in % of the largest figure; no script.
    assert 'style="--share: 100%"' in html and 'style="--share: 66%"' in html
    assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]
    # Every figure links to its source sentence on the report page.
    value = IndicatorValue.objects.get(indicator=trade(), year_start=2023)
    assert f'{seeded.get_absolute_url()}#{value.anchor}' in html


def test_periods_and_partners_across_reports(client, seeded):
    """A 2026 report gives the trade per partner: new rows, and Champasak's change 2026 → 2027."""
    report = Report.objects.create(code="bc-2027", issuer="Ủy ban nhân dân tỉnh Gia Lai", title="Báo cáo năm 2027",
                                   period_start_year=2026, period_end_year=2027, status=Report.Status.ISSUED)
    draft = Report.objects.create(code="nhap", issuer="UBND", title="Dự thảo", period_start_year=2028,
                                  period_end_year=2028)
    base = IndicatorValue.objects.get(indicator=trade(), year_start=2023)
    champasak, sekong = PartnerProvince.objects.get(name="Champasak"), PartnerProvince.objects.get(name="Sekong")
    for target, partner, year, number in ((report, champasak, 2026, "20"), (report, champasak, 2027, "25"),
                                          (report, sekong, 2027, "4"), (draft, sekong, 2028, "999")):
        IndicatorValue.objects.create(report=target, indicator=base.indicator, sector=base.sector, section="I.6",
                                      entity=base.entity, partner=partner, partner_scope=partner.name,
                                      year_start=year, year_end=year, number=Decimal(number), source_sentence="…")
    data = indicator_comparison(trade().code)
    assert data["periods"] == ["2022", "2023", "2026", "2027"]  # not the draft's 2028
    rows = {row.label: row for row in data["rows"]}
    champasak_row = rows["tỉnh Gia Lai (cũ) – Champasak"]
    assert [c.value.display_number if c.value else None for c in champasak_row.cells] == [None, None, "20", "25"]
    assert champasak_row.cells[3].change_text == "+25%"
    assert rows["tỉnh Gia Lai (cũ) – Sekong"].cells[3].change_text == ""  # no 2026 value to compare with
    html = client.get(reverse("reports:compare"), {"chi-tieu": trade().code}).content.decode()
    assert "999" not in html and "+25%" in html


def test_query_count_does_not_grow_with_the_figures(client, seeded):
    url = reverse("reports:compare")
    with CaptureQueriesContext(connection) as first:
        client.get(url, {"chi-tieu": trade().code})
    base = IndicatorValue.objects.get(indicator=trade(), year_start=2023)
    IndicatorValue.objects.bulk_create(
        IndicatorValue(report=seeded, indicator=base.indicator, entity=base.entity, section="I.6", year_start=year,
                       year_end=year, number=year, source_sentence="…", order=900 + year - 1990)
        for year in range(1990, 2020)
    )
    with CaptureQueriesContext(connection) as second:
        response = client.get(url, {"chi-tieu": trade().code})
    assert len(response.context["periods"]) == 32
    assert len(second.captured_queries) == len(first.captured_queries) <= 4


def test_default_and_unknown_indicator(client, seeded):
    response = client.get(reverse("reports:compare"), {"chi-tieu": "khong-co"})
    assert response.status_code == 200 and response.context["indicator"] is not None
    assert response.context["indicator"].public_count == max(c.public_count for c in response.context["choices"])
    assert "So sánh số liệu qua các kỳ và các tỉnh bạn" in response.content.decode()


def test_empty_portal(client, db):
    response = client.get(reverse("reports:compare"))
    assert response.status_code == 200 and "Chưa có báo cáo nào công bố số liệu." in response.content.decode()


def test_change_text():
    assert Cell(change=Decimal("12.345")).change_text == "+12,3%"
    assert Cell(change=Decimal("-0.04")).change_text == "0%"
    assert Cell(change=None).change_text == ""
