"""Reporting rounds of the cooperation report, on the campaign's deadline engine.

Opening a round makes the next Report (status collecting) and one campaign Task with one
period and one Assignment per responsible sở, ngành (campaign.services.task_create), so the
campaign's reminders, lock (filing_refusal) and review (progress_report_accept/return) apply
as they do to any progress report. Each unit fills a SectorSubmission; submitting files the
unit's ProgressReport for the period. campaign imports nothing from here.

The rules of a value live once each: what a number may be for an indicator is
Indicator.number_errors, a year is Report.year_errors, how a typed number reads is
reports.numbers.parse_number, a value far from last period's is `outlier_message`.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from campaign import services as campaign_services
from campaign.models import Assignment, Plan, ProgressReport
from campaign.periods import Schedule, schedule_periods
from campaign.services import ServiceError

from .models import (
    Indicator,
    IndicatorValue,
    PartnerProvince,
    Report,
    ReportingEntity,
    Round,
    RoundIndicator,
    Sector,
    SectorNarrative,
    SectorSubmission,
    format_vi,
)

OUTLIER_FACTOR = Decimal(10)
HEADER_FIELDS = ("issuer", "issuer_unit", "issuer_kind", "symbol", "place", "basis_plan", "basis_text", "recipients",
                 "signer_authority", "signer_title", "signer_name")
ACCEPTED = ProgressReport.Status.ACCEPTED


def open_plans():
    """Plans a round can be opened in: those that take reports (campaign.services.filing_refusal)."""
    return Plan.objects.filter(status__in=[Plan.Status.ISSUED, Plan.Status.IN_PROGRESS])


def round_title(year):
    return f"Kết quả hợp tác giữa tỉnh Gia Lai với 4 tỉnh Nam Lào (Attapeu, Champasak, Salavan, Sekong) năm {year}"


def _unique_code(year):
    base = f"bao-cao-hop-tac-nam-{year}"
    code, n = base, 2
    while Report.objects.filter(code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return code


def _structure(previous):
    """[(sector_id, indicator_id)] in order: the previous round's structure, else the sectors'
    indicators that the previous report gives figures for."""
    previous_round = Round.objects.filter(report=previous).first()
    if previous_round is not None:
        return list(previous_round.indicators.values_list("sector_id", "indicator_id"))
    pairs = []
    for pair in previous.values.filter(sector__isnull=False).order_by("sector__number", "order").values_list(
        "sector_id", "indicator_id"
    ):
        if pair not in pairs:
            pairs.append(pair)
    return pairs


@transaction.atomic
def round_open(*, previous, year, due_on, plan, by, is_demo=False):
    """Open the round of `year` following `previous`: its Report, campaign Task and submissions."""
    if year <= previous.period_end_year:
        raise ServiceError(f"Năm của đợt mới phải sau kỳ của báo cáo trước (đến năm {previous.period_end_year}).")
    if Round.objects.filter(year=year, previous=previous).exists():
        raise ServiceError(f"Đã mở đợt báo cáo năm {year} tiếp theo báo cáo này.")
    if plan.status not in (Plan.Status.ISSUED, Plan.Status.IN_PROGRESS):
        raise ServiceError(f"Kế hoạch đang ở trạng thái “{plan.get_status_display()}”, không nhận báo cáo.")
    if not plan.starts_on.year <= year <= plan.ends_on.year:
        raise ServiceError(f"Năm {year} nằm ngoài thời gian của kế hoạch ({plan.starts_on.year}–{plan.ends_on.year}).")
    label, starts_on, ends_on, _ = period_rows(year)
    if due_on < starts_on:
        raise ServiceError(f"Hạn nộp không được trước ngày bắt đầu kỳ báo cáo ({starts_on:%d/%m/%Y}).")
    sectors = list(Sector.objects.filter(responsible_unit__isnull=False).select_related("responsible_unit"))
    if not sectors:
        raise ServiceError("Chưa lĩnh vực nào có sở, ngành phụ trách: hãy giao lĩnh vực trước khi mở đợt.")
    units = list({sector.responsible_unit_id: sector.responsible_unit for sector in sectors}.values())

    report = Report(
        code=_unique_code(year), title=round_title(year), period_start_year=year, period_end_year=year,
        status=Report.Status.COLLECTING, source=f"Đợt báo cáo năm {year}, mở trên cổng.",
        **{name: getattr(previous, name) for name in HEADER_FIELDS},
    )
    report.full_clean()
    report.save()
    task = campaign_services.task_create(
        plan=plan, by=by, units=units, periods=[(label, starts_on, ends_on, due_on, False)],
        title=f"Báo cáo kết quả hợp tác với 4 tỉnh Nam Lào năm {year} (phần của sở, ngành)",
        description=("Mỗi sở, ngành viết phần lĩnh vực mình phụ trách và nhập số liệu theo từng tỉnh bạn "
                     "trên trang «Báo cáo hợp tác» của cổng."),
        schedule=Schedule.YEARLY, is_demo=is_demo, source=f"Đợt báo cáo hợp tác năm {year}",
    )
    entity = ReportingEntity.objects.filter(code="gia-lai-moi").first() or ReportingEntity.objects.order_by("-order").first()
    round_ = Round.objects.create(
        report=report, previous=previous, year=year, entity=entity, task=task, period=task.periods.get(),
        opened_by=by, is_demo=is_demo,
    )
    RoundIndicator.objects.bulk_create(
        RoundIndicator(round=round_, sector_id=sector_id, indicator_id=indicator_id, order=i)
        for i, (sector_id, indicator_id) in enumerate(_structure(previous))
    )
    for assignment in Assignment.objects.filter(task=task):
        submission = SectorSubmission.objects.create(round=round_, assignment=assignment, year=year)
        submission.sectors.set([sector for sector in sectors if sector.responsible_unit_id == assignment.unit_id])
    return round_


def period_rows(year):
    """(label, starts_on, ends_on, due_on) of the year's period, as the campaign's yearly schedule makes it
    ("Năm 2026", 01/01–31/12; the due date it proposes is replaced by the one staff chose)."""
    [row] = schedule_periods(schedule=Schedule.YEARLY, first_month=date(year, 1, 1), last_month=date(year, 1, 1), due_day=15)
    return row


# Last period's values and the outlier check -------------------------------------------


def previous_values(round_, indicator_ids):
    """{(indicator_id, partner_id or None): IndicatorValue} of the previous report: the latest year
    of each indicator and partner (None: all four). One query."""
    found = {}
    values = (round_.previous.values.filter(indicator_id__in=indicator_ids)
              .filter(Q(submission__isnull=True) | Q(submission__progress_report__status=ACCEPTED))
              .order_by("year_end", "year_start", "order"))
    for value in values:
        found[value.indicator_id, value.partner_id] = value  # later years overwrite earlier ones
    return found


def change_percent(number, previous):
    """The change from `previous` in %, or None when there is nothing to compare with."""
    if number is None or previous is None or not previous.number:
        return None
    return (number - previous.number) / previous.number * 100


def outlier_message(number, previous):
    """Why `number` needs a confirmation (more than 10× or under 1/10 of last period's), or ''."""
    if number is None or previous is None or previous.number <= 0:
        return ""
    last = f"{format_vi(previous.number)} ({previous.year_label})"
    if number > previous.number * OUTLIER_FACTOR:
        return f"Số {format_vi(number)} lớn hơn 10 lần kỳ trước ({last})."
    if number * OUTLIER_FACTOR < previous.number:
        return f"Số {format_vi(number)} nhỏ hơn 1/10 kỳ trước ({last})."
    return ""


# Filling in, submitting, reviewing -------------------------------------------------------


@dataclass
class Entry:
    """One value the officer typed: for a round indicator and a partner (None: all four)."""

    item: RoundIndicator
    partner: PartnerProvince
    number: Decimal
    confirmed: bool = False
    note: str = ""


def filing_refusal(submission, now=None):
    """Why the unit may not change its part now (the campaign's lock, or accepted), or None."""
    refusal = campaign_services.filing_refusal(assignment=submission.assignment, period=submission.round.period, now=now)
    if refusal:
        return refusal
    if not submission.is_editable:
        return "Phần báo cáo đã được Ban Tuyên giáo chấp nhận, không thể sửa."
    return None


def scope_phrase(partner):
    return f"với tỉnh {partner.name}" if partner is not None else "với 4 tỉnh Nam Lào"


def value_sentence(indicator, partner, year, number):
    """The report's sentence for one figure, by the indicator's kind."""
    name, scope, text = indicator.name, scope_phrase(partner), format_vi(number)
    if indicator.kind == Indicator.Kind.PERCENTAGE:
        return f"{name} {scope} năm {year} đạt {text}%."
    if indicator.kind in (Indicator.Kind.MONEY, Indicator.Kind.AREA):
        return f"{name} {scope} năm {year} đạt {text} {indicator.unit}."
    return f"{name} {scope} năm {year}: {text} {indicator.unit}."


@transaction.atomic
def submission_save(*, submission, by, year, narratives, entries, note="", submit=False, now=None):
    """Store the unit's narratives ({sector: html}) and values ([Entry]); with `submit`, file its
    ProgressReport for the round's period (the campaign's lock and history apply)."""
    now = now or timezone.now()
    submission = SectorSubmission.objects.select_for_update(of=("self",)).select_related(
        "round__report", "round__period", "assignment__task__plan", "progress_report").get(pk=submission.pk)
    refusal = filing_refusal(submission, now=now)
    if refusal:
        raise ServiceError(refusal)
    if not submit and submission.status == SectorSubmission.Status.SUBMITTED:
        raise ServiceError("Phần báo cáo đang chờ duyệt: bấm «Nộp lại» để gửi bản đã sửa.")
    report = submission.round.report
    errors = report.year_errors(year)
    sector_ids = set(submission.sectors.values_list("pk", flat=True))
    for entry in entries:
        if entry.item.round_id != submission.round_id or entry.item.sector_id not in sector_ids:
            raise ServiceError("Chỉ tiêu không thuộc lĩnh vực của đơn vị.")
        errors += entry.item.indicator.number_errors(entry.number)
    if any(sector.pk not in sector_ids for sector in narratives):
        raise ServiceError("Lĩnh vực không thuộc đơn vị.")
    if errors:
        raise ServiceError(" ".join(errors))

    submission.values.all().delete()
    # The unit's figures in bulk, with their history (audit log) in one more INSERT.
    bulk_create_with_history([
        IndicatorValue(
            report=report, submission=submission, indicator=entry.item.indicator, sector_id=entry.item.sector_id,
            section=f"I.{entry.item.sector.number}", entity_id=submission.round.entity_id, partner=entry.partner,
            partner_scope="" if entry.partner else "4 tỉnh Nam Lào", year_start=year, year_end=year,
            number=entry.number, as_printed=format_vi(entry.number), confirmed_outlier=entry.confirmed,
            outlier_note=entry.note, order=entry.item.order * 10 + (entry.partner.order if entry.partner else 0),
            source_sentence=value_sentence(entry.item.indicator, entry.partner, year, entry.number),
        )
        for entry in entries
    ], IndicatorValue, default_user=by)
    for sector, text in narratives.items():
        if text.strip():
            SectorNarrative.objects.update_or_create(
                report=report, sector=sector, defaults={"text": text, "submission": submission})
        else:
            SectorNarrative.objects.filter(report=report, sector=sector, submission=submission).delete()
    submission.year, submission.note = year, note
    submission.saved_at, submission.saved_by = now, by
    if submit:
        submission.progress_report = campaign_services.progress_report_submit(
            assignment=submission.assignment, period=submission.round.period, by=by,
            text=_filed_text(submission, narratives, entries), now=now,
        )
    submission.save()
    return submission


def _filed_text(submission, narratives, entries):
    """What the campaign's report pages show of the filing: the sectors' texts and the figures."""
    parts = []
    for sector, text in sorted(narratives.items(), key=lambda pair: pair[0].number):
        parts.append(f"<h3>{escape(str(sector))}</h3>{text}")
    if entries:
        items = "".join(f"<li>{escape(value_sentence(e.item.indicator, e.partner, submission.year, e.number))}</li>"
                        for e in entries)
        parts.append(f"<p>Số liệu năm {submission.year}:</p><ul>{items}</ul>")
    return "".join(parts) or f"<p>Số liệu năm {submission.year}: chưa nhập.</p>"


def submission_accept(*, submission, by, comment=""):
    if submission.progress_report is None:
        raise ServiceError("Đơn vị chưa nộp phần báo cáo.")
    campaign_services.progress_report_accept(report=submission.progress_report, by=by, comment=comment)
    submission.progress_report.refresh_from_db()
    return submission


def submission_return(*, submission, by, comment):
    if submission.progress_report is None:
        raise ServiceError("Đơn vị chưa nộp phần báo cáo.")
    campaign_services.progress_report_return(report=submission.progress_report, by=by, comment=comment)
    submission.progress_report.refresh_from_db()
    return submission


# Compiling -----------------------------------------------------------------------------


@transaction.atomic
def round_compile(*, round_, by, now=None):
    """Write each sector's figure sentences from the accepted values; mark the report compiled.
    Staff edit the narratives; the sentences are written again on every compile."""
    now = now or timezone.now()
    report = round_.report
    values = list(report.values.filter(submission__progress_report__status=ACCEPTED)
                  .select_related("indicator", "partner", "sector").order_by("sector__number", "order"))
    by_sector = {}
    for value in values:
        value.source_sentence = value_sentence(value.indicator, value.partner, value.year_start, value.number)
        by_sector.setdefault((value.sector, value.submission_id), []).append(value.source_sentence)
    IndicatorValue.objects.bulk_update(values, ["source_sentence"])
    SectorNarrative.objects.filter(report=report).update(figures_text="")
    for (sector, submission_id), sentences in by_sector.items():
        # Linked to the submission, so that the sentences hide with its values if it is returned later.
        SectorNarrative.objects.update_or_create(
            report=report, sector=sector, create_defaults={"text": "", "submission_id": submission_id,
                                                           "figures_text": " ".join(sentences)},
            defaults={"figures_text": " ".join(sentences), "submission_id": submission_id})
    report.status = Report.Status.COMPILED
    report.save(update_fields=["status"])
    round_.compiled_at = now
    round_.save(update_fields=["compiled_at"])
    missing = [s.assignment.unit.name for s in round_.submissions.select_related("assignment__unit", "progress_report")
               if s.status != SectorSubmission.Status.ACCEPTED]
    return missing


def filing_form_url(*, assignment, period):
    """The cooperation report's form for a round's assignment (settings.CAMPAIGN_FILING_FORMS), or None."""
    submission = SectorSubmission.objects.filter(assignment=assignment, round__period=period).only("pk").first()
    return reverse("rounds:submission", args=[submission.pk]) if submission else None


# Reads for the pages ---------------------------------------------------------------------


def submission_for_page(queryset, pk):
    return (queryset.select_related("round__report", "round__previous", "round__period", "round__task__plan",
                                    "assignment__unit", "assignment__task__plan", "progress_report")
            .filter(pk=pk).first())


def form_inputs(submission):
    """What the unit's form needs, in a fixed number of queries whatever the number of indicators:
    {sectors, items, partners, previous, initial}."""
    sectors = list(submission.sectors.order_by("number"))
    items = list(RoundIndicator.objects.filter(round_id=submission.round_id, sector__in=sectors)
                 .select_related("indicator", "sector").order_by("sector__number", "order"))
    partners = list(PartnerProvince.objects.all())
    previous = previous_values(submission.round, {item.indicator_id for item in items})
    initial = {"year": submission.year, "note": submission.note}
    by_pair = {(item.sector_id, item.indicator_id): item for item in items}
    from .forms import SubmissionForm  # the form names its fields; one place for the names

    for value in submission.values.all():
        item = by_pair.get((value.sector_id, value.indicator_id))
        if item is not None:
            initial[SubmissionForm.value_name(item, value.partner_id)] = value.number
            initial[f"confirm_{item.pk}"] = initial.get(f"confirm_{item.pk}") or value.confirmed_outlier
            initial[f"why_{item.pk}"] = initial.get(f"why_{item.pk}") or value.outlier_note
    for narrative in SectorNarrative.objects.filter(report_id=submission.round.report_id, sector__in=sectors):
        initial[f"narrative_{narrative.sector_id}"] = narrative.text
    return {"sectors": sectors, "items": items, "partners": partners, "previous": previous, "initial": initial}
