"""deploy/: the nginx site checked by a real nginx (`nginx -t`, then requests through it), the
systemd units by `systemd-analyze verify` and against the paths docs/deploy.md names, the
gunicorn configuration and the env file against the settings the portal reads."""

import configparser
import gzip
import http.client
import os
import re
import runpy
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import NGINX, ROOT

DEPLOY = ROOT / "deploy"
SITE = DEPLOY / "nginx" / "portal.conf"
UNITS = ["portal-web.service", "portal-worker.service", "portal-beat.service"]
DOCS = ROOT / "docs" / "deploy.md"
ENV_EXAMPLE = DEPLOY / "portal.env.example"
# Ports of this test (the helper range 8100-8199); DEPLOY_TEST_PORT moves them.
PORT_BASE = int(os.environ.get("DEPLOY_TEST_PORT", "8160"))


def env_example():
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        line = line.strip().lstrip("#")
        match = re.fullmatch(r"([A-Z][A-Z0-9_]*)=(.*)", line)
        if match:
            values.setdefault(match[1], match[2])
    return values


def directives(name, text=None):
    """Every value of an nginx directive in the site."""
    text = text if text is not None else SITE.read_text()
    return [m.strip() for m in re.findall(rf"^\s*{name}\s+([^;]+);", text, flags=re.M)]


def location_block(prefix):
    """The text of `location <prefix> { … }` in the https server, nested blocks included."""
    text = SITE.read_text()
    start = text.index(f"location {prefix} {{", text.index("ssl_certificate"))
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return text[start:index + 1]
    raise AssertionError(f"location {prefix} không đóng")


def size_in_bytes(value):
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit.lower()]


# --- What the files say, against each other and against the settings -----------------------

def test_env_example_lists_every_setting_the_portal_reads():
    read = set(re.findall(r"env_(?:str|int|bool|list)\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']", (ROOT / "config" / "settings.py").read_text()))
    gunicorn = (DEPLOY / "gunicorn.conf.py").read_text()
    read |= set(re.findall(r"(?:_int\(|environ\.get\()\s*[\"']([A-Z][A-Z0-9_]*)[\"']", gunicorn))
    assert {"DATABASE_URL", "SECRET_KEY", "PHOTO_MAX_BYTES", "GUNICORN_WORKERS"} <= read
    missing = sorted(read - set(env_example()))
    assert not missing, f"deploy/portal.env.example không nêu: {missing}"


def test_the_site_hands_private_media_to_the_location_the_portal_redirects_to():
    env = env_example()
    accel = env["PRIVATE_MEDIA_ACCEL_REDIRECT"]
    assert accel.startswith("/") and accel.endswith("/")
    block = location_block(accel)
    assert "internal;" in block
    assert directives("alias", block) == [env["PRIVATE_MEDIA_ROOT"].rstrip("/") + "/"]
    assert directives("alias", location_block("/static/")) == [env["STATIC_ROOT"].rstrip("/") + "/"]
    assert directives("alias", location_block("/media/")) == [env["MEDIA_ROOT"].rstrip("/") + "/"]
    # The private folder is not under a public one.
    assert not env["PRIVATE_MEDIA_ROOT"].startswith(env["MEDIA_ROOT"].rstrip("/") + "/")


def test_body_size_limit_fits_the_portals_largest_upload():
    from content.files import MAX_BYTES as MATERIAL_MAX

    (limit,) = directives("client_max_body_size")
    limit = size_in_bytes(limit)
    report = settings.PHOTO_MAX_PER_REPORT * settings.PHOTO_MAX_BYTES
    largest = max(report, MATERIAL_MAX)
    # Room for the form's other fields and the multipart boundaries, not much more.
    assert largest + 1024**2 <= limit <= largest * 1.1


def test_proxied_pages_get_no_header_django_already_sends():
    django_headers = {"x-frame-options", "x-content-type-options", "strict-transport-security", "referrer-policy",
                      "content-security-policy", "cross-origin-opener-policy"}
    text = SITE.read_text()
    server_level = text[text.index("ssl_certificate"):text.index("location /static/")]
    added = {name.split()[0].lower() for name in directives("add_header", server_level + location_block("/"))}
    assert added and not added & django_headers
    # The client's own X-Forwarded-For is replaced, never appended to.
    assert "X-Forwarded-For $remote_addr" in directives("proxy_set_header", location_block("/"))


def test_gunicorn_configuration_reads_the_environment(monkeypatch):
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    monkeypatch.setenv("PORT", "8123")
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["bind"] == ["127.0.0.1:8123"]
    assert config["workers"] == 2 * len(os.sched_getaffinity(0)) + 1
    assert config["worker_class"] == "gthread" and config["timeout"] == 60 and config["accesslog"] == "-"
    monkeypatch.setenv("GUNICORN_BIND", "unix:/run/portal/web.sock")
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["bind"] == ["unix:/run/portal/web.sock"] and config["workers"] == 3
    monkeypatch.setenv("GUNICORN_WORKERS", "ba")
    with pytest.raises(SystemExit, match="GUNICORN_WORKERS"):
        runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    # nginx waits longer than gunicorn, so the timeout a user meets is gunicorn's (logged).
    (read_timeout,) = directives("proxy_read_timeout")
    assert int(read_timeout.rstrip("s")) > 60


def test_gunicorn_accepts_the_configuration():
    gunicorn = Path(sys.executable).with_name("gunicorn")
    result = subprocess.run(
        [str(gunicorn), "--config", str(DEPLOY / "gunicorn.conf.py"), "--check-config", "config.wsgi"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings"},
    )
    assert result.returncode == 0, result.stderr


def units():
    parsed = {}
    for name in UNITS:
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str
        parser.read(DEPLOY / "systemd" / name)
        parsed[name] = parser
    return parsed


def test_units_run_the_documented_commands_as_the_documented_user():
    docs = DOCS.read_text()
    env = env_example()
    for name, unit in units().items():
        service = unit["Service"]
        assert service["User"] == service["Group"] == "portal", name
        assert service["WorkingDirectory"] == "/srv/portal/app", name
        assert service["EnvironmentFile"] == "/etc/portal/portal.env", name
        program = service["ExecStart"].split()[0]
        assert program.startswith("/srv/portal/venv/bin/"), name
        assert f"deploy/systemd/{name}" in docs and name in docs
        if "ReadWritePaths" in service:
            assert service["ReadWritePaths"].split() == [env["MEDIA_ROOT"], env["PRIVATE_MEDIA_ROOT"]]
    web = units()["portal-web.service"]["Service"]["ExecStart"]
    assert "--config /srv/portal/app/deploy/gunicorn.conf.py config.wsgi" in web
    for path in ("/srv/portal/app", "/srv/portal/venv", "/etc/portal/portal.env", "useradd", "portal"):
        assert path in docs, path
    # One beat: the unit starts only on the host named in /etc/portal/beat-host.
    beat = units()["portal-beat.service"]
    assert beat["Unit"]["ConditionPathExists"] == "/etc/portal/beat-host"
    assert "/etc/portal/beat-host" in beat["Service"]["ExecStartPre"] and "hostname" in beat["Service"]["ExecStartPre"]
    assert "/etc/portal/beat-host" in docs


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze không có trên máy này")
def test_systemd_accepts_the_units(tmp_path):
    venv_bin = Path(sys.executable).parent
    for name in UNITS:
        text = (DEPLOY / "systemd" / name).read_text().replace("/srv/portal/venv/bin/", f"{venv_bin}/")
        (tmp_path / name).write_text(text)
    result = subprocess.run(
        ["systemd-analyze", "verify", *[str(tmp_path / name) for name in UNITS]],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_beat_refuses_to_start_on_another_host(tmp_path):
    """The unit's guard, run by the shell as systemd would (its $$ unescaped)."""
    command = units()["portal-beat.service"]["Service"]["ExecStartPre"]
    script = re.fullmatch(r"/bin/sh -c '(.*)'", command)[1].replace("$$", "$")
    marker = tmp_path / "beat-host"
    script = script.replace("/etc/portal/beat-host", str(marker))
    marker.write_text(socket.gethostname() + "\n")
    assert subprocess.run(["/bin/sh", "-c", script], capture_output=True).returncode == 0
    marker.write_text("may-khac\n")
    other = subprocess.run(["/bin/sh", "-c", script], capture_output=True, text=True)
    assert other.returncode == 78 and "chỉ một beat" in other.stderr


# --- The site in a real nginx ---------------------------------------------------------------

class Upstream(BaseHTTPRequestHandler):
    """Stands in for gunicorn: a page with Django's security headers, and a photo answered with
    X-Accel-Redirect as campaign.photos does."""

    seen = {}

    def do_GET(self):
        Upstream.seen[self.path] = dict(self.headers)
        if self.path == "/lam-viec/anh/1/":
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Cache-Control", "private, max-age=3600")
            self.send_header("Content-Disposition", 'inline; filename="anh-1.jpg"')
            self.send_header("X-Accel-Redirect", "/_private/reports/1/anh.jpg")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = ("<!doctype html><title>Trang chủ</title>" + "<p>Hữu nghị Việt Nam – Lào</p>" * 200).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def site_for(tmp_path, *, http_port, https_port, upstream_port):
    """The site with this test's folders, certificate and ports in place of the server's."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=tuyentruyen.example.vn",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )
    text = SITE.read_text()
    text = text.replace("/etc/letsencrypt/live/tuyentruyen.example.vn/fullchain.pem", str(cert))
    text = text.replace("/etc/letsencrypt/live/tuyentruyen.example.vn/privkey.pem", str(key))
    text = text.replace("/srv/portal/", f"{tmp_path}/srv/").replace("/var/log/nginx/", f"{tmp_path}/")
    text = text.replace("/var/www/letsencrypt", f"{tmp_path}/acme")
    text = text.replace("server 127.0.0.1:8000", f"server 127.0.0.1:{upstream_port}")
    text = re.sub(r"listen 80;", f"listen 127.0.0.1:{http_port};", text)
    text = re.sub(r"listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;", text)
    text = re.sub(r"^\s*listen \[::\].*$", "", text, flags=re.M)
    assert "/srv/portal" not in text and "/etc/letsencrypt" not in text
    (tmp_path / "portal.conf").write_text(text)
    for folder in ("acme", "body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / folder).mkdir(exist_ok=True)
    mime = "/etc/nginx/mime.types"
    (tmp_path / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{ worker_connections 64; }}\n"
        f"http {{\n  include {mime};\n  default_type application/octet-stream;\n  access_log off;\n"
        f"  client_body_temp_path {tmp_path}/body;\n  proxy_temp_path {tmp_path}/proxy;\n"
        f"  fastcgi_temp_path {tmp_path}/fastcgi;\n  uwsgi_temp_path {tmp_path}/uwsgi;\n  scgi_temp_path {tmp_path}/scgi;\n"
        f"  include {tmp_path}/portal.conf;\n}}\n"
    )
    return tmp_path / "nginx.conf"


def nginx(*args):
    return subprocess.run([NGINX, *args], capture_output=True, text=True, timeout=60)


@contextmanager
def running_nginx(conf):
    """nginx on the configuration `conf` (checked with -t first), stopped afterwards."""
    checked = nginx("-t", "-c", str(conf))
    assert checked.returncode == 0, checked.stderr
    started = nginx("-c", str(conf))
    assert started.returncode == 0, started.stderr
    try:
        yield
    finally:
        nginx("-c", str(conf), "-s", "stop")
        for _ in range(50):
            if not (conf.parent / "nginx.pid").exists():
                break
            time.sleep(0.1)


@pytest.fixture
def site(tmp_path):
    http_port, https_port, upstream_port = PORT_BASE, PORT_BASE + 1, PORT_BASE + 2
    upstream = ThreadingHTTPServer(("127.0.0.1", upstream_port), Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    conf = site_for(tmp_path, http_port=http_port, https_port=https_port, upstream_port=upstream_port)
    static = tmp_path / "srv" / "static" / "css"
    static.mkdir(parents=True)
    css = ("body { color: #b00; }\n" * 200).encode()
    (static / "portal.0123456789ab.css").write_bytes(css)
    (static / "portal.0123456789ab.css.gz").write_bytes(gzip.compress(css))
    (tmp_path / "srv" / "media" / "tin-bai").mkdir(parents=True)
    (tmp_path / "srv" / "media" / "tin-bai" / "anh.jpg").write_bytes(b"\xff\xd8 public")
    (tmp_path / "srv" / "private_media" / "reports" / "1").mkdir(parents=True)
    (tmp_path / "srv" / "private_media" / "reports" / "1" / "anh.jpg").write_bytes(b"\xff\xd8 private photo")
    try:
        with running_nginx(conf):
            yield {"http": http_port, "https": https_port, "tmp": tmp_path, "css": css}
    finally:
        upstream.shutdown()
        upstream.server_close()


def get(port, path, *, tls=True, method="GET", headers=None, body=None):
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=20)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    connection.request(method, path, body=body, headers={"Host": "tuyentruyen.example.vn", **(headers or {})})
    response = connection.getresponse()
    content = response.read()
    connection.close()
    return response, content


@pytest.mark.nginx
@pytest.mark.slow
def test_nginx_serves_the_site_as_described(site):
    https = site["https"]
    # Plain http: only a redirect to https.
    response, _ = get(site["http"], "/tin-bai/", tls=False)
    assert response.status == 301 and response.getheader("Location") == "https://tuyentruyen.example.vn/tin-bai/"

    # Hashed static files: a year, immutable, the .gz written by collectstatic.
    response, content = get(https, "/static/css/portal.0123456789ab.css", headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.getheader("Content-Encoding") == "gzip" and gzip.decompress(content) == site["css"]
    assert response.getheader("X-Content-Type-Options") == "nosniff"

    # Public media from MEDIA_ROOT.
    response, content = get(https, "/media/tin-bai/anh.jpg")
    assert response.status == 200 and content == b"\xff\xd8 public"

    # The private folder cannot be asked for directly…
    response, _ = get(https, "/_private/reports/1/anh.jpg")
    assert response.status == 404
    # …only through the portal's answer, which keeps its headers (private cache).
    response, content = get(https, "/lam-viec/anh/1/")
    assert response.status == 200 and content == b"\xff\xd8 private photo"
    assert response.getheader("Content-Type") == "image/jpeg"
    assert response.getheader("Cache-Control") == "private, max-age=3600"
    assert response.getheader("X-Accel-Redirect") is None

    # Pages: proxied with the client's address (its own X-Forwarded-For replaced), compressed,
    # Django's headers not doubled, the header Django does not send added.
    response, content = get(https, "/", headers={"Accept-Encoding": "gzip", "X-Forwarded-For": "6.6.6.6"})
    assert response.status == 200 and "Hữu nghị" in gzip.decompress(content).decode()
    assert response.getheader("Content-Encoding") == "gzip"
    assert [v for k, v in response.getheaders() if k.lower() == "x-frame-options"] == ["DENY"]
    assert "camera=()" in response.getheader("Permissions-Policy")
    assert response.getheader("Server") == "nginx"  # no version
    seen = Upstream.seen["/"]
    assert seen["X-Forwarded-For"] == "127.0.0.1" and seen["X-Forwarded-Proto"] == "https"
    assert seen["Host"] == "tuyentruyen.example.vn"

    # A body over the limit is refused before it reaches the portal.
    (limit,) = directives("client_max_body_size")
    response, _ = get(https, "/lam-viec/", method="POST", headers={"Content-Length": str(size_in_bytes(limit) + 1)}, body=b"")
    assert response.status == 413
