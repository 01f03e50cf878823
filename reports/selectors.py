"""Reads that join several models for the report page (and later the exports).

report_page() reads a report in a fixed number of queries, whatever the number of
indicators, sectors or partners: each table once, grouped here in Python.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from campaign.models import Task

from .models import (
    AssessmentItem,
    Direction,
    DirectionItem,
    PartnerProvince,
    Report,
    Sector,
)


def shown(rows):
    """Values or narratives of a report that readers see: those of the issued report, and of a
    round only what staff accepted (reports.rounds)."""
    return rows.filter(Q(submission__isnull=True) | Q(submission__progress_report__status="accepted"))


def published_reports():
    return Report.objects.exclude(status=Report.Status.DRAFT)


@dataclass
class SectorPart:
    sector: Sector
    narrative: object = None
    values: list = field(default_factory=list)
    charts: list = field(default_factory=list)


def year_series(values):
    """Charts for the series among `values`: one measure, one entity and scope, two or more single years.

    Each chart: {"title", "unit", "bars": [{"label", "value", "share"}]}, bars in year order,
    share in % of the largest (the CSS bar's width).
    """
    groups = defaultdict(list)
    for value in values:
        if value.year_start is not None and value.year_start == value.year_end:
            groups[value.indicator_id, value.entity_id, value.partner_scope].append(value)
    charts = []
    for series in groups.values():
        if len({value.year_start for value in series}) < 2:
            continue
        series.sort(key=lambda value: value.year_start)
        largest = max(value.number for value in series) or 1
        charts.append({
            "title": series[0].indicator.name, "unit": series[0].indicator.unit,
            "entity": series[0].entity.name, "scope": series[0].partner_scope,
            "bars": [{"label": str(value.year_start), "value": value, "share": round(100 * value.number / largest)}
                     for value in series],
        })
    return charts


def joined(items):
    """Fragments of one printed paragraph as the paragraph: '; ' after a fragment without end punctuation."""
    text = ""
    for item in items:
        if text:
            text += " " if text.rstrip()[-1] in ".!?:;" else "; "
        text += item.text.strip()
    return text


def report_page(report):
    """Everything the report page shows, as plain groups."""
    values = list(shown(report.values).select_related("indicator", "entity", "partner").order_by("order"))
    narratives = {n.sector_id: n for n in shown(report.narratives)}
    parts = [SectorPart(sector=sector, narrative=narratives.get(sector.pk))
             for sector in Sector.objects.select_related("responsible_unit")]
    by_sector = {part.sector.pk: part for part in parts}
    other_values = defaultdict(list)  # figures outside part I, by the part they belong to: "III", "IV"
    for value in values:
        if value.sector_id in by_sector:
            by_sector[value.sector_id].values.append(value)
        else:
            other_values[value.section.split(".")[0]].append(value)
    for part in parts:
        part.charts = year_series(part.values)

    assessment = defaultdict(list)
    for item in report.assessment_items.all():
        assessment[item.kind].append(item)

    tasks = Task.objects.only("pk", "code", "title", "plan_id")
    directions = list(report.directions.prefetch_related(
        Prefetch("tasks", queryset=tasks),
        Prefetch("items", queryset=DirectionItem.objects.prefetch_related(Prefetch("tasks", queryset=tasks))),
    ))

    agreements = list(report.agreements.prefetch_related("partners"))
    works = list(report.friendship_works.select_related("partner", "sector"))
    partners = []
    for partner in PartnerProvince.objects.all():
        partners.append({
            "partner": partner,
            "works": [work for work in works if work.partner_id == partner.pk],
            "agreements": [a for a in agreements if any(p.pk == partner.pk for p in a.partners.all())],
        })

    Kind = AssessmentItem.Kind
    has_assessment = bool(assessment) or bool(other_values.get("III"))
    return {
        "report": report,
        "sectors": [part for part in parts if part.narrative or part.values],
        "assessment": {
            "results": assessment[Kind.RESULT],
            "success_factors": assessment[Kind.SUCCESS_FACTOR],
            "limitations": assessment[Kind.LIMITATION],
            "difficulties": assessment[Kind.DIFFICULTY],
            "objective_causes": joined(assessment[Kind.OBJECTIVE_CAUSE]),
            "subjective_causes": joined(assessment[Kind.SUBJECTIVE_CAUSE]),
            "values": other_values["III"],
        },
        "has_assessment": has_assessment,
        "directions": directions,
        "direction_values": other_values["IV"],
        "agreements": agreements,
        "works": works,
        "partners": partners,
    }
