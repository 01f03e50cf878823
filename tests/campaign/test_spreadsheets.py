"""campaign.spreadsheets: text stays text, numbers stay numbers."""

import zipfile
from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from campaign.spreadsheets import MAX_UNPACKED_BYTES, add_sheet, new_workbook, read_rows, workbook_bytes
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


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_openpyxl_reads_it():
    # Found by the bad-input corpus: a 200 KB upload whose shared strings unpack to 200 MB was read
    # whole by openpyxl (shared strings are, even in read-only mode).
    workbook = new_workbook()
    add_sheet(workbook, "Thử", ["Tên"], [("An",)], first=True)
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(workbook_bytes(workbook))) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            bomb.writestr(info, source.read(info.filename))
        bomb.writestr("xl/bom.xml", b"a" * (MAX_UNPACKED_BYTES + 1))
    assert len(out.getvalue()) < 200_000
    with pytest.raises(ValidationError) as refused:
        list(read_rows(SimpleUploadedFile("bom.xlsx", out.getvalue()), ["Tên"], unreadable="Không đọc được tệp."))
    assert refused.value.messages == ["Tệp Excel khi giải nén nặng hơn 50 MB, quá lớn để nhập; hãy chia thành nhiều tệp nhỏ hơn."]
    ordinary = SimpleUploadedFile("ok.xlsx", workbook_bytes(workbook))
    assert [cells for _, cells, _ in read_rows(ordinary, ["Tên"], unreadable="Không đọc được tệp.")] == [["An"]]
