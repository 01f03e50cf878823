"""The cooperation report's sectors, for the portal's search.

The content app searches them without importing reports: settings.SEARCH_EXTRA_SOURCES
names this function (a registry, as HOME_HEADLINE_FIGURE_SOURCES is, config/registries.py);
content matches, ranks and highlights what it returns, and keeps the folded texts in its
cache for a minute (content.search.other_candidates).
"""

from django.urls import reverse

from campaign.text import visible_text

from .models import SectorNarrative
from .selectors import published_reports


def sector_candidates():
    """The sectors of public reports: one query, 14 rows a report.

    Dicts of plain values: title ("Giáo dục, đào tạo – Số: 04/BC-UBND"), lead (the one-line summary), text,
    url (the sector on the report page), kind, date (the report's date).
    """
    narratives = (SectorNarrative.objects.filter(report__in=published_reports())
                  .select_related("sector", "report").order_by("-report__period_end_year", "sector__number"))
    hits = []
    for narrative in narratives:
        title = f"{narrative.sector.title} – {narrative.report.reference}"
        hits.append({
            "title": title, "lead": narrative.summary, "text": visible_text(narrative.text),
            "kind": "Báo cáo hợp tác", "date": narrative.report.issued_on,
            "url": f"{reverse('reports:detail', args=[narrative.report.code])}#linh-vuc-{narrative.sector.number}",
        })
    return hits
