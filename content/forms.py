from django import forms
from django.core.files.uploadedfile import UploadedFile

from campaign.images import prepare_photo

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
