from django import forms

from ..text import ascii_digits, normalize_text


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực", max_length=20,
        help_text="6 chữ số trên ứng dụng xác thực, hoặc một mã dự phòng (dạng abcd-efgh).",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false", "autocapitalize": "off"}),
        error_messages={"required": "Vui lòng nhập mã xác thực.", "max_length": "Mã xác thực không đúng."},
    )

    def clean_code(self):
        return ascii_digits(normalize_text(self.cleaned_data["code"]))


class ConfirmForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực", max_length=10,
        help_text="6 chữ số ứng dụng hiện ra sau khi quét mã QR.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"required": "Vui lòng nhập mã xác thực.", "max_length": "Mã xác thực gồm 6 chữ số."},
    )

    def clean_code(self):
        return ascii_digits(normalize_text(self.cleaned_data["code"]))


class PasswordForm(forms.Form):
    password = forms.CharField(
        label="Mật khẩu", strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Vui lòng nhập mật khẩu."},
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Mật khẩu không đúng.")
        return password
