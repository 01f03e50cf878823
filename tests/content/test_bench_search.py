"""`manage.py bench_search`: search on many articles beside Article by slug, small, in a subprocess
(the command makes and drops a database of its own, which a test's transaction must not see)."""

import os
import re
import subprocess
import sys

import psycopg2
import pytest
from django.conf import settings

SUMMARY = re.compile(
    r"Tìm kiếm trên 300 tin bài \(11 câu × 2 lần\): p50 [\d.]+ ms, p95 [\d.]+ ms \(cả trang /tim-kiem/: "
    r"p50 [\d.]+ ms, p95 [\d.]+ ms, tối đa (\d+) truy vấn SQL\) \| trần \(Article theo slug, chỉ mục duy nhất\): "
    r"p50 [\d.]+ ms, p95 [\d.]+ ms"
)


def bench(project_root, env):
    result = subprocess.run(
        [sys.executable, "manage.py", "bench_search", "--articles", "300", "--repeat", "2"],
        cwd=project_root, env={**env, "DEBUG": "1"}, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    summary = SUMMARY.search(result.stdout)
    assert summary, result.stdout
    assert int(summary.group(1)) <= 9
    assert re.search(r"«cay xon phom vi han»: [1-9][\d.]* tin bài khớp", result.stdout), result.stdout
    assert "«xyzkhongco»: 0 tin bài khớp" in result.stdout
    return result


def test_bench_search_on_sqlite(project_root):
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    assert "Cơ sở dữ liệu: sqlite" in bench(project_root, env).stdout


@pytest.mark.postgres
@pytest.mark.slow
def test_bench_search_on_postgresql_leaves_no_database_behind(project_root):
    assert "Cơ sở dữ liệu: postgresql" in bench(project_root, {**os.environ, "DATABASE_URL": settings.DATABASE_URL}).stdout
    server, _, database = settings.DATABASE_URL.rpartition("/")
    with psycopg2.connect(f"{server}/postgres") as conn:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [f"test_{database}_bench_search"])
            assert cursor.fetchone() is None
