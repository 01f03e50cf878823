from django import forms
from django.core.files.uploadedfile import UploadedFile

from campaign.images import prepare_photo
from campaign.models import Unit

from .models import Article, Material


def _clean_photo(upload):
    """A new photo is checked and re-encoded (no metadata, at most 2000 px) before it is stored."""
    if not isinstance(upload, UploadedFile):
        return upload
    full, _thumb = prepare_photo(upload).files()
    return full


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "title", "slug", "summary", "body", "cover", "cover_caption", "cover_alt", "section", "themes",
            "author", "source", "unit", "status", "published_at", "featured", "is_demo",
        ]

    def clean_cover(self):
        return _clean_photo(self.cleaned_data.get("cover"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cover") and not cleaned.get("cover_alt"):
            self.add_error("cover_alt", "Hãy mô tả ảnh cho người không xem được ảnh.")
        return cleaned


class MaterialForm(forms.ModelForm):
    class Meta:
        model = Material
        fields = [
            "title", "slug", "kind", "description", "file", "preview", "reference", "authors", "publisher", "year",
            "source", "themes", "section", "is_published", "order",
        ]

    def clean_preview(self):
        return _clean_photo(self.cleaned_data.get("preview"))


DATETIME_INPUT = forms.DateTimeInput(format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm", "inputmode": "numeric"})


class ArticleWriteForm(ArticleForm):
    """What a writer edits on the staff pages; the status moves only through the workflow's buttons."""

    class Meta:
        model = Article
        fields = [
            "title", "summary", "body", "cover", "cover_caption", "cover_alt", "section", "themes", "unit",
            "author", "source", "featured",
        ]

    def __init__(self, *args, user, approver, **kwargs):
        super().__init__(*args, **kwargs)
        if not approver:
            # A unit officer writes about their own units; featuring is the editors' choice.
            del self.fields["featured"]
            units = Unit.objects.filter(members=user)
            self.fields["unit"].queryset = units
            self.fields["unit"].required = True
            if not self.instance.unit_id and not self.is_bound:
                # An officer of one unit (the usual case) does not have to pick it.
                only = list(units[:2])
                if len(only) == 1:
                    self.initial["unit"] = only[0].pk
        self.fields["themes"].widget.attrs["size"] = 6


class ApproveForm(forms.Form):
    publish_at = forms.DateTimeField(
        label="Xuất bản lúc", required=False, input_formats=["%d/%m/%Y %H:%M", "%d/%m/%Y"], widget=DATETIME_INPUT,
        help_text="Để trống: xuất bản ngay. Một thời điểm sau này: bài tự hiện đúng lúc đó.",
    )
