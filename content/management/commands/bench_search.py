"""`make bench`, search section: /tim-kiem/ on many articles, beside a bare indexed lookup in the same run.

On a throw-away test database (its own name on PostgreSQL, as bench_contests):
ARTICLES published articles (100,000; 10,000 on SQLite) whose titles and bodies are
sentences of the two source documents in docs/sources/ (so every article is
about Việt Nam – Lào, as the portal's are: common words match a large share of
them, the hard case for ranking), inserted with bulk_create and their folded
columns filled as save() fills them. Then each query of QUERIES, typed without
and with diacritics, is run REPEAT times through content.search.search (the
SQL, the ranking, the highlighted snippets, the materials and the report's
sectors: what the view calls) and through the page (test client, with the
template); p50/p95 over all runs, beside the p50/p95 of Article by slug (a
unique index) measured in the same run.
"""

import random
import re
import statistics
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

ARTICLES = 100_000
SQLITE_ARTICLES = 10_000  # SQLite scans the folded column: the figure that matters is PostgreSQL's
REPEAT = 20
QUERIES = [
    "quan he viet lao",
    "cay xon phom vi han",
    "dai hoi dang",
    "Đại hội Đảng",
    "hop tac giao duc dao tao",
    "nam doan ket huu nghi",
    "lao",
    "phom vi",
    "kinh te thuong mai dau tu",
    "attapeu sekong",
    "xyzkhongco",
]
SOURCES = ["ke-hoach-tuyen-truyen-viet-lao-campuchia-2022.md", "bao-cao-gia-lai-nam-lao-2021-2025.md"]


def vn(number):
    return f"{number:,}".replace(",", ".")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


def sentences():
    """The sentences of the source documents: 6 to 60 words, without Markdown marks."""
    found = []
    for name in SOURCES:
        text = (Path(settings.BASE_DIR) / "docs" / "sources" / name).read_text(encoding="utf-8")
        text = re.sub(r"<!--.*?-->|[#*_>|`\[\]]", " ", text, flags=re.S)
        for sentence in re.split(r"(?<=[.;:!?])\s+|\n+", text):
            words = sentence.split()
            if 6 <= len(words) <= 60:
                found.append(" ".join(words))
    return found


class Command(BaseCommand):
    help = "Đo thời gian tìm kiếm (/tim-kiem/) trên nhiều tin bài, bên cạnh một tra cứu có chỉ mục, trên cơ sở dữ liệu thử tạm thời."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=None,
                            help="số tin bài (mặc định 100.000 trên PostgreSQL, 10.000 trên SQLite)")
        parser.add_argument("--repeat", type=int, default=REPEAT, help="số lần chạy mỗi câu tìm kiếm")

    def handle(self, *args, articles, repeat, **options):
        if articles is None:
            articles = ARTICLES if connection.vendor == "postgresql" else SQLITE_ARTICLES
        self.articles, self.repeat = articles, repeat
        old_name = connection.settings_dict["NAME"]
        if connection.vendor == "postgresql":
            connection.settings_dict.setdefault("TEST", {})["NAME"] = f"test_{old_name}_bench_search"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        # The page names the static files as the suite does (no collectstatic manifest needed).
        storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
        try:
            with override_settings(STORAGES=storages):
                self.run()
        finally:
            connections.close_all()
            connection.creation.destroy_test_db(old_name, verbosity=0)

    def postgresql_indexes(self):
        """(name, CREATE INDEX …) of the article table's GIN indexes, as the migration made them."""
        if connection.vendor != "postgresql":
            return []
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'content_article' "
                           "AND indexdef LIKE '%USING gin%'")
            return cursor.fetchall()

    def load(self):
        from content.models import Article, Section

        rng = random.Random(13)
        pool = sentences()
        sections = [Section.objects.create(name=f"Chuyên mục đo {i}") for i in range(10)]
        now = timezone.now()
        started = time.perf_counter()
        # As a bulk import would: the GIN indexes are built once after the rows, not row by row.
        indexes = self.postgresql_indexes()
        with connection.cursor() as cursor:
            for name, _ in indexes:
                cursor.execute(f"DROP INDEX {name}")
        batch = []
        for i in range(self.articles):
            title = " ".join(rng.choice(pool).split()[:rng.randint(8, 16)])
            body = "".join(f"<p>{rng.choice(pool)}</p>" for _ in range(rng.randint(6, 12)))
            article = Article(
                title=title, slug=f"bai-do-{i}", summary=rng.choice(pool), body=body, section=sections[i % 10],
                status=Article.Status.PUBLISHED, published_at=now - timedelta(minutes=i * 7),
            )
            article.fill_search_columns()
            batch.append(article)
            if len(batch) == 2000:
                Article.objects.bulk_create(batch)
                batch = []
        Article.objects.bulk_create(batch)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET maintenance_work_mem = '256MB'")
                for _, definition in indexes:
                    cursor.execute(definition)
                cursor.execute("VACUUM ANALYZE content_article")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        return time.perf_counter() - started

    def run(self):
        from django.test import Client

        from content.models import Article
        from content.search import search

        self.stdout.write(f"Cơ sở dữ liệu: {connection.vendor}")
        seconds = self.load()
        count = Article.objects.count()
        self.stdout.write(f"Tìm kiếm: {vn(count)} tin bài tạo trong {seconds:.0f} s (bulk_create, cột đã gấp dấu)")

        rng = random.Random(6)
        service, page, lookups, queries = [], [], [], 0
        client = Client()
        for raw in QUERIES:
            result = search(raw)
            with CaptureQueriesContext(connection) as captured:
                client.get("/tim-kiem/", {"q": raw})
            queries = max(queries, len(captured.captured_queries))
            runs = []
            for _ in range(self.repeat):
                started = time.perf_counter()
                search(raw)
                runs.append(time.perf_counter() - started)
                started = time.perf_counter()
                client.get("/tim-kiem/", {"q": raw})
                page.append(time.perf_counter() - started)
                slug = f"bai-do-{rng.randrange(count)}"
                started = time.perf_counter()
                Article.objects.get(slug=slug)
                lookups.append(time.perf_counter() - started)
            service += runs
            found = f"hơn {vn(result.count)}" if result.capped else vn(result.count)
            self.stdout.write(f"  «{raw}»: {found} tin bài khớp, trung vị {statistics.median(runs) * 1000:.1f} ms")
        self.stdout.write(
            f"Tìm kiếm trên {vn(count)} tin bài ({len(QUERIES)} câu × {self.repeat} lần): "
            f"p50 {percentile(service, 0.5):.1f} ms, p95 {percentile(service, 0.95):.1f} ms "
            f"(cả trang /tim-kiem/: p50 {percentile(page, 0.5):.1f} ms, p95 {percentile(page, 0.95):.1f} ms, "
            f"tối đa {queries} truy vấn SQL) | "
            f"trần (Article theo slug, chỉ mục duy nhất): p50 {percentile(lookups, 0.5):.2f} ms, "
            f"p95 {percentile(lookups, 0.95):.2f} ms"
        )
