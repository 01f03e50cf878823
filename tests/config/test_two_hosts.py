"""Two web hosts over one PostgreSQL and one Redis: two gunicorn instances (deploy/gunicorn.conf.py,
production settings, the same SECRET_KEY, one shared MEDIA_ROOT/PRIVATE_MEDIA_ROOT) on two ports,
driven over HTTP as a browser behind a load balancer would be, each request to either host.

- a sign-in made on host A is valid on host B, and signing out on B ends it on A;
- a citizen registers and starts an attempt on A, autosaves and submits it on B, sees the result on A;
- the quiz's rate limit counts requests to both hosts together (Redis), and so does the login
  lockout (django-axes, PostgreSQL);
- a report photo uploaded through A is served by B (shared storage), through the nginx site of
  deploy/ in front of B (B checks the permission, nginx sends the file: X-Accel-Redirect).

Ports: TWO_HOSTS_TEST_PORT (8120) and the next one."""

import http.cookiejar
import os
import secrets
import ssl
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
import urllib.error
import urllib.request
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest
from captcha.models import CaptchaStore
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils import timezone
from PIL import Image

from config.benchhttp import WSGI
from tests.conftest import ROOT
from tests.config.test_deploy import running_nginx, site_for
from tests.contests.conftest import make_contest, make_questions, make_round
from tests.factories import UnitFactory, make_officer

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PORT = int(os.environ.get("TWO_HOSTS_TEST_PORT", "8120"))
PASSWORD = "Mat-khau-dai-2022"
# Host B sits behind the nginx site of deploy/ in the photo test: it hands photos to nginx.
ACCEL = {"PRIVATE_MEDIA_ACCEL_REDIRECT": "/_private/"}
RESTORE_LIMIT = 4
AXES_LIMIT = 3


def officer_of(unit_name, username):
    """An officer whose password the servers can check: they know only the production hashers
    (the suite's own is MD5, tests/conftest.py)."""
    officer = make_officer(UnitFactory(name=unit_name), username=username)
    officer.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    officer.save(update_fields=["password"])
    return officer


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One browser: one cookie jar for both hosts (one site name behind a load balancer)."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        # nginx's certificate in the photo test is made by the test itself.
        unverified = ssl.create_default_context()
        unverified.check_hostname = False
        unverified.verify_mode = ssl.CERT_NONE
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect, urllib.request.HTTPSHandler(context=unverified),
        )

    def request(self, host, path, data=None, *, files=None):
        headers, body = {}, None
        if data is not None or files:
            fields = {"csrfmiddlewaretoken": self.csrf(), **(data or {})}
            if files:
                body, content_type = multipart(fields, files)
            else:
                body, content_type = urlencode(fields, doseq=True).encode(), "application/x-www-form-urlencoded"
            headers = {"Content-Type": content_type, "Referer": host + path}
        request = urllib.request.Request(host + path, data=body, headers=headers)
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        content = response.read()
        return response.status, response.headers, content

    def get(self, host, path):
        status, headers, content = self.request(host, path)
        return status, headers, content.decode(errors="replace")

    def post(self, host, path, data=None, **kwargs):
        status, headers, content = self.request(host, path, data or {}, **kwargs)
        return status, headers, content.decode(errors="replace")

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)

    def csrf(self):
        token = self.cookie("csrftoken")
        assert token, "chưa có cookie CSRF: hãy mở một trang có biểu mẫu trước"
        return token


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    out = BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
        )
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def wait_until_up(server, url, log):
    deadline = time.time() + 60
    while time.time() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"gunicorn dừng với mã {server.returncode}: {Path(log).read_text()[-2000:]}")
        try:
            urllib.request.urlopen(url + "/healthz", timeout=2).read()
            return
        except (OSError, urllib.error.URLError):
            time.sleep(0.3)
    raise AssertionError(f"gunicorn không trả lời {url}: {Path(log).read_text()[-2000:]}")


@pytest.fixture(scope="module")
def hosts(django_db_setup, tmp_path_factory):
    """Two gunicorn instances on the test database, sharing Redis, the key and the upload folders;
    started once for this module's tests (each test's rows are flushed after it)."""
    tmp_path = tmp_path_factory.mktemp("two_hosts")
    database = urlsplit(settings.DATABASE_URL)._replace(path="/" + connection.settings_dict["NAME"])
    # The layout of deploy/nginx/portal.conf, /srv/portal/… under this folder (tests/config/test_deploy.py).
    shared = tmp_path / "srv"
    key = secrets.token_urlsafe(50)
    wsgi_dir = Path(tempfile.mkdtemp(prefix="two_hosts_", dir=tmp_path))
    # Plain static URLs: this test runs no collectstatic (tests/conftest.py's plain_static_storage).
    (wsgi_dir / "two_hosts_wsgi.py").write_text(textwrap.dedent(WSGI.format(urlconf="config.urls")))
    env = {
        "PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8",
        "PYTHONPATH": f"{wsgi_dir}{os.pathsep}{ROOT}", "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": urlunsplit(database), "REDIS_URL": settings.REDIS_URL,
        "DEBUG": "0", "SECRET_KEY": key, "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0", "SECURE_HSTS_SECONDS": "0",
        "MEDIA_ROOT": str(shared / "media"), "PRIVATE_MEDIA_ROOT": str(shared / "private_media"),
        "CONTEST_RESTORE_PER_IP": str(RESTORE_LIMIT), "AXES_FAILURE_LIMIT": str(AXES_LIMIT),
        "GUNICORN_WORKERS": "1", "GUNICORN_THREADS": "2", "LOG_LEVEL": "WARNING",
    }
    servers, urls = [], []
    try:
        for n, port in enumerate((PORT, PORT + 1)):
            log = tmp_path / f"host-{n}.log"
            servers.append(subprocess.Popen(
                [str(Path(sys.executable).with_name("gunicorn")), "--config", str(ROOT / "deploy" / "gunicorn.conf.py"),
                 "two_hosts_wsgi:application"],
                cwd=ROOT, env={**env, **(ACCEL if n == 1 else {}),
                               "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_PROC_NAME": f"portal-host-{n}"},
                stdout=open(log, "w"), stderr=subprocess.STDOUT,
            ))
            urls.append(f"http://127.0.0.1:{port}")
        for server, url, n in zip(servers, urls, range(2)):
            wait_until_up(server, url, tmp_path / f"host-{n}.log")
        yield {"a": urls[0], "b": urls[1], "key": key, "shared": shared, "tmp": tmp_path}
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        _forget_rate_limits()


def _forget_rate_limits():
    """The counters this test left in the shared Redis (its client address is 127.0.0.1)."""
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    for name in client.scan_iter("portal:contests:rate:*"):
        client.delete(name)


def test_a_sign_in_made_on_one_host_is_valid_on_the_other(hosts):
    officer = officer_of("Đảng bộ Phường 1", "canbo.phuong1")
    browser = Browser()
    a, b = hosts["a"], hosts["b"]
    status, _, _ = browser.get(a, "/tai-khoan/dang-nhap/")
    assert status == 200
    status, headers, _ = browser.post(a, "/tai-khoan/dang-nhap/", {"username": officer.username, "password": PASSWORD})
    assert status == 302 and headers["Location"] == "/lam-viec/"
    status, _, page = browser.get(b, "/lam-viec/")
    assert status == 200 and officer.first_name in page and "Đăng xuất" in page
    # Signed out on B: the session is gone on A too.
    status, _, _ = browser.post(b, "/tai-khoan/dang-xuat/")
    assert status == 302
    status, headers, _ = browser.get(a, "/lam-viec/")
    assert status == 302 and headers["Location"].startswith("/tai-khoan/dang-nhap/")


def test_a_quiz_attempt_started_on_one_host_is_saved_and_submitted_on_the_other(hosts):
    from contests.models import Attempt, AttemptQuestion, Participant

    contest = make_contest(code="thi-hai-may", is_published=True)
    make_questions(contest)
    make_round(contest, 1)
    now = timezone.now()
    captchas = [CaptchaStore.objects.create(challenge="2x3", response="6", hashkey=secrets.token_hex(20),
                                            expiration=now + timedelta(minutes=10)) for _ in range(2)]
    browser = Browser()
    a, b = hosts["a"], hosts["b"]

    # Registered on A (the captcha answered there is checked in PostgreSQL).
    status, _, _ = browser.get(a, f"/cuoc-thi/{contest.code}/dang-ky/")
    assert status == 200
    status, _, page = browser.post(a, f"/cuoc-thi/{contest.code}/dang-ky/", {
        "full_name": "Nguyễn Văn An", "date_of_birth": "17/05/2000", "phone": "0912000001",
        "locality": "Phường 1, Đà Lạt", "consent_rules": "on", "consent_personal_data": "on",
        "captcha_0": captchas[0].hashkey, "captcha_1": "6",
    })
    assert status == 200 and browser.cookie("cuocthi"), page[:2000]
    participant = Participant.objects.get(contest=contest)

    # Started on A.
    status, headers, _ = browser.post(a, f"/cuoc-thi/{contest.code}/dot/1/bat-dau/",
                                      {"captcha_0": captchas[1].hashkey, "captcha_1": "6"})
    assert status == 302 and "/cuoc-thi/bai-thi/" in headers["Location"], headers
    attempt_path = urlsplit(headers["Location"]).path
    attempt = Attempt.objects.get(participant=participant)
    assert attempt_path == f"/cuoc-thi/bai-thi/{attempt.key}/"

    # The answer sheet and autosave on B.
    status, _, page = browser.get(b, attempt_path)
    assert status == 200 and "Câu hỏi số" in page
    status, _, body = browser.post(b, attempt_path + "luu/", {"position": 1, "choice": 2})
    assert status == 200 and '"saved": true' in body, body
    saved = AttemptQuestion.objects.get(attempt=attempt, position=1)
    assert saved.answered_at is not None

    # Submitted on B, the result shown by A.
    answers = {f"q{position}": 0 for position in range(1, attempt.items.count() + 1)}
    status, headers, _ = browser.post(b, attempt_path + "nop/", {**answers, "prediction": 100})
    assert status == 302 and headers["Location"].endswith("/ket-qua/")
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None
    status, _, page = browser.get(a, attempt_path + "ket-qua/")
    assert status == 200 and "Kết quả bài thi" in page
    assert f"{attempt.score}/{attempt.round.question_count} câu đúng" in page


def test_the_quiz_rate_limit_counts_both_hosts_together(hosts):
    contest = make_contest(code="thi-gioi-han", is_published=True)
    browser = Browser()
    a, b = hosts["a"], hosts["b"]
    path = f"/cuoc-thi/{contest.code}/dung-lai-dang-ky/"
    browser.get(a, path)
    statuses = []
    for n, host in enumerate([a, b, a, b, a, b]):
        status, _, page = browser.post(host, path, {"phone": f"09120000{n:02d}", "code": "SAI-MA-KHOI-PHUC"})
        statuses.append(status)
    # RESTORE_LIMIT (4) tries per address in all, whichever host answered: the fifth and sixth are
    # refused (counted per host, each would have seen 3, under the limit).
    assert statuses == [200, 200, 200, 200, 429, 429]
    assert "Bạn thao tác quá nhanh hoặc quá nhiều lần" in page


def test_the_login_lockout_counts_both_hosts_together(hosts):
    officer = officer_of("Đảng bộ Phường 2", "canbo.phuong2")
    browser = Browser()
    a, b = hosts["a"], hosts["b"]
    browser.get(a, "/tai-khoan/dang-nhap/")
    # Per host, A would count 2 failures and B 1, under the limit of 3; counted together they lock.
    for host in (a, b, a):
        status, _, page = browser.post(host, "/tai-khoan/dang-nhap/", {"username": officer.username, "password": "sai"})
    # Now even the right password is refused, on either host.
    for host in (b, a):
        status, _, page = browser.post(host, "/tai-khoan/dang-nhap/", {"username": officer.username, "password": PASSWORD})
        assert status == 429 and browser.cookie("sessionid") is None
    assert "Tạm khóa đăng nhập" in page


@pytest.mark.nginx
def test_a_photo_uploaded_through_one_host_is_served_by_the_other_behind_nginx(hosts):
    from campaign.models import Assignment, Measure, Plan, ReportingPeriod, ReportPhoto, Task

    plan = Plan.objects.create(
        code="hai-may", title="Kế hoạch thử hai máy", issuing_body="THÀNH ỦY ĐÀ LẠT", starts_on=date(2022, 1, 1),
        ends_on=date(2022, 12, 31), status=Plan.Status.IN_PROGRESS, lock_after_days=None,
    )
    measure = Measure.objects.create(plan=plan, code="so-bai", name="Số tin, bài viết", unit_label="bài", order=1)
    task = Task.objects.create(plan=plan, title="Đăng tin bài hằng tháng", schedule=Task.Schedule.MONTHLY)
    july = ReportingPeriod.objects.create(task=task, label="Tháng 7/2022", starts_on=date(2022, 7, 1),
                                          ends_on=date(2022, 7, 31), due_on=date(2022, 8, 5), order=0)
    officer = officer_of("Đảng bộ Phường 3", "canbo.phuong3")
    assignment = Assignment.objects.create(task=task, unit=officer.units.get())
    browser = Browser()
    a, b = hosts["a"], hosts["b"]
    browser.get(a, "/tai-khoan/dang-nhap/")
    status, _, _ = browser.post(a, "/tai-khoan/dang-nhap/", {"username": officer.username, "password": PASSWORD})
    assert status == 302

    picture = BytesIO()
    Image.new("RGB", (320, 200), "red").save(picture, format="JPEG")
    filing = f"/lam-viec/viec-cua-don-vi/{assignment.pk}/ky/{july.pk}/"
    status, _, _ = browser.get(a, filing)
    assert status == 200
    status, _, page = browser.post(
        a, filing, {"text": "<p>Đã tổ chức hội nghị.</p>", "links": "", f"measure_{measure.pk}": "5", "caption": "Hội nghị"},
        files={"photos": ("hoi-nghi.jpg", picture.getvalue(), "image/jpeg")},
    )
    assert status == 302, page[:3000]
    photo = ReportPhoto.objects.get(report__assignment=assignment)
    stored = Path(hosts["shared"] / "private_media" / photo.image.name)
    assert stored.is_file()

    # B checks the permission and names the file in the shared folder for nginx…
    status, headers, content = browser.request(b, f"/lam-viec/anh/{photo.pk}/")
    assert status == 200 and content == b""
    assert headers["X-Accel-Redirect"] == f"/_private/{photo.image.name}"
    # …and the nginx site of deploy/, in front of B, sends the bytes A stored.
    nginx_conf = site_for(hosts["tmp"], http_port=PORT + 2, https_port=PORT + 3, upstream_port=int(b.rsplit(":", 1)[1]))
    with running_nginx(nginx_conf):
        front = f"https://127.0.0.1:{PORT + 3}"
        for path, stored_name in ((f"/lam-viec/anh/{photo.pk}/", photo.image.name),
                                  (f"/lam-viec/anh/{photo.pk}/nho/", photo.thumbnail.name)):
            status, headers, content = browser.request(front, path)
            assert status == 200 and headers["Content-Type"] == "image/jpeg"
            assert headers["Cache-Control"] == "private, max-age=3600" and "X-Accel-Redirect" not in headers
            assert content == (hosts["shared"] / "private_media" / stored_name).read_bytes()
        # The folder itself is not reachable, and a stranger gets no photo through nginx either.
        status, _, _ = browser.request(front, f"/_private/{photo.image.name}")
        assert status == 404
        status, headers, _ = Browser().request(front, f"/lam-viec/anh/{photo.pk}/")
        assert status == 302 and "/tai-khoan/dang-nhap/" in headers["Location"]
    # The report page on B shows the photo uploaded through A.
    status, _, page = browser.get(b, filing)
    assert status == 200 and f"/lam-viec/anh/{photo.pk}/" in page
