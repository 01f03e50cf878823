"""Officer accounts as Excel workbooks: the import template, the reading half of an import,
and the account list export. Every row of an import is checked and errors name their row."""

import re

from django.core.exceptions import ValidationError
from django.utils import timezone

from ..models import Unit
from ..services import ServiceError
from ..spreadsheets import add_sheet, new_workbook, read_rows, workbook_bytes
from .services import clean_email, clean_full_name, normalise_phone

HEADERS = ["Họ và tên", "E-mail", "Số điện thoại", "Mã đơn vị"]
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
EXPORT_HEADERS = ["Đơn vị", "Họ và tên", "Tên đăng nhập", "E-mail", "Số điện thoại", "Đang hoạt động", "Lần đăng nhập cuối"]


def template_workbook():
    workbook = new_workbook()
    add_sheet(workbook, "Cán bộ", HEADERS, widths=[30, 32, 18, 30], first=True)
    # The codes to type in the last column, on a second sheet (the import reads only the first).
    add_sheet(workbook, "Mã đơn vị", ["Mã đơn vị", "Tên đơn vị"], [[u.code, u.name] for u in Unit.objects.active().order_by("order", "name")])
    return workbook_bytes(workbook)


def read_workbook(upload):
    """Rows ready for officers_import(), or ValidationError listing every bad row."""
    if not upload.name.lower().endswith(".xlsx"):
        raise ValidationError("Chỉ nhận tệp Excel .xlsx (hãy tải tệp mẫu).")
    if upload.size > MAX_BYTES:
        raise ValidationError(f"Tệp vượt giới hạn {MAX_BYTES // (1024 * 1024)} MB.")
    lines = read_rows(
        upload, HEADERS, unreadable="Không đọc được tệp: hãy dùng tệp Excel .xlsx theo tệp mẫu.", header_hint=" (như tệp mẫu)",
    )
    units = {unit.code.casefold(): unit for unit in Unit.objects.active()}
    rows, errors, seen = [], [], {}
    for number, cells, error in lines:
        if error:
            errors.append(error)
            continue
        if len(rows) + len(errors) >= MAX_ROWS:
            raise ValidationError(f"Tệp có quá {MAX_ROWS} dòng cán bộ; hãy chia thành nhiều tệp.")
        full_name, email, phone, codes = cells
        problems, row = [], {"line": number}
        for key, check, value in (("full_name", clean_full_name, full_name), ("email", clean_email, email), ("phone", normalise_phone, phone)):
            try:
                row[key] = check(value)
            except ServiceError as error:
                problems.append(error.messages[0].rstrip("."))
        key = row.get("email", "").casefold()
        if key and key in seen:
            problems.append(f"e-mail “{email}” trùng với dòng {seen[key]}")
        elif key:
            seen[key] = number
        row["units"] = []
        for code in filter(None, (c.strip() for c in re.split(r"[,;\n]", codes))):
            unit = units.get(code.casefold())
            if unit is None:
                problems.append(f"không có đơn vị đang hoạt động mã “{code}”")
            else:
                row["units"].append(unit)
        if not codes:
            problems.append("thiếu mã đơn vị")
        if problems:
            errors.append(f"Dòng {number}: " + "; ".join(p[0].lower() + p[1:] for p in problems) + ".")
        else:
            rows.append(row)
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError("Tệp không có dòng cán bộ nào.")
    return rows


def accounts_workbook(officers, unit=None):
    """One row per officer and unit (an officer of two units appears twice), as staff read it."""
    rows = []
    for officer in officers:
        units = [u for u in officer.units.all() if unit is None or u.pk == unit.pk] or [None]
        profile = getattr(officer, "officer_profile", None)
        last_login = timezone.localtime(officer.last_login).strftime("%d/%m/%Y %H:%M") if officer.last_login else ""
        for each in units:
            rows.append([
                each.name if each else "", officer.first_name, officer.username, officer.email,
                profile.phone if profile else "", "Có" if officer.is_active else "Không", last_login,
            ])
    rows.sort(key=lambda row: (row[0], row[1]))
    workbook = new_workbook()
    add_sheet(workbook, "Tài khoản cán bộ", EXPORT_HEADERS, rows, first=True)
    return workbook_bytes(workbook)
