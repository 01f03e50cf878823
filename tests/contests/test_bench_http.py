"""`manage.py bench_contests_http`: submit, and start + submit, through gunicorn beside the one-INSERT ceiling."""

import re

import pytest

from tests.bench_commands import run_bench

HEAD = re.compile(r"Cuộc thi qua HTTP \(gunicorn \d+ worker × \d+ luồng, 4 client, PostgreSQL")
SUBMIT = re.compile(
    r"Nộp bài: (\d+) bài/giây, p50 [\d.]+ ms, p99 [\d.]+ ms \| "
    r"trần \(một INSERT trong giao dịch\): (\d+) yêu cầu/giây, p50 [\d.]+ ms, p99 [\d.]+ ms \| tỷ lệ: \d+ % của trần"
)
AUTOSAVE = re.compile(r"Lưu một câu trả lời \(tự động lưu\): (\d+) lần/giây, p50 [\d.]+ ms, p99 [\d.]+ ms \| tỷ lệ: \d+ %")
CYCLE = re.compile(r"Bắt đầu \+ nộp bài \(cả lượt thi: bắt đầu, trang bài thi, nộp\): (\d+) lượt/giây, p50 [\d.]+ ms")


def bench(project_root, *args, postgres=True, timeout):
    return run_bench(project_root, "bench_contests_http", *args, postgres=postgres, timeout=timeout)


@pytest.mark.postgres
@pytest.mark.slow
def test_bench_http_measures_start_submit_and_the_ceiling(project_root):
    result = bench(project_root, "--seconds", "2", "--clients", "4", timeout=90)
    assert result.returncode == 0, result.stderr
    assert HEAD.search(result.stdout), result.stdout
    submit, autosave, cycle = SUBMIT.search(result.stdout), AUTOSAVE.search(result.stdout), CYCLE.search(result.stdout)
    assert submit and autosave and cycle, result.stdout
    assert all(int(n) > 0 for n in (submit.group(1), submit.group(2), autosave.group(1), cycle.group(1)))
    assert "yêu cầu lỗi" not in result.stdout
    # Autosave and submit rewrite answer rows without touching an index (migration 0004).
    hot = re.search(r"Câu trả lời được cập nhật tại chỗ \(HOT, không thêm mục chỉ mục\): (\d+) %", result.stdout)
    assert hot and int(hot.group(1)) >= 90, result.stdout


def test_bench_http_skips_without_postgresql(project_root):
    result = bench(project_root, postgres=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Bỏ qua đo qua HTTP: cần PostgreSQL" in result.stdout
    assert "sqlite" in result.stdout
