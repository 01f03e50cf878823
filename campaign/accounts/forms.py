"""Forms of the account pages. They declare only the fields staff may set: a posted is_staff,
is_superuser or groups is simply not a field, so it is never read."""

from django import forms
from django.core.exceptions import ValidationError

from ..forms import UnitChoiceField
from ..models import Unit
from ..services import ServiceError
from .services import clean_email, clean_full_name, normalise_phone


class OfficerForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=200, strip=False, error_messages={"required": "Hãy nhập họ và tên."})
    email = forms.CharField(
        label="E-mail", max_length=300, help_text="Thư đặt mật khẩu được gửi tới địa chỉ này.",
        error_messages={"required": "Hãy nhập e-mail."},
    )
    phone = forms.CharField(label="Số điện thoại", max_length=40, required=False)
    units = UnitChoiceField(
        label="Đơn vị", queryset=Unit.objects.active().order_by("order", "name"),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "unit-checklist"}),
        error_messages={"required": "Hãy chọn ít nhất một đơn vị.", "invalid_choice": "Đơn vị đã chọn không có hoặc đã ngừng hoạt động.",
                        "invalid_pk_value": "Đơn vị đã chọn không hợp lệ."},
        help_text="Một cán bộ có thể thuộc nhiều đơn vị.",
    )

    def __init__(self, *args, officer=None, **kwargs):
        self.officer = officer
        super().__init__(*args, **kwargs)

    def _check(self, check, name, **kwargs):
        try:
            return check(self.cleaned_data[name], **kwargs)
        except ServiceError as error:
            raise ValidationError(error.messages[0]) from None

    def clean_full_name(self):
        return self._check(clean_full_name, "full_name")

    def clean_email(self):
        active = self.officer is None or self.officer.is_active
        return self._check(clean_email, "email", exclude=self.officer, check_taken=active)

    def clean_phone(self):
        return self._check(normalise_phone, "phone")


class OfficerCreateForm(OfficerForm):
    send_link = forms.BooleanField(label="Gửi ngay thư đặt mật khẩu tới e-mail này", required=False, initial=True)


class OfficerImportForm(forms.Form):
    file = forms.FileField(label="Tệp Excel danh sách cán bộ (.xlsx)", error_messages={"required": "Hãy chọn tệp Excel."})
    send_links = forms.BooleanField(label="Gửi thư đặt mật khẩu cho mọi tài khoản vừa tạo", required=False, initial=True)

    def clean_file(self):
        from .sheets import read_workbook

        upload = self.cleaned_data["file"]
        self.rows = read_workbook(upload)
        return upload


class AccountFilterForm(forms.Form):
    don_vi = forms.ModelChoiceField(
        label="Đơn vị", queryset=Unit.objects.order_by("order", "name"), required=False, to_field_name="code",
        empty_label="Tất cả đơn vị", widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": "Không có đơn vị này."},
    )
    q = forms.CharField(
        label="Tìm theo tên, e-mail, tên đăng nhập", required=False, max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
