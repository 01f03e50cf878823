"""Shared fixtures, and the rule for tests that need a real service.

A test marked `postgres`, `redis`, `browser`, `libreoffice`, `nginx` or `vnu` runs when the service is
configured (DATABASE_URL, REDIS_URL, /usr/bin/chromium, soffice and pdftoppm on the PATH, Debian's
nginx, java and the Nu HTML Checker's jar) and is skipped
otherwise, except under REQUIRE_SERVICES=1 / REQUIRE_BROWSER=1, where a missing
service fails the test instead: CI must never pass by skipping.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
ROOT = Path(__file__).resolve().parent.parent
# The Nu HTML Checker, installed from the npm registry by `make vnu` (pinned there); VNU_JAR overrides.
VNU_JAR = Path(os.environ.get("VNU_JAR") or ROOT / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")


def _missing(marker):
    if marker == "postgres" and settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return "PostgreSQL (DATABASE_URL=postgres://…)", "REQUIRE_SERVICES"
    if marker == "redis" and not settings.REDIS_URL:
        return "Redis (REDIS_URL=redis://…)", "REQUIRE_SERVICES"
    if marker == "browser" and not os.path.exists(CHROMIUM):
        return f"Chromium ({CHROMIUM})", "REQUIRE_BROWSER"
    if marker == "libreoffice" and not (shutil.which("soffice") and shutil.which("pdftoppm")):
        # pdftoppm makes the PNG: libreoffice-writer-nogui has no PNG export filter.
        return "LibreOffice và pdftoppm (Debian: libreoffice-writer-nogui, poppler-utils)", "REQUIRE_SERVICES"
    if marker == "nginx" and NGINX is None:
        return "nginx (Debian: nginx)", "REQUIRE_SERVICES"
    if marker == "vnu" and not (shutil.which("java") and VNU_JAR.is_file()):
        return f"Java và Nu HTML Checker ({VNU_JAR}; make vnu)", "REQUIRE_SERVICES"
    return None


def pytest_runtest_setup(item):
    for marker in ("postgres", "redis", "browser", "libreoffice", "nginx", "vnu"):
        if item.get_closest_marker(marker) is None:
            continue
        missing = _missing(marker)
        if missing is None:
            continue
        what, flag = missing
        if os.environ.get(flag) == "1":
            pytest.fail(f"{flag}=1 nhưng thiếu {what}", pytrace=False)
        pytest.skip(f"cần {what}")


@pytest.fixture(scope="session", autouse=True)
def plain_static_storage(tmp_path_factory):
    # The portal serves collectstatic's hashed files (config/storage.py); the suite has not run
    # collectstatic, so pages name the source files, and WhiteNoise reads an empty folder rather
    # than the working tree's staticfiles/ (which `make run` may be rewriting meanwhile).
    # tests/e2e/test_static_assets.py serves the real thing.
    from django.test import override_settings

    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES=storages, STATIC_ROOT=tmp_path_factory.mktemp("staticfiles")):
        yield


@pytest.fixture
def eager_celery():
    """Tasks run in this process even when REDIS_URL is set: a test that checks what a task did
    must not depend on a worker (the real-worker tests start their own)."""
    from config.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = saved


@pytest.fixture
def project_root():
    return ROOT


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # PBKDF2 costs ~0.4 s per password; the tests check behaviour, not hashing strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    # Uploads and attachments made by a test stay in its own folder.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Each test starts with no public page cached (content.cache): a page another test
    cached from its own rows must not answer this one."""
    from content import cache as page_cache

    page_cache._set_new_generation()


def otp_verify(client, user):
    """Make `client`'s session one that passed the second step (django-otp's session key), with a
    confirmed authenticator device of `user` (made if missing). Returns the device."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Thiết bị kiểm thử", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture(scope="session", autouse=True)
def force_login_passes_the_second_step():
    """`client.force_login(user)` signs in as the portal's login does after both steps: the session is
    verified by a device of `user` (campaign/twofactor), so the suite's thousands of signed-in tests
    need not type codes. `force_login(user, otp=False)` is a session after the password only."""
    from django.test.client import ClientMixin

    original = ClientMixin.force_login

    def force_login(self, user, backend=None, *, otp=True):
        original(self, user, backend)
        if otp:
            otp_verify(self, user)

    ClientMixin.force_login = force_login
    yield
    ClientMixin.force_login = original
