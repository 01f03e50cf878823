from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django_ckeditor_5.widgets import CKEditor5Widget

from .images import check_image
from .models import Plan, Task, Unit
from .richtext import clean_html, html_to_text

DATE_INPUT = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


def rich(**kwargs):
    return forms.CharField(widget=CKEditor5Widget(config_name="default"), **kwargs)


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = [
            "title", "issuer_kind", "number", "symbol", "parent_body", "issuing_body", "place", "issued_on",
            "basis", "purposes", "requirements", "time_frame", "starts_on", "ends_on", "peak_start", "peak_end",
            "closing", "recipients", "signer_authority", "signer_title", "signer_name",
            "grace_days", "lock_after_days", "original_file",
        ]
        widgets = {
            "issued_on": DATE_INPUT, "starts_on": DATE_INPUT, "ends_on": DATE_INPUT,
            "peak_start": DATE_INPUT, "peak_end": DATE_INPUT,
            "basis": CKEditor5Widget(), "purposes": CKEditor5Widget(), "requirements": CKEditor5Widget(),
            "time_frame": CKEditor5Widget(), "closing": CKEditor5Widget(),
            "recipients": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A form posted without the choice (an older page) keeps the plan's kind.
        self.fields["issuer_kind"].required = False

    def clean_issuer_kind(self):
        return self.cleaned_data.get("issuer_kind") or self.instance.issuer_kind

    def clean_original_file(self):
        upload = self.cleaned_data.get("original_file")
        # Only a new upload is checked: the file already stored (a demo's .md source) stays as it is.
        if not isinstance(upload, UploadedFile):
            return upload
        if upload.size > 20 * 1024 * 1024:
            raise ValidationError("Văn bản gốc vượt giới hạn 20 MB.")
        if not upload.name.lower().endswith((".pdf", ".doc", ".docx", ".odt")):
            raise ValidationError("Văn bản gốc phải là tệp PDF, DOC, DOCX hoặc ODT.")
        return upload


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, unit):
        return unit.name + (" (minh họa)" if unit.is_demo else "")


class TaskForm(forms.ModelForm):
    units = UnitChoiceField(
        label="Giao cho đơn vị", queryset=Unit.objects.active().exclude(kind__in=[Unit.Kind.GROUP, Unit.Kind.PARTNER]),
        widget=forms.CheckboxSelectMultiple, error_messages={"required": "Chọn ít nhất một đơn vị."},
    )
    due_on = forms.DateField(label="Hạn nộp (nhiệm vụ một lần)", required=False, widget=DATE_INPUT)
    first_month = forms.DateField(label="Kỳ đầu tiên (tháng)", required=False, widget=DATE_INPUT, help_text="Một ngày bất kỳ trong tháng của kỳ đầu.")
    last_month = forms.DateField(label="Kỳ cuối cùng (tháng)", required=False, widget=DATE_INPUT)
    due_day = forms.IntegerField(label="Hạn nộp vào ngày (của tháng sau kỳ)", min_value=1, max_value=31, initial=5)
    final_due_on = forms.DateField(label="Hạn báo cáo tổng kết (nếu có)", required=False, widget=DATE_INPUT)

    class Meta:
        model = Task
        fields = ["code", "title", "description", "theme", "unit_group", "schedule", "weight"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["theme"].queryset = plan.themes.order_by("order", "code")

    def clean(self):
        data = super().clean()
        schedule = data.get("schedule")
        plan = self.plan
        if schedule == Task.Schedule.ONCE:
            if not data.get("due_on"):
                self.add_error("due_on", "Nhập hạn nộp cho nhiệm vụ một lần.")
        elif schedule in (Task.Schedule.MONTHLY, Task.Schedule.QUARTERLY):
            first, last = data.get("first_month"), data.get("last_month")
            if not first:
                self.add_error("first_month", "Nhập tháng của kỳ báo cáo đầu tiên.")
            if not last:
                self.add_error("last_month", "Nhập tháng của kỳ báo cáo cuối cùng.")
            if first and last and (first.year, first.month) > (last.year, last.month):
                self.add_error("last_month", "Kỳ cuối phải sau kỳ đầu.")
            if first and last and (last.year - first.year) * 12 + last.month - first.month > 120:
                self.add_error("last_month", "Tối đa 120 kỳ báo cáo.")
        for name in ("due_on", "final_due_on"):
            day = data.get(name)
            if day and not (plan.starts_on <= day <= plan.ends_on.replace(year=plan.ends_on.year + 1)):
                self.add_error(name, "Hạn nộp phải nằm trong thời gian của kế hoạch (hoặc trong năm sau đó).")
        return data


class DueDateForm(forms.Form):
    new_due_on = forms.DateField(label="Hạn mới", widget=DATE_INPUT)
    reason = forms.CharField(label="Lý do đổi hạn", max_length=500, required=False)


class AssignForm(forms.Form):
    units = UnitChoiceField(
        label="Giao thêm cho đơn vị", queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Chọn ít nhất một đơn vị."},
    )

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = (
            Unit.objects.active().exclude(kind__in=[Unit.Kind.GROUP, Unit.Kind.PARTNER]).exclude(assignments__task=task)
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several photos in one input; each is checked by Pillow (campaign.images)."""

    def __init__(self, *args, max_files=10, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}))
        self.max_files = max_files
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if len(uploads) > self.max_files:
            raise ValidationError(f"Tối đa {self.max_files} ảnh mỗi lần nộp.")
        errors = []
        for upload in uploads:
            try:
                check_image(upload)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return uploads


class ProgressReportForm(forms.Form):
    text = forms.CharField(
        label="Nội dung báo cáo", widget=CKEditor5Widget(),
        help_text="Kết quả thực hiện, hoạt động đã tổ chức, khó khăn và đề xuất.",
    )
    links = forms.CharField(
        label="Đường dẫn bài viết đã đăng", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Mỗi dòng một đường dẫn, bắt đầu bằng http:// hoặc https://.",
    )
    photos = MultipleImageField(label="Ảnh hoạt động", required=False, help_text="Ảnh JPEG, PNG, WEBP hoặc GIF; tối đa 10 ảnh, mỗi ảnh không quá 8 MB.")
    caption = forms.CharField(label="Chú thích ảnh", max_length=300, required=False)

    def __init__(self, *args, measures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.measures = list(measures)
        for measure in self.measures:
            self.fields[f"measure_{measure.pk}"] = forms.IntegerField(
                label=f"{measure.name} ({measure.unit_label})", min_value=0, max_value=100_000_000, required=False,
                error_messages={"min_value": "Số liệu không được âm.", "invalid": "Nhập một số nguyên."},
            )
        # Figures right after the text, before links and photos, as a report reads.
        measure_names = [f"measure_{m.pk}" for m in self.measures]
        self.order_fields(["text", *measure_names, "links", "photos", "caption"])

    def measure_fields(self):
        return [self[f"measure_{m.pk}"] for m in self.measures]

    def clean_text(self):
        text = clean_html(self.cleaned_data["text"])
        if not html_to_text(text):
            raise ValidationError("Nội dung báo cáo không được để trống.")
        return text

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        validate = URLValidator(schemes=["http", "https"])
        bad = []
        for line in lines:
            try:
                validate(line)
            except ValidationError:
                bad.append(line)
        if bad:
            raise ValidationError("Đường dẫn không hợp lệ: " + ", ".join(bad[:5]))
        return "\n".join(lines)

    def figures(self):
        return {m: self.cleaned_data.get(f"measure_{m.pk}") for m in self.measures}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Kết quả duyệt", choices=[("accept", "Chấp nhận"), ("return", "Trả lại để bổ sung")], widget=forms.RadioSelect,
    )
    comment = forms.CharField(label="Ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("comment", "").strip():
            self.add_error("comment", "Vui lòng ghi ý kiến để đơn vị biết cần bổ sung gì.")
        return data


class LockExceptionForm(forms.Form):
    until = forms.DateField(label="Cho nộp đến hết ngày", widget=DATE_INPUT)
    reason = forms.CharField(label="Lý do", max_length=500)


class PlanStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Plan.Status.choices)
