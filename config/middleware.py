"""The portal's own Vietnamese 404 and 500 pages, whatever DEBUG is.

With DEBUG on (the embedded default of `make run`) Django answers an unknown
URL or an unhandled exception with its English technical page; handler404 and
handler500 only apply with DEBUG off. This middleware renders
templates/404.html and 500.html in both cases, so people see the same pages on
a development machine as in production. The exception is still logged with its
traceback (django.request) and `got_request_exception` is still sent, so the
test client re-raises it as it would without this middleware.

A database that cannot be reached (PostgreSQL restarting, a failover) is not a
bug: its requests get 503 with Retry-After and a page that needs no database
(templates/503.html), from a view as from a middleware (handler500 in
config/urls.py), so a load balancer and a person both know to try again in a few
seconds. The quiz's scripts resend what they sent on any answer that is not their
JSON, so an answer or a submit is not lost (docs/decisions.md, "Surviving faults").
"""

import logging
import sys

from django.core import signals
from django.db import InterfaceError, OperationalError
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.urls import Resolver404, resolve

logger = logging.getLogger("django.request")


def page_not_found(request):
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


RETRY_AFTER_SECONDS = 5


def database_unreachable(exception):
    """Whether `exception` says the database could not be reached or the connection broke."""
    return isinstance(exception, (OperationalError, InterfaceError))


def unavailable(request):
    """503: the database is away for a moment; a page that renders without it."""
    response = HttpResponse(loader.render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """handler500 and this middleware's 500 page; 503 when the cause is an unreachable database
    (Django calls the handler inside its `except`, so sys.exc_info() holds the exception)."""
    if database_unreachable(sys.exc_info()[1]):
        return unavailable(request)
    try:
        body = loader.render_to_string("500.html", request=request)
    except Exception:  # the page itself failed: a plain Vietnamese line still beats a traceback
        logger.exception("Không hiển thị được trang 500")
        body = "<h1>Lỗi máy chủ</h1><p>Đã xảy ra lỗi trong khi xử lý yêu cầu; vui lòng thử lại sau ít phút.</p>"
    return HttpResponseServerError(body)


class ErrorPagesMiddleware:
    """Sits after the authentication middleware (the pages show who is signed in)
    and before nothing that needs to see Django's own error responses; CommonMiddleware,
    above it, still redirects /path to /path/ when only the slash is missing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # An unknown URL fails in the resolver, before any view runs and out of
        # process_exception's reach: resolve it here first.
        try:
            resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return page_not_found(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return page_not_found(request)
        # Forbidden and bad requests keep Django's handling (403 and 400 pages).
        if isinstance(exception, (PermissionDenied, BadRequest, SuspiciousOperation)):
            return None
        logger.error("Internal Server Error: %s", request.path, exc_info=exception, extra={"status_code": 500, "request": request})
        signals.got_request_exception.send(sender=self.__class__, request=request)
        response = unavailable(request) if database_unreachable(exception) else server_error(request)
        response._has_been_logged = True
        return response
