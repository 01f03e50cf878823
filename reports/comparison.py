"""One indicator across periods and partners, from every published report (the comparison page).

indicator_comparison() reads two tables whatever the number of values: the indicators (with how
many public figures each has, for the chooser) and the values of the chosen one.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from .models import Indicator, IndicatorValue, Report, format_vi

PUBLIC_STATUSES = [status for status in Report.Status.values if status != Report.Status.DRAFT]


@dataclass
class Cell:
    value: IndicatorValue = None
    change: Decimal = None  # % against the previous period of the same row, where both exist

    @property
    def change_text(self):
        """'+12,5%', '−34,4%', '0%'."""
        if self.change is None:
            return ""
        rounded = self.change.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        sign = "+" if rounded > 0 else "−" if rounded < 0 else ""
        return f"{sign}{format_vi(abs(rounded))}%"

    @property
    def direction(self):
        if self.change is None or self.change == 0:
            return "flat"
        return "up" if self.change > 0 else "down"


@dataclass
class Row:
    label: str
    cells: list = field(default_factory=list)
    bars: list = field(default_factory=list)  # [{"label", "value", "share"}] for the chart


def percent_change(before, after):
    if before is None or after is None or before == 0:
        return None
    return (Decimal(after) - Decimal(before)) * 100 / Decimal(before)


def period_key(value):
    """Columns in time order: single years and spans by their first then last year; no year last."""
    if value.year_start is None:
        return (1, 0, 0, value.period_label)
    return (0, value.year_start, value.year_end or value.year_start, "")


def indicator_choices():
    """Indicators that have a public figure, each with `public_count`, by name."""
    return list(Indicator.objects.annotate(public_count=Count("values", filter=Q(values__report__status__in=PUBLIC_STATUSES)))
                .filter(public_count__gt=0).order_by("name", "unit"))


def indicator_comparison(code=None):
    """{"choices", "indicator", "periods", "rows"} for the indicator `code` (by default the one with
    the most public figures). A cell holds the figure of the latest report giving it."""
    choices = indicator_choices()
    indicator = next((i for i in choices if i.code == code), None) if code else None
    if indicator is None and choices:
        indicator = max(choices, key=lambda i: i.public_count)  # the first of the largest, by name
    if indicator is None:
        return {"choices": choices, "indicator": None, "periods": [], "rows": []}

    values = list(IndicatorValue.objects.filter(indicator=indicator).filter(report__status__in=PUBLIC_STATUSES)
                  .select_related("indicator", "entity", "partner", "report")
                  .order_by("report__period_end_year", "report__issued_on", "order"))
    periods = {}
    grid = {}
    for value in values:
        key = period_key(value)
        periods[key] = value.year_label
        scope = value.partner.name if value.partner else (value.partner_scope or "4 tỉnh Nam Lào")
        series = (value.entity.order, value.entity.name, scope)
        grid.setdefault(series, {})[key] = value  # a later report's figure replaces an earlier one
    columns = sorted(periods)
    largest = max((value.number for value in values), default=0) or 1

    rows = []
    for (_, entity, scope), by_period in sorted(grid.items()):
        row = Row(label=f"{entity} – {scope}")
        previous = None
        for key in columns:
            value = by_period.get(key)
            row.cells.append(Cell(value=value, change=percent_change(
                previous.number if previous else None, value.number if value else None)))
            if value is not None:
                previous = value
                row.bars.append({"label": periods[key], "value": value, "share": round(100 * value.number / largest)})
            else:
                previous = None  # a change is shown between neighbouring periods only
        rows.append(row)
    return {"choices": choices, "indicator": indicator, "periods": [periods[key] for key in columns], "rows": rows}
