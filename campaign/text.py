"""Text typed by people, made plain and comparable before it is checked or stored.

One set of rules for every form, admin page, import and management command
(docs/security.md, "Text and rich text"):

- NFC: a name typed with combining diacritics (NFD, as some phones and
  macOS send it) is the same string as the same name typed precomposed;
- no control characters (C0, C1) except a newline or tab in multi-line text;
- no bidi overrides or isolates (U+202A–U+202E, U+2066–U+2069), which make a
  name render reversed, and no zero-width characters (U+200B–U+200D, U+2060,
  U+FEFF, U+00AD), which make it render blank or make two names look alike;
- digits of any script (full-width ０–９, Arabic-Indic…) read as ASCII 0–9.
"""

import re
import unicodedata
from datetime import date

INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u200b\u200c\u200d"  # zero-width space, non-joiner, joiner
    "\u200e\u200f"  # left-to-right and right-to-left marks
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\ufeff"  # zero-width no-break space (BOM)
)
_CONTROL = "".join(chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)] if chr(c) not in "\n\t")
# A character class, not str.translate with a dict: several times faster on long HTML.
_DROP = re.compile("[" + re.escape(INVISIBLE + _CONTROL) + "]")
# In Python's str patterns \d is every decimal digit Unicode knows (category Nd).
_ANY_DIGIT = re.compile(r"\d")


def strip_invisible(text):
    """NFC, without control, bidi-override and zero-width characters; line breaks and tabs kept (for HTML)."""
    return _DROP.sub("", unicodedata.normalize("NFC", text or ""))


def ascii_digits(value):
    """'0９33 000 111' → '0933 000 111': every decimal digit as 0–9, the rest unchanged."""
    return _ANY_DIGIT.sub(lambda match: str(unicodedata.digit(match.group())), value or "")


def digits_only(value, *, separators=" .-()"):
    """The number a person typed (a phone, a CCCD): digits of any script as 0–9, separators and
    invisible characters dropped."""
    return ascii_digits(normalize_text(value)).translate({ord(c): None for c in separators})


def normalize_text(value, *, multiline=False):
    """NFC, without control, bidi-override and zero-width characters, whitespace tidied.

    One line: runs of whitespace become one space. Multi-line: line breaks are
    kept (at most one empty line in a row), spaces at line ends are dropped.
    """
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value).replace("\r\n", "\n").replace("\r", "\n"))
    if not multiline:
        return " ".join(_DROP.sub("", text).split())
    lines = [" ".join(line.split()) for line in _DROP.sub("", text).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def visible_text(html):
    """What a reader sees of (cleaned) HTML: its text, normalised, on one line."""
    from .richtext import html_to_text  # richtext imports this module for strip_invisible

    return normalize_text(html_to_text(html))


def is_blank(value, *, html=False):
    """True when nothing visible is left: only spaces, zero-width or control characters, empty tags."""
    return not (visible_text(value) if html else normalize_text(value))


# Dates people type ----------------------------------------------------------

OLDEST_AGE = 110


def years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def birth_date_refusal(born, *, today, min_age=None):
    """A Vietnamese message when a date of birth is not plausible, else None."""
    if born > today:
        return "Ngày sinh không được ở tương lai."
    if born < years_before(today, OLDEST_AGE):
        return f"Ngày sinh không hợp lệ: người dự thi không quá {OLDEST_AGE} tuổi."
    if min_age and born > years_before(today, min_age):
        return f"Thể lệ cuộc thi dành cho người từ {min_age} tuổi trở lên."
    return None


def plausible_year(day, *, around, span=10):
    """True when a date typed for the campaign lies within `span` years of `around` (a date)."""
    return isinstance(day, date) and abs(day.year - around.year) <= span
