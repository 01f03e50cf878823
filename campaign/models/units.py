"""Units (đơn vị) and who belongs to them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models

from ..fields import CleanCharField


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
        from ..roles import is_propaganda_staff

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
