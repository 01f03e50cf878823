"""The quiz's banner on the portal's home page while a round is open.

The content app shows it without importing contests: settings.HOME_BANNER_SOURCES
names this function (a registry, as HOME_HEADLINE_FIGURE_SOURCES is).
"""

from django.urls import reverse
from django.utils import timezone

from .models import Contest, Round


def open_round_banners():
    """One dict per round open now in a published contest (title, text, url, closes_at): one query."""
    now = timezone.now()
    rounds = (Round.objects.filter(contest__in=Contest.objects.published(), opens_at__lte=now, closes_at__gt=now)
              .select_related("contest").order_by("closes_at"))
    return [{
        "title": round.contest.title,
        "text": f"Đợt {round.number} đang mở, đóng lúc {timezone.localtime(round.closes_at):%H:%M ngày %d/%m/%Y}.",
        "url": reverse("contests:contest", args=[round.contest.code]),
        "closes_at": round.closes_at,
    } for round in rounds]
