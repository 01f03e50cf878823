"""Excel import and export of the question bank: every row checked, errors by row number, all or nothing."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from campaign.models import ReferenceDocument, ReferenceSection
from contests.models import Choice, Question
from contests.question_bank import CHOICE_COLUMNS, HEADERS
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def workbook(*rows, headers=HEADERS):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(list(row))
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "cau-hoi.xlsx"
    return buffer


def row(code, text="Câu hỏi?", a="Một", b="Hai", c="Ba", d="", correct="B", level="Khó", doc="", section="", note="",
        active="Có", more=()):
    """A row in the order of the column table (question_bank.COLUMNS); `more`: choices E, F."""
    values = {
        "Mã câu hỏi": code, "Câu hỏi": text, "Đáp án đúng": correct, "Độ khó": level, "Giải thích": "Giải thích.",
        "Mã tài liệu nguồn": doc, "Mục tài liệu nguồn": section, "Trích dẫn nguồn": note, "Đang dùng": active,
        **dict(zip(CHOICE_COLUMNS, [a, b, c, d, *more])),
    }
    return [values.get(header, "") for header in HEADERS]


@pytest.fixture
def staff_client(client, contest):
    client.force_login(make_staff())
    return client


@pytest.fixture
def appendix(db):
    document = ReferenceDocument.objects.create(code="phu-luc-lao", title="Phụ lục Việt Nam – Lào")
    ReferenceSection.objects.create(document=document, code="3", heading="Kinh tế", body="<p>214 dự án</p>")
    return document


def upload(client, contest, book):
    return client.post(reverse("contests:questions_import", args=[contest.code]), {"file": book})


def test_export_then_import_gives_the_same_bank(staff_client, contest):
    before = list(Choice.objects.order_by("question__code", "order").values_list("question__code", "text", "is_correct"))
    response = staff_client.get(reverse("contests:questions_xlsx", args=[contest.code]))
    sheet = load_workbook(BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == HEADERS
    column = {c.value: c.column for c in sheet[1]}
    assert sheet["A2"].value == "c01" and sheet.cell(row=2, column=column["Đáp án đúng"]).value == "A"
    book = BytesIO(response.content)
    book.name = "x.xlsx"
    assert upload(staff_client, contest, book).status_code == 302
    after = list(Choice.objects.order_by("question__code", "order").values_list("question__code", "text", "is_correct"))
    assert after == before


def test_import_adds_and_replaces_questions(staff_client, contest, appendix):
    response = upload(staff_client, contest, workbook(
        row("c01", text="Câu hỏi mới số 1?", correct="C"),
        row("moi-1", text="Việt Nam có bao nhiêu dự án đầu tư sang Lào?", a="214", b="188", c="", correct="A",
            doc="phu-luc-lao", section="3", level="Dễ"),
    ), )
    assert response.status_code == 302
    changed = Question.objects.get(code="c01")
    assert changed.text == "Câu hỏi mới số 1?" and changed.choices.get(is_correct=True).text == "Ba"
    new = Question.objects.get(code="moi-1")
    assert new.source_section.code == "3" and new.source_document == appendix and new.difficulty == "easy"
    assert list(new.choices.values_list("text", "is_correct")) == [("214", True), ("188", False)]
    assert "1 câu mới, 1 câu cập nhật" in staff_client.get(response.url).content.decode()


def test_a_file_with_errors_stores_nothing_and_names_the_rows(staff_client, contest, appendix):
    before = list(Question.objects.values()), list(Choice.objects.values())
    response = upload(staff_client, contest, workbook(
        row("c01", text="Sửa câu 1?"),             # row 2: fine, but the file fails as a whole
        row("", text=""),                           # row 3
        row("x2", correct="D"),                     # row 4
        row("x3", a="Một", b="một"),                # row 5
        row("x2"),                                  # row 6: same code as row 4
        row("x4", doc="khong-co"),                  # row 7
        row("x5", doc="phu-luc-lao", section="9"),  # row 8
        row("x6", level="Rất khó", active="Chắc"),  # row 9
        row("mã có dấu"),                           # row 10
        row("x7", a="", b="Hai"),                   # row 11
    ))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dòng 2" not in html
    for expected in [
        "Dòng 3: thiếu mã câu hỏi; thiếu nội dung câu hỏi.",
        "Dòng 4: đáp án đúng “D” không phải một trong các phương án A, B, C.",
        "Dòng 5: hai phương án trùng nhau.",
        "Dòng 6: mã câu hỏi “x2” trùng với dòng 4.",
        "Dòng 7: không có tài liệu nguồn mã “khong-co”.",
        "Dòng 8: tài liệu “phu-luc-lao” không có mục “9”.",
        "Dòng 9: độ khó “Rất khó” không hợp lệ (Dễ, Trung bình, Khó); cột Đang dùng ghi “Chắc”, cần “Có” hoặc “Không”.",
        "Dòng 10: mã câu hỏi “mã có dấu” chỉ gồm chữ không dấu, số, dấu gạch.",
        "Dòng 11: cần ít nhất hai phương án, điền liền nhau từ cột A",
    ]:
        assert expected in html, expected
    assert (list(Question.objects.values()), list(Choice.objects.values())) == before


def test_wrong_headers_or_not_a_workbook(staff_client, contest):
    html = upload(staff_client, contest, workbook(row("a"), headers=["Mã", "Câu"])).content.decode()
    assert "Dòng 1 phải là tiêu đề các cột" in html
    junk = BytesIO(b"not a workbook")
    junk.name = "x.xlsx"
    assert "Không đọc được tệp" in upload(staff_client, contest, junk).content.decode()
    assert "Tệp không có câu hỏi nào" in upload(staff_client, contest, workbook()).content.decode()


def test_only_staff_reach_the_bank(client, contest):
    for name in ("questions_xlsx", "questions_import", "statistics"):
        url = reverse(f"contests:{name}", args=[contest.code])
        assert client.get(url).status_code == 302  # to the login page


def test_export_writes_question_text_that_looks_like_a_formula_as_text(staff_client, contest):
    from tests.sheets import PAYLOAD, assert_no_formulas, text_cells

    question = Question.objects.filter(contest=contest).order_by("code").first()
    question.text = PAYLOAD
    question.save()
    choice = question.choices.first()
    choice.text = "-5 + 3"
    choice.save()
    book = assert_no_formulas(staff_client.get(reverse("contests:questions_xlsx", args=[contest.code])).content)
    assert text_cells(book, PAYLOAD) and text_cells(book, "-5 + 3")


def test_import_refuses_a_formula_cell_by_row_and_stores_nothing(staff_client, contest):
    from tests.sheets import PAYLOAD

    before = list(Question.objects.values()), list(Choice.objects.values())
    response = upload(staff_client, contest, workbook(
        row("f1"),                      # row 2: fine, but the file fails as a whole
        row("f2", text=PAYLOAD),        # row 3: a live formula in the question's text
        row("f3", a="=1+1", d="=A1"),   # row 4: two of them
    ))
    html = response.content.decode()
    assert "Dòng 3: ô B3 chứa công thức; hãy nhập nội dung dạng văn bản." in html
    assert "Dòng 4: ô C4, F4 chứa công thức; hãy nhập nội dung dạng văn bản." in html
    assert "Dòng 2" not in html
    assert (list(Question.objects.values()), list(Choice.objects.values())) == before
    assert not Question.objects.filter(text__startswith="=").exists()


def test_import_keeps_text_that_only_looks_like_a_formula(staff_client, contest):
    """A cell stored as text ("=…" with the quote prefix, as the export writes it) is text, not a formula."""
    from tests.sheets import PAYLOAD

    question = Question.objects.filter(contest=contest).order_by("code").first()
    question.text = PAYLOAD
    question.save()
    exported = BytesIO(staff_client.get(reverse("contests:questions_xlsx", args=[contest.code])).content)
    exported.name = "cau-hoi.xlsx"
    response = upload(staff_client, contest, exported)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == PAYLOAD


def test_six_choices_with_the_last_correct_go_out_and_come_back_whole(staff_client, contest):
    """The model's limit, every letter: export then import gives back the same question (issue 12.3)."""
    from contests.services import question_save

    question = Question.objects.filter(contest=contest).order_by("code").first()
    texts = ["Một", "Hai", "Ba", "Bốn", "Năm", "Sáu"]
    assert len(texts) == Question.MAX_CHOICES
    question_save(question=question, choices=[(t, i == 5) for i, t in enumerate(texts)])
    response = staff_client.get(reverse("contests:questions_xlsx", args=[contest.code]))
    sheet = load_workbook(BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == HEADERS and "Phương án F" in HEADERS
    exported = {c.value: c.column for c in sheet[1]}
    assert sheet.cell(row=2, column=exported["Đáp án đúng"]).value == "F"
    assert sheet.cell(row=2, column=exported["Phương án E"]).value == "Năm"
    Choice.objects.filter(question=question).delete()
    book = BytesIO(response.content)
    book.name = "x.xlsx"
    assert upload(staff_client, contest, book).status_code == 302
    assert list(question.choices.order_by("order").values_list("text", "is_correct")) == [
        (t, i == 5) for i, t in enumerate(texts)
    ]


def test_a_seventh_choice_is_refused_by_the_one_rule(contest):
    from contests.services import ServiceError, question_save

    question = Question.objects.filter(contest=contest).first()
    with pytest.raises(ServiceError, match="tối đa 6 phương án"):
        question_save(question=question, choices=[(f"Phương án {i}", i == 0) for i in range(7)])
