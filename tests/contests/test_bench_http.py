"""`manage.py bench_contests_http`: start + submit through gunicorn beside the one-INSERT ceiling.

Run in a subprocess, as `make bench` runs it: the command makes and drops a
database of its own and starts gunicorn, which a test's transaction must not see.
"""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

LINE = re.compile(
    r"Bắt đầu \+ nộp bài qua HTTP \(gunicorn \d+ worker × \d+ luồng, 4 client\): (\d+) lượt/giây, "
    r"p50 [\d.]+ ms, p99 [\d.]+ ms \| trần \(một INSERT trong giao dịch\): (\d+) yêu cầu/giây, "
    r"p50 [\d.]+ ms, p99 [\d.]+ ms \| tỷ lệ: \d+ %"
)


def bench(project_root, env, *args, timeout):
    return subprocess.run(
        [sys.executable, "manage.py", "bench_contests_http", *args],
        cwd=project_root, env=env, capture_output=True, text=True, timeout=timeout, check=False,
    )


@pytest.mark.postgres
@pytest.mark.slow
def test_bench_http_measures_start_submit_and_the_ceiling(project_root):
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": settings.DATABASE_URL}
    result = bench(project_root, env, "--seconds", "2", "--clients", "4", timeout=90)
    assert result.returncode == 0, result.stderr
    match = LINE.search(result.stdout)
    assert match, result.stdout
    rate, ceiling = int(match.group(1)), int(match.group(2))
    assert rate > 0 and ceiling > 0
    assert "yêu cầu lỗi" not in result.stdout


def test_bench_http_skips_without_postgresql(project_root):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    result = bench(project_root, {**env, "DEBUG": "1"}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Bỏ qua đo qua HTTP: cần PostgreSQL" in result.stdout
    assert "sqlite" in result.stdout
