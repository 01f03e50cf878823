from django import forms

from ..models import Reminder, ReminderPolicy, parse_day_list


class ReminderPolicyForm(forms.ModelForm):
    class Meta:
        model = ReminderPolicy
        fields = ["is_active", "before_days", "on_due_day", "overdue_every_days", "escalate_after_days", "stop_after_days"]

    def clean_before_days(self):
        # Stored as written by the form, so the page shows "7, 3, 1" whatever was typed.
        return ", ".join(str(day) for day in parse_day_list(self.cleaned_data["before_days"]))

    def clean(self):
        cleaned = super().clean()
        escalate, stop = cleaned.get("escalate_after_days"), cleaned.get("stop_after_days")
        if escalate is not None and stop is not None and escalate > stop:
            self.add_error("escalate_after_days", "Ngày báo lên cấp trên phải trước ngày ngừng nhắc.")
        return cleaned


class DigestPreferenceForm(forms.Form):
    daily_digest = forms.BooleanField(
        label="Nhận một thư tổng hợp mỗi ngày thay cho từng thư nhắc hạn", required=False,
        help_text="Thông báo trên cổng vẫn hiện từng việc.", widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


class ReminderLogFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả")] + Reminder.Status.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    channel = forms.ChoiceField(
        label="Kênh", required=False, choices=[("", "Tất cả")] + Reminder.Channel.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    q = forms.CharField(
        label="Tìm", required=False, max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "Người nhận, đơn vị hoặc nhiệm vụ"}),
    )
