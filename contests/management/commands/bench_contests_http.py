"""`make bench`, quiz over HTTP: autosave, submit, and the whole attempt (start +
page + submit) through gunicorn on PostgreSQL, beside one INSERT in a
transaction measured in the same run.

bench_contests measures the services in threads of one process, where the GIL
is the limit. Here the portal runs as it does in production: gunicorn workers
(gthread, persistent database connections, DEBUG=0) on a throw-away database;
--clients processes, each with one keep-alive HTTP connection, play citizens,
in four phases of --seconds each:

1. the whole attempt: POST the start form (CSRF token, a pre-solved captcha),
   GET the attempt page it redirects to, POST the sheet (10 answers and a
   prediction);
2. autosave: POST one answer (position, choice) of an attempt started
   beforehand, ten answers per attempt (the quiz's most frequent request);
3. submit alone: POST the sheet of one of those attempts (the figure
   the issue aims at 50 % of the ceiling);
4. the ceiling: POST /_bench/insert/, a bench-only view (contests/bench_urls.py)
   doing one INSERT in a transaction, through the same server.

Every citizen is a participant of their own, made in the database beforehand
with the signed cookie the real registration would leave (contests.identity).
"""

import http.client
import multiprocessing
import os
import secrets
import time
from datetime import date, timedelta
from urllib.parse import urlencode, urlsplit

from django.core.management.base import BaseCommand
from django.db import connection, connections
from django.test.utils import override_settings
from django.utils import timezone

from config.benchhttp import SKIP, add_server_arguments, gunicorn, percentile, server_env, throwaway_database

CSRF = "b" * 32  # an unmasked CSRF secret, sent as the cookie and as the form field
CODE = "bench-http"
IDENTITY = "cuocthi"  # contests.identity.COOKIE


class Client:
    """One browser: a keep-alive connection and its cookies."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method, path, cookie=None, data=None):
        headers = {"Cookie": f"csrftoken={CSRF}" + (f"; {IDENTITY}={cookie}" if cookie else "")}
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


def citizen(client, start_path, cookie, captcha, n):
    """Start (POST + attempt page) and submit one attempt; (start s, submit s) or an error string."""
    began = time.perf_counter()
    status, location = client.request("POST", start_path, cookie, {"captcha_0": captcha, "captcha_1": "1"})
    if status != 302 or "/bai-thi/" not in location:
        return f"bắt đầu: {status} {location}"
    attempt = urlsplit(location).path
    status, _ = client.request("GET", attempt, cookie)
    if status != 200:
        return f"trang bài thi: {status}"
    started = time.perf_counter()
    answers = {f"q{position}": (position + n) % 3 for position in range(1, 11)}
    status, location = client.request("POST", attempt + "nop/", cookie, {**answers, "prediction": n})
    if status != 302 or not location.endswith("/ket-qua/"):
        return f"nộp bài: {status} {location}"
    return started - began, time.perf_counter() - started


def timed_loop(outcome, end, supply, step):
    """Run step(item, n) on each item of supply until `end`; step returns latencies or an error string."""
    n = 0
    while time.time() < end:
        if n >= len(supply):
            outcome["ran_out"] = True
            break
        result = step(supply[n], n)
        n += 1
        if isinstance(result, str):
            outcome["errors"].append(result)
            continue
        for key, value in result.items():
            outcome[key].append(value)
    return time.time()


def client_main(port, start_path, people, attempts, phases, results):
    """A client process: whole attempts with its people, then submits of its started attempts, then the INSERT."""
    client = Client(port)
    (warm_cookie, warm_captcha), *people = people
    outcome = {key: [] for key in ("start", "submit", "cycle", "autosave", "submit_only", "insert", "errors")}
    outcome["ran_out"] = False

    def whole(person, n):
        began = time.perf_counter()
        result = citizen(client, start_path, *person, n)
        if isinstance(result, str):
            return result
        return {"cycle": time.perf_counter() - began, "start": result[0], "submit": result[1]}

    def autosave(item, n):
        (cookie, key), position = item
        began = time.perf_counter()
        status, _ = client.request("POST", f"/cuoc-thi/bai-thi/{key}/luu/", cookie, {"position": position, "choice": n % 3})
        if status != 200:
            return f"lưu câu trả lời: {status}"
        return {"autosave": time.perf_counter() - began}

    def submit_only(item, n):
        cookie, key = item
        answers = {f"q{position}": (position + n) % 3 for position in range(1, 11)}
        began = time.perf_counter()
        status, location = client.request("POST", f"/cuoc-thi/bai-thi/{key}/nop/", cookie, {**answers, "prediction": n})
        if status != 302 or not location.endswith("/ket-qua/"):
            return f"nộp bài: {status} {location}"
        return {"submit_only": time.perf_counter() - began}

    def insert(_, n):
        began = time.perf_counter()
        status, _ = client.request("POST", "/_bench/insert/")
        if status != 200:
            return f"INSERT: {status}"
        return {"insert": time.perf_counter() - began}

    try:
        citizen(client, start_path, warm_cookie, warm_captcha, 0)
        for _ in range(5):
            client.request("POST", "/_bench/insert/")
        # Autosaves answer the started attempts, ten answers each, before they are submitted.
        answers = [(attempt, position) for attempt in attempts for position in range(1, 11)]
        steps = [(people, whole), (answers, autosave), (attempts, submit_only), (range(10**9), insert)]
        for (begin, end), (supply, step) in zip(phases, steps):
            time.sleep(max(0.0, begin - time.time()))
            outcome.setdefault("ends", []).append(timed_loop(outcome, end, supply, step))
    except Exception as error:  # noqa: BLE001 – reported by the parent
        outcome["errors"].append(f"{type(error).__name__}: {error}")
    results.put(outcome)


class Command(BaseCommand):
    help = "Đo bắt đầu + nộp bài qua HTTP (gunicorn, PostgreSQL) bên cạnh trần một INSERT trong giao dịch."

    def add_arguments(self, parser):
        add_server_arguments(parser, seconds=10.0)
        parser.add_argument("--clients", type=int, default=16, help="số client HTTP đồng thời (mỗi client một tiến trình)")

    def handle(self, *args, seconds, workers, threads, clients, **options):
        if connection.vendor != "postgresql":
            self.stdout.write(SKIP.format(vendor=connection.vendor))
            return
        with throwaway_database("bench_http") as bench_name:
            self.run(bench_name, seconds, workers, threads, clients)

    def prepare(self, per_client, clients):
        """The contest, its open round and clients × per_client participants, their cookies, captchas."""
        from captcha.models import CaptchaStore

        from contests import identity
        from contests.models import Choice, Contest, Participant, Question, Round

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
        round = Round.objects.create(
            contest=contest, number=1, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=6),
            question_count=10, time_limit_seconds=600, max_attempts=None,
        )
        total = per_client * clients
        people = Participant.objects.bulk_create(
            (Participant(contest=contest, full_name=f"Người {i}", date_of_birth=date(2000, 1, 1), phone=f"09{i:08d}",
                         consent_rules=True, consent_personal_data=True) for i in range(total)),
            batch_size=5000,
        )
        # The signed cookie registration leaves, signed with the server's key.
        with override_settings(SECRET_KEY=self.secret_key):
            cookies = [identity.cookie_value({contest.pk: person.pk}) for person in people]
        # Solved captchas, one per start: a correct answer deletes its challenge.
        captchas = [
            CaptchaStore(challenge="1x1", response="1", hashkey=secrets.token_hex(20), expiration=now + timedelta(hours=1))
            for _ in range(total)
        ]
        CaptchaStore.objects.bulk_create(captchas, batch_size=5000)
        pairs = list(zip(cookies, (c.hashkey for c in captchas)))
        started = self.started_attempts(contest, round, questions, per_client * clients, now)
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE bench_ping (id bigserial PRIMARY KEY, at timestamptz DEFAULT now())")
            cursor.execute("ANALYZE")
        return [
            (pairs[i * per_client:(i + 1) * per_client], started[i * per_client:(i + 1) * per_client])
            for i in range(clients)
        ]

    def started_attempts(self, contest, round, questions, total, now):
        """Attempts started a moment ago by people of their own, for the submit phase:
        rows as attempt_start writes them (10 questions, choices shuffled), written in bulk."""
        import random

        from contests import identity
        from contests.models import Attempt, AttemptQuestion, Participant

        people = Participant.objects.bulk_create(
            (Participant(contest=contest, full_name=f"Người nộp {i}", date_of_birth=date(2000, 1, 1),
                         phone=f"08{i:08d}", consent_rules=True, consent_personal_data=True) for i in range(total)),
            batch_size=5000,
        )
        attempts = Attempt.objects.bulk_create(
            (Attempt(round=round, participant=person, number=1, started_at=now, deadline_at=now + timedelta(minutes=30))
             for person in people),
            batch_size=5000,
        )
        choices = {q.pk: [c.pk for c in q.choices.all()] for q in questions}
        shuffle = random.Random(2022)
        items = []
        for attempt in attempts:
            drawn = list(choices)
            shuffle.shuffle(drawn)
            for position, question_id in enumerate(drawn, start=1):
                order = list(choices[question_id])
                shuffle.shuffle(order)
                items.append(AttemptQuestion(attempt=attempt, question_id=question_id, position=position, choice_order=order))
        AttemptQuestion.objects.bulk_create(items, batch_size=10000)
        with override_settings(SECRET_KEY=self.secret_key):
            return [(identity.cookie_value({contest.pk: person.pk}), attempt.key) for person, attempt in zip(people, attempts)]

    def run(self, bench_name, seconds, workers, threads, clients):
        # Neither phase can outrun the one-INSERT ceiling (~700-1,500/s here): people enough for 1,000/s, plus a warm-up each.
        per_client = int(seconds * 1000 / clients) + 2
        self.secret_key = secrets.token_urlsafe(50)
        groups = self.prepare(per_client, clients)
        connections.close_all()
        # Every client comes from 127.0.0.1: the per-IP limits would refuse them. With REDIS_URL
        # the rate limits count in Redis, as in production (nothing is queued by start or
        # submit); without, in each worker's memory.
        env = server_env(bench_name, self.secret_key, CONTEST_START_PER_IP="1000000000", CONTEST_SUBMIT_PER_IP="1000000000")
        with gunicorn("contests.bench_urls", env, workers=workers, threads=threads, ready=self.ready) as port:
            outcomes = self.load(port, groups, seconds)
        self.report(outcomes, seconds, workers, threads, clients)
        self.report_updates()

    def report_updates(self):
        """How many answer rows PostgreSQL updated in place (HOT, no index entry), from its statistics."""
        from contests.models import AttemptQuestion

        # The server's sessions have ended, and so have flushed their statistics.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = %s",
                [AttemptQuestion._meta.db_table],
            )
            updated, hot = cursor.fetchone()
        if updated:
            self.stdout.write(
                f"  Câu trả lời được cập nhật tại chỗ (HOT, không thêm mục chỉ mục): {100 * hot / updated:.0f} % "
                f"của {updated:_} lần cập nhật".replace("_", ".")
            )

    @staticmethod
    def ready(port):
        return Client(port).request("POST", "/_bench/insert/")[0] == 200

    def load(self, port, groups, seconds):
        context = multiprocessing.get_context("fork")
        results = context.Queue()
        start_path = f"/cuoc-thi/{CODE}/dot/1/bat-dau/"
        warm_up, pause = 3.0, 1.0
        begin = time.time() + warm_up
        phases = [(begin + k * (seconds + pause), begin + k * (seconds + pause) + seconds) for k in range(4)]
        pool = [
            context.Process(target=client_main, args=(port, start_path, people, attempts, phases, results))
            for people, attempts in groups
        ]
        for process in pool:
            process.start()
        outcomes = [results.get(timeout=4 * (seconds + pause) + warm_up + 120) for _ in pool]
        for process in pool:
            process.join()
        for outcome in outcomes:
            ends = outcome.setdefault("ends", [])
            ends += [end for _, end in phases[len(ends):]]
        self.phases = phases
        return outcomes

    def report(self, outcomes, seconds, workers, threads, clients):
        every = {
            key: [v for o in outcomes for v in o[key]] for key in ("cycle", "start", "submit", "autosave", "submit_only", "insert")
        }
        spans = [max(o["ends"][k] for o in outcomes) - begin for k, (begin, _) in enumerate(self.phases)]
        cycle = len(every["cycle"]) / spans[0]
        autosave = len(every["autosave"]) / spans[1]
        submit = len(every["submit_only"]) / spans[2]
        ceiling = len(every["insert"]) / spans[3]

        def figures(key):
            return f"p50 {percentile(every[key], 0.5):.1f} ms, p99 {percentile(every[key], 0.99):.1f} ms"

        def share(rate):
            return f"{100 * rate / ceiling if ceiling else 0:.0f} % của trần"

        cache = "Redis" if os.environ.get("REDIS_URL") else "bộ nhớ của từng worker"
        self.stdout.write(
            f"Cuộc thi qua HTTP (gunicorn {workers} worker × {threads} luồng, {clients} client, PostgreSQL, "
            f"giới hạn tần suất đếm trong {cache}):"
        )
        self.stdout.write(
            f"  Nộp bài: {submit:.0f} bài/giây, {figures('submit_only')} | "
            f"trần (một INSERT trong giao dịch): {ceiling:.0f} yêu cầu/giây, {figures('insert')} | "
            f"tỷ lệ: {share(submit)}"
        )
        self.stdout.write(
            f"  Lưu một câu trả lời (tự động lưu): {autosave:.0f} lần/giây, {figures('autosave')} | tỷ lệ: {share(autosave)}"
        )
        self.stdout.write(
            f"  Bắt đầu + nộp bài (cả lượt thi: bắt đầu, trang bài thi, nộp): {cycle:.0f} lượt/giây, {figures('cycle')} | "
            f"tỷ lệ: {share(cycle)}; trong đó bắt đầu (POST + trang bài thi) {figures('start')}, nộp bài {figures('submit')}"
        )
        errors = [e for o in outcomes for e in o["errors"]]
        if errors:
            self.stdout.write(f"  {len(errors)} yêu cầu lỗi, ví dụ: {errors[0]}")
        if any(o["ran_out"] for o in outcomes):
            self.stdout.write("  (có client dùng hết số bài chuẩn bị trước khi hết giờ đo; số liệu tính đến lúc đó)")
