"""config/cache.py: with Redis down, a cached public page and the quiz's ranking are rendered uncached
(200), where Django's own RedisCache made them 500. (Against a real Redis killed under load:
tests/test_faults.py.)"""

import pytest
import redis
from django.core.cache import cache
from django.test import override_settings

from content import cache as page_cache

# Nothing listens on port 1.
DEAD = {"LOCATION": "redis://127.0.0.1:1/0", "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}


def dead_cache(backend):
    return override_settings(CACHES={"default": {"BACKEND": backend, **DEAD}})


def test_django_s_redis_cache_raises_when_redis_is_down():
    with dead_cache("django.core.cache.backends.redis.RedisCache"):
        with pytest.raises(redis.exceptions.ConnectionError):
            cache.get("x")


def test_ours_misses_and_skips_writes():
    with dead_cache("config.cache.RedisCache"):
        assert cache.get("x", "default") == "default"
        assert cache.get_or_set("x", 5) == 5
        assert cache.add("x", 1) is False and cache.set("x", 1) is None and cache.delete("x") is False
        assert cache.get_many(["a", "b"]) == {} and cache.set_many({"a": 1}) == ["a"]
        assert cache.has_key("x") is False
        page_cache._set_new_generation()  # what a staff save does to clear the pages: no error either
        with pytest.raises(redis.exceptions.ConnectionError):
            cache.incr("x")  # a count that cannot be made must say so


@pytest.mark.django_db
def test_public_pages_answer_with_redis_down(client):
    with dead_cache("config.cache.RedisCache"):
        assert client.get("/").status_code == 200
        assert client.get("/tin-bai/").status_code == 200


def test_the_portal_uses_it_with_redis(project_root):
    source = (project_root / "config" / "settings.py").read_text()
    assert '"BACKEND": "config.cache.RedisCache"' in source
