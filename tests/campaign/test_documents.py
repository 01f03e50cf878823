import io
from datetime import date

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from django.core.exceptions import ValidationError

from campaign.documents import html_blocks, long_date, plan_docx
from campaign.formats import IssuerKind, format_for, kind_of_unit, recipient_lines
from campaign.models import Channel, Plan, ReportingPeriod, Task, Theme, Unit
from tests.factories import make_staff

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

pytestmark = pytest.mark.django_db


def make_plan(*, tasks=2, channels=True, **fields):
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
    if channels:
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


# -- The rule set follows the issuing body's kind (issue 10, point 5) ---------------------------


STATE = {
    "issuer_kind": IssuerKind.STATE, "parent_body": "", "issuing_body": "Ủy ban nhân dân tỉnh Gia Lai",
    "place": "Gia Lai", "issued_on": date(2025, 12, 23), "number": "149", "symbol": "KH-UBND",
    "signer_authority": "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", "signer_title": "PHÓ CHỦ TỊCH", "signer_name": "",
    "recipients": "Bộ Ngoại giao;\nCác sở, ngành của tỉnh;\nLưu: VT, VI.",
}


def all_texts(document):
    """Every paragraph of the body, of its tables and of its headers."""
    texts = body_texts(document)
    for table in document.tables:
        for cell in table._cells:
            texts.extend(cell_texts(cell))
    return texts


def has_bottom_border(paragraph):
    return paragraph._p.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None


def test_state_plan_has_quoc_hieu_tieu_ngu_and_a_colon_number():
    document = open_docx(make_plan(**STATE))
    left, right = document.tables[0].rows[0].cells
    texts = cell_texts(right)
    assert texts[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert right.paragraphs[0].runs[0].bold and right.paragraphs[1].runs[0].bold
    assert not right.paragraphs[0].runs[0].underline
    # A rule below the tiêu ngữ, and a short rule below the issuing body.
    assert has_bottom_border(right.paragraphs[2])
    # "ỦY BAN NHÂN DÂN" over "TỈNH GIA LAI", as Nghị định 30 prints a People's Committee.
    assert cell_texts(left)[:2] == ["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI"]
    assert left.paragraphs[0].runs[0].bold and left.paragraphs[1].runs[0].bold
    assert has_bottom_border(left.paragraphs[2])
    # The right column is wide enough for the quốc hiệu on one line.
    assert round(document.tables[0].columns[1].width.mm) == 100
    assert cell_texts(left)[-1] == "Số: 149/KH-UBND"
    assert "*" not in cell_texts(left)
    assert texts[-1] == "Gia Lai, ngày 23 tháng 12 năm 2025"
    assert not any("ĐẢNG CỘNG SẢN" in text for text in all_texts(document))


def test_state_plan_document_type_is_14_pt_and_headings_use_a_full_stop():
    document = open_docx(make_plan(**STATE))
    by_text = {paragraph.text: paragraph for paragraph in document.paragraphs}
    assert by_text["KẾ HOẠCH"].runs[0].font.size == Pt(14)
    assert "I. MỤC ĐÍCH, YÊU CẦU" in by_text and "IV. TỔ CHỨC THỰC HIỆN" in by_text
    assert "-----" not in by_text


def test_party_plan_has_the_party_heading_and_no_quoc_hieu():
    document = open_docx(make_plan())
    texts = all_texts(document)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts and "Số …-KH/TU" in texts
    assert not any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in text or "Độc lập" in text or text.startswith("Số:") for text in texts)
    assert {paragraph.text: paragraph for paragraph in document.paragraphs}["KẾ HOẠCH"].runs[0].font.size == Pt(16)


def test_state_signature_splits_the_authority_line_and_omits_a_missing_name():
    document = open_docx(make_plan(**STATE))
    left, right = document.tables[-1].rows[0].cells
    assert [text for text in cell_texts(right) if text] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert cell_texts(left) == ["Nơi nhận:", "- Bộ Ngoại giao;", "- Các sở, ngành của tỉnh;", "- Lưu: VT, VI."]


def test_empty_recipients_still_print_the_office_copy_line():
    document = open_docx(make_plan(recipients=""))
    left, _ = document.tables[-1].rows[0].cells
    assert cell_texts(left) == ["Nơi nhận:", "- Lưu: VT."]
    assert recipient_lines(["- Sở Ngoại vụ;", "", "+ Lưu: VT, NV."]) == ["- Sở Ngoại vụ;", "- Lưu: VT, NV."]


def test_headings_without_content_are_left_out_and_the_rest_renumbered():
    plan = make_plan(purposes="", requirements="<p>&nbsp; </p>", channels=False)
    texts = body_texts(open_docx(plan))
    assert not {"1. Mục đích", "2. Yêu cầu", "3. Thời gian", "I- MỤC ĐÍCH, YÊU CẦU"} & set(texts)
    assert not any("HÌNH THỨC TUYÊN TRUYỀN" in text for text in texts)
    expected = ["I- THỜI GIAN", "Từ 01/06/2022 đến 31/12/2022; cao điểm từ 01/07/2022 đến 18/07/2022.",
                "II- NỘI DUNG TUYÊN TRUYỀN", "III- TỔ CHỨC THỰC HIỆN"]
    positions = [texts.index(text) for text in expected]
    assert positions == sorted(positions)


def test_only_purposes_keep_their_heading_and_time_is_numbered_after_them():
    texts = body_texts(open_docx(make_plan(requirements="")))
    assert "I- MỤC ĐÍCH" in texts and "1. Mục đích" in texts and "2. Thời gian" in texts
    assert "2. Yêu cầu" not in texts


def test_pages_are_numbered_in_the_header_from_page_two():
    document = open_docx(make_plan())
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section._sectPr.find(f"{W}titlePg") is not None
    header = section.header
    assert not header.is_linked_to_previous
    fields = header._element.findall(f".//{W}fldSimple")
    assert [field.get(f"{W}instr").strip() for field in fields] == ["PAGE"]
    assert header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert first._element.findall(f".//{W}fldSimple") == [] and not "".join(p.text for p in first.paragraphs)


def test_a_state_plan_refuses_party_signature_prefixes():
    plan = Plan(code="x", title="Kế hoạch", issuing_body="UBND tỉnh", issuer_kind=IssuerKind.STATE,
                starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31), signer_authority="T/M ỦY BAN NHÂN DÂN")
    with pytest.raises(ValidationError) as error:
        plan.clean()
    assert error.value.message_dict["signer_authority"] == [
        "Văn bản của cơ quan nhà nước ghi thẩm quyền ký bằng “TM.”, “KT.”, “TL.”, “Q.” "
        "(Nghị định 30/2020/NĐ-CP, Phụ lục I), không ghi “T/M”."
    ]
    plan.issuer_kind = IssuerKind.PARTY
    plan.clean()
    plan.signer_authority = "KT. BÍ THƯ"
    with pytest.raises(ValidationError):
        plan.clean()


def test_the_rule_set_is_chosen_by_the_kind_of_body_in_one_place():
    assert format_for(IssuerKind.STATE).reference("04", "BC-UBND") == "Số: 04/BC-UBND"
    assert format_for(IssuerKind.PARTY).reference("12", "BC/BTGTU") == "Số 12-BC/BTGTU"
    assert format_for(IssuerKind.PARTY).reference("", "KH/TU") == "Số …-KH/TU"
    assert kind_of_unit(Unit(kind=Unit.Kind.GOVERNMENT)) == IssuerKind.STATE
    assert kind_of_unit(Unit(kind=Unit.Kind.DEPARTMENT)) == IssuerKind.STATE
    assert kind_of_unit(Unit(kind=Unit.Kind.PARTY_BOARD)) == IssuerKind.PARTY


def test_the_plan_page_uses_the_same_rule_set(client):
    client.force_login(make_staff())
    state = make_plan(code="ke-hoach-ubnd", purposes="", channels=False, **{k: v for k, v in STATE.items() if k != "purposes"})
    html = client.get(f"/lam-viec/ke-hoach/{state.pk}/").content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html and "Độc lập - Tự do - Hạnh phúc" in html
    assert "Số: 149/KH-UBND" in html and "ĐẢNG CỘNG SẢN" not in html
    assert "1. Mục đích" not in html and "HÌNH THỨC TUYÊN TRUYỀN" not in html
    assert "I. MỤC ĐÍCH" not in html and "I. YÊU CẦU" in html
    assert "- Lưu: VT, VI." in html and "KT. CHỦ TỊCH" in html
    party = make_plan()
    html = client.get(f"/lam-viec/ke-hoach/{party.pk}/").content.decode()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in html and "CỘNG HÒA XÃ HỘI" not in html and "Số …-KH/TU" in html
    assert "1. Mục đích" in html and "III- HÌNH THỨC TUYÊN TRUYỀN" in html


def test_the_migration_marks_peoples_committee_and_department_plans_as_state():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("campaign.migrations.0011_plan_issuer_kind_and_book_details")
    ubnd = make_plan(code="ubnd", issuing_body="ỦY BAN NHÂN DÂN TỈNH GIA LAI")
    department = make_plan(code="so", issuing_body="Sở Ngoại vụ tỉnh Gia Lai")
    by_symbol = make_plan(code="ky-hieu", issuing_body="Tỉnh Gia Lai", symbol="KH-UBND")
    party = make_plan(code="dang", issuing_body="Đảng ủy cơ sở phường 1")
    migration.mark_state_plans(apps, None)
    kinds = dict(Plan.objects.values_list("code", "issuer_kind"))
    assert [kinds[p.code] for p in (ubnd, department, by_symbol, party)] == ["state", "state", "state", "party"]
