"""Who has not passed the second step yet reaches only the two-factor pages, logout and static files;
staff sessions expire after STAFF_SESSION_IDLE_MINUTES without a request and STAFF_SESSION_MAX_HOURS
after sign-in, whatever they do.

Placed after django-otp's OTPMiddleware (request.user.is_verified()) and MessageMiddleware.
Requests without a session cookie (the public's) cost nothing here.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse

from . import services

STAFF_SESSION = "staff_session"
# The "last seen" time is written at most this often (each write is a session save).
SEEN_EVERY = 60
# Paths an account that still owes the second step may open.
OPEN_NAMES = ("twofactor_verify", "twofactor_enrol", "twofactor_qr", "logout")


@receiver(user_logged_in, dispatch_uid="campaign.twofactor.staff_session")
def start_staff_session(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session") and services.required_for_role(user):
        now = time.time()
        request.session[STAFF_SESSION] = {"start": now, "seen": now}


def _to(name, request):
    """The page `name`, with this request's address to come back to (GET only)."""
    target = reverse(name)
    if request.method != "GET":
        return redirect(target)
    return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._open = None

    def open_paths(self):
        if self._open is None:
            self._open = {reverse(name) for name in OPEN_NAMES}
        return self._open

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        expired = self.expire_staff_session(request)
        if expired is not None:
            return expired
        blocked = self.second_step_owed(request)
        if blocked is not None:
            return blocked
        return self.get_response(request)

    def expire_staff_session(self, request):
        stamp = request.session.get(STAFF_SESSION)
        if not isinstance(stamp, dict):
            return None
        now = time.time()
        idle = now - float(stamp.get("seen", 0)) > settings.STAFF_SESSION_IDLE_MINUTES * 60
        old = now - float(stamp.get("start", 0)) > settings.STAFF_SESSION_MAX_HOURS * 3600
        if idle or old:
            logout(request)
            messages.info(request, "Phiên làm việc đã hết hạn (quá lâu không thao tác hoặc đã quá số giờ cho phép); vui lòng đăng nhập lại.")
            return _to("login", request)
        if now - float(stamp.get("seen", 0)) > SEEN_EVERY:
            request.session[STAFF_SESSION] = {**stamp, "seen": now}
        return None

    def second_step_owed(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        path = request.path_info
        if path in self.open_paths() or path.startswith(settings.STATIC_URL):
            return None
        if services.is_enabled(user):
            return _to("twofactor_verify", request)
        if services.required_for_role(user):
            return _to("twofactor_enrol", request)
        return None
