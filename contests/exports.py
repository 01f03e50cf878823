"""The ranking and winners of a round as an Excel workbook, for staff (contains phone numbers)."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from campaign.deadlines import VIETNAM

from .models import RoundResult

HEADERS = [
    "Hạng", "Họ và tên", "Ngày sinh", "Số điện thoại", "E-mail", "Nơi cư trú", "Đơn vị", "Số câu đúng",
    "Dự đoán", "Chênh lệch dự đoán", "Thời gian làm bài (giây)", "Nộp lúc", "Giải", "Trị giá (đồng)",
]


def _sheet(sheet, title, rows):
    sheet.title = title
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="8E1414")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for result in rows:
        person = result.participant
        sheet.append([
            result.rank, person.full_name, person.date_of_birth.strftime("%d/%m/%Y"), person.phone, person.email,
            person.locality, person.unit.name if person.unit else "", result.score, result.attempt.prediction,
            result.prediction_error, round(result.duration_ms / 1000, 3),
            # To the millisecond: the last tie-break.
            result.submitted_at.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M:%S.%f")[:-3],
            result.prize.name if result.prize else "", result.prize.amount if result.prize else "",
        ])
    for index, width in enumerate([7, 28, 12, 14, 26, 30, 30, 10, 10, 12, 14, 24, 12, 14], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def ranking_workbook(round):
    results = list(
        RoundResult.objects.filter(round=round).select_related("participant__unit", "prize", "attempt").order_by("rank")
    )
    workbook = Workbook()
    _sheet(workbook.active, "Đoạt giải", [r for r in results if r.prize_id])
    _sheet(workbook.create_sheet(), "Xếp hạng", results)
    info = workbook.create_sheet("Thông tin")
    info.append(["Cuộc thi", round.contest.title])
    info.append(["Đợt", round.number])
    info.append(["Thời gian", f"{round.opens_at.astimezone(VIETNAM):%H:%M %d/%m/%Y} – {round.closes_at.astimezone(VIETNAM):%H:%M %d/%m/%Y}"])
    info.append(["Đáp án câu dự đoán", round.actual_answer])
    info.append(["Xếp hạng theo", "số câu đúng, dự đoán gần nhất, thời gian làm bài ngắn nhất, nộp sớm nhất; mỗi người một dòng"])
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 80
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
