"""Django's Redis cache that a dead Redis cannot turn into an error page (CACHES in config/settings.py).

Django's RedisCache raises redis' ConnectionError from every get and set while Redis is down, so
every cached public page (content/cache.py) and the quiz's ranking page answered 500 for as long as
Redis was away, and a staff save that clears the page cache failed with it (found by `make faults`,
docs/decisions.md issue 15). Here a read that cannot reach Redis is a miss and a write is skipped:
pages are rendered from the database, uncached, until Redis answers again. The failure is logged,
at most once every LOG_EVERY seconds per process (under load it happens on every request).

incr/decr and clear still raise: their callers ask for a count or a wipe, and must know it failed.
"""

import logging
import time

import redis
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

logger = logging.getLogger(__name__)
LOG_EVERY = 10.0
_last_logged = [0.0]


def _soft(name, failed):
    method = getattr(DjangoRedisCache, name)

    def soft(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except redis.RedisError as error:
            now = time.monotonic()
            if now - _last_logged[0] >= LOG_EVERY:
                _last_logged[0] = now
                logger.warning("Bộ đệm Redis không trả lời (%s): trang được dựng không qua bộ đệm. %s", name, error)
            return failed(*args, **kwargs)

    soft.__name__ = soft.__qualname__ = name
    soft.__doc__ = method.__doc__
    return soft


class RedisCache(DjangoRedisCache):
    get = _soft("get", lambda key, default=None, version=None: default)
    get_many = _soft("get_many", lambda keys, version=None: {})
    has_key = _soft("has_key", lambda key, version=None: False)
    set = _soft("set", lambda *args, **kwargs: None)
    add = _soft("add", lambda *args, **kwargs: False)
    touch = _soft("touch", lambda *args, **kwargs: False)
    set_many = _soft("set_many", lambda data, *args, **kwargs: list(data))
    delete = _soft("delete", lambda *args, **kwargs: False)
    delete_many = _soft("delete_many", lambda *args, **kwargs: None)
