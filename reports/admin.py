from django.contrib import admin

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
    list_display = ["reference", "title", "issued_on", "status"]
    list_filter = ["status"]
    inlines = [AgreementInline, NarrativeInline, FriendshipWorkInline, AssessmentInline]

    @admin.display(description="số, ký hiệu")
    def reference(self, obj):
        return obj.reference


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
