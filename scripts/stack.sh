#!/usr/bin/env bash
# `make stack`: the real stack on this machine, from the repository. PostgreSQL and Redis (used if
# they answer, else started from Debian's packages), then migrate, collectstatic, seed_demo, and
# gunicorn (deploy/gunicorn.conf.py) on 127.0.0.1:$PORT, a Celery worker and Celery beat, with
# production settings (DEBUG=0) over plain http. Prints where each runs; Ctrl-C (SIGINT) or
# SIGTERM stops all it started, and waits until every process is gone.
#
# Environment (all optional): DATABASE_URL (postgres://postgres@127.0.0.1:5432/portal),
# REDIS_URL (redis://127.0.0.1:6379/0), PORT (8000), STACK_DIR (.stack: logs, the secret key),
# GUNICORN_WORKERS/GUNICORN_THREADS, CELERY_WORKER_CONCURRENCY (2), and any setting of the portal.
set -euo pipefail
cd "$(dirname "$0")/.."
# Job control: each process gets its own process group, so a Ctrl-C in the terminal reaches this
# script alone, which stops the others in order (one SIGTERM each, a warm shutdown for Celery).
set -m

PY=${PY:-.venv/bin/python}
BIN=$(dirname "$PY")
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/portal}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
export PORT=${PORT:-8000}
STACK_DIR=${STACK_DIR:-.stack}
LOGS="$STACK_DIR/logs"
mkdir -p "$LOGS"
STACK_DIR=$(cd "$STACK_DIR" && pwd)
LOGS="$STACK_DIR/logs"

# Production settings, over http on the loopback (no TLS here, so no secure-only cookies).
if [ ! -s "$STACK_DIR/secret_key" ]; then
  (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$STACK_DIR/secret_key")
fi
export DEBUG=0
export SECRET_KEY=${SECRET_KEY:-$(cat "$STACK_DIR/secret_key")}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export SITE_URL=${SITE_URL:-http://127.0.0.1:$PORT}
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-0}
export SESSION_COOKIE_SECURE=${SESSION_COOKIE_SECURE:-0}
export CSRF_COOKIE_SECURE=${CSRF_COOKIE_SECURE:-0}
export SECURE_HSTS_SECONDS=${SECURE_HSTS_SECONDS:-0}
export CELERY_WORKER_CONCURRENCY=${CELERY_WORKER_CONCURRENCY:-2}
export GUNICORN_BIND="127.0.0.1:$PORT"
export PYTHONUNBUFFERED=1

say() { printf '%s\n' "$*"; }

# --- PostgreSQL and Redis ------------------------------------------------------------------
# host port database / host port db, read with Python (no psql or redis-cli needed).
read -r PG_HOST PG_PORT PG_DB < <("$PY" -c '
import os, urllib.parse as u
p = u.urlsplit(os.environ["DATABASE_URL"])
print(p.hostname or "127.0.0.1", p.port or 5432, p.path.lstrip("/") or "portal")')
read -r REDIS_HOST REDIS_PORT < <("$PY" -c '
import os, urllib.parse as u
p = u.urlsplit(os.environ["REDIS_URL"])
print(p.hostname or "127.0.0.1", p.port or 6379)')
local_host() { case "$1" in 127.0.0.1 | localhost | ::1) return 0 ;; *) return 1 ;; esac; }

pg_up() { "$PY" - <<'EOF' 2>/dev/null
import os, urllib.parse as u, psycopg2
p = u.urlsplit(os.environ["DATABASE_URL"])
psycopg2.connect(host=p.hostname, port=p.port or 5432, user=p.username or "postgres",
                 password=p.password, dbname="postgres", connect_timeout=2).close()
EOF
}
redis_up() { "$PY" -c 'import os, redis; redis.Redis.from_url(os.environ["REDIS_URL"], socket_timeout=2).ping()' 2>/dev/null; }

started_pg="" started_redis=""
if ! pg_up; then
  if local_host "$PG_HOST" && [ -d /etc/postgresql ]; then
    version=$(ls /etc/postgresql | head -n 1)
    say "PostgreSQL không trả lời ở $PG_HOST:$PG_PORT: khởi động cụm $version/main của Debian."
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    started_pg="$version"
    for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  fi
  pg_up || { say "Lỗi: không kết nối được PostgreSQL ($PG_HOST:$PG_PORT)."; exit 1; }
fi
if ! redis_up; then
  if local_host "$REDIS_HOST" && command -v redis-server >/dev/null; then
    say "Redis không trả lời ở $REDIS_HOST:$REDIS_PORT: khởi động redis-server của Debian."
    mkdir -p "$STACK_DIR/redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
      --dir "$STACK_DIR/redis" --logfile "$LOGS/redis.log"
    started_redis="$REDIS_PORT"
    for _ in $(seq 1 30); do redis_up && break; sleep 1; done
  fi
  redis_up || { say "Lỗi: không kết nối được Redis ($REDIS_HOST:$REDIS_PORT)."; exit 1; }
fi

# The database itself, if missing.
"$PY" - <<'EOF'
import os, urllib.parse as u, psycopg2
p = u.urlsplit(os.environ["DATABASE_URL"])
name = p.path.lstrip("/") or "portal"
connection = psycopg2.connect(host=p.hostname, port=p.port or 5432, user=p.username or "postgres",
                              password=p.password, dbname="postgres")
connection.autocommit = True
with connection.cursor() as cursor:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    if cursor.fetchone() is None:
        print(f"Tạo cơ sở dữ liệu {name}.")
        cursor.execute(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0')
connection.close()
EOF

# --- The portal ------------------------------------------------------------------------------
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py seed_demo

names=() pids=()
stopping=""
stop() {
  [ -n "$stopping" ] && return
  stopping=1
  trap '' INT TERM
  say ""
  say "Đang dừng…"
  # Reverse order: beat first (no new task), then the worker (finishes its task), the web last.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[$i]}" 2>/dev/null || true
  done
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid=${pids[$i]}
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      say "${names[$i]} (pid $pid) chưa dừng sau 30 giây: buộc dừng."
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    # Anything of its process group still there (a gunicorn or Celery child) goes too.
    kill -KILL -- "-$pid" 2>/dev/null || true
    say "  đã dừng ${names[$i]} (pid $pid)"
  done
  if [ -n "$started_redis" ]; then
    "$PY" -c 'import os, redis; redis.Redis.from_url(os.environ["REDIS_URL"]).shutdown(nosave=True)' 2>/dev/null || true
    say "  đã dừng Redis (cổng $started_redis) mà stack đã khởi động"
  fi
  if [ -n "$started_pg" ]; then
    pg_ctlcluster --skip-systemctl-redirect "$started_pg" main stop || true
    say "  đã dừng PostgreSQL ($started_pg/main) mà stack đã khởi động"
  fi
  say "Đã dừng tất cả."
}
trap 'stop; exit 0' INT TERM
trap 'stop' EXIT

start() {  # name, log file, command…
  local name=$1 log=$2
  shift 2
  "$@" >>"$log" 2>&1 &
  names+=("$name")
  pids+=($!)
}
start "gunicorn" "$LOGS/web.log" "$BIN/gunicorn" --config deploy/gunicorn.conf.py config.wsgi
start "Celery worker" "$LOGS/worker.log" "$BIN/celery" --app config worker --loglevel INFO --hostname "stack-worker@%h"
start "Celery beat" "$LOGS/beat.log" "$BIN/celery" --app config beat --loglevel INFO --pidfile=

healthy() {
  "$PY" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=2)" 2>/dev/null
}
for _ in $(seq 1 120); do
  healthy && break
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { say "Lỗi: một tiến trình dừng khi khởi động; xem $LOGS/."; exit 1; }
  done
  sleep 0.5
done
healthy || { say "Lỗi: gunicorn không trả lời http://127.0.0.1:$PORT/healthz sau 60 giây; xem $LOGS/web.log."; exit 1; }

say ""
say "Stack đang chạy (DEBUG=0, thiết lập thật, qua http trên máy này):"
say "  Cổng thông tin   http://127.0.0.1:$PORT/   (trạng thái: http://127.0.0.1:$PORT/healthz)"
say "  gunicorn         pid ${pids[0]}  log $LOGS/web.log   (deploy/gunicorn.conf.py)"
say "  Celery worker    pid ${pids[1]}  log $LOGS/worker.log"
say "  Celery beat      pid ${pids[2]}  log $LOGS/beat.log"
say "  PostgreSQL       $PG_HOST:$PG_PORT, cơ sở dữ liệu $PG_DB${started_pg:+ (stack đã khởi động)}"
say "  Redis            $REDIS_URL${started_redis:+ (stack đã khởi động)}"
say "Ctrl-C để dừng tất cả."

# Until Ctrl-C, or until one of them stops by itself (then the others are stopped too).
set +e
wait -n "${pids[@]}"
status=$?
for i in "${!pids[@]}"; do
  kill -0 "${pids[$i]}" 2>/dev/null || say "${names[$i]} (pid ${pids[$i]}) đã dừng (mã $status); xem $LOGS/."
done
exit 1
