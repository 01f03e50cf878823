"""The Excel import of indicator values: template, every row checked, all or nothing."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from reports.imports import HEADERS
from reports.models import Indicator, IndicatorValue
from reports.numbers import parse_number
from tests.factories import make_officer, make_staff
from tests.sheets import assert_no_formulas

TRADE = "Kim ngạch thương mại hai chiều"


@pytest.fixture
def staff_client(client, seeded):
    client.force_login(make_staff())
    return client


def template(client, report):
    response = client.get(reverse("reports:values_import_template", args=[report.code]))
    assert response.status_code == 200
    return assert_no_formulas(response.content)


def upload(client, report, content, name="so-lieu.xlsx"):
    return client.post(reverse("reports:values_import", args=[report.code]),
                       {"file": SimpleUploadedFile(name, content)})


def as_bytes(book):
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def trade_row(sheet, year):
    column = {name: index for index, name in enumerate(HEADERS, 1)}
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, column["Chỉ tiêu"]).value == TRADE and sheet.cell(row, column["Từ năm"]).value == year:
            return row, column
    raise AssertionError(year)


def new_row(**changes):
    trade = Indicator.objects.get(name=TRADE, unit="triệu USD")
    row = {"Mã số liệu": None, "Mã chỉ tiêu": trade.code, "Chỉ tiêu": trade.name, "Đơn vị tính": "triệu USD",
           "Mục": "I.6", "Chủ thể": "tỉnh Gia Lai (cũ)", "Tỉnh bạn (phạm vi)": "Champasak", "Từ năm": 2024,
           "Đến năm": 2024, "Thời gian (như báo cáo ghi)": "2024", "Từ chỉ mức": "", "Số": "12,5", "Đến số": None,
           "Câu nguồn": "Kim ngạch với Champasak năm 2024 đạt 12,5 triệu USD."}
    row.update(changes)
    return [row[name] for name in HEADERS]


def workbook_of(*rows):
    book = Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    return as_bytes(book)


def test_template_lists_the_values_and_round_trips(staff_client, seeded):
    book = template(staff_client, seeded)
    assert book.sheetnames == ["Số liệu", "Hướng dẫn", "Chỉ tiêu", "Chủ thể", "Tỉnh bạn"]
    sheet = book["Số liệu"]
    assert [c.value for c in sheet[1]] == HEADERS and sheet.freeze_panes == "A2"
    assert sheet.max_row == 1 + seeded.values.count()
    before = list(seeded.values.order_by("pk").values_list("number", "partner_scope", "year_start", "source_sentence"))
    response = upload(staff_client, seeded, as_bytes(book))
    assert response.status_code == 302
    messages = [str(m) for m in staff_client.get(response.url).context["messages"]]
    assert messages == ["Đã nhập 92 số liệu: 0 số liệu mới, 92 số liệu cập nhật."]
    after = list(seeded.values.order_by("pk").values_list("number", "partner_scope", "year_start", "source_sentence"))
    assert after == before


def test_update_one_value_and_add_one(staff_client, seeded):
    book = template(staff_client, seeded)
    sheet = book["Số liệu"]
    row, column = trade_row(sheet, 2023)
    sheet.cell(row, column["Số"]).value = "1.234,5"
    sheet.append(new_row())
    response = upload(staff_client, seeded, as_bytes(book))
    assert response.status_code == 302
    trade = IndicatorValue.objects.get(report=seeded, indicator__name=TRADE, year_start=2023, partner=None)
    assert trade.number == Decimal("1234.5")
    added = IndicatorValue.objects.get(report=seeded, partner__name="Champasak", indicator__name=TRADE)
    assert added.number == Decimal("12.5") and added.sector.number == 6 and added.order > 92
    assert seeded.values.count() == 93


def test_bad_rows_are_all_reported_and_nothing_is_stored(staff_client, seeded):
    book = template(staff_client, seeded)
    sheet = book["Số liệu"]
    row, column = trade_row(sheet, 2023)
    sheet.cell(row, column["Số"]).value = "999"  # a good change, not stored because other rows are bad
    percent = Indicator.objects.filter(kind=Indicator.Kind.PERCENTAGE).first()
    count = Indicator.objects.filter(kind=Indicator.Kind.COUNT, unit="suất").first()
    bad = [
        new_row(**{"Số": "73 triệu"}),
        new_row(**{"Số": "47.9"}),
        new_row(**{"Số": "-5"}),
        new_row(**{"Mã chỉ tiêu": percent.code, "Đơn vị tính": percent.unit, "Số": 120}),
        new_row(**{"Mã chỉ tiêu": count.code, "Đơn vị tính": count.unit, "Số": "2,5"}),
        new_row(**{"Từ năm": 2019, "Đến năm": 2019}),
        new_row(**{"Đơn vị tính": "tỷ đồng"}),
        new_row(**{"Mã chỉ tiêu": "khong-co"}),
        new_row(**{"Chủ thể": "tỉnh Kon Tum"}),
        new_row(**{"Mục": "I.99"}),
        new_row(**{"Mã số liệu": 999999}),
        new_row(**{"Câu nguồn": ""}),
    ]
    for values in bad:
        sheet.append(values)
    first = sheet.max_row - len(bad) + 1
    response = upload(staff_client, seeded, as_bytes(book))
    assert response.status_code == 400
    errors = response.context["errors"]
    assert [error.split(":")[0] for error in errors] == [f"Dòng {n}" for n in range(first, first + len(bad))]
    expected = ["không kèm chữ", "viết theo kiểu Anh", "không nhận số âm", "không quá 100%", "phải là số nguyên",
                "ngoài kỳ báo cáo và phương hướng (2021–2030)", "không khớp chỉ tiêu", "không có chỉ tiêu mã «khong-co»",
                "không có chủ thể «tỉnh Kon Tum»", "phần I không có lĩnh vực số 99", "không thuộc báo cáo này",
                "thiếu câu nguồn"]
    for error, words in zip(errors, expected):
        assert words in error, (error, words)
    assert "Chưa lưu số liệu nào: tệp có 12 lỗi." in response.content.decode()
    assert IndicatorValue.objects.get(report=seeded, indicator__name=TRADE, year_start=2023, partner=None).number == Decimal("47.9")
    assert seeded.values.count() == 92


def test_duplicate_value_ids(staff_client, seeded):
    value = seeded.values.first()
    row = new_row(**{"Mã số liệu": value.pk, "Mã chỉ tiêu": value.indicator.code, "Đơn vị tính": value.indicator.unit,
                     "Số": 80})
    response = upload(staff_client, seeded, workbook_of(row, row))
    assert response.status_code == 400
    assert response.context["errors"] == [f"Dòng 3: mã số liệu {value.pk} trùng với dòng 2."]


def test_not_an_xlsx(staff_client, seeded):
    response = upload(staff_client, seeded, b"Chi tieu;So\nKim ngach;73\n", name="so-lieu.csv")
    assert response.context["errors"] == ["Chỉ nhận tệp Excel .xlsx (hãy tải tệp mẫu)."]
    response = upload(staff_client, seeded, b"PK\x03\x04 not really a workbook")
    assert response.context["errors"] == ["Không đọc được tệp: hãy dùng tệp Excel .xlsx theo tệp mẫu."]
    assert seeded.values.count() == 92


def test_wrong_headers(staff_client, seeded):
    book = Workbook()
    book.active.append(["Chỉ tiêu", "Số"])
    book.active.append(["Kim ngạch", 73])
    response = upload(staff_client, seeded, as_bytes(book))
    assert response.status_code == 400
    [error] = response.context["errors"]
    assert error.startswith("Dòng 1 phải là tiêu đề các cột: Mã số liệu, Mã chỉ tiêu") and "(như tệp mẫu)" in error


def test_formulas_are_refused(staff_client, seeded):
    row = new_row(**{"Số": "=10*7"})
    book = Workbook()
    book.active.append(HEADERS)
    book.active.append(row)
    response = upload(staff_client, seeded, as_bytes(book))
    assert response.status_code == 400
    assert response.context["errors"] == ["Dòng 2: ô L2 chứa công thức; hãy nhập nội dung dạng văn bản."]
    assert seeded.values.count() == 92


def test_empty_file_and_no_file(staff_client, seeded):
    response = upload(staff_client, seeded, workbook_of())
    assert response.context["errors"] == ["Tệp không có dòng số liệu nào."]
    response = staff_client.post(reverse("reports:values_import", args=[seeded.code]), {})
    assert response.status_code == 200 and "Hãy chọn tệp Excel." in response.content.decode()


def test_only_staff(client, seeded):
    urls = [reverse("reports:values_import", args=[seeded.code]),
            reverse("reports:values_import_template", args=[seeded.code])]
    for url in urls:
        assert client.get(url).status_code == 302
    client.force_login(make_officer(username="officer"))
    for url in urls:
        assert client.get(url).status_code == 403
    assert upload(client, seeded, workbook_of(new_row())).status_code == 403
    assert seeded.values.count() == 92


@pytest.mark.parametrize("text, number", [
    ("1.234,5", "1234.5"), ("1234,5", "1234.5"), ("1 234", "1234"), ("1.800.000", "1800000"), ("47,9", "47.9"),
    ("73", "73"), (47.9, "47.9"), (80, "80"), ("1\u00a0234,25", "1234.25"),
])
def test_vietnamese_numbers(text, number):
    assert parse_number(text) == Decimal(number)


def test_an_empty_cell_is_no_number():
    assert parse_number("") is None and parse_number("  ") is None


@pytest.mark.parametrize("text", ["1,234.5", "47.9", "1.5", "73 triệu", "abc", "1.23.4", "12,5%", True])
def test_other_forms_are_refused_in_vietnamese(text):
    with pytest.raises(ValidationError) as error:
        parse_number(text)
    assert error.value.messages[0][0] in "«C"
