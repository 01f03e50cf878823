"""Deadline reminders (docs/reminders.md): the policy of each plan, one row per
reminder sent or to send, in-portal notifications, the digest preference.
The engine that uses them is campaign/reminders/."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from ..reminders.steps import ReminderAudience, ReminderStep, StepKind, step_label
from ..text import ascii_digits
from .plans import Plan
from .tasks import Assignment, ReportEvent, ReportingPeriod


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
        steps = [ReminderStep(-days, StepKind.BEFORE, unit) for days in self.before_day_list]
        if self.on_due_day:
            steps.append(ReminderStep(0, StepKind.DUE, unit))
        last = self.stop_after_days if lock_after_days is None else min(self.stop_after_days, lock_after_days)
        every = self.overdue_every_days
        if every:
            steps += [ReminderStep(day, StepKind.OVERDUE, unit) for day in range(every, last + 1, every)]
        first = self.escalate_after_days
        if first is not None and first <= last:
            # Without repeated overdue reminders the escalation is sent once.
            steps += [ReminderStep(day, StepKind.ESCALATE, escalation) for day in range(first, last + 1, every or last + 1)]
        return sorted(steps)

    def describe(self, *, lock_after_days=None):
        """The schedule in words, for the policy page."""
        steps = self.schedule(lock_after_days=lock_after_days)
        before = [str(-s.offset) for s in steps if s.kind == StepKind.BEFORE]
        overdue = [str(s.offset) for s in steps if s.kind == StepKind.OVERDUE]
        escalate = [str(s.offset) for s in steps if s.kind == StepKind.ESCALATE]
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
