"""Progress-report photos, for the report's unit and staff only.

The files are in the private storage (campaign.storage), which no URL maps.
These views check the permission, then hand the file out:

- by default (development, small installs) as a FileResponse, streamed with
  the server's file wrapper, with ETag and Last-Modified, answering 304 to a
  browser that already has it; `Cache-Control: private` keeps shared caches
  out;
- with PRIVATE_MEDIA_ACCEL_REDIRECT set (e.g. /_private/), as an empty
  response whose X-Accel-Redirect header tells nginx to send the file from its
  internal location (README.md has the nginx lines).
"""

import os
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from .models import ReportPhoto
from .permissions import workspace_required
from .roles import is_propaganda_staff

CACHE_CONTROL = "private, max-age=3600"


def _photo_for(user, pk):
    """The photo if the user may see it; 404 otherwise (a unit's photos are not
    even confirmed to exist to another unit)."""
    photos = ReportPhoto.objects.filter(pk=pk)
    if not is_propaganda_staff(user):
        photos = photos.filter(report__assignment__unit__members=user)
    photo = photos.first()
    if photo is None:
        raise Http404("Không tìm thấy ảnh.")
    return photo


def _send(request, stored, download_name):
    headers = {"Cache-Control": CACHE_CONTROL, "Vary": "Cookie"}
    if settings.PRIVATE_MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type="image/jpeg", headers=headers)
        response["X-Accel-Redirect"] = settings.PRIVATE_MEDIA_ACCEL_REDIRECT + quote(stored.name)
        response["Content-Disposition"] = f'inline; filename="{download_name}"'
        return response
    try:
        stat = os.stat(stored.path)
    except FileNotFoundError:
        raise Http404("Không tìm thấy ảnh.") from None
    etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
    headers.update({"ETag": etag, "Last-Modified": http_date(stat.st_mtime)})
    not_modified = get_conditional_response(request, etag=etag, last_modified=int(stat.st_mtime))
    if not_modified is not None:
        for header, value in headers.items():
            not_modified[header] = value
        return not_modified
    return FileResponse(
        stored.storage.open(stored.name, "rb"), content_type="image/jpeg", filename=download_name, headers=headers,
    )


@workspace_required
@require_safe
def report_photo(request, pk):
    photo = _photo_for(request.user, pk)
    return _send(request, photo.image, f"anh-{photo.pk}.jpg")


@workspace_required
@require_safe
def report_photo_thumbnail(request, pk):
    photo = _photo_for(request.user, pk)
    return _send(request, photo.thumbnail, f"anh-{photo.pk}-nho.jpg")
