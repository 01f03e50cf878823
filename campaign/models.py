import typing
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, validate_email
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .fields import CleanCharField, CleanTextField, RichTextField
from .formats import IssuerKind, format_for, recipient_lines
from .periods import Schedule
from .images import PHOTO_NAME, new_photo_name
from .storage import get_private_storage
from .text import ascii_digits

# A progress report: what a reader sees, and the HTML kept (docs/security.md).
REPORT_MAX_VISIBLE = 20_000
REPORT_MAX_HTML = 100_000


def split_emails(text):
    """Addresses written one per line, or separated by commas or semicolons."""
    for separator in ",;":
        text = text.replace(separator, "\n")
    return [line.strip() for line in text.splitlines() if line.strip()]


def validate_email_list(text):
    bad = []
    for address in split_emails(text):
        try:
            validate_email(address)
        except ValidationError:
            bad.append(address)
    if bad:
        raise ValidationError(
            "Địa chỉ e-mail không hợp lệ: %(bad)s. Mỗi dòng một địa chỉ, ví dụ vanphong@donvi.gov.vn.",
            params={"bad": ", ".join(bad)},
            code="invalid_email_list",
        )


class UnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_user(self, user):
        """The units whose work this user may see: all for staff, their own for officers."""
        from .roles import is_propaganda_staff

        if is_propaganda_staff(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(members=user)


class Unit(models.Model):
    class Kind(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", "Cấp ủy"
        PARTY_BOARD = "party_board", "Ban, văn phòng của cấp ủy"
        PARTY_ORG = "party_org", "Tổ chức cơ sở Đảng"
        FRONT = "front", "Mặt trận Tổ quốc"
        MASS_ORG = "mass_org", "Đoàn thể chính trị - xã hội"
        GOVERNMENT = "government", "Ủy ban nhân dân"
        DEPARTMENT = "department", "Sở, ngành"
        ARMED_FORCES = "armed_forces", "Lực lượng vũ trang"
        CENTER = "center", "Trung tâm, đơn vị sự nghiệp"
        SCHOOL = "school", "Trường học"
        ASSOCIATION = "association", "Hội, tổ chức hữu nghị"
        PARTNER = "partner", "Tỉnh bạn (nước ngoài)"
        GROUP = "group", "Nhóm đơn vị"

    code = models.SlugField("mã đơn vị", max_length=80, unique=True, help_text="Mã ngắn, không dấu, không đổi; dùng khi nhập và xuất dữ liệu.")
    name = CleanCharField("tên đơn vị", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=100, blank=True)
    kind = models.CharField("loại đơn vị", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="đơn vị cấp trên", null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    emails = models.TextField(
        "e-mail nhận nhắc hạn", blank=True, validators=[validate_email_list],
        help_text="Mỗi dòng một địa chỉ.",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="cán bộ đơn vị", blank=True, related_name="units",
    )
    order = models.PositiveIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("đang hoạt động", default=True)
    is_demo = models.BooleanField(
        "dữ liệu minh họa", default=False,
        help_text="Đơn vị không có tên trong văn bản nguồn, thêm để minh họa.",
    )
    source = models.CharField("nguồn", max_length=255, blank=True, help_text="Văn bản và mục nêu đơn vị này.")

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    @property
    def reminder_emails(self):
        return split_emails(self.emails)

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "Đơn vị cấp trên không được là chính đơn vị này hoặc đơn vị cấp dưới của nó."})
            ancestor = ancestor.parent


# ---------------------------------------------------------------------------
# The plan (Kế hoạch) and its parts.


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        ISSUED = "issued", "Ban hành"
        IN_PROGRESS = "in_progress", "Đang triển khai"
        CLOSED = "closed", "Đã tổng kết"

    code = models.SlugField("mã kế hoạch", max_length=80, unique=True)
    number = models.CharField("số", max_length=30, blank=True, help_text="Ví dụ: 45 (để trống khi chưa cấp số).")
    symbol = models.CharField("ký hiệu", max_length=50, default="KH/TU", help_text="Ví dụ: KH/TU, KH-UBND.")
    title = CleanCharField("trích yếu", max_length=500)
    parent_body = models.CharField("cơ quan cấp trên", max_length=200, blank=True, help_text="Ví dụ: ĐẢNG BỘ TỈNH LÂM ĐỒNG.")
    issuing_body = models.CharField("cơ quan ban hành", max_length=200, help_text="Ví dụ: THÀNH ỦY ĐÀ LẠT.")
    issuer_kind = models.CharField(
        "loại cơ quan ban hành", max_length=10, choices=IssuerKind.choices, default=IssuerKind.PARTY,
        help_text="Quyết định thể thức văn bản: cơ quan Đảng theo Hướng dẫn 36-HD/VPTW, "
                  "cơ quan nhà nước (UBND, sở, ngành) theo Nghị định 30/2020/NĐ-CP.",
    )
    place = models.CharField("địa danh", max_length=100, blank=True, help_text="Ví dụ: Đà Lạt.")
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    basis = RichTextField("căn cứ", blank=True)
    purposes = RichTextField("mục đích", blank=True)
    requirements = RichTextField("yêu cầu", blank=True)
    time_frame = RichTextField("thời gian", blank=True)
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày")
    peak_start = models.DateField("cao điểm từ ngày", null=True, blank=True)
    peak_end = models.DateField("cao điểm đến ngày", null=True, blank=True)
    closing = RichTextField("đoạn kết", blank=True)
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.DRAFT)
    recipients = models.TextField("nơi nhận", blank=True, help_text="Mỗi dòng một nơi nhận.")
    signer_authority = models.CharField("thẩm quyền ký", max_length=200, blank=True, help_text="Ví dụ: T/M BAN THƯỜNG VỤ (cơ quan Đảng); TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH (cơ quan nhà nước, mỗi “TM.”, “KT.” xuống một dòng).")
    signer_title = models.CharField("chức vụ người ký", max_length=200, blank=True, help_text="Ví dụ: PHÓ BÍ THƯ.")
    signer_name = models.CharField("người ký", max_length=200, blank=True)
    # Private (PRIVATE_MEDIA_ROOT): a draft plan's original is for staff; campaign:plan_original serves it.
    original_file = models.FileField("văn bản gốc", upload_to="plans/", blank=True, storage=get_private_storage)
    grace_days = models.PositiveSmallIntegerField(
        "số ngày ân hạn", default=0, help_text="Báo cáo nộp trong số ngày này sau hạn vẫn tính là đúng hạn.",
    )
    lock_after_days = models.PositiveSmallIntegerField(
        "khóa kỳ báo cáo sau (ngày)", null=True, blank=True,
        help_text="Sau hạn bao nhiêu ngày thì không nhận báo cáo nữa; để trống: không khóa.",
    )
    closed_on = models.DateField(
        "ngày tổng kết", null=True, blank=True,
        help_text="Ghi khi kế hoạch chuyển sang “Đã tổng kết”; từ ngày này không tính thêm ngày quá hạn.",
    )
    source = models.CharField("nguồn", max_length=255, blank=True)
    notes = models.TextField("ghi chú", blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        ordering = ["-starts_on", "title"]

    def __str__(self):
        return self.title

    @property
    def document_format(self):
        """The rule set of the issuing body's kind (campaign.formats)."""
        return format_for(self.issuer_kind)

    @property
    def reference(self):
        """'Số 45-KH/TU' (Party), 'Số: 149/KH-UBND' (State); '…' while no number is given."""
        return self.document_format.reference(self.number, self.symbol)

    @property
    def recipient_list(self):
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def counting_ends_on(self):
        """The day a closed plan stopped counting overdue days (None while it runs).

        Plans closed before `closed_on` was recorded stop at their end date."""
        if self.status != self.Status.CLOSED:
            return None
        return self.closed_on or self.ends_on

    @property
    def recipient_lines(self):
        """'Nơi nhận' items as printed, each with '- ', the last '- Lưu: …'."""
        return recipient_lines(self.recipient_list)

    @property
    def signature_lines(self):
        return self.document_format.signature_lines(self.signer_authority, self.signer_title)

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.starts_on > self.ends_on:
            errors["ends_on"] = "Ngày kết thúc phải sau ngày bắt đầu."
        if bool(self.peak_start) != bool(self.peak_end):
            errors["peak_end"] = "Cần nhập cả ngày bắt đầu và ngày kết thúc cao điểm."
        elif self.peak_start and self.peak_end:
            if self.peak_start > self.peak_end:
                errors["peak_end"] = "Ngày kết thúc cao điểm phải sau ngày bắt đầu."
            elif self.starts_on and self.ends_on and not (self.starts_on <= self.peak_start and self.peak_end <= self.ends_on):
                errors["peak_start"] = "Thời gian cao điểm phải nằm trong thời gian của kế hoạch."
        document_format = self.document_format
        for name in ("signer_authority", "signer_title"):
            prefix = document_format.foreign_prefix(getattr(self, name))
            if prefix:
                allowed = ", ".join(f"“{p}”" for p in document_format.signature_prefixes)
                errors[name] = (
                    f"Văn bản của {document_format.issuer_label} ghi thẩm quyền ký bằng {allowed} "
                    f"({document_format.rule_set}), không ghi “{prefix}”."
                )
        if errors:
            raise ValidationError(errors)


class Theme(models.Model):
    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="themes")
    parent = models.ForeignKey(
        "self", verbose_name="mục cha", null=True, blank=True, on_delete=models.CASCADE, related_name="children",
    )
    code = models.CharField("mục", max_length=20, help_text="Ví dụ: 1, 1.1, 2.3.")
    title = CleanCharField("tiêu đề", max_length=500)
    body = RichTextField("nội dung", blank=True)
    footnotes = RichTextField("chú thích, tài liệu tham khảo", blank=True)
    weight = models.DecimalField(
        "trọng số", max_digits=6, decimal_places=2, null=True, blank=True,
        help_text="Để trống: các nội dung ngang nhau khi tính tiến độ.",
    )
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "nội dung tuyên truyền"
        verbose_name_plural = "nội dung tuyên truyền"
        ordering = ["plan", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="theme_code_unique_in_plan")]

    def __str__(self):
        return f"{self.code}. {self.title}"


class Channel(models.Model):
    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="channels")
    code = models.CharField("mục", max_length=20)
    title = models.CharField("hình thức", max_length=300)
    body = RichTextField("nội dung", blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "hình thức tuyên truyền"
        verbose_name_plural = "hình thức tuyên truyền"
        ordering = ["plan", "order"]

    def __str__(self):
        return self.title


class KeyDate(models.Model):
    class Kind(models.TextChoices):
        ANNIVERSARY = "anniversary", "Ngày kỷ niệm"
        EVENT = "event", "Sự kiện lịch sử"
        ACTIVITY = "activity", "Hoạt động"
        PROGRAMME = "programme", "Chương trình đặc biệt"

    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="key_dates")
    theme = models.ForeignKey(Theme, verbose_name="nội dung", null=True, blank=True, on_delete=models.SET_NULL, related_name="key_dates")
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    date = models.DateField("ngày")
    end_date = models.DateField("đến ngày", null=True, blank=True)
    title = models.CharField("tên", max_length=300)
    description = models.TextField("mô tả", blank=True)
    origin_date = models.DateField("ngày gốc", null=True, blank=True, help_text="Ngày của sự kiện lịch sử được kỷ niệm.")
    anniversary = models.PositiveSmallIntegerField("kỷ niệm (năm)", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    source = models.CharField("nguồn", max_length=255, blank=True)

    class Meta:
        verbose_name = "ngày kỷ niệm, sự kiện"
        verbose_name_plural = "ngày kỷ niệm, sự kiện"
        ordering = ["date", "title"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.title}"


class ReferenceDocument(models.Model):
    """Reference material a plan cites: its appendices, books, guides.

    Content articles and quiz questions cite a document or one of its sections.
    """

    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", null=True, blank=True, on_delete=models.SET_NULL, related_name="references")
    code = models.SlugField("mã", max_length=80, unique=True)
    title = models.CharField("tên tài liệu", max_length=500)
    subtitle = models.CharField("phụ đề", max_length=300, blank=True)
    description = RichTextField("giới thiệu", blank=True)
    authors = models.CharField("tác giả, đơn vị biên soạn", max_length=300, blank=True)
    publisher = models.CharField("nhà xuất bản, nơi phát hành", max_length=300, blank=True)
    year = models.PositiveSmallIntegerField("năm xuất bản", null=True, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name="nội dung liên quan", blank=True, related_name="references")
    source = models.CharField("nguồn", max_length=255, blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "tài liệu tham khảo"
        verbose_name_plural = "tài liệu tham khảo"
        ordering = ["order", "title"]

    def __str__(self):
        return self.title


class ReferenceSection(models.Model):
    document = models.ForeignKey(ReferenceDocument, verbose_name="tài liệu", on_delete=models.CASCADE, related_name="sections")
    code = models.CharField("mục", max_length=20)
    heading = models.CharField("tiêu đề", max_length=500)
    body = RichTextField("nội dung")
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "mục tài liệu"
        verbose_name_plural = "mục tài liệu"
        ordering = ["document", "order"]
        constraints = [models.UniqueConstraint(fields=["document", "code"], name="reference_section_code_unique")]

    def __str__(self):
        return f"{self.document.title} – {self.code}. {self.heading}"


class Measure(models.Model):
    """A figure units report under a plan (số bài viết, số người tham gia...)."""

    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="measures")
    code = models.SlugField("mã", max_length=50)
    name = models.CharField("chỉ số", max_length=200)
    unit_label = models.CharField("đơn vị tính", max_length=50)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "chỉ số báo cáo"
        verbose_name_plural = "chỉ số báo cáo"
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="measure_code_unique_in_plan")]

    def __str__(self):
        return f"{self.name} ({self.unit_label})"


# ---------------------------------------------------------------------------
# Tasks for units, reporting periods and progress reports.


class Task(models.Model):
    Schedule = Schedule  # the kinds and their rules: campaign/periods.py

    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="tasks")
    theme = models.ForeignKey(Theme, verbose_name="nội dung", null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    code = models.CharField("mục", max_length=30, blank=True, help_text="Ví dụ: IV.1.")
    title = CleanCharField("nhiệm vụ", max_length=500)
    description = CleanTextField("mô tả", blank=True)
    unit_group = models.CharField("nhóm đơn vị thực hiện", max_length=300, blank=True)
    schedule = models.CharField("chế độ báo cáo", max_length=20, choices=Schedule.choices, default=Schedule.ONCE)
    weight = models.DecimalField(
        "trọng số", max_digits=6, decimal_places=2, null=True, blank=True,
        help_text="Để trống: các nhiệm vụ ngang nhau khi tính tiến độ.",
    )
    order = models.PositiveIntegerField("thứ tự", default=0)
    is_demo = models.BooleanField("thời hạn minh họa", default=False, help_text="Văn bản nguồn không ghi thời hạn; hạn là dữ liệu minh họa.")
    source = models.CharField("nguồn", max_length=255, blank=True)

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["plan", "order", "id"]

    def __str__(self):
        return self.title


class ReportingPeriod(models.Model):
    task = models.ForeignKey(Task, verbose_name="nhiệm vụ", on_delete=models.CASCADE, related_name="periods")
    label = models.CharField("kỳ báo cáo", max_length=100, help_text="Ví dụ: Tháng 7/2022, Báo cáo tổng kết.")
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày")
    due_on = models.DateField("hạn nộp", db_index=True)
    is_final = models.BooleanField("báo cáo tổng kết", default=False)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "kỳ báo cáo"
        verbose_name_plural = "kỳ báo cáo"
        ordering = ["task", "due_on", "order"]
        constraints = [models.UniqueConstraint(fields=["task", "label"], name="period_label_unique_in_task")]

    def __str__(self):
        return f"{self.label} (hạn {self.due_on:%d/%m/%Y})"

    def clean(self):
        if self.starts_on and self.ends_on and self.starts_on > self.ends_on:
            raise ValidationError({"ends_on": "Ngày kết thúc kỳ phải sau ngày bắt đầu."})


class DueDateChange(models.Model):
    period = models.ForeignKey(ReportingPeriod, verbose_name="kỳ báo cáo", on_delete=models.CASCADE, related_name="due_date_changes")
    old_due_on = models.DateField("hạn cũ")
    new_due_on = models.DateField("hạn mới")
    reason = CleanCharField("lý do", max_length=500, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người đổi", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        verbose_name = "lần đổi hạn"
        verbose_name_plural = "lịch sử đổi hạn"
        ordering = ["-changed_at"]


class AssignmentQuerySet(models.QuerySet):
    def for_user(self, user):
        from .roles import is_propaganda_staff

        if is_propaganda_staff(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(unit__members=user)


class Assignment(models.Model):
    task = models.ForeignKey(Task, verbose_name="nhiệm vụ", on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="assignments")
    progress_override = models.PositiveSmallIntegerField(
        "tiến độ do Ban Tuyên giáo đặt (%)", null=True, blank=True,
        help_text="Để trống: tính từ trạng thái các báo cáo.",
    )
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người giao", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField("giao lúc", auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "nhiệm vụ giao cho đơn vị"
        verbose_name_plural = "nhiệm vụ giao cho đơn vị"
        ordering = ["task", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit"], name="assignment_unique_task_unit"),
            models.CheckConstraint(
                condition=models.Q(progress_override__isnull=True) | models.Q(progress_override__lte=100),
                name="assignment_progress_0_100",
            ),
        ]

    def __str__(self):
        return f"{self.task} – {self.unit}"


class ProgressReport(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Đã nộp, chờ duyệt"
        RETURNED = "returned", "Trả lại để bổ sung"
        ACCEPTED = "accepted", "Đã chấp nhận"

    assignment = models.ForeignKey(Assignment, verbose_name="nhiệm vụ của đơn vị", on_delete=models.CASCADE, related_name="reports")
    period = models.ForeignKey(ReportingPeriod, verbose_name="kỳ báo cáo", on_delete=models.CASCADE, related_name="reports")
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    text = RichTextField("nội dung báo cáo", max_length=REPORT_MAX_HTML, max_visible=REPORT_MAX_VISIBLE)
    links = models.TextField("đường dẫn bài đã đăng", blank=True, help_text="Mỗi dòng một đường dẫn.")
    first_submitted_at = models.DateTimeField("nộp lần đầu lúc")
    submitted_at = models.DateTimeField("nộp gần nhất lúc")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người nộp", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người duyệt", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    review_comment = CleanTextField("ý kiến của Ban Tuyên giáo", blank=True)

    class Meta:
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"
        ordering = ["-submitted_at"]
        constraints = [models.UniqueConstraint(fields=["assignment", "period"], name="report_unique_assignment_period")]
        indexes = [models.Index(fields=["period", "status"], name="report_period_status")]

    def __str__(self):
        return f"{self.assignment} – {self.period.label}"

    @property
    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    @property
    def is_editable(self):
        return self.status != self.Status.ACCEPTED

    @property
    def current_review_comment(self):
        """Staff's comment on the report as it stands; once the unit files again the
        comment was about an earlier version and lives only in the history."""
        return self.review_comment if self.status != self.Status.SUBMITTED else ""


class ReportFigure(models.Model):
    report = models.ForeignKey(ProgressReport, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="figures")
    measure = models.ForeignKey(Measure, verbose_name="chỉ số", on_delete=models.PROTECT, related_name="figures")
    value = models.PositiveIntegerField("số lượng")

    class Meta:
        verbose_name = "số liệu"
        verbose_name_plural = "số liệu"
        constraints = [models.UniqueConstraint(fields=["report", "measure"], name="figure_unique_report_measure")]

    def __str__(self):
        return f"{self.measure.name}: {self.value}"


def report_photo_path(instance, filename):
    """reports/<report>/<name the portal made>.jpg: a name that is not one
    (an upload through some other path) is replaced, never kept."""
    name = filename.rsplit("/", 1)[-1]
    if not PHOTO_NAME.fullmatch(name):
        name = new_photo_name()
    return f"reports/{instance.report_id}/{name}"


class ReportPhoto(models.Model):
    """A photo of a progress report: for the unit's members and staff only,
    in the private storage, served by campaign.photos."""

    report = models.ForeignKey(ProgressReport, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField("ảnh", upload_to=report_photo_path, storage=get_private_storage)
    thumbnail = models.ImageField("ảnh thu nhỏ", upload_to=report_photo_path, storage=get_private_storage)
    caption = CleanCharField("chú thích", max_length=300, blank=True)
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)

    class Meta:
        verbose_name = "ảnh hoạt động"
        verbose_name_plural = "ảnh hoạt động"
        ordering = ["uploaded_at"]

    def get_absolute_url(self):
        return reverse("campaign:report_photo", args=[self.pk])

    @property
    def thumbnail_url(self):
        return reverse("campaign:report_photo_thumbnail", args=[self.pk])


class ReportEvent(models.Model):
    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Nộp báo cáo"
        UPDATED = "updated", "Sửa báo cáo"
        RESUBMITTED = "resubmitted", "Nộp lại sau khi bổ sung"
        RETURNED = "returned", "Trả lại để bổ sung"
        ACCEPTED = "accepted", "Chấp nhận"

    report = models.ForeignKey(ProgressReport, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="events")
    action = models.CharField("thao tác", max_length=20, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người thực hiện", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("lúc")
    comment = CleanTextField("ý kiến", blank=True)

    class Meta:
        verbose_name = "lịch sử báo cáo"
        verbose_name_plural = "lịch sử báo cáo"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_action_display()} lúc {timezone.localtime(self.at):%H:%M %d/%m/%Y}"


class LockException(models.Model):
    """Staff let one unit file for one period after the period locked."""

    assignment = models.ForeignKey(Assignment, verbose_name="nhiệm vụ của đơn vị", on_delete=models.CASCADE, related_name="lock_exceptions")
    period = models.ForeignKey(ReportingPeriod, verbose_name="kỳ báo cáo", on_delete=models.CASCADE, related_name="lock_exceptions")
    until = models.DateField("cho nộp đến hết ngày")
    reason = CleanCharField("lý do", max_length=500)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người cho phép", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        verbose_name = "ngoại lệ nộp sau khóa sổ"
        verbose_name_plural = "ngoại lệ nộp sau khóa sổ"
        ordering = ["-granted_at"]


# ---------------------------------------------------------------------------
# Deadline reminders (docs/reminders.md): the policy of each plan, one row per
# reminder sent or to send, in-portal notifications, the digest preference.


def parse_day_list(text):
    """'7, 3, 1' → [7, 3, 1]: whole days, largest first, each once."""
    days = set()
    for part in text.replace(";", ",").split(","):
        part = ascii_digits(part.strip())
        if not part:
            continue
        # isdigit() alone lets "²" through, which int() then refuses.
        if not (part.isascii() and part.isdigit()) or not 1 <= int(part) <= 90:
            raise ValidationError(
                "“%(part)s” không hợp lệ: ghi các số ngày từ 1 đến 90, cách nhau bằng dấu phẩy, ví dụ 7, 3, 1.",
                params={"part": part}, code="invalid_day_list",
            )
        days.add(int(part))
    return sorted(days, reverse=True)


def validate_day_list(text):
    parse_day_list(text)


class ReminderAudience(models.TextChoices):
    UNIT = "unit", "Đơn vị được giao"
    ESCALATION = "escalation", "Ban Tuyên giáo và đơn vị cấp trên"


class ReminderStep(typing.NamedTuple):
    """One step of a period's reminders: `offset` days from the due date
    (negative: before it), named e.g. 'before-3', 'due', 'overdue-6', 'escalate-7'."""

    offset: int
    name: str
    audience: str


# The steps that tell a unit the outcome of staff's review. Their row names the
# review event (`Reminder.event`), so a second return after the unit files again
# is a new notice; the step is the event's action.
REVIEW_STEPS = {
    "accepted": "Kết quả duyệt: chấp nhận",
    "returned": "Kết quả duyệt: trả lại để bổ sung",
}


def step_label(name):
    """'overdue-6' → 'Quá hạn 6 ngày'."""
    if name in REVIEW_STEPS:
        return REVIEW_STEPS[name]
    kind, _, days = name.partition("-")
    labels = {
        "before": f"Trước hạn {days} ngày",
        "due": "Ngày đến hạn",
        "overdue": f"Quá hạn {days} ngày",
        "escalate": f"Báo lên cấp trên: quá hạn {days} ngày",
        "digest": "Thư tổng hợp trong ngày",
    }
    return labels.get(kind, name)


class ReminderPolicy(models.Model):
    """When a plan's units are reminded of their due dates. A plan without a row uses the defaults."""

    plan = models.OneToOneField(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="reminder_policy")
    is_active = models.BooleanField("đang nhắc hạn", default=True, help_text="Bỏ chọn để tạm dừng mọi nhắc hạn của kế hoạch này.")
    before_days = models.CharField(
        "nhắc trước hạn (ngày)", max_length=50, default="7, 3, 1", blank=True, validators=[validate_day_list],
        help_text="Các số ngày trước hạn nộp, cách nhau bằng dấu phẩy; để trống: không nhắc trước hạn.",
    )
    on_due_day = models.BooleanField("nhắc vào ngày đến hạn", default=True)
    overdue_every_days = models.PositiveSmallIntegerField(
        "sau hạn, nhắc lại mỗi (ngày)", default=3, validators=[MaxValueValidator(30)],
        help_text="0: không nhắc sau hạn.",
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        "báo Ban Tuyên giáo và đơn vị cấp trên từ ngày quá hạn thứ", null=True, blank=True, default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text="Sau đó báo lại theo cùng nhịp nhắc sau hạn. Để trống: không báo lên.",
    )
    stop_after_days = models.PositiveSmallIntegerField(
        "ngừng nhắc khi đã quá hạn (ngày)", default=30, validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Sau số ngày này, việc quá hạn vẫn hiện trên bảng tổng hợp nhưng không gửi nhắc nữa. "
                  "Kỳ báo cáo đã khóa sổ cũng không được nhắc.",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người cập nhật", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "chính sách nhắc hạn"
        verbose_name_plural = "chính sách nhắc hạn"

    def __str__(self):
        return f"Nhắc hạn – {self.plan}"

    @classmethod
    def for_plan(cls, plan):
        """The plan's policy, or an unsaved one with the defaults."""
        try:
            return plan.reminder_policy
        except cls.DoesNotExist:
            return cls(plan=plan)

    @property
    def before_day_list(self):
        return parse_day_list(self.before_days)

    def schedule(self, *, lock_after_days=None):
        """Every step of one period's reminders, in order of offset.

        Overdue steps stop after `stop_after_days`, and once the period has
        locked (`Plan.lock_after_days`): the unit could no longer file.
        """
        unit, escalation = ReminderAudience.UNIT, ReminderAudience.ESCALATION
        steps = [ReminderStep(-days, f"before-{days}", unit) for days in self.before_day_list]
        if self.on_due_day:
            steps.append(ReminderStep(0, "due", unit))
        last = self.stop_after_days if lock_after_days is None else min(self.stop_after_days, lock_after_days)
        every = self.overdue_every_days
        if every:
            steps += [ReminderStep(day, f"overdue-{day}", unit) for day in range(every, last + 1, every)]
        first = self.escalate_after_days
        if first is not None and first <= last:
            # Without repeated overdue reminders the escalation is sent once.
            steps += [ReminderStep(day, f"escalate-{day}", escalation) for day in range(first, last + 1, every or last + 1)]
        return sorted(steps)

    def describe(self, *, lock_after_days=None):
        """The schedule in words, for the policy page."""
        steps = self.schedule(lock_after_days=lock_after_days)
        before = [str(-s.offset) for s in steps if s.offset < 0]
        overdue = [str(s.offset) for s in steps if s.name.startswith("overdue-")]
        escalate = [str(s.offset) for s in steps if s.name.startswith("escalate-")]
        parts = []
        if before:
            parts.append(f"trước hạn {', '.join(before)} ngày")
        if self.on_due_day:
            parts.append("vào ngày đến hạn")
        if overdue:
            parts.append(f"khi quá hạn {', '.join(overdue)} ngày")
        text = "Nhắc đơn vị " + "; ".join(parts) + "." if parts else "Không nhắc đơn vị."
        if escalate:
            text += f" Báo Ban Tuyên giáo và đơn vị cấp trên khi quá hạn {', '.join(escalate)} ngày."
        return text


class ReminderQuerySet(models.QuerySet):
    """The states a send goes through, as filters; the conditional UPDATEs of
    campaign/reminders/services.py are built on them."""

    def _stale(self, now):
        return now - timedelta(seconds=settings.REMINDER_CLAIM_TIMEOUT)

    def unsent(self):
        return self.filter(status__in=(Reminder.Status.PENDING, Reminder.Status.SENDING))

    def claimable(self, now):
        """Waiting and due, or claimed by a worker that died before the SMTP call."""
        return self.filter(
            models.Q(status=Reminder.Status.PENDING, next_attempt_at__lte=now)
            | models.Q(status=Reminder.Status.SENDING, smtp_started_at=None, claimed_at__lt=self._stale(now)),
            attempts__lt=settings.REMINDER_MAX_ATTEMPTS,
        )

    def abandoned_before_smtp(self, now):
        return self.filter(status=Reminder.Status.SENDING, smtp_started_at=None, claimed_at__lt=self._stale(now))

    def abandoned_in_smtp(self, now):
        """Claimed by a worker that stopped answering during the SMTP call: sent or not, nobody knows."""
        return self.filter(status=Reminder.Status.SENDING, smtp_started_at__isnull=False, claimed_at__lt=self._stale(now))

    def ready_to_queue(self, now):
        """E-mails waiting for a task message: never queued, or queued so long ago that the message is lost."""
        lost = now - timedelta(seconds=settings.REMINDER_RESUME_AFTER)
        return self.filter(
            models.Q(queued_at=None) | models.Q(queued_at__lte=lost),
            status=Reminder.Status.PENDING,
            channel__in=(Reminder.Channel.EMAIL, Reminder.Channel.DIGEST),
            next_attempt_at__lte=now,
        )


class Reminder(models.Model):
    """One reminder to one recipient by one channel, recorded before it is sent.

    Unique on (assignment, period, due date, step, channel, recipient): the due
    date is part of the step, so moving a deadline starts a new series. A daily
    digest is a row of its own (channel "digest", one per address and day) that
    the day's e-mail reminders of that address point to.
    """

    Audience = ReminderAudience

    class Channel(models.TextChoices):
        EMAIL = "email", "E-mail"
        DIGEST = "digest", "E-mail tổng hợp hằng ngày"
        PORTAL = "portal", "Thông báo trên cổng"

    class Status(models.TextChoices):
        PENDING = "pending", "Chờ gửi"
        SENDING = "sending", "Đang gửi"
        SENT = "sent", "Đã gửi"
        FAILED = "failed", "Gửi lỗi"
        UNKNOWN = "unknown", "Không rõ đã gửi"
        IN_DIGEST = "in_digest", "Gộp vào thư tổng hợp"
        SKIPPED = "skipped", "Không gửi"

    assignment = models.ForeignKey(Assignment, verbose_name="nhiệm vụ của đơn vị", null=True, blank=True, on_delete=models.CASCADE, related_name="reminders")
    period = models.ForeignKey(ReportingPeriod, verbose_name="kỳ báo cáo", null=True, blank=True, on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField("hạn nộp khi nhắc", help_text="Thư tổng hợp: ngày gửi.")
    step = models.CharField("bước nhắc", max_length=20)
    audience = models.CharField("gửi cho", max_length=20, choices=ReminderAudience.choices, blank=True)
    channel = models.CharField("kênh", max_length=10, choices=Channel.choices)
    recipient = models.CharField("người nhận", max_length=254, help_text="Địa chỉ e-mail, hoặc user:<mã> với thông báo trên cổng.")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="tài khoản nhận", null=True, blank=True, on_delete=models.SET_NULL, related_name="reminders")
    digest = models.ForeignKey("self", verbose_name="thư tổng hợp", null=True, blank=True, on_delete=models.SET_NULL, related_name="parts")
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.PENDING)
    scheduled_on = models.DateField("ngày nhắc")
    created_at = models.DateTimeField("ghi nhận lúc", default=timezone.now)
    next_attempt_at = models.DateTimeField("gửi từ lúc", null=True, blank=True)
    queued_at = models.DateTimeField("đưa vào hàng đợi lúc", null=True, blank=True)
    claimed_at = models.DateTimeField("nhận gửi lúc", null=True, blank=True)
    smtp_started_at = models.DateTimeField("bắt đầu gửi qua SMTP lúc", null=True, blank=True)
    sent_at = models.DateTimeField("gửi xong lúc", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("số lần thử", default=0)
    last_error = models.TextField("lỗi, ghi chú", blank=True)
    resent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người gửi lại", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    resent_at = models.DateTimeField("gửi lại lúc", null=True, blank=True)
    event = models.ForeignKey(
        ReportEvent, verbose_name="kết quả duyệt", null=True, blank=True, on_delete=models.CASCADE, related_name="notices",
        help_text="Chỉ có ở thông báo kết quả duyệt báo cáo (chấp nhận, trả lại); trống với nhắc hạn.",
    )

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = "nhắc hạn"
        verbose_name_plural = "nhật ký nhắc hạn"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "period", "due_on", "step", "channel", "recipient"], condition=models.Q(event=None),
                name="reminder_once",
            ),
            # A review notice: once per review event, channel and recipient.
            models.UniqueConstraint(
                fields=["event", "channel", "recipient"], condition=models.Q(event__isnull=False), name="reminder_review_once",
            ),
            models.UniqueConstraint(
                fields=["recipient", "due_on"], condition=models.Q(channel="digest"), name="reminder_digest_once_a_day",
            ),
            models.CheckConstraint(
                condition=models.Q(channel="digest") | models.Q(assignment__isnull=False, period__isnull=False),
                name="reminder_names_its_task",
            ),
        ]
        indexes = [
            # As Healthchecks' unprocessed flips: the few rows still to send,
            # found without reading the sent ones.
            models.Index(
                fields=["status", "next_attempt_at"], condition=models.Q(status__in=["pending", "sending"]),
                name="reminder_unsent",
            ),
            models.Index(fields=["-created_at", "-id"], name="reminder_log_order"),
        ]

    def __str__(self):
        return f"{self.step_label} – {self.recipient}"

    @property
    def step_label(self):
        return step_label(self.step)

    @property
    def can_resend(self):
        return self.status in (self.Status.UNKNOWN, self.Status.FAILED)

    @property
    def is_review_notice(self):
        return self.event_id is not None


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at=None)


class Notification(models.Model):
    """A reminder or a review notice shown in the portal (the bell)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người nhận", on_delete=models.CASCADE, related_name="notifications")
    reminder = models.OneToOneField(Reminder, verbose_name="nhắc hạn", on_delete=models.CASCADE, related_name="notification")
    text = models.CharField("nội dung", max_length=500)
    link = models.CharField("đường dẫn", max_length=300, blank=True)
    created_at = models.DateTimeField("lúc", default=timezone.now)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)
    done_at = models.DateTimeField(
        "đã xong lúc", null=True, blank=True, help_text="Đơn vị đã nộp báo cáo của kỳ mà thông báo nhắc tới.",
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user"], condition=models.Q(read_at=None), name="notification_unread")]

    def __str__(self):
        return self.text


class ReminderPreference(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="reminder_preference")
    daily_digest = models.BooleanField(
        "nhận một thư tổng hợp mỗi ngày", default=False,
        help_text="Gộp các thư nhắc hạn trong ngày thành một thư; thông báo trên cổng vẫn hiện từng việc.",
    )

    class Meta:
        verbose_name = "tùy chọn nhận nhắc hạn"
        verbose_name_plural = "tùy chọn nhận nhắc hạn"

    def __str__(self):
        return f"Nhắc hạn của {self.user}"


class OfficerProfile(models.Model):
    """What the portal keeps about an officer beyond Django's user: the phone number staff call."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="officer_profile")
    phone = models.CharField("số điện thoại", max_length=15, blank=True)

    class Meta:
        verbose_name = "thông tin cán bộ"
        verbose_name_plural = "thông tin cán bộ"

    def __str__(self):
        return str(self.user)
