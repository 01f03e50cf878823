"""The online quiz: contests, rounds, the question bank, participants, attempts, results.

The server keeps the clock, the drawn questions, their order and the correct
answers; an attempt's page addresses questions and choices by their position
in that attempt, never by database id (ids could betray the order in which
staff typed the choices, usually the correct one first).
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from campaign.fields import CleanCharField, CleanTextField, RichTextField
from campaign.history import AuditHistory
from campaign.models import ReferenceDocument, ReferenceSection, Theme, Unit

DEMO_LABEL = "Dữ liệu minh họa"


class ContestQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


# Orderings name the foreign key's column (contest_id, not contest): ordering by
# the relation would join the related table to apply its own ordering, on every
# query, and the attempt's start and submit paths are hot.


class Contest(models.Model):
    code = models.SlugField("mã cuộc thi", max_length=80, unique=True)
    title = models.CharField("tên cuộc thi", max_length=300)
    organiser = models.CharField("đơn vị tổ chức", max_length=300)
    rules = RichTextField("thể lệ", blank=True, help_text="Văn bản có định dạng; được làm sạch trước khi lưu.")
    eligibility = models.CharField(
        "đối tượng dự thi", max_length=500, blank=True,
        help_text="Ví dụ: công dân Việt Nam và người nước ngoài từ 14 tuổi trở lên.",
    )
    min_age = models.PositiveSmallIntegerField("tuổi tối thiểu", null=True, blank=True)
    requires_id_number = models.BooleanField(
        "yêu cầu số CCCD", default=False,
        help_text="Chỉ bật khi thể lệ yêu cầu số căn cước để xác minh người đoạt giải.",
    )
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày")
    is_published = models.BooleanField("công bố trên cổng", default=True)
    is_demo = models.BooleanField("dữ liệu minh họa", default=False)
    source = models.CharField("nguồn", max_length=500, blank=True)
    notes = models.TextField("ghi chú", blank=True, help_text="Số liệu đã công bố, nguồn của số liệu.")
    # A new value whenever a question or a choice of the contest changes (bank_changed): the
    # start and the attempt page keep the bank in each process's memory under this value
    # (contests/bank.py), read with the round on every start, so no host serves a stale bank.
    bank_version = models.UUIDField("phiên bản ngân hàng câu hỏi", default=uuid.uuid4, editable=False)

    objects = ContestQuerySet.as_manager()

    # bank_version is derived (a question or a choice changed; their own history says which).
    history = AuditHistory(excluded_fields=["bank_version"])

    class Meta:
        verbose_name = "cuộc thi"
        verbose_name_plural = "cuộc thi"
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="contest_ends_after_start"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "Ngày kết thúc phải sau ngày bắt đầu."})


class Prize(models.Model):
    """A prize given in every round (the 2022 contest: 1 × 3,000,000 đ, 2 × 2,000,000 đ, 5 × 1,000,000 đ)."""

    contest = models.ForeignKey(Contest, verbose_name="cuộc thi", on_delete=models.CASCADE, related_name="prizes")
    name = models.CharField("tên giải", max_length=100)
    amount = models.PositiveIntegerField("trị giá (đồng)")
    count = models.PositiveSmallIntegerField("số giải mỗi đợt")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    history = AuditHistory()

    class Meta:
        verbose_name = "giải thưởng"
        verbose_name_plural = "giải thưởng"
        ordering = ["contest_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "order"], name="prize_order_unique_in_contest"),
            models.CheckConstraint(condition=Q(count__gte=1), name="prize_count_positive"),
        ]

    def __str__(self):
        return f"{self.name} ({self.count} × {self.amount:,} đ)".replace(",", ".")


class Round(models.Model):
    class PredictionKind(models.TextChoices):
        ALL_CORRECT = "all_correct", "Số người trả lời đúng tất cả các câu (cổng tự tính)"
        MANUAL = "manual", "Số do Ban Tổ chức công bố"

    contest = models.ForeignKey(Contest, verbose_name="cuộc thi", on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField("đợt số")
    opens_at = models.DateTimeField("mở lúc")
    closes_at = models.DateTimeField("đóng lúc")
    question_count = models.PositiveSmallIntegerField("số câu hỏi mỗi lượt thi", default=10)
    time_limit_seconds = models.PositiveIntegerField("thời gian làm bài (giây)", default=900)
    max_attempts = models.PositiveSmallIntegerField(
        "số lượt thi tối đa mỗi người", null=True, blank=True,
        help_text="Để trống: không giới hạn; tính lượt có kết quả cao nhất, nộp sớm nhất.",
    )
    prediction_question = models.CharField(
        "câu hỏi dự đoán", max_length=500,
        default="Theo bạn, có bao nhiêu người trả lời đúng tất cả các câu hỏi của đợt thi này?",
    )
    prediction_kind = models.CharField(
        "đáp án câu dự đoán", max_length=20, choices=PredictionKind.choices, default=PredictionKind.ALL_CORRECT,
    )
    actual_answer = models.PositiveIntegerField(
        "đáp án câu dự đoán", null=True, blank=True,
        help_text="Ban Tổ chức nhập sau khi đợt thi đóng, hoặc cổng tự tính.",
    )
    results_computed_at = models.DateTimeField("tính kết quả lúc", null=True, blank=True)
    reported_entrants = models.PositiveIntegerField("số người dự thi (đã công bố)", null=True, blank=True)
    reported_attempts = models.PositiveIntegerField("số lượt dự thi (đã công bố)", null=True, blank=True)
    reported_perfect_percent = models.DecimalField(
        "tỷ lệ đạt điểm tối đa (%, đã công bố)", max_digits=5, decimal_places=2, null=True, blank=True,
    )
    reported_source = models.CharField("nguồn số liệu đã công bố", max_length=500, blank=True)
    answers_revealed_at = models.DateTimeField(
        "công bố đáp án lúc", null=True, blank=True, editable=False,
        help_text="Sau khi đợt thi đóng: thí sinh xem đáp án; các câu đã rút của đợt không được rút cho đợt sau.",
    )

    history = AuditHistory()

    class Meta:
        verbose_name = "đợt thi"
        verbose_name_plural = "đợt thi"
        ordering = ["contest_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "number"], name="round_number_unique_in_contest"),
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="round_closes_after_open"),
            models.CheckConstraint(condition=Q(question_count__gte=1), name="round_question_count_positive"),
            models.CheckConstraint(condition=Q(time_limit_seconds__gte=30), name="round_time_limit_min"),
            models.CheckConstraint(
                condition=Q(max_attempts__isnull=True) | Q(max_attempts__gte=1), name="round_max_attempts_positive",
            ),
        ]

    def __str__(self):
        return f"Đợt {self.number} – {self.contest}"

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "Thời điểm đóng phải sau thời điểm mở."})

    def is_closed(self, now=None):
        return (now or timezone.now()) >= self.closes_at

    @property
    def has_results(self):
        return self.results_computed_at is not None


def question_image_path(instance, filename):
    return f"contests/questions/{filename}"


def bank_changed(contest_ids):
    """A question or a choice of these contests changed: the banks kept in memory are stale."""
    Contest.objects.filter(pk__in=set(contest_ids)).update(bank_version=uuid.uuid4())


class QuestionQuerySet(models.QuerySet):
    """Writes that skip save() (revealing a round's questions, bulk loads) also make the bank new."""

    def update(self, **kwargs):
        contest_ids = list(self.values_list("contest_id", flat=True).distinct().order_by())
        count = super().update(**kwargs)
        bank_changed(contest_ids)
        return count

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        bank_changed(q.contest_id for q in created)
        return created


class Question(models.Model):
    class Difficulty(models.TextChoices):
        EASY = "easy", "Dễ"
        MEDIUM = "medium", "Trung bình"
        HARD = "hard", "Khó"

    # The shape of a question, in one place: the page form, the admin, the checks
    # (services.check_choices) and the Excel columns (question_bank.COLUMNS) read it.
    MIN_CHOICES = 2
    CHOICE_LETTERS = "ABCDEF"
    MAX_CHOICES = len(CHOICE_LETTERS)

    contest = models.ForeignKey(Contest, verbose_name="cuộc thi", on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField("mã câu hỏi", max_length=50, help_text="Mã ổn định, dùng khi nhập và xuất Excel.")
    text = CleanTextField("câu hỏi")
    image = models.ImageField("hình minh họa", upload_to=question_image_path, blank=True)
    difficulty = models.CharField("độ khó", max_length=10, choices=Difficulty.choices, default=Difficulty.MEDIUM)
    themes = models.ManyToManyField(Theme, verbose_name="nội dung tuyên truyền", blank=True, related_name="questions")
    source_document = models.ForeignKey(
        ReferenceDocument, verbose_name="tài liệu nguồn", null=True, blank=True, on_delete=models.PROTECT,
        related_name="questions",
    )
    source_section = models.ForeignKey(
        ReferenceSection, verbose_name="mục tài liệu nguồn", null=True, blank=True, on_delete=models.PROTECT,
        related_name="questions",
    )
    source_note = models.CharField(
        "trích dẫn nguồn", max_length=500, blank=True,
        help_text="Văn bản, mục, đoạn mà câu hỏi dựa vào (khi nguồn chưa có trong tài liệu tham khảo).",
    )
    explanation = CleanTextField("giải thích", blank=True, help_text="Hiện sau khi đợt thi đóng.")
    is_active = models.BooleanField("dùng trong đề thi", default=True)
    is_demo = models.BooleanField("dữ liệu minh họa", default=False)
    # Set once, when a closed round in which the question was drawn shows its
    # answers (services.round_reveal_answers); later draws skip it (issue 11.3).
    revealed_at = models.DateTimeField("đã công bố đáp án lúc", null=True, blank=True, editable=False)
    revealed_in_round = models.ForeignKey(
        Round, verbose_name="công bố đáp án ở đợt", null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )


    objects = QuestionQuerySet.as_manager()
    history = AuditHistory()

    class Meta:
        verbose_name = "câu hỏi"
        verbose_name_plural = "ngân hàng câu hỏi"
        ordering = ["contest_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "code"], name="question_code_unique_in_contest"),
        ]
        indexes = [
            # The start's draw: the contest's questions in use whose answers were never shown.
            models.Index(
                fields=["contest"], condition=Q(is_active=True, revealed_at__isnull=True), name="question_fresh_in_contest",
            ),
        ]

    @property
    def is_revealed(self):
        return self.revealed_at is not None

    def __str__(self):
        return f"{self.code}. {self.text[:80]}"

    def clean(self):
        if self.source_section_id and self.source_document_id and self.source_section.document_id != self.source_document_id:
            raise ValidationError({"source_section": "Mục đã chọn không thuộc tài liệu nguồn đã chọn."})

    @property
    def citation(self):
        """Where the question comes from, as one line for the screen and exports."""
        if self.source_section_id:
            section = self.source_section
            text = f"{section.document.title}, mục {section.code}"
        elif self.source_document_id:
            text = self.source_document.title
        else:
            text = ""
        if self.source_note:
            text = f"{text}; {self.source_note}" if text else self.source_note
        return text


class Choice(models.Model):
    question = models.ForeignKey(Question, verbose_name="câu hỏi", on_delete=models.CASCADE, related_name="choices")
    text = CleanCharField("phương án", max_length=500)
    is_correct = models.BooleanField("đáp án đúng", default=False)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    history = AuditHistory()

    class Meta:
        verbose_name = "phương án trả lời"
        verbose_name_plural = "phương án trả lời"
        ordering = ["question_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "order"], name="choice_order_unique_in_question"),
            # At most one correct choice per question, in the database; "at
            # least one" needs the whole set and is checked by the form and
            # question_save().
            models.UniqueConstraint(
                fields=["question"], condition=Q(is_correct=True), name="choice_one_correct_per_question",
            ),
        ]

    def __str__(self):
        return self.text


class Participant(models.Model):
    contest = models.ForeignKey(Contest, verbose_name="cuộc thi", on_delete=models.PROTECT, related_name="participants")
    full_name = CleanCharField("họ và tên", max_length=150)
    date_of_birth = models.DateField("ngày sinh")
    phone = models.CharField("số điện thoại", max_length=15)
    email = models.EmailField("e-mail", blank=True)
    id_number = models.CharField("số CCCD", max_length=12, blank=True)
    locality = CleanCharField("tỉnh/thành phố, xã/phường", max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị công tác, học tập", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="contest_participants",
    )
    consent_rules = models.BooleanField("đồng ý thể lệ", default=False)
    consent_personal_data = models.BooleanField("đồng ý xử lý dữ liệu cá nhân", default=False)
    registered_at = models.DateTimeField("đăng ký lúc", default=timezone.now)
    # The HMAC of the recovery code shown once at registration (contests/recovery.py);
    # empty: no code yet (registered before codes existed), nothing restores it.
    recovery_code_hash = models.CharField("mã khôi phục (đã băm)", max_length=64, blank=True, editable=False)
    is_demo = models.BooleanField("dữ liệu minh họa", default=False)

    class Meta:
        verbose_name = "thí sinh"
        verbose_name_plural = "thí sinh"
        ordering = ["contest_id", "full_name"]
        constraints = [
            # "Register once": one registration per phone number and contest.
            models.UniqueConstraint(fields=["contest", "phone"], name="participant_phone_unique_in_contest"),
            models.CheckConstraint(
                condition=Q(consent_rules=True, consent_personal_data=True), name="participant_consented",
            ),
        ]
        indexes = [models.Index(fields=["contest", "unit"], name="participant_contest_unit")]

    def __str__(self):
        return self.full_name


class AttemptQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(submitted_at__isnull=False)


class Attempt(models.Model):
    round = models.ForeignKey(Round, verbose_name="đợt thi", on_delete=models.PROTECT, related_name="attempts")
    participant = models.ForeignKey(Participant, verbose_name="thí sinh", on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveSmallIntegerField("lượt thứ")
    key = models.UUIDField("mã lượt thi", default=uuid.uuid4, unique=True, editable=False)
    share_key = models.UUIDField("mã chia sẻ", default=uuid.uuid4, unique=True, editable=False)
    started_at = models.DateTimeField("bắt đầu lúc")
    deadline_at = models.DateTimeField("hết giờ lúc")
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    closed_by_clock = models.BooleanField(
        "kết thúc do hết giờ", default=False, help_text="Nộp sau giờ hoặc không nộp: chấm phần đã lưu đến hết giờ.",
    )
    score = models.PositiveSmallIntegerField("số câu đúng", null=True, blank=True)
    duration_ms = models.PositiveIntegerField("thời gian làm bài (ms)", null=True, blank=True)
    prediction = models.PositiveIntegerField("dự đoán", null=True, blank=True)
    # Sent by the attempt page's script with its submit, stored by the submit that counted: the
    # same submit sent again (the browser retried after a network error) gets the same answer.
    submit_key = models.UUIDField("mã lần nộp", null=True, blank=True, editable=False)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        verbose_name = "lượt thi"
        verbose_name_plural = "lượt thi"
        ordering = ["round_id", "participant_id", "number"]
        constraints = [
            # Two starts that race past the participant lock (or a replica
            # that skipped it) still cannot store the same attempt number.
            models.UniqueConstraint(fields=["round", "participant", "number"], name="attempt_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="attempt_number_positive"),
            models.CheckConstraint(condition=Q(deadline_at__gt=models.F("started_at")), name="attempt_deadline_after_start"),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | Q(score__isnull=False, duration_ms__isnull=False),
                name="attempt_submitted_is_scored",
            ),
        ]
        indexes = [
            models.Index(fields=["round", "submitted_at"], name="attempt_round_submitted"),
            models.Index(fields=["submitted_at", "deadline_at"], name="attempt_open_deadline"),
        ]

    def __str__(self):
        return f"{self.participant} – {self.round} – lượt {self.number}"

    def seconds_left(self, now=None):
        now = now or timezone.now()
        return max(0, int((self.deadline_at - now).total_seconds()))


class AttemptQuestion(models.Model):
    """A question drawn for one attempt, its place, its choices' order and the answer given.

    Every autosave and every submit updates these rows (chosen, answered_at,
    is_correct); no index covers those columns, so PostgreSQL updates them in
    place on the same page (HOT: no index entries to add) and the table
    leaves room on each page for that (fillfactor, migration 0004). Hence no
    index on `chosen`: deleting a choice, which staff can do only for a
    question never drawn (check_choices), reads the table to check it.
    """

    # attempt: its lookups use the (attempt, question) unique index.
    attempt = models.ForeignKey(
        Attempt, verbose_name="lượt thi", on_delete=models.CASCADE, related_name="items", db_index=False,
    )
    question = models.ForeignKey(Question, verbose_name="câu hỏi", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField("vị trí")
    choice_order = models.JSONField("thứ tự phương án", help_text="Mã các phương án theo thứ tự hiện cho thí sinh.")
    chosen = models.ForeignKey(
        Choice, verbose_name="phương án đã chọn", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        db_index=False,
    )
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True)
    is_correct = models.BooleanField("đúng", null=True, blank=True)

    class Meta:
        verbose_name = "câu hỏi của lượt thi"
        verbose_name_plural = "câu hỏi của lượt thi"
        ordering = ["attempt_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="attempt_question_unique"),
            models.UniqueConstraint(fields=["attempt", "position"], name="attempt_position_unique"),
        ]

    def __str__(self):
        return f"Câu {self.position}"


class RoundResult(models.Model):
    """One line per person and round: their best attempt and its rank, computed by a task."""

    round = models.ForeignKey(Round, verbose_name="đợt thi", on_delete=models.CASCADE, related_name="results")
    participant = models.ForeignKey(Participant, verbose_name="thí sinh", on_delete=models.CASCADE, related_name="results")
    attempt = models.OneToOneField(Attempt, verbose_name="lượt thi được tính", on_delete=models.CASCADE, related_name="result")
    rank = models.PositiveIntegerField("hạng")
    score = models.PositiveSmallIntegerField("số câu đúng")
    prediction_error = models.PositiveIntegerField("chênh lệch dự đoán", null=True, blank=True)
    duration_ms = models.PositiveIntegerField("thời gian làm bài (ms)")
    submitted_at = models.DateTimeField("nộp lúc")
    prize = models.ForeignKey(Prize, verbose_name="giải", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "kết quả"
        verbose_name_plural = "bảng xếp hạng"
        ordering = ["round_id", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["round", "rank"], name="result_rank_unique_in_round"),
            models.UniqueConstraint(fields=["round", "participant"], name="result_one_line_per_person"),
        ]

    def __str__(self):
        return f"{self.round} – hạng {self.rank}: {self.participant}"
