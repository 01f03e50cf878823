"""`make stack` (scripts/stack.sh): the real stack from the repository – PostgreSQL, Redis,
gunicorn with deploy/gunicorn.conf.py, a Celery worker and beat – answers, its worker and beat
work, and Ctrl-C (SIGINT) leaves no process behind.

The stack runs on a database of its own (the configured one's name + `_stack`, dropped
afterwards) and the configured Redis; STACK_TEST_PORT (8111) is its port."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest
from django.conf import settings

from tests.conftest import ROOT

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]

PORT = int(os.environ.get("STACK_TEST_PORT", "8111"))


def descendants(pid):
    """Every process below pid (children, their children…), from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has exited; only its parent has not read its status yet.
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def get(path, timeout=10):
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=timeout) as response:
        return response.status, response.read().decode()


def wait_for(predicate, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    raise AssertionError(f"sau {seconds} giây vẫn chưa: {what}")


def drop(url, name):
    parts = urlsplit(url)
    connection = psycopg2.connect(host=parts.hostname, port=parts.port or 5432, user=parts.username or "postgres",
                                  password=parts.password, dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()


@pytest.fixture
def stack_env(tmp_path):
    url = urlsplit(settings.DATABASE_URL)
    name = url.path.lstrip("/") + "_stack"
    database_url = urlunsplit(url._replace(path="/" + name))
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", PORT)) != 0, f"cổng {PORT} đang bận"
    env = {
        "PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8",
        "DATABASE_URL": database_url, "REDIS_URL": settings.REDIS_URL, "PORT": str(PORT),
        "STACK_DIR": str(tmp_path / "stack"), "PY": sys.executable,
        # seed_demo stores the source documents: not in the working tree's folders. Static files go
        # to the tree's staticfiles/, as with `make run`: compressing them afresh costs minutes.
        "MEDIA_ROOT": str(tmp_path / "media"), "PRIVATE_MEDIA_ROOT": str(tmp_path / "private_media"),
        "GUNICORN_WORKERS": "2", "GUNICORN_THREADS": "2", "CELERY_WORKER_CONCURRENCY": "1",
    }
    yield env
    drop(settings.DATABASE_URL, name)


def test_stack_runs_the_portal_worker_and_beat_and_stops_on_ctrl_c(stack_env, tmp_path):
    out = open(tmp_path / "stack.out", "w")
    stack = subprocess.Popen(["bash", "scripts/stack.sh"], cwd=ROOT, env=stack_env, stdout=out, stderr=subprocess.STDOUT)
    logs = Path(stack_env["STACK_DIR"]) / "logs"
    try:
        wait_for(lambda: "Ctrl-C để dừng" in (tmp_path / "stack.out").read_text() or stack.poll() is not None,
                 600, "stack.sh sẵn sàng")
        printed = (tmp_path / "stack.out").read_text()
        assert stack.poll() is None, printed
        # Where each runs.
        assert f"http://127.0.0.1:{PORT}/" in printed
        pids = {name: int(pid) for name, pid in re.findall(r"(gunicorn|Celery worker|Celery beat)\s+pid (\d+)", printed)}
        assert set(pids) == {"gunicorn", "Celery worker", "Celery beat"}
        assert all(str(logs / log) in printed for log in ("web.log", "worker.log", "beat.log"))

        # The portal over HTTP, with production settings.
        status, body = get("/healthz")
        health = json.loads(body)
        assert status == 200 and health["status"] == "ok", health
        assert health["database"]["engine"] == "postgresql" and health["cache"]["backend"] == "RedisCache"
        status, page = get("/tin-bai/")
        assert status == 200 and "Tin bài" in page

        # The worker answers a ping under its node name, and runs what beat sends.
        node = f"stack-worker@{socket.gethostname()}"
        ping = subprocess.run(
            [str(Path(sys.executable).with_name("celery")), "--app", "config", "inspect", "ping", "--destination", node,
             "--timeout", "5"],
            cwd=ROOT, env={**stack_env, "DEBUG": "1"}, capture_output=True, text=True, timeout=60,
        )
        assert ping.returncode == 0 and "pong" in ping.stdout, ping.stdout + ping.stderr
        wait_for(lambda: "Sending due task" in (logs / "beat.log").read_text(), 90, "beat gửi một tác vụ đến hạn")
        sent = re.search(r"Sending due task .*\(([\w.]+)\)", (logs / "beat.log").read_text())[1]
        wait_for(lambda: re.search(rf"Task {re.escape(sent)}\[[\w-]+\] succeeded", (logs / "worker.log").read_text()),
                 90, f"worker chạy xong {sent}")

        # Everything below the script, before Ctrl-C: gunicorn's master and workers, the Celery
        # worker and its pool, beat.
        children = descendants(stack.pid)
        assert set(pids.values()) <= children and len(children) >= 6, children
        stack.send_signal(signal.SIGINT)
        assert stack.wait(timeout=90) == 0
        left = [pid for pid in children if alive(pid)]
        assert not left, f"còn tiến trình sau Ctrl-C: {left}"
        assert "Đã dừng tất cả." in (tmp_path / "stack.out").read_text()
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", PORT)) != 0
    finally:
        if stack.poll() is None:
            stack.send_signal(signal.SIGTERM)
            try:
                stack.wait(timeout=60)
            except subprocess.TimeoutExpired:
                stack.kill()
        out.close()
