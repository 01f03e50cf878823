from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from . import beat_admin  # noqa: F401  (django-celery-beat's admin, in Vietnamese)
from .forms import PrivateFileInput

from .models import (
    Assignment,
    Channel,
    DueDateChange,
    KeyDate,
    LockException,
    Measure,
    Plan,
    ProgressReport,
    ReferenceDocument,
    ReferenceSection,
    ReportEvent,
    ReportFigure,
    ReportingPeriod,
    ReportPhoto,
    Task,
    Theme,
    Unit,
)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "parent", "is_active", "is_demo")
    list_filter = ("kind", "is_active", "is_demo")
    search_fields = ("name", "short_name", "code")
    autocomplete_fields = ("parent",)
    filter_horizontal = ("members",)
    prepopulated_fields = {"code": ("short_name",)}


class ThemeInline(admin.TabularInline):
    model = Theme
    fields = ("code", "title", "parent", "weight", "order")
    extra = 0
    show_change_link = True


class ChannelInline(admin.TabularInline):
    model = Channel
    fields = ("code", "title", "order")
    extra = 0


class KeyDateInline(admin.TabularInline):
    model = KeyDate
    fields = ("date", "end_date", "kind", "title", "anniversary", "theme")
    extra = 0


class MeasureInline(admin.TabularInline):
    model = Measure
    fields = ("code", "name", "unit_label", "order")
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("title", "number_and_symbol", "issuing_body", "starts_on", "ends_on", "status")
    list_filter = ("status",)
    search_fields = ("title", "code", "number")
    inlines = [ThemeInline, ChannelInline, KeyDateInline, MeasureInline]
    # The status moves only through services.plan_change_status (the buttons on the plan's
    # page), which checks the allowed steps and sets issued_on and closed_on with it.
    readonly_fields = ("status_change", "closed_on")
    exclude = ("status",)

    @admin.display(description="trạng thái")
    def status_change(self, plan):
        if not plan.pk:
            return "Dự thảo (kế hoạch mới luôn bắt đầu ở trạng thái dự thảo)."
        return format_html(
            '{} – <a href="{}">đổi trạng thái trên trang kế hoạch</a>', plan.get_status_display(), reverse("campaign:plan", args=[plan.pk]),
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "original_file":
            kwargs["widget"] = PrivateFileInput  # private storage: no URL, a link to the checked page
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="số, ký hiệu")
    def number_and_symbol(self, plan):
        return plan.reference


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "plan", "weight")
    list_filter = ("plan",)
    search_fields = ("title", "code")


@admin.register(KeyDate)
class KeyDateAdmin(admin.ModelAdmin):
    list_display = ("date", "title", "kind", "anniversary", "plan")
    list_filter = ("plan", "kind")
    date_hierarchy = "date"


class ReferenceSectionInline(admin.StackedInline):
    model = ReferenceSection
    extra = 0


@admin.register(ReferenceDocument)
class ReferenceDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "plan", "order")
    filter_horizontal = ("themes",)
    inlines = [ReferenceSectionInline]


class ReportingPeriodAdminForm(forms.ModelForm):
    """A new period sets its first due date here; an existing one's due date changes
    only on the task page, through services.period_change_due_date, which keeps its
    DueDateChange. Disabled, the field ignores whatever is posted for it."""

    class Meta:
        model = ReportingPeriod
        fields = ("label", "starts_on", "ends_on", "due_on", "is_final", "order")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            due_on = self.fields["due_on"]
            due_on.disabled = True
            due_on.widget = forms.DateInput(format="%d/%m/%Y", attrs={"size": 10})


class ReportingPeriodInline(admin.TabularInline):
    model = ReportingPeriod
    form = ReportingPeriodAdminForm
    fields = ("label", "starts_on", "ends_on", "due_on", "due_date_change", "is_final", "order")
    readonly_fields = ("due_date_change",)
    extra = 0

    @admin.display(description="đổi hạn")
    def due_date_change(self, period):
        if not period.pk:
            return "Kỳ mới: nhập hạn nộp đầu tiên."
        return format_html('<a href="{}">Đổi hạn (có ghi lịch sử)</a>', reverse("campaign:period_due_date", args=[period.pk]))


class AssignmentInline(admin.TabularInline):
    model = Assignment
    fields = ("unit", "progress_override")
    autocomplete_fields = ("unit",)
    extra = 0


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ("title", "plan", "theme", "schedule", "weight", "is_demo")
    list_filter = ("plan", "schedule", "is_demo")
    search_fields = ("title", "description")
    inlines = [ReportingPeriodInline, AssignmentInline]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("task", "unit", "progress_override")
    list_filter = ("task__plan",)
    search_fields = ("task__title", "unit__name")
    autocomplete_fields = ("unit",)
    raw_id_fields = ("task",)


class ReportFigureInline(admin.TabularInline):
    model = ReportFigure
    extra = 0


class ReportPhotoInline(admin.TabularInline):
    """Photos come only through the filing page, which checks and re-encodes
    them; here they are shown through the permission-checking view."""

    model = ReportPhoto
    fields = ("preview", "caption")
    readonly_fields = ("preview",)
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="ảnh")
    def preview(self, photo):
        return format_html('<a href="{}"><img src="{}" alt="" height="80"></a>', photo.get_absolute_url(), photo.thumbnail_url)


class ReportEventInline(admin.TabularInline):
    model = ReportEvent
    fields = ("at", "action", "actor", "comment")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ("assignment", "period", "status", "first_submitted_at", "submitted_at")
    list_filter = ("status", "assignment__task__plan")
    search_fields = ("assignment__unit__name", "assignment__task__title")
    raw_id_fields = ("assignment", "period")
    # The status moves only through the filing page and the review services, which
    # write its ReportEvent (and the review notices); reports are filed, not added here.
    readonly_fields = (
        "status", "first_submitted_at", "submitted_at", "submitted_by", "reviewed_at", "reviewed_by", "review_comment",
    )
    inlines = [ReportFigureInline, ReportPhotoInline, ReportEventInline]

    def has_add_permission(self, request):
        return False


class HistoryAdmin(admin.ModelAdmin):
    """A history row is written by its service, beside the change it records: the admin
    shows it, never adds, edits or deletes one."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DueDateChange)
class DueDateChangeAdmin(HistoryAdmin):
    list_display = ("period", "old_due_on", "new_due_on", "changed_by", "changed_at")


@admin.register(LockException)
class LockExceptionAdmin(admin.ModelAdmin):
    """Granted on the task page (services.lock_exception_grant checks the period and the
    date and records who granted it); here it is shown, and may be withdrawn (deleted)."""

    list_display = ("assignment", "period", "until", "granted_by", "granted_at")
    raw_id_fields = ("assignment", "period")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# django-otp's device admins (English, and they would show or let staff swap an account's secret):
# devices are managed on the account's own page and by `manage.py twofactor_reset` (campaign/twofactor).
def _unregister_otp_devices():
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (TOTPDevice, StaticDevice):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


_unregister_otp_devices()
