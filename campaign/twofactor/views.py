"""The sign-in in two steps, enrolment, the QR image and the account's two-factor page.

After a correct password an account with two-factor sign-in is not signed in yet: the session keeps
a pending sign-in (who, when, where to go next) for TWOFACTOR_PENDING_SECONDS, and the code page
finishes it with login() and django-otp's login(). A wrong code is a failed login for django-axes.
"""

import time

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model, login, user_login_failed
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login

from . import services
from .forms import CodeForm, ConfirmForm, PasswordForm

PENDING = "twofactor_pending"


def _next_url(request, default):
    url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return default


def _with_next(name, url):
    from urllib.parse import urlencode

    target = reverse(name)
    return f"{target}?{urlencode({REDIRECT_FIELD_NAME: url})}" if url else target


def is_verified(request):
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


class PortalLoginView(LoginView):
    """Django's login; an account with two-factor sign-in goes on to the code page instead of in."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if services.is_enabled(user):
            self.request.session.cycle_key()
            self.request.session[PENDING] = {
                "user": user.pk, "at": time.time(), "backend": user.backend, "next": self.get_success_url(),
            }
            return redirect("twofactor_verify")
        response = super().form_valid(form)
        if services.required_for_role(user):
            messages.info(self.request, "Tài khoản của cán bộ Ban Tuyên giáo và quản trị phải bật xác thực hai bước trước khi làm việc.")
            return redirect(_with_next("twofactor_enrol", self.get_success_url()))
        return response


def _pending_user(request):
    """The account of a pending sign-in that has not expired, else None (and the pending sign-in goes)."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict):
        return None
    if time.time() - float(pending.get("at", 0)) > services.pending_seconds():
        del request.session[PENDING]
        return None
    return get_user_model().objects.filter(pk=pending.get("user"), is_active=True).first()


def _locked_out(request, user):
    from axes.handlers.proxy import AxesProxyHandler
    from axes.helpers import get_lockout_response

    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_allowed(request, credentials):
        return None
    return get_lockout_response(request, None, credentials)


@never_cache
def verify(request):
    """The second step: the 6-digit code of the app or a recovery code."""
    signed_in = request.user.is_authenticated
    if signed_in:
        if is_verified(request) or not services.is_enabled(request.user):
            return redirect(_next_url(request, reverse("workspace")))
        user, next_url = request.user, _next_url(request, reverse("workspace"))
    else:
        user = _pending_user(request)
        if user is None:
            messages.warning(request, "Phiên đăng nhập đã hết hạn hoặc chưa bắt đầu; vui lòng đăng nhập lại.")
            return redirect("login")
        next_url = request.session[PENDING].get("next") or reverse("workspace")
    locked = _locked_out(request, user)
    if locked is not None:
        request.session.pop(PENDING, None)
        return locked
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.check_code(user, form.cleaned_data["code"])
        except services.Refusal as refusal:
            form.add_error("code", refusal.message)
            user_login_failed.send(
                sender=__name__, credentials={"username": user.get_username()}, request=request,
            )
        else:
            if not signed_in:
                backend = request.session[PENDING]["backend"]
                del request.session[PENDING]
                login(request, user, backend=backend)
            _verified(request, device)
            if device.name == services.RECOVERY_NAME:
                left = services.recovery_codes_left(user)
                messages.warning(request, f"Bạn vừa dùng một mã dự phòng; còn {left} mã. Có thể tạo bộ mã mới ở trang Xác thực hai bước.")
            return redirect(next_url)
    return render(request, "registration/twofactor_verify.html", {"form": form, "user_name": user.get_username()})


def _verified(request, device):
    """django-otp's login, and the staff session's clock if this session has none yet (a session
    signed in before two-factor sign-in existed)."""
    from .middleware import STAFF_SESSION, start_staff_session

    otp_login(request, device)
    if STAFF_SESSION not in request.session:
        start_staff_session(None, request=request, user=request.user)


def _codes_page(request, codes, *, first):
    """The recovery codes, in the answer to the POST that made them: shown once, never stored."""
    return render(request, "registration/twofactor_codes.html", {"codes": codes, "first": first})


@never_cache
@login_required
def enrol(request):
    """Turn two-factor sign-in on: the QR code and the secret of a new device, confirmed by a code."""
    user = request.user
    if services.is_enabled(user):
        if not is_verified(request):
            return redirect(_with_next("twofactor_verify", _next_url(request, "")))
        messages.info(request, "Xác thực hai bước đã bật cho tài khoản này.")
        return redirect("twofactor")
    device = services.enrolment_device(user)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.confirm_enrolment(device, form.cleaned_data["code"]):
            _verified(request, device)
            codes = services.new_recovery_codes(user)
            messages.success(request, "Đã bật xác thực hai bước. Từ nay mỗi lần đăng nhập cần thêm mã trên ứng dụng xác thực.")
            return _codes_page(request, codes, first=_next_url(request, reverse("workspace")))
        form.add_error("code", "Mã xác thực không đúng. Hãy nhập mã đang hiện trên ứng dụng (mã đổi sau mỗi 30 giây); kiểm tra giờ của điện thoại nếu mã vẫn bị từ chối.")
    return render(request, "registration/twofactor_enrol.html", {
        "form": form, "secret_groups": services.secret_groups(device), "required": services.required_for_role(user),
        "next": _next_url(request, ""),
    })


@never_cache
@login_required
def qr_code(request):
    """The QR code of the signed-in account's enrolment under way (its secret): never cached, never
    another account's, gone once the device is confirmed."""
    device = services.totp_device(request.user, confirmed=False)
    if device is None or services.is_enabled(request.user):
        raise Http404
    response = HttpResponse(services.qr_svg(device), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store, private"
    return response


@never_cache
@login_required
def status(request):
    user = request.user
    return render(request, "registration/twofactor_status.html", {
        "enabled": services.is_enabled(user),
        "required": services.required_for_role(user),
        "codes_left": services.recovery_codes_left(user),
        "form": PasswordForm(user),
    })


@never_cache
@login_required
@require_POST
def recovery_codes(request):
    """New recovery codes (the old ones stop working), shown once."""
    if not (services.is_enabled(request.user) and is_verified(request)):
        raise PermissionDenied
    codes = services.new_recovery_codes(request.user)
    messages.success(request, "Đã tạo bộ mã dự phòng mới; các mã cũ không còn dùng được.")
    return _codes_page(request, codes, first=None)


@never_cache
@login_required
@require_POST
def turn_off(request):
    """An officer turns two-factor sign-in off, with the password; staff cannot (their role requires it)."""
    user = request.user
    if services.required_for_role(user):
        raise PermissionDenied
    form = PasswordForm(user, request.POST)
    if not services.is_enabled(user):
        return redirect("twofactor")
    if not form.is_valid():
        return render(request, "registration/twofactor_status.html", {
            "enabled": True, "required": False, "codes_left": services.recovery_codes_left(user), "form": form,
        }, status=200)
    services.turn_off(user, reason="chủ tài khoản tự tắt")
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    messages.success(request, "Đã tắt xác thực hai bước. Có thể bật lại bất cứ lúc nào.")
    return redirect("twofactor")
