from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db.models import Q
from django.urls import reverse
from django_ckeditor_5.widgets import CKEditor5Widget

from .audit import kind_choices
from .deadlines import local_today
from .formfields import CleanCharField, CountField, RichTextField
from .images import max_per_report, max_upload_bytes, mb, photo_count_refusal, prepare_photo
from .periods import schedule_errors
from .models import REPORT_MAX_HTML, REPORT_MAX_VISIBLE, Plan, Task, Unit
from .roles import OFFICER_GROUP, STAFF_GROUP
from .text import plausible_year

DATE_INPUT = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class PrivateFileInput(forms.ClearableFileInput):
    """A file input for a plan's original, which lives in the private storage (no URL): the
    current file links to the page that checks the permission (campaign:plan_original)."""

    def is_initial(self, value):
        return bool(value and getattr(value, "name", ""))

    def format_value(self, value):
        if self.is_initial(value):
            return PrivateFileLink(value)
        return None


class PrivateFileLink:
    def __init__(self, value):
        self.url = reverse("campaign:plan_original", args=[value.instance.pk]) if value.instance.pk else ""
        self.name = value.name.rsplit("/", 1)[-1]

    def __str__(self):
        return self.name


# The first bytes of each accepted type: a renamed file of another kind is refused.
ORIGINAL_SIGNATURES = {
    ".pdf": (b"%PDF-",), ".docx": (b"PK\x03\x04",), ".odt": (b"PK\x03\x04",), ".doc": (b"\xd0\xcf\x11\xe0",),
}


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
            "original_file": PrivateFileInput(),
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
        extension = "." + upload.name.lower().rsplit(".", 1)[-1] if "." in upload.name else ""
        if extension not in ORIGINAL_SIGNATURES:
            raise ValidationError("Văn bản gốc phải là tệp PDF, DOC, DOCX hoặc ODT.")
        upload.seek(0)
        head = upload.read(8)
        upload.seek(0)
        if not head.startswith(ORIGINAL_SIGNATURES[extension]):
            raise ValidationError(f"Tệp không phải là tệp {extension[1:].upper()} thật (nội dung không khớp với đuôi tệp).")
        return upload


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, unit):
        return unit.name + (" (minh họa)" if unit.is_demo else "")


def assignable_units():
    """Units a task can go to: active ones that file reports (not groups, not partner provinces)."""
    return Unit.objects.active().exclude(kind__in=[Unit.Kind.GROUP, Unit.Kind.PARTNER])


class UnitCheckboxes(forms.CheckboxSelectMultiple):
    """Unit checkboxes that carry their kind, their branches and their depth in the tree,
    for static/js/unit_chooser.js; `tree` is {unit id: (depth, [ancestor ids])}."""

    tree = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        unit = getattr(value, "instance", None)
        if unit is not None:
            depth, ancestors = self.tree.get(unit.pk, (0, []))
            option["attrs"].update({
                "data-kind": unit.kind, "data-branches": " ".join(str(pk) for pk in ancestors),
                "data-name": unit.name,
            })
            option["depth"] = min(depth, 3)
            option["kind_label"] = unit.get_kind_display()
        return option


class UnitChooserForm(forms.Form):
    """Choose units one by one, all at once, by branch of the unit tree or by kind.

    The extra choices are plain form fields, added to the ticked units in
    `clean`, so a form posted without JavaScript does the same as the script,
    which only ticks the same boxes as you go and filters the list by name.
    """

    units = UnitChoiceField(
        label="Đơn vị", queryset=Unit.objects.none(), required=False,
        widget=UnitCheckboxes(attrs={"class": "form-check-input"}),
    )
    all_units = forms.BooleanField(
        label="Chọn tất cả đơn vị", required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    branches = forms.MultipleChoiceField(
        label="Chọn theo nhánh (mọi đơn vị trực thuộc)", required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"invalid_choice": "Nhánh đơn vị đã chọn không có trong danh sách; tải lại trang và chọn lại."},
    )
    kinds = forms.MultipleChoiceField(
        label="Chọn theo loại đơn vị", required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"invalid_choice": "Loại đơn vị đã chọn không có trong danh sách; tải lại trang và chọn lại."},
    )

    unit_field = "units"

    def setup_unit_choices(self, queryset, *, label):
        units = list(queryset.select_related("parent").order_by("order", "name"))
        everything = {unit.pk: unit for unit in Unit.objects.active().only("pk", "parent_id", "name", "order")}
        ancestors = {}
        for unit in units:
            chain, parent_id = [], unit.parent_id
            while parent_id is not None and parent_id in everything and parent_id not in chain:
                chain.append(parent_id)
                parent_id = everything[parent_id].parent_id
            ancestors[unit.pk] = chain
        # Tree order: each unit after its parent, siblings by (order, name).
        children = {}
        chosen = {unit.pk for unit in units}
        for unit in units:
            parent = next((pk for pk in ancestors[unit.pk] if pk in chosen), None)
            children.setdefault(parent, []).append(unit)
        ordered, tree = [], {}

        def walk(parent, depth):
            for unit in children.get(parent, []):
                ordered.append(unit)
                tree[unit.pk] = (depth, ancestors[unit.pk])
                walk(unit.pk, depth + 1)

        walk(None, 0)
        field = self.fields[self.unit_field]
        field.label = label
        field.queryset = queryset
        field.choices = [(forms.models.ModelChoiceIteratorValue(unit.pk, unit), field.label_from_instance(unit)) for unit in ordered]
        field.widget.tree = tree
        self.units_in_order = ordered

        under = {}
        for unit in units:
            for pk in ancestors[unit.pk]:
                under.setdefault(pk, []).append(unit.pk)
        branches = sorted((everything[pk] for pk in under), key=lambda u: (u.order, u.name))
        self.fields["branches"].choices = [
            (str(branch.pk), f"Trực thuộc {branch.name} ({len(under[branch.pk])} đơn vị)") for branch in branches
        ]
        self.units_under = under
        kinds = {}
        for unit in units:
            kinds.setdefault(unit.kind, []).append(unit.pk)
        self.fields["kinds"].choices = [
            (kind, f"{label} ({len(kinds[kind])} đơn vị)") for kind, label in Unit.Kind.choices if kind in kinds
        ]
        self.units_of_kind = kinds
        self.all_unit_ids = [unit.pk for unit in units]

    def chosen_units(self, data):
        """The ticked units plus every unit the 'all', branch and kind choices stand for."""
        ids = {unit.pk for unit in data.get(self.unit_field) or []}
        if data.get("all_units"):
            ids.update(self.all_unit_ids)
        for branch in data.get("branches") or []:
            ids.update(self.units_under.get(int(branch), []))
        for kind in data.get("kinds") or []:
            ids.update(self.units_of_kind.get(kind, []))
        return [unit for unit in self.units_in_order if unit.pk in ids]

    def clean_units_choice(self, data):
        units = self.chosen_units(data)
        if not units:
            self.add_error(self.unit_field, "Chọn ít nhất một đơn vị.")
        else:
            data[self.unit_field] = units
        return data

    @property
    def unit_chooser_fields(self):
        return [self[self.unit_field], self["all_units"], self["branches"], self["kinds"]]

    @property
    def other_fields(self):
        names = {self.unit_field, "all_units", "branches", "kinds"}
        return [field for field in self.visible_fields() if field.name not in names]


class TaskForm(UnitChooserForm, forms.ModelForm):
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
        self.setup_unit_choices(assignable_units(), label="Giao cho đơn vị")

    def clean(self):
        data = super().clean()
        self.clean_units_choice(data)
        schedule = data.get("schedule")
        plan = self.plan
        for field, message in schedule_errors(
            schedule, due_on=data.get("due_on"), first_month=data.get("first_month"), last_month=data.get("last_month"),
        ).items():
            if field not in self.errors:
                self.add_error(field, message)
        for name in ("due_on", "final_due_on"):
            day = data.get(name)
            if day and not (plan.starts_on <= day <= plan.ends_on.replace(year=plan.ends_on.year + 1)):
                self.add_error(name, "Hạn nộp phải nằm trong thời gian của kế hoạch (hoặc trong năm sau đó).")
        return data


def plausible_date(day):
    """A date staff type for a deadline: within ten years of today, not 01/01/1800 or 9999."""
    if day and not plausible_year(day, around=local_today()):
        raise ValidationError("Ngày không hợp lệ: hãy nhập một ngày trong vòng 10 năm so với hôm nay.")
    return day


class DueDateForm(forms.Form):
    new_due_on = forms.DateField(label="Hạn mới", widget=DATE_INPUT)
    reason = CleanCharField(label="Lý do đổi hạn", max_length=500, required=False)

    def clean_new_due_on(self):
        return plausible_date(self.cleaned_data["new_due_on"])


class AssignForm(UnitChooserForm):
    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_unit_choices(assignable_units().exclude(assignments__task=task), label="Giao thêm cho đơn vị")

    def clean(self):
        return self.clean_units_choice(super().clean())


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several photos in one input. The count is checked first (with the photos
    the report already has), then each photo is checked and re-encoded once
    (campaign.images); `clean` returns PreparedPhotos."""

    def __init__(self, *args, existing=0, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}))
        self.existing = existing
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        refusal = photo_count_refusal(existing=self.existing, adding=len(uploads))
        if refusal:
            raise ValidationError(refusal)
        errors, prepared = [], []
        for upload in uploads:
            try:
                prepared.append(prepare_photo(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return prepared


class ProgressReportForm(forms.Form):
    text = RichTextField(
        label="Nội dung báo cáo", max_visible=REPORT_MAX_VISIBLE, max_length=REPORT_MAX_HTML,
        help_text="Kết quả thực hiện, hoạt động đã tổ chức, khó khăn và đề xuất.",
        error_messages={"required": "Nội dung báo cáo không được để trống."},
    )
    links = CleanCharField(multiline=True, 
        label="Đường dẫn bài viết đã đăng", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Mỗi dòng một đường dẫn, bắt đầu bằng http:// hoặc https://.",
    )
    photos = MultipleImageField(label="Ảnh hoạt động", required=False)
    caption = CleanCharField(label="Chú thích ảnh", max_length=300, required=False)

    def __init__(self, *args, measures=(), photos_already=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.measures = list(measures)
        limit = max_per_report()
        self.fields["photos"].existing = photos_already
        self.fields["photos"].help_text = (
            f"Ảnh JPEG, PNG, WEBP hoặc GIF, mỗi ảnh không quá {mb(max_upload_bytes())} MB; "
            f"tối đa {limit} ảnh cho mỗi báo cáo"
            + (f" (báo cáo đã có {photos_already} ảnh)." if photos_already else ".")
        )
        for measure in self.measures:
            self.fields[f"measure_{measure.pk}"] = CountField(
                label=f"{measure.name} ({measure.unit_label})", min_value=0, max_value=100_000_000, required=False,
                error_messages={"min_value": "Số liệu không được âm.", "invalid": "Nhập một số nguyên."},
            )
        # Figures right after the text, before links and photos, as a report reads.
        measure_names = [f"measure_{m.pk}" for m in self.measures]
        self.order_fields(["text", *measure_names, "links", "photos", "caption"])

    def measure_fields(self):
        return [self[f"measure_{m.pk}"] for m in self.measures]

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
    comment = CleanCharField(
        label="Ý kiến", multiline=True, max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("comment"):
            self.add_error("comment", "Vui lòng ghi ý kiến để đơn vị biết cần bổ sung gì.")
        return data


class LockExceptionForm(forms.Form):
    until = forms.DateField(label="Cho nộp đến hết ngày", widget=DATE_INPUT)
    reason = CleanCharField(label="Lý do", max_length=500)

    def clean_until(self):
        return plausible_date(self.cleaned_data["until"])


class PlanStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Plan.Status.choices)


class AuditLogFilterForm(forms.Form):
    """Filters of the administrators' change log (campaign.audit)."""

    kind = forms.ChoiceField(label="Loại dữ liệu", required=False, widget=forms.Select(attrs={"class": "form-select"}))
    user = forms.ModelChoiceField(
        label="Người thay đổi", required=False, queryset=None, empty_label="Tất cả",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    date_from = forms.DateField(label="Từ ngày", required=False,
                                widget=forms.DateInput(format="%d/%m/%Y", attrs={**DATE_INPUT.attrs, "class": "form-control"}))
    date_to = forms.DateField(label="Đến ngày", required=False,
                              widget=forms.DateInput(format="%d/%m/%Y", attrs={**DATE_INPUT.attrs, "class": "form-control"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Tất cả")] + kind_choices()
        # The people who may change audited data: administrators, staff and unit officers.
        self.fields["user"].queryset = (
            get_user_model().objects.filter(Q(is_superuser=True) | Q(groups__name__in=[STAFF_GROUP, OFFICER_GROUP]))
            .distinct().order_by("username")
        )
        self.fields["user"].label_from_instance = lambda user: (
            f"{user.get_full_name()} ({user.username})" if user.get_full_name() else user.username
        )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "“Đến ngày” phải từ “Từ ngày” trở về sau.")
        return data
