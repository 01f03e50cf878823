"""Two-factor accounts: who needs it, enrolment, recovery codes, checking a code, turning it off.

The devices are django-otp's: one TOTPDevice (an authenticator app, 6 digits every 30 s) and one
StaticDevice holding the ten one-time recovery codes. A TOTP device is confirmed only once its
owner typed a code it showed; until then it is an enrolment under way.
"""

import logging
import math
import re
from base64 import b32encode
from io import BytesIO

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..roles import is_propaganda_staff

logger = logging.getLogger("campaign.twofactor")

TOTP_NAME = "Ứng dụng xác thực"
RECOVERY_NAME = "Mã dự phòng"
RECOVERY_COUNT = 10


def required_for_role(user):
    """Staff and administrators must sign in with a second factor, whether they turned it on or not."""
    return user.is_authenticated and (user.is_staff or user.is_superuser or is_propaganda_staff(user))


def totp_device(user, *, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def is_enabled(user):
    """Whether `user` has turned two-factor sign-in on (a confirmed authenticator device)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def enrolment_device(user):
    """The unconfirmed device of an enrolment under way, made with a fresh secret if there is none."""
    device = totp_device(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def secret_of(device):
    """The device's secret in base32, as authenticator apps take it by hand."""
    return b32encode(device.bin_key).decode("ascii").rstrip("=")


def secret_groups(device):
    secret = secret_of(device)
    return [secret[index:index + 4] for index in range(0, len(secret), 4)]


def qr_svg(device):
    """The otpauth:// address of the device as an SVG QR code (drawn here: no service, no script)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    out = BytesIO()
    image.save(out)
    return out.getvalue()


def _digits(code):
    return re.sub(r"\s+", "", code or "")


def confirm_enrolment(device, code):
    """Confirm an enrolment with a code of the app; True when it matched. Other devices of the
    user go (a second enrolment replaces the first)."""
    code = _digits(code)
    if not re.fullmatch(r"\d{6}", code) or not device.verify_token(code):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    logger.info("Bật xác thực hai bước cho tài khoản %s", device.user.get_username())
    return True


def new_recovery_codes(user):
    """Ten fresh one-time recovery codes (shown once); the previous ones stop working."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return [f"{code[:4]}-{code[4:]}" for code in codes]


def normalised_recovery_code(code):
    return re.sub(r"[\s\-]+", "", code or "").lower()


class Refusal(Exception):
    """A code was not accepted; `message` says why in Vietnamese."""

    def __init__(self, message, *, counted=True):
        super().__init__(message)
        self.message = message
        self.counted = counted


WRONG_CODE = "Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện trên ứng dụng xác thực (mã đổi sau mỗi 30 giây), hoặc một mã dự phòng."


THROTTLED = "Vừa nhập sai mã ({count} lần liên tiếp); vui lòng chờ {seconds} giây rồi nhập mã đang hiện."


def throttled_message(data):
    """The pause django-otp asks after wrong codes (1, 2, 4… seconds), said in Vietnamese."""
    data = data or {}
    locked_until = data.get("locked_until")
    seconds = 1
    if locked_until is not None:
        from django.utils import timezone

        seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
    return THROTTLED.format(count=data.get("failure_count", 1), seconds=seconds)


def check_code(user, code):
    """The device that accepts `code` (6 digits of the app, or a recovery code), else Refusal.

    A recovery code is used up by this call. django-otp's own throttling (a pause that doubles after
    each wrong code, per device) applies besides django-axes' lockout."""
    digits = _digits(code)
    if re.fullmatch(r"\d{6}", digits):
        device = totp_device(user)
        token = digits
    else:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
        token = normalised_recovery_code(code)
    if device is None or not token:
        raise Refusal(WRONG_CODE)
    # The refusal is raised outside the transaction: the throttle's count of wrong codes must stay.
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, refusal = device.verify_is_allowed()
        accepted = allowed and device.verify_token(token)
    if not allowed:
        raise Refusal(throttled_message(refusal))
    if not accepted:
        raise Refusal(WRONG_CODE)
    return device


def turn_off(user, *, reason):
    """Remove every two-factor device of `user`; returns how many were removed."""
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=user).count() + StaticDevice.objects.filter(user=user).count()
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    logger.warning("Tắt xác thực hai bước của tài khoản %s (%s)", user.get_username(), reason)
    return removed


def pending_seconds():
    return settings.TWOFACTOR_PENDING_SECONDS
