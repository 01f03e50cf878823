"""The cooperation report's figures as an Excel workbook (campaign.spreadsheets' safe writer:
text typed by a person never becomes a formula; numbers stay numbers, so they sum and chart).

Sheets: "Tổng hợp" (the report, then one row per part with its number of figures and the sheet
that lists them), one sheet per sector of part I with figures, then part III and part IV.
"""

from decimal import Decimal

from campaign.spreadsheets import add_sheet, new_workbook, workbook_bytes

from .selectors import report_page

VALUE_HEADERS = [
    "TT", "Chỉ tiêu", "Số", "Đến số", "Đơn vị tính", "Từ chỉ mức", "Số như báo cáo in", "Loại chỉ tiêu",
    "Chủ thể", "Tỉnh bạn", "Từ năm", "Đến năm", "Thời gian (như báo cáo ghi)", "Mục", "Câu nguồn",
]
VALUE_WIDTHS = [5, 48, 14, 10, 16, 11, 16, 13, 26, 22, 8, 8, 26, 7, 80]
NUMBER_COLUMNS = (2, 3)
SUMMARY_HEADERS = ["Mục", "Lĩnh vực, phần", "Sở, ngành phụ trách", "Số số liệu", "Trang tính"]


def excel_number(number):
    """A Decimal as the number Excel stores: a whole number as int, else float."""
    if number is None:
        return None
    number = Decimal(number)
    return int(number) if number == number.to_integral_value() else float(number)


def number_format(value):
    # Vietnamese Excel shows "1.234,5" from these formats; an English one "1,234.5".
    return "#,##0" if isinstance(value, int) else "#,##0.0###"


def value_row(index, value):
    return [
        index, value.indicator.name, excel_number(value.number), excel_number(value.number_max), value.indicator.unit,
        value.get_qualifier_display() if value.qualifier else "", value.as_printed, value.indicator.get_kind_display(),
        value.entity.name, value.partner_scope or (value.partner.name if value.partner else "4 tỉnh Nam Lào"),
        value.year_start, value.year_end, value.period_label, value.section, value.source_sentence,
    ]


def sheet_title(prefix, title):
    """An Excel sheet name: at most 31 characters, none of []:*?/\\."""
    name = f"{prefix} {title}"
    for character in "[]:*?/\\":
        name = name.replace(character, "-")
    return name if len(name) <= 31 else name[:30].rstrip() + "…"


def workbook_parts(report, page):
    """[(section label, title, responsible unit name, values)] in the report's order."""
    parts = [(f"I.{part.sector.number}", part.sector.title,
              part.sector.responsible_unit.name if part.sector.responsible_unit else "", part.values)
             for part in page["sectors"] if part.values]
    parts.append(("III", "Đánh giá chung", "", page["assessment"]["values"]))
    parts.append(("IV", f"Phương hướng {report.outlook_start_year}–{report.outlook_end_year}", "", page["direction_values"]))
    return [part for part in parts if part[3]]


def report_workbook(report, page=None):
    """The report's figures as .xlsx bytes, from report_page's reads (a fixed number of queries)."""
    page = page or report_page(report)
    parts = workbook_parts(report, page)
    caption = [f"Báo cáo {report.reference.replace('Số: ', 'số ')}"
               f"{f' ngày {report.issued_on:%d/%m/%Y}' if report.issued_on else ''} của {report.issuer}",
               report.title]
    workbook = new_workbook()
    titles = [sheet_title(label, title) for label, title, _, _ in parts]
    add_sheet(
        workbook, "Tổng hợp", SUMMARY_HEADERS,
        [[label, title, unit, len(values), sheet] for (label, title, unit, values), sheet in zip(parts, titles)]
        + [["", "Tổng số", "", sum(len(part[3]) for part in parts), ""]],
        widths=[7, 60, 40, 11, 32], first=True, caption=caption,
    )
    for (label, title, _, values), sheet in zip(parts, titles):
        add_sheet(
            workbook, sheet, VALUE_HEADERS, [value_row(index, value) for index, value in enumerate(values, 1)],
            widths=VALUE_WIDTHS, caption=[f"{label}. {title}", caption[0]],
            number_formats={column: number_format for column in NUMBER_COLUMNS},
        )
    workbook.properties.title = report.title
    workbook.properties.creator = report.issuer
    return workbook_bytes(workbook)
