"""`manage.py bench_content_http`: home and article pages through gunicorn beside a trivial view."""

import re

import pytest

from tests.bench_commands import run_bench

LINE = r"{name}: (\d+) yêu cầu/giây, p50 [\d.]+ ms, p99 [\d.]+ ms"
SHARE = r" \| tỷ lệ: \d+ % của view tối giản"


def bench(project_root, *args, postgres=True, timeout):
    return run_bench(project_root, "bench_content_http", *args, postgres=postgres, timeout=timeout)


@pytest.mark.postgres
@pytest.mark.slow
def test_bench_measures_home_and_article_beside_the_trivial_view(project_root):
    result = bench(project_root, "--seconds", "1", "--clients", "2", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Trang công khai qua HTTP (gunicorn" in result.stdout and "2 client đồng thời" in result.stdout
    for name, share in (("Trang chủ", SHARE), ("Trang tin bài", SHARE), (r"View Django tối giản \(trần\)", "")):
        found = re.search(LINE.format(name=name) + share, result.stdout)
        assert found and int(found.group(1)) > 0, result.stdout
    assert "yêu cầu lỗi" not in result.stdout


def test_bench_skips_without_postgresql(project_root):
    result = bench(project_root, postgres=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Bỏ qua đo qua HTTP: cần PostgreSQL" in result.stdout
