from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models


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
    name = models.CharField("tên đơn vị", max_length=255)
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
    title = models.CharField("trích yếu", max_length=500)
    parent_body = models.CharField("cơ quan cấp trên", max_length=200, blank=True, help_text="Ví dụ: ĐẢNG BỘ TỈNH LÂM ĐỒNG.")
    issuing_body = models.CharField("cơ quan ban hành", max_length=200, help_text="Ví dụ: THÀNH ỦY ĐÀ LẠT.")
    place = models.CharField("địa danh", max_length=100, blank=True, help_text="Ví dụ: Đà Lạt.")
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    basis = models.TextField("căn cứ", blank=True)
    purposes = models.TextField("mục đích", blank=True)
    requirements = models.TextField("yêu cầu", blank=True)
    time_frame = models.TextField("thời gian", blank=True)
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày")
    peak_start = models.DateField("cao điểm từ ngày", null=True, blank=True)
    peak_end = models.DateField("cao điểm đến ngày", null=True, blank=True)
    closing = models.TextField("đoạn kết", blank=True)
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.DRAFT)
    recipients = models.TextField("nơi nhận", blank=True, help_text="Mỗi dòng một nơi nhận.")
    signer_authority = models.CharField("thẩm quyền ký", max_length=200, blank=True, help_text="Ví dụ: T/M BAN THƯỜNG VỤ.")
    signer_title = models.CharField("chức vụ người ký", max_length=200, blank=True, help_text="Ví dụ: PHÓ BÍ THƯ.")
    signer_name = models.CharField("người ký", max_length=200, blank=True)
    original_file = models.FileField("văn bản gốc", upload_to="plans/", blank=True)
    grace_days = models.PositiveSmallIntegerField(
        "số ngày ân hạn", default=0, help_text="Báo cáo nộp trong số ngày này sau hạn vẫn tính là đúng hạn.",
    )
    lock_after_days = models.PositiveSmallIntegerField(
        "khóa kỳ báo cáo sau (ngày)", null=True, blank=True,
        help_text="Sau hạn bao nhiêu ngày thì không nhận báo cáo nữa; để trống: không khóa.",
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
    def reference(self):
        """'Số 45-KH/TU', or 'Số …-KH/TU' while no number is given."""
        return f"Số {self.number or '…'}-{self.symbol}"

    @property
    def recipient_list(self):
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

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
        if errors:
            raise ValidationError(errors)


class Theme(models.Model):
    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="themes")
    parent = models.ForeignKey(
        "self", verbose_name="mục cha", null=True, blank=True, on_delete=models.CASCADE, related_name="children",
    )
    code = models.CharField("mục", max_length=20, help_text="Ví dụ: 1, 1.1, 2.3.")
    title = models.CharField("tiêu đề", max_length=500)
    body = models.TextField("nội dung", blank=True)
    footnotes = models.TextField("chú thích, tài liệu tham khảo", blank=True)
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
    body = models.TextField("nội dung", blank=True)
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
    description = models.TextField("giới thiệu", blank=True)
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
    body = models.TextField("nội dung")
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
    class Schedule(models.TextChoices):
        ONCE = "once", "Một lần"
        MONTHLY = "monthly", "Hằng tháng"
        QUARTERLY = "quarterly", "Hằng quý"

    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="tasks")
    theme = models.ForeignKey(Theme, verbose_name="nội dung", null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    code = models.CharField("mục", max_length=30, blank=True, help_text="Ví dụ: IV.1.")
    title = models.CharField("nhiệm vụ", max_length=500)
    description = models.TextField("mô tả", blank=True)
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
    reason = models.CharField("lý do", max_length=500, blank=True)
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
    text = models.TextField("nội dung báo cáo")
    links = models.TextField("đường dẫn bài đã đăng", blank=True, help_text="Mỗi dòng một đường dẫn.")
    first_submitted_at = models.DateTimeField("nộp lần đầu lúc")
    submitted_at = models.DateTimeField("nộp gần nhất lúc")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người nộp", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người duyệt", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    review_comment = models.TextField("ý kiến của Ban Tuyên giáo", blank=True)

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


class ReportFigure(models.Model):
    report = models.ForeignKey(ProgressReport, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="figures")
    measure = models.ForeignKey(Measure, verbose_name="chỉ số", on_delete=models.PROTECT, related_name="figures")
    value = models.PositiveIntegerField("số lượng")

    class Meta:
        verbose_name = "số liệu"
        verbose_name_plural = "số liệu"
        constraints = [models.UniqueConstraint(fields=["report", "measure"], name="figure_unique_report_measure")]


def report_photo_path(instance, filename):
    return f"reports/{instance.report_id}/{filename}"


class ReportPhoto(models.Model):
    report = models.ForeignKey(ProgressReport, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField("ảnh", upload_to=report_photo_path)
    thumbnail = models.ImageField("ảnh thu nhỏ", upload_to=report_photo_path)
    caption = models.CharField("chú thích", max_length=300, blank=True)
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)

    class Meta:
        verbose_name = "ảnh hoạt động"
        verbose_name_plural = "ảnh hoạt động"
        ordering = ["uploaded_at"]


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
    comment = models.TextField("ý kiến", blank=True)

    class Meta:
        verbose_name = "lịch sử báo cáo"
        verbose_name_plural = "lịch sử báo cáo"
        ordering = ["at", "id"]


class LockException(models.Model):
    """Staff let one unit file for one period after the period locked."""

    assignment = models.ForeignKey(Assignment, verbose_name="nhiệm vụ của đơn vị", on_delete=models.CASCADE, related_name="lock_exceptions")
    period = models.ForeignKey(ReportingPeriod, verbose_name="kỳ báo cáo", on_delete=models.CASCADE, related_name="lock_exceptions")
    until = models.DateField("cho nộp đến hết ngày")
    reason = models.CharField("lý do", max_length=500)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người cho phép", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        verbose_name = "ngoại lệ nộp sau khóa sổ"
        verbose_name_plural = "ngoại lệ nộp sau khóa sổ"
        ordering = ["-granted_at"]
