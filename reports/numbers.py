"""Numbers as Vietnamese types them: a dot or a space between thousands, a comma before the
decimals. Accepted: "1.234,5", "1234,5", "1 234", "1.800.000", "47,9", "73", and the numbers
of numeric Excel cells. Refused, with a Vietnamese message: the English "1,234.5" and "47.9", a
dot that does not group thousands ("1.5"), words ("73 triệu": the unit has its own column).
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

HELP_TEXT = ("Viết số kiểu Việt Nam: dấu chấm hoặc dấu cách ngăn cách hàng nghìn, dấu phẩy trước phần thập phân "
             "(ví dụ 1.234,5; 1234,5; 1 234). Không kèm chữ: đơn vị tính ghi ở cột riêng.")
SPACES = re.compile(r"[\s\u00a0\u202f\u2009]")
FORMS = (
    re.compile(r"\d+(,\d+)?"),  # 1234 · 1234,5
    re.compile(r"\d{1,3}(\.\d{3})+(,\d+)?"),  # 1.234 · 1.234,5 · 1.800.000
    re.compile(r"\d{1,3}( \d{3})+(,\d+)?"),  # 1 234 · 1 234,5
)


def parse_number(value):
    """A Decimal from a cell or a typed text; ValidationError with a Vietnamese message otherwise."""
    if isinstance(value, bool):
        raise ValidationError(f"«{value}» không phải là số.")
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value))
        if not number.is_finite():
            raise ValidationError("Số không hợp lệ.")
        return number
    text = SPACES.sub(" ", str(value or "")).strip()
    if not text:
        raise ValidationError("Chưa nhập số.")
    sign, body = ("-", text[1:].strip()) if text[:1] in "-−" else ("", text)
    if any(pattern.fullmatch(body) for pattern in FORMS):
        try:
            return Decimal(sign + body.replace(".", "").replace(" ", "").replace(",", "."))
        except InvalidOperation:  # pragma: no cover – the patterns admit digits only
            pass
    raise ValidationError(_why(text))


def _why(text):
    if re.search(r"[^\W\d_]", text):
        return f"«{text}»: chỉ nhập con số, không kèm chữ (đơn vị tính, «hơn», «khoảng» ghi ở cột riêng)."
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text) or re.fullmatch(r"\d+\.\d{1,2}|\d+\.\d{4,}", text):
        return (f"«{text}» viết theo kiểu Anh: số thập phân dùng dấu phẩy (47,9), "
                "dấu chấm chỉ ngăn cách hàng nghìn (1.234).")
    return f"«{text}» không phải là số. {HELP_TEXT}"
