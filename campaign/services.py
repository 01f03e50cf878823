"""Writes of the campaign app. Each runs in one transaction and records who did what."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from . import periods
from .deadlines import local_today, lock_instant
from .history import history_reason
from .images import normalise_image, photo_count_refusal
from .models import (
    Assignment,
    DueDateChange,
    LockException,
    Plan,
    ProgressReport,
    ReportEvent,
    ReportFigure,
    ReportingPeriod,
    ReportPhoto,
    Task,
)
from .states import is_locked


class ServiceError(ValidationError):
    """A refused action; the message is Vietnamese and shown to the user as is."""


# Plans ------------------------------------------------------------------------

ALLOWED_STATUS_CHANGES = {
    Plan.Status.DRAFT: {Plan.Status.ISSUED},
    Plan.Status.ISSUED: {Plan.Status.IN_PROGRESS, Plan.Status.DRAFT},
    Plan.Status.IN_PROGRESS: {Plan.Status.CLOSED},
    Plan.Status.CLOSED: {Plan.Status.IN_PROGRESS},
}


def next_statuses(plan):
    return [Plan.Status(status) for status in Plan.Status.values if status in ALLOWED_STATUS_CHANGES.get(plan.status, set())]


def plan_unique_code(title):
    from django.utils.text import slugify

    base = slugify(title.replace("đ", "d").replace("Đ", "D"))[:60] or "ke-hoach"
    code, n = base, 2
    while Plan.objects.filter(code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return code


def plan_save(*, plan):
    # Rich text is cleaned by its fields (campaign.fields.RichTextField).
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_change_status(*, plan, status, by):
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if status not in ALLOWED_STATUS_CHANGES.get(plan.status, set()):
        raise ServiceError(
            f"Không thể chuyển kế hoạch từ “{plan.get_status_display()}” sang “{Plan.Status(status).label}”."
        )
    if status == Plan.Status.ISSUED and not plan.issued_on:
        plan.issued_on = local_today()
    # A closed plan stops counting overdue days on the day it closed; reopened, it counts again.
    plan.closed_on = local_today() if status == Plan.Status.CLOSED else None
    plan.status = status
    plan.save(update_fields=["status", "issued_on", "closed_on", "updated_at"])
    return plan


# Tasks and assignments --------------------------------------------------------


@transaction.atomic
def assignment_create(*, task, units, by):
    """Assign a task to many units at once: one Assignment per unit, none twice."""
    existing = set(Assignment.objects.filter(task=task, unit__in=units).values_list("unit_id", flat=True))
    created = [Assignment(task=task, unit=unit, assigned_by=by) for unit in units if unit.pk not in existing]
    # Staff assign in bulk: one INSERT for the rows and one for their history (audit log).
    return bulk_create_with_history(created, Assignment, default_user=by)


@transaction.atomic
def period_change_due_date(*, period, new_due_on, by, reason=""):
    if new_due_on == period.due_on:
        raise ServiceError("Hạn mới trùng với hạn hiện tại.")
    if new_due_on < period.starts_on:
        raise ServiceError("Hạn nộp không được trước ngày bắt đầu kỳ báo cáo.")
    DueDateChange.objects.create(
        period=period, old_due_on=period.due_on, new_due_on=new_due_on, changed_by=by, reason=reason,
    )
    period.due_on = new_due_on
    period._history_user, period._change_reason = by, history_reason(reason)
    period.save(update_fields=["due_on"])
    return period


@transaction.atomic
def lock_exception_grant(*, assignment, period, until, reason, by):
    if period.task_id != assignment.task_id:
        raise ServiceError("Kỳ báo cáo không thuộc nhiệm vụ này.")
    if until < local_today():
        raise ServiceError("Ngày hết hạn ngoại lệ phải từ hôm nay trở đi.")
    exception, _ = LockException.objects.update_or_create(
        assignment=assignment, period=period, defaults={"until": until, "reason": reason, "granted_by": by},
    )
    return exception


# Progress reports -------------------------------------------------------------


def filing_refusal(*, assignment, period, now=None):
    """Why this unit may not file for this period now, or None if it may."""
    now = now or timezone.now()
    if period.task_id != assignment.task_id:
        return "Kỳ báo cáo không thuộc nhiệm vụ này."
    plan = assignment.task.plan
    if plan.status in (Plan.Status.DRAFT, Plan.Status.CLOSED):
        return f"Kế hoạch đang ở trạng thái “{plan.get_status_display()}”, không nhận báo cáo."
    today = local_today(now)
    if not is_locked(period.due_on, today=today, lock_after_days=plan.lock_after_days):
        return None
    locked_at = lock_instant(period.due_on, plan.lock_after_days)
    if LockException.objects.filter(assignment=assignment, period=period, until__gte=today).exists():
        return None
    return (
        f"Kỳ báo cáo “{period.label}” đã khóa sổ từ {timezone.localtime(locked_at):%d/%m/%Y}. "
        "Vui lòng liên hệ Ban Tuyên giáo nếu cần nộp bổ sung."
    )


def _event(report, action, actor, at, comment=""):
    return ReportEvent.objects.create(report=report, action=action, actor=actor, at=at, comment=comment)


# The reminder engine (campaign.reminders.services) imports ServiceError from
# this module, so its services are imported where they are called.


@transaction.atomic
def progress_report_submit(*, assignment, period, by, text, links="", figures=None, photos=(), now=None):
    """File or edit the unit's report for a period.

    `figures`: {Measure: value}; `photos`: [(photo, caption)], each photo a
    campaign.images.PreparedPhoto from the form or an uploaded file (checked
    and re-encoded here). At most PHOTO_MAX_PER_REPORT photos per report, over
    all its submits. A report accepted by staff can no longer be changed.
    """
    now = now or timezone.now()
    refusal = filing_refusal(assignment=assignment, period=period, now=now)
    if refusal:
        raise ServiceError(refusal)
    report = ProgressReport.objects.select_for_update().filter(assignment=assignment, period=period).first()
    if report is None:
        try:
            with transaction.atomic():
                report = ProgressReport(
                    assignment=assignment, period=period, text=text, links=links.strip(),
                    first_submitted_at=now, submitted_at=now, submitted_by=by,
                )
                report._history_user = by  # the audit log names the officer, in a request or not
                report.save(force_insert=True)
        except IntegrityError:
            # Two submits raced (double click): the first one created the row.
            raise ServiceError("Báo cáo của kỳ này vừa được nộp. Vui lòng tải lại trang để xem và sửa.") from None
        action = ReportEvent.Action.SUBMITTED
    else:
        if report.status == ProgressReport.Status.ACCEPTED:
            raise ServiceError("Báo cáo đã được Ban Tuyên giáo chấp nhận, không thể sửa.")
        action = (
            ReportEvent.Action.RESUBMITTED if report.status == ProgressReport.Status.RETURNED else ReportEvent.Action.UPDATED
        )
        report.text = text
        report.links = links.strip()
        report.status = ProgressReport.Status.SUBMITTED
        report.submitted_at = now
        report.submitted_by = by
        report._history_user = by
        report.save(update_fields=["text", "links", "status", "submitted_at", "submitted_by"])
    for measure, value in (figures or {}).items():
        if measure.plan_id != assignment.task.plan_id:
            raise ServiceError("Chỉ số không thuộc kế hoạch của nhiệm vụ này.")
        if value is None:
            ReportFigure.objects.filter(report=report, measure=measure).delete()
        else:
            ReportFigure.objects.update_or_create(report=report, measure=measure, defaults={"value": value})
    photos = list(photos)
    # Counted under the report's lock: two submits at once cannot pass the limit together.
    refusal = photo_count_refusal(existing=report.photos.count(), adding=len(photos)) if photos else None
    if refusal:
        raise ServiceError(refusal)
    _save_photos(report, photos)
    _event(report, action, by, now)
    from .reminders.services import reminders_mark_filed

    reminders_mark_filed(assignment=assignment, period=period, now=now)
    return report


def _save_photos(report, photos):
    """Write the photos; if one fails, remove the files already written, since
    the rollback of the transaction does not reach the disk."""
    written = []
    try:
        for upload, caption in photos:
            full, thumb = normalise_image(upload)
            photo = ReportPhoto(report=report, caption=caption)
            photo.image.save(full.name, full, save=False)
            written.append(photo.image)
            photo.thumbnail.save(thumb.name, thumb, save=False)
            written.append(photo.thumbnail)
            photo.save()
    except Exception:
        for stored in written:
            stored.storage.delete(stored.name)
        raise


def _review(report, by, status, action, comment, now):
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ProgressReport.Status.SUBMITTED:
        raise ServiceError(f"Báo cáo đang ở trạng thái “{report.get_status_display()}”, không thể duyệt.")
    report.status = status
    report.reviewed_by = by
    report.reviewed_at = now
    report.review_comment = comment
    report._history_user = by  # the audit log names the reviewer, in a request or not
    report.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment"])
    event = _event(report, action, by, now, comment)
    from .reminders.services import review_notices_record

    # The unit's officers are told by the reminder engine: notification now, e-mail after commit.
    review_notices_record(event=event, now=now)
    return report


@transaction.atomic
def progress_report_accept(*, report, by, comment="", now=None):
    return _review(report, by, ProgressReport.Status.ACCEPTED, ReportEvent.Action.ACCEPTED, comment.strip(), now or timezone.now())


@transaction.atomic
def progress_report_return(*, report, by, comment, now=None):
    if not comment.strip():
        raise ServiceError("Vui lòng ghi ý kiến để đơn vị biết cần bổ sung gì.")
    return _review(report, by, ProgressReport.Status.RETURNED, ReportEvent.Action.RETURNED, comment.strip(), now or timezone.now())


# Reporting periods of a task ------------------------------------------------

def periods_for_schedule(*, plan, schedule, due_on=None, first_month=None, last_month=None, due_day=5, final_due_on=None):
    """(label, starts_on, ends_on, due_on, is_final) of each period of a task (campaign.periods).

    Once: one period ending on its due date. Recurring: one period per month, quarter, half-year
    or year from `first_month` to `last_month`, due on `due_day` of the following month. A final
    report, if asked, covers the whole plan.
    """
    if not periods.KINDS[schedule].recurring:
        rows = [(periods.ONCE_LABEL, min(plan.starts_on, due_on), due_on, due_on, False)]
    else:
        rows = [
            (*period, False)
            for period in periods.schedule_periods(schedule=schedule, first_month=first_month, last_month=last_month, due_day=due_day)
        ]
    if final_due_on:
        rows.append((periods.FINAL_LABEL, plan.starts_on, plan.ends_on, final_due_on, True))
    return rows


@transaction.atomic
def task_create(*, plan, by, units, periods, **fields):
    """A task with its reporting periods, assigned to `units` at once."""
    task = Task(plan=plan, **fields)
    task.full_clean()
    task.save()
    bulk_create_with_history(
        [ReportingPeriod(task=task, label=label, starts_on=starts, ends_on=ends, due_on=due, is_final=final, order=i)
         for i, (label, starts, ends, due, final) in enumerate(periods)],
        ReportingPeriod, default_user=by,
    )
    assignment_create(task=task, units=units, by=by)
    return task
