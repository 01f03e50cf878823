"""The plan (Kế hoạch) and its parts: themes, channels, key dates, reference documents, measures."""

from django.core.exceptions import ValidationError
from django.db import models

from ..fields import CleanCharField, RichTextField
from ..formats import IssuerKind, OfficialDocument
from ..history import AuditHistory
from ..storage import get_private_storage


class Plan(OfficialDocument, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        ISSUED = "issued", "Ban hành"
        IN_PROGRESS = "in_progress", "Đang triển khai"
        CLOSED = "closed", "Đã tổng kết"

    # Officers work on issued plans only, and only they are reminded: a draft
    # is not theirs yet, a closed plan is history.
    ACTIVE_STATUSES = (Status.ISSUED, Status.IN_PROGRESS)

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

    history = AuditHistory(excluded_fields=['updated_at'])

    class Meta:
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        ordering = ["-starts_on", "title"]
        # Administrators' page of every audited change (campaign.audit); kept from the staff group.
        permissions = [("view_auditlog", "Xem nhật ký thay đổi")]

    def __str__(self):
        return self.title

    document_type = "KẾ HOẠCH"

    def issuer_names(self):
        return self.parent_body, self.issuing_body

    @property
    def counting_ends_on(self):
        """The day a closed plan stopped counting overdue days (None while it runs).

        Plans closed before `closed_on` was recorded stop at their end date."""
        if self.status != self.Status.CLOSED:
            return None
        return self.closed_on or self.ends_on

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
        errors.update(self.signature_errors())
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

    history = AuditHistory()

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

    history = AuditHistory()

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
