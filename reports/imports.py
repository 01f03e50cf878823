"""Indicator values from an Excel file, for staff who keep them in spreadsheets.

The template (template_workbook) lists the report's values, one per row, with their id in the
first column: a row with an id updates that value, a row without one adds a value. Every row is
checked (read_workbook) with the model's own rules (Indicator.number_errors through
IndicatorValue.clean) and the Vietnamese number forms of reports.numbers; every error names its
row; nothing is stored unless the whole file is valid (values_import, one transaction).
"""

import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from campaign.spreadsheets import add_sheet, new_workbook, read_rows, workbook_bytes

from .models import Indicator, IndicatorValue, PartnerProvince, ReportingEntity, Sector
from .numbers import HELP_TEXT, parse_number
from .spreadsheets import excel_number

HEADERS = ["Mã số liệu", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Mục", "Chủ thể", "Tỉnh bạn (phạm vi)",
           "Từ năm", "Đến năm", "Thời gian (như báo cáo ghi)", "Từ chỉ mức", "Số", "Đến số", "Câu nguồn"]
WIDTHS = [11, 30, 48, 14, 7, 28, 22, 8, 8, 26, 12, 12, 10, 70]
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
SECTION = re.compile(r"(I|II|III|IV|V)\.(\d{1,2})")
QUALIFIERS = {choice.casefold(): choice for choice in IndicatorValue.Qualifier.values}
UNREADABLE = "Không đọc được tệp: hãy dùng tệp Excel .xlsx theo tệp mẫu."


class ValuesImportForm(forms.Form):
    file = forms.FileField(label="Tệp Excel số liệu (.xlsx)", error_messages={"required": "Hãy chọn tệp Excel."},
                           help_text=HELP_TEXT)


def template_workbook(report):
    """The report's values to edit, then the lists to copy codes from (the import reads sheet 1)."""
    values = report.values.select_related("indicator", "entity", "partner").order_by("order")
    rows = [[
        value.pk, value.indicator.code, value.indicator.name, value.indicator.unit, value.section, value.entity.name,
        value.partner_scope, value.year_start, value.year_end, value.period_label, value.qualifier,
        excel_number(value.number), excel_number(value.number_max), value.source_sentence,
    ] for value in values]
    workbook = new_workbook()
    add_sheet(workbook, "Số liệu", HEADERS, rows, widths=WIDTHS, first=True)
    add_sheet(workbook, "Hướng dẫn", ["Cột", "Cách nhập"], [
        ["Mã số liệu", "Để nguyên để sửa số liệu đã có; để trống khi thêm số liệu mới."],
        ["Mã chỉ tiêu, Đơn vị tính", "Chép từ trang «Chỉ tiêu»; đơn vị tính phải đúng đơn vị của chỉ tiêu."],
        ["Mục", "Mục của báo cáo nêu số liệu: I.1 … I.14 (lĩnh vực), III.1, IV.3."],
        ["Chủ thể", "Chép từ trang «Chủ thể»."],
        ["Tỉnh bạn (phạm vi)", "Tên một tỉnh bạn, hoặc phạm vi như báo cáo ghi (4 tỉnh Nam Lào; Sekong, Attapeu); "
                               "để trống: cả 4 tỉnh."],
        ["Từ năm, Đến năm", f"Trong kỳ báo cáo và phương hướng: {year_range_text(report)}; để trống nếu báo cáo không nêu năm."],
        ["Từ chỉ mức", "Để trống, hoặc: hơn, gần, khoảng, từ … đến … (khi đó nhập cả «Đến số»)."],
        ["Số", HELP_TEXT],
        ["Câu nguồn", "Câu của báo cáo nêu số liệu; bắt buộc với số liệu mới."],
    ], widths=[26, 110])
    add_sheet(workbook, "Chỉ tiêu", ["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Loại"],
              [[i.code, i.name, i.unit, i.get_kind_display()] for i in Indicator.objects.all()], widths=[40, 70, 16, 14])
    add_sheet(workbook, "Chủ thể", ["Chủ thể"], [[e.name] for e in ReportingEntity.objects.all()], widths=[40])
    add_sheet(workbook, "Tỉnh bạn", ["Tỉnh bạn"], [[p.name] for p in PartnerProvince.objects.all()], widths=[20])
    return workbook_bytes(workbook)


def year_range(report):
    return report.period_start_year, max(report.period_end_year, report.outlook_end_year or 0)


def year_range_text(report):
    first, last = year_range(report)
    return f"{first}–{last}"


@dataclass
class Catalogue:
    """The tables a row's codes and names are looked up in, each read once."""

    indicators: dict
    entities: dict
    partners: dict
    sectors: dict
    existing: dict  # the report's values by id

    @classmethod
    def of(cls, report):
        entities = {}
        for entity in ReportingEntity.objects.all():
            entities[entity.name.casefold()] = entities[entity.code.casefold()] = entity
        return cls(
            indicators={i.code.casefold(): i for i in Indicator.objects.all()},
            entities=entities,
            partners={p.name.casefold(): p for p in PartnerProvince.objects.all()},
            sectors={s.number: s for s in Sector.objects.all()},
            existing={v.pk: v for v in report.values.select_related("indicator")},
        )


def _year(text, problems, label, bounds):
    if text in ("", None):
        return None
    try:
        number = parse_number(text)
    except ValidationError:
        problems.append(f"{label} «{text}» không phải là năm")
        return None
    if number != number.to_integral_value() or not bounds[0] <= number <= bounds[1]:
        problems.append(f"{label} {text} ngoài kỳ báo cáo và phương hướng ({bounds[0]}–{bounds[1]})")
        return None
    return int(number)


def _number(text, problems, label, required):
    if text in ("", None):
        if required:
            problems.append(f"thiếu {label}")
        return None
    try:
        return parse_number(text)
    except ValidationError as error:
        problems.append(f"{label}: {error.messages[0].rstrip('.')}")
        return None


def read_row(report, catalogue, cells, problems):
    """The IndicatorValue a row describes (new or updated, not saved); `problems` gets its errors."""
    (value_id, code, _name, unit, section, entity_name, scope, year_start, year_end, period_label, qualifier,
     number, number_max, source) = [cell.strip() if isinstance(cell, str) else cell for cell in cells]
    value = None
    if value_id not in ("", None):
        try:
            value = catalogue.existing.get(int(parse_number(value_id)))
        except (ValidationError, ValueError):
            value = None
        if value is None:
            problems.append(f"mã số liệu «{value_id}» không thuộc báo cáo này (để trống khi thêm số liệu mới)")
            return None
    else:
        value = IndicatorValue(report=report)

    indicator = catalogue.indicators.get(str(code).casefold()) if code else None
    if indicator is None:
        problems.append(f"không có chỉ tiêu mã «{code}»" if code else "thiếu mã chỉ tiêu")
    elif str(unit).casefold() != indicator.unit.casefold():
        problems.append(f"đơn vị tính «{unit}» không khớp chỉ tiêu «{indicator.name}» (phải là «{indicator.unit}»)")

    match = SECTION.fullmatch(str(section))
    sector = None
    if not match:
        problems.append(f"mục «{section}» không đúng dạng I.6, III.1" if section else "thiếu mục")
    elif match.group(1) == "I":
        sector = catalogue.sectors.get(int(match.group(2)))
        if sector is None:
            problems.append(f"mục {section}: phần I không có lĩnh vực số {match.group(2)}")

    entity = catalogue.entities.get(str(entity_name).casefold())
    if entity is None:
        problems.append(f"không có chủ thể «{entity_name}»" if entity_name else "thiếu chủ thể")

    qualifier_value = QUALIFIERS.get(str(qualifier).casefold())
    if qualifier_value is None:
        problems.append(f"từ chỉ mức «{qualifier}» không dùng được (để trống, hơn, gần, khoảng, từ … đến …)")

    bounds = year_range(report)
    first = _year(year_start, problems, "từ năm", bounds)
    last = _year(year_end, problems, "đến năm", bounds)
    amount = _number(number, problems, "số", required=True)
    amount_max = _number(number_max, problems, "đến số", required=False)
    if not source and value.pk is None:
        problems.append("thiếu câu nguồn")
    if problems:
        return None

    value.indicator, value.sector, value.section, value.entity = indicator, sector, section, entity
    value.partner = catalogue.partners.get(str(scope).casefold())
    value.partner_scope = scope
    value.year_start, value.year_end = first, last if last is not None else first
    value.period_label = str(period_label) if period_label not in (None, "") else (str(first) if first else "")
    value.qualifier, value.number, value.number_max = qualifier_value, amount, amount_max
    if source:
        value.source_sentence = source
    try:
        value.clean()  # the model's rules: number_errors (negative, whole counts, ≤ 100%), years, ranges
    except ValidationError as error:
        problems.extend(message.rstrip(".") for messages in error.message_dict.values() for message in messages)
        return None
    return value


def read_workbook(upload, report):
    """The values of an uploaded file, checked; ValidationError listing every bad row otherwise."""
    if not upload.name.lower().endswith(".xlsx"):
        raise ValidationError("Chỉ nhận tệp Excel .xlsx (hãy tải tệp mẫu).")
    if upload.size > MAX_BYTES:
        raise ValidationError(f"Tệp vượt giới hạn {MAX_BYTES // (1024 * 1024)} MB.")
    lines = read_rows(upload, HEADERS, unreadable=UNREADABLE, header_hint=" (như tệp mẫu)", numbers=True)
    catalogue = Catalogue.of(report)
    values, errors, seen = [], [], {}
    for number, cells, error in lines:
        if error:
            errors.append(error)
            continue
        if len(values) + len(errors) >= MAX_ROWS:
            raise ValidationError(f"Tệp có quá {MAX_ROWS} dòng số liệu; hãy chia thành nhiều tệp.")
        problems = []
        value = read_row(report, catalogue, cells, problems)
        if value is not None and value.pk is not None:
            if value.pk in seen:
                problems.append(f"mã số liệu {value.pk} trùng với dòng {seen[value.pk]}")
            seen.setdefault(value.pk, number)
        if problems:
            errors.append(f"Dòng {number}: " + "; ".join(p[0].lower() + p[1:] for p in problems) + ".")
        else:
            values.append(value)
    if errors:
        raise ValidationError(errors)
    if not values:
        raise ValidationError("Tệp không có dòng số liệu nào.")
    return values


@transaction.atomic
def values_import(*, report, values):
    """Store checked values (read_workbook): all or nothing. Returns (created, updated)."""
    new = [value for value in values if value.pk is None]
    old = [value for value in values if value.pk is not None]
    last = report.values.aggregate(last=Max("order"))["last"] or 0
    for offset, value in enumerate(new, start=1):
        value.order = last + offset
    IndicatorValue.objects.bulk_create(new)
    IndicatorValue.objects.bulk_update(old, [
        "indicator", "sector", "section", "entity", "partner", "partner_scope", "year_start", "year_end",
        "period_label", "qualifier", "number", "number_max", "source_sentence",
    ])
    return len(new), len(old)
