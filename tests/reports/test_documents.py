"""The Word export of report 04/BC-UBND: Nghị định 30/2020/NĐ-CP, read back with python-docx,
and converted by LibreOffice headless (the reference reader of ../shared/FORMATS.md)."""

import io
import re
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from reports.documents import FIGURE_HEADERS, report_docx
from reports.models import Report, format_vi

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ARTIFACTS = "test-artifacts/reports"


@pytest.fixture
def report(seeded):
    return Report.objects.get(pk=seeded.pk)


@pytest.fixture
def docx_bytes(report):
    return report_docx(report)


@pytest.fixture
def document(docx_bytes):
    return Document(io.BytesIO(docx_bytes))


def texts(container):
    return [paragraph.text for paragraph in container.paragraphs]


def is_bold(paragraph):
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def has_bottom_rule(paragraph):
    return paragraph._p.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None


def test_a4_margins_and_fonts(document):
    section = document.sections[0]
    mm = lambda length: round(length.mm, 1)  # noqa: E731 – Word stores twips
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert 20 <= mm(section.top_margin) <= 25 and 20 <= mm(section.bottom_margin) <= 25
    assert 30 <= mm(section.left_margin) <= 35
    assert 15 <= mm(section.right_margin) <= 20
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and Pt(13) <= normal.font.size <= Pt(14)
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(f"{W}{name}") for name in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    # No run picks another font; sizes stay within the rules (body 13–14, tables 11, header 12–14).
    body = document.element.body
    assert {f.get(f"{W}ascii") for f in body.iter(f"{W}rFonts")} <= {"Times New Roman", None}
    sizes = {int(sz.get(f"{W}val")) / 2 for sz in body.iter(f"{W}sz") if sz.getparent().tag == f"{W}rPr"}
    assert sizes and min(sizes) >= 11 and max(sizes) <= 14


def test_header_issuing_body_reference_national_heading_and_date(document):
    left, right = document.tables[0].rows[0].cells
    lines = [p for p in left.paragraphs if p.text or has_bottom_rule(p)]
    assert [p.text for p in lines] == ["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI", "", "Số: 04/BC-UBND"]
    assert is_bold(lines[0]) and is_bold(lines[1]) and has_bottom_rule(lines[2]) and not is_bold(lines[3])
    right_lines = [p for p in right.paragraphs if p.text or has_bottom_rule(p)]
    assert [p.text for p in right_lines] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "",
                                              "Gia Lai, ngày 12 tháng 01 năm 2026"]
    assert is_bold(right_lines[0]) and is_bold(right_lines[1]) and has_bottom_rule(right_lines[2])
    assert all(run.italic for run in right_lines[3].runs)
    for paragraph in (*lines, *right_lines):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_title_in_bold_capitals(document, report):
    paragraphs = document.paragraphs
    index = [p.text for p in paragraphs].index("BÁO CÁO")
    kind, title = paragraphs[index], paragraphs[index + 1]
    assert is_bold(kind) and kind.text.isupper() and kind.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.text == report.title and is_bold(title)


def test_page_numbers_from_page_two_centred_at_the_top(document):
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert not "".join(texts(section.first_page_header)).strip()
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert header._p.find(f"{W}fldSimple").get(f"{W}instr") == "PAGE"


def test_every_heading_in_order(document, facts):
    expected = ["I. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC"]
    expected += [f"{sector['number']}. {sector['title']}" for sector in facts["sectors"]]
    expected += ["III. ĐÁNH GIÁ CHUNG", "1. Kết quả đạt được", "2. Khó khăn", "3. Nguyên nhân",
                 "a) Về khách quan", "b) Về chủ quan", "IV. PHƯƠNG HƯỚNG, NỘI DUNG HỢP TÁC GIAI ĐOẠN 2026 - 2030"]
    body = document.paragraphs
    appendix = [p.text for p in body].index("PHỤ LỤC")
    headings = [p.text for p in body[:appendix] if is_bold(p) and p.alignment != WD_ALIGN_PARAGRAPH.CENTER]
    assert headings == expected
    text = "\n".join(p.text for p in body[:appendix])
    # The body's words, in the body's order: preamble, narratives, directions and their sub-items, closing.
    order = ["Thực hiện chủ trương của Đảng", "73 triệu USD", "Những kết quả đạt được nêu trên",
             "Hạn chế:", "Khó khăn, vướng mắc:", *[f"{d['number']}. {d['text'][:40]}" for d in facts["directions_2026_2030"]],
             "Trên đây là Báo cáo"]
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)
    for direction in facts["directions_2026_2030"]:
        for item in direction["sub_items"]:
            assert f"- {item}" in text


def test_every_figure_in_the_appendix(document, facts, report):
    texts_ = [p.text for p in document.paragraphs]
    appendix = texts_.index("PHỤ LỤC")
    assert texts_[appendix + 2] == "(Kèm theo Báo cáo số 04/BC-UBND ngày 12/01/2026 của Ủy ban nhân dân tỉnh Gia Lai)"
    figure_tables = [t for t in document.tables if [c.text for c in t.rows[0].cells] == FIGURE_HEADERS]
    rows = [[cell.text for cell in row.cells] for table in figure_tables for row in table.rows[1:]]
    assert len(rows) == len(facts["indicators"]) == report.values.count()
    printed = {(row[1], row[5], row[6]) for row in rows}
    for value in report.values.select_related("indicator"):
        assert (value.indicator.name, value.display_number, value.indicator.unit) in printed
    # The figures of the example, as Vietnamese writes them.
    trade = [row for row in rows if row[1] == "Kim ngạch thương mại hai chiều" and row[4] in ("2022", "2023")]
    assert {(row[4], row[5], row[6]) for row in trade} >= {("2022", "73", "triệu USD"), ("2023", "47,9", "triệu USD")}
    assert format_vi(1800000) == "1.800.000"
    # Tables: 11 pt, header row repeated on each page.
    for table in figure_tables:
        assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None


def test_recipients_and_signature_side_by_side(document, facts):
    signature = next(t for t in document.tables if t.rows[0].cells[0].paragraphs
                     and t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")
    left, right = signature.rows[0].cells
    recipients = facts["document"]["recipients"]
    expected = [f"- {item};" for item in recipients[:-1]] + [f"- {recipients[-1]}."]
    assert texts(left) == ["Nơi nhận:", *expected]
    heading = left.paragraphs[0]
    assert heading.runs[0].bold and heading.runs[0].italic and heading.runs[0].font.size == Pt(12)
    assert all(p.runs[0].font.size == Pt(11) for p in left.paragraphs[1:])
    lines = [text for text in texts(right) if text]
    assert lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert all(is_bold(p) for p in right.paragraphs if p.text)
    # The signature closes the body: the appendix starts after it.
    body = document.element.body
    assert list(body).index(signature._tbl) < list(body).index(
        next(p for p in document.paragraphs if p.text == "PHỤ LỤC")._p)


def test_export_reads_a_fixed_number_of_queries(report, django_assert_max_num_queries):
    # As the page (selectors.report_page): each table once, whatever the number of figures.
    with CaptureQueriesContext(connection) as first:
        report_docx(Report.objects.get(pk=report.pk))
    report.values.first().__class__.objects.bulk_create([
        type(value)(report=report, indicator=value.indicator, sector=value.sector, section=value.section,
                    entity=value.entity, number=value.number + 1, source_sentence="thêm", order=1000 + index)
        for index, value in enumerate(report.values.all()[:30])
    ])
    with django_assert_max_num_queries(len(first.captured_queries)):
        report_docx(Report.objects.get(pk=report.pk))


def soffice(*args, cwd):
    # A private profile: parallel runs (and other sessions) do not share LibreOffice's lock.
    profile = f"-env:UserInstallation=file://{cwd}/lo-profile"
    return subprocess.run(["soffice", profile, "--headless", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=180)


@pytest.mark.libreoffice
def test_libreoffice_converts_to_pdf_and_renders_the_first_page(docx_bytes, tmp_path, project_root):
    source = tmp_path / "04-bc-ubnd.docx"
    source.write_bytes(docx_bytes)
    result = soffice("--convert-to", "pdf", "--outdir", str(tmp_path), str(source), cwd=tmp_path)
    pdf = tmp_path / "04-bc-ubnd.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    assert data.startswith(b"%PDF") and pages >= 5, pages

    artifacts = project_root / ARTIFACTS
    artifacts.mkdir(parents=True, exist_ok=True)
    # The first page as a PNG, kept in test-artifacts/reports/ to be looked at.
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(tmp_path / "04-bc-ubnd")], check=True, timeout=120)
    png = tmp_path / "04-bc-ubnd.png"
    assert png.read_bytes().startswith(b"\x89PNG")
    shutil.copy(png, artifacts / "04-bc-ubnd-trang-1.png")
    shutil.copy(pdf, artifacts / "04-bc-ubnd.pdf")


def test_plan_and_report_share_the_official_document_mixin(report):
    from campaign.formats import OfficialDocument
    from campaign.models import Plan

    assert isinstance(report, OfficialDocument) and issubclass(Plan, OfficialDocument)
    assert (report.document_type, Plan.document_type) == ("BÁO CÁO", "KẾ HOẠCH")
    assert report.issuer_lines == [("ỦY BAN NHÂN DÂN", True), ("TỈNH GIA LAI", True)]
    report.signer_authority = "T/M ỦY BAN NHÂN DÂN"
    assert "không ghi “T/M”" in report.signature_errors()["signer_authority"]


def test_an_annual_round_exports_its_accepted_values_and_no_empty_parts(round_2026, foreign_affairs, staff):
    # A 2026 round, Sở Ngoại vụ's part accepted and compiled: the Word file carries the compiled
    # sentence and the figure, and leaves out the assessment and outlook the annual report lacks.
    from decimal import Decimal

    from openpyxl import load_workbook

    from reports import rounds
    from reports.models import RoundIndicator, SectorNarrative
    from reports.spreadsheets import report_workbook

    submission, officer = foreign_affairs
    item = RoundIndicator.objects.filter(round=round_2026, sector__in=submission.sectors.all()).select_related(
        "indicator", "sector").first()
    rounds.submission_save(submission=submission, by=officer, year=2026, narratives={},
                           entries=[rounds.Entry(item=item, partner=None, number=Decimal(37))], submit=True)
    submission.refresh_from_db()
    rounds.submission_accept(submission=submission, by=staff)
    rounds.round_compile(round_=round_2026, by=staff)
    report = Report.objects.get(pk=round_2026.report.pk)
    sentence = SectorNarrative.objects.get(report=report, sector=item.sector).figures_text
    assert "37" in sentence and "2026" in sentence

    document = Document(io.BytesIO(report_docx(report)))
    body = "\n".join(texts(document))
    assert sentence in body
    assert "None" not in body
    assert "ĐÁNH GIÁ CHUNG" not in body and "PHƯƠNG HƯỚNG" not in body
    appendix = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert [item.indicator.name, "37", item.indicator.unit] in [[row[1], row[5], row[6]] for row in appendix if len(row) == len(FIGURE_HEADERS)]

    sheets = load_workbook(io.BytesIO(report_workbook(report)), read_only=True)
    numbers = [cell for sheet in sheets.worksheets for row in sheet.iter_rows(values_only=True) for cell in row]
    assert 37 in numbers
    assert not any(isinstance(cell, str) and "None" in cell for cell in numbers)
