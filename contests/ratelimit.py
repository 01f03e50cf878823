"""Rate limits of registration, start and submit, per client IP and per phone.

Fixed windows counted in Django's cache (Redis in production, shared by every
web host). The limits are settings (CONTEST_RATE_LIMITS).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

REFUSAL = "Bạn thao tác quá nhanh hoặc quá nhiều lần; xin chờ ít phút rồi thử lại."


def client_ip(request):
    if settings.CONTEST_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            # The last address is the one our proxy saw; earlier ones are the client's word.
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _over(action, kind, value, limit, window):
    bucket = int(time.time() // window)
    # Hashed: no phone number sits in the cache, and any value makes a valid key.
    digest = hashlib.sha256(value.encode()).hexdigest()[:24]
    key = f"contests:rate:{action}:{kind}:{digest}:{bucket}"
    # add() is atomic: the first request of a window creates the counter.
    if cache.add(key, 1, timeout=window + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=window + 5)
            count = 1
    return count > limit


def refusal(action, *, request, phone=None):
    """Count this request; return the Vietnamese refusal if a limit is passed, else None."""
    limits = settings.CONTEST_RATE_LIMITS[action]
    checks = [("ip", client_ip(request))]
    if phone:
        checks.append(("phone", phone))
    over = False
    for kind, value in checks:
        limit, window = limits[kind]
        over = _over(action, kind, value, limit, window) or over
    return REFUSAL if over else None
