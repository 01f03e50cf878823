"""Numbers as Vietnamese officers type them, read for one indicator.

Accepted (NUMBER_HELP says so on every field):
- a dot between groups of three digits, a comma before the decimals: "1.234,5", "1.800.000";
- no separator, or spaces between groups of three: "1234,5", "1 234", "1 234,5";
- a multiplier word after the number, "nghìn"/"ngàn" (×1.000), "triệu" (×1.000.000), "tỷ"
  (×1.000.000.000): "73 triệu" – only for an indicator whose unit is a base unit ("USD", "đồng",
  "suất"); on "triệu USD" the unit already counts in millions and "73 triệu" is refused, since
  the officer may mean 73 or 73.000.000 and the portal does not guess;
- the indicator's own unit after the number: "12 ha", "75,2 triệu USD", "45 %".
Refused, with a message saying why: anything else (letters, "1,234.5", "1.5", two commas,
another unit). What an indicator may hold (no negative, whole counts, % up to 100) is
Indicator.number_errors, the one place for those rules.
"""

import re
from decimal import Decimal, InvalidOperation

from campaign.text import ascii_digits, normalize_text

MULTIPLIERS = {"nghìn": Decimal(1000), "ngàn": Decimal(1000), "triệu": Decimal(10) ** 6, "tỷ": Decimal(10) ** 9}
NUMBER_HELP = ("Nhập như thường viết: 1.234,5 hoặc 1234,5 hoặc 1 234 (dấu chấm tách hàng nghìn, dấu phẩy trước phần "
               "thập phân); được thêm «nghìn», «triệu», «tỷ» khi đơn vị tính không có sẵn chữ đó (73 triệu); "
               "được ghi kèm đúng đơn vị tính của chỉ tiêu.")

_NUMBER = re.compile(
    r"(?P<sign>-?)\s*(?P<whole>\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:,(?P<fraction>\d+))?(?P<tail>.*)"
)


class NumberError(ValueError):
    """A typed number the portal cannot read; the message is Vietnamese."""


def _squash(text):
    text = ascii_digits(normalize_text(text)).replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(text.split())


def parse_number(text, indicator):
    """The Decimal that `text` means for `indicator`, or NumberError; None for an empty field."""
    text = _squash(text or "")
    if not text:
        return None
    match = _NUMBER.fullmatch(text)
    if match is None:
        raise NumberError(f"«{text}» không phải là số. {_FORMS}")
    whole = match["whole"].replace(".", "").replace(" ", "")
    try:
        number = Decimal(whole + ("." + match["fraction"] if match["fraction"] else ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits digits only
        raise NumberError(f"«{text}» không phải là số. {_FORMS}") from None
    if match["sign"]:
        number = -number
    tail = match["tail"].strip()
    if tail[:1] in {".", ","} or (tail[:1].isdigit()):
        raise NumberError(f"«{text}»: dấu chấm chỉ dùng tách nhóm 3 chữ số, dấu phẩy trước phần thập phân. {_FORMS}")
    unit = _squash(indicator.unit)
    if not tail or _same_unit(tail, unit):
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


_FORMS = "Ví dụ đúng: 1.234,5 – 1234,5 – 1 234 – 73 triệu."
