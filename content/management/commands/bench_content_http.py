"""`make bench`, public pages over HTTP: the home page and an article page through gunicorn
(gthread, persistent database connections, DEBUG=0, PostgreSQL, the Redis cache when
REDIS_URL is set) on a throw-away database filled by seed_demo, beside a trivial Django
view (content/bench_urls.py) measured in the same run, at a few concurrency levels.

Each client is a process with one keep-alive HTTP connection and no cookie (an anonymous
citizen); for each level, three phases of --seconds each: home, article, trivial view.
The issue aims at both pages at 35 % of the trivial view or better.
"""

import http.client
import multiprocessing
import os
import secrets
import tempfile
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, connections
from django.test.utils import override_settings

from config.benchhttp import SKIP, add_server_arguments, gunicorn, percentile, server_env, throwaway_database

TRIVIAL = "/_bench/trivial/"


def get(conn, path):
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return response.status


def client_main(port, phases, results):
    """Ask each phase's path in a loop during its window; latencies per phase, errors."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    outcome = {"latencies": [[] for _ in phases], "ends": [], "errors": []}
    try:
        for path, _, _ in phases:  # warm-up: the page is in the cache, the connection open
            get(conn, path)
        for k, (path, begin, end) in enumerate(phases):
            time.sleep(max(0.0, begin - time.time()))
            while time.time() < end:
                began = time.perf_counter()
                status = get(conn, path)
                if status != 200:
                    outcome["errors"].append(f"{path}: {status}")
                    continue
                outcome["latencies"][k].append(time.perf_counter() - began)
            outcome["ends"].append(time.time())
    except Exception as error:  # noqa: BLE001 – reported by the parent
        outcome["errors"].append(f"{type(error).__name__}: {error}")
    results.put(outcome)


class Command(BaseCommand):
    help = "Đo trang chủ và trang tin bài qua HTTP (gunicorn, PostgreSQL, Redis) bên cạnh một view Django tối giản."

    def add_arguments(self, parser):
        add_server_arguments(parser, seconds=5.0)
        parser.add_argument("--clients", default="4,16", help="các mức client HTTP đồng thời, cách nhau bởi dấu phẩy")

    def handle(self, *args, seconds, workers, threads, clients, **options):
        if connection.vendor != "postgresql":
            self.stdout.write(SKIP.format(vendor=connection.vendor))
            return
        levels = [int(level) for level in clients.split(",") if level.strip()]
        with tempfile.TemporaryDirectory(prefix="bench_content_media_") as media, \
                throwaway_database("bench_content_http") as bench_name:
            private = os.path.join(media, "private")
            with override_settings(MEDIA_ROOT=media, PRIVATE_MEDIA_ROOT=private):
                call_command("seed_demo", stdout=open(os.devnull, "w"))
                article = self.an_article()
            connections.close_all()
            env = server_env(bench_name, secrets.token_urlsafe(50), MEDIA_ROOT=media, PRIVATE_MEDIA_ROOT=private)
            with gunicorn("content.bench_urls", env, workers=workers, threads=threads, ready=self.ready) as port:
                rows = [(level, self.load(port, level, seconds, ["/", article, TRIVIAL])) for level in levels]
        self.report(rows, workers, threads, article)

    @staticmethod
    def an_article():
        from content.models import Article

        return Article.objects.published().order_by("-published_at").first().get_absolute_url()

    @staticmethod
    def ready(port):
        return get(http.client.HTTPConnection("127.0.0.1", port, timeout=5), TRIVIAL) == 200

    def load(self, port, clients, seconds, paths):
        context = multiprocessing.get_context("fork")
        results = context.Queue()
        warm_up, pause = 2.0, 0.5
        begin = time.time() + warm_up
        phases = [(path, begin + k * (seconds + pause), begin + k * (seconds + pause) + seconds) for k, path in enumerate(paths)]
        pool = [context.Process(target=client_main, args=(port, phases, results)) for _ in range(clients)]
        for process in pool:
            process.start()
        outcomes = [results.get(timeout=len(paths) * (seconds + pause) + warm_up + 120) for _ in pool]
        for process in pool:
            process.join()
        figures = []
        for k, (path, start, end) in enumerate(phases):
            latencies = [value for o in outcomes for value in o["latencies"][k]]
            span = max([o["ends"][k] for o in outcomes if len(o["ends"]) > k] or [end]) - start
            figures.append({"path": path, "rate": len(latencies) / span, "p50": percentile(latencies, 0.5),
                            "p99": percentile(latencies, 0.99)})
        errors = [e for o in outcomes for e in o["errors"]]
        return figures, errors

    def report(self, rows, workers, threads, article):
        cache = "Redis" if os.environ.get("REDIS_URL") else "bộ nhớ của từng worker (không có REDIS_URL)"
        self.stdout.write(
            f"Trang công khai qua HTTP (gunicorn {workers} worker × {threads} luồng, PostgreSQL, kết nối bền, "
            f"bộ đệm trang trong {cache}; dữ liệu seed_demo; tin bài {article}):"
        )
        for clients, (figures, errors) in rows:
            home, page, trivial = figures

            def line(name, figure):
                share = f" | tỷ lệ: {100 * figure['rate'] / trivial['rate']:.0f} % của view tối giản" if figure is not trivial else ""
                return (f"    {name}: {figure['rate']:.0f} yêu cầu/giây, p50 {figure['p50']:.1f} ms, "
                        f"p99 {figure['p99']:.1f} ms{share}")

            self.stdout.write(f"  {clients} client đồng thời:")
            self.stdout.write(line("Trang chủ", home))
            self.stdout.write(line("Trang tin bài", page))
            self.stdout.write(line("View Django tối giản (trần)", trivial))
            if errors:
                self.stdout.write(f"    {len(errors)} yêu cầu lỗi, ví dụ: {errors[0]}")
