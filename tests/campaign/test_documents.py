import io
from datetime import date

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from campaign.documents import html_blocks, long_date, plan_docx
from campaign.models import Channel, Plan, ReportingPeriod, Task, Theme

pytestmark = pytest.mark.django_db


def make_plan(*, tasks=2, **fields):
    values = {
        "code": "nam-huu-nghi-2022",
        "title": "Tuyên truyền Năm Hữu nghị Việt Nam – Campuchia, Năm Đoàn kết hữu nghị Việt Nam – Lào 2022",
        "parent_body": "Đảng bộ tỉnh Lâm Đồng",
        "issuing_body": "Thành ủy Đà Lạt",
        "place": "Đà Lạt",
        "issued_on": date(2022, 6, 9),
        "basis": "<p>Thực hiện Kế hoạch số 88-KH/BTGTW của Ban Tuyên giáo Trung ương...</p>",
        "purposes": "<ul><li>Nâng cao nhận thức về quan hệ <strong>đặc biệt</strong> Việt Nam – Lào.</li></ul>",
        "requirements": "<p>Tuyên truyền <em>thiết thực</em>, hiệu quả.</p>",
        "starts_on": date(2022, 6, 1),
        "ends_on": date(2022, 12, 31),
        "peak_start": date(2022, 7, 1),
        "peak_end": date(2022, 7, 18),
        "closing": "<p>Ban Thường vụ Thành ủy đề nghị các đơn vị triển khai thực hiện.</p>",
        "recipients": "Ban Tuyên giáo Tỉnh ủy,\nCác tổ chức cơ sở Đảng,\nLưu Văn phòng Thành ủy.",
        "signer_authority": "T/M BAN THƯỜNG VỤ",
        "signer_title": "PHÓ BÍ THƯ",
        "signer_name": "Đặng Quang Tú",
    }
    values.update(fields)
    plan = Plan.objects.create(**values)
    one = Theme.objects.create(plan=plan, code="1", title="Quan hệ hữu nghị Việt Nam – Lào", order=1,
                               body="<ul><li>Lịch sử quan hệ hai nước.</li><li>Hợp tác toàn diện.</li></ul>")
    Theme.objects.create(plan=plan, parent=one, code="1.1", title="60 năm thiết lập quan hệ ngoại giao", order=2)
    Theme.objects.create(plan=plan, code="2", title="Quan hệ hữu nghị Việt Nam – Campuchia", order=3)
    Channel.objects.create(plan=plan, code="1", title="Tuyên truyền trên báo chí", order=1)
    for number in range(tasks):
        task = Task.objects.create(
            plan=plan, title=f"Nhiệm vụ {number}", order=number,
            description=f"<p>Mô tả nhiệm vụ {number}.</p>",
            unit_group="Các tổ chức cơ sở Đảng" if number % 2 == 0 else "Mặt trận Tổ quốc và các đoàn thể",
            schedule=Task.Schedule.ONCE if number == 0 else Task.Schedule.MONTHLY,
        )
        if number == 0:
            ReportingPeriod.objects.create(task=task, label="Báo cáo tổng kết", starts_on=date(2022, 6, 1),
                                           ends_on=date(2022, 6, 30), due_on=date(2022, 6, 30), is_final=True)
        else:
            for month in (7, 8):
                ReportingPeriod.objects.create(task=task, label=f"Tháng {month}/2022", starts_on=date(2022, month, 1),
                                               ends_on=date(2022, month, 28), due_on=date(2022, month + 1, 5))
    return plan


def open_docx(plan):
    return Document(io.BytesIO(plan_docx(Plan.objects.get(pk=plan.pk))))


def body_texts(document):
    return [paragraph.text for paragraph in document.paragraphs]


def cell_texts(cell):
    return [paragraph.text for paragraph in cell.paragraphs]


def test_header_names_the_party_the_issuing_body_and_an_unnumbered_reference():
    document = open_docx(make_plan())
    left, right = document.tables[0].rows[0].cells
    assert cell_texts(left) == ["ĐẢNG BỘ TỈNH LÂM ĐỒNG", "THÀNH ỦY ĐÀ LẠT", "*", "Số …-KH/TU"]
    assert left.paragraphs[1].runs[0].bold
    assert not left.paragraphs[0].runs[0].bold
    assert left.paragraphs[2].alignment == WD_ALIGN_PARAGRAPH.CENTER
    party = right.paragraphs[0]
    assert party.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert party.runs[0].bold and party.runs[0].underline
    date_line = right.paragraphs[-1]
    assert date_line.text == "Đà Lạt, ngày 09 tháng 6 năm 2022"
    assert date_line.runs[0].italic


def test_header_shows_the_number_once_given_and_dots_without_a_date():
    document = open_docx(make_plan(number="45", issued_on=None))
    left, right = document.tables[0].rows[0].cells
    assert cell_texts(left)[-1] == "Số 45-KH/TU"
    assert cell_texts(right)[-1] == "Đà Lạt, ngày … tháng … năm …"


def test_header_table_has_no_borders():
    document = open_docx(make_plan())
    borders = document.tables[0]._tbl.tblPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblBorders")
    assert borders is not None
    assert {edge.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") for edge in borders} == {"nil"}


def test_long_date_pads_days_below_ten_and_months_one_and_two():
    assert long_date("Đà Lạt", date(2022, 2, 3)) == "Đà Lạt, ngày 03 tháng 02 năm 2022"
    assert long_date("Đà Lạt", date(2022, 11, 20)) == "Đà Lạt, ngày 20 tháng 11 năm 2022"


def test_title_block():
    texts = body_texts(open_docx(make_plan()))
    start = texts.index("KẾ HOẠCH")
    assert texts[start + 1].startswith("Tuyên truyền Năm Hữu nghị")
    assert texts[start + 2] == "-----"


def test_body_sections_themes_and_channels_in_order():
    texts = body_texts(open_docx(make_plan()))
    expected = [
        "Thực hiện Kế hoạch số 88-KH/BTGTW của Ban Tuyên giáo Trung ương...",
        "I- MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "- Nâng cao nhận thức về quan hệ đặc biệt Việt Nam – Lào.",
        "2. Yêu cầu",
        "Tuyên truyền thiết thực, hiệu quả.",
        "3. Thời gian",
        "Từ 01/06/2022 đến 31/12/2022; cao điểm từ 01/07/2022 đến 18/07/2022.",
        "II- NỘI DUNG TUYÊN TRUYỀN",
        "1. Quan hệ hữu nghị Việt Nam – Lào",
        "- Lịch sử quan hệ hai nước.",
        "- Hợp tác toàn diện.",
        "1.1. 60 năm thiết lập quan hệ ngoại giao",
        "2. Quan hệ hữu nghị Việt Nam – Campuchia",
        "III- HÌNH THỨC TUYÊN TRUYỀN",
        "1. Tuyên truyền trên báo chí",
        "IV- TỔ CHỨC THỰC HIỆN",
    ]
    positions = [texts.index(text) for text in expected]
    assert positions == sorted(positions)


def test_theme_headings_are_bold_and_children_bold_italic():
    document = open_docx(make_plan())
    by_text = {paragraph.text: paragraph for paragraph in document.paragraphs}
    top = by_text["1. Quan hệ hữu nghị Việt Nam – Lào"].runs[0]
    child = by_text["1.1. 60 năm thiết lập quan hệ ngoại giao"].runs[0]
    assert top.bold and not top.italic
    assert child.bold and child.italic


def test_rich_text_keeps_bold_and_italic_runs():
    document = open_docx(make_plan())
    by_text = {paragraph.text: paragraph for paragraph in document.paragraphs}
    runs = by_text["Tuyên truyền thiết thực, hiệu quả."].runs
    assert [(run.text, bool(run.italic)) for run in runs] == [
        ("Tuyên truyền ", False), ("thiết thực", True), (", hiệu quả.", False),
    ]


def test_html_blocks_handles_breaks_entities_and_plain_text():
    assert html_blocks("<p>Một&nbsp;<strong>hai</strong><br>ba</p>") == [
        (False, [("Một\xa0", False, False), ("hai", True, False), ("\n", False, False), ("ba", False, False)]),
    ]
    assert html_blocks("Dòng một\nDòng hai") == [
        (False, [("Dòng một", False, False)]), (False, [("Dòng hai", False, False)]),
    ]
    assert html_blocks("") == []


def test_tasks_are_grouped_by_unit_group_with_their_deadlines():
    texts = body_texts(open_docx(make_plan(tasks=3)))
    start = texts.index("IV- TỔ CHỨC THỰC HIỆN")
    assert texts[start + 1:start + 8] == [
        "1. Các tổ chức cơ sở Đảng",
        "- Mô tả nhiệm vụ 0.",
        "Thời hạn: 30/06/2022",
        "- Mô tả nhiệm vụ 2.",
        "Báo cáo: Tháng 7/2022 (hạn 05/08/2022); Tháng 8/2022 (hạn 05/09/2022)",
        "2. Mặt trận Tổ quốc và các đoàn thể",
        "- Mô tả nhiệm vụ 1.",
    ]


def test_deadline_line_is_italic():
    document = open_docx(make_plan())
    line = next(p for p in document.paragraphs if p.text == "Thời hạn: 30/06/2022")
    assert all(run.italic for run in line.runs)


def test_generated_time_frame_is_replaced_by_the_plan_text():
    texts = body_texts(open_docx(make_plan(time_frame="<p>Cả năm 2022.</p>")))
    assert "Cả năm 2022." in texts
    assert not any(text.startswith("Từ 01/06/2022") for text in texts)


def test_recipients_and_signer_block():
    document = open_docx(make_plan())
    left, right = document.tables[-1].rows[0].cells
    assert cell_texts(left) == [
        "Nơi nhận:", "- Ban Tuyên giáo Tỉnh ủy,", "- Các tổ chức cơ sở Đảng,", "- Lưu Văn phòng Thành ủy.",
    ]
    heading = left.paragraphs[0].runs[0]
    assert heading.bold and heading.italic and heading.font.size == Pt(12)
    assert left.paragraphs[1].runs[0].font.size == Pt(11)
    signer = [text for text in cell_texts(right) if text]
    assert signer == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Đặng Quang Tú"]
    assert all(p.runs[0].bold for p in right.paragraphs if p.text)
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in right.paragraphs)
    closing = body_texts(document).index("Ban Thường vụ Thành ủy đề nghị các đơn vị triển khai thực hiện.")
    assert closing > body_texts(document).index("IV- TỔ CHỨC THỰC HIỆN")


def test_page_is_a4_with_party_margins_and_times_new_roman():
    document = open_docx(make_plan())
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(margin.mm, 1) for margin in margins] == [20, 20, 30, 15]
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)
    body = normal.paragraph_format
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(body.first_line_indent.mm, 1) == 10
    assert body.space_after == Pt(6)
    assert body.line_spacing == 1.15


@pytest.mark.parametrize("tasks", [2, 20])
def test_queries_do_not_grow_with_the_number_of_tasks(tasks, django_assert_num_queries):
    plan = make_plan(tasks=tasks)
    for number in range(tasks):
        Theme.objects.create(plan=plan, code=f"9.{number}", title=f"Nội dung {number}", order=100 + number)
    plan = Plan.objects.get(pk=plan.pk)
    # Themes, channels, tasks and their periods.
    with django_assert_num_queries(4):
        plan_docx(plan)
