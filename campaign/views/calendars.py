"""Calendar feeds: the signed links staff and officers subscribe to, and the feed itself."""

import hashlib

from django.contrib.auth import get_user_model
from django.core import signing
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.urls import reverse

from ..calendars import staff_calendar, unit_calendar
from ..models import Unit
from ..permissions import workspace_required
from ..roles import is_propaganda_staff, is_unit_officer

CALENDAR_SALT = "campaign.calendar"


def calendar_token(*, user, unit=None):
    """A signed token naming the user (and unit): phones subscribe without logging in,
    and the permission is checked again on every fetch."""
    return signing.dumps({"u": user.pk, "unit": unit.pk if unit else None}, salt=CALENDAR_SALT, compress=True)


@workspace_required
def calendar_links(request):
    user = request.user
    feeds = []
    if is_propaganda_staff(user):
        feeds.append(("Tất cả hạn báo cáo và ngày kỷ niệm (Ban Tuyên giáo)", calendar_token(user=user)))
    for unit in Unit.objects.filter(members=user).order_by("order", "name"):
        feeds.append((f"Hạn báo cáo của {unit.name}", calendar_token(user=user, unit=unit)))
    links = [
        (label, request.build_absolute_uri(reverse("calendar_feed", args=[token]))) for label, token in feeds
    ]
    return render(request, "campaign/calendar_links.html", {"links": links})


def calendar_feed(request, token):
    try:
        data = signing.loads(token, salt=CALENDAR_SALT)
    except signing.BadSignature:
        raise Http404("Đường dẫn lịch không hợp lệ.") from None
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None:
        raise Http404("Đường dẫn lịch không còn hiệu lực.")
    if data.get("unit") is None:
        if not is_propaganda_staff(user):
            raise Http404("Đường dẫn lịch không còn hiệu lực.")
        body = staff_calendar()
    else:
        unit = Unit.objects.filter(pk=data["unit"], members=user).first()
        if unit is None or not (is_unit_officer(user) or is_propaganda_staff(user)):
            raise Http404("Đường dẫn lịch không còn hiệu lực.")
        body = unit_calendar(unit)
    etag = '"%s"' % hashlib.sha256(body).hexdigest()[:32]
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    response["Content-Disposition"] = 'inline; filename="lich-tuyen-truyen.ics"'
    return response
