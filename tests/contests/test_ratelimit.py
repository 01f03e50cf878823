"""contests.ratelimit: fixed windows per IP and per person, in Redis (one round trip) or the cache."""

import logging

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from contests import ratelimit


@pytest.fixture
def limits(settings):
    settings.CONTEST_RATE_LIMITS = {
        "start": {"ip": (3, 600), "phone": (2, 600)},
        "submit": {"ip": (3, 600), "phone": (2, 600)},
    }
    return settings


def request_from(ip):
    return RequestFactory().post("/", REMOTE_ADDR=ip)


def count_until_refused(action, ip, person, tries=10):
    for n in range(1, tries + 1):
        if ratelimit.refusal(action, request=request_from(ip), person=person):
            return n
    return None


def check_windows(action):
    # Per person: the third request of one person is refused, from any address.
    assert count_until_refused(action, "10.0.0.1", "participant:1") == 3
    assert ratelimit.refusal(action, request=request_from("10.0.0.9"), person="participant:1") == ratelimit.REFUSAL
    # Another person from another address is not.
    assert ratelimit.refusal(action, request=request_from("10.0.0.2"), person="participant:2") is None


def test_limits_counted_in_the_cache_without_redis(limits):
    limits.REDIS_URL = ""
    cache.clear()
    check_windows("start")
    # Counters are per action: submit has its own.
    assert ratelimit.refusal("submit", request=request_from("10.0.0.1"), person="participant:1") is None


def test_per_ip_limit(limits):
    limits.REDIS_URL = ""
    cache.clear()
    assert count_until_refused("submit", "10.0.0.7", None) == 4


@pytest.mark.redis
def test_limits_counted_in_redis_shared_by_every_web_host(limits):
    client = ratelimit._count_script().registered_client
    client.flushdb()
    check_windows("submit")
    keys = client.keys("portal:contests:rate:submit:*")
    assert keys, "the counters are in Redis"
    assert all(0 < client.ttl(key) <= 605 for key in keys)
    # Another web host (a new client, a new connection) sees the same counts.
    ratelimit._scripts.clear()
    assert ratelimit.refusal("submit", request=request_from("10.0.0.3"), person="participant:1") == ratelimit.REFUSAL
    assert not any(b"participant" in key for key in keys), "the person is hashed in the key"
    client.flushdb()


@pytest.mark.redis
def test_redis_down_lets_the_request_through_and_logs(limits, caplog):
    limits.REDIS_URL = "redis://127.0.0.1:1/0"
    with caplog.at_level(logging.WARNING, logger="contests.ratelimit"):
        assert ratelimit.refusal("start", request=request_from("10.0.0.1"), person="participant:1") is None
    assert "Không đếm được giới hạn tần suất trong Redis" in caplog.text
