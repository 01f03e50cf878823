"""Static files as `make run` serves them: hashed, compressed, cached for good (issue 10.13).

The portal is started the way scripts/serve.sh starts it (runserver on the embedded default,
after migrate and collectstatic), in a temporary folder; Chromium opens the plan form, which
carries five CKEditor fields, and then a second form page.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import DESKTOP, log_in, screenshot

pytestmark = pytest.mark.slow

# Staff sign in with a code (campaign/twofactor): alice's authenticator device, with a key known here.
OTP_KEY = "3132333435363738393031323334353637383930"
CREATE_STAFF = (
    "import django; django.setup(); from tests.factories import make_staff, totp_device; "
    f"totp_device(make_staff(username='alice'), key='{OTP_KEY}')"
)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def served_portal(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    env = {
        "PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}", "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"), "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        done = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    done = subprocess.run([sys.executable, "-c", CREATE_STAFF], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base_url + "/healthz", timeout=2)
                break
            except OSError:
                assert time.monotonic() < deadline, "runserver did not start"
                time.sleep(0.3)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _bundle_entry(page):
    return page.evaluate(
        """() => performance.getEntriesByType('resource')
                 .filter(r => /ckeditor_5\\/dist\\/bundle\\.[0-9a-f]{12}\\.js$/.test(r.name))
                 .map(r => ({name: r.name, transfer: r.transferSize, encoded: r.encodedBodySize,
                             decoded: r.decodedBodySize}))"""
    )


def test_the_editor_bundle_is_compressed_hashed_and_fetched_once(served_portal, page_at):
    page = page_at(DESKTOP)
    bundles = []
    page.on("response", lambda r: "ckeditor_5/dist/bundle." in r.url and bundles.append(r))
    log_in(page, served_portal, "alice", otp_key=OTP_KEY)

    started = time.monotonic()
    page.goto(served_portal + "/lam-viec/ke-hoach/them/")
    page.locator(".ck-editor__editable").nth(4).wait_for(timeout=20_000)
    cold_ms = (time.monotonic() - started) * 1000
    assert page.locator(".ck-editor__editable").count() == 5
    screenshot(page, "plan-form-five-editors")

    assert len(bundles) == 1, "the editor is loaded once per page"
    headers = bundles[0].headers
    assert headers["content-encoding"] in ("br", "gzip")
    assert "immutable" in headers["cache-control"] and "max-age=315360000" in headers["cache-control"]
    [entry] = _bundle_entry(page)
    assert entry["decoded"] > 1_400_000 and entry["encoded"] < entry["decoded"] * 0.35

    # Another page with editors: the bundle comes from the browser's cache, nothing on the wire.
    bundles.clear()
    started = time.monotonic()
    page.goto(served_portal + "/lam-viec/ke-hoach/them/")
    page.locator(".ck-editor__editable").nth(4).wait_for(timeout=20_000)
    warm_ms = (time.monotonic() - started) * 1000
    [entry] = _bundle_entry(page)
    assert entry["transfer"] == 0
    assert page.console_errors == []
    print(f"plan form with five editors: first load {cold_ms:.0f} ms, again {warm_ms:.0f} ms; "
          f"bundle {entry['decoded']} bytes, {bundles[0].headers['content-encoding'] if bundles else 'cache'}")
