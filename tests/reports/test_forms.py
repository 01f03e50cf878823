"""The rounds' forms (reports.forms): opening defaults, the officer's fields and their messages."""

from decimal import Decimal

from reports import rounds
from reports.forms import NUMBER_HINT, RoundOpenForm, SubmissionForm
from reports.models import RoundIndicator, SectorSubmission


def test_open_form_defaults_follow_the_latest_report(seeded):
    form = RoundOpenForm()
    assert form.initial["previous"] == seeded.pk and form.initial["year"] == 2026
    assert form.fields["plan"].queryset.filter(pk=form.initial["plan"]).get().code == "phuong-huong-gia-lai-nam-lao-2026-2030"


def build(submission, data=None):
    inputs = rounds.form_inputs(submission)
    args = {key: inputs[key] for key in ("sectors", "items", "partners", "previous")}
    if data is None:
        return SubmissionForm(initial=inputs["initial"], submission=submission, **args), inputs
    return SubmissionForm(data, submission=submission, **args), inputs


def trade(round_2026):
    submission = SectorSubmission.objects.get(round=round_2026, assignment__unit__code="so-cong-thuong-gl")
    item = RoundIndicator.objects.get(round=round_2026, sector__number=6, indicator__name="Kim ngạch thương mại hai chiều")
    return submission, item


def test_fields_per_indicator_and_partner_with_the_help_text(round_2026):
    submission, item = trade(round_2026)
    form, inputs = build(submission)
    names = [f"value_{item.pk}_0"] + [f"value_{item.pk}_{p.pk}" for p in inputs["partners"]]
    assert all(name in form.fields for name in names) and len(inputs["partners"]) == 4
    assert form.fields[names[0]].help_text == NUMBER_HINT
    assert form.fields[names[1]].label == "Kim ngạch thương mại hai chiều (triệu USD) – Attapeu"
    assert f"confirm_{item.pk}" in form.fields and f"why_{item.pk}" in form.fields


def test_valid_data_gives_entries_and_narratives(round_2026):
    submission, item = trade(round_2026)
    sector = submission.sectors.get()
    form, _ = build(submission, {"year": "2026", f"value_{item.pk}_0": "123,4", f"narrative_{sector.pk}": "<p>Văn bản</p>"})
    assert form.is_valid(), form.errors
    [entry] = form.entries()
    assert entry.item == item
    assert entry.number == Decimal("123.4") and entry.partner is None
    assert form.narratives() == {sector: "<p>Văn bản</p>"}


def test_outlier_below_a_tenth_needs_confirmation(round_2026):
    submission, item = trade(round_2026)
    form, _ = build(submission, {"year": "2026", f"value_{item.pk}_0": "4"})
    assert not form.is_valid()
    assert "nhỏ hơn 1/10 kỳ trước" in form.errors[f"confirm_{item.pk}"][0]
    form, _ = build(submission, {"year": "2026", f"value_{item.pk}_0": "4", f"confirm_{item.pk}": "on",
                                 f"why_{item.pk}": "Biên giới tạm đóng"})
    assert form.is_valid()
    assert form.entries()[0].confirmed and form.entries()[0].note == "Biên giới tạm đóng"


def test_stored_values_come_back_in_vietnamese_notation(round_2026):
    submission, item = trade(round_2026)
    form, _ = build(submission, {"year": "2026", f"value_{item.pk}_0": "51,5"})
    assert form.is_valid()
    rounds.submission_save(submission=submission, by=None, year=2026, narratives={}, entries=form.entries())
    form, _ = build(submission)
    assert form[f"value_{item.pk}_0"].value() == "51,5"
