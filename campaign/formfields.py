"""Form fields that read text and numbers the way people type them (campaign.text).

Every public and staff form uses these (or gets them from the model fields in
campaign.fields), so the rules of docs/security.md, "Text and rich text",
hold on every page: text NFC-normalised and stripped of invisible characters,
empty when nothing visible is left, digits of any script read as 0–9.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django_ckeditor_5.widgets import CKEditor5Widget

from .richtext import clean_html
from .text import ascii_digits, digits_only, normalize_text, visible_text


class CleanCharField(forms.CharField):
    """Plain text: NFC, no control, bidi-override or zero-width characters; blank when nothing visible is left."""

    def __init__(self, *, multiline=False, **kwargs):
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_python(self, value):
        value = normalize_text(super().to_python(value), multiline=self.multiline)
        return value if value else self.empty_value


class RichTextField(forms.CharField):
    """HTML from CKEditor 5, cleaned with nh3; empty when no visible text is left.

    `max_visible` limits the characters a reader sees, `max_length` the HTML kept;
    `images` keeps images of our own media (campaign.richtext).
    """

    def __init__(self, *, max_visible=None, max_length=None, images=False, config_name=None, **kwargs):
        self.max_visible, self.max_html, self.images = max_visible, max_length, images
        config_name = config_name or ("content" if images else "default")
        widget = kwargs.get("widget")
        if widget is None or isinstance(widget, forms.Textarea) or (isinstance(widget, type) and issubclass(widget, forms.Textarea)):
            # The admin offers its textarea for every TextField; rich text gets the editor.
            kwargs["widget"] = CKEditor5Widget(config_name=config_name)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = clean_html(super().to_python(value), images=self.images)
        return value if visible_text(value) else self.empty_value

    def validate(self, value):
        super().validate(value)
        if self.max_visible and len(visible_text(value)) > self.max_visible:
            raise ValidationError(
                f"Nội dung dài {thousands(len(visible_text(value)))} ký tự, vượt giới hạn {thousands(self.max_visible)} ký tự.",
                code="max_visible",
            )
        if self.max_html and len(value or "") > self.max_html:
            raise ValidationError(
                f"Nội dung quá dài: phần định dạng vượt {thousands(self.max_html)} ký tự; hãy rút gọn hoặc bớt định dạng.",
                code="max_length",
            )


def thousands(number):
    return f"{number:,}".replace(",", ".")


class DigitsField(forms.CharField):
    """A number kept as text (CCCD): exactly `length` ASCII digits once separators are dropped."""

    def __init__(self, *, length, message, **kwargs):
        self.length, self.message = length, message
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        # Room for spaces and dots in what is typed; the digits are counted after cleaning.
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return {**attrs, "inputmode": "numeric"}

    def to_python(self, value):
        value = digits_only(super().to_python(value))
        return value if value else self.empty_value

    def validate(self, value):
        super().validate(value)
        if value and not re.fullmatch(rf"[0-9]{{{self.length}}}", value):
            raise ValidationError(self.message, code="invalid")


class CountField(forms.IntegerField):
    """A whole number typed by a person: digits of any script, spaces and Vietnamese thousands dots (1.000)."""

    # Django's vi catalogue says "Nhập một số tổng thể." (a mistranslation of "a whole number").
    default_error_messages = {"invalid": "Nhập một số nguyên."}

    def to_python(self, value):
        if isinstance(value, str):
            value = ascii_digits(normalize_text(value)).replace(" ", "")
            if re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})+", value):
                value = value.replace(".", "")
            if value and not re.fullmatch(r"-?[0-9]+", value):
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)
