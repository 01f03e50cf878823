import ipaddress
from unittest import mock

import pytest
from django.db import OperationalError

from tests.factories import UnitFactory, make_officer, make_staff

pytestmark = pytest.mark.django_db


def test_healthz_reports_each_part(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"]["ok"] is True
    assert body["cache"]["ok"] is True
    assert set(body) == {"status", "database", "cache", "broker", "celery"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_is_503_when_the_database_is_down(client):
    with mock.patch("config.health.connection.cursor", side_effect=OperationalError("máy chủ không trả lời")):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"]["ok"] is False
    assert "máy chủ không trả lời" in body["database"]["error"]


def test_healthz_answers_get_only(client):
    assert client.post("/healthz").status_code == 405


def test_healthz_in_eager_mode_says_so(client, settings):
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("chỉ áp dụng khi không có REDIS_URL")
    body = client.get("/healthz").json()
    assert body == {**body, "status": "ok"}
    assert body["broker"]["mode"] == "eager" and body["celery"]["mode"] == "eager"


# Who is told the parts (issue 11.10) ------------------------------------------------

STRANGER = "203.0.113.7"
INSIDE = ("sqlite", "postgresql", "LocMemCache", "RedisCache", "eager", "workers", "database")


@pytest.fixture
def all_parts_up():
    """Broker and worker answer, so the status is "ok" with or without REDIS_URL: these tests are
    about who is told, not about what runs on the machine."""
    with mock.patch("config.health.check_broker", return_value={"ok": True, "mode": "redis"}), \
            mock.patch("config.health.check_celery", return_value={"ok": True, "mode": "worker", "workers": 1}):
        yield


def assert_status_only(response, status="ok"):
    assert response.json() == {"status": status}
    text = response.content.decode()
    assert not any(word in text for word in INSIDE), text


def test_a_stranger_gets_the_status_alone(all_parts_up, client):
    response = client.get("/healthz", REMOTE_ADDR=STRANGER)
    assert response.status_code == 200
    assert_status_only(response)


def test_a_stranger_learns_no_error_text_when_the_database_is_down(all_parts_up, client):
    with mock.patch("config.health.connection.cursor", side_effect=OperationalError("máy chủ 10.0.0.9 không trả lời")):
        response = client.get("/healthz", REMOTE_ADDR=STRANGER)
    assert response.status_code == 503
    assert_status_only(response, "error")
    assert "10.0.0.9" not in response.content.decode()


@pytest.mark.parametrize("address", ["127.0.0.1", "127.0.0.53", "::1"])
def test_the_loopback_gets_the_parts(all_parts_up, client, address):
    body = client.get("/healthz", REMOTE_ADDR=address).json()
    assert set(body) == {"status", "database", "cache", "broker", "celery"}


@pytest.mark.parametrize(("monitors", "address", "details"), [
    ("10.0.0.5", "10.0.0.5", True),
    ("10.0.0.5", "10.0.0.6", False),
    ("192.168.10.0/24, 10.0.0.5", "192.168.10.77", True),
    ("2001:db8::/32", "2001:db8::1", True),
])
def test_configured_monitoring_addresses_get_the_parts(all_parts_up, client, settings, monitors, address, details):
    settings.HEALTH_MONITOR_NETWORKS = [ipaddress.ip_network(item.strip()) for item in monitors.split(",")]
    body = client.get("/healthz", REMOTE_ADDR=address).json()
    assert ("database" in body) is details
    assert body["status"] == "ok"


def test_staff_get_the_parts_from_anywhere_officers_do_not(all_parts_up, client):
    client.force_login(make_staff())
    assert "database" in client.get("/healthz", REMOTE_ADDR=STRANGER).json()
    client.force_login(make_officer(UnitFactory()))
    assert_status_only(client.get("/healthz", REMOTE_ADDR=STRANGER))


def test_behind_a_proxy_the_proxys_loopback_does_not_count(all_parts_up, client, settings):
    settings.BEHIND_PROXY = True
    settings.HEALTH_MONITOR_NETWORKS = [ipaddress.ip_network("10.0.0.5")]
    # nginx on the same host: REMOTE_ADDR is the loopback, the client is the last forwarded address.
    assert_status_only(client.get("/healthz", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=STRANGER))
    # A client that writes "127.0.0.1" in the header itself is still the stranger the proxy saw.
    assert_status_only(client.get("/healthz", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"127.0.0.1, {STRANGER}"))
    assert "database" in client.get("/healthz", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.5").json()
    # A monitoring check on the host itself, past the proxy, has no forwarded address.
    assert "database" in client.get("/healthz", REMOTE_ADDR="127.0.0.1").json()
