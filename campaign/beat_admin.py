"""django-celery-beat's admin, in Vietnamese.

Some of its labels are plain strings, not marked for translation (the `task`
field's verbose name "Task Name", the "Scheduler", "Crontab translation" and
"Human readable" columns), so locale/vi cannot reach them. Its admin classes
are registered again here with Vietnamese labels; the models are untouched,
so no migration of the app changes. Crontab lines are read out by
cron-descriptor in Vietnamese (its vi_VN catalogue), 24-hour clock.
"""

from cron_descriptor import ExpressionDescriptor, FormatException, MissingFieldException, Options, WrongArgumentException
from django.contrib import admin
from django_celery_beat import admin as beat
from django_celery_beat.models import ClockedSchedule, CrontabSchedule, IntervalSchedule, PeriodicTask, SolarSchedule

# cron-descriptor's vi_VN catalogue leaves the day and month names in English.
NAMES = {
    "Monday": "thứ Hai", "Tuesday": "thứ Ba", "Wednesday": "thứ Tư", "Thursday": "thứ Năm", "Friday": "thứ Sáu",
    "Saturday": "thứ Bảy", "Sunday": "Chủ nhật", "January": "tháng 1", "February": "tháng 2", "March": "tháng 3",
    "April": "tháng 4", "May": "tháng 5", "June": "tháng 6", "July": "tháng 7", "August": "tháng 8",
    "September": "tháng 9", "October": "tháng 10", "November": "tháng 11", "December": "tháng 12",
}


def cron_expression(crontab):
    return f"{crontab.minute} {crontab.hour} {crontab.day_of_month} {crontab.month_of_year} {crontab.day_of_week}"


def crontab_in_words(crontab):
    """'Lúc 07:00 (giờ Asia/Ho_Chi_Minh)' for '0 7 * * *'."""
    options = Options()
    options.locale_code = "vi_VN"
    options.use_24hour_time_format = True
    try:
        words = ExpressionDescriptor(cron_expression(crontab), options).get_description()
    except (FormatException, MissingFieldException, WrongArgumentException):
        words = cron_expression(crontab)
    for english, vietnamese in NAMES.items():
        words = words.replace(english, vietnamese)
    if words.startswith("Tại "):
        words = "Lúc " + words[len("Tại "):]
    return f"{words} (giờ {crontab.timezone})"


def schedule_in_words(task):
    if task.crontab_id:
        return crontab_in_words(task.crontab)
    schedule = task.interval or task.solar or task.clocked
    return str(schedule) if schedule else ""


class TaskNameFilter(admin.AllValuesFieldListFilter):
    """The filter on `task`, whose verbose name the app leaves in English."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "tên tác vụ"


class PeriodicTaskAdmin(beat.PeriodicTaskAdmin):
    list_display = ("name", "enabled", "schedule", "start_time", "last_run_at", "one_off")
    list_filter = ["enabled", "one_off", ("task", TaskNameFilter), "start_time", "last_run_at"]
    readonly_fields = ("last_run_at", "crontab_translation")
    # The app's own template adds an inline script (refused by the CSP) that writes "Translation:".
    change_form_template = None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "crontab":
            field.label_from_instance = lambda crontab: f"{cron_expression(crontab)} – {crontab_in_words(crontab)}"
        return field

    @admin.display(description="lịch chạy")
    def schedule(self, obj):
        return schedule_in_words(obj)

    @admin.display(description="lịch crontab đọc thành lời")
    def crontab_translation(self, obj):
        return crontab_in_words(obj.crontab) if obj.crontab_id else "–"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Skip the parent's, which only feeds the template above.
        return admin.ModelAdmin.changeform_view(self, request, object_id, form_url, extra_context)


class PeriodicTaskInline(beat.PeriodicTaskInline):
    fields = ("name", "task_name", "args", "kwargs")
    readonly_fields = fields

    @admin.display(description="tên tác vụ")
    def task_name(self, obj):
        return obj.task


class ScheduleAdmin(admin.ModelAdmin):
    inlines = [PeriodicTaskInline]


class ClockedScheduleAdmin(ScheduleAdmin, beat.ClockedScheduleAdmin):
    pass


class CrontabScheduleAdmin(ScheduleAdmin, beat.CrontabScheduleAdmin):
    list_display = ("expression", "in_words")
    fields = ("in_words", "minute", "hour", "day_of_month", "month_of_year", "day_of_week", "timezone")
    readonly_fields = ("in_words",)

    @admin.display(description="biểu thức (phút giờ ngày tháng thứ)")
    def expression(self, obj):
        return cron_expression(obj)

    @admin.display(description="đọc thành lời")
    def in_words(self, obj):
        return crontab_in_words(obj) if obj.pk else "–"


class SolarScheduleAdmin(ScheduleAdmin, beat.SolarScheduleAdmin):
    pass


class IntervalScheduleAdmin(ScheduleAdmin, beat.IntervalScheduleAdmin):
    pass


for model, model_admin in (
    (PeriodicTask, PeriodicTaskAdmin), (ClockedSchedule, ClockedScheduleAdmin), (CrontabSchedule, CrontabScheduleAdmin),
    (SolarSchedule, SolarScheduleAdmin), (IntervalSchedule, IntervalScheduleAdmin),
):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
