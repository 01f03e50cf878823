from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from . import models


@admin.register(models.PartnerProvince)
class PartnerProvinceAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "unit", "order"]


@admin.register(models.ReportingEntity)
class ReportingEntityAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]


@admin.register(models.Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "responsible_unit"]
    filter_horizontal = ["co_units"]


@admin.register(models.Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


class AgreementInline(admin.StackedInline):
    model = models.Agreement
    extra = 0
    filter_horizontal = ["partners"]


class NarrativeInline(admin.StackedInline):
    model = models.SectorNarrative
    extra = 0


class FriendshipWorkInline(admin.StackedInline):
    model = models.FriendshipWork
    extra = 0


class AssessmentInline(admin.TabularInline):
    model = models.AssessmentItem
    extra = 0


@admin.register(models.Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "issued_on", "status", "export_links"]
    list_filter = ["status"]
    inlines = [AgreementInline, NarrativeInline, FriendshipWorkInline, AssessmentInline]

    @admin.display(description="số, ký hiệu")
    def reference(self, obj):
        return obj.reference

    @admin.display(description="xuất tệp")
    def export_links(self, obj):
        return format_html('<a href="{}">Word, Excel</a>', reverse("reports:exports", args=[obj.code]))


@admin.register(models.ReportExport)
class ReportExportAdmin(admin.ModelAdmin):
    list_display = ["report", "kind", "status", "requested_by", "requested_at", "build_ms"]
    list_filter = ["kind", "status"]
    list_select_related = ["report", "requested_by"]
    # The file is private (no URL): it is downloaded from the report's export page.
    fields = readonly_fields = ["report", "kind", "status", "download", "requested_by", "requested_at", "finished_at",
                                "build_ms", "error"]

    def has_add_permission(self, request):
        return False  # files are asked for on the report's export page

    @admin.display(description="tệp")
    def download(self, obj):
        if obj.status != obj.Status.READY:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("reports:export_download", args=[obj.report.code, obj.pk]),
                           obj.filename)


@admin.register(models.IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "display_number", "entity", "partner_scope", "year_label", "section", "report"]
    list_filter = ["report", "sector", "entity", "partner"]
    search_fields = ["indicator__name", "source_sentence"]
    list_select_related = ["indicator", "entity", "report"]
    autocomplete_fields = ["indicator"]

    @admin.display(description="số")
    def display_number(self, obj):
        return obj.display_number

    @admin.display(description="năm")
    def year_label(self, obj):
        return obj.year_label


class DirectionItemInline(admin.StackedInline):
    model = models.DirectionItem
    extra = 0
    filter_horizontal = ["tasks"]


@admin.register(models.Direction)
class DirectionAdmin(admin.ModelAdmin):
    list_display = ["number", "__str__", "report"]
    list_filter = ["report"]
    filter_horizontal = ["tasks"]
    inlines = [DirectionItemInline]


class SubmissionInline(admin.TabularInline):
    model = models.SectorSubmission
    extra = 0
    fields = ["assignment", "progress_report", "year", "saved_at", "saved_by"]
    readonly_fields = fields
    can_delete = False


@admin.register(models.Round)
class RoundAdmin(admin.ModelAdmin):
    """Rounds are opened on /lam-viec/bao-cao-hop-tac/ (with their campaign task); here only read."""

    list_display = ["year", "report", "previous", "task", "compiled_at", "is_demo"]
    readonly_fields = ["report", "previous", "year", "entity", "task", "period", "opened_by", "opened_at", "compiled_at"]
    inlines = [SubmissionInline]

    def has_add_permission(self, request):
        return False
