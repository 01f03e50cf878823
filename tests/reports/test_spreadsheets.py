"""The Excel workbook of the report's figures."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.spreadsheets import SUMMARY_HEADERS, VALUE_HEADERS, report_workbook, sheet_title
from reports.models import IndicatorValue, Report, Sector
from tests.sheets import PAYLOAD, assert_no_formulas, text_cells


@pytest.fixture
def book(seeded):
    return assert_no_formulas(report_workbook(Report.objects.get(pk=seeded.pk)))


def rows_of(sheet, header_row):
    return [list(row) for row in sheet.iter_rows(min_row=header_row + 1, values_only=True)]


def test_summary_then_one_sheet_per_sector_with_figures(book, seeded):
    sectors = [s for s in Sector.objects.all() if s.values.filter(report=seeded).exists()]
    assert book.sheetnames[0] == "Tổng hợp"
    assert book.sheetnames[1:] == [sheet_title(f"I.{s.number}", s.title) for s in sectors] + [
        "III Đánh giá chung", "IV Phương hướng 2026–2030"]
    summary = book["Tổng hợp"]
    assert summary["A1"].value.startswith("Báo cáo số 04/BC-UBND ngày 12/01/2026 của Ủy ban nhân dân tỉnh Gia Lai")
    assert [c.value for c in summary[3]] == SUMMARY_HEADERS
    assert summary.freeze_panes == "A4"
    rows = rows_of(summary, 3)
    assert rows[-1][1] == "Tổng số" and rows[-1][3] == seeded.values.count() == 92
    assert sum(row[3] for row in rows[:-1]) == 92
    assert [row[4] for row in rows[:-1]] == book.sheetnames[1:]


def test_numbers_are_numbers_with_their_units(book, seeded):
    for sheet in book.worksheets[1:]:
        assert [c.value for c in sheet[3]] == VALUE_HEADERS
        assert sheet.freeze_panes == "A4"
    rows = [row for sheet in book.worksheets[1:] for row in rows_of(sheet, 3)]
    assert len(rows) == 92
    column = {name: index for index, name in enumerate(VALUE_HEADERS)}
    for row in rows:
        assert isinstance(row[column["Số"]], (int, float))
    printed = {(row[column["Chỉ tiêu"]], Decimal(str(row[column["Số"]])), row[column["Đơn vị tính"]], row[column["Từ năm"]])
               for row in rows}
    for value in seeded.values.select_related("indicator"):
        assert (value.indicator.name, value.number.normalize(), value.indicator.unit, value.year_start) in {
            (name, number.normalize(), unit, year) for name, number, unit, year in printed}
    trade = {(row[column["Từ năm"]], row[column["Số"]]) for row in rows
             if row[column["Chỉ tiêu"]] == "Kim ngạch thương mại hai chiều" and row[column["Đơn vị tính"]] == "triệu USD"}
    assert {(2022, 73), (2023, 47.9)} <= trade
    # Excel's formats: thousands grouped, decimals only where the number has some.
    sheet = book[sheet_title("I.6", Sector.objects.get(number=6).title)]
    cells = [row[2] for row in sheet.iter_rows(min_row=4)]
    assert {cell.number_format for cell in cells if isinstance(cell.value, int)} == {"#,##0"}
    assert {cell.number_format for cell in cells if isinstance(cell.value, float)} == {"#,##0.0###"}


def test_typed_text_never_becomes_a_formula(seeded):
    value = seeded.values.first()
    IndicatorValue.objects.filter(pk=value.pk).update(source_sentence=PAYLOAD, as_printed="=1+1")
    book = assert_no_formulas(report_workbook(Report.objects.get(pk=seeded.pk)))
    assert text_cells(book, PAYLOAD) and text_cells(book, "=1+1")


def test_reads_a_fixed_number_of_queries(seeded, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as first:
        report_workbook(Report.objects.get(pk=seeded.pk))
    value = seeded.values.first()
    IndicatorValue.objects.bulk_create([
        IndicatorValue(report=seeded, indicator=value.indicator, sector=value.sector, section=value.section,
                       entity=value.entity, number=index, source_sentence="thêm", order=500 + index)
        for index in range(40)
    ])
    with django_assert_max_num_queries(len(first.captured_queries)):
        report_workbook(Report.objects.get(pk=seeded.pk))


def test_sheet_names_fit_excel():
    assert len(sheet_title("I.9", "Hợp tác lĩnh vực văn hóa, thể thao, du lịch, thông tin và truyền thông")) <= 31
    assert "/" not in sheet_title("I.1", "a/b") and ":" not in sheet_title("I.1", "a:b")
