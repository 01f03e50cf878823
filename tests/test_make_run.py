"""The README's first command, `make run`, on a fresh database.

The smoke test runs the same make target that `make run` runs before serving
(`prepare`: migrate, seed_demo, collectstatic), then asks for the home page and
/healthz through Django's test client in a new process. The second test runs
`make run` itself with Redis: worker and beat start beside the web server, and
Ctrl-C stops all of them.
"""

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT

CLIENT_CHECK = (
    "import django, json; django.setup(); from django.test import Client; c = Client(); "
    "home = c.get('/'); health = c.get('/healthz'); "
    "print(json.dumps({'home': home.status_code, 'menu': 'Báo cáo hợp tác' in home.content.decode(), "
    "'health': health.status_code, 'db': health.json()['database']['ok']}))"
)


def fresh_env(tmp_path, **extra):
    # A fresh database and its own media folder: seed_demo stores the source
    # documents, which must not land in the working tree's media/.
    env = {
        "PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DEBUG": "1",
        "MEDIA_ROOT": str(tmp_path / "media"), "PRIVATE_MEDIA_ROOT": str(tmp_path / "private_media"),
        "VENV": os.path.dirname(os.path.dirname(sys.executable)),
    }
    env.update(extra)
    return env


@pytest.mark.slow
def test_make_prepare_then_home_and_healthz(tmp_path):
    env = fresh_env(tmp_path)
    media_before = tree_media()
    prepared = subprocess.run(["make", "-s", "prepare"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert prepared.returncode == 0, prepared.stdout + prepared.stderr
    assert "Tài khoản minh họa (Cán bộ Ban Tuyên giáo): canbo.btg / " in prepared.stdout
    assert "Đã nạp xong dữ liệu minh họa." in prepared.stdout
    checked = subprocess.run(
        [sys.executable, "-c", CLIENT_CHECK], cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True, text=True, timeout=120,
    )
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout) == {"home": 200, "menu": True, "health": 200, "db": True}
    again = subprocess.run(["make", "-s", "prepare"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0
    created = re.findall(r"(\d+) tạo mới", again.stdout)
    assert created and set(created) == {"0"}, again.stdout
    # The source documents went to the run's own private media folder, once each.
    assert tree_media() == media_before
    assert sorted(path.name for path in (tmp_path / "private_media").rglob("*.md")) == [
        "bao-cao-gia-lai-nam-lao-2021-2025.md", "ke-hoach-tuyen-truyen-viet-lao-campuchia-2022.md",
    ]


def tree_media():
    """The working tree's media/ and private_media/ files with their times."""
    roots = [ROOT / "media", ROOT / "private_media"]
    return {str(path): path.stat().st_mtime_ns for root in roots if root.exists() for path in root.rglob("*")}


def test_fresh_env_keeps_media_out_of_the_working_tree(tmp_path):
    media = fresh_env(tmp_path)["MEDIA_ROOT"]
    assert not os.path.realpath(media).startswith(os.path.realpath(ROOT) + os.sep)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_json(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


@pytest.mark.slow
@pytest.mark.redis
def test_make_run_starts_worker_and_beat_and_stops_them_on_ctrl_c(tmp_path, settings):
    port = free_port()
    env = fresh_env(tmp_path, PORT=str(port), REDIS_URL=settings.REDIS_URL)
    log = open(tmp_path / "make-run.log", "w+")
    process = subprocess.Popen(["make", "-s", "run"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        body = None
        while time.monotonic() < deadline:
            try:
                body = get_json(f"http://127.0.0.1:{port}/healthz")
                if body["celery"]["ok"]:
                    break
            except OSError:
                pass
            time.sleep(1)
        log.seek(0)
        output = log.read()
        assert body and body["celery"]["ok"], output
        assert body["broker"]["mode"] == "redis"
        assert "Celery worker và Celery beat" in output
        assert "beat: Starting" in output or "Scheduler: Sending" in output or "DatabaseScheduler" in output
        # The demo's upcoming tasks: seed_demo's scan queued e-mails, the worker
        # sends them to the console and marks them sent in the log.
        sent = 0
        while time.monotonic() < deadline and not sent:
            with sqlite3.connect(tmp_path / "db.sqlite3") as db:
                sent = db.execute(
                    "SELECT COUNT(*) FROM campaign_reminder WHERE channel = 'email' AND status = 'sent'"
                ).fetchone()[0]
            time.sleep(1)
        log.seek(0)
        output = log.read()
        assert sent > 0, output
        assert output.count("Subject: ") >= sent
        assert "Content-Type: text/html" in output
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=60)
    # Nothing of the group is left running.
    time.sleep(1)
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)
