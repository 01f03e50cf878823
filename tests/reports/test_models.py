"""Each indicator kind refuses the numbers it cannot hold, in Vietnamese."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from reports.models import Indicator, IndicatorValue, Report, ReportingEntity, format_vi

pytestmark = pytest.mark.django_db


@pytest.fixture
def value():
    report = Report.objects.create(code="r", issuer="UBND", title="Báo cáo", period_start_year=2026, period_end_year=2026)
    entity = ReportingEntity.objects.create(code="e", name="tỉnh Gia Lai (mới)")

    def build(unit, number, **extra):
        indicator = Indicator.objects.create(code=f"i-{Indicator.objects.count()}", name="Chỉ tiêu", unit=unit,
                                             kind=Indicator.kind_for_unit(unit))
        return IndicatorValue(report=report, indicator=indicator, entity=entity, section="I.1",
                              number=Decimal(number), source_sentence="Câu nguồn.", **extra)
    return build


@pytest.mark.parametrize("unit, kind", [
    ("triệu USD", "money"), ("tỷ đồng/tỉnh", "money"), ("đồng/tháng", "money"), ("%", "percentage"),
    ("ha", "area"), ("suất", "count"), ("suất/năm", "count"),
])
def test_kind_for_unit(unit, kind):
    assert Indicator.kind_for_unit(unit) == kind


@pytest.mark.parametrize("unit, number, message", [
    ("sinh viên", "-1", "không nhận số âm"),
    ("sinh viên", "2.5", "phải là số nguyên"),
    ("%", "101", "không quá 100%"),
    ("ha", "-0.5", "không nhận số âm"),
])
def test_bad_numbers_are_refused(value, unit, number, message):
    with pytest.raises(ValidationError) as error:
        value(unit, number).full_clean()
    assert message in str(error.value.message_dict["number"])


def test_good_numbers_pass(value):
    for unit, number in [("sinh viên", "251"), ("%", "84"), ("ha", "3.8"), ("triệu USD", "47.9")]:
        value(unit, number).full_clean()


def test_years_and_range(value):
    with pytest.raises(ValidationError) as error:
        value("đoàn", "1", year_start=2025, year_end=2021, number_max=Decimal(2)).full_clean()
    assert "year_end" in error.value.message_dict and "number_max" in error.value.message_dict
    with pytest.raises(ValidationError):
        value("đoàn", "1", year_start=3025).full_clean()


def test_unit_not_matching_kind_is_refused():
    with pytest.raises(ValidationError) as error:
        Indicator(code="x", name="Kim ngạch", unit="triệu USD", kind=Indicator.Kind.COUNT).full_clean()
    assert "loại «Tiền»" in str(error.value.message_dict["kind"])


def test_vietnamese_number_notation():
    assert format_vi(Decimal("1800000")) == "1.800.000"
    assert format_vi(Decimal("16.9600")) == "16,96"
    assert format_vi(Decimal("73.0000")) == "73"
    assert format_vi(Decimal("12347")) == "12.347"


def test_signature_prefix_of_party_refused():
    report = Report(code="r2", issuer="UBND tỉnh", title="Báo cáo", period_start_year=2026, period_end_year=2025,
                    signer_authority="T/M BAN THƯỜNG VỤ")
    with pytest.raises(ValidationError) as error:
        report.full_clean()
    assert set(error.value.message_dict) >= {"signer_authority", "period_end_year"}


def test_rich_text_is_cleaned_by_save_and_update_and_the_page_runs_no_script(client, seeded):
    from tests.campaign.test_richtext_fields import HOSTILE, assert_clean
    from reports.models import SectorNarrative

    narrative = SectorNarrative.objects.get(report=seeded, sector__number=1)
    for row, name in ((seeded, "preamble"), (seeded, "results_intro"), (narrative, "text")):
        setattr(row, name, HOSTILE)
        row.save()
        row.refresh_from_db()
        assert_clean(getattr(row, name))
        type(row).objects.filter(pk=row.pk).update(**{name: HOSTILE})
        row.refresh_from_db()
        assert_clean(getattr(row, name))
    html = client.get(seeded.get_absolute_url()).content.decode()
    assert "alert(" not in html and "onerror" not in html
    assert html.count("Nội dung <strong>thật</strong> cần giữ.") == 3
