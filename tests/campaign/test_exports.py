from datetime import date, datetime, timedelta, timezone
from io import BytesIO

import pytest
from openpyxl import load_workbook

from campaign.exports import dashboard_workbook
from campaign.models import ProgressReport, ReportFigure
from campaign.selectors import plan_dashboard
from tests.campaign.world import make_world
from tests.factories import make_staff

pytestmark = pytest.mark.django_db
VN = timezone(timedelta(hours=7))


def test_dashboard_workbook_has_vietnamese_headers_and_the_figures(client):
    plan, theme, child, measure, units, task, assignments = make_world()
    july = task.periods.order_by("due_on").first()
    at = datetime(2022, 7, 4, 9, 0, tzinfo=VN)
    report = ProgressReport.objects.create(
        assignment=assignments[0], period=july, status="accepted", text="x", first_submitted_at=at, submitted_at=at,
    )
    ReportFigure.objects.create(report=report, measure=measure, value=9)
    book = load_workbook(BytesIO(dashboard_workbook(plan_dashboard(plan=plan, today=date(2022, 9, 1)))))
    assert book.sheetnames == ["Tổng hợp", "Theo đơn vị", "Theo nội dung", "Quá hạn", "Theo tháng"]
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(values_only=True)}
    assert summary["Lượt báo cáo phải nộp"] == 6 and summary["Lượt đã nộp"] == 1 and summary["Tỷ lệ nộp báo cáo (%)"] == 17
    units_sheet = list(book["Theo đơn vị"].iter_rows(values_only=True))
    assert units_sheet[0][:4] == ("Đơn vị", "Phải nộp", "Đã nộp", "Tỷ lệ nộp (%)")
    assert units_sheet[0][-1] == "Số tin, bài viết (bài)"
    assert units_sheet[1][0] == "Đơn vị 1" and units_sheet[1][-1] == 9
    overdue = list(book["Quá hạn"].iter_rows(values_only=True))
    assert overdue[1][0] == "Đơn vị 1" and overdue[1][3] == "05/08/2022" and overdue[1][4] == 27
    assert len(overdue) == 1 + 5

    client.force_login(make_staff())
    response = client.get(f"/lam-viec/ke-hoach/{plan.pk}/tong-hop.xlsx?thang=2022-07")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="tong-hop-{plan.code}-2022-07.xlsx"'
    book = load_workbook(BytesIO(response.content))
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(values_only=True)}
    assert summary["Kỳ tổng hợp (theo hạn nộp)"] == "01/07/2022 – 31/07/2022"
    assert summary["Lượt báo cáo phải nộp"] == 3


def test_unknown_month_is_404(client):
    plan, *_ = make_world()
    client.force_login(make_staff())
    assert client.get(f"/lam-viec/ke-hoach/{plan.pk}/tong-hop/?thang=2030-01").status_code == 404
    assert client.get(f"/lam-viec/ke-hoach/{plan.pk}/tong-hop/?thang=abc").status_code == 404


def test_dashboard_workbook_stores_names_typed_by_people_as_text():
    from tests.sheets import PAYLOAD, assert_no_formulas, text_cells

    plan, theme, child, measure, units, task, assignments = make_world()
    units[0].name = PAYLOAD
    units[0].save()
    task.title = "=1+1"
    task.save()
    book = assert_no_formulas(dashboard_workbook(plan_dashboard(plan=plan, today=date(2022, 9, 1))))
    assert text_cells(book, PAYLOAD) and text_cells(book, "=1+1")
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(values_only=True)}
    assert summary["Lượt báo cáo phải nộp"] == 6  # numbers stay numbers
