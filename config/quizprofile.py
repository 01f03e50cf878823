"""The quiz's busy requests measured one by one, in this process: queries and CPU per request
(python -m config.quizprofile --help).

`make load` says how many requests a second the stack serves, a figure that moves with whatever
else the machine runs. This says what one request costs the web process, which does not: the
statements it sends (counted) and the CPU it spends (process time, or the instructions counted by
valgrind's callgrind, stable on a shared machine). The data are the load test's (config.loadtest:
seed_demo, a contest of 60 questions, round 2 open with 10 questions per attempt, a pre-solved
captcha per citizen); the requests go through Django's test client with the production settings
the load test's gunicorn has (DEBUG=0, BEHIND_PROXY=1, the rate limits in Redis when REDIS_URL is
set), one phase after the other: start (the POST that draws), page (the answer page it leads to),
autosave (one answer), submit (ten answers and a prediction).

Instruction counts, with the database prepared once (--keep NAME) and reused under valgrind:

    python -m config.quizprofile --keep portal_h3_prof --prepare-only
    valgrind --tool=callgrind --toggle-collect=sys_call_tracing --callgrind-out-file=/tmp/cg.%p \\
        python -m config.quizprofile --keep portal_h3_prof --phase start --requests 50

Each phase runs inside sys.call_tracing (a C function nothing else calls), so callgrind counts
that phase only; the total divided by --requests is the instructions per request.
"""

import argparse
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

PHASES = ("start", "page", "autosave", "submit")


def arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m config.quizprofile", description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per phase")
    parser.add_argument("--phase", default=",".join(PHASES), help="phases, comma-separated: " + ", ".join(PHASES))
    parser.add_argument("--keep", default="", help="a database (beside DATABASE_URL's) kept between runs")
    parser.add_argument("--prepare-only", action="store_true", help="fill --keep and stop")
    parser.add_argument("--profile", default="", help="cProfile the phases into this file (pstats)")
    parser.add_argument("--sql", action="store_true", help="print the statements of the first request of each phase")
    return parser.parse_args(argv)


def production_env(secret_key):
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "0", "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "0", "BEHIND_PROXY": "1", "LOG_LEVEL": "WARNING",
    })


def main(argv=None):
    options = arguments(argv)
    keyfile = Path(tempfile.gettempdir(), f"quizprofile_{options.keep}.key") if options.keep else None
    if keyfile and keyfile.exists() and not options.prepare_only:
        secret_key = keyfile.read_text()
    else:
        secret_key = secrets.token_urlsafe(50)
    production_env(secret_key)
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        print("Cần PostgreSQL (DATABASE_URL).")
        return 1
    data = Path(tempfile.gettempdir(), f"quizprofile_{options.keep or os.getpid()}")
    if options.keep:
        connection.settings_dict["NAME"] = options.keep
        if options.prepare_only:
            prepare_kept(options.keep, data, options.requests)
            keyfile.write_text(secret_key)
            return 0
        return run(options, data)
    from config.benchhttp import throwaway_database

    with throwaway_database("prof"):
        prepare(data, options.requests)
        return run(options, data)


def prepare_kept(name, data, requests):
    from django.db import connection, connections

    connections.close_all()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connections.close_all()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    prepare(data, max(requests, 2000))


def prepare(data, requests):
    from django.core.management import call_command
    from django.db import connection

    from config.loadtest import LoadTest

    data.mkdir(exist_ok=True)
    from django.conf import settings

    with tempfile.TemporaryDirectory() as media:
        from django.test.utils import override_settings

        with override_settings(MEDIA_ROOT=media, PRIVATE_MEDIA_ROOT=media):
            call_command("seed_demo", stdout=open(os.devnull, "w"))
    test = LoadTest(argparse.Namespace(seconds=1))
    test.secret_key = settings.SECRET_KEY
    starts, attempts = test.quiz(str(data), starts=requests, attempts=requests)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return starts, attempts


def lines(path):
    return [line.split() for line in Path(path).read_text().splitlines() if line.strip()]


def run(options, data):
    from django.db import connection, connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from config.loadtest import CSRF

    n = options.requests
    phases = [p for p in options.phase.split(",") if p]
    used = Path(data, "used")
    offset = int(used.read_text()) if used.exists() else 0
    starts = lines(Path(data, "start.txt"))[offset:offset + n]
    attempts = lines(Path(data, "attempts.txt"))[offset:offset + n]
    if len(starts) < n or len(attempts) < n:
        print("Hết dữ liệu chuẩn bị: chạy lại --prepare-only.")
        return 1
    used.write_text(str(offset + n))

    shared = Client(enforce_csrf_checks=True)  # one handler: its middleware is loaded once, as a worker's

    def client(cookie, ip):
        shared.cookies.clear()
        shared.cookies["csrftoken"] = CSRF
        shared.cookies["cuocthi"] = cookie
        shared.defaults["HTTP_X_FORWARDED_FOR"] = ip
        return shared

    pages = []

    def do_start(i):
        cookie, captcha, ip, path = starts[i]
        response = client(cookie, ip).post(path, {"csrfmiddlewaretoken": CSRF, "captcha_0": captcha, "captcha_1": "1"})
        assert response.status_code == 302 and "/bai-thi/" in response["Location"], (response.status_code, response.get("Location"))
        pages.append((cookie, ip, response["Location"]))

    def do_page(i):
        cookie, ip, path = pages[i] if pages else attempts[i]
        response = client(cookie, ip).get(path)
        assert response.status_code == 200, response.status_code

    def do_autosave(i):
        cookie, ip, path = attempts[i]
        response = client(cookie, ip).post(path + "luu/", {"csrfmiddlewaretoken": CSRF, "position": 1 + i % 10, "choice": i % 4})
        assert response.status_code == 200, response.content

    def do_submit(i):
        cookie, ip, path = attempts[i]
        body = {"csrfmiddlewaretoken": CSRF, "prediction": 123, **{f"q{k}": k % 4 for k in range(1, 11)}}
        response = client(cookie, ip).post(path + "nop/", body)
        assert response.status_code == 302, response.status_code

    work = {"start": do_start, "page": do_page, "autosave": do_autosave, "submit": do_submit}
    # One request of each first, outside the counts: connections, prepared statements, the bank in memory.
    warm = lines(Path(data, "attempts.txt"))[-1]
    client(warm[0], warm[1]).get(warm[2])
    profiler = None
    if options.profile:
        import cProfile

        profiler = cProfile.Profile()
    print(f"{n} yêu cầu mỗi bước, PostgreSQL, DEBUG=0, tải máy {os.getloadavg()[0]:.2f}")
    for phase in phases:
        do = work[phase]
        with CaptureQueriesContext(connection) as first:
            do(0)
        run_sql = [q["sql"] for q in first.captured_queries if not q["sql"].startswith("PREPARE")]
        if options.sql:
            print(f"--- {phase}: {len(run_sql)} câu lệnh")
            for statement in run_sql:
                print("   ", statement[:300])

        def many():
            for i in range(1, n):
                do(i)

        cpu, wall = time.process_time(), time.perf_counter()
        if profiler:
            profiler.enable()
        sys.call_tracing(many, ())
        if profiler:
            profiler.disable()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(f"  {phase}: {len(run_sql)} câu lệnh, CPU {cpu / (n - 1) * 1000:.2f} ms, "
              f"thời gian {wall / (n - 1) * 1000:.2f} ms mỗi yêu cầu")
    if profiler:
        profiler.dump_stats(options.profile)
    connections.close_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
