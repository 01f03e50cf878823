"""Excel exports with Vietnamese headers (openpyxl)."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="8E1414")


def _sheet(workbook, title, headers, rows, first=False):
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        sheet.append(list(row))
    for index, header in enumerate(headers, start=1):
        width = max([len(str(header))] + [len(str(row[index - 1] or "")) for row in rows] + [8])
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
    sheet.freeze_panes = "A2"
    return sheet


def _percent(value):
    return "" if value is None else value


def dashboard_workbook(board):
    workbook = Workbook()
    scope = "Toàn bộ kế hoạch" if board.start is None else f"{board.start:%d/%m/%Y} – {board.end:%d/%m/%Y}"
    total = board.total
    _sheet(
        workbook, "Tổng hợp", ["Chỉ tiêu", "Giá trị"],
        [
            ("Kế hoạch", board.plan.title),
            ("Kỳ tổng hợp (theo hạn nộp)", scope),
            ("Ngày lập", f"{board.today:%d/%m/%Y}"),
            ("Lượt báo cáo phải nộp", total.expected),
            ("Lượt đã nộp", total.reported),
            ("Tỷ lệ nộp báo cáo (%)", _percent(total.reporting_rate)),
            ("Lượt nộp đúng hạn", total.on_time),
            ("Tỷ lệ đúng hạn (%)", _percent(total.on_time_rate)),
            ("Lượt quá hạn chưa nộp", total.overdue),
            ("Tiến độ chung (%)", board.plan_progress),
        ],
        first=True,
    )
    measure_headers = [f"{m.name} ({m.unit_label})" for m in board.measures]
    _sheet(
        workbook, "Theo đơn vị",
        ["Đơn vị", "Phải nộp", "Đã nộp", "Tỷ lệ nộp (%)", "Đúng hạn", "Tỷ lệ đúng hạn (%)", "Quá hạn", "Tiến độ (%)",
         *measure_headers, *board.counted_labels],
        [
            (row.unit.name, row.tally.expected, row.tally.reported, _percent(row.tally.reporting_rate), row.tally.on_time,
             _percent(row.tally.on_time_rate), row.tally.overdue, row.progress, *row.figures, *row.counted)
            for row in board.unit_rows
        ],
    )
    _sheet(
        workbook, "Theo nội dung", ["Mục", "Nội dung tuyên truyền", "Tiến độ (%)", *measure_headers],
        [(row.theme.code, row.theme.title, row.progress, *row.figures) for row in board.theme_rows],
    )
    _sheet(
        workbook, "Quá hạn", ["Đơn vị", "Nhiệm vụ", "Kỳ báo cáo", "Hạn nộp", "Số ngày quá hạn"],
        [
            (row.unit.name, task.title, period.label, f"{period.due_on:%d/%m/%Y}", days)
            for row in board.unit_rows
            for task, period, days in row.overdue_items
        ],
    )
    _sheet(
        workbook, "Theo tháng", ["Tháng (hạn nộp)", "Phải nộp", "Đã nộp", "Tỷ lệ nộp (%)", "Đúng hạn", "Tỷ lệ đúng hạn (%)"],
        [
            (f"{month:02d}/{year}", t.expected, t.reported, _percent(t.reporting_rate), t.on_time, _percent(t.on_time_rate))
            for (year, month), t in board.months
        ],
    )
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
