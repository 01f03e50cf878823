"""The question bank as an Excel workbook (openpyxl): export, and the reading
half of import. Every row is checked; errors name their row; the form refuses
the whole file if any row is wrong, and the service stores all rows or none."""

import re

from django.core.exceptions import ValidationError

from campaign.models import ReferenceDocument, ReferenceSection
from campaign.spreadsheets import add_sheet, append_row, new_workbook, read_rows, workbook_bytes

from .models import Question

LETTERS = Question.CHOICE_LETTERS
CHOICE_COLUMNS = [f"Phương án {letter}" for letter in LETTERS]
# The one column table: the export writes these columns, the import checks row 1 against them
# and reads each row by name. (header, width in characters)
COLUMNS = [
    ("Mã câu hỏi", 12), ("Câu hỏi", 60), *((header, 30) for header in CHOICE_COLUMNS), ("Đáp án đúng", 10),
    ("Độ khó", 12), ("Giải thích", 50), ("Mã tài liệu nguồn", 30), ("Mục tài liệu nguồn", 10),
    ("Trích dẫn nguồn", 40), ("Đang dùng", 10),
]
HEADERS = [header for header, _ in COLUMNS]
DIFFICULTY = {label.casefold(): value for value, label in Question.Difficulty.choices}
YES, NO = "Có", "Không"
MAX_ROWS = 5000


def export_workbook(contest):
    workbook = new_workbook()
    sheet = add_sheet(workbook, "Ngân hàng câu hỏi", HEADERS, widths=[width for _, width in COLUMNS], first=True)
    questions = (
        Question.objects.filter(contest=contest)
        .select_related("source_document", "source_section__document").prefetch_related("choices").order_by("code")
    )
    for question in questions:
        choices = list(question.choices.all())
        document = question.source_section.document if question.source_section_id else question.source_document
        row = {
            "Mã câu hỏi": question.code, "Câu hỏi": question.text,
            **{header: choice.text for header, choice in zip(CHOICE_COLUMNS, choices)},
            "Đáp án đúng": next((LETTERS[i] for i, c in enumerate(choices) if c.is_correct), ""),
            "Độ khó": question.get_difficulty_display(), "Giải thích": question.explanation,
            "Mã tài liệu nguồn": document.code if document else "",
            "Mục tài liệu nguồn": question.source_section.code if question.source_section_id else "",
            "Trích dẫn nguồn": question.source_note, "Đang dùng": YES if question.is_active else NO,
        }
        append_row(sheet, [row.get(header, "") for header in HEADERS])
    return workbook_bytes(workbook)


def read_workbook(upload):
    """Rows ready for question_bank_import(), or ValidationError listing every bad row."""
    documents = {d.code: d for d in ReferenceDocument.objects.all()}
    sections = {(s.document.code, s.code): s for s in ReferenceSection.objects.select_related("document")}
    rows, errors, seen = [], [], {}
    unreadable = "Không đọc được tệp: hãy dùng tệp Excel .xlsx (có thể tải mẫu bằng nút Xuất Excel)."
    for number, cells, error in read_rows(upload, HEADERS, unreadable=unreadable):
        if error:
            errors.append(error)
            continue
        if len(rows) >= MAX_ROWS:
            errors.append(f"Tệp có quá {MAX_ROWS} câu hỏi.")
            break
        row = dict(zip(HEADERS, cells))
        code, text, correct, difficulty = row["Mã câu hỏi"], row["Câu hỏi"], row["Đáp án đúng"], row["Độ khó"]
        explanation, doc_code, section_code = row["Giải thích"], row["Mã tài liệu nguồn"], row["Mục tài liệu nguồn"]
        note, active = row["Trích dẫn nguồn"], row["Đang dùng"]
        problems = []
        if not code:
            problems.append("thiếu mã câu hỏi")
        elif not re.fullmatch(r"[-a-zA-Z0-9_]+", code):
            problems.append(f"mã câu hỏi “{code}” chỉ gồm chữ không dấu, số, dấu gạch")
        elif code in seen:
            problems.append(f"mã câu hỏi “{code}” trùng với dòng {seen[code]}")
        else:
            seen[code] = number
        if not text:
            problems.append("thiếu nội dung câu hỏi")
        texts = [row[header] for header in CHOICE_COLUMNS]
        while texts and not texts[-1]:
            texts.pop()
        if len(texts) < 2 or not all(texts):
            problems.append("cần ít nhất hai phương án, điền liền nhau từ cột A")
        if len({t.casefold() for t in texts}) != len(texts):
            problems.append("hai phương án trùng nhau")
        letter = correct.upper()
        if letter not in LETTERS[: len(texts)] or len(letter) != 1:
            problems.append(f"đáp án đúng “{correct}” không phải một trong các phương án {', '.join(LETTERS[:max(len(texts), 1)])}")
        level = DIFFICULTY.get(difficulty.casefold() if difficulty else Question.Difficulty.MEDIUM.label.casefold())
        if level is None:
            problems.append(f"độ khó “{difficulty}” không hợp lệ (Dễ, Trung bình, Khó)")
        document = section = None
        if doc_code:
            document = documents.get(doc_code)
            if document is None:
                problems.append(f"không có tài liệu nguồn mã “{doc_code}”")
            elif section_code:
                section = sections.get((doc_code, section_code))
                if section is None:
                    problems.append(f"tài liệu “{doc_code}” không có mục “{section_code}”")
        elif section_code:
            problems.append("có mục tài liệu nguồn nhưng thiếu mã tài liệu nguồn")
        if active and active.casefold() not in (YES.casefold(), NO.casefold()):
            problems.append(f"cột Đang dùng ghi “{active}”, cần “Có” hoặc “Không”")
        if len(code) > 50 or len(note) > 500 or any(len(t) > 500 for t in texts):
            problems.append("nội dung quá dài (mã tối đa 50, phương án và trích dẫn tối đa 500 ký tự)")
        if problems:
            errors.append(f"Dòng {number}: " + "; ".join(problems) + ".")
            continue
        rows.append({
            "code": code, "text": text, "choices": [(t, LETTERS[i] == letter) for i, t in enumerate(texts)],
            "difficulty": level, "explanation": explanation, "source_document": document if not section else section.document,
            "source_section": section, "source_note": note, "is_active": active.casefold() != NO.casefold() if active else True,
        })
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError("Tệp không có câu hỏi nào.")
    return rows
