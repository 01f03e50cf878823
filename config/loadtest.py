"""`make load`: the portal under load from wrk on the same machine, every busy page beside the
two ceilings measured in the same run (python -m config.loadtest --help).

The server: gunicorn (gthread, keep-alive, DEBUG=0, persistent database connections) on a
throw-away PostgreSQL database filled by seed_demo plus a quiz made for the load, the cache
and the rate limits in Redis (REDIS_URL), started by config.benchhttp as the benches start it,
ROOT_URLCONF config.bench_urls (the portal's URLs and the two ceiling views). --gunicorn-conf
gives gunicorn a configuration file (deploy/gunicorn.conf.py once `make stack` has one).

The generator: wrk (C, one epoll loop per thread), one thread and one keep-alive connection per
client, scripts/load/quiz.lua saying what each client asks. wrk rather than locust: on a 2-core
machine the generator takes its CPU from the server it measures, and wrk spends a small fraction
of what a Python client spends per request, so the ratios to the ceilings say more about the
portal. A run per page, --seconds each, in this order: the two ceilings, the public pages, the
quiz (start, the attempt page it leads to, autosave, submit), the two ceilings again.

The quiz's citizens: each start, autosave and submit comes from a participant of its own (the
signed cookie registration leaves) and from an address of its own (X-Forwarded-For, read as
behind a proxy: BEHIND_PROXY=1), so the rate limits stay at the production values
(CONTEST_RATE_LIMITS) and are counted in Redis as in production, and none refuses anyone.
"""

import argparse
import glob
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

CSRF = "c" * 32  # an unmasked CSRF secret, sent as the cookie and as the form field
CODE = "do-tai"
LUA = Path(__file__).resolve().parent.parent / "scripts" / "load" / "quiz.lua"
QUIZ_P99_MS = 300

# name, what it is, wrk mode, ceiling it is compared with ("trivial" or "insert"), target share or None
PAGES = [
    ("home", "Trang chủ (bộ đệm trang)", "get", "trivial", 0.35),
    ("article", "Trang tin bài (bộ đệm trang)", "get", "trivial", 0.35),
    ("search", "Tìm kiếm /tim-kiem/", "get", "trivial", None),
    ("report", "Trang báo cáo hợp tác", "get", "trivial", None),
    ("contest", "Trang cuộc thi", "get", "trivial", None),
    ("ranking", "Trang xếp hạng đợt thi (bộ đệm)", "get", "trivial", 0.35),
    ("start", "Bắt đầu lượt thi (rút câu hỏi, POST)", "start", "insert", None),
    ("page", "Trang bài thi (sau khi bắt đầu)", "page", "insert", None),
    ("autosave", "Tự động lưu một câu trả lời", "autosave", "insert", 0.50),
    ("submit", "Nộp bài", "submit", "insert", 0.50),
]
QUIZ = {"start", "page", "autosave", "submit"}


def arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m config.loadtest", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="thời gian đo mỗi trang (giây)")
    parser.add_argument("--clients", type=int, default=32, help="số client đồng thời (mỗi client một kết nối)")
    parser.add_argument("--workers", type=int, default=2, help="số worker gunicorn")
    parser.add_argument("--threads", type=int, default=4, help="số luồng mỗi worker gunicorn (gthread)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("LOAD_PORT", 0) or 0),
                        help="cổng của gunicorn (mặc định LOAD_PORT, không có thì một cổng trống bất kỳ)")
    parser.add_argument("--gunicorn-conf", default="", help="tệp cấu hình gunicorn (vd. deploy/gunicorn.conf.py)")
    parser.add_argument("--only", default="", help="chỉ đo các trang này (tên cách nhau bởi dấu phẩy: "
                        + ", ".join(name for name, *_ in PAGES) + ")")
    parser.add_argument("--json", default="", help="ghi kết quả ra tệp JSON này")
    return parser.parse_args(argv)


def main(argv=None):
    options = arguments(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection

    from config.benchhttp import SKIP

    if connection.vendor != "postgresql":
        print(SKIP.format(vendor=connection.vendor))
        return 0
    if not shutil.which("wrk"):
        print("Không có wrk: cài bằng `apt-get install -y wrk` (make load tự cài khi chạy với quyền root).")
        return 1
    return LoadTest(options).run()


class LoadTest:
    def __init__(self, options):
        self.options = options
        self.secret_key = secrets.token_urlsafe(50)

    def run(self):
        from django.conf import settings
        from django.db import connections

        from config.benchhttp import gunicorn, server_env, throwaway_database

        clients, seconds = self.options.clients, self.options.seconds
        load_before = os.getloadavg()
        with tempfile.TemporaryDirectory(prefix="portal_load_") as tmp, throwaway_database("load") as name:
            media, private = os.path.join(tmp, "media"), os.path.join(tmp, "media", "private")
            paths = self.prepare(tmp, media, private)
            connections.close_all()
            env = server_env(name, self.secret_key, MEDIA_ROOT=media, PRIVATE_MEDIA_ROOT=private, BEHIND_PROXY="1")
            extra = ["--config", self.options.gunicorn_conf] if self.options.gunicorn_conf else []
            with gunicorn("config.bench_urls", env, workers=self.options.workers, threads=self.options.threads,
                          ready=self.ready, extra_args=extra, port=self.options.port or None) as port:
                rows = self.measure(port, paths, tmp)
        machine = self.machine(settings, load_before, os.getloadavg())
        self.report(rows, machine)
        if self.options.json:
            Path(self.options.json).write_text(json.dumps({"machine": machine, "rows": rows}, ensure_ascii=False, indent=1))
        return 0

    # Data ---------------------------------------------------------------------------------------

    def prepare(self, tmp, media, private):
        """seed_demo, the load's contest, its people and their attempts; {page name: path or data file}."""
        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import override_settings
        from django.urls import reverse

        from content.models import Article
        from reports.selectors import published_reports

        with override_settings(MEDIA_ROOT=media, PRIVATE_MEDIA_ROOT=private):
            call_command("seed_demo", stdout=open(os.devnull, "w"))
        article = Article.objects.published().order_by("-published_at").first().get_absolute_url()
        report = reverse("reports:detail", args=[published_reports().order_by("pk").first().code])
        seconds = self.options.seconds
        # Enough for ~1,500 starts/s and ~1,000 submits/s (more than this machine does), plus a margin: wrk
        # gives each client its share of the lines, and a fast client runs out of its share first.
        starts, attempts = self.quiz(tmp, starts=int(seconds * 1500) + 50, attempts=int(seconds * 1000) + 50)
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE bench_ping (id bigserial PRIMARY KEY, at timestamptz DEFAULT now())")
            cursor.execute("ANALYZE")
        return {
            "trivial": "/_bench/trivial/", "home": "/", "article": article, "search": "/tim-kiem/?q=huu+nghi",
            "report": report, "contest": f"/cuoc-thi/{CODE}/", "ranking": f"/cuoc-thi/{CODE}/dot/1/ket-qua/",
            "start": starts, "autosave": attempts, "submit": attempts,
        }

    def quiz(self, tmp, *, starts, attempts):
        """A contest of 60 questions (4 choices), round 1 closed and ranked (2,000 people), round 2 open
        (10 questions per attempt); people to start, and attempts already started to autosave and submit.
        Writes the data files wrk reads; returns their paths."""
        from captcha.models import CaptchaStore
        from django.test.utils import override_settings
        from django.utils import timezone

        from contests import identity, services
        from contests.models import Attempt, AttemptQuestion, Choice, Contest, Participant, Question, Round

        now = timezone.now()
        contest = Contest.objects.create(
            code=CODE, title="Cuộc thi đo tải", organiser="Ban Tuyên giáo", starts_on=date(2022, 1, 1),
            ends_on=date(2035, 1, 1),
        )
        questions = Question.objects.bulk_create(
            Question(contest=contest, code=f"c{i:02d}", text=f"Câu hỏi số {i} về quan hệ hữu nghị Việt Nam – Lào?")
            for i in range(60)
        )
        Choice.objects.bulk_create(
            Choice(question=q, text=f"Phương án {k + 1} của câu {q.code}", is_correct=k == 0, order=k)
            for q in questions for k in range(4)
        )
        closed = Round.objects.create(contest=contest, number=1, opens_at=now - timedelta(days=10),
                                      closes_at=now - timedelta(days=3), question_count=10, time_limit_seconds=600)
        open_round = Round.objects.create(contest=contest, number=2, opens_at=now - timedelta(days=1),
                                          closes_at=now + timedelta(days=6), question_count=10, time_limit_seconds=600,
                                          max_attempts=None)

        def people(prefix, count):
            return Participant.objects.bulk_create(
                (Participant(contest=contest, full_name=f"Người {prefix} {i}", date_of_birth=date(2000, 1, 1),
                             phone=f"0{prefix}{i:08d}", consent_rules=True, consent_personal_data=True)
                 for i in range(count)), batch_size=5000,
            )

        draw = random.Random(2022)
        ranked = people(7, 2000)
        Attempt.objects.bulk_create(
            (Attempt(round=closed, participant=p, number=1, started_at=closed.opens_at,
                     deadline_at=closed.opens_at + timedelta(minutes=10), submitted_at=closed.opens_at + timedelta(seconds=60 + i),
                     duration_ms=60000 + i * 7, score=draw.randint(0, 10), prediction=draw.randint(0, 3000))
             for i, p in enumerate(ranked)), batch_size=5000,
        )
        services.round_compute_results(round=closed)

        with override_settings(SECRET_KEY=self.secret_key):
            starters = people(9, starts)
            captchas = [
                CaptchaStore(challenge="1x1", response="1", hashkey=secrets.token_hex(20), expiration=now + timedelta(hours=2))
                for _ in starters
            ]
            CaptchaStore.objects.bulk_create(captchas, batch_size=5000)
            start_path = f"/cuoc-thi/{CODE}/dot/{open_round.number}/bat-dau/"
            start_lines = [
                f"{identity.cookie_value({contest.pk: p.pk})} {c.hashkey} {address(i)} {start_path}"
                for i, (p, c) in enumerate(zip(starters, captchas))
            ]
            runners = people(8, attempts)
            started = Attempt.objects.bulk_create(
                (Attempt(round=open_round, participant=p, number=1, started_at=now, deadline_at=now + timedelta(minutes=30))
                 for p in runners), batch_size=5000,
            )
            choices = {q.pk: [c.pk for c in q.choices.all()] for q in questions}
            items = []
            for attempt in started:
                for position, question_id in enumerate(draw.sample(sorted(choices), 10), start=1):
                    order = list(choices[question_id])
                    draw.shuffle(order)
                    items.append(AttemptQuestion(attempt=attempt, question_id=question_id, position=position,
                                                 choice_order=order))
            AttemptQuestion.objects.bulk_create(items, batch_size=10000)
            attempt_lines = [
                f"{identity.cookie_value({contest.pk: p.pk})} {address(starts + i)} /cuoc-thi/bai-thi/{a.key}/"
                for i, (p, a) in enumerate(zip(runners, started))
            ]
        start_file, attempt_file = os.path.join(tmp, "start.txt"), os.path.join(tmp, "attempts.txt")
        Path(start_file).write_text("\n".join(start_lines) + "\n")
        Path(attempt_file).write_text("\n".join(attempt_lines) + "\n")
        return start_file, attempt_file

    # Load ---------------------------------------------------------------------------------------

    @staticmethod
    def ready(port):
        import http.client

        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", "/_bench/trivial/")
        return connection.getresponse().status == 200

    def wrk(self, port, mode, arg, out="-"):
        clients = str(self.options.clients)
        command = ["wrk", "-t", clients, "-c", clients, "-d", f"{max(1, round(self.options.seconds))}s", "--timeout", "10s",
                   "-s", str(LUA), f"http://127.0.0.1:{port}", "--", mode, arg, out, CSRF, clients]
        finished = subprocess.run(command, capture_output=True, text=True, timeout=self.options.seconds + 120)
        line = next((line for line in finished.stdout.splitlines() if line.startswith("RESULT ")), None)
        if line is None:
            raise RuntimeError(f"wrk không trả kết quả: {finished.stdout[-500:]} {finished.stderr[-500:]}")
        result = json.loads(line[len("RESULT "):])
        seconds = result["duration_us"] / 1e6
        return {
            "rate": (result["requests"] - result["ran_out"]) / seconds, "requests": result["requests"],
            "p50_ms": result["p50_us"] / 1000, "p99_ms": result["p99_us"] / 1000, "max_ms": result["max_us"] / 1000,
            "errors": sum(result[k] for k in ("connect", "read", "write", "timeout", "bad")) + result["status"],
            "ran_out": result["ran_out"], "example": result["example"], "load": os.getloadavg()[0],
        }

    def measure(self, port, paths, tmp):
        only = {name for name in self.options.only.split(",") if name}
        warm = {"get": lambda path: self.wrk_warm(port, path)}
        rows = {}
        rows["trivial_1"] = self.wrk(port, "get", paths["trivial"])
        rows["insert_1"] = self.wrk(port, "insert", "-")
        start_file, attempt_file = paths["start"], paths["autosave"]
        for name, _, mode, _, _ in PAGES:
            if only and name not in only:
                continue
            if mode == "get":
                warm["get"](paths[name])
                rows[name] = self.wrk(port, "get", paths[name])
            elif mode == "start":
                rows[name] = self.wrk(port, "start", start_file, os.path.join(tmp, "started"))
            elif mode == "page":
                page_file = os.path.join(tmp, "pages.txt")
                with open(page_file, "w") as pages:
                    for part in sorted(glob.glob(os.path.join(tmp, "started.*"))):
                        pages.write(Path(part).read_text())
                if os.path.getsize(page_file):
                    rows[name] = self.wrk(port, "page", page_file)
            else:
                rows[name] = self.wrk(port, mode, attempt_file)
        rows["trivial_2"] = self.wrk(port, "get", paths["trivial"])
        rows["insert_2"] = self.wrk(port, "insert", "-")
        return rows

    @staticmethod
    def wrk_warm(port, path):
        """One request first: a cached page is then in the cache before it is measured."""
        import http.client

        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", path)
        connection.getresponse().read()

    # Report -------------------------------------------------------------------------------------

    def machine(self, settings, load_before, load_after):
        from django.db import connection

        def cpu_model():
            for line in Path("/proc/cpuinfo").read_text().splitlines():
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
            return "?"

        def ram_gb():
            for line in Path("/proc/meminfo").read_text().splitlines():
                if line.startswith("MemTotal"):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
            return 0

        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            postgres = cursor.fetchone()[0]
        redis_version = "?"
        if settings.REDIS_URL:
            import redis

            redis_version = redis.Redis.from_url(settings.REDIS_URL).info("server")["redis_version"]
        return {
            "date": time.strftime("%d/%m/%Y %H:%M UTC", time.gmtime()), "nproc": os.cpu_count(), "cpu": cpu_model(),
            "ram_gb": ram_gb(), "postgresql": postgres, "redis": redis_version,
            "load_before": [round(v, 2) for v in load_before], "load_after": [round(v, 2) for v in load_after],
            "clients": self.options.clients, "seconds": self.options.seconds,
            "workers": self.options.workers, "threads": self.options.threads,
            "gunicorn_conf": self.options.gunicorn_conf,
        }

    def report(self, rows, machine):
        ceilings = {
            kind: (rows[f"{kind}_1"]["rate"] + rows[f"{kind}_2"]["rate"]) / 2 for kind in ("trivial", "insert")
        }
        print(
            f"Tải thử (wrk, {machine['clients']} client, {machine['seconds']:g} s mỗi trang; gunicorn "
            f"{machine['workers']} worker × {machine['threads']} luồng, PostgreSQL {machine['postgresql']}, "
            f"Redis {machine['redis']}, kết nối cơ sở dữ liệu bền; {machine['nproc']} lõi {machine['cpu']}, "
            f"{machine['ram_gb']} GB RAM, {machine['date']})"
        )
        print(f"  Tải trung bình của máy: trước {machine['load_before']}, sau {machine['load_after']}")
        print("  Thí sinh: mỗi lượt bắt đầu, lưu, nộp là của một thí sinh riêng (cookie riêng) từ một địa chỉ riêng "
              "(X-Forwarded-For, BEHIND_PROXY=1): giới hạn tần suất giữ nguyên mức sản xuất, đếm trong Redis.")
        names = {
            "trivial": "Trần: view Django tối giản", "insert": "Trần: một INSERT trong giao dịch",
        }
        for kind in ("trivial", "insert"):
            first, second = rows[f"{kind}_1"], rows[f"{kind}_2"]
            print(f"  {names[kind]}: {first['rate']:.0f} và {second['rate']:.0f} yêu cầu/giây (đầu và cuối lượt đo; "
                  f"dùng trung bình {ceilings[kind]:.0f}), p50 {first['p50_ms']:.1f} ms, p99 {first['p99_ms']:.1f} ms, "
                  f"lỗi {first['errors'] + second['errors']}")
        failures = []
        for name, label, _, ceiling, target in PAGES:
            if name not in rows:
                continue
            row = rows[name]
            row["share"] = row["rate"] / ceilings[ceiling] if ceilings[ceiling] else 0
            verdict = ""
            if target is not None:
                met = row["share"] >= target
                verdict = f" (mục tiêu ≥ {target:.0%}: {'đạt' if met else 'CHƯA ĐẠT'})"
                if not met:
                    failures.append(label)
            if name in QUIZ and row["p99_ms"] >= QUIZ_P99_MS:
                failures.append(f"{label}: p99 ≥ {QUIZ_P99_MS} ms")
            if row["errors"]:
                failures.append(f"{label}: {row['errors']} lỗi")
            ceiling_name = "view tối giản" if ceiling == "trivial" else "một INSERT"
            print(f"  {label}: {row['rate']:.0f} yêu cầu/giây, p50 {row['p50_ms']:.1f} ms, p99 {row['p99_ms']:.1f} ms, "
                  f"lỗi {row['errors']}{' (' + row['example'] + ')' if row['example'] else ''} | "
                  f"{row['share']:.0%} của {ceiling_name}{verdict} [tải máy {row['load']:.1f}]")
            if row["ran_out"]:
                print(f"    ({row['ran_out']} yêu cầu sau khi client dùng hết dữ liệu chuẩn bị: không tính)")
        if "start" in rows and "page" in rows:
            start, page = rows["start"]["rate"], rows["page"]["rate"]
            combined = 1 / (1 / start + 1 / page) if start and page else 0
            share = combined / ceilings["insert"] if ceilings["insert"] else 0
            rows["start_and_page"] = {"rate": combined, "share": share}
            met = share >= 0.30
            if not met:
                failures.append("Bắt đầu (rút câu hỏi, POST và trang bài thi)")
            print(f"  Bắt đầu cả bước (rút câu hỏi, POST và trang bài thi): {combined:.0f} lượt/giây | {share:.0%} của "
                  f"một INSERT (mục tiêu ≥ 30%: {'đạt' if met else 'CHƯA ĐẠT'})")
        print("  Kết quả: " + ("mọi mục tiêu đều đạt." if not failures else "chưa đạt: " + "; ".join(failures) + "."))


def address(i):
    """A distinct private IPv4 address for citizen i."""
    return f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"


if __name__ == "__main__":
    sys.exit(main())
