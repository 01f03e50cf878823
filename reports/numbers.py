"""Numbers as Vietnamese people type them: one reader for the sở officer's form and the Excel import.

Accepted:
- a dot between groups of three digits, a comma before the decimals: "1.234,5", "1.800.000";
- no separator, or spaces between groups of three: "1234,5", "1 234", "1 234,5";
- a numeric Excel cell (int, float, Decimal) as it is;
- on the form only, where the indicator is known (NUMBER_HELP says so on every field):
  a multiplier word after the number, "nghìn"/"ngàn" (×1.000), "triệu" (×1.000.000), "tỷ"
  (×1.000.000.000): "73 triệu" – only for an indicator whose unit is a base unit ("USD", "đồng",
  "suất"); on "triệu USD" the unit already counts in millions and "73 triệu" is refused, since
  the officer may mean 73 or 73.000.000 and the portal does not guess; and the indicator's own
  unit after the number: "12 ha", "75,2 triệu USD", "45 %".
- in the import (no indicator given), the number alone: the unit and «hơn», «khoảng» have their
  own columns (HELP_TEXT).
Refused, with a Vietnamese message saying why: anything else (letters, the English "1,234.5" and
"47.9", "1.5", two commas, another unit). What an indicator may hold (no negative, whole counts,
% up to 100) is Indicator.number_errors, the one place for those rules.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from campaign.text import ascii_digits, normalize_text

MULTIPLIERS = {"nghìn": Decimal(1000), "ngàn": Decimal(1000), "triệu": Decimal(10) ** 6, "tỷ": Decimal(10) ** 9}
NUMBER_HELP = ("Nhập như thường viết: 1.234,5 hoặc 1234,5 hoặc 1 234 (dấu chấm tách hàng nghìn, dấu phẩy trước phần "
               "thập phân); được thêm «nghìn», «triệu», «tỷ» khi đơn vị tính không có sẵn chữ đó (73 triệu); "
               "được ghi kèm đúng đơn vị tính của chỉ tiêu.")
HELP_TEXT = ("Viết số kiểu Việt Nam: dấu chấm hoặc dấu cách ngăn cách hàng nghìn, dấu phẩy trước phần thập phân "
             "(ví dụ 1.234,5; 1234,5; 1 234). Không kèm chữ: đơn vị tính ghi ở cột riêng.")
_FORMS = "Ví dụ đúng: 1.234,5 – 1234,5 – 1 234 – 73 triệu."

_NUMBER = re.compile(
    r"(?P<sign>-?)\s*(?P<whole>\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:,(?P<fraction>\d+))?(?P<tail>.*)"
)

# "1,234.5", "47.9", "3.14159": a dot for the decimals, as in English (not "1.234", a thousand).
_ENGLISH = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{1,2}|\d+\.\d{4,}")


class NumberError(ValidationError):
    """A typed number the portal cannot read; one Vietnamese message (str() gives it)."""

    def __init__(self, message):
        super().__init__(message, code="invalid")

    def __str__(self):
        return self.messages[0]


def _squash(text):
    text = ascii_digits(normalize_text(text)).replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    return " ".join(text.replace("\u2212", "-").split())


def parse_number(value, indicator=None):
    """The Decimal that `value` means (for `indicator`, when given), None for an empty text, or NumberError."""
    if isinstance(value, bool):
        raise NumberError(f"«{value}» không phải là số.")
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value))
        if not number.is_finite():
            raise NumberError("Số không hợp lệ.")
        return number
    text = _squash(value or "")
    if not text:
        return None
    match = _NUMBER.fullmatch(text)
    if match is None:
        raise NumberError(f"«{text}» không phải là số. {_FORMS if indicator else HELP_TEXT}")
    whole = match["whole"].replace(".", "").replace(" ", "")
    try:
        number = Decimal(whole + ("." + match["fraction"] if match["fraction"] else ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits digits only
        raise NumberError(f"«{text}» không phải là số. {_FORMS}") from None
    if match["sign"]:
        number = -number
    tail = match["tail"].strip()
    if tail[:1] in {".", ","} or (tail[:1].isdigit()):
        english = _ENGLISH.fullmatch(text.lstrip("-"))
        raise NumberError(f"«{text}»{' viết theo kiểu Anh' if english else ''}: dấu chấm chỉ dùng tách nhóm 3 chữ số "
                          f"(1.234), dấu phẩy trước phần thập phân (47,9). {_FORMS if indicator else ''}".rstrip())
    if not tail:
        return number
    if indicator is None:
        raise NumberError(f"«{text}»: chỉ nhập con số, không kèm chữ (đơn vị tính, «hơn», «khoảng» ghi ở cột riêng).")
    unit = _squash(indicator.unit)
    if _same_unit(tail, unit):
        return number
    word, _, rest = tail.partition(" ")
    if word.lower() in MULTIPLIERS:
        unit_word = unit.split(" ")[0].lower()
        if unit_word in MULTIPLIERS:
            raise NumberError(
                f"Đơn vị tính của chỉ tiêu đã là «{unit}»: chỉ nhập số (ví dụ {match['whole']}), không thêm chữ «{word}»."
            )
        if rest and not _same_unit(rest, unit):
            raise NumberError(f"Đơn vị «{rest}» không khớp đơn vị tính của chỉ tiêu («{unit}»).")
        return number * MULTIPLIERS[word.lower()]
    raise NumberError(f"Đơn vị «{tail}» không khớp đơn vị tính của chỉ tiêu («{unit}»).")


def _same_unit(typed, unit):
    return typed.lower().replace(" ", "") == unit.lower().replace(" ", "")
