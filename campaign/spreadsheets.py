"""The one way the portal writes a spreadsheet (openpyxl), for every app's exports, and reads
one that a person uploads, for every import.

Text typed by a person is stored as text, never as a formula (OWASP "CSV injection"): openpyxl
turns any string that starts with "=" into a formula, and Excel, LibreOffice and Google Sheets
evaluate cells that start with "=", "+", "-", "@", a tab or a carriage return when they are
edited or re-imported. Such a string is written as a string cell with Excel's "quote prefix"
style, so it shows as typed and stays text when a person edits the cell. Numbers, dates and
booleans are written as they are, so they still sum and sort.
"""

import zipfile
from io import BytesIO

from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="8E1414")
CAPTION_FONT = Font(bold=True)
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
# What an uploaded workbook may unpack to. The question bank's 5,000 rows unpack to about 5 MB; a
# zip bomb of a megabyte unpacks to gigabytes, which openpyxl would hold in memory (shared strings
# are read whole even in read-only mode).
MAX_UNPACKED_BYTES = 50 * 1024 * 1024


def is_formula_like(value):
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def append_row(sheet, values):
    """Append one row; strings that a spreadsheet would read as a formula stay text."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if is_formula_like(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True


def add_sheet(workbook, title, headers, rows=(), widths=None, first=False, caption=(), number_formats=None):
    """A sheet with a styled, frozen header row, then `rows`.

    `caption`: lines written above the header (a title, the source), frozen with it.
    `widths`: column widths in characters; by default each column fits its longest value (8–60).
    `number_formats`: {column index (0-based): Excel number format} for the numeric cells of the rows.
    """
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title
    for line in caption:
        append_row(sheet, [line])
        sheet.cell(row=sheet.max_row, column=1).font = CAPTION_FONT
    append_row(sheet, headers)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    rows = [list(row) for row in rows]
    for row in rows:
        append_row(sheet, row)
        for index, number_format in (number_formats or {}).items():
            cell = sheet.cell(row=sheet.max_row, column=index + 1)
            if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                cell.number_format = number_format(cell.value) if callable(number_format) else number_format
    if widths is None:
        widths = [
            min(max([len(str(header))] + [len(str(row[index] if row[index] is not None else "")) for row in rows] + [8]) + 2, 60)
            for index, header in enumerate(headers)
        ]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
    return sheet


def new_workbook():
    return Workbook()


def workbook_bytes(workbook):
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cell_text(value):
    """A cell as the text a person typed: a whole number read as a float loses its ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_rows(upload, headers, *, unreadable, header_hint="", numbers=False):
    """The rows of an uploaded workbook's first sheet, checked against its header row.

    Yields (row number, cells, error) for each row that is not empty: `cells` are the texts of
    the columns of `headers`, or None with `error` for a row holding a formula (never read as its
    cached value, never stored as "=…"). With `numbers`, a numeric cell stays an int or a float
    (47.9 typed in Excel is not the text "47.9"). Raises ValidationError(`unreadable`) for a file
    that is no workbook, and a Vietnamese error naming the headers when row 1 is not them.
    """
    _check_unpacked_size(upload)
    try:
        # Not data_only: a formula cell must be seen as one (and refused), not read as its cached value.
        workbook = load_workbook(upload, read_only=True)
    except Exception:
        raise ValidationError(unreadable) from None
    lines = workbook.worksheets[0].iter_rows()
    if [cell_text(cell.value) for cell in next(lines, [])][: len(headers)] != headers:
        raise ValidationError("Dòng 1 phải là tiêu đề các cột: " + ", ".join(headers) + header_hint + ".")
    columns = range(1, len(headers) + 1)
    for number, line in enumerate(lines, start=2):
        # Read-only sheets give empty cells without a column.
        line = [cell for cell in line if (getattr(cell, "column", None) or 0) in columns]
        formulas = [cell for cell in line if cell.data_type == "f"]
        if formulas:
            names = ", ".join(f"{get_column_letter(cell.column)}{number}" for cell in formulas)
            yield number, None, f"Dòng {number}: ô {names} chứa công thức; hãy nhập nội dung dạng văn bản."
            continue
        values = {cell.column: cell.value for cell in line}
        cells = [_number_or_text(values.get(column)) if numbers else cell_text(values.get(column)) for column in columns]
        if any(cells):
            yield number, cells, None


def _check_unpacked_size(upload):
    """Refuse a workbook whose parts unpack to more than MAX_UNPACKED_BYTES, before opening it.

    The sizes are those the archive declares; zipfile never unpacks more than a member's declared
    size, so a member cannot lie its way past this check. A file that is no zip is left to
    load_workbook, which refuses it as unreadable."""
    try:
        with zipfile.ZipFile(upload) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        unpacked = 0
    finally:
        upload.seek(0)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValidationError(
            f"Tệp Excel khi giải nén nặng hơn {MAX_UNPACKED_BYTES // (1024 * 1024)} MB, quá lớn để nhập; "
            "hãy chia thành nhiều tệp nhỏ hơn."
        )


def _number_or_text(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return cell_text(value)
