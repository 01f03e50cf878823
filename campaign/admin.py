from django.contrib import admin

from .models import Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "parent", "is_active", "is_demo")
    list_filter = ("kind", "is_active", "is_demo")
    search_fields = ("name", "short_name", "code")
    autocomplete_fields = ("parent",)
    filter_horizontal = ("members",)
    prepopulated_fields = {"code": ("short_name",)}
