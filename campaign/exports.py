"""Excel exports with Vietnamese headers (openpyxl)."""

from .spreadsheets import add_sheet, new_workbook, workbook_bytes


def _reporting_rate(tally):
    """A number where there is one (the column stays numeric), else the dashboard's words."""
    return tally.reporting_rate if tally.reporting_rate is not None else tally.reporting_rate_text


def _on_time_rate(tally):
    return tally.on_time_rate if tally.on_time_rate is not None else tally.on_time_rate_text


def dashboard_workbook(board):
    workbook = new_workbook()
    scope = "Toàn bộ kế hoạch" if board.start is None else f"{board.start:%d/%m/%Y} – {board.end:%d/%m/%Y}"
    total = board.total
    add_sheet(
        workbook, "Tổng hợp", ["Chỉ tiêu", "Giá trị"],
        [
            ("Kế hoạch", board.plan.title),
            ("Kỳ tổng hợp (theo hạn nộp)", scope),
            ("Ngày lập", f"{board.today:%d/%m/%Y}"),
            ("Lượt báo cáo phải nộp", total.expected),
            ("Lượt đã nộp", total.reported),
            ("Tỷ lệ nộp báo cáo (%)", _reporting_rate(total)),
            ("Lượt nộp đúng hạn", total.on_time),
            ("Tỷ lệ đúng hạn (%)", _on_time_rate(total)),
            ("Lượt quá hạn chưa nộp", total.overdue),
            ("Số ngày quá hạn tính đến", board.overdue_note),
            ("Tiến độ chung (%)", board.plan_progress),
        ],
        first=True,
    )
    measure_headers = [f"{m.name} ({m.unit_label})" for m in board.measures]
    add_sheet(
        workbook, "Theo đơn vị",
        ["Đơn vị", "Phải nộp", "Đã nộp", "Tỷ lệ nộp (%)", "Đúng hạn", "Tỷ lệ đúng hạn (%)", "Quá hạn", "Tiến độ (%)",
         *measure_headers, *board.counted_labels],
        [
            (row.unit.name, row.tally.expected, row.tally.reported, _reporting_rate(row.tally), row.tally.on_time,
             _on_time_rate(row.tally), row.tally.overdue, row.progress, *row.figures, *row.counted)
            for row in board.unit_rows
        ],
    )
    add_sheet(
        workbook, "Theo nội dung", ["Mục", "Nội dung tuyên truyền", "Tiến độ (%)", *measure_headers],
        [(row.theme.code, row.theme.title, row.progress, *row.figures) for row in board.theme_rows],
    )
    add_sheet(
        workbook, "Quá hạn", ["Đơn vị", "Nhiệm vụ", "Kỳ báo cáo", "Hạn nộp", "Số ngày quá hạn"],
        [
            (row.unit.name, task.title, period.label, f"{period.due_on:%d/%m/%Y}", days)
            for row in board.unit_rows
            for task, period, days in row.overdue_items
        ],
    )
    add_sheet(
        workbook, "Theo tháng", ["Tháng (hạn nộp)", "Phải nộp", "Đã nộp", "Tỷ lệ nộp (%)", "Đúng hạn", "Tỷ lệ đúng hạn (%)"],
        [
            (f"{month:02d}/{year}", t.expected, t.reported, _reporting_rate(t), t.on_time, _on_time_rate(t))
            for (year, month), t in board.months
        ],
    )
    return workbook_bytes(workbook)
