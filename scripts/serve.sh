#!/usr/bin/env bash
# Serve the portal on 127.0.0.1:$PORT. With REDIS_URL set, a Celery worker and
# Celery beat run beside the web server; Ctrl-C stops all three.
set -euo pipefail
PY=${PY:-.venv/bin/python}
export PORT=${PORT:-8000}  # read by settings: SITE_URL follows it (links in e-mails)
CELERY="$(dirname "$PY")/celery"
pids=()

stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop INT TERM EXIT

if [ -n "${REDIS_URL:-}" ]; then
  echo "REDIS_URL đã đặt: khởi động Celery worker và Celery beat."
  "$CELERY" -A config worker --loglevel=INFO --concurrency=2 &
  pids+=($!)
  "$CELERY" -A config beat --loglevel=INFO &
  pids+=($!)
else
  echo "Không có REDIS_URL: các tác vụ Celery chạy ngay trong tiến trình web (eager)."
fi

echo "Cổng thông tin: http://127.0.0.1:$PORT  (Ctrl-C để dừng)"
"$PY" manage.py runserver "127.0.0.1:$PORT" --noreload &
pids+=($!)
wait -n "${pids[@]}"
