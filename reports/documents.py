"""The cooperation report as a Word document (Nghị định 30/2020/NĐ-CP for a State body).

The page, the header, the title, the nơi nhận and the signature are campaign.documents'
(start_document / finish_document), laid out by campaign.formats from the report's issuer kind,
exactly as a plan's export: one document-format code for every official document. This module
writes the body in the report's own order, the order of its web page (selectors.report_page):
the preamble; I. the sectors; III. the assessment; IV. the directions; the closing sentence.
All figures follow the signature as an appendix, one table per part, the way a UBND attaches
its "Phụ lục số liệu" ("Kèm theo Báo cáo số …").
"""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from campaign.documents import (
    block_line,
    finish_document,
    grid_table,
    heading,
    page_break,
    paragraph,
    rich_text,
    start_document,
)

from .selectors import report_page

# The parts as printed: 04/BC-UBND has no part II (facts file, structure_note); the page numbers them so too.
PART_RESULTS, PART_ASSESSMENT, PART_DIRECTIONS = 0, 2, 3
FIGURE_HEADERS = ["TT", "Chỉ tiêu", "Chủ thể", "Tỉnh bạn", "Thời gian", "Số liệu", "Đơn vị tính"]
FIGURE_WIDTHS = [Mm(w) for w in (8, 48, 24, 22, 26, 17, 20)]  # 165 mm, the text width


def report_outline(report, page):
    """The numbered headings of the body, in order: [(level, text)]; level 1 = I., 2 = 1."""
    document_format = report.document_format
    headings = [(1, document_format.roman_heading(PART_RESULTS, "NHỮNG KẾT QUẢ ĐẠT ĐƯỢC"))]
    headings += [(2, f"{part.sector.number}. {part.sector.title}") for part in page["sectors"]]
    # An annual report of a round has no assessment and no outlook until staff write them: the parts
    # are left out, as on the page (report_detail.html), not printed empty or "GIAI ĐOẠN None - None".
    if page["has_assessment"]:
        headings += [
            (1, document_format.roman_heading(PART_ASSESSMENT, "ĐÁNH GIÁ CHUNG")),
            (2, "1. Kết quả đạt được"), (2, "2. Khó khăn"), (2, "3. Nguyên nhân"),
        ]
    if has_outlook(report):
        headings.append((1, document_format.roman_heading(PART_DIRECTIONS, "PHƯƠNG HƯỚNG, NỘI DUNG HỢP TÁC GIAI ĐOẠN "
                                                          f"{report.outlook_start_year} - {report.outlook_end_year}")))
    return headings


def has_outlook(report):
    return bool(report.outlook_start_year and report.outlook_end_year)


def figure_groups(report, page):
    """The appendix: [(title, values)] for each part with figures, in the body's order."""
    document_format = report.document_format
    groups = [(f"{part.sector.number}. {part.sector.title}", part.values) for part in page["sectors"] if part.values]
    groups.append((document_format.roman_heading(PART_ASSESSMENT, "ĐÁNH GIÁ CHUNG"), page["assessment"]["values"]))
    groups.append((document_format.roman_heading(PART_DIRECTIONS, "PHƯƠNG HƯỚNG"), page["direction_values"]))
    return [(title, values) for title, values in groups if values]


def figure_row(number, value):
    return [
        str(number), value.indicator.name, value.entity.name, value.partner_scope or "4 tỉnh Nam Lào",
        value.period_label or value.year_label, value.display_number, value.indicator.unit,
    ]


def report_docx(report, page=None):
    """The report as .docx bytes, from report_page's reads (a fixed number of queries)."""
    page = page or report_page(report)
    document = start_document(report)
    headings = iter(report_outline(report, page))

    rich_text(document, report.preamble)

    heading(document, next(headings)[1])
    rich_text(document, report.results_intro)
    for part in page["sectors"]:
        heading(document, next(headings)[1])
        if part.narrative:
            rich_text(document, part.narrative.text)
            if part.narrative.figures_text:  # the sentences compile wrote from the accepted values
                paragraph(document, part.narrative.figures_text)

    if page["has_assessment"]:
        _assessment(document, page["assessment"], headings)
    if has_outlook(report):
        heading(document, next(headings)[1])
        if report.directions_preamble:
            paragraph(document, report.directions_preamble)
        for direction in page["directions"]:
            paragraph(document, f"{direction.number}. {direction.text}")
            for item in direction.items.all():
                paragraph(document, f"- {item.text}")
    if report.closing:
        paragraph(document, report.closing)

    return finish_document(document, report, after=lambda document: _appendix(document, report, page))


def _assessment(document, assessment, headings):
    heading(document, next(headings)[1])
    heading(document, next(headings)[1])
    for item in assessment["results"]:
        paragraph(document, item.text)
    if assessment["success_factors"]:
        paragraph(document, "Những kết quả đạt được nêu trên xuất phát từ các yếu tố, điều kiện thuận lợi chủ yếu sau đây:")
        for item in assessment["success_factors"]:
            paragraph(document, f"- {item.text}")
    heading(document, next(headings)[1])
    for label, items in (("Hạn chế:", assessment["limitations"]), ("Khó khăn, vướng mắc:", assessment["difficulties"])):
        if items:
            paragraph(document, label, italic=True)
            for item in items:
                paragraph(document, f"- {item.text}")
    heading(document, next(headings)[1])
    for label, text in (("a) Về khách quan", assessment["objective_causes"]),
                        ("b) Về chủ quan", assessment["subjective_causes"])):
        heading(document, label, italic=True)
        if text:
            paragraph(document, text)


def _appendix(document, report, page):
    groups = figure_groups(report, page)
    if not groups:
        return
    page_break(document)
    block_line(document, "PHỤ LỤC", bold=True)
    block_line(document, f"SỐ LIỆU HỢP TÁC GIAI ĐOẠN {report.period_start_year} - {report.period_end_year}", bold=True)
    issued = f" ngày {report.issued_on:%d/%m/%Y}" if report.issued_on else ""
    attached = block_line(document, f"(Kèm theo Báo cáo {report.reference.replace('Số: ', 'số ')}{issued} của {report.issuer})",
                          italic=True)
    attached.paragraph_format.space_after = Pt(12)
    for title, values in groups:
        heading(document, title).paragraph_format.space_before = Pt(6)
        grid_table(document, FIGURE_HEADERS, [figure_row(n, v) for n, v in enumerate(values, 1)], FIGURE_WIDTHS,
                   size=11, numeric={0, 5})
    note = paragraph(document, "Số liệu như báo cáo ghi; «hơn», «gần», «khoảng» giữ nguyên từ chỉ mức của câu nguồn.",
                     italic=True, size=11)
    note.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    note.paragraph_format.space_before = Pt(6)
