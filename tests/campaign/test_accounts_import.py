"""Importing officers from Excel (all rows or none, errors by row), the template, and the
account list export (no formulas, issue 11)."""

from io import BytesIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from campaign.accounts import sheets
from campaign.accounts.services import officers_import
from campaign.models import OfficerProfile
from campaign.roles import OFFICER_GROUP
from campaign.services import ServiceError
from tests.campaign.accounts_world import LINK, User, snapshot
from tests.sheets import PAYLOAD, assert_no_formulas, text_cells

pytestmark = pytest.mark.django_db

HEADERS = ["Họ và tên", "E-mail", "Số điện thoại", "Mã đơn vị"]


def xlsx(rows, headers=HEADERS, name="can-bo.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


GOOD_ROWS = [
    ["Lê Văn Cường", "cuong.lv@example.vn", "0905 111 222", "phuong-1"],
    ["  Phạm Thị Dung ", "DUNG@example.vn", 84905333444, "phuong-1; MTTQ-thanh-pho"],
    [None, None, None, None],
    ["Hoàng Minh Em", "em.hm@example.vn", "", "mttq-thanh-pho"],
]


def post(client, upload, send_links=True):
    data = {"file": upload}
    if send_links:
        data["send_links"] = "on"
    return client.post(reverse("campaign:accounts_import"), data, follow=True)


def test_a_valid_file_creates_every_officer_and_mails_each_a_link(client, accounts):
    client.force_login(accounts["carol"])
    response = post(client, xlsx(GOOD_ROWS))
    page = response.content.decode()
    assert "Đã tạo 3 tài khoản cán bộ." in page and "Đã gửi 3 thư đặt mật khẩu." in page
    dung = User.objects.get(email="DUNG@example.vn")
    assert dung.first_name == "Phạm Thị Dung" and dung.officer_profile.phone == "0905333444"
    assert set(dung.units.values_list("code", flat=True)) == {"phuong-1", "mttq-thanh-pho"}
    assert list(dung.groups.values_list("name", flat=True)) == [OFFICER_GROUP]
    assert not dung.is_staff and not dung.is_superuser and not dung.has_usable_password()
    assert User.objects.get(email="em.hm@example.vn").officer_profile.phone == ""
    assert sorted(m.to[0] for m in mail.outbox) == ["DUNG@example.vn", "cuong.lv@example.vn", "em.hm@example.vn"]
    assert all(LINK.search(m.body) for m in mail.outbox)


def test_without_the_checkbox_no_mail_is_sent(client, accounts):
    client.force_login(accounts["carol"])
    post(client, xlsx(GOOD_ROWS), send_links=False)
    assert User.objects.filter(groups__name=OFFICER_GROUP).count() == 5
    assert len(mail.outbox) == 0


def test_one_bad_row_stores_nothing_and_every_error_names_its_row(client, accounts):
    rows = GOOD_ROWS + [
        ["\u200b", "alice@EXAMPLE.vn", "12345", "khong-co"],
        ["Vũ Văn Giang", "cuong.lv@example.vn", "0905 999 888", "don-vi-cu"],
        ["Đỗ Thị Hạnh", "hanh@", "0905999777", ""],
    ]
    client.force_login(accounts["carol"])
    before = snapshot()
    page = post(client, xlsx(rows)).content.decode()
    assert "Tệp chưa được nhập" in page
    assert ("Dòng 6: hãy nhập họ và tên; e-mail “alice@example.vn” đã thuộc một tài khoản đang hoạt động khác; "
            "số điện thoại “12345” không hợp lệ (ví dụ 0912 345 678); không có đơn vị đang hoạt động mã “khong-co”.") in page
    assert ("Dòng 7: e-mail “cuong.lv@example.vn” trùng với dòng 2; không có đơn vị đang hoạt động mã “don-vi-cu”.") in page
    assert "Dòng 8: e-mail “hanh@” không hợp lệ; thiếu mã đơn vị." in page
    assert "Dòng 2:" not in page and "Dòng 3:" not in page
    assert snapshot() == before
    assert len(mail.outbox) == 0


def test_an_email_taken_after_the_file_was_read_refuses_the_whole_import(accounts):
    rows = sheets.read_workbook(xlsx(GOOD_ROWS))
    User.objects.create(username="late", email="em.hm@example.vn")
    before = snapshot()
    with pytest.raises(ServiceError) as error:
        officers_import(rows=rows, by=accounts["carol"])
    assert error.value.messages == ["Dòng 5: E-mail “em.hm@example.vn” đã thuộc một tài khoản đang hoạt động khác."]
    assert snapshot() == before


def too_many_rows():
    return xlsx([[f"Cán bộ {n}", f"cb{n}@example.vn", "", "phuong-1"] for n in range(sheets.MAX_ROWS + 1)])


BAD_FILES = {
    "not xlsx by name": (lambda: SimpleUploadedFile("can-bo.csv", b"Ho va ten,E-mail\n"), "Chỉ nhận tệp Excel .xlsx (hãy tải tệp mẫu)."),
    "not xlsx inside": (lambda: SimpleUploadedFile("can-bo.xlsx", b"%PDF-1.4 not a workbook"), "Không đọc được tệp: hãy dùng tệp Excel .xlsx theo tệp mẫu."),
    "too large": (lambda: SimpleUploadedFile("can-bo.xlsx", b"PK" + b"0" * (2 * 1024 * 1024)), "Tệp vượt giới hạn 2 MB."),
    "wrong headers": (lambda: xlsx(GOOD_ROWS, headers=["Tên", "Thư", "Điện thoại", "Đơn vị"]), "Dòng 1 phải là tiêu đề các cột: Họ và tên, E-mail, Số điện thoại, Mã đơn vị (như tệp mẫu)."),
    "empty": (lambda: xlsx([]), "Tệp không có dòng cán bộ nào."),
    "too many rows": (too_many_rows, "Tệp có quá 1000 dòng cán bộ; hãy chia thành nhiều tệp."),
    "no file": (lambda: None, "Hãy chọn tệp Excel."),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_are_refused_in_vietnamese(client, accounts, case):
    make, expected = BAD_FILES[case]
    client.force_login(accounts["carol"])
    before = snapshot()
    upload = make()
    response = client.post(reverse("campaign:accounts_import"), {"file": upload} if upload else {})
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert snapshot() == before


def test_the_template_has_the_import_headers_and_the_unit_codes(client, accounts):
    client.force_login(accounts["carol"])
    response = client.get(reverse("campaign:accounts_import_template"))
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-can-bo.xlsx"'
    book = load_workbook(BytesIO(response.content))
    assert [cell.value for cell in book.worksheets[0][1]] == HEADERS
    codes = [row for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert codes == [("phuong-1", "Đảng bộ Phường 1"), ("mttq-thanh-pho", "Mặt trận Tổ quốc thành phố")]


def test_the_template_filled_in_imports(client, accounts):
    client.force_login(accounts["carol"])
    book = load_workbook(BytesIO(client.get(reverse("campaign:accounts_import_template")).content))
    book.worksheets[0].append(["Lê Văn Cường", "cuong.lv@example.vn", "0905111222", "phuong-1"])
    buffer = BytesIO()
    book.save(buffer)
    post(client, SimpleUploadedFile("mau.xlsx", buffer.getvalue()), send_links=False)
    assert User.objects.filter(email="cuong.lv@example.vn", units=accounts["unit_a"]).exists()


# Export ---------------------------------------------------------------------------------


def test_the_account_list_exports_one_row_per_officer_and_unit_without_formulas(client, accounts):
    alice = accounts["alice"]
    alice.first_name = PAYLOAD
    alice.save()
    accounts["unit_b"].members.add(alice)
    OfficerProfile.objects.filter(user=alice).update(phone="0912345678")
    client.force_login(accounts["carol"])
    response = client.get(reverse("campaign:accounts_xlsx"))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = assert_no_formulas(response.content)
    assert len(text_cells(book, PAYLOAD)) == 2
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("Đơn vị", "Họ và tên", "Tên đăng nhập", "E-mail", "Số điện thoại", "Đang hoạt động", "Lần đăng nhập cuối")
    assert sorted(row[0] for row in rows[1:]) == ["Mặt trận Tổ quốc thành phố", "Đảng bộ Phường 1"]
    assert all(row[2:6] == ("alice", "alice@example.vn", "0912345678", "Có") for row in rows[1:])
    for other in ("sam", "root", "eve", "dave", "carol"):
        assert not text_cells(book, other)


def test_the_export_of_one_unit_lists_only_that_unit(client, accounts):
    accounts["unit_b"].members.add(accounts["alice"])
    client.force_login(accounts["carol"])
    response = client.get(reverse("campaign:accounts_xlsx"), {"don_vi": "mttq-thanh-pho"})
    assert response["Content-Disposition"] == 'attachment; filename="tai-khoan-mttq-thanh-pho.xlsx"'
    rows = list(assert_no_formulas(response.content).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [row[:3] for row in rows] == [("Mặt trận Tổ quốc thành phố", "Nguyễn Thị An", "alice")]


def test_a_formula_cell_refuses_the_file_by_row_and_cell(client, accounts):
    rows = GOOD_ROWS + [["=HYPERLINK(\"http://evil.example/\",\"Tên\")", "f@example.vn", "0905 777 666", "phuong-1"]]
    client.force_login(accounts["carol"])
    before = snapshot()
    page = post(client, xlsx(rows)).content.decode()
    assert "Dòng 6: ô A6 chứa công thức; hãy nhập nội dung dạng văn bản." in page
    assert snapshot() == before and len(mail.outbox) == 0
