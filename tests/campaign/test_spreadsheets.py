"""campaign.spreadsheets: text stays text, numbers stay numbers."""

from datetime import date

from campaign.spreadsheets import add_sheet, new_workbook, workbook_bytes
from tests.sheets import PAYLOAD, assert_no_formulas, text_cells


def test_text_that_looks_like_a_formula_is_stored_as_text():
    workbook = new_workbook()
    payloads = [PAYLOAD, "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1", "=1+1"]
    add_sheet(workbook, "Thử", ["Tên", "Số", "Ngày"], [(p, 5, date(2026, 12, 2)) for p in payloads], first=True)
    book = assert_no_formulas(workbook_bytes(workbook))
    sheet = book["Thử"]
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == payloads
    assert all(row[0].data_type == "s" and row[0].quotePrefix for row in sheet.iter_rows(min_row=2))
    assert all(row[1].value == 5 and row[1].data_type == "n" for row in sheet.iter_rows(min_row=2))
    assert text_cells(book, PAYLOAD)[0].coordinate == "A2"


def test_ordinary_text_and_negative_numbers_are_left_as_they_are():
    workbook = new_workbook()
    add_sheet(workbook, "Thử", ["Tên", "Số"], [("Thành Đoàn Đà Lạt", -3), ("Dấu – gạch", 2.5)], first=True)
    sheet = assert_no_formulas(workbook_bytes(workbook))["Thử"]
    assert [(r[0].value, r[0].quotePrefix, r[1].value) for r in sheet.iter_rows(min_row=2)] == [
        ("Thành Đoàn Đà Lạt", False, -3), ("Dấu – gạch", False, 2.5),
    ]
