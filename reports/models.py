"""The Gia Lai – Nam Lào cooperation report as data (issue 14).

Catalogues shared by every report, so that a figure can be compared across periods:
PartnerProvince, ReportingEntity, Sector, Indicator. Everything a report says hangs on
its Report row (FK `report`): the 2021–2025 report 04/BC-UBND is one Report, the 2026
report the next.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from campaign.fields import CleanCharField, CleanTextField, RichTextField
from campaign.formats import IssuerKind, OfficialDocument
from campaign.history import AuditHistory
from campaign.models import Plan, Task, Unit
from campaign.storage import get_private_storage


class PartnerProvince(models.Model):
    code = models.SlugField("mã", unique=True)
    name = CleanCharField("tên tỉnh", max_length=100)
    country = CleanCharField("nước", max_length=100, default="Lào")
    country_full = CleanCharField("tên đầy đủ của nước", max_length=200, blank=True)
    unit = models.OneToOneField(Unit, verbose_name="đơn vị trong cổng", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="partner_province")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "tỉnh bạn"
        verbose_name_plural = "tỉnh bạn"

    def __str__(self):
        return self.name


class ReportingEntity(models.Model):
    """Who did the work a figure counts: tỉnh Bình Định (trước sáp nhập), tỉnh Gia Lai (cũ), (mới)."""

    code = models.SlugField("mã", unique=True)
    name = CleanCharField("tên", max_length=200)
    note = CleanTextField("ghi chú", blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "chủ thể báo cáo"
        verbose_name_plural = "chủ thể báo cáo"

    def __str__(self):
        return self.name


class Sector(models.Model):
    """One of the 14 sections of part I, with the sở, ngành that writes it."""

    number = models.PositiveSmallIntegerField("số mục", unique=True)
    title = CleanCharField("tên lĩnh vực", max_length=300)
    responsible_unit = models.ForeignKey(Unit, verbose_name="sở, ngành phụ trách", null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="report_sectors")
    co_units = models.ManyToManyField(Unit, verbose_name="đơn vị phối hợp", blank=True, related_name="report_co_sectors")
    responsible_note = CleanCharField("căn cứ phân công", max_length=300, blank=True,
                                      help_text="Báo cáo nêu tên đơn vị, hay đây là phân công minh họa.")

    class Meta:
        ordering = ["number"]
        verbose_name = "lĩnh vực hợp tác"
        verbose_name_plural = "lĩnh vực hợp tác"

    def __str__(self):
        return f"{self.number}. {self.title}"


MONEY_UNITS = {"đồng", "triệu đồng", "tỷ đồng", "USD", "triệu USD"}


class Indicator(models.Model):
    class Kind(models.TextChoices):
        COUNT = "count", "Số lượng"
        MONEY = "money", "Tiền"
        PERCENTAGE = "percentage", "Tỷ lệ (%)"
        AREA = "area", "Diện tích"

    code = models.SlugField("mã", max_length=120, unique=True)
    name = CleanCharField("tên chỉ tiêu", max_length=400)
    unit = CleanCharField("đơn vị tính", max_length=100, help_text="Ví dụ: suất, sinh viên, triệu đồng, tỷ đồng, triệu USD, ha, dự án, đoàn.")
    kind = models.CharField("loại", max_length=20, choices=Kind.choices, default=Kind.COUNT)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"

    def __str__(self):
        return f"{self.name} ({self.unit})"

    @classmethod
    def kind_for_unit(cls, unit):
        """The kind a unit of measure implies: money for đồng/USD (also 'tỷ đồng/tỉnh'), % , ha, else a count."""
        base = unit.split("/")[0].strip()
        if base in MONEY_UNITS:
            return cls.Kind.MONEY
        if base == "%":
            return cls.Kind.PERCENTAGE
        if base in {"ha", "m2", "km2"}:
            return cls.Kind.AREA
        return cls.Kind.COUNT

    def number_errors(self, number):
        """Vietnamese messages for a number this indicator cannot hold (empty when it is fine)."""
        if number is None:
            return []
        errors = []
        if number < 0:
            errors.append(f"«{self.name}» không nhận số âm.")
        if self.kind == self.Kind.COUNT and number != number.to_integral_value():
            errors.append(f"«{self.name}» là số lượng ({self.unit}): phải là số nguyên.")
        if self.kind == self.Kind.PERCENTAGE and number > 100:
            errors.append(f"«{self.name}» là tỷ lệ: không quá 100%.")
        return errors

    def clean(self):
        expected = self.kind_for_unit(self.unit or "")
        if self.unit and expected != self.kind and expected != self.Kind.COUNT:
            raise ValidationError({"kind": f"Đơn vị tính «{self.unit}» là của loại «{self.Kind(expected).label}»."})


class Report(OfficialDocument, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Đang soạn"
        COLLECTING = "collecting", "Đang thu thập số liệu"
        COMPILED = "compiled", "Đã tổng hợp"
        ISSUED = "issued", "Đã ban hành"

    code = models.SlugField("mã", max_length=100, unique=True)
    issuer = CleanCharField("cơ quan ban hành", max_length=200)
    issuer_unit = models.ForeignKey(Unit, verbose_name="đơn vị ban hành", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="cooperation_reports")
    issuer_kind = models.CharField("thể thức", max_length=10, choices=IssuerKind.choices, default=IssuerKind.STATE)
    number = CleanCharField("số", max_length=20, blank=True)
    symbol = CleanCharField("ký hiệu", max_length=50, blank=True, help_text="Ví dụ: BC-UBND.")
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    place = CleanCharField("địa danh", max_length=100, blank=True)
    title = CleanCharField("trích yếu", max_length=500)
    basis_plan = models.ForeignKey(Plan, verbose_name="kế hoạch thực hiện", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="cooperation_reports")
    basis_text = CleanCharField("căn cứ (như văn bản ghi)", max_length=500, blank=True,
                                help_text="Ví dụ: Kế hoạch số 149/KH-UBND ngày 23/12/2025 của UBND tỉnh.")
    period_start_year = models.PositiveSmallIntegerField("kỳ báo cáo từ năm")
    period_end_year = models.PositiveSmallIntegerField("đến năm")
    outlook_start_year = models.PositiveSmallIntegerField("phương hướng từ năm", null=True, blank=True)
    outlook_end_year = models.PositiveSmallIntegerField("phương hướng đến năm", null=True, blank=True)
    preamble = RichTextField("phần mở đầu", blank=True)
    results_intro = RichTextField("mở đầu mục I", blank=True)
    directions_preamble = CleanTextField("mở đầu phần phương hướng", blank=True)
    closing = CleanTextField("câu kết", blank=True)
    recipients = CleanTextField("nơi nhận", blank=True, help_text="Mỗi dòng một nơi nhận.")
    signer_authority = CleanCharField("thẩm quyền ký", max_length=200, blank=True,
                                      help_text="Ví dụ: TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH (mỗi “TM.”, “KT.” xuống một dòng).")
    signer_title = CleanCharField("chức vụ người ký", max_length=200, blank=True)
    signer_name = CleanCharField("người ký", max_length=200, blank=True)
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.DRAFT)
    source = CleanCharField("nguồn", max_length=300, blank=True)
    notes = CleanTextField("ghi chú", blank=True)

    history = AuditHistory()

    class Meta:
        ordering = ["-period_end_year", "-issued_on"]
        verbose_name = "báo cáo hợp tác"
        verbose_name_plural = "báo cáo hợp tác"

    def __str__(self):
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self):
        return reverse("reports:detail", args=[self.code])

    document_type = "BÁO CÁO"
    signature_fields = ("signer_authority",)

    def issuer_names(self):
        return "", self.issuer

    def year_errors(self, year):
        """Vietnamese messages for a figure's year that lies outside this report's period."""
        if year is None or self.period_start_year <= year <= self.period_end_year:
            return []
        period = (str(self.period_start_year) if self.period_start_year == self.period_end_year
                  else f"{self.period_start_year}–{self.period_end_year}")
        return [f"Năm {year} nằm ngoài kỳ báo cáo ({period})."]

    def clean(self):
        errors = {}
        if self.period_start_year and self.period_end_year and self.period_start_year > self.period_end_year:
            errors["period_end_year"] = "Năm kết thúc kỳ báo cáo không được trước năm bắt đầu."
        if (self.outlook_start_year and self.outlook_end_year and self.outlook_start_year > self.outlook_end_year):
            errors["outlook_end_year"] = "Năm kết thúc phương hướng không được trước năm bắt đầu."
        errors.update(self.signature_errors())
        if errors:
            raise ValidationError(errors)


class Agreement(models.Model):
    report = models.ForeignKey(Report, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="agreements")
    name = CleanCharField("tên văn kiện", max_length=400)
    parties = CleanTextField("các bên ký", help_text="Mỗi dòng một bên.")
    partners = models.ManyToManyField(PartnerProvince, verbose_name="tỉnh bạn", blank=True, related_name="agreements")
    signed_on = models.DateField("ngày ký", null=True, blank=True)
    place = CleanCharField("nơi ký", max_length=200, blank=True)
    period = CleanCharField("giai đoạn", max_length=50, blank=True, help_text="Ví dụ: 2021-2025.")
    note = CleanTextField("ghi chú", blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    history = AuditHistory()

    class Meta:
        ordering = ["report", "order"]
        verbose_name = "bản ghi nhớ, thỏa thuận"
        verbose_name_plural = "bản ghi nhớ, thỏa thuận"

    def __str__(self):
        return self.name

    @property
    def party_list(self):
        return [line.strip() for line in self.parties.splitlines() if line.strip()]


class SectorNarrative(models.Model):
    report = models.ForeignKey(Report, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="narratives")
    sector = models.ForeignKey(Sector, verbose_name="lĩnh vực", on_delete=models.PROTECT, related_name="narratives")
    summary = CleanCharField("tóm tắt một dòng", max_length=500, blank=True)
    text = RichTextField("nội dung")
    submission = models.ForeignKey("SectorSubmission", verbose_name="do sở, ngành nhập", null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="narratives")
    figures_text = CleanTextField("câu số liệu (cổng viết khi tổng hợp)", blank=True,
                                  help_text="Viết lại mỗi lần tổng hợp từ số liệu đã chấp nhận; sửa số liệu chứ không sửa câu này.")

    history = AuditHistory()

    class Meta:
        ordering = ["report", "sector__number"]
        constraints = [models.UniqueConstraint(fields=["report", "sector"], name="narrative_one_per_sector")]
        verbose_name = "nội dung lĩnh vực"
        verbose_name_plural = "nội dung lĩnh vực"

    def __str__(self):
        return f"{self.report.reference} – {self.sector}"


class IndicatorValue(models.Model):
    class Qualifier(models.TextChoices):
        EXACT = "", "(đúng số)"
        OVER = "hơn", "hơn"
        NEARLY = "gần", "gần"
        ABOUT = "khoảng", "khoảng"
        RANGE = "từ … đến …", "từ … đến …"

    report = models.ForeignKey(Report, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, verbose_name="chỉ tiêu", on_delete=models.PROTECT, related_name="values")
    sector = models.ForeignKey(Sector, verbose_name="lĩnh vực", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="values", help_text="Để trống với số liệu ngoài phần I (xem mục).")
    section = CleanCharField("mục", max_length=20, help_text="Mục của báo cáo nêu số liệu, ví dụ I.6, III.1.")
    entity = models.ForeignKey(ReportingEntity, verbose_name="chủ thể", on_delete=models.PROTECT, related_name="values")
    partner = models.ForeignKey(PartnerProvince, verbose_name="tỉnh bạn", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="values", help_text="Để trống khi số liệu chung cho cả 4 tỉnh (hoặc nhiều tỉnh, xem «phạm vi»).")
    partner_scope = CleanCharField("phạm vi (như báo cáo ghi)", max_length=200, blank=True,
                                   help_text="Ví dụ: 4 tỉnh Nam Lào; Sekong, Attapeu; Lào.")
    year_start = models.PositiveSmallIntegerField("từ năm", null=True, blank=True)
    year_end = models.PositiveSmallIntegerField("đến năm", null=True, blank=True)
    period_label = CleanCharField("thời gian (như báo cáo ghi)", max_length=200, blank=True)
    number = models.DecimalField("số", max_digits=20, decimal_places=4)
    number_max = models.DecimalField("đến số", max_digits=20, decimal_places=4, null=True, blank=True,
                                     help_text="Chỉ với «từ … đến …».")
    qualifier = models.CharField("từ chỉ mức", max_length=20, choices=Qualifier.choices, blank=True, default="")
    as_printed = CleanCharField("số như báo cáo in", max_length=100, blank=True)
    source_sentence = CleanTextField("câu nguồn")
    submission = models.ForeignKey("SectorSubmission", verbose_name="do sở, ngành nhập", null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="values",
                                   help_text="Số liệu nhập trong một đợt báo cáo; trống với số liệu của báo cáo đã ban hành.")
    confirmed_outlier = models.BooleanField("đã xác nhận số khác thường", default=False)
    outlier_note = CleanCharField("giải thích số khác thường", max_length=500, blank=True)
    is_headline = models.BooleanField("nổi bật trên trang chủ", default=False,
                                      help_text="Số liệu chính của báo cáo, trang chủ hiển thị (reports.headlines).")
    order = models.PositiveIntegerField("thứ tự", default=0)

    history = AuditHistory()

    class Meta:
        ordering = ["report", "order"]
        verbose_name = "số liệu"
        verbose_name_plural = "số liệu"
        indexes = [models.Index(fields=["indicator", "year_start"], name="value_indicator_year")]

    def __str__(self):
        return f"{self.indicator.name}: {self.display_number} {self.indicator.unit}"

    @property
    def anchor(self):
        return f"nguon-{self.pk}"

    @property
    def display_number(self):
        """The number in Vietnamese notation with its qualifier: 'hơn 37,5', '1.800.000', 'từ 1 đến 2'."""
        text = format_vi(self.number)
        if self.qualifier == self.Qualifier.RANGE and self.number_max is not None:
            return f"từ {text} đến {format_vi(self.number_max)}"
        return f"{self.qualifier} {text}".strip()

    @property
    def year_label(self):
        if self.year_start is None:
            return self.period_label or "không nêu năm"
        if self.year_end in (None, self.year_start):
            return str(self.year_start)
        return f"{self.year_start}–{self.year_end}"

    def clean(self):
        errors = {}
        if self.indicator_id:
            messages = self.indicator.number_errors(self.number)
            if self.number_max is not None:
                messages += self.indicator.number_errors(self.number_max)
            if messages:
                errors["number"] = messages
        if self.year_start and self.year_end and self.year_start > self.year_end:
            errors["year_end"] = "Năm kết thúc không được trước năm bắt đầu."
        for name in ("year_start", "year_end"):
            year = getattr(self, name)
            if year is not None and not 1945 <= year <= 2100:
                errors[name] = "Năm phải trong khoảng 1945–2100."
        if self.number_max is not None and self.qualifier != self.Qualifier.RANGE:
            errors["number_max"] = "Chỉ nhập «đến số» khi từ chỉ mức là «từ … đến …»."
        if errors:
            raise ValidationError(errors)


def format_vi(number):
    """1800000 → '1.800.000'; 16.96 → '16,96' (Vietnamese: dot for thousands, comma for decimals)."""
    number = Decimal(number).normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    whole, _, fraction = f"{number:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}".replace(",", ".")
    return f"{sign}{whole},{fraction}" if fraction else f"{sign}{whole}"


class FriendshipWork(models.Model):
    class Status(models.TextChoices):
        COMPLETED = "completed", "Đã hoàn thành"
        IN_PROGRESS = "in_progress", "Đang thực hiện"
        NOT_STATED = "not_stated", "Báo cáo không nêu"

    report = models.ForeignKey(Report, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="friendship_works")
    partner = models.ForeignKey(PartnerProvince, verbose_name="tỉnh bạn", on_delete=models.PROTECT, related_name="friendship_works")
    sector = models.ForeignKey(Sector, verbose_name="lĩnh vực", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="friendship_works")
    name = CleanCharField("tên công trình", max_length=400)
    funding = CleanCharField("kinh phí (như báo cáo ghi)", max_length=300, blank=True)
    funding_vnd = models.DecimalField("kinh phí (đồng)", max_digits=20, decimal_places=0, null=True, blank=True)
    funder = CleanCharField("đơn vị tài trợ", max_length=300, blank=True)
    status = models.CharField("tình trạng", max_length=20, choices=Status.choices, default=Status.NOT_STATED)
    completion = CleanCharField("hoàn thành", max_length=300, blank=True)
    note = CleanTextField("ghi chú", blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    history = AuditHistory()

    class Meta:
        ordering = ["report", "order"]
        verbose_name = "công trình hữu nghị"
        verbose_name_plural = "công trình hữu nghị"

    def __str__(self):
        return self.name


class AssessmentItem(models.Model):
    class Kind(models.TextChoices):
        RESULT = "result", "Kết quả đạt được"
        SUCCESS_FACTOR = "success_factor", "Yếu tố, điều kiện thuận lợi"
        LIMITATION = "limitation", "Hạn chế"
        DIFFICULTY = "difficulty", "Khó khăn, vướng mắc"
        OBJECTIVE_CAUSE = "objective_cause", "Nguyên nhân khách quan"
        SUBJECTIVE_CAUSE = "subjective_cause", "Nguyên nhân chủ quan"

    report = models.ForeignKey(Report, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="assessment_items")
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    text = CleanTextField("nội dung")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    history = AuditHistory()

    class Meta:
        ordering = ["report", "order"]
        verbose_name = "nội dung đánh giá chung"
        verbose_name_plural = "nội dung đánh giá chung"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class Direction(models.Model):
    report = models.ForeignKey(Report, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="directions")
    number = models.PositiveSmallIntegerField("số")
    text = CleanTextField("nội dung")
    tasks = models.ManyToManyField(Task, verbose_name="nhiệm vụ của kế hoạch", blank=True, related_name="report_directions")

    history = AuditHistory()

    class Meta:
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="direction_number_once")]
        verbose_name = "phương hướng"
        verbose_name_plural = "phương hướng"

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"


class DirectionItem(models.Model):
    direction = models.ForeignKey(Direction, verbose_name="phương hướng", on_delete=models.CASCADE, related_name="items")
    text = CleanTextField("nội dung")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    tasks = models.ManyToManyField(Task, verbose_name="nhiệm vụ của kế hoạch", blank=True, related_name="report_direction_items")

    history = AuditHistory()

    class Meta:
        ordering = ["direction", "order"]
        verbose_name = "nội dung cụ thể của phương hướng"
        verbose_name_plural = "nội dung cụ thể của phương hướng"

    def __str__(self):
        return self.text[:60]


# Reporting rounds (issue 14, "What people do" 2–4) ------------------------------------
# A round is the next report being collected: its Report (status collecting) and the campaign
# Task whose assignments, period, reminders, lock and review it uses. The sở, ngành's values
# are IndicatorValue rows of the round's Report, linked to the unit's submission.


class Round(models.Model):
    report = models.OneToOneField(Report, verbose_name="báo cáo của đợt", on_delete=models.CASCADE, related_name="round")
    previous = models.ForeignKey(Report, verbose_name="báo cáo kỳ trước", on_delete=models.PROTECT, related_name="next_rounds")
    year = models.PositiveSmallIntegerField("năm báo cáo")
    entity = models.ForeignKey(ReportingEntity, verbose_name="chủ thể của số liệu", on_delete=models.PROTECT, related_name="+",
                               help_text="Số liệu các sở, ngành nhập trong đợt là của chủ thể này (tỉnh Gia Lai mới).")
    task = models.OneToOneField(Task, verbose_name="nhiệm vụ trong kế hoạch", on_delete=models.PROTECT, related_name="report_round")
    period = models.ForeignKey("campaign.ReportingPeriod", verbose_name="kỳ báo cáo", on_delete=models.PROTECT, related_name="+")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người mở đợt", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField("mở lúc", auto_now_add=True)
    compiled_at = models.DateTimeField("tổng hợp lúc", null=True, blank=True)
    is_demo = models.BooleanField("dữ liệu minh họa", default=False)

    history = AuditHistory()

    class Meta:
        ordering = ["-year", "-opened_at"]
        verbose_name = "đợt báo cáo"
        verbose_name_plural = "đợt báo cáo"

    def __str__(self):
        return f"Đợt báo cáo năm {self.year}"

    def get_absolute_url(self):
        return reverse("rounds:round", args=[self.pk])


class RoundIndicator(models.Model):
    """The round's structure: which indicators each sector reports, copied from the previous report."""

    round = models.ForeignKey(Round, verbose_name="đợt báo cáo", on_delete=models.CASCADE, related_name="indicators")
    sector = models.ForeignKey(Sector, verbose_name="lĩnh vực", on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(Indicator, verbose_name="chỉ tiêu", on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["round", "sector__number", "order"]
        constraints = [models.UniqueConstraint(fields=["round", "sector", "indicator"], name="round_indicator_once")]
        verbose_name = "chỉ tiêu của đợt"
        verbose_name_plural = "chỉ tiêu của đợt"

    def __str__(self):
        return f"{self.sector.number}. {self.indicator}"


class SubmissionQuerySet(models.QuerySet):
    def of_officer(self, user):
        """The submissions of the user's units (nothing for others, staff included: staff review, not fill)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(assignment__unit__members=user)


class SectorSubmission(models.Model):
    """What one sở, ngành files in a round: the narrative and values of all its sectors.

    One per campaign Assignment (one per unit: the campaign files one ProgressReport per unit and
    period), so a unit with four sectors files them together. Its status is the ProgressReport's
    (status property), so a review made on the campaign's page counts the same as one made here.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang soạn (chưa nộp)"
        SUBMITTED = "submitted", "Đã nộp, chờ duyệt"
        RETURNED = "returned", "Trả lại để bổ sung"
        ACCEPTED = "accepted", "Đã chấp nhận"

    round = models.ForeignKey(Round, verbose_name="đợt báo cáo", on_delete=models.CASCADE, related_name="submissions")
    assignment = models.OneToOneField("campaign.Assignment", verbose_name="nhiệm vụ của đơn vị", on_delete=models.CASCADE,
                                      related_name="report_submission")
    sectors = models.ManyToManyField(Sector, verbose_name="lĩnh vực", related_name="submissions")
    progress_report = models.OneToOneField("campaign.ProgressReport", verbose_name="báo cáo tiến độ đã nộp", null=True,
                                           blank=True, on_delete=models.SET_NULL, related_name="report_submission")
    year = models.PositiveSmallIntegerField("năm của số liệu")
    note = CleanTextField("ghi chú của đơn vị", blank=True)
    saved_at = models.DateTimeField("lưu lúc", null=True, blank=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người lưu", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")

    objects = SubmissionQuerySet.as_manager()

    history = AuditHistory()

    class Meta:
        ordering = ["round", "assignment__unit__name"]
        verbose_name = "phần báo cáo của sở, ngành"
        verbose_name_plural = "phần báo cáo của sở, ngành"

    def __str__(self):
        return f"{self.round} – {self.assignment.unit}"

    def get_absolute_url(self):
        return reverse("rounds:submission", args=[self.pk])

    @property
    def status(self):
        if self.progress_report is None:
            return self.Status.DRAFT
        return self.Status(self.progress_report.status)

    def get_status_display(self):
        return self.status.label

    @property
    def is_editable(self):
        return self.status != self.Status.ACCEPTED

    @property
    def review_comment(self):
        return self.progress_report.current_review_comment if self.progress_report else ""

class ReportExport(models.Model):
    """A Word or Excel file of a report, built by a Celery task (reports.tasks) and kept in private
    storage until it is downloaded; staff see "đang tạo…" meanwhile (reports.views.exports)."""

    class Kind(models.TextChoices):
        DOCX = "docx", "Văn bản Word (.docx)"
        XLSX = "xlsx", "Bảng số liệu Excel (.xlsx)"

    class Status(models.TextChoices):
        PENDING = "pending", "Đang tạo…"
        READY = "ready", "Sẵn sàng tải về"
        FAILED = "failed", "Không tạo được"

    CONTENT_TYPES = {
        Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Kind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }

    report = models.ForeignKey(Report, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="exports")
    kind = models.CharField("loại tệp", max_length=10, choices=Kind.choices)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField("tệp", upload_to="reports/exports/", storage=get_private_storage, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người yêu cầu", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField("yêu cầu lúc", auto_now_add=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)
    build_ms = models.PositiveIntegerField("thời gian tạo (ms)", null=True, blank=True)
    error = CleanTextField("lỗi", blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = "tệp xuất báo cáo"
        verbose_name_plural = "tệp xuất báo cáo"

    def __str__(self):
        return f"{self.report.reference} – {self.get_kind_display()} ({self.get_status_display()})"

    @property
    def filename(self):
        """'bao-cao-04-bc-ubnd-2026.docx'."""
        return f"bao-cao-{self.report.code}.{self.kind}"

    @property
    def content_type(self):
        return self.CONTENT_TYPES[self.kind]

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def requester_name(self):
        user = self.requested_by
        return (user.get_full_name() or user.get_username()) if user else "—"
