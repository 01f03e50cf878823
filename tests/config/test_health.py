from unittest import mock

import pytest
from django.db import OperationalError

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
