"""Tasks for units, their reporting periods and assignments, progress reports
with their figures, photos and history, lock exceptions and due-date changes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from ..fields import CleanCharField, CleanTextField, RichTextField
from ..history import AuditHistory
from ..images import PHOTO_NAME, new_photo_name
from ..periods import Schedule
from ..storage import get_private_storage
from .plans import Measure, Plan, Theme
from .units import Unit

# A progress report: what a reader sees, and the HTML kept (docs/security.md).
REPORT_MAX_VISIBLE = 20_000
REPORT_MAX_HTML = 100_000


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

    history = AuditHistory()

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

    history = AuditHistory()

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
        from ..roles import is_propaganda_staff

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

    history = AuditHistory()

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

    # The unit has done its part for the period (until staff return the report):
    # no more reminders, not counted as missing.
    FILED_STATUSES = (Status.SUBMITTED, Status.ACCEPTED)

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

    history = AuditHistory()

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
