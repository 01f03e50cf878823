from datetime import date, datetime, timedelta, timezone
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from campaign import services
from campaign.deadlines import local_today
from campaign.models import (
    Assignment,
    DueDateChange,
    LockException,
    Plan,
    ProgressReport,
    ReportEvent,
    ReportFigure,
    ReportingPeriod,
    Task,
)
from tests.campaign.world import assign, make_plan, make_task, make_world
from tests.factories import UnitFactory, make_officer, make_staff

pytestmark = pytest.mark.django_db

JULY_1 = datetime(2022, 7, 1, 2, 0, tzinfo=timezone.utc)


@pytest.fixture
def world():
    return make_world()


def submit(assignment, period, user, when=JULY_1, **kwargs):
    kwargs.setdefault("text", "<p>Đã tổ chức 3 buổi sinh hoạt chuyên đề.</p>")
    return services.progress_report_submit(assignment=assignment, period=period, by=user, now=when, **kwargs)


def test_submit_records_report_figures_and_event(world):
    plan, _, _, measure, units, task, assignments = world
    officer = make_officer(units[0])
    period = task.periods.first()
    report = submit(assignments[0], period, officer, figures={measure: 12}, links="https://baolamdong.vn/bai-1\n")
    assert report.status == ProgressReport.Status.SUBMITTED
    assert report.first_submitted_at == JULY_1
    assert report.links == "https://baolamdong.vn/bai-1"
    assert ReportFigure.objects.get(report=report, measure=measure).value == 12
    assert list(report.events.values_list("action", "actor")) == [("submitted", officer.pk)]


def test_text_is_cleaned_before_it_is_stored(world):
    _, _, _, _, units, task, assignments = world
    report = submit(
        assignments[0], task.periods.first(), make_officer(units[0]),
        text='<p onclick="x()">Kết quả <script>alert(1)</script><a href="javascript:alert(1)">xem</a></p>',
    )
    assert "script" not in report.text and "onclick" not in report.text and "javascript" not in report.text
    assert "Kết quả" in report.text


def test_return_then_resubmit_then_accept(world):
    _, _, _, _, units, task, assignments = world
    officer, staff = make_officer(units[0]), make_staff()
    period = task.periods.first()
    report = submit(assignments[0], period, officer)
    services.progress_report_return(report=report, by=staff, comment="Bổ sung số liệu", now=JULY_1 + timedelta(days=1))
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.RETURNED and report.review_comment == "Bổ sung số liệu"
    later = JULY_1 + timedelta(days=10)
    report = submit(assignments[0], period, officer, when=later, text="<p>Đã bổ sung.</p>")
    assert report.status == ProgressReport.Status.SUBMITTED
    assert report.first_submitted_at == JULY_1 and report.submitted_at == later
    services.progress_report_accept(report=report, by=staff, now=later + timedelta(days=1))
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.ACCEPTED
    assert list(report.events.values_list("action", flat=True)) == ["submitted", "returned", "resubmitted", "accepted"]
    assert ReportEvent.objects.filter(report=report, action="returned", actor=staff, comment="Bổ sung số liệu").exists()


def test_accepted_report_cannot_be_changed(world):
    _, _, _, _, units, task, assignments = world
    officer, staff = make_officer(units[0]), make_staff()
    period = task.periods.first()
    report = submit(assignments[0], period, officer)
    services.progress_report_accept(report=report, by=staff)
    with pytest.raises(services.ServiceError, match="đã được Ban Tuyên giáo chấp nhận"):
        submit(assignments[0], period, officer, text="<p>Sửa</p>")
    report.refresh_from_db()
    assert "Sửa" not in report.text


def test_return_needs_a_comment_and_review_needs_a_submitted_report(world):
    _, _, _, _, units, task, assignments = world
    officer, staff = make_officer(units[0]), make_staff()
    report = submit(assignments[0], task.periods.first(), officer)
    with pytest.raises(services.ServiceError, match="Vui lòng ghi ý kiến"):
        services.progress_report_return(report=report, by=staff, comment="  ")
    services.progress_report_accept(report=report, by=staff)
    with pytest.raises(services.ServiceError, match="không thể duyệt"):
        services.progress_report_return(report=report, by=staff, comment="Muộn")
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.ACCEPTED


def test_period_of_another_task_is_refused(world):
    plan, _, _, _, units, task, assignments = world
    other = make_task(plan, title="Khác")
    with pytest.raises(services.ServiceError, match="không thuộc nhiệm vụ"):
        submit(assignments[0], other.periods.first(), make_officer(units[0]))
    assert ProgressReport.objects.count() == 0


def test_measure_of_another_plan_is_refused(world):
    _, _, _, _, units, task, assignments = world
    other_plan = make_plan(code="khac")
    foreign = other_plan.measures.create(code="x", name="X", unit_label="cái")
    with pytest.raises(services.ServiceError, match="Chỉ số không thuộc kế hoạch"):
        submit(assignments[0], task.periods.first(), make_officer(units[0]), figures={foreign: 1})
    assert ProgressReport.objects.count() == 0


def test_locked_period_refuses_until_staff_grants_an_exception():
    plan = make_plan(lock_after_days=3, ends_on=date(2030, 12, 31))
    due = local_today() - timedelta(days=10)
    task = make_task(plan, due_dates=(due,))
    unit = UnitFactory()
    (assignment,) = assign(task, unit)
    officer, staff = make_officer(unit), make_staff()
    period = task.periods.get()
    with pytest.raises(services.ServiceError, match="đã khóa sổ"):
        services.progress_report_submit(assignment=assignment, period=period, by=officer, text="<p>Muộn</p>")
    services.lock_exception_grant(
        assignment=assignment, period=period, until=local_today() + timedelta(days=2), reason="Đơn vị mới kiện toàn", by=staff,
    )
    assert LockException.objects.get().granted_by == staff
    report = services.progress_report_submit(assignment=assignment, period=period, by=officer, text="<p>Nộp bổ sung</p>")
    assert report.pk


def test_lock_exception_in_the_past_is_refused():
    plan = make_plan()
    task = make_task(plan)
    (assignment,) = assign(task, UnitFactory())
    with pytest.raises(services.ServiceError, match="từ hôm nay"):
        services.lock_exception_grant(
            assignment=assignment, period=task.periods.get(), until=local_today() - timedelta(days=1), reason="x", by=make_staff(),
        )


def test_draft_or_closed_plan_takes_no_reports(world):
    plan, _, _, _, units, task, assignments = world
    for status in (Plan.Status.DRAFT, Plan.Status.CLOSED):
        Plan.objects.filter(pk=plan.pk).update(status=status)
        assignments[0].task.plan.refresh_from_db()
        with pytest.raises(services.ServiceError, match="không nhận báo cáo"):
            submit(assignments[0], task.periods.first(), make_officer(units[0]))


def test_due_date_change_is_kept_in_history(world):
    _, _, _, _, _, task, _ = world
    staff = make_staff()
    period = task.periods.first()
    services.period_change_due_date(period=period, new_due_on=date(2022, 7, 10), by=staff, reason="Trùng lễ")
    period.refresh_from_db()
    assert period.due_on == date(2022, 7, 10)
    change = DueDateChange.objects.get()
    assert (change.old_due_on, change.new_due_on, change.changed_by, change.reason) == (date(2022, 7, 5), date(2022, 7, 10), staff, "Trùng lễ")
    with pytest.raises(services.ServiceError, match="trùng với hạn hiện tại"):
        services.period_change_due_date(period=period, new_due_on=date(2022, 7, 10), by=staff)
    assert DueDateChange.objects.count() == 1


def test_assign_to_many_units_once_each(world):
    _, _, _, _, units, task, _ = world
    new = UnitFactory()
    created = services.assignment_create(task=task, units=[*units, new], by=make_staff())
    assert [a.unit for a in created] == [new]
    assert Assignment.objects.filter(task=task).count() == 4


def test_monthly_periods_and_final_report():
    plan = make_plan()
    periods = services.periods_for_schedule(
        plan=plan, schedule=Task.Schedule.MONTHLY, first_month=date(2022, 7, 15), last_month=date(2022, 9, 1),
        due_day=5, final_due_on=date(2022, 12, 15),
    )
    assert [(p[0], p[3]) for p in periods] == [
        ("Tháng 7/2022", date(2022, 8, 5)), ("Tháng 8/2022", date(2022, 9, 5)), ("Tháng 9/2022", date(2022, 10, 5)),
        ("Báo cáo tổng kết", date(2022, 12, 15)),
    ]
    assert periods[0][1:3] == (date(2022, 7, 1), date(2022, 7, 31))
    assert periods[-1][4] is True


def test_quarterly_periods_cross_the_year_and_clamp_the_due_day():
    plan = make_plan()
    periods = services.periods_for_schedule(
        plan=plan, schedule=Task.Schedule.QUARTERLY, first_month=date(2022, 11, 1), last_month=date(2023, 3, 1), due_day=31,
    )
    assert [(p[0], p[1], p[2], p[3]) for p in periods] == [
        ("Quý IV/2022", date(2022, 10, 1), date(2022, 12, 31), date(2023, 1, 31)),
        ("Quý I/2023", date(2023, 1, 1), date(2023, 3, 31), date(2023, 4, 30)),
    ]


def test_task_create_makes_periods_and_assignments():
    plan = make_plan()
    units = [UnitFactory(), UnitFactory()]
    periods = services.periods_for_schedule(plan=plan, schedule=Task.Schedule.ONCE, due_on=date(2022, 6, 30))
    task = services.task_create(plan=plan, by=make_staff(), units=units, periods=periods, title="Xây dựng kế hoạch")
    assert ReportingPeriod.objects.get(task=task).due_on == date(2022, 6, 30)
    assert set(task.assignments.values_list("unit", flat=True)) == {u.pk for u in units}


def test_plan_status_changes_follow_the_life_cycle():
    plan = make_plan(status=Plan.Status.DRAFT)
    staff = make_staff()
    with pytest.raises(services.ServiceError, match="Không thể chuyển"):
        services.plan_change_status(plan=plan, status=Plan.Status.CLOSED, by=staff)
    plan = services.plan_change_status(plan=plan, status=Plan.Status.ISSUED, by=staff)
    assert plan.issued_on == local_today()
    plan = services.plan_change_status(plan=plan, status=Plan.Status.IN_PROGRESS, by=staff)
    plan = services.plan_change_status(plan=plan, status=Plan.Status.CLOSED, by=staff)
    assert Plan.objects.get().status == Plan.Status.CLOSED


def jpeg_with_exif():
    image = Image.new("RGB", (1200, 900), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh thử"  # Make
    out = BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("hoat-dong.jpg", out.getvalue(), content_type="image/jpeg")


def test_photo_is_reencoded_without_metadata_with_a_thumbnail(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    _, _, _, _, units, task, assignments = world
    report = submit(assignments[0], task.periods.first(), make_officer(units[0]), photos=[(jpeg_with_exif(), "Buổi nói chuyện")])
    photo = report.photos.get()
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG" and not stored.getexif()
    with Image.open(photo.thumbnail.path) as thumb:
        assert max(thumb.size) <= 320
    assert photo.caption == "Buổi nói chuyện"


def test_a_failing_photo_leaves_no_file_behind(world, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    _, _, _, _, units, task, assignments = world
    from campaign import images

    real = images.normalise_image
    calls = []

    def second_fails(upload):
        calls.append(upload)
        if len(calls) == 2:
            raise OSError("hỏng")
        return real(upload)

    monkeypatch.setattr(services, "normalise_image", second_fails)
    with pytest.raises(OSError):
        submit(assignments[0], task.periods.first(), make_officer(units[0]), photos=[(jpeg_with_exif(), ""), (jpeg_with_exif(), "")])
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
