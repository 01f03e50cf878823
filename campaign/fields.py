"""Model fields that store only clean text, whichever path writes: page forms,
the admin, imports, the shell, seed_demo, QuerySet.update().

`pre_save` cleans what `save()` writes (and puts the clean value back on the
instance); `get_prep_value` cleans what `update()` and lookups send;
`to_python` cleans what `full_clean()` and fixtures read.
"""

from django.db import models

from . import formfields
from .richtext import clean_html
from .text import normalize_text


class _CleaningMixin:
    """For a field with a `clean_value(text)` method."""

    def to_python(self, value):
        value = super().to_python(value)
        return self.clean_value(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = self.clean_value(value)
            setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return self.clean_value(value) if isinstance(value, str) else value


class RichTextField(_CleaningMixin, models.TextField):
    """HTML from CKEditor 5, stored only as nh3 leaves it (campaign.richtext).

    Templates show it with `{{ value|richtext }}` (campaign.templatetags.richtext),
    never with `|safe`. `max_visible`: characters a reader sees, checked by forms.
    `images=True` keeps images of our own media (articles, pages: campaign.richtext).
    """

    def __init__(self, *args, max_visible=None, images=False, **kwargs):
        self.max_visible = max_visible
        self.images = images
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.max_visible is not None:
            kwargs["max_visible"] = self.max_visible
        if self.images:
            kwargs["images"] = True
        return name, path, args, kwargs

    def clean_value(self, value):
        return clean_html(value, images=self.images)

    def formfield(self, **kwargs):
        widget = kwargs.pop("widget", None)
        return models.Field.formfield(self, **{
            "form_class": formfields.RichTextField, "max_length": self.max_length, "max_visible": self.max_visible,
            "images": self.images, **({"widget": widget} if widget is not None else {}), **kwargs,
        })


class CleanCharField(_CleaningMixin, models.CharField):
    """One line of text typed by a person (a name, a place): NFC, no invisible or control characters."""

    def clean_value(self, value):
        return normalize_text(value)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": formfields.CleanCharField, **kwargs})


class CleanTextField(_CleaningMixin, models.TextField):
    """Several lines typed by a person (a comment): as CleanCharField, line breaks kept."""

    def clean_value(self, value):
        return normalize_text(value, multiline=True)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": formfields.CleanCharField, "multiline": True, **kwargs})


def clean_stored_rows(apps, app_label):
    """Clean what an app stored before its fields were cleaning ones (a data migration's step)."""
    for model in apps.get_app_config(app_label).get_models():
        fields = [field for field in model._meta.concrete_fields if isinstance(field, _CleaningMixin)]
        if not fields:
            continue
        names = [field.attname for field in fields]
        for row in model._base_manager.only("pk", *names).iterator(chunk_size=500):
            changed = {}
            for field in fields:
                value = getattr(row, field.attname)
                if isinstance(value, str) and field.clean_value(value) != value:
                    changed[field.attname] = field.clean_value(value)
            if changed:
                model._base_manager.filter(pk=row.pk).update(**changed)
