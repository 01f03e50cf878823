"""The cooperation report's headline figures, for the home page.

The content app shows them without importing reports: settings.HOME_HEADLINE_FIGURE_SOURCES
names this function (a registry, as CAMPAIGN_UNIT_FIGURE_SOURCES is), and content calls
each named function with no argument.
"""

from django.urls import reverse

from .models import IndicatorValue, Report


def headline_figures():
    """The figures marked "nổi bật" of the latest public report, in the report's order: one query.

    Each is a dict of plain values: label, number (text in Vietnamese notation, with its
    qualifier: "gần 116"), unit, period, source (the report's reference), url (the figure's
    source sentence on the report page).
    """
    values = (IndicatorValue.objects
              .filter(is_headline=True, report__in=Report.objects.exclude(status=Report.Status.DRAFT)
                      .order_by("-period_end_year", "-issued_on")[:1])
              .select_related("indicator", "report").order_by("order"))
    return [{
        "label": value.indicator.name,
        "number": value.display_number,
        "unit": value.indicator.unit,
        "period": value.year_label,
        "source": value.report.reference,
        "url": f"{reverse('reports:detail', args=[value.report.code])}#{value.anchor}",
    } for value in values]
