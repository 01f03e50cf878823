"""The plan as a Word document, laid out by the issuing body's kind.

The rule set (campaign.formats) decides the header, the number, the headings
and the signature: Hướng dẫn 36-HD/VPTW for a Party body, Nghị định
30/2020/NĐ-CP for a State body. Both share A4, margins 20/20/30/15 mm, Times
New Roman 14 pt, page numbers centred in the top margin from page 2, and the
"Nơi nhận" and signature blocks side by side at the end.

Every official document the portal writes goes through start_document() and
finish_document() with an object that mixes in campaign.formats.OfficialDocument
(the plan here, the cooperation report in reports.documents); the writers below
(paragraph, heading, rich_text, block_line, grid_table…) are shared with it.
"""

import io
import re
from html.parser import HTMLParser

from django.db.models import Prefetch, prefetch_related_objects
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .formats import long_date, plan_outline
from .models import Task
from .richtext import html_to_text
from .trees import tree_rows

FONT = "Times New Roman"
TEXT_WIDTH = Mm(210 - 30 - 15)
# Header and signature columns: the issuing body on the left, the national
# heading and the signature on the right, as in the models of 36-HD/VPTW.
LEFT_COLUMN = Mm(75)


def plan_docx(plan):
    """The plan as a .docx file, in a fixed number of queries."""
    prefetch_related_objects(
        [plan],
        "themes",
        "channels",
        Prefetch("tasks", queryset=Task.objects.prefetch_related("periods")),
    )
    document_format = plan.document_format
    themes = list(plan.themes.all())
    channels = list(plan.channels.all())
    tasks = list(plan.tasks.all())
    outline = plan_outline(
        document_format,
        purposes=bool(html_to_text(plan.purposes)), requirements=bool(html_to_text(plan.requirements)),
        themes=bool(themes), channels=bool(channels), tasks=bool(tasks),
    )
    document = start_document(plan)
    _html(document, plan.basis)
    _section_aims(document, plan, outline["aims"])
    if "themes" in outline:
        _section_themes(document, themes, outline["themes"])
    if "channels" in outline:
        _section_channels(document, channels, outline["channels"])
    if "tasks" in outline:
        _section_tasks(document, tasks, outline["tasks"])
    _html(document, plan.closing)
    return finish_document(document, plan)


def start_document(official):
    """A new document with the page, the page numbers, the header and the title of `official`
    (an OfficialDocument: a plan, a report), laid out by its issuing body's rule set."""
    document = Document()
    _set_up_page(document, official)
    _page_numbers(document)
    _header(document, official, official.document_format)
    _title(document, official, official.document_format)
    return document


def finish_document(document, official, after=None):
    """The nơi nhận and signature blocks, then `after(document)` (an appendix), as .docx bytes."""
    _signature(document, official)
    if after is not None:
        after(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------
# Dates.


def short_date(day):
    return f"{day:%d/%m/%Y}"


def time_frame_text(plan):
    text = f"Từ {short_date(plan.starts_on)} đến {short_date(plan.ends_on)}"
    if plan.peak_start and plan.peak_end:
        text += f"; cao điểm từ {short_date(plan.peak_start)} đến {short_date(plan.peak_end)}"
    return text + "."


def deadline_text(task):
    periods = list(task.periods.all())
    if not periods:
        return ""
    if task.schedule == Task.Schedule.ONCE and len(periods) == 1:
        return f"Thời hạn: {short_date(periods[0].due_on)}"
    return "Báo cáo: " + "; ".join(f"{period.label} (hạn {short_date(period.due_on)})" for period in periods)


# ---------------------------------------------------------------------------
# Rich text: the simple HTML that django-ckeditor-5 and nh3 leave us.


class _Block:
    def __init__(self, is_item=False):
        self.is_item = is_item
        self.runs = []  # (text, bold, italic); text "\n" is a line break

    def add(self, text, bold, italic):
        if self.runs and self.runs[-1][1:] == (bold, italic) and "\n" not in (text, self.runs[-1][0]):
            self.runs[-1] = (self.runs[-1][0] + text, bold, italic)
        else:
            self.runs.append((text, bold, italic))

    def stripped(self):
        """Runs without the whitespace HTML ignores at the ends of a block and around breaks."""
        runs = []
        for index, (text, bold, italic) in enumerate(self.runs):
            if text != "\n":
                if index == 0 or self.runs[index - 1][0] == "\n":
                    text = text.lstrip(" ")
                if index == len(self.runs) - 1 or self.runs[index + 1][0] == "\n":
                    text = text.rstrip(" ")
            if text:
                runs.append((text, bold, italic))
        return runs


class _RichTextParser(HTMLParser):
    # campaign/richtext.py also lets tables through: a row becomes one paragraph.
    BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "tr", "figcaption"}
    BOLD = {"strong", "b"}
    ITALIC = {"em", "i"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.current = None
        self.bold = 0
        self.italic = 0

    def _close(self):
        if self.current is not None and self.current.stripped():
            self.blocks.append(self.current)
        self.current = None

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._close()
            if tag != "ul" and tag != "ol":
                self.current = _Block(is_item=tag == "li")
        elif tag in self.BOLD:
            self.bold += 1
        elif tag in self.ITALIC:
            self.italic += 1
        elif tag == "br":
            self._text("\n")
        elif tag in ("td", "th") and self.current is not None and self.current.stripped():
            self._text("; ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._close()
        elif tag in self.BOLD:
            self.bold = max(self.bold - 1, 0)
        elif tag in self.ITALIC:
            self.italic = max(self.italic - 1, 0)

    def handle_data(self, data):
        # HTML collapses ASCII whitespace only; a no-break space stays.
        text = re.sub(r"[ \t\n\r\f]+", " ", data)
        if text.strip(" ") or self.current is not None:
            self._text(text)

    def _text(self, text):
        if self.current is None:
            self.current = _Block()
        self.current.add(text, self.bold > 0, self.italic > 0)

    def close(self):
        super().close()
        self._close()


def html_blocks(value):
    """Paragraphs of a rich-text field: a list of (is_list_item, [(text, bold, italic)]).

    Plain text (fields typed before the editor, or by the seed data) keeps one
    paragraph per line.
    """
    if not value or not value.strip():
        return []
    if "<" not in value:
        return [(False, [(line.strip(), False, False)]) for line in value.splitlines() if line.strip()]
    parser = _RichTextParser()
    parser.feed(value)
    parser.close()
    return [(block.is_item, block.stripped()) for block in parser.blocks]


# ---------------------------------------------------------------------------
# Page, styles and small writers.


def _set_up_page(document, official):
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "vi-VN")
    normal.element.get_or_add_rPr().append(language)
    body = normal.paragraph_format
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.first_line_indent = Cm(1)
    body.space_before = Pt(0)
    body.space_after = Pt(6)
    body.line_spacing = 1.15

    document.core_properties.title = official.title
    document.core_properties.author = official.issuer_names()[1]
    document.core_properties.language = "vi-VN"


def _page_numbers(document):
    """Arabic page numbers centred in the top margin, none on the first page (a PAGE field)."""
    section = document.sections[0]
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Cm(0)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _rule(container, width, column):
    """A centred horizontal rule `width` long: the bottom border of an almost empty paragraph."""
    paragraph = _block_line(container, "")
    paragraph_format = paragraph.paragraph_format
    side = max((column - width) // 2, 0)
    paragraph_format.left_indent = paragraph_format.right_indent = side
    paragraph_format.line_spacing = Pt(4)
    paragraph_format.space_after = Pt(4)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(
        borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
        "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
        "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
        "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
        "w:rPr", "w:sectPr", "w:pPrChange",
    )
    return paragraph


def _paragraph(container, text="", *, bold=False, italic=False, underline=False, size=None):
    """A body paragraph: justified, indented, as the Normal style says."""
    paragraph = container.add_paragraph()
    if text:
        _run(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
    return paragraph


def _run(paragraph, text, *, bold=False, italic=False, underline=False, size=None):
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    run.underline = underline or None
    if size:
        run.font.size = Pt(size)
    return run


def _block_line(container, text="", *, align=WD_ALIGN_PARAGRAPH.CENTER, size=None, **style):
    """A line of the header, title or signature: no indent, no extra spacing."""
    paragraph = _paragraph(container, text, size=size, **style)
    paragraph_format = paragraph.paragraph_format
    paragraph_format.alignment = align
    paragraph_format.first_line_indent = Cm(0)
    paragraph_format.space_after = Pt(0)
    paragraph_format.line_spacing = 1.0
    return paragraph


def _html(document, value, *, item_prefix="- ", prefix=""):
    for is_item, runs in html_blocks(value):
        paragraph = _paragraph(document)
        lead = item_prefix if is_item else prefix
        if lead:
            _run(paragraph, lead)
        for text, bold, italic in runs:
            if text == "\n":
                paragraph.add_run().add_break()
            else:
                _run(paragraph, text, bold=bold, italic=italic)


def _borderless_table(document, left_width=LEFT_COLUMN):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
    for column, width in zip(table.columns, (left_width, TEXT_WIDTH - left_width)):
        column.width = width
        for cell in column.cells:
            cell.width = width
    left, right = table.rows[0].cells
    # A new cell holds one empty paragraph; write into it rather than below it.
    for cell in (left, right):
        cell._tc.remove(cell.paragraphs[0]._p)
    return left, right


# ---------------------------------------------------------------------------
# The parts of the document, top to bottom.


def _header(document, official, document_format):
    left_width = Mm(document_format.header_left_mm)
    left, right = _borderless_table(document, left_width)
    size = 13 if document_format.is_state else None
    for text, bold in official.issuer_lines:
        _block_line(left, text, bold=bold, size=size)
    if document_format.left_rule:
        _rule(left, Mm(25), left_width)
    if document_format.left_mark:
        _block_line(left, document_format.left_mark)
    _block_line(left, official.reference, size=size)

    for line in document_format.national:
        _block_line(right, line.text, bold=line.bold, underline=line.underline, size=line.size)
        if line.rule_below:
            _rule(right, Mm(62), TEXT_WIDTH - left_width)
    # The date sits level with the reference line, as in the models of both rule sets.
    for _ in range(len(left.paragraphs) - len(right.paragraphs) - 1):
        _block_line(right, "")
    _block_line(right, official.dated_line, italic=True, size=size)


def _title(document, official, document_format):
    first = _block_line(document, official.document_type, bold=True, size=document_format.document_type_size)
    first.paragraph_format.space_before = Pt(18)
    title = _block_line(document, official.title, bold=True)
    if document_format.is_state:
        _rule(document, Mm(40), TEXT_WIDTH).paragraph_format.space_after = Pt(12)
    else:
        _block_line(document, "-----").paragraph_format.space_after = Pt(12)
    return title


def _heading(document, text, *, italic=False):
    return _paragraph(document, text, bold=True, italic=italic)


def _section_aims(document, plan, part):
    _heading(document, part["heading"])
    for field, heading in part["items"]:
        _heading(document, heading)
        if field != "time_frame":
            _html(document, getattr(plan, field))
    if html_blocks(plan.time_frame):
        _html(document, plan.time_frame)
    else:
        _paragraph(document, time_frame_text(plan))


def _numbered(code, title):
    code = code.strip()
    if not code:
        return title
    return f"{code} {title}" if code.endswith((".", "-", ")")) else f"{code}. {title}"


def _section_themes(document, themes, part):
    _heading(document, part["heading"])
    for theme, depth in tree_rows(themes):
        _heading(document, _numbered(theme.code, theme.title), italic=depth > 0)
        _html(document, theme.body)


def _section_channels(document, channels, part):
    _heading(document, part["heading"])
    for channel in channels:
        _heading(document, _numbered(channel.code, channel.title))
        _html(document, channel.body)


def _section_tasks(document, tasks, part):
    _heading(document, part["heading"])
    groups = {}
    for task in tasks:
        groups.setdefault(task.unit_group.strip(), []).append(task)
    number = 0
    for unit_group, tasks in groups.items():
        if unit_group:
            number += 1
            _heading(document, f"{number}. {unit_group}")
        for task in tasks:
            if html_blocks(task.description):
                _html(document, task.description, prefix="- ")
            else:
                _paragraph(document, f"- {task.title}")
            deadline = deadline_text(task)
            if deadline:
                _paragraph(document, deadline, italic=True)


def _signature(document, official):
    spacer = _paragraph(document)
    spacer.paragraph_format.space_after = Pt(0)
    left, right = _borderless_table(document)

    _block_line(left, "Nơi nhận:", align=WD_ALIGN_PARAGRAPH.LEFT, bold=True, italic=True, size=12)
    for line in official.recipient_lines:
        _block_line(left, line, align=WD_ALIGN_PARAGRAPH.LEFT, size=11)

    for line in official.signature_lines:
        _block_line(right, line.upper(), bold=True)
    # Room for the signature and the seal.
    for _ in range(4):
        _block_line(right, "")
    if official.signer_name:
        _block_line(right, official.signer_name, bold=True)


# ---------------------------------------------------------------------------
# Writers shared with the other apps' documents (reports.documents).

paragraph = _paragraph
run = _run
block_line = _block_line
heading = _heading
rich_text = _html
rule = _rule


def grid_table(document, headers, rows, widths, *, size=11, numeric=()):
    """A bordered table (Nghị định 30: tables may use 10–12 pt): a bold header row repeated on
    every page, then `rows` of texts; columns whose index is in `numeric` align right.

    Cells take the paragraph style of their size (no indent, no spacing) and the grid's widths:
    setting them cell by cell costs a second for a hundred rows."""
    # The style id written straight into each paragraph: python-docx's `paragraph.style = …` looks the
    # style up among all of them for every cell.
    style_id = _table_style(document, size).style_id
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width  # rows added below take the grid's widths
    for cell, width in zip(table.rows[0].cells, widths):
        cell.width = width
    header_row = table.rows[0]
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    header_row._tr.get_or_add_trPr().append(flag)
    for cell, text in zip(header_row.cells, headers):
        paragraph = cell.paragraphs[0]
        paragraph._p.style = style_id
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = True
    right = sorted(numeric)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values):
            paragraph = cell.paragraphs[0]
            paragraph._p.style = style_id
            paragraph.add_run(str(text))
        for index in right:
            cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def _table_style(document, size):
    """The paragraph style of table cells at `size` pt, made once per document."""
    name = f"Portal Table {size}"
    if name in [style.name for style in document.styles]:
        return document.styles[name]
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(size)
    paragraph_format = style.paragraph_format
    paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    paragraph_format.first_line_indent = Cm(0)
    paragraph_format.space_before = paragraph_format.space_after = Pt(0)
    paragraph_format.line_spacing = 1.0
    return style


def page_break(document):
    paragraph = _block_line(document, "")
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    return paragraph
