"""Vietnamese numbers as officers type them (reports.numbers)."""

from decimal import Decimal

import pytest

from reports.models import Indicator
from reports.numbers import NumberError, parse_number


def indicator(unit, kind=None):
    return Indicator(name="Chỉ tiêu", unit=unit, kind=kind or Indicator.kind_for_unit(unit))


@pytest.mark.parametrize("text, expected", [
    ("1.234,5", "1234.5"), ("1234,5", "1234.5"), ("1 234", "1234"), ("1 234,5", "1234.5"), ("1.800.000", "1800000"),
    ("75,2", "75.2"), ("  12  ", "12"), ("1\u00a0234", "1234"), ("１２", "12"), ("-5", "-5"),
    ("75,2 triệu USD", "75.2"),
])
def test_accepted_forms(text, expected):
    assert parse_number(text, indicator("triệu USD")) == Decimal(expected)


def test_multiplier_words_on_a_base_unit():
    assert parse_number("73 triệu", indicator("USD")) == Decimal(73_000_000)
    assert parse_number("1,5 tỷ đồng", indicator("đồng")) == Decimal(1_500_000_000)
    assert parse_number("2 nghìn", indicator("suất")) == Decimal(2000)


def test_multiplier_word_refused_when_the_unit_already_counts_in_it():
    with pytest.raises(NumberError, match="đã là «triệu USD»: chỉ nhập số"):
        parse_number("73 triệu", indicator("triệu USD"))


def test_empty_is_none():
    assert parse_number("  ", indicator("ha")) is None


@pytest.mark.parametrize("text, message", [
    ("abc", "không phải là số"), ("1,234.5", "dấu chấm chỉ dùng tách nhóm 3 chữ số"), ("1.5", "dấu chấm"),
    ("1 23", "dấu chấm"), ("12 tấn", "Đơn vị «tấn» không khớp đơn vị tính của chỉ tiêu"),
    ("5 triệu tấn", "không khớp"), ("1,2,3", "dấu chấm"),
])
def test_refused_forms(text, message):
    with pytest.raises(NumberError, match=message):
        parse_number(text, indicator("ha"))


def test_the_indicators_unit_may_follow():
    assert parse_number("12 ha", indicator("ha")) == 12
    assert parse_number("45 %", indicator("%")) == 45
    assert parse_number("45%", indicator("%")) == 45
