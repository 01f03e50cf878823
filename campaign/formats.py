"""The two layouts of a Vietnamese official document, chosen by the issuing body's kind.

- A Party body (Thành ủy, Ban Tuyên giáo, Đảng ủy…) writes as Hướng dẫn
  36-HD/VPTW (03/4/2018) says: "ĐẢNG CỘNG SẢN VIỆT NAM" top right, an asterisk
  under the issuing body, "Số 12-BC/BTGTU", signatures "T/M", "K/T", "T/L".
- A State body (UBND, sở, ngành…) writes as Nghị định 30/2020/NĐ-CP, Phụ lục I,
  says: quốc hiệu and tiêu ngữ top right, a short rule under the issuing body,
  "Số: 04/BC-UBND", signatures "TM.", "KT.", "TL.", "Q.".

This module is the one place that knows the difference (see
../shared/FORMATS.md): the plan page, the plan's Word export and the
cooperation report (app `reports`) all read the rule set from here, so a
correction by a department's văn thư is made once.
"""

import re
from dataclasses import dataclass

from django.db import models


class IssuerKind(models.TextChoices):
    PARTY = "party", "Cơ quan Đảng (Hướng dẫn 36-HD/VPTW)"
    STATE = "state", "Cơ quan nhà nước (Nghị định 30/2020/NĐ-CP)"


@dataclass(frozen=True)
class Line:
    """One line of a header block: text and how it is set."""

    text: str
    size: int
    bold: bool = False
    underline: bool = False
    rule_below: bool = False  # a rule as wide as the text (paragraph bottom border)


@dataclass(frozen=True)
class DocumentFormat:
    kind: str
    issuer_label: str  # "cơ quan Đảng", in a sentence
    rule_set: str
    national: tuple  # top right: Lines
    left_mark: str  # under the issuing body: "*" (Party) or "" (State)
    left_rule: bool  # a short rule under the issuing body (State)
    number_pattern: str  # .format(number=…, symbol=…)
    signature_prefixes: tuple
    document_type_size: int
    heading_mark: str  # "I-" (Party plans) or "I." (State)
    header_left_mm: int  # width of the header's left column; the right one takes the rest of 165 mm

    def issuer_lines(self, parent_body, issuing_body):
        """(text, bold) lines of the issuing body block, in capitals.

        A State body's name breaks after "ỦY BAN NHÂN DÂN" / "HỘI ĐỒNG NHÂN DÂN", as the models of
        Nghị định 30 print it ("ỦY BAN NHÂN DÂN" over "TỈNH GIA LAI").
        """
        lines = [(parent_body.upper(), False)] if parent_body.strip() else []
        name = issuing_body.strip().upper()
        if self.is_state:
            for head in ("ỦY BAN NHÂN DÂN ", "HỘI ĐỒNG NHÂN DÂN "):
                if name.startswith(head) and len(name) > len(head):
                    return [*lines, (head.strip(), True), (name[len(head):].strip(), True)]
        return [*lines, (name, True)]

    @property
    def is_state(self):
        return self.kind == IssuerKind.STATE

    def reference(self, number, symbol):
        """'Số 45-KH/TU' (Party) or 'Số: 149/KH-UBND' (State); '…' while no number is given."""
        return self.number_pattern.format(number=(number or "").strip() or "…", symbol=(symbol or "").strip())

    def roman_heading(self, index, text):
        return f"{ROMAN[index]}{self.heading_mark} {text}"

    def signature_lines(self, *texts):
        """The authority and title lines, one line for each prefix ('TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH' → 2)."""
        lines = []
        for text in texts:
            lines.extend(part.strip() for part in _SIGNATURE_SPLIT.split(text or "") if part.strip())
        return lines

    def foreign_prefix(self, text):
        """A signature prefix of the other rule set found in `text`, or None."""
        other = FORMATS[IssuerKind.PARTY if self.is_state else IssuerKind.STATE]
        for prefix in other.signature_prefixes:
            if re.search(rf"(?<!\S){re.escape(prefix)}(?=\s|$)", text or ""):
                return prefix
        return None


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
ALL_PREFIXES = ("T/M", "K/T", "T/L", "TM.", "KT.", "TL.", "Q.")
# Split before a prefix that follows other text: "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH".
_SIGNATURE_SPLIT = re.compile(r"\s+(?=(?:" + "|".join(re.escape(p) for p in ALL_PREFIXES) + r")\s)")

FORMATS = {
    IssuerKind.PARTY: DocumentFormat(
        kind=IssuerKind.PARTY,
        issuer_label="cơ quan Đảng",
        rule_set="Hướng dẫn 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng",
        national=(Line("ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True, underline=True),),
        left_mark="*",
        left_rule=False,
        number_pattern="Số {number}-{symbol}",
        signature_prefixes=("T/M", "K/T", "T/L"),
        document_type_size=16,
        heading_mark="-",
        header_left_mm=75,
    ),
    IssuerKind.STATE: DocumentFormat(
        kind=IssuerKind.STATE,
        issuer_label="cơ quan nhà nước",
        rule_set="Nghị định 30/2020/NĐ-CP, Phụ lục I",
        national=(
            Line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True),
            Line("Độc lập - Tự do - Hạnh phúc", 13, bold=True, rule_below=True),
        ),
        left_mark="",
        left_rule=True,
        number_pattern="Số: {number}/{symbol}",
        signature_prefixes=("TM.", "KT.", "TL.", "Q."),
        document_type_size=14,
        heading_mark=".",
        header_left_mm=65,
    ),
}

PARTY_UNIT_KINDS = {"party_committee", "party_board", "party_org"}


def format_for(kind):
    """The rule set of an issuer kind (IssuerKind value); Party when the kind is unknown."""
    return FORMATS.get(kind, FORMATS[IssuerKind.PARTY])


def kind_of_unit(unit):
    """The issuer kind of a Unit: its Party kinds write as Party bodies, every other kind as a State body."""
    return IssuerKind.PARTY if unit.kind in PARTY_UNIT_KINDS else IssuerKind.STATE


def long_date(place, day):
    """'Đà Lạt, ngày 09 tháng 6 năm 2022': days below 10 and months 1 and 2 get a leading zero."""
    if day is None:
        return f"{place or '…'}, ngày … tháng … năm …"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place or '…'}, ngày {day.day:02d} tháng {month} năm {day.year}"


def recipient_lines(recipients):
    """'Nơi nhận' items as printed: each starts with '- ' and ends with ';', the last is '- Lưu: ….'
    (added as 'Lưu: VT.' if missing). Punctuation typed by the user is kept."""
    items = [line.strip().lstrip("-–+ ").strip() for line in recipients]
    items = [item for item in items if item]
    if not any(item.casefold().startswith("lưu") for item in items):
        items.append("Lưu: VT.")
    last = len(items) - 1
    return [f"- {item}" if item[-1] in ".;,:)" else f"- {item}{'.' if index == last else ';'}"
            for index, item in enumerate(items)]


def plan_outline(document_format, *, purposes, requirements, themes, channels, tasks):
    """The numbered headings of a plan's body, leaving out the parts that have no content.

    Arguments say whether each part has content. Returns {part: {"heading": …, "items": [(field, heading)]}}
    for the parts present: "aims" (always: the time frame is always known), "themes", "channels", "tasks".
    Under "aims", "1. Mục đích" and "2. Yêu cầu" appear only with text; "Thời gian" is numbered after them.
    """
    aims = [(field, label) for field, label, present in (
        ("purposes", "Mục đích", purposes), ("requirements", "Yêu cầu", requirements),
    ) if present]
    if aims:
        title = ", ".join(label.upper() for _, label in aims)
        items = [(field, f"{number}. {label}") for number, (field, label) in enumerate([*aims, ("time_frame", "Thời gian")], 1)]
    else:
        title, items = "THỜI GIAN", []
    parts = [("aims", title, items)]
    for part, title, present in (
        ("themes", "NỘI DUNG TUYÊN TRUYỀN", themes),
        ("channels", "HÌNH THỨC TUYÊN TRUYỀN", channels),
        ("tasks", "TỔ CHỨC THỰC HIỆN", tasks),
    ):
        if present:
            parts.append((part, title, []))
    return {
        part: {"heading": document_format.roman_heading(index, title), "items": items}
        for index, (part, title, items) in enumerate(parts)
    }


class OfficialDocument:
    """What every document the portal prints as a Vietnamese official document shares: the plan
    (campaign.Plan) and the cooperation report (reports.Report) mix this into their model.

    The model has the fields issuer_kind, number, symbol, place, issued_on, recipients (one per
    line), signer_authority, signer_title, signer_name, and says:
    - `document_type`: "KẾ HOẠCH", "BÁO CÁO" (the line above the title);
    - `issuer_names()`: (parent body, issuing body) as typed.
    """

    document_type = ""
    signature_fields = ("signer_authority", "signer_title")

    def issuer_names(self):
        """(parent body, issuing body); each model that mixes this in says its own (Plan, Report)."""
        raise NotImplementedError(f"{type(self).__name__} phải định nghĩa issuer_names()")

    @property
    def document_format(self):
        """The rule set of the issuing body's kind."""
        return format_for(self.issuer_kind)

    @property
    def reference(self):
        """'Số 45-KH/TU' (Party), 'Số: 04/BC-UBND' (State); '…' while no number is given."""
        return self.document_format.reference(self.number, self.symbol)

    @property
    def issuer_lines(self):
        """(text, bold) lines of the issuing body block, in capitals."""
        return self.document_format.issuer_lines(*self.issuer_names())

    @property
    def dated_line(self):
        """'Gia Lai, ngày 12 tháng 01 năm 2026', printed in italics."""
        return long_date(self.place, self.issued_on)

    @property
    def recipient_list(self):
        return [line.strip() for line in (self.recipients or "").splitlines() if line.strip()]

    @property
    def recipient_lines(self):
        """'Nơi nhận' items as printed, each with '- ', the last '- Lưu: …'."""
        return recipient_lines(self.recipient_list)

    @property
    def signature_lines(self):
        return self.document_format.signature_lines(self.signer_authority, self.signer_title)

    def signature_errors(self):
        """{field: message} for a signature prefix of the other rule set ("T/M" in a State document)."""
        document_format = self.document_format
        errors = {}
        for name in self.signature_fields:
            prefix = document_format.foreign_prefix(getattr(self, name))
            if prefix:
                allowed = ", ".join(f"“{p}”" for p in document_format.signature_prefixes)
                errors[name] = (
                    f"Văn bản của {document_format.issuer_label} ghi thẩm quyền ký bằng {allowed} "
                    f"({document_format.rule_set}), không ghi “{prefix}”."
                )
        return errors
