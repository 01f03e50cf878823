"""seed_demo is idempotent against whatever people did since: seed, walk every
workflow as staff, officers and participants would, seed again; nothing fails
and nothing they did is lost (issue 10.2)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.utils import timezone

from campaign import services
from campaign.deadlines import local_today
from campaign.demo import DEMO_GROUP, DEMO_OFFICER, DEMO_STAFF, demo_officer_username
from campaign.models import (
    Assignment,
    DueDateChange,
    Notification,
    ProgressReport,
    ReminderPolicy,
    ReportEvent,
    ReportingPeriod,
    Theme,
    Unit,
)
from contests import services as contest_services
from contests.demo import DEMO_CODE
from contests.models import Attempt, AttemptQuestion, Choice, Contest, Participant, Question, Round
from reports.models import Direction, IndicatorValue, Sector, SectorNarrative

pytestmark = pytest.mark.django_db

Status = ProgressReport.Status
Action = ReportEvent.Action
GIA_LAI = "phuong-huong-gia-lai-nam-lao-2026-2030"


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def rows():
    """Every row of our apps and every account, as plain values."""
    everything = {}
    for label in ("campaign", "contests", "content", "reports"):
        for model in apps.get_app_config(label).get_models():
            for obj in model.objects.all():
                everything[(model._meta.label, obj.pk)] = model_to_dict(obj)
    for user in get_user_model().objects.all():
        everything[("auth.User", user.pk)] = model_to_dict(user)
    return everything


def walk_every_workflow():
    """What people do with the demo between two `make run`s."""
    User = get_user_model()
    staff, officer = User.objects.get(username=DEMO_STAFF), User.objects.get(username=DEMO_OFFICER)
    demo = ProgressReport.objects.filter(text__startswith="Dữ liệu minh họa.")
    now = timezone.now()

    # The returned demo report of the open plan: resubmit it as its officer, return
    # it again, resubmit, accept (the MultipleObjectsReturned of the issue).
    report = demo.get(assignment__task__plan__code=GIA_LAI, status=Status.RETURNED)
    author = report.submitted_by
    for minute, step in enumerate(("submit", "return", "submit", "accept")):
        at = now + timedelta(minutes=minute)
        if step == "submit":
            services.progress_report_submit(assignment=report.assignment, period=report.period, by=author,
                                            text=f"<p>Đã bổ sung lần {minute}.</p>", now=at)
        elif step == "return":
            services.progress_report_return(report=report, by=staff, comment="Còn thiếu ảnh.", now=at)
        else:
            services.progress_report_accept(report=report, by=staff, comment="Đạt.", now=at)
    # Staff review the last reports of the closed 2022 plan.
    submitted = demo.filter(status=Status.SUBMITTED).order_by("pk")
    services.progress_report_return(report=submitted[0], by=staff, comment="Bổ sung số liệu tháng.", now=now)
    services.progress_report_accept(report=submitted[1], by=staff, now=now)
    # The officer files a report the demo left empty.
    empty = next(
        (a, p) for a in Assignment.objects.filter(unit__members=officer, task__plan__code=GIA_LAI).select_related("task")
        for p in a.task.periods.order_by("order") if not ProgressReport.objects.filter(assignment=a, period=p).exists()
        and services.filing_refusal(assignment=a, period=p) is None
    )
    filed = services.progress_report_submit(assignment=empty[0], period=empty[1], by=officer, text="<p>Báo cáo mới.</p>")
    # Staff move a due date, rename a period, retitle a theme, rename a unit and change its e-mail.
    period = ReportingPeriod.objects.filter(task__plan__code=GIA_LAI).order_by("pk").first()
    services.period_change_due_date(period=period, new_due_on=period.due_on + timedelta(days=10), by=staff, reason="Lễ")
    ReportingPeriod.objects.filter(pk=period.pk).update(label="Quý này (đã đổi tên)")
    Theme.objects.filter(code="1.3", plan__code="ke-hoach-viet-lao-campuchia-2022").update(title="Tiêu đề đã sửa")
    Unit.objects.filter(code="so-cong-thuong-gl").update(name="Sở Công Thương (tên mới)", emails="moi@sct.example")
    # Reminders: another policy, a notification read, the demo officer's own address.
    ReminderPolicy.objects.update(before_days="5", overdue_every_days=0)
    Notification.objects.filter(user=officer).update(read_at=now)
    User.objects.filter(username=DEMO_OFFICER).update(email="lan@donvi.example")
    # A demo officer removed from their unit, the demo staff account renamed.
    Unit.objects.get(code="so-y-te-gl").members.remove(User.objects.get(username=demo_officer_username("so-y-te-gl")))
    User.objects.filter(username=DEMO_STAFF).update(first_name="Nguyễn Văn Minh (đã sửa)")
    # Quiz: a question's choices edited, a round moved, attempts taken in the open round.
    contest = Contest.objects.get(code=DEMO_CODE)
    drawn = set(AttemptQuestion.objects.values_list("question_id", flat=True))
    question = next(q for q in Question.objects.filter(contest=contest).exclude(pk__in=drawn) if q.choices.get(order=2).is_correct)
    contest_services.question_save(question=question, choices=[("Phương án mới A", False), ("Phương án mới B", True)])
    Round.objects.filter(contest=contest, number=3).update(question_count=5)
    open_round = Round.objects.get(contest=contest, number=2)
    demo_person = Participant.objects.get(contest=contest, phone="0900000001")
    newcomer, _ = contest_services.participant_register(
        contest=contest, full_name="Người Dự Thi", date_of_birth=local_today().replace(year=1990), phone="0912345678",
        consent_rules=True, consent_personal_data=True,
    )
    attempts = []
    for person in (demo_person, newcomer):
        attempt = contest_services.attempt_start(round=open_round, participant=person)
        attempts.append(contest_services.attempt_submit(attempt=attempt, participant=person, prediction=3))
    # Cooperation report: staff correct a figure, rewrite a narrative, unlink a direction's task, move a sector.
    IndicatorValue.objects.filter(indicator__name="Kim ngạch thương mại hai chiều", year_start=2023).update(number="48")
    SectorNarrative.objects.filter(sector__number=1).update(text="<p>Nội dung đã sửa.</p>")
    Direction.objects.get(number=1).tasks.clear()
    Sector.objects.filter(number=5).update(responsible_unit=Unit.objects.get(code="so-cong-thuong-gl"))
    return report, filed, period, question, attempts


def test_seed_after_every_workflow_fails_on_nothing_and_loses_nothing():
    seed()
    report, filed, period, question, attempts = walk_every_workflow()
    before = rows()

    output = seed()

    assert "Đã nạp xong dữ liệu minh họa." in output
    after = rows()
    changed = {key: (value, after.get(key)) for key, value in before.items() if after.get(key) != value}
    # Reminders and notifications may be planned anew (the due date moved); nothing else is new.
    assert changed == {}
    new = {key[0] for key in after.keys() - before.keys()}
    assert new <= {"campaign.Reminder", "campaign.Notification"}, new

    report.refresh_from_db()
    assert report.status == Status.ACCEPTED and report.review_comment == "Đạt."
    assert list(report.events.order_by("at", "pk").values_list("action", flat=True)) == [
        Action.SUBMITTED, Action.RETURNED, Action.RESUBMITTED, Action.RETURNED, Action.RESUBMITTED, Action.ACCEPTED]
    assert ProgressReport.objects.get(pk=filed.pk).text == "<p>Báo cáo mới.</p>"
    assert ReportingPeriod.objects.get(pk=period.pk).label == "Quý này (đã đổi tên)"
    assert not ReportingPeriod.objects.filter(task=period.task, order=period.order).exclude(pk=period.pk).exists()
    assert DueDateChange.objects.filter(period=period).count() == 1
    assert list(question.choices.order_by("order").values_list("text", "is_correct")) == [
        ("Phương án mới A", False), ("Phương án mới B", True)]
    assert Choice.objects.filter(question=question).count() == 2
    assert all(Attempt.objects.get(pk=a.pk).submitted_at for a in attempts)
    assert "0 báo cáo được ghi tên người nộp" in output
    assert str(IndicatorValue.objects.get(indicator__name="Kim ngạch thương mại hai chiều", year_start=2023).number) == "48.0000"
    assert SectorNarrative.objects.get(sector__number=1).text == "<p>Nội dung đã sửa.</p>"
    assert not Direction.objects.get(number=1).tasks.exists()
    assert Sector.objects.get(number=5).responsible_unit.code == "so-cong-thuong-gl"


def test_a_third_run_after_the_second_finds_nothing_to_add():
    seed()
    walk_every_workflow()
    seed()
    before = rows()
    output = seed()
    assert rows() == before
    for line in output.splitlines():
        if "tạo mới" in line:
            assert " 0 tạo mới" in line or line.split(": ", 1)[1].startswith("0 tạo mới"), line


def test_the_demo_reports_name_their_submitters():
    seed()
    User = get_user_model()
    demo = ProgressReport.objects.filter(text__startswith="Dữ liệu minh họa.")
    assert demo.count() > 40
    assert not demo.filter(submitted_by=None).exists()
    assert not ReportEvent.objects.filter(report__in=demo, action=Action.SUBMITTED, actor=None).exists()
    assert not ReportEvent.objects.filter(report__in=demo, actor=None).exists()
    for report in demo.select_related("assignment__unit", "submitted_by"):
        assert report.assignment.unit.members.filter(pk=report.submitted_by_id).exists()
    # Nobody can sign in with the demo officers: they are flagged and have no usable password.
    flagged = User.objects.filter(groups__name=DEMO_GROUP)
    assert flagged.count() >= 20
    assert not any(user.has_usable_password() for user in flagged)
    assert all(user.get_full_name() for user in flagged)
    assert not User.objects.get(username=DEMO_OFFICER).groups.filter(name=DEMO_GROUP).exists()


def test_reports_seeded_without_submitters_get_them_once():
    """A database seeded before the demo officers existed: their empty submitters are filled, nothing else."""
    seed()
    demo = ProgressReport.objects.filter(text__startswith="Dữ liệu minh họa.")
    ProgressReport.objects.filter(pk__in=demo.values("pk")).update(submitted_by=None)
    ReportEvent.objects.filter(report__in=demo, action=Action.SUBMITTED).update(actor=None)
    output = seed()
    assert f"{demo.count()} báo cáo được ghi tên người nộp" in output
    assert not demo.filter(submitted_by=None).exists()
