from django.contrib import admin, messages

from . import services
from .forms import ChoiceFormSet, QuestionForm
from .models import Attempt, Choice, Contest, Participant, Prize, Question, Round, RoundResult


class PrizeInline(admin.TabularInline):
    model = Prize
    fields = ("order", "name", "amount", "count")
    extra = 0


class RoundInline(admin.TabularInline):
    model = Round
    fields = ("number", "opens_at", "closes_at", "question_count", "time_limit_seconds", "max_attempts", "actual_answer")
    extra = 0
    show_change_link = True


@admin.register(Contest)
class ContestAdmin(admin.ModelAdmin):
    list_display = ("title", "starts_on", "ends_on", "is_published", "is_demo")
    list_filter = ("is_published", "is_demo")
    search_fields = ("title", "code")
    prepopulated_fields = {"code": ("title",)}
    inlines = [PrizeInline, RoundInline]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = (
        "__str__", "opens_at", "closes_at", "max_attempts", "actual_answer", "answers_revealed_at", "results_computed_at",
    )
    list_filter = ("contest",)
    readonly_fields = ("answers_revealed_at", "results_computed_at")
    actions = ["compute_results"]

    def get_readonly_fields(self, request, obj=None):
        # The prediction's answer is known only once the round has closed.
        if obj is None or not obj.is_closed():
            return (*self.readonly_fields, "actual_answer")
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "actual_answer" in form.changed_data:
            # Results ranked on the old answer are stale: the periodic task ranks again.
            services.round_set_actual_answer(round=obj, actual_answer=obj.actual_answer)

    @admin.action(description="Tính kết quả và xếp hạng các đợt đã chọn")
    def compute_results(self, request, queryset):
        for round in queryset:
            try:
                services.round_compute_results(round=round)
            except services.ServiceError as error:
                self.message_user(request, f"{round}: {error.messages[0]}", messages.ERROR)
            else:
                self.message_user(request, f"{round}: đã tính kết quả.", messages.SUCCESS)


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = ChoiceFormSet
    fields = ("order", "text", "is_correct")
    extra = 3
    max_num = Question.MAX_CHOICES


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    form = QuestionForm
    list_display = ("code", "text", "contest", "difficulty", "is_active", "revealed_at", "is_demo")
    list_filter = ("contest", "difficulty", "is_active", ("revealed_at", admin.EmptyFieldListFilter), "is_demo")
    search_fields = ("code", "text")
    readonly_fields = ("revealed_at", "revealed_in_round")
    filter_horizontal = ("themes",)
    raw_id_fields = ("source_section",)
    inlines = [ChoiceInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Choice:
            return super().save_formset(request, form, formset, change)
        # Through the service: it flips the correct answer in an order the
        # one-correct-choice index accepts, and checks exactly one again.
        kept = sorted(
            (f.cleaned_data.get("order") or 0, f.cleaned_data["text"], f.cleaned_data.get("is_correct", False))
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        )
        services.question_save(question=form.instance, choices=[(text, correct) for _, text, correct in kept])
        # The admin's history message reads these; the service wrote the rows.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("full_name", "contest", "phone", "locality", "unit", "registered_at")
    list_filter = ("contest", "unit")
    search_fields = ("full_name", "phone", "email")
    readonly_fields = ("registered_at",)


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ("participant", "round", "number", "started_at", "submitted_at", "score", "duration_ms", "prediction")
    list_filter = ("round__contest", "round")
    search_fields = ("participant__full_name", "participant__phone")
    raw_id_fields = ("participant", "round")
    readonly_fields = [f.name for f in Attempt._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(RoundResult)
class RoundResultAdmin(admin.ModelAdmin):
    list_display = ("round", "rank", "participant", "score", "prediction_error", "duration_ms", "submitted_at", "prize")
    list_filter = ("round__contest", "round", "prize")
    raw_id_fields = ("participant", "attempt")

    def has_add_permission(self, request):
        return False
