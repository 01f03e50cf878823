from django.contrib import admin
from django.utils import timezone

from . import revisions
from .forms import ArticleForm, MaterialForm
from .models import Article, ArticleSlugRedirect, Material, Page, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "theme", "order")
    search_fields = ("name",)
    autocomplete_fields = ("theme",)


class SlugRedirectInline(admin.TabularInline):
    model = ArticleSlugRedirect
    extra = 0
    fields = ("old_slug", "created_at")
    readonly_fields = ("created_at",)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = ("title", "section", "status", "published_at", "featured", "is_demo")
    list_filter = ("status", "section", "featured", "is_demo")
    search_fields = ("title", "summary")
    date_hierarchy = "published_at"
    filter_horizontal = ("themes",)
    autocomplete_fields = ("unit",)
    readonly_fields = ("created_by", "approved_by", "approved_at", "created_at", "updated_at")
    inlines = [SlugRedirectInline]

    def save_model(self, request, obj, form, change):
        if not obj.created_by_id:
            obj.created_by = request.user
        if obj.status == Article.Status.PUBLISHED and not obj.approved_by_id:
            obj.approved_by, obj.approved_at = request.user, timezone.now()
        # One revision for the save and its themes, recorded in save_related.
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        article = form.instance
        try:
            super().save_related(request, form, formsets, change)
        finally:
            if hasattr(article, "skip_history_when_saving"):
                del article.skip_history_when_saving
        revisions.record(article, by=request.user, created=not change)


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    form = MaterialForm
    list_display = ("title", "kind", "reference", "is_published", "order")
    list_filter = ("kind", "is_published")
    search_fields = ("title",)
    filter_horizontal = ("themes",)
    readonly_fields = ("size", "page_count")


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "updated_at", "updated_by")
    readonly_fields = ("updated_at", "updated_by")

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
