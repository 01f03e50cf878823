"""The public report page: the report's own structure, figures linked to their sentences."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.models import Indicator, IndicatorValue, Report, Sector


def page(client, report):
    response = client.get(reverse("reports:detail", args=[report.code]))
    assert response.status_code == 200
    return response.content.decode()


def test_index_lists_the_report(client, seeded):
    html = client.get(reverse("reports:index")).content.decode()
    assert "Số: 04/BC-UBND" in html and "12/01/2026" in html
    assert seeded.get_absolute_url() in html


def test_report_page_in_the_report_structure(client, seeded):
    html = page(client, seeded).split('<article', 1)[1]
    headings = ["ỦY BAN NHÂN DÂN", "Số: 04/BC-UBND", "Gia Lai, ngày 12 tháng 01 năm 2026", "BÁO CÁO",
                "I. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC"]
    headings += [f"{sector.number}. {sector.title}" for sector in Sector.objects.all()]
    headings += ["III. ĐÁNH GIÁ CHUNG", "1. Kết quả đạt được", "2. Khó khăn", "3. Nguyên nhân",
                 "IV. PHƯƠNG HƯỚNG, NỘI DUNG HỢP TÁC GIAI ĐOẠN 2026 - 2030", "Nơi nhận:", "- Lưu: VT, VI, N1, X1, T2",
                 "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "4 tỉnh bạn"]
    positions = [html.index(text) for text in headings]
    assert positions == sorted(positions)


def test_every_figure_links_to_its_source_sentence(client, seeded):
    html = page(client, seeded)
    for value in seeded.values.all():
        assert f'href="#{value.anchor}"' in html
        assert f'id="{value.anchor}"' in html
    trade = seeded.values.get(indicator__name="Kim ngạch thương mại hai chiều", year_start=2023)
    assert f'<a href="#{trade.anchor}" title="Xem câu nguồn">47,9 triệu USD</a>' in html
    assert "hơn 37,5 triệu USD" in html and "1.800.000 đồng/tháng" in html


def test_trade_chart_and_partners(client, seeded):
    html = page(client, seeded)
    assert "Kim ngạch thương mại hai chiều (triệu USD)" in html
    assert 'style="--share: 100%"' in html and 'style="--share: 66%"' in html  # 47,9 of 73
    assert "Công trình tu bổ, hoàn thiện Bảo tàng tỉnh Champasak" in html
    assert "IV.3.b Cấp học bổng cho sinh viên các tỉnh Nam Lào" in html
    assert "<script" not in html.split('id="noi-dung"')[1].split("</main>")[0]


def test_a_draft_report_is_not_public(client, seeded):
    draft = Report.objects.create(code="nam-2026", issuer="UBND tỉnh Gia Lai", title="Báo cáo năm 2026",
                                  period_start_year=2026, period_end_year=2026)
    assert client.get(reverse("reports:detail", args=[draft.code])).status_code == 404
    assert "Báo cáo năm 2026" not in client.get(reverse("reports:index")).content.decode()


def test_query_count_does_not_grow_with_indicators(client, seeded):
    with CaptureQueriesContext(connection) as before:
        page(client, seeded)
    value = seeded.values.first()
    for n in range(40):
        indicator = Indicator.objects.create(code=f"them-{n}", name=f"Chỉ tiêu thêm {n}", unit="đoàn")
        for year in (2024, 2025):
            IndicatorValue.objects.create(report=seeded, indicator=indicator, sector=Sector.objects.get(number=n % 14 + 1),
                                          section="I.1", entity=value.entity, partner_scope="4 tỉnh Nam Lào",
                                          year_start=year, year_end=year, number=Decimal(n + year % 10),
                                          source_sentence="Câu thêm.", order=1000 + n)
    with CaptureQueriesContext(connection) as after:
        html = page(client, seeded)
    assert "Chỉ tiêu thêm 39 (đoàn)" in html  # its two years make a chart
    assert len(after) == len(before) <= 20
