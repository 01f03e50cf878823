"""`make bench`, quiz over HTTP: start + submit through gunicorn on PostgreSQL,
beside one INSERT in a transaction measured in the same run.

bench_contests measures the services in threads of one process, where the GIL
is the limit. Here the portal runs as it does in production: gunicorn workers
(gthread, persistent database connections, DEBUG=0) on a throw-away database;
--clients processes, each with one keep-alive HTTP connection, play citizens:

- start: POST the start form (CSRF token, a pre-solved captcha) and GET the
  attempt page it redirects to;
- submit: POST the sheet, 10 answers and a prediction.

Every citizen is a participant of their own, made in the database beforehand
with the session the real registration would leave (contest -> participant id).
Then, for as many seconds, the same clients POST /_bench/insert/, a bench-only
view (contests/bench_urls.py) doing one INSERT in a transaction: the ceiling.
"""

import http.client
import multiprocessing
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, connections
from django.test.utils import override_settings
from django.utils import timezone

SKIP = "Bỏ qua đo qua HTTP: cần PostgreSQL (DATABASE_URL=postgres://…); cơ sở dữ liệu hiện tại là {vendor}."
CSRF = "b" * 32  # an unmasked CSRF secret, sent as the cookie and as the form field
CODE = "bench-http"
WSGI = '''
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
from django.conf import settings
settings.ROOT_URLCONF = "contests.bench_urls"
# No collectstatic needed for a bench: plain static URLs.
settings.STORAGES = {**settings.STORAGES,
                     "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
from django.core.wsgi import get_wsgi_application
application = get_wsgi_application()
'''


def percentile(values, share):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """One browser: a keep-alive connection and its cookies."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method, path, session=None, data=None):
        headers = {"Cookie": f"csrftoken={CSRF}" + (f"; sessionid={session}" if session else "")}
        body = None
        if method == "POST":
            body = urlencode({"csrfmiddlewaretoken": CSRF, **(data or {})})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        response.read()
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return response.status, response.getheader("Location", "")


def citizen(client, start_path, session, captcha, n):
    """Start (POST + attempt page) and submit one attempt; (start s, submit s) or an error string."""
    began = time.perf_counter()
    status, location = client.request("POST", start_path, session, {"captcha_0": captcha, "captcha_1": "1"})
    if status != 302 or "/bai-thi/" not in location:
        return f"bắt đầu: {status} {location}"
    attempt = urlsplit(location).path
    status, _ = client.request("GET", attempt, session)
    if status != 200:
        return f"trang bài thi: {status}"
    started = time.perf_counter()
    answers = {f"q{position}": (position + n) % 3 for position in range(1, 11)}
    status, location = client.request("POST", attempt + "nop/", session, {**answers, "prediction": n})
    if status != 302 or not location.endswith("/ket-qua/"):
        return f"nộp bài: {status} {location}"
    return started - began, time.perf_counter() - started


def client_main(port, start_path, people, phases, results):
    """A client process: phase 1 start + submit with its people, phase 2 the one-INSERT view."""
    client = Client(port)
    (warm_session, warm_captcha), *people = people
    outcome = {"start": [], "submit": [], "cycle": [], "insert": [], "errors": [], "ran_out": False}
    try:
        citizen(client, start_path, warm_session, warm_captcha, 0)
        for _ in range(5):
            client.request("POST", "/_bench/insert/")
        (begin, end), (begin2, end2) = phases
        time.sleep(max(0.0, begin - time.time()))
        n = 0
        while time.time() < end:
            if n >= len(people):
                outcome["ran_out"] = True
                break
            session, captcha = people[n]
            began = time.perf_counter()
            result = citizen(client, start_path, session, captcha, n)
            n += 1
            if isinstance(result, str):
                outcome["errors"].append(result)
                continue
            outcome["cycle"].append(time.perf_counter() - began)
            outcome["start"].append(result[0])
            outcome["submit"].append(result[1])
        outcome["end"] = time.time()
        time.sleep(max(0.0, begin2 - time.time()))
        while time.time() < end2:
            began = time.perf_counter()
            status, _ = client.request("POST", "/_bench/insert/")
            if status != 200:
                outcome["errors"].append(f"INSERT: {status}")
                continue
            outcome["insert"].append(time.perf_counter() - began)
        outcome["end2"] = time.time()
    except Exception as error:  # noqa: BLE001 – reported by the parent
        outcome["errors"].append(f"{type(error).__name__}: {error}")
    results.put(outcome)


class Command(BaseCommand):
    help = "Đo bắt đầu + nộp bài qua HTTP (gunicorn, PostgreSQL) bên cạnh trần một INSERT trong giao dịch."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=10.0, help="thời gian đo mỗi phần (giây)")
        parser.add_argument("--workers", type=int, default=2, help="số worker gunicorn")
        parser.add_argument("--threads", type=int, default=2, help="số luồng mỗi worker gunicorn (gthread)")
        parser.add_argument("--clients", type=int, default=16, help="số client HTTP đồng thời (mỗi client một tiến trình)")

    def handle(self, *args, seconds, workers, threads, clients, **options):
        if connection.vendor != "postgresql":
            self.stdout.write(SKIP.format(vendor=connection.vendor))
            return
        old_name = connection.settings_dict["NAME"]
        connection.settings_dict.setdefault("TEST", {})["NAME"] = f"test_{old_name}_bench_http"
        bench_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            self.run(bench_name, seconds, workers, threads, clients)
        finally:
            connections.close_all()
            connection.creation.destroy_test_db(old_name, verbosity=0)

    def prepare(self, per_client, clients):
        """The contest, its open round and clients × per_client participants, sessions, captchas."""
        from captcha.models import CaptchaStore
        from django.contrib.sessions.backends.db import SessionStore
        from django.contrib.sessions.models import Session

        from contests.models import Choice, Contest, Participant, Question, Round
        from contests.views import SESSION_KEY

        now = timezone.now()
        contest = Contest.objects.create(
            code=CODE, title="Cuộc thi đo qua HTTP", organiser="BTG", starts_on=date(2022, 1, 1), ends_on=date(2030, 1, 1),
        )
        questions = Question.objects.bulk_create(
            Question(contest=contest, code=f"q{i}", text=f"Câu {i}") for i in range(10)
        )
        Choice.objects.bulk_create(
            Choice(question=q, text=f"Phương án {k}", is_correct=k == 0, order=k) for q in questions for k in range(3)
        )
        Round.objects.create(
            contest=contest, number=1, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=6),
            question_count=10, time_limit_seconds=600, max_attempts=None,
        )
        total = per_client * clients
        people = Participant.objects.bulk_create(
            (Participant(contest=contest, full_name=f"Người {i}", date_of_birth=date(2000, 1, 1), phone=f"09{i:08d}",
                         consent_rules=True, consent_personal_data=True) for i in range(total)),
            batch_size=5000,
        )
        store = SessionStore()
        expires = now + timedelta(days=1)
        # Signed with the server's key, as the server would have signed them.
        with override_settings(SECRET_KEY=self.secret_key):
            sessions = [
                Session(session_key=secrets.token_hex(16), expire_date=expires,
                        session_data=store.encode({SESSION_KEY: {str(contest.pk): person.pk}}))
                for person in people
            ]
        Session.objects.bulk_create(sessions, batch_size=5000)
        # Solved captchas, one per start: a correct answer deletes its challenge.
        captchas = [
            CaptchaStore(challenge="1x1", response="1", hashkey=secrets.token_hex(20), expiration=now + timedelta(hours=1))
            for _ in range(total)
        ]
        CaptchaStore.objects.bulk_create(captchas, batch_size=5000)
        pairs = [(s.session_key, c.hashkey) for s, c in zip(sessions, captchas)]
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE bench_ping (id bigserial PRIMARY KEY, at timestamptz DEFAULT now())")
            cursor.execute("ANALYZE")
        return [pairs[i * per_client:(i + 1) * per_client] for i in range(clients)]

    def server_env(self, bench_name, tmp):
        url = urlsplit(settings.DATABASE_URL)
        env = {
            **os.environ,
            "DATABASE_URL": urlunsplit(url._replace(path="/" + bench_name)),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            # Production settings, without TLS (gunicorn is reached over plain HTTP here).
            "DEBUG": "0",
            "SECRET_KEY": self.secret_key,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "LOG_LEVEL": "WARNING",
            # Every client comes from 127.0.0.1: the per-IP limits would refuse them.
            "CONTEST_START_PER_IP": "1000000000",
            "CONTEST_SUBMIT_PER_IP": "1000000000",
            "PYTHONPATH": os.pathsep.join([tmp, str(settings.BASE_DIR), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        }
        env.pop("REDIS_URL", None)  # per-worker local cache; Celery eager (nothing is queued on submit)
        return env

    def run(self, bench_name, seconds, workers, threads, clients):
        # Starts can never outrun the one-INSERT ceiling (~1,500/s here): enough people for that, plus a warm-up each.
        per_client = int(seconds * 1500 / clients) + 2
        self.secret_key = secrets.token_urlsafe(50)
        groups = self.prepare(per_client, clients)
        connections.close_all()
        port = free_port()
        with tempfile.TemporaryDirectory(prefix="bench_http_") as tmp:
            Path(tmp, "bench_http_wsgi.py").write_text(textwrap.dedent(WSGI))
            gunicorn = Path(sys.executable).with_name("gunicorn")
            command = [str(gunicorn)] if gunicorn.exists() else [sys.executable, "-m", "gunicorn"]
            server = subprocess.Popen(
                [*command, "bench_http_wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
                 "--worker-class", "gthread", "--threads", str(threads), "--keep-alive", "30",
                 "--chdir", str(settings.BASE_DIR), "--log-level", "warning"],
                env=self.server_env(bench_name, tmp), cwd=str(settings.BASE_DIR),
            )
            try:
                self.wait_for(server, port)
                outcomes = self.load(port, groups, seconds)
            finally:
                server.terminate()  # gunicorn's master stops its workers
                try:
                    server.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
        self.report(outcomes, seconds, workers, threads, clients)

    def wait_for(self, server, port, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn dừng với mã {server.returncode}")
            try:
                status, _ = Client(port).request("POST", "/_bench/insert/")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn không trả lời sau 30 giây")

    def load(self, port, groups, seconds):
        context = multiprocessing.get_context("fork")
        results = context.Queue()
        start_path = f"/cuoc-thi/{CODE}/dot/1/bat-dau/"
        warm_up = 3.0
        begin = time.time() + warm_up
        phases = ((begin, begin + seconds), (begin + seconds + 1.0, begin + 2 * seconds + 1.0))
        pool = [
            context.Process(target=client_main, args=(port, start_path, people, phases, results))
            for people in groups
        ]
        for process in pool:
            process.start()
        outcomes = [results.get(timeout=2 * seconds + warm_up + 120) for _ in pool]
        for process in pool:
            process.join()
        for outcome in outcomes:
            outcome.setdefault("end", begin + seconds)
            outcome.setdefault("end2", begin + 2 * seconds + 1.0)
        self.phases = phases
        return outcomes

    def report(self, outcomes, seconds, workers, threads, clients):
        (begin, _), (begin2, _) = self.phases
        every = {key: [v for o in outcomes for v in o[key]] for key in ("cycle", "start", "submit", "insert")}
        span = max(o["end"] for o in outcomes) - begin
        span2 = max(o["end2"] for o in outcomes) - begin2
        rate = len(every["cycle"]) / span
        ceiling = len(every["insert"]) / span2
        self.stdout.write(
            f"Bắt đầu + nộp bài qua HTTP (gunicorn {workers} worker × {threads} luồng, {clients} client): "
            f"{rate:.0f} lượt/giây, p50 {percentile(every['cycle'], 0.5):.1f} ms, p99 {percentile(every['cycle'], 0.99):.1f} ms | "
            f"trần (một INSERT trong giao dịch): {ceiling:.0f} yêu cầu/giây, "
            f"p50 {percentile(every['insert'], 0.5):.1f} ms, p99 {percentile(every['insert'], 0.99):.1f} ms | "
            f"tỷ lệ: {100 * rate / ceiling if ceiling else 0:.0f} %"
        )
        self.stdout.write(
            f"  trong đó bắt đầu (POST + trang bài thi): p50 {percentile(every['start'], 0.5):.1f} ms, "
            f"p99 {percentile(every['start'], 0.99):.1f} ms; nộp bài: p50 {percentile(every['submit'], 0.5):.1f} ms, "
            f"p99 {percentile(every['submit'], 0.99):.1f} ms"
        )
        errors = [e for o in outcomes for e in o["errors"]]
        if errors:
            self.stdout.write(f"  {len(errors)} yêu cầu lỗi, ví dụ: {errors[0]}")
        if any(o["ran_out"] for o in outcomes):
            self.stdout.write("  Cảnh báo: có client dùng hết thí sinh chuẩn bị trước khi hết giờ đo.")
