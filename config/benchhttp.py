"""What the HTTP benches share (contests' bench_contests_http, content's bench_content_http):
a throw-away PostgreSQL database, gunicorn serving the portal from it with production
settings, latency percentiles. Each bench keeps its own load (what its clients ask).
"""

import os
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import connection, connections

SKIP = "Bỏ qua đo qua HTTP: cần PostgreSQL (DATABASE_URL=postgres://…); cơ sở dữ liệu hiện tại là {vendor}."
WSGI = '''
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
from django.conf import settings
settings.ROOT_URLCONF = "{urlconf}"
# No collectstatic needed for a bench: plain static URLs.
settings.STORAGES = {{**settings.STORAGES,
                     "staticfiles": {{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}}}
from django.core.wsgi import get_wsgi_application
application = get_wsgi_application()
'''


def add_server_arguments(parser, *, seconds):
    """--seconds per phase, and gunicorn's --workers and --threads."""
    parser.add_argument("--seconds", type=float, default=seconds, help="thời gian đo mỗi phần (giây)")
    parser.add_argument("--workers", type=int, default=2, help="số worker gunicorn")
    parser.add_argument("--threads", type=int, default=2, help="số luồng mỗi worker gunicorn (gthread)")


def percentile(values, share):
    """The `share` percentile of durations in seconds, in milliseconds."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def throwaway_database(suffix):
    """A fresh database beside the configured one (migrated), the default connection pointing at
    it; yields its name and drops it afterwards."""
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"test_{old_name}_{suffix}"
    bench_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield bench_name
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(old_name, verbosity=0)


def server_env(bench_name, secret_key, **extra):
    """Production settings without TLS (gunicorn is reached over plain HTTP), on the bench database."""
    url = urlsplit(settings.DATABASE_URL)
    return {
        **os.environ,
        "DATABASE_URL": urlunsplit(url._replace(path="/" + bench_name)),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join([str(settings.BASE_DIR), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        **extra,
    }


@contextmanager
def gunicorn(urlconf, env, *, workers, threads, ready, port=None, extra_args=()):
    """gunicorn (gthread, keep-alive) serving the portal with ROOT_URLCONF = urlconf; `ready(port)`
    returns True once it answers; extra_args go to gunicorn after ours (e.g. --config FILE).
    Yields the port; stops the server afterwards."""
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="bench_http_") as tmp:
        Path(tmp, "bench_http_wsgi.py").write_text(textwrap.dedent(WSGI.format(urlconf=urlconf)))
        env = {**env, "PYTHONPATH": os.pathsep.join([tmp, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
        executable = Path(sys.executable).with_name("gunicorn")
        command = [str(executable)] if executable.exists() else [sys.executable, "-m", "gunicorn"]
        server = subprocess.Popen(
            [*command, "bench_http_wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
             "--worker-class", "gthread", "--threads", str(threads), "--keep-alive", "30",
             "--chdir", str(settings.BASE_DIR), "--log-level", "warning", *extra_args],
            env=env, cwd=str(settings.BASE_DIR),
        )
        try:
            _wait_for(server, port, ready)
            yield port
        finally:
            server.terminate()  # gunicorn's master stops its workers
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_for(server, port, ready, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn dừng với mã {server.returncode}")
        try:
            if ready(port):
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn không trả lời sau 30 giây")
