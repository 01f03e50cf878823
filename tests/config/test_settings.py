"""Settings come from the environment; bad values stop start-up with one line.

Each case runs `manage.py` in a fresh process with a clean environment, as a
person would on a new machine.
"""

import json
import os
import secrets
import subprocess
import sys

import pytest

from tests.conftest import ROOT

PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']), "
    "'conn_max_age': s.DATABASES['default'].get('CONN_MAX_AGE'), "
    "'health': s.DATABASES['default'].get('CONN_HEALTH_CHECKS'), 'cache': s.CACHES['default']['BACKEND'], "
    "'eager': s.CELERY_TASK_ALWAYS_EAGER, 'broker': s.CELERY_BROKER_URL, 'email': s.EMAIL_BACKEND, "
    "'debug': s.DEBUG, 'lang': s.LANGUAGE_CODE, 'tz': s.TIME_ZONE, 'use_tz': s.USE_TZ}))"
)


def run(args, **env):
    clean = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "DJANGO_SETTINGS_MODULE": "config.settings"}
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120,
    )


def settings_under(**env):
    result = run(["-c", PRINT_SETTINGS], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def strong_key():
    return secrets.token_urlsafe(50)


def test_embedded_default_needs_nothing_installed():
    values = settings_under()
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(ROOT / "db.sqlite3")
    assert values["cache"].endswith("LocMemCache")
    assert values["eager"] is True
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"
    assert values["debug"] is True
    assert (values["lang"], values["tz"], values["use_tz"]) == ("vi", "Asia/Ho_Chi_Minh", True)


def test_real_stack_from_urls():
    values = settings_under(
        DATABASE_URL="postgres://portal:pw@db.example.vn:5433/portal",
        REDIS_URL="redis://cache.example.vn:6379/1",
        SECRET_KEY=strong_key(),
        ALLOWED_HOSTS="portal.example.vn",
    )
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "portal"
    assert values["conn_max_age"] > 0 and values["health"] is True
    assert values["cache"].endswith("RedisCache")
    assert values["eager"] is False
    assert values["broker"] == "redis://cache.example.vn:6379/1"
    assert values["debug"] is False


def test_smtp_when_configured():
    values = settings_under(EMAIL_HOST="smtp.example.vn")
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize(
    "env, variable",
    [
        ({"DATABASE_URL": "mysql://root@127.0.0.1/portal"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgres://postgres@127.0.0.1:abc/portal"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/"}, "DATABASE_URL"),
        ({"DATABASE_URL": "khong-phai-url"}, "DATABASE_URL"),
        ({"REDIS_URL": "http://127.0.0.1:6379"}, "REDIS_URL"),
        ({"REDIS_URL": "redis://127.0.0.1:port/0"}, "REDIS_URL"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/abc"}, "REDIS_URL"),
        ({"DEBUG": "co"}, "DEBUG"),
        ({"PORT": "tam-nghin"}, "PORT"),
        ({"HEALTH_MONITOR_IPS": "10.0.0.5,may-giam-sat"}, "HEALTH_MONITOR_IPS"),
        ({"PRIVATE_MEDIA_ACCEL_REDIRECT": "_private"}, "PRIVATE_MEDIA_ACCEL_REDIRECT"),
    ],
)
def test_malformed_variable_stops_with_one_clear_line(env, variable):
    result = run(["manage.py", "check"], **env)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0] and "không hợp lệ" in lines[0]
    assert "Traceback" not in result.stderr


def test_malformed_url_message_does_not_leak_password():
    result = run(["manage.py", "check"], DATABASE_URL="mysql://root:bi-mat-123@127.0.0.1/portal")
    assert result.returncode != 0
    assert "bi-mat-123" not in result.stderr


def test_debug_off_without_secret_key_refuses_to_start():
    result = run(["manage.py", "check"], DEBUG="0", ALLOWED_HOSTS="portal.example.vn")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "Traceback" not in result.stderr


def test_debug_off_with_weak_secret_key_refuses_to_start():
    result = run(["manage.py", "check"], DEBUG="0", SECRET_KEY="ngan-qua", ALLOWED_HOSTS="portal.example.vn")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_debug_off_without_allowed_hosts_refuses_to_start():
    result = run(["manage.py", "check"], DEBUG="0", SECRET_KEY=strong_key())
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="0", SECRET_KEY=strong_key(), ALLOWED_HOSTS="portal.example.vn",
        DATABASE_URL="postgres://portal@127.0.0.1:5432/portal", REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # No warning at all, and none hidden by SILENCED_SYSTEM_CHECKS (issue 15).
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_ssl_redirect_can_be_left_to_the_proxy():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="0", SECRET_KEY=strong_key(), ALLOWED_HOSTS="portal.example.vn",
        SECURE_SSL_REDIRECT="0", BEHIND_PROXY="1",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_warns_when_processes_would_not_share_the_cache():
    result = run(
        ["manage.py", "check", "--deploy"],
        DEBUG="0", SECRET_KEY=strong_key(), ALLOWED_HOSTS="portal.example.vn",
        DATABASE_URL="postgres://portal@127.0.0.1:5432/portal",
    )
    assert "portal.W001" in result.stderr + result.stdout
    assert "Chưa đặt REDIS_URL" in result.stderr + result.stdout
