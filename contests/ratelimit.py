"""Rate limits of registration, start and submit, per client IP and per person.

A person is their phone number at registration, and their registration (one
per phone and contest) at start and submit.

Fixed windows, counted in Redis when REDIS_URL is set (shared by every web
host; every counter of a request in one round trip: a small Lua script that
INCRs each key and sets its expiry when it is new), else in Django's cache
(one process, development). The limits are settings (CONTEST_RATE_LIMITS). If Redis cannot be reached the request goes
through, and the failure is logged: a quiz that stops because its counters
are down would punish every citizen for a fault of ours.
"""

import hashlib
import logging
import time

import redis
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)
_scripts = {}  # REDIS_URL -> the count script, bound to a client of that server

REFUSAL = "Bạn thao tác quá nhanh hoặc quá nhiều lần; xin chờ ít phút rồi thử lại."


def client_ip(request):
    if settings.CONTEST_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            # The last address is the one our proxy saw; earlier ones are the client's word.
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _key(action, kind, value, window):
    bucket = int(time.time() // window)
    # Hashed: no phone number sits in the cache, and any value makes a valid key.
    digest = hashlib.sha256(value.encode()).hexdigest()[:24]
    return f"portal:contests:rate:{action}:{kind}:{digest}:{bucket}"


# KEYS: the counters; ARGV: their lifetimes in seconds. Returns the new counts.
COUNT_SCRIPT = """
local counts = {}
for i, key in ipairs(KEYS) do
    counts[i] = redis.call('INCR', key)
    if counts[i] == 1 then redis.call('EXPIRE', key, ARGV[i]) end
end
return counts
"""


def _count_script():
    """The count script on REDIS_URL's server: EVALSHA, loading it the first time the server lacks it."""
    url = settings.REDIS_URL
    if url not in _scripts:
        client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        _scripts[url] = client.register_script(COUNT_SCRIPT)
    return _scripts[url]


def _counts_in_redis(keys):
    """keys: [(key, window)]; the counts after this request, in one round trip (None if Redis is down)."""
    try:
        return _count_script()(keys=[key for key, _ in keys], args=[window + 5 for _, window in keys])
    except redis.RedisError as error:
        logger.warning("Không đếm được giới hạn tần suất trong Redis: %s", error)
        return None


def _count_in_cache(key, window):
    # add() is atomic: the first request of a window creates the counter.
    if cache.add(key, 1, timeout=window + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=window + 5)
            count = 1
    return count


def refusal(action, *, request, person=None):
    """Count this request; return the Vietnamese refusal if a limit is passed, else None."""
    limits = settings.CONTEST_RATE_LIMITS[action]
    checks = [("ip", client_ip(request))]
    if person:
        checks.append(("phone", str(person)))
    keys = [(_key(action, kind, value, limits[kind][1]), limits[kind][1]) for kind, value in checks]
    if settings.REDIS_URL:
        counts = _counts_in_redis(keys)
        if counts is None:
            return None
    else:
        counts = [_count_in_cache(key, window) for key, window in keys]
    over = any(count > limits[kind][0] for count, (kind, _) in zip(counts, checks))
    return REFUSAL if over else None
