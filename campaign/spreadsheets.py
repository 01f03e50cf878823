"""The one way the portal writes a spreadsheet (openpyxl), for every app's exports.

Text typed by a person is stored as text, never as a formula (OWASP "CSV injection"): openpyxl
turns any string that starts with "=" into a formula, and Excel, LibreOffice and Google Sheets
evaluate cells that start with "=", "+", "-", "@", a tab or a carriage return when they are
edited or re-imported. Such a string is written as a string cell with Excel's "quote prefix"
style, so it shows as typed and stays text when a person edits the cell. Numbers, dates and
booleans are written as they are, so they still sum and sort.
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="8E1414")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def is_formula_like(value):
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def append_row(sheet, values):
    """Append one row; strings that a spreadsheet would read as a formula stay text."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if is_formula_like(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True


def add_sheet(workbook, title, headers, rows=(), widths=None, first=False):
    """A sheet with a styled, frozen header row, then `rows`.

    `widths`: column widths in characters; by default each column fits its longest value (8–60).
    """
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title
    append_row(sheet, headers)
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    rows = [list(row) for row in rows]
    for row in rows:
        append_row(sheet, row)
    if widths is None:
        widths = [
            min(max([len(str(header))] + [len(str(row[index] if row[index] is not None else "")) for row in rows] + [8]) + 2, 60)
            for index, header in enumerate(headers)
        ]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    return sheet


def new_workbook():
    return Workbook()


def workbook_bytes(workbook):
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
