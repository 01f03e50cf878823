"""`make faults`: the portal under a quiz load while its parts fail, and what it lost (python -m config.faults --help).

Everything runs on servers of its own, started here and removed afterwards: a throw-away
PostgreSQL cluster (initdb + pg_ctl in a temporary folder, as the `postgres` user when run as
root) and a redis-server, each on a free port, never the shared 5432/6379. On them: gunicorn
with deploy/gunicorn.conf.py, a Celery worker and Celery beat, production settings (DEBUG=0)
over plain http, supervised as systemd would (deploy/systemd: a process that dies is started
again after its RestartSec).

The load: browsers written in Python (threads, http.client), each taking quiz attempts as the
attempt page's script does (static/js/contest.js): the contest page, start, the attempt page,
ten autosaves and the prediction, then the submit with an idempotency key, sent again with the
same key after a network error or an answer that is not the server's JSON, until the server
says. Every submit the server acknowledged ({"submitted": true}) is written down with its
attempt, key and the score its answers should get.

The faults, one after the other, under that load:
  1. kill -9 one gunicorn worker (the master starts another);
  2. kill -9 the Celery worker (started again after 5 s, as portal-worker.service);
  3. kill -9 Redis (all it holds is lost: queue, cache, rate limits), started again after
     --redis-seconds; the daily reminder scan is moved (as staff may, in the admin) to the
     minute that falls inside this outage, and a task is made due tomorrow just before it;
  4. pg_ctl restart -m fast of PostgreSQL.
For each: what was done, the seconds until /healthz answered 200 again and until it said "ok",
and the errors the browsers saw meanwhile. Without the Celery worker or Redis the site must answer
every request (an error a browser sees then is a problem); a killed web worker or the database
restart may cost the requests in flight, never a submit.

Afterwards it closes the quiz's round and counts, in the database: every acknowledged submit
stored exactly once with its key and its score, none lost; the reminders of the scan that fell
in the outage sent afterwards, one e-mail each (the file e-mail backend's files are read) and
one notification each; the round ranked by the beat with every acknowledged attempt in it, and
its public ranking page showing it. Exit code 1 if anything is lost, doubled or not caught up.
"""

import argparse
import http.client
import json
import os
import pwd
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone as dt_timezone
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path(os.environ.get("FAULTS_PG_BIN", "/usr/lib/postgresql/15/bin"))
CODE = "thi-su-co"
CSRF = "f" * 32
QUESTIONS = 30
PER_ATTEMPT = 10
WSGI = '''
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
from django.conf import settings
# No collectstatic for a throw-away run: plain static URLs (the pages' HTML is what is tested).
settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
from django.core.wsgi import get_wsgi_application
application = get_wsgi_application()
'''


def arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m config.faults", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", default=os.environ.get("FAULTS_QUICK") == "1",
                        help="ngắn (cho kiểm thử): Redis dừng 5 giây, ít thời gian nghỉ giữa các sự cố (FAULTS_QUICK=1)")
    parser.add_argument("--redis-seconds", type=float, default=None, help="Redis dừng bao lâu (giây; 30, nhanh: 5)")
    parser.add_argument("--clients", type=int, default=None, help="số trình duyệt đồng thời (6, nhanh: 4)")
    parser.add_argument("--settle", type=float, default=None, help="giây tải bình thường trước và giữa các sự cố (10, nhanh: 4)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("FAULTS_PORT", "0")), help="cổng gunicorn (mặc định: một cổng trống)")
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("FAULTS_PG_PORT", "0")))
    parser.add_argument("--redis-port", type=int, default=int(os.environ.get("FAULTS_REDIS_PORT", "0")))
    parser.add_argument("--keep", action="store_true", help="giữ thư mục tạm (nhật ký, thư) sau khi chạy")
    parser.add_argument("--json", default="", help="ghi kết quả ra tệp JSON này")
    options = parser.parse_args(argv)
    options.redis_seconds = options.redis_seconds if options.redis_seconds is not None else (5.0 if options.quick else 30.0)
    options.clients = options.clients or (4 if options.quick else 6)
    options.settle = options.settle if options.settle is not None else (4.0 if options.quick else 10.0)
    return options


def say(text=""):
    print(text, flush=True)


def free_port(avoid=()):
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port not in avoid:
            return port


def port_free(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def children(pid):
    """The living children of pid (the kernel's list of each of its threads' children)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return sorted(child for child in set(found) if _state(child) not in ("Z", None))


def _state(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def descendants(pid):
    found, frontier = [], [pid]
    while frontier:
        frontier = [child for parent in frontier for child in children(parent)]
        found += frontier
    return found


# Servers of our own -------------------------------------------------------------------------


class Postgres:
    """A throw-away cluster: initdb into tmp, pg_ctl start/restart/stop, as `postgres` when we are root."""

    def __init__(self, tmp, port):
        self.port = port
        self.dir = Path(tmp) / "pg"
        self.log = Path(tmp) / "logs" / "postgresql.log"
        self.user = None
        if os.geteuid() == 0:
            self.user = pwd.getpwnam("postgres")
            os.chown(tmp, self.user.pw_uid, self.user.pw_gid)
            os.chown(self.log.parent, self.user.pw_uid, self.user.pw_gid)

    def run(self, *command, check=True):
        prefix = ["runuser", "-u", "postgres", "--"] if self.user else []
        return subprocess.run([*prefix, *command], check=check, capture_output=True, text=True, timeout=120)

    def init(self):
        self.run(str(PG_BIN / "initdb"), "-D", str(self.dir), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                 "--locale=C.UTF-8", "--no-sync")
        with open(self.dir / "postgresql.conf", "a") as conf:
            conf.write(f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.dir}'\n"
                       "max_connections = 100\nshared_buffers = 64MB\n")

    def pg_ctl(self, action, *extra):
        return self.run(str(PG_BIN / "pg_ctl"), "-D", str(self.dir), "-l", str(self.log), "-w", "-t", "60", *extra, action)

    def start(self):
        self.pg_ctl("start")

    def restart(self):
        self.pg_ctl("restart", "-m", "fast")

    def stop(self):
        if (self.dir / "postmaster.pid").exists():
            self.pg_ctl("stop", "-m", "immediate")

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


class Redis:
    """redis-server on its own port, memory only (what it holds is lost when it is killed)."""

    def __init__(self, tmp, port):
        self.port, self.dir, self.process = port, Path(tmp) / "redis", None
        self.dir.mkdir()
        self.log = Path(tmp) / "logs" / "redis.log"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.dir), "--logfile", str(self.log)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        import redis

        for _ in range(100):
            try:
                redis.Redis(port=self.port, socket_timeout=1).ping()
                return
            except redis.RedisError:
                time.sleep(0.1)
        raise RuntimeError("redis-server không khởi động")

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"


class Service:
    """A process supervised as systemd does with Restart=on-failure: started again RestartSec after it dies
    (a SIGKILL is a failure); what is left of its process group goes first, as KillMode=control-group."""

    def __init__(self, name, argv, env, log, restart_sec):
        self.name, self.argv, self.env, self.log, self.restart_sec = name, argv, env, log, restart_sec
        self.process, self.stopping, self.restarts = None, False, []
        self.thread = threading.Thread(target=self.watch, daemon=True)

    def spawn(self):
        with open(self.log, "a") as out:
            self.process = subprocess.Popen(self.argv, env=self.env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                            start_new_session=True)

    def start(self):
        self.spawn()
        self.thread.start()

    def watch(self):
        while not self.stopping:
            if self.process.poll() is not None and not self.stopping:
                died = time.time()
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                time.sleep(self.restart_sec)
                if self.stopping:
                    return
                self.spawn()
                self.restarts.append((died, time.time(), self.process.pid))
            time.sleep(0.2)

    def stop(self):
        self.stopping = True
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
        if self.process:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


# The browsers --------------------------------------------------------------------------------


class Ledger:
    """What the browsers saw: acknowledged submits, refusals, errors (thread-safe)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.acknowledged = []  # dicts: attempt key, submit key, expected score, at, tries
        self.errors = []  # (time, kind, what)
        self.requests = 0
        self.refused = []  # submits the server refused (4xx JSON)
        self.abandoned = []  # submits given up at the end of the run, never answered
        self.starts_failed = 0

    def error(self, kind, what):
        with self.lock:
            self.errors.append((time.time(), kind, what))

    def count(self):
        with self.lock:
            self.requests += 1


class NetworkError(Exception):
    pass


class Browser(threading.Thread):
    """One citizen after another, each taking one attempt as contest.js does."""

    def __init__(self, number, port, people, ledger, stop, finish_by):
        super().__init__(daemon=True, name=f"browser-{number}")
        self.port, self.people, self.ledger, self.stop, self.finish_by = port, people, ledger, stop, finish_by
        self.connection = None
        self.random = random.Random(number)

    # HTTP, one keep-alive connection, a new one after any error.
    def request(self, method, path, *, person, body=None, fetch=False):
        headers = {"Cookie": f"csrftoken={CSRF}; cuocthi={person['cookie']}", "X-Forwarded-For": person["ip"],
                   "Host": "127.0.0.1"}
        if body is not None:
            body = urlencode({"csrfmiddlewaretoken": CSRF, **body})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if fetch:
            headers["X-Requested-With"] = "fetch"
        self.ledger.count()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
            if response.getheader("Connection", "").lower() == "close":
                self.connection.close()
                self.connection = None
        except (OSError, http.client.HTTPException) as error:
            if self.connection is not None:
                self.connection.close()
            self.connection = None
            self.ledger.error("network", f"{method} {shape(path)} ({type(error).__name__})")
            raise NetworkError(str(error)) from None
        if response.status >= 500:
            self.ledger.error(f"http {response.status}", f"{method} {shape(path)}")
        return response.status, response.getheader("Location", ""), data.decode("utf-8", "replace")

    def run(self):
        while not self.stop.is_set():
            person = self.people.take()
            if person is None:
                return
            try:
                self.attempt(person)
            except NetworkError:
                pass  # gave up on this citizen before the submit: nothing was acknowledged

    def patiently(self, call, *, tries=8):
        """A request before the submit, tried again after a network error or a 5xx (a person reloads)."""
        for attempt in range(tries):
            try:
                status, location, text = call()
            except NetworkError:
                status = None
            if status is not None and status < 500:
                return status, location, text
            time.sleep(min(3.0, 0.5 * (attempt + 1)))
        raise NetworkError("gave up")

    def attempt(self, person):
        contest = f"/cuoc-thi/{CODE}/"
        # The home page first: a public page kept in the cache (Redis), as most visitors arrive.
        self.patiently(lambda: self.request("GET", "/", person=person))
        self.patiently(lambda: self.request("GET", contest, person=person))
        key = None
        for captcha in person["captchas"]:
            start = f"/cuoc-thi/{CODE}/dot/{self.people.round_number}/bat-dau/"
            status, location, _ = self.patiently(
                lambda: self.request("POST", start, person=person, body={"captcha_0": captcha, "captcha_1": "1"}))
            found = re.search(r"/cuoc-thi/bai-thi/([0-9a-f-]{36})/$", location)
            if status == 302 and found:
                key = found.group(1)
                break
        if key is None:
            with self.ledger.lock:
                self.ledger.starts_failed += 1
            return
        page = f"/cuoc-thi/bai-thi/{key}/"
        status, _, html = self.patiently(lambda: self.request("GET", page, person=person))
        sheet = parse_sheet(html)
        if status != 200 or len(sheet) != PER_ATTEMPT:
            self.ledger.error("bad page", f"{status} {len(sheet)} câu")
            return
        answers, expected = {}, 0
        for position, choices in sorted(sheet.items()):
            correct = next(index for index, text in choices if text.startswith("Phương án 1 "))
            right = self.random.random() < 0.6
            index = correct if right else next(index for index, _ in choices if index != correct)
            answers[position], expected = index, expected + right
            self.patiently(lambda: self.request("POST", page + "luu/", person=person, fetch=True,
                                                body={"position": position, "choice": index}), tries=4)
        prediction = self.random.randint(0, 500)
        self.patiently(lambda: self.request("POST", page + "luu/", person=person, fetch=True, body={"prediction": prediction}), tries=4)
        self.submit(person, page, answers, prediction, expected, key)

    def submit(self, person, page, answers, prediction, expected, key):
        submit_key = str(uuid.uuid4())
        body = {**{f"q{p}": i for p, i in answers.items()}, "prediction": prediction, "idempotency_key": submit_key}
        tries, first = 0, time.time()
        while True:
            tries += 1
            try:
                status, _, text = self.request("POST", page + "nop/", person=person, body=body, fetch=True)
                data = json.loads(text)
            except (NetworkError, ValueError):
                # contest.js: the same sheet and key again, after min(10 s, 1 s × tries).
                if time.time() > self.finish_by():
                    with self.ledger.lock:
                        self.ledger.abandoned.append({"attempt": key, "submit_key": submit_key})
                    return
                time.sleep(min(10.0, 1.0 * tries))
                continue
            with self.ledger.lock:
                if data.get("submitted"):
                    self.ledger.acknowledged.append({
                        "attempt": key, "submit_key": submit_key, "expected": expected, "at": time.time(),
                        "first_sent": first, "tries": tries,
                    })
                else:
                    self.ledger.refused.append({"attempt": key, "status": status, "error": data.get("error", "")})
            return


def shape(path):
    """A path with the attempt's key left out, to count errors by page."""
    return re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "…", path)


def parse_sheet(html):
    """{position: [(index, choice text)]} from the attempt page."""
    sheet = defaultdict(list)
    for position, index, text in re.findall(
        r'name="q(\d+)" value="(\d+)"[^>]*>\s*<span class="quiz-choice__letter">[^<]*</span>\s*'
        r'<span class="quiz-choice__text">([^<]*)</span>', html,
    ):
        sheet[int(position)].append((int(index), text))
    return dict(sheet)


class People:
    """The citizens prepared for the load, handed out one at a time."""

    def __init__(self, people, round_number):
        self.people, self.lock, self.next, self.round_number = people, threading.Lock(), 0, round_number

    def take(self):
        with self.lock:
            if self.next >= len(self.people):
                return None
            self.next += 1
            return self.people[self.next - 1]


# The run -------------------------------------------------------------------------------------


class Faults:
    def __init__(self, options):
        self.options = options
        self.tmp = tempfile.mkdtemp(prefix="portal_faults_")
        os.chmod(self.tmp, 0o755)
        (Path(self.tmp) / "logs").mkdir()
        (Path(self.tmp) / "mail").mkdir()
        self.logs = Path(self.tmp) / "logs"
        self.services = {}
        self.results = {"faults": [], "counts": {}, "problems": []}
        self.pg = self.redis = None

    # Set-up -----------------------------------------------------------------------------------

    def ports(self):
        taken = set()
        web = self.options.port or free_port(taken)
        taken.add(web)
        pg = self.options.pg_port or free_port(taken)
        taken.add(pg)
        rd = self.options.redis_port or free_port(taken)
        for port in (web, pg, rd):
            if not port_free(port):
                raise SystemExit(f"Cổng {port} đang bận.")
        return web, pg, rd

    def environment(self, pg_port, redis_port, web_port):
        values = {
            "DATABASE_URL": self.pg.url("portal_faults"), "REDIS_URL": self.redis.url(0),
            "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"http://127.0.0.1:{web_port}", "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0", "SECURE_HSTS_SECONDS": "0", "BEHIND_PROXY": "1",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": str(Path(self.tmp) / "mail"),
            "MEDIA_ROOT": str(Path(self.tmp) / "media"), "PRIVATE_MEDIA_ROOT": str(Path(self.tmp) / "private_media"),
            "GUNICORN_BIND": f"127.0.0.1:{web_port}", "GUNICORN_WORKERS": "2", "GUNICORN_THREADS": "4",
            "GUNICORN_ACCESS_LOG": "", "CELERY_WORKER_CONCURRENCY": "2", "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1", "DJANGO_SETTINGS_MODULE": "config.settings",
        }
        os.environ.update(values)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([self.tmp, str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        return env

    def run(self):
        started = time.time()
        web, pg_port, redis_port = self.ports()
        self.web_port = web
        try:
            say(f"Thư mục tạm: {self.tmp}")
            self.pg = Postgres(self.tmp, pg_port)
            self.pg.init()
            self.pg.start()
            self.redis = Redis(self.tmp, redis_port)
            self.redis.start()
            say(f"PostgreSQL riêng (initdb) ở 127.0.0.1:{pg_port}, Redis riêng ở 127.0.0.1:{redis_port}, gunicorn ở 127.0.0.1:{web}.")
            env = self.environment(pg_port, redis_port, web)
            subprocess.run([sys.executable, "-c", "import psycopg2; c = psycopg2.connect(host='127.0.0.1', port=%d, user='postgres', "
                            "dbname='postgres'); c.autocommit = True; c.cursor().execute('CREATE DATABASE portal_faults')" % pg_port],
                           check=True)
            import django

            django.setup()
            from django.core.management import call_command

            call_command("migrate", verbosity=0, interactive=False)
            people = self.prepare()
            Path(self.tmp, "faults_wsgi.py").write_text(WSGI)
            self.start_services(env)
            self.wait_healthy(120)
            say(f"Sẵn sàng sau {time.time() - started:.0f} giây (DEBUG=0, gunicorn 2 worker × 4 luồng, Celery worker, beat).")
            self.load_and_faults(people)
            self.check()
        finally:
            self.teardown()
        self.report(time.time() - started)
        return 1 if self.results["problems"] else 0

    def prepare(self):
        """A contest with one open round, its citizens (each with a signed cookie and captchas), and
        the people the reminders go to."""
        from captcha.models import CaptchaStore
        from django.utils import timezone

        from contests import identity
        from contests.models import Choice, Contest, Participant, Question, Round

        now = timezone.now()
        contest = Contest.objects.create(code=CODE, title="Cuộc thi thử sự cố", organiser="Ban Tuyên giáo",
                                         starts_on=date(2022, 1, 1), ends_on=date(2035, 1, 1), is_published=True)
        questions = Question.objects.bulk_create(
            Question(contest=contest, code=f"s{i:02d}", text=f"Câu hỏi thử số {i} về tình hữu nghị Việt Nam – Lào?")
            for i in range(QUESTIONS)
        )
        Choice.objects.bulk_create(
            Choice(question=q, text=f"Phương án {k + 1} của câu {q.code}", is_correct=k == 0, order=k)
            for q in questions for k in range(4)
        )
        self.round = Round.objects.create(contest=contest, number=1, opens_at=now - timedelta(hours=1),
                                          closes_at=now + timedelta(days=1), question_count=PER_ATTEMPT,
                                          time_limit_seconds=1800, max_attempts=None)
        count = 4000 if self.options.quick else 15000
        participants = Participant.objects.bulk_create(
            (Participant(contest=contest, full_name=f"Thí sinh thử {i}", date_of_birth=date(2000, 1, 1),
                         phone=f"09{i:08d}", consent_rules=True, consent_personal_data=True) for i in range(count)),
            batch_size=2000,
        )
        captchas = [CaptchaStore(challenge="1x1", response="1", hashkey=secrets.token_hex(20),
                                 expiration=now + timedelta(hours=3)) for _ in range(2 * count)]
        CaptchaStore.objects.bulk_create(captchas, batch_size=5000)
        people = []
        for i, p in enumerate(participants):
            people.append({"id": p.pk, "cookie": identity.cookie_value({contest.pk: p.pk}),
                           "ip": f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}",
                           "captchas": [c.hashkey for c in captchas[2 * i:2 * i + 2]]})
        return People(people, self.round.number)

    def start_services(self, env):
        bin_dir = Path(sys.executable).parent
        gunicorn = str(bin_dir / "gunicorn") if (bin_dir / "gunicorn").exists() else None
        celery = str(bin_dir / "celery")
        web = [gunicorn] if gunicorn else [sys.executable, "-m", "gunicorn"]
        self.services["gunicorn"] = Service(
            "gunicorn", [*web, "--config", str(ROOT / "deploy" / "gunicorn.conf.py"), "faults_wsgi:application"],
            env, self.logs / "web.log", 2)
        self.services["worker"] = Service(
            "Celery worker", [celery, "--app", "config", "worker", "--loglevel", "INFO", "--hostname", "faults-worker@%h"],
            env, self.logs / "worker.log", 5)
        self.services["beat"] = Service(
            "Celery beat", [celery, "--app", "config", "beat", "--loglevel", "INFO", "--pidfile=",
                            "--schedule", str(Path(self.tmp) / "beat-schedule")], env, self.logs / "beat.log", 5)
        for service in self.services.values():
            service.start()

    # Health -----------------------------------------------------------------------------------

    def health(self, timeout=10):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.web_port, timeout=timeout)
            connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            body = json.loads(response.read() or b"{}")
            connection.close()
            return response.status, body
        except (OSError, http.client.HTTPException, ValueError):
            return None, {}

    def wait_healthy(self, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            status, body = self.health()
            if status == 200 and body.get("status") == "ok":
                return
            time.sleep(0.5)
        raise RuntimeError(f"/healthz chưa trả lời “ok” sau {seconds} giây; xem {self.logs}")

    def probe(self):
        """/healthz every 0.2 s for the whole run, from a thread: (asked, answered, status, "ok"/"degraded"/…)."""
        while not self.probing.is_set():
            asked = time.time()
            status, body = self.health()
            self.probes.append((asked, time.time(), status, body.get("status")))
            time.sleep(0.2)

    def recovery(self, since, repaired, *, limit=120):
        """From the probes: seconds from `since` (the fault) until /healthz answered 200 again after its last
        failure (0: it never stopped), the longest stretch without a 200, the seconds from `repaired` (what was
        killed is back) until it said "ok" (every part up), and the longest a probe took."""
        deadline = repaired + limit
        ok_at = None
        while time.time() < deadline and ok_at is None:
            ok_at = next((done for asked, done, status, state in list(self.probes)
                          if asked >= repaired and status == 200 and state == "ok"), None)
            time.sleep(0.2)
        window = [p for p in list(self.probes) if p[1] >= since and (ok_at is None or p[0] <= ok_at)]
        failed = [p for p in window if p[2] != 200]
        back = since
        if failed:
            back = next((done for asked, done, status, _ in window if status == 200 and asked >= failed[-1][1]), None)
        answers = [since] + [done for _, done, status, _ in window if status == 200]
        gap = max((b - a for a, b in zip(answers, answers[1:])), default=0.0)
        slowest = max((done - asked for asked, done, _, _ in window), default=0.0)
        return {
            "seconds_to_200": round_seconds(back - since) if back is not None else None,
            "longest_without_200": round_seconds(gap),
            "seconds_to_ok_after_repair": round_seconds(ok_at - repaired) if ok_at else None,
            "slowest_health_probe": round_seconds(slowest), "ok_at": ok_at,
        }

    # Load and faults -------------------------------------------------------------------------

    def load_and_faults(self, people):
        self.ledger = Ledger()
        self.windows, self.probes, self.probing = [], [], threading.Event()
        threading.Thread(target=self.probe, daemon=True).start()
        self.stop = threading.Event()
        self.finish_by_time = float("inf")
        browsers = [Browser(i, self.web_port, people, self.ledger, self.stop, lambda: self.finish_by_time)
                    for i in range(self.options.clients)]
        for browser in browsers:
            browser.start()
        settle = self.options.settle
        say(f"Tải: {len(browsers)} trình duyệt làm bài thi liên tục (trang chủ, trang cuộc thi, bắt đầu, trang bài, 11 lần lưu, nộp bài).")
        time.sleep(settle)
        self.fault("Dừng đột ngột (kill -9) một worker gunicorn", self.kill_gunicorn_worker)
        time.sleep(settle)
        self.fault("Dừng đột ngột (kill -9) Celery worker; khởi động lại sau 5 giây như systemd", self.kill_celery_worker,
                   answers_throughout=True)
        time.sleep(settle)
        self.arrange_reminders()
        self.fault(f"Dừng đột ngột (kill -9) Redis {self.options.redis_seconds:g} giây (mất hết dữ liệu trong Redis), rồi khởi động lại",
                   self.stop_redis, answers_throughout=True)
        time.sleep(settle)
        self.fault("Khởi động lại PostgreSQL (pg_ctl restart -m fast)", self.restart_postgres)
        time.sleep(settle)
        # The end: no new attempt; the submits on their way are finished (retried) for up to a minute.
        self.people_stop = time.time()
        people.people = people.people[:people.next]
        self.finish_by_time = time.time() + 60
        for browser in browsers:
            browser.join(timeout=90)
        self.stop.set()
        self.probing.set()
        say(f"Tải dừng: {self.ledger.requests} yêu cầu, {len(self.ledger.acknowledged)} bài nộp được máy chủ xác nhận.")

    def fault(self, title, action, *, answers_throughout=False):
        """Run one fault: action() does it and returns (what it did, when what it broke was back).
        answers_throughout: the site must answer every request during it (nothing it serves needs the part)."""
        errors_before = len(self.ledger.errors)
        acknowledged_before = len(self.ledger.acknowledged)
        say("")
        say(f"Sự cố: {title}")
        since = time.time()
        what, repaired = action()
        health = self.recovery(since, repaired)
        end = health.pop("ok_at") or time.time()
        self.windows.append({"start": since, "end": end})
        time.sleep(2)
        with self.ledger.lock:
            errors = [e for e in self.ledger.errors[errors_before:] if e[0] <= end + 2]
            acknowledged = sum(1 for a in self.ledger.acknowledged[acknowledged_before:] if a["at"] <= end)
            after_repair = [a["at"] - repaired for a in self.ledger.acknowledged if a["at"] >= repaired]
        kinds = Counter(kind for _, kind, _ in errors)
        examples = Counter(f"{kind} {what}" for _, kind, what in errors).most_common(3)
        first_submit = min(after_repair, default=None)
        row = {"fault": title, "done": what, **health, "client_errors": dict(kinds), "error_examples": examples, "acknowledged_meanwhile": acknowledged,
               "first_submit_after_repair": round_seconds(first_submit), "seconds": round_seconds(end - since)}
        self.results["faults"].append(row)
        say(f"  Đã làm: {what}")
        if health["seconds_to_200"] == 0:
            say(f"  /healthz vẫn trả lời 200 suốt sự cố (lâu nhất {health['longest_without_200']:.1f} giây giữa hai câu trả lời 200)")
        else:
            say(f"  /healthz trả lời 200 trở lại sau {fmt(health['seconds_to_200'])} giây "
                f"(lâu nhất {fmt(health['longest_without_200'])} giây không có 200)")
        say(f"  “ok” (mọi phần) {fmt(health['seconds_to_ok_after_repair'])} giây sau khi phần bị hỏng trở lại; "
            f"bài nộp đầu tiên được xác nhận {fmt(first_submit)} giây sau đó; lần hỏi /healthz lâu nhất "
            f"{fmt(health['slowest_health_probe'])} giây")
        say(f"  Lỗi trình duyệt thấy trong lúc đó: {sum(kinds.values())}"
            + (" (" + ", ".join(f"{k}: {v}" for k, v in kinds.most_common()) + ")" if kinds else "")
            + f"; {acknowledged} bài nộp được xác nhận trong lúc đó")
        if examples:
            say("  Nhiều nhất: " + "; ".join(f"{what} ×{n}" for what, n in examples))
        if answers_throughout and errors:
            self.results["problems"].append(f"{title}: {len(errors)} lỗi trình duyệt thấy ({examples})")
        if health["seconds_to_200"] is None or health["seconds_to_ok_after_repair"] is None:
            self.results["problems"].append(f"{title}: cổng không trở lại “ok” sau 120 giây")

    def kill_gunicorn_worker(self):
        master = self.services["gunicorn"].process.pid
        workers = children(master)
        victim = random.choice(workers)
        os.kill(victim, signal.SIGKILL)
        killed = time.time()
        for _ in range(100):
            now = children(master)
            if len(now) >= len(workers) and victim not in now:
                break
            time.sleep(0.1)
        return (f"kill -9 worker pid {victim} (master {master}); master đã chạy worker mới: "
                f"{sorted(set(children(master)) - set(workers))}", killed)

    def kill_celery_worker(self):
        service = self.services["worker"]
        pid = service.process.pid
        pool = descendants(pid)
        os.kill(pid, signal.SIGKILL)
        killed = time.time()
        for _ in range(300):
            if service.restarts and service.restarts[-1][2] != pid:
                break
            time.sleep(0.1)
        restarted = service.restarts[-1][1] if service.restarts else time.time()
        return (f"kill -9 Celery worker pid {pid} (các tiến trình con {pool} bị dọn như systemd); "
                f"chạy lại pid {service.process.pid} sau {restarted - killed:.1f} giây"), restarted

    def arrange_reminders(self):
        """A task due tomorrow for a unit with an address and an officer, and the daily scan moved to the minute
        that falls inside the coming Redis outage (the outage is started so that a minute turns in it)."""
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.db import connections
        from django_celery_beat.models import CrontabSchedule, PeriodicTask

        from campaign.deadlines import local_today
        from campaign.models import Assignment, Plan, ReportingPeriod, Task, Unit
        from campaign.roles import OFFICER_GROUP

        connections.close_all()
        outage = self.options.redis_seconds
        # The minute turns `lead` seconds after Redis is killed: half-way through the outage.
        lead = outage / 2
        now = time.time()
        # At least 8 s after the change: beat reads a changed schedule within 5 s (DatabaseScheduler), and an
        # entry it reads after its minute has passed would wait for the next day.
        turn = (int((now + lead + 8) // 60) + 1) * 60
        self.redis_kill_at = turn - lead
        moment = datetime.fromtimestamp(turn, dt_timezone.utc)
        crontab = CrontabSchedule.objects.create(minute=str(moment.minute), hour=str(moment.hour), day_of_week="*",
                                                 day_of_month="*", month_of_year="*", timezone="UTC")
        scan = PeriodicTask.objects.get(task="campaign.tasks.scan_reminders")
        scan.crontab = crontab
        scan.save()
        today = local_today()
        unit = Unit.objects.create(code="don-vi-su-co", name="Đơn vị thử sự cố", kind=Unit.Kind.DEPARTMENT,
                                   emails="vanphong@suco.example")
        officer = get_user_model().objects.create(username="canbo.suco", email="canbo@suco.example", first_name="Cán bộ thử")
        officer.groups.add(Group.objects.get(name=OFFICER_GROUP))
        unit.members.add(officer)
        plan = Plan.objects.create(code="ke-hoach-su-co", title="Kế hoạch thử sự cố", issuing_body="BAN TUYÊN GIÁO",
                                   starts_on=today - timedelta(days=30), ends_on=today + timedelta(days=300),
                                   status=Plan.Status.IN_PROGRESS)
        task = Task.objects.create(plan=plan, title="Báo cáo thử sự cố")
        due = today + timedelta(days=1)
        period = ReportingPeriod.objects.create(task=task, label="Kỳ thử", starts_on=today - timedelta(days=30), ends_on=due, due_on=due)
        self.assignment = Assignment.objects.create(task=task, unit=unit)
        self.scan_turn = turn
        connections.close_all()
        say("")
        say(f"Nhắc hạn: nhiệm vụ “{task.title}” hạn {due:%d/%m/%Y} (bước “trước 1 ngày” rơi vào hôm nay); "
            f"lượt quét hằng ngày chuyển sang {moment:%H:%M} UTC, giữa lúc Redis dừng.")
        wait = self.redis_kill_at - time.time()
        if wait > 0:
            time.sleep(wait)

    def stop_redis(self):
        self.redis.kill()
        killed = time.time()
        time.sleep(max(0.0, killed + self.options.redis_seconds - time.time()))
        self.redis.start()
        back = time.time()
        return (f"kill -9 redis-server lúc {fmt_time(killed)}, chạy lại lúc {fmt_time(back)} "
                f"(lượt quét nhắc hạn đến hạn lúc {fmt_time(self.scan_turn)})"), back

    def restart_postgres(self):
        began = time.time()
        self.pg.restart()
        back = time.time()
        return f"pg_ctl restart -m fast, xong sau {back - began:.1f} giây", back

    # Counting ---------------------------------------------------------------------------------

    def check(self):
        from django.db import connections

        connections.close_all()
        self.check_submissions()
        self.check_ranking()
        self.check_reminders()

    def check_submissions(self):
        from contests.models import Attempt

        acknowledged = self.ledger.acknowledged
        keys = [a["attempt"] for a in acknowledged]
        stored = {str(a.key): a for a in Attempt.objects.filter(key__in=keys)}
        lost, wrong_key, wrong_score, by_clock = [], [], [], 0
        for a in acknowledged:
            row = stored.get(a["attempt"])
            if row is None or row.submitted_at is None or row.score is None:
                lost.append(a["attempt"])
                continue
            if str(row.submit_key) != a["submit_key"]:
                wrong_key.append(a["attempt"])
            if row.closed_by_clock:
                by_clock += 1
            elif row.score != a["expected"]:
                wrong_score.append((a["attempt"], row.score, a["expected"]))
        submitted = Attempt.objects.filter(round=self.round, submitted_at__isnull=False)
        per_person = Counter(submitted.values_list("participant_id", flat=True))
        attempts_per_person = Counter(Attempt.objects.filter(round=self.round).values_list("participant_id", flat=True))
        duplicates = sum(n - 1 for n in per_person.values() if n > 1) + (len(keys) - len(set(keys)))
        extra_attempts = sum(n - 1 for n in attempts_per_person.values() if n > 1)
        key_dupes = sum(n - 1 for n in Counter(k for k in submitted.values_list("submit_key", flat=True) if k).values() if n > 1)
        unacknowledged = submitted.count() - len(set(keys))
        counts = {
            "acknowledged": len(acknowledged), "stored": len(acknowledged) - len(lost), "duplicates": duplicates + key_dupes,
            "lost": len(lost), "wrong_submit_key": len(wrong_key), "wrong_score": len(wrong_score),
            "closed_by_clock": by_clock, "submitted_in_db": submitted.count(),
            "stored_not_acknowledged": unacknowledged, "refused": len(self.ledger.refused),
            "abandoned_by_browser": len(self.ledger.abandoned), "second_attempt_same_person": extra_attempts,
            "requests": self.ledger.requests, "client_errors": len(self.ledger.errors),
            "acknowledged_after_resending": sum(1 for a in acknowledged if a["tries"] > 1),
        }
        self.results["counts"]["submissions"] = counts
        say("")
        say("Bài nộp (đếm trong cơ sở dữ liệu):")
        say(f"  máy chủ xác nhận {counts['acknowledged']}, có trong cơ sở dữ liệu {counts['stored']} (đúng mã lần nộp, có điểm), "
            f"trùng {counts['duplicates']}, mất {counts['lost']}")
        say(f"  điểm khác điểm của các câu đã gửi: {len(wrong_score)}; sai mã lần nộp: {len(wrong_key)}; "
            f"chấm theo giờ: {by_clock}")
        say(f"  bài đã nộp trong cơ sở dữ liệu: {counts['submitted_in_db']} (trong đó {unacknowledged} chưa kịp xác nhận với "
            f"trình duyệt: trình duyệt bỏ cuộc {len(self.ledger.abandoned)}); bị từ chối: {len(self.ledger.refused)}; "
            f"người có hơn một lượt: {extra_attempts}; xác nhận sau khi gửi lại cùng mã: {counts['acknowledged_after_resending']}")
        if lost or wrong_key or wrong_score or counts["duplicates"]:
            self.results["problems"].append(
                f"bài nộp: mất {len(lost)}, trùng {counts['duplicates']}, sai mã {len(wrong_key)}, sai điểm {len(wrong_score)}")
        if not acknowledged:
            self.results["problems"].append("không có bài nộp nào được xác nhận")
        if self.ledger.refused:
            self.results["problems"].append(f"{len(self.ledger.refused)} bài nộp bị từ chối: {self.ledger.refused[:3]}")

    def check_ranking(self):
        """The round closes now; the beat's contests_tick ranks it (every minute); the public page shows it."""
        from django.utils import timezone

        from contests.models import Attempt, Round, RoundResult

        closed = timezone.now() - timedelta(seconds=11)
        Round.objects.filter(pk=self.round.pk).update(closes_at=closed)
        began = time.time()
        say("")
        say("Xếp hạng: đợt thi đóng lúc này; chờ tác vụ định kỳ của cuộc thi (mỗi phút) tính kết quả…")
        round = None
        while time.time() - began < 150:
            round = Round.objects.get(pk=self.round.pk)
            if round.results_computed_at:
                break
            time.sleep(1)
        if round is None or round.results_computed_at is None:
            self.results["problems"].append("xếp hạng: chưa được tính sau 150 giây")
            say("  CHƯA được tính sau 150 giây.")
            return
        seconds = time.time() - began
        results = {r.participant_id: r.score for r in RoundResult.objects.filter(round=round)}
        attempts = {str(a.key): (a.participant_id, a.score) for a in Attempt.objects.filter(key__in=[x["attempt"] for x in self.ledger.acknowledged])}
        outage_windows = [(f["start"], f["end"]) for f in self.windows]
        missing, during, during_missing = [], 0, 0
        for a in self.ledger.acknowledged:
            participant, score = attempts.get(a["attempt"], (None, None))
            inside = any(start <= a["at"] <= end for start, end in outage_windows)
            during += inside
            if participant is None or results.get(participant) != score:
                missing.append(a["attempt"])
                during_missing += inside
        people = Attempt.objects.filter(round=round, submitted_at__isnull=False).values("participant_id").distinct().count()
        page_ok = self.ranking_page(round)
        counts = {"seconds": round_seconds(seconds), "ranked": len(results), "people_submitted": people,
                  "acknowledged_missing": len(missing), "acknowledged_during_faults": during,
                  "during_faults_missing": during_missing, "public_page": page_ok}
        self.results["counts"]["ranking"] = counts
        say(f"  tính xong sau {seconds:.0f} giây: {len(results)} người được xếp hạng / {people} người đã nộp bài; "
            f"bài nộp được xác nhận mà thiếu trong xếp hạng: {len(missing)} (trong đó nộp trong lúc sự cố: "
            f"{during_missing} / {during}); trang xếp hạng công khai: {'đúng' if page_ok else 'SAI'}")
        if missing or len(results) != people or not page_ok:
            self.results["problems"].append(f"xếp hạng: thiếu {len(missing)}, {len(results)} xếp hạng / {people} người, trang {page_ok}")

    def ranking_page(self, round):
        from contests.models import RoundResult

        first = RoundResult.objects.filter(round=round).order_by("rank").select_related("participant").first()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.web_port, timeout=10)
            connection.request("GET", f"/cuoc-thi/{CODE}/dot/{round.number}/ket-qua/", headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            page = response.read().decode()
        except (OSError, http.client.HTTPException):
            return False
        return response.status == 200 and first is not None and first.participant.full_name in page

    def check_reminders(self):
        """The scan that fell inside the Redis outage: recorded, its e-mails sent once each, its notifications written once."""
        from campaign.models import Notification, Reminder

        say("")
        say("Nhắc hạn của lượt quét rơi vào lúc Redis dừng:")
        began = time.time()
        rows = []
        while time.time() - began < 150:
            rows = list(Reminder.objects.filter(assignment=self.assignment))
            emails = [r for r in rows if r.channel == Reminder.Channel.EMAIL]
            if emails and all(r.status == Reminder.Status.SENT for r in emails):
                break
            time.sleep(1)
        emails = [r for r in rows if r.channel == Reminder.Channel.EMAIL]
        portal = [r for r in rows if r.channel == Reminder.Channel.PORTAL]
        copies = mail_copies(Path(self.tmp) / "mail")
        sent_once = sum(1 for r in emails if r.status == Reminder.Status.SENT and copies.get(r.pk) == 1)
        doubled = sum(1 for r in emails if copies.get(r.pk, 0) > 1)
        notifications = Notification.objects.filter(reminder__in=portal).count()
        first_sent = min((r.sent_at for r in emails if r.sent_at), default=None)
        late = (first_sent.timestamp() - self.scan_turn) if first_sent else None
        recorded_at = min((r.created_at for r in rows), default=None)
        counts = {"emails": len(emails), "sent_once": sent_once, "doubled": doubled,
                  "not_sent": len(emails) - sent_once - doubled, "portal": len(portal), "notifications": notifications,
                  "recorded_after_due_seconds": round_seconds(recorded_at.timestamp() - self.scan_turn) if recorded_at else None,
                  "sent_after_due_seconds": round_seconds(late)}
        self.results["counts"]["reminders"] = counts
        say(f"  ghi nhận {len(rows)} nhắc hạn ({fmt(counts['recorded_after_due_seconds'])} giây sau giờ quét); e-mail: {len(emails)}, "
            f"gửi đúng một lần {sent_once}, gửi hai lần {doubled}, chưa gửi {counts['not_sent']} "
            f"(thư đầu tiên {fmt(late)} giây sau giờ quét); thông báo trên cổng: {notifications} / {len(portal)}")
        if not emails or sent_once != len(emails) or notifications != len(portal) or not portal:
            self.results["problems"].append(f"nhắc hạn: {counts}")

    # End --------------------------------------------------------------------------------------

    def teardown(self):
        from django.db import connections

        try:
            connections.close_all()
        except Exception:
            pass
        for service in reversed(list(self.services.values())):
            service.stop()
        if self.redis:
            self.redis.kill()
        if self.pg:
            try:
                self.pg.stop()
            except subprocess.SubprocessError:
                pass
        if self.options.keep or self.results["problems"]:
            say(f"Giữ thư mục tạm (nhật ký, thư): {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def report(self, seconds):
        restarts = {name: len(s.restarts) for name, s in self.services.items()}
        self.results["restarts"] = restarts
        self.results["seconds"] = round_seconds(seconds)
        self.results["load"] = list(os.getloadavg())
        say("")
        say(f"Tiến trình được khởi động lại (như systemd): {restarts}. Thời gian chạy: {seconds:.0f} giây; "
            f"tải máy {os.getloadavg()[0]:.1f} (máy dùng chung: thời gian là gần đúng).")
        if self.results["problems"]:
            say("KẾT QUẢ: CÓ VẤN ĐỀ:")
            for problem in self.results["problems"]:
                say(f"  - {problem}")
        else:
            say("KẾT QUẢ: không mất, không trùng bài nộp nào; nhắc hạn, thông báo và xếp hạng đều được bù sau sự cố.")
        if self.options.json:
            Path(self.options.json).write_text(json.dumps(self.results, ensure_ascii=False, indent=1, default=str))


def mail_copies(folder):
    """{reminder id: copies} from the file e-mail backend's files (Message-ID <nhac-han-<id>@host>)."""
    copies = Counter()
    for path in folder.glob("*"):
        for found in re.findall(r"^Message-ID: <nhac-han-(\d+)@", path.read_text(errors="replace"), re.M):
            copies[int(found)] += 1
    return copies


def fmt(value):
    return "–" if value is None else f"{value:.1f}"


def fmt_time(moment):
    return datetime.fromtimestamp(moment, dt_timezone.utc).strftime("%H:%M:%S UTC")


def round_seconds(value):
    return None if value is None else round(value, 1)


def main(argv=None):
    options = arguments(argv)
    if not (PG_BIN / "initdb").exists() or not shutil.which("redis-server"):
        say(f"Cần PostgreSQL ({PG_BIN}/initdb, Debian: postgresql-15) và redis-server (Debian: redis-server).")
        return 2
    return Faults(options).run()


if __name__ == "__main__":
    sys.exit(main())
