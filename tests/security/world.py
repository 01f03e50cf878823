"""The sweep's world: two units and, for unit A, one object of every kind a URL can name.

Unit A (Sở Văn hóa, Thể thao và Du lịch) has a task assignment with an accepted progress report
and its photo, a period still open for filing, a notification, a reminder, the part of the
cooperation report it files, a draft article of its officer, a contest round and a citizen's
attempt. Unit B (Đảng bộ Phường 1) has a task too but no part of the cooperation report; unit S
(Sở Ngoại vụ) files its own part of the same round. Private texts of A carry MARKER: a page
shown to someone who may not see them must not contain it.
"""

from datetime import date, timedelta
from io import BytesIO

from captcha.models import CaptchaStore
from django.contrib.auth.models import Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from PIL import Image

from campaign import services as campaign_services
from campaign.images import normalise_image
from campaign.models import (
    Assignment,
    KeyDate,
    Measure,
    Notification,
    Plan,
    Reminder,
    ReportingPeriod,
    ReportPhoto,
    Task,
    Theme,
    Unit,
)
from campaign.views.calendars import calendar_token
from content import services as content_services
from content.models import Article, Material, Page, Section
from contests import identity
from contests import services as contest_services
from reports.models import Report, ReportExport, ReportingEntity, Sector, SectorSubmission
from reports.rounds import round_open
from tests.contests.conftest import make_contest, make_participant, make_questions, make_round
from tests.factories import UnitFactory, UserFactory, make_officer, make_staff

MARKER = "DAU-RIENG-CUA-DON-VI-A"


def jpeg_bytes():
    out = BytesIO()
    Image.new("RGB", (40, 30), "green").save(out, format="JPEG")
    return out.getvalue()


def _permission(codename):
    return Permission.objects.get(content_type__app_label="content", codename=codename)


def build():
    now = timezone.now()
    plan = Plan.objects.create(
        code="nam-huu-nghi", title="Tuyên truyền Năm Hữu nghị", issuing_body="THÀNH ỦY ĐÀ LẠT",
        starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31), status=Plan.Status.IN_PROGRESS, lock_after_days=None,
    )
    plan.original_file.save("ke-hoach.md", ContentFile("# KẾ HOẠCH".encode()), save=True)
    theme = Theme.objects.create(plan=plan, code="1", title="Lịch sử quan hệ hữu nghị", order=1)
    measure = Measure.objects.create(plan=plan, code="so-bai", name="Số tin, bài viết", unit_label="bài", order=1)
    KeyDate.objects.create(plan=plan, title="Ngày thiết lập quan hệ ngoại giao", date=date(2022, 9, 5), kind=KeyDate.Kind.choices[0][0])
    task = Task.objects.create(plan=plan, theme=theme, title="Đăng tin bài hằng tháng", schedule=Task.Schedule.MONTHLY)
    july = ReportingPeriod.objects.create(
        task=task, label="Tháng 7/2022", starts_on=date(2022, 7, 1), ends_on=date(2022, 7, 31), due_on=date(2022, 8, 5), order=0,
    )
    august = ReportingPeriod.objects.create(
        task=task, label="Tháng 8/2022", starts_on=date(2022, 8, 1), ends_on=date(2022, 8, 31), due_on=date(2022, 9, 5), order=1,
    )
    unit_a = UnitFactory(code="so-van-hoa", name="Sở Văn hóa, Thể thao và Du lịch", order=1)
    unit_b = UnitFactory(code="phuong-1", name="Đảng bộ Phường 1", kind=Unit.Kind.PARTY_ORG, order=2)
    unit_s = UnitFactory(code="so-ngoai-vu", name="Sở Ngoại vụ", order=3)
    assignment_a = Assignment.objects.create(task=task, unit=unit_a)
    assignment_b = Assignment.objects.create(task=task, unit=unit_b)

    officer_a = make_officer(unit_a, username="officer_a")
    officer_b = make_officer(unit_b, username="officer_b")
    so_officer = make_officer(unit_s, username="so_officer")
    staff = make_staff(username="staff", is_staff=True)
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    editor = UserFactory(username="editor")
    editor.user_permissions.add(_permission("submit_article"))
    approver = UserFactory(username="approver")
    approver.user_permissions.add(_permission("approve_article"))

    # A's progress report of July, with a photo, accepted; August stays open for A to file.
    report_a = campaign_services.progress_report_submit(
        assignment=assignment_a, period=july, by=officer_a, text=f"<p>Đã đăng 4 bài. {MARKER}</p>", figures={measure: 4},
    )
    photo = ReportPhoto(report=report_a, caption="Ảnh của đơn vị A")
    full, thumb = normalise_image(SimpleUploadedFile("a.jpg", jpeg_bytes()))
    photo.image.save(full.name, full, save=False)
    photo.thumbnail.save(thumb.name, thumb, save=False)
    photo.save()
    campaign_services.progress_report_accept(report=report_a, by=staff, comment="Đạt")
    reminder = Reminder.objects.create(
        assignment=assignment_a, period=august, due_on=august.due_on, step="overdue-3",
        audience=Reminder.Audience.UNIT, channel=Reminder.Channel.EMAIL, recipient="officer_a@example.vn",
        user=officer_a, status=Reminder.Status.UNKNOWN, scheduled_on=date(2022, 9, 8),
    )
    notification = Notification.objects.create(user=officer_a, reminder=reminder, text="Quá hạn 3 ngày")

    # The cooperation report: a published report of 2021, sector 1 filed by A, sector 2 by S.
    ReportingEntity.objects.create(code="gia-lai-moi", name="Tỉnh Gia Lai (mới)")
    previous = Report.objects.create(
        code="bao-cao-2021", issuer="ỦY BAN NHÂN DÂN TỈNH GIA LAI", title="Kết quả hợp tác năm 2021",
        period_start_year=2021, period_end_year=2021, status=Report.Status.ISSUED,
    )
    Sector.objects.create(number=1, title="Văn hóa, thể thao và du lịch", responsible_unit=unit_a)
    Sector.objects.create(number=2, title="Đối ngoại", responsible_unit=unit_s)
    round_ = round_open(previous=previous, year=2022, due_on=date(2022, 12, 15), plan=plan, by=staff)
    submission_a = SectorSubmission.objects.get(round=round_, assignment__unit=unit_a)
    export = ReportExport(report=previous, kind=ReportExport.Kind.XLSX, status=ReportExport.Status.READY, requested_by=staff)
    export.file.save("bao-cao.xlsx", ContentFile(b"PK\x03\x04"), save=False)
    export.save()

    # Content: a public article, officer A's draft (two revisions), a material with a file, the fixed pages.
    section = Section.objects.create(name="Năm Đoàn kết hữu nghị Việt Nam – Lào")
    public_article = Article.objects.create(
        section=section, title="Kỷ niệm 60 năm quan hệ ngoại giao", body="<p>Nội dung công khai.</p>",
        status=Article.Status.PUBLISHED, published_at=now - timedelta(hours=1),
    )
    draft = content_services.article_save(
        article=Article(section=section, unit=unit_a, title="Bản nháp của đơn vị A", body=f"<p>{MARKER}</p>"), by=officer_a,
    )
    draft.summary = "Sửa lần hai"
    content_services.article_save(article=draft, by=officer_a)
    revisions = list(Article.history.filter(id=draft.pk).order_by("history_date").values_list("history_id", flat=True))
    material = Material(title="Lịch sử quan hệ đặc biệt Việt Nam – Lào", slug="lich-su-quan-he")
    material.file.save("lich-su.md", ContentFile("# Lịch sử".encode()), save=False)
    material.save()
    for slug, label in Page.Slug.choices:
        Page.objects.create(slug=slug, title=label, body=f"<p>{label}</p>")

    # The quiz: an open round; citizen A started an attempt, citizen B registered too.
    contest = make_contest(code="thi-thu")
    questions = make_questions(contest, 6)
    quiz_round = make_round(contest, 1)
    citizen_a = make_participant(contest, email=f"{MARKER.lower()}@example.vn")
    citizen_b = make_participant(contest, name="Trần Thị Bình", phone="0912000002", email="binh@example.vn")
    attempt = contest_services.attempt_start(round=quiz_round, participant=citizen_a)
    # B's submitted attempt gives the public share link.
    attempt_b = contest_services.attempt_start(round=quiz_round, participant=citizen_b)
    contest_services.attempt_submit(attempt=attempt_b, participant=citizen_b, answers=(), prediction=10)
    attempt_b.refresh_from_db()
    captcha_key = CaptchaStore.generate_key()

    _one_row_of_every_admin_model(plan, july, assignment_a, previous, quiz_round, citizen_b, attempt_b, staff)

    return {
        "plan": plan, "task": task, "july": july, "august": august, "measure": measure,
        "unit_a": unit_a, "unit_b": unit_b, "unit_s": unit_s,
        "assignment_a": assignment_a, "assignment_b": assignment_b,
        "report_a": report_a, "photo": photo, "reminder": reminder, "notification": notification,
        "previous_report": previous, "round": round_, "submission_a": submission_a, "export": export,
        "section": section, "public_article": public_article, "draft": draft, "revisions": revisions,
        "material": material, "contest": contest, "questions": questions, "quiz_round": quiz_round,
        "citizen_a": citizen_a, "citizen_b": citizen_b, "attempt": attempt, "attempt_b": attempt_b,
        "captcha_key": captcha_key,
        "users": {"officer_a": officer_a, "officer_b": officer_b, "so_officer": so_officer, "staff": staff,
                  "admin": admin, "editor": editor, "approver": approver},
        "reset_link": (urlsafe_base64_encode(force_bytes(officer_a.pk)), default_token_generator.make_token(officer_a)),
        "calendar_token": calendar_token(user=officer_a, unit=unit_a),
    }


def _one_row_of_every_admin_model(plan, period, assignment, report, quiz_round, participant, attempt, staff):
    """The rows the admin's per-object pages need (the sweep opens the first row of each model)."""
    from axes.models import AccessAttempt, AccessFailureLog
    from django_celery_beat.models import (
        ClockedSchedule, CrontabSchedule, IntervalSchedule, PeriodicTask, SolarSchedule,
    )

    from campaign.models import DueDateChange, LockException, ReferenceDocument
    from contests.models import RoundResult
    from reports.models import Direction, Indicator, IndicatorValue, PartnerProvince

    DueDateChange.objects.create(period=period, old_due_on=period.due_on, new_due_on=period.due_on + timedelta(days=3),
                                 reason="Xin thêm thời gian", changed_by=staff)
    LockException.objects.create(assignment=assignment, period=period, until=date(2022, 8, 20), reason="Mất điện",
                                 granted_by=staff)
    ReferenceDocument.objects.create(plan=plan, code="tai-lieu-tham-khao", title="Tài liệu tham khảo")
    RoundResult.objects.create(round=quiz_round, participant=participant, attempt=attempt, rank=1,
                               score=attempt.score or 0, duration_ms=attempt.duration_ms or 1, submitted_at=attempt.submitted_at)
    Direction.objects.create(report=report, number=1, text="Tiếp tục tăng cường hợp tác.")
    indicator = Indicator.objects.create(code="so-hoc-bong", name="Số suất học bổng", unit="suất")
    IndicatorValue.objects.create(report=report, indicator=indicator, section="I.3", entity=ReportingEntity.objects.first(),
                                  year_start=2021, year_end=2021, number=10, source_sentence="Cấp 10 suất học bổng.")
    PartnerProvince.objects.create(code="attapeu", name="Attapeu")
    AccessAttempt.objects.create(username="ke-gian", ip_address="10.0.0.9", user_agent="x", http_accept="*/*",
                                 path_info="/tai-khoan/dang-nhap/", failures_since_start=1)
    AccessFailureLog.objects.create(username="ke-gian", ip_address="10.0.0.9", user_agent="x", http_accept="*/*",
                                    path_info="/tai-khoan/dang-nhap/")
    ClockedSchedule.objects.create(clocked_time=timezone.now())
    SolarSchedule.objects.create(event="sunrise", latitude=11.94, longitude=108.44)
    # The beat schedule's rows come from a migration; a flushing test (TransactionTestCase) run earlier on
    # the same database leaves none, so the world makes its own schedule and task.
    every_hour = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS)
    CrontabSchedule.objects.create(minute="30", hour="7", timezone="Asia/Ho_Chi_Minh")
    PeriodicTask.objects.create(name="Gửi tiếp nhắc hạn (thế giới quét quyền)", task="campaign.tasks.resume_reminders",
                                interval=every_hour)


def citizen_cookie(participant):
    return identity.cookie_value({participant.contest_id: participant.pk})
