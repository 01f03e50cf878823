"""campaign.text: the rules for text and numbers typed by people (docs/security.md)."""

import unicodedata
from datetime import date

import pytest

from campaign.text import ascii_digits, birth_date_refusal, is_blank, normalize_text, visible_text


def test_full_width_and_other_script_digits_read_as_ascii():
    assert ascii_digits("0９33000111") == "0933000111"
    assert ascii_digits("０９３３０００１１１") == "0933000111"
    assert ascii_digits("٠٩٣٣") == "0933"  # Arabic-Indic
    assert ascii_digits("๐๙") == "09"  # Thai
    assert ascii_digits("Tổ 3, ấp ２") == "Tổ 3, ấp 2"


def test_a_name_typed_with_combining_marks_is_the_precomposed_name():
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    assert len(nfd) > len("Nguyễn Thị Ánh")
    assert normalize_text(nfd) == "Nguyễn Thị Ánh"
    assert len(normalize_text(nfd)) == 14


@pytest.mark.parametrize("raw", [
    "\u200bNguyễn\u200c Văn\u200d An\u2060\ufeff",
    "\u202eNguyễn Văn An\u202c",
    "\u2066Nguyễn Văn An\u2069",
    "Nguyễn\x00 Văn\x1b An\x85",
    "  Nguyễn   Văn\tAn \n",
])
def test_invisible_bidi_and_control_characters_are_dropped(raw):
    assert normalize_text(raw) == "Nguyễn Văn An"


def test_multiline_text_keeps_its_line_breaks_only():
    raw = "Dòng một  \r\n\r\n\r\n\r\nDòng\u200b hai\x07\n\tthụt lề"
    assert normalize_text(raw, multiline=True) == "Dòng một\n\nDòng hai\nthụt lề"


@pytest.mark.parametrize("value", ["", None, " ", "\u200b", "\u200b\u200c\u200d\u2060\ufeff", "\u202e", "\x00\x01"])
def test_text_with_nothing_visible_is_blank(value):
    assert is_blank(value)


@pytest.mark.parametrize("html", [
    "<p>\u200b</p>", "<p>&nbsp;</p>", "<p><br></p>", "<p>&#8203;</p>", "<p><strong> </strong></p>",
    "<table><tr><td></td></tr></table>", "<script>alert(1)</script>", "<p>\u202e\u2060</p>",
])
def test_html_with_no_visible_text_is_blank(html):
    assert is_blank(html, html=True)


def test_visible_text_is_what_a_reader_sees():
    assert visible_text("<p>Đã đăng <strong>3</strong>&nbsp;bài.</p><p>\u200b</p>") == "Đã đăng 3 bài."
    assert not is_blank("<p>Có nội dung</p>", html=True)


def test_a_date_of_birth_must_be_plausible_for_the_contest():
    today = date(2026, 12, 2)
    assert "không quá 110 tuổi" in birth_date_refusal(date(1800, 1, 1), today=today)
    assert "tương lai" in birth_date_refusal(date(2027, 1, 1), today=today)
    assert "từ 14 tuổi" in birth_date_refusal(date(2012, 12, 3), today=today, min_age=14)
    assert birth_date_refusal(date(2012, 12, 2), today=today, min_age=14) is None
    assert birth_date_refusal(date(1916, 12, 2), today=today) is None
    assert birth_date_refusal(date(2016, 2, 29), today=date(2030, 2, 28), min_age=14) is not None
    assert birth_date_refusal(date(2016, 2, 29), today=date(2030, 3, 1), min_age=14) is None


@pytest.mark.parametrize("html", [
    "<p>Lào &amp; Campuchia &lt;2022&gt; “hữu nghị”</p>", "<p>a &nbsp; b</p>", "x < y & z", "<p><a href='https://a.vn/?a=1&b=2'>l</a></p>",
])
def test_cleaning_twice_changes_nothing(html):
    # The field cleans on save, on update() and again on the page: it must be idempotent.
    from campaign.richtext import clean_html

    assert clean_html(clean_html(html)) == clean_html(html)
