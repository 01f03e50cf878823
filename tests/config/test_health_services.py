"""/healthz against the real Redis and a real Celery worker process."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings

from tests.conftest import ROOT

pytestmark = [pytest.mark.redis, pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def celery_worker_process():
    env = {**os.environ, "DEBUG": "1"}
    worker = subprocess.Popen(
        [os.path.join(os.path.dirname(sys.executable), "celery"), "-A", "config", "worker",
         "--pool=solo", "--loglevel=WARNING", "--hostname=healthz-test@%h", "--without-mingle", "--without-gossip"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    yield worker
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()


def test_redis_cache_and_broker_are_reachable(client):
    body = client.get("/healthz").json()
    assert body["cache"] == {"ok": True, "backend": "RedisCache"}
    assert body["broker"] == {"ok": True, "mode": "redis"}


def test_celery_worker_is_seen(client, celery_worker_process):
    deadline = time.monotonic() + 60
    body = {}
    while time.monotonic() < deadline:
        body = client.get("/healthz").json()
        if body["celery"]["ok"]:
            break
        time.sleep(1)
    assert body["celery"]["ok"] is True, body
    assert body["celery"]["workers"] >= 1
    assert body["status"] == "ok"


def test_broker_down_is_reported_not_fatal(client):
    # A port where nothing listens: the page answers quickly and says so.
    from config.celery import app

    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        started = time.monotonic()
        response = client.get("/healthz")
        elapsed = time.monotonic() - started
    finally:
        app.conf.broker_url = original
    assert response.status_code == 200
    body = response.json()
    assert body["broker"]["ok"] is False
    assert body["celery"]["ok"] is False
    assert body["status"] == "degraded"
    assert elapsed < 10
    assert settings.REDIS_URL
