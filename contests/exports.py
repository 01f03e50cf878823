"""The ranking and winners of a round as an Excel workbook, for staff (contains phone numbers)."""

from campaign.deadlines import VIETNAM
from campaign.spreadsheets import add_sheet, append_row, new_workbook, workbook_bytes

from .models import RoundResult

HEADERS = [
    "Hạng", "Họ và tên", "Ngày sinh", "Số điện thoại", "E-mail", "Nơi cư trú", "Đơn vị", "Số câu đúng",
    "Dự đoán", "Chênh lệch dự đoán", "Thời gian làm bài (giây)", "Nộp lúc", "Giải", "Trị giá (đồng)",
]


WIDTHS = [7, 28, 12, 14, 26, 30, 30, 10, 10, 12, 14, 24, 12, 14]


def _result_row(result):
    person = result.participant
    return [
        result.rank, person.full_name, person.date_of_birth.strftime("%d/%m/%Y"), person.phone, person.email,
        person.locality, person.unit.name if person.unit else "", result.score, result.attempt.prediction,
        result.prediction_error, round(result.duration_ms / 1000, 3),
        # To the millisecond: the last tie-break.
        result.submitted_at.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M:%S.%f")[:-3],
        result.prize.name if result.prize else "", result.prize.amount if result.prize else "",
    ]


def ranking_workbook(round):
    results = list(
        RoundResult.objects.filter(round=round).select_related("participant__unit", "prize", "attempt").order_by("rank")
    )
    workbook = new_workbook()
    add_sheet(workbook, "Đoạt giải", HEADERS, [_result_row(r) for r in results if r.prize_id], widths=WIDTHS, first=True)
    add_sheet(workbook, "Xếp hạng", HEADERS, [_result_row(r) for r in results], widths=WIDTHS)
    info = workbook.create_sheet("Thông tin")
    append_row(info, ["Cuộc thi", round.contest.title])
    append_row(info, ["Đợt", round.number])
    append_row(info, ["Thời gian", f"{round.opens_at.astimezone(VIETNAM):%H:%M %d/%m/%Y} – {round.closes_at.astimezone(VIETNAM):%H:%M %d/%m/%Y}"])
    append_row(info, ["Đáp án câu dự đoán", round.actual_answer])
    append_row(info, ["Xếp hạng theo", "số câu đúng, dự đoán gần nhất, thời gian làm bài ngắn nhất, nộp sớm nhất; mỗi người một dòng"])
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 80
    return workbook_bytes(workbook)
