"""Forms of the reporting rounds: staff open a round, a sở, ngành fills in its part, staff review."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from campaign.demo.plans import GIA_LAI_CODE
from campaign.formfields import CleanCharField, RichTextField
from campaign.forms import DATE_INPUT

from . import rounds
from .models import Report, format_vi
from .numbers import NumberError, parse_number

NUMBER_HINT = "Ví dụ: 1.234,5 · 1234,5 · 1 234 · 73 triệu (khi đơn vị tính chưa có chữ «triệu»)."


class RoundOpenForm(forms.Form):
    previous = forms.ModelChoiceField(label="Báo cáo kỳ trước (làm theo)", queryset=Report.objects.none(),
                                      help_text="Đợt mới chép phần đầu, nơi nhận, người ký và các lĩnh vực, chỉ tiêu của báo cáo này.")
    year = forms.IntegerField(label="Năm báo cáo", min_value=2000, max_value=2100)
    due_on = forms.DateField(label="Hạn nộp của các sở, ngành", widget=DATE_INPUT,
                             help_text="Nhắc hạn, khóa sổ và duyệt theo kế hoạch đã chọn, như mọi nhiệm vụ.")
    plan = forms.ModelChoiceField(label="Thuộc kế hoạch", queryset=rounds.open_plans(),
                                  help_text="Nhiệm vụ của đợt được tạo trong kế hoạch này (giao cho từng sở, ngành phụ trách).")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reports = Report.objects.exclude(status=Report.Status.DRAFT)
        self.fields["previous"].queryset = reports
        latest = reports.first()
        if latest is not None and not self.is_bound:
            year = latest.period_end_year + 1
            self.initial.update({"previous": latest.pk, "year": year, "due_on": date(year, 12, 15)})
        plan = rounds.open_plans().filter(code=GIA_LAI_CODE).first()
        if plan is not None and not self.is_bound:
            self.initial["plan"] = plan.pk


class NumberField(forms.CharField):
    """A value of one indicator, typed the Vietnamese way (reports.numbers); its rules: Indicator.number_errors."""

    def __init__(self, *, indicator, **kwargs):
        self.indicator = indicator
        super().__init__(required=False, help_text=NUMBER_HINT, **kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off"}

    def to_python(self, value):
        try:
            return parse_number(super().to_python(value), self.indicator)
        except NumberError as error:
            raise ValidationError(str(error), code="invalid") from None

    def validate(self, value):
        errors = self.indicator.number_errors(value)
        if errors:
            raise ValidationError(errors)

    def prepare_value(self, value):
        return format_vi(value) if value is not None and not isinstance(value, str) else value


class SubmissionForm(forms.Form):
    """The narrative of each of the unit's sectors and its indicators' values per partner (or all four)."""

    year = forms.IntegerField(label="Năm của số liệu", help_text="Năm của đợt báo cáo.")
    note = CleanCharField(label="Ghi chú gửi Ban Tuyên giáo", multiline=True, max_length=2000, required=False,
                          widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, submission, sectors, items, partners, previous, **kwargs):
        super().__init__(*args, **kwargs)
        self.submission, self.sectors, self.items = submission, sectors, items
        self.slots = [None, *partners]
        self.previous = previous
        for sector in sectors:
            self.fields[f"narrative_{sector.pk}"] = RichTextField(label=f"Nội dung lĩnh vực {sector}", required=False)
        for item in items:
            for partner in self.slots:
                self.fields[self.value_name(item, partner)] = NumberField(
                    indicator=item.indicator,
                    label=f"{item.indicator.name} ({item.indicator.unit}) – {partner.name if partner else 'cả 4 tỉnh'}",
                )
            self.fields[f"confirm_{item.pk}"] = forms.BooleanField(label="Xác nhận số liệu khác thường", required=False)
            self.fields[f"why_{item.pk}"] = CleanCharField(label="Giải thích", max_length=500, required=False)

    @staticmethod
    def value_name(item, partner):
        """The field of `item`'s value for `partner` (a PartnerProvince or its pk; None: all four)."""
        partner_id = getattr(partner, "pk", partner)
        return f"value_{item.pk}_{partner_id or 0}"

    def clean_year(self):
        year = self.cleaned_data["year"]
        errors = self.submission.round.report.year_errors(year)
        if errors:
            raise ValidationError(errors)
        return year

    def clean(self):
        data = super().clean()
        for item in self.items:
            messages = [message for partner in self.slots if (message := self.outlier(item, partner))]
            if messages and not (data.get(f"confirm_{item.pk}") and data.get(f"why_{item.pk}")):
                self.add_error(f"confirm_{item.pk}", " ".join(messages)
                               + " Đánh dấu «Xác nhận số liệu khác thường» và ghi giải thích, hoặc sửa lại số.")
        return data

    def number(self, item, partner):
        """The value as typed and read (bound form), or as stored (initial)."""
        name = self.value_name(item, partner)
        if self.is_bound:
            return getattr(self, "cleaned_data", {}).get(name)
        return self.initial.get(name)

    def outlier(self, item, partner):
        return rounds.outlier_message(self.number(item, partner), self.previous.get((item.indicator_id, partner.pk if partner else None)))

    def entries(self):
        data = self.cleaned_data
        return [
            rounds.Entry(item=item, partner=partner, number=data[self.value_name(item, partner)],
                         confirmed=bool(data.get(f"confirm_{item.pk}")), note=data.get(f"why_{item.pk}") or "")
            for item in self.items for partner in self.slots
            if data.get(self.value_name(item, partner)) is not None
        ]

    def narratives(self):
        return {sector: self.cleaned_data.get(f"narrative_{sector.pk}") or "" for sector in self.sectors}

    def sections(self):
        """For the template: each sector with its narrative field and its indicators' rows of cells."""
        sections = []
        for sector in self.sectors:
            rows = []
            for item in (item for item in self.items if item.sector_id == sector.pk):
                cells = []
                for partner in self.slots:
                    last = self.previous.get((item.indicator_id, partner.pk if partner else None))
                    change = rounds.change_percent(self.number(item, partner), last)
                    cells.append({"field": self[self.value_name(item, partner)], "previous": last,
                                  "column": partner.name if partner else "Cả 4 tỉnh",
                                  "change": None if change is None else format_vi(round(change, 1)),
                                  "outlier": self.outlier(item, partner)})
                rows.append({"item": item, "cells": cells, "confirm": self[f"confirm_{item.pk}"], "why": self[f"why_{item.pk}"],
                             "has_outlier": any(cell["outlier"] for cell in cells)})
            sections.append({"sector": sector, "narrative": self[f"narrative_{sector.pk}"], "rows": rows})
        return sections

