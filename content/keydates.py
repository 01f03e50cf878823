"""The plans' key dates as a citizen reads them: what comes next, and when.

A historical event (KeyDate.Kind.EVENT, e.g. 05/9/1962) comes back every year:
its next occurrence is the same day and month this year or next, with the
number of years it marks. Every other key date (an anniversary of one year, an
activity, a programme) happens once, on its own date. The countdown runs to
the start of the day in Vietnam (Asia/Ho_Chi_Minh).
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.utils import timezone

from campaign.models import KeyDate

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Occurrence:
    key_date: KeyDate
    on: date
    years: int | None  # years since the event, for a recurring one
    days_left: int

    @property
    def title(self):
        if self.years:
            return f"Kỷ niệm {self.years} năm: {self.key_date.title}"
        return self.key_date.title

    @property
    def starts_at(self):
        """The instant the countdown runs to, ISO 8601 with the Vietnam offset."""
        return datetime.combine(self.on, time(0), tzinfo=VN).isoformat()

    @property
    def seconds_left(self):
        """Seconds from now to the start of the day: the countdown runs from the server's figure,
        so a phone with a wrong clock still counts right."""
        start = datetime.combine(self.on, time(0), tzinfo=VN)
        return max(0, int((start - timezone.now()).total_seconds()))

    @property
    def is_today(self):
        return self.days_left == 0


def _next_anniversary(day, today):
    for year in (today.year, today.year + 1):
        try:
            candidate = day.replace(year=year)
        except ValueError:  # 29 February
            candidate = date(year, 3, 1)
        if candidate >= today:
            return candidate
    return None


def occurrence(key_date, today):
    """The next time `key_date` comes, or None when it is past for good."""
    if key_date.kind == KeyDate.Kind.EVENT:
        on = _next_anniversary(key_date.date, today)
        return Occurrence(key_date, on, on.year - key_date.date.year, (on - today).days)
    if key_date.date >= today:
        return Occurrence(key_date, key_date.date, None, (key_date.date - today).days)
    return None


def upcoming(today, limit=None):
    """The next key dates, soonest first: one query."""
    items = [occ for kd in KeyDate.objects.select_related("plan") if (occ := occurrence(kd, today))]
    items.sort(key=lambda occ: (occ.on, occ.key_date.title))
    return items[:limit] if limit else items


def timeline(today):
    """Every key date in date order, with its next occurrence (None once past): one query."""
    return [(kd, occurrence(kd, today)) for kd in KeyDate.objects.select_related("plan", "theme").order_by("date", "title")]
