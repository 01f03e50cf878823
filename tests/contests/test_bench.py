"""`manage.py bench_contests`: start + submit beside one INSERT, and the ranking of a big round.

Run in a subprocess, as `make bench` runs it, small: the command makes and
drops a database of its own, which a test's transaction must not see.
"""

import os
import re
import subprocess
import sys

import psycopg2
import pytest
from django.conf import settings

CYCLE = re.compile(
    r"Bắt đầu \+ nộp bài gọi thẳng dịch vụ \((\d+) luồng trong một tiến trình, chung GIL, 10 câu; "
    r"đo qua HTTP: bench_contests_http\): (\d+) lượt/giây, p50 [\d.]+ ms, p99 [\d.]+ ms \| "
    r"trần \(một INSERT trong một giao dịch\): (\d+) lần/giây, p50 [\d.]+ ms, p99 [\d.]+ ms → \d+% trần"
)
RANKING = re.compile(r"Xếp hạng một đợt 3\.000 lượt thi của 300 người \(tạo bằng SQL trong [\d.]+ s\): [\d.]+ s; top 20: [\d.]+ ms")


def bench(project_root, env):
    return subprocess.run(
        [sys.executable, "manage.py", "bench_contests", "--seconds", "0.5", "--attempts", "3000", "--people", "300"],
        cwd=project_root, env={**env, "DEBUG": "1"}, capture_output=True, text=True, timeout=300, check=False,
    )


def check(result, index):
    assert result.returncode == 0, result.stderr
    cycle = CYCLE.search(result.stdout)
    assert cycle, result.stdout
    assert int(cycle.group(2)) > 0 and int(cycle.group(3)) > 0
    assert RANKING.search(result.stdout), result.stdout
    # The top 20 is read from the (round, rank) index, not sorted from the attempts.
    plan = next(line for line in result.stdout.splitlines() if line.startswith("Kế hoạch truy vấn top 20"))
    assert index in plan and "TEMP B-TREE" not in plan and "Sort" not in plan, plan
    return cycle


def test_bench_on_sqlite(project_root):
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    result = bench(project_root, env)
    assert "Cơ sở dữ liệu: sqlite" in result.stdout
    # SQLite names the (round, rank) unique index itself; no sort step follows it.
    assert check(result, "USING INDEX sqlite_autoindex_contests_roundresult").group(1) == "1"


@pytest.mark.postgres
@pytest.mark.slow
def test_bench_on_postgresql_leaves_no_database_behind(project_root):
    result = bench(project_root, {**os.environ, "DATABASE_URL": settings.DATABASE_URL})
    assert "Cơ sở dữ liệu: postgresql" in result.stdout
    assert int(check(result, "Index Scan using result_rank_unique_in_round").group(1)) > 1  # threads race on PostgreSQL
    # The URL's database, not settings.DATABASES (renamed test_… once another test has set up the test database).
    server, _, database = settings.DATABASE_URL.rpartition("/")
    name = f"test_{database}_bench_contests"
    with psycopg2.connect(f"{server}/postgres") as conn:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            assert cursor.fetchone() is None
