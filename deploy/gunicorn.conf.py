"""gunicorn's configuration for the portal: `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.

Used by the systemd unit (deploy/systemd/portal-web.service) and by `make stack`
(scripts/stack.sh). Every value can be changed from the environment (the unit's
EnvironmentFile, /etc/portal/portal.env); docs/deploy.md explains the choices.
"""

import os


def _int(name, default):
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"Lỗi cấu hình: {name}={raw!r} không phải một số nguyên.") from None


def cpu_count():
    """The CPUs this process may run on (a container's or a cgroup's share, not the whole machine)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


# nginx on the same host proxies to this address; nobody else should reach it.
bind = [os.environ.get("GUNICORN_BIND", "").strip() or f"127.0.0.1:{_int('PORT', 8000)}"]

# gthread: each worker process serves GUNICORN_THREADS requests at a time. A page waits mostly
# on PostgreSQL and Redis, so threads add throughput without the memory of more processes.
# Every thread keeps one PostgreSQL connection (CONN_MAX_AGE): this host opens up to
# workers × threads connections (docs/deploy.md, "Connections to PostgreSQL").
worker_class = "gthread"
workers = _int("GUNICORN_WORKERS", 2 * cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 2)

# A request slower than this is killed and its worker replaced. Uploads are buffered by nginx
# before they reach gunicorn, and exports run in Celery, so no honest request gets near it.
timeout = _int("GUNICORN_TIMEOUT", 60)
# On SIGTERM (systemctl stop/restart) workers finish the requests they hold for this long.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# nginx keeps its upstream connections open (keepalive in deploy/nginx/portal.conf): longer
# than nginx's idle time would be wasted, shorter would make nginx reconnect for nothing.
keepalive = _int("GUNICORN_KEEPALIVE", 30)

# A worker is replaced after this many requests (plus a random part, so that they do not all
# restart at once): bounds the memory a slow leak in any library can take.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10

# No preload: each worker imports the portal itself, so `systemctl reload portal-web` (SIGHUP)
# starts workers on the new release's code and retires the old ones without dropping a request.
# A portal that cannot start (a bad setting) still stops at once: the first worker fails to
# boot and gunicorn exits with its message.
preload_app = False

# The heartbeat file of each worker on a RAM disk: a slow disk cannot make gunicorn believe
# a worker hangs.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Only nginx on this host (loopback) may tell gunicorn the original scheme; Django itself reads
# X-Forwarded-Proto only with BEHIND_PROXY=1 (config/settings.py).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs on stdout/stderr, collected by journald (systemd) or by `make stack` into its log files.
# The access log names the client nginx saw (X-Forwarded-For), the time taken in
# microseconds (%(D)s) and the response size.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%({x-forwarded-for}i)s %(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s %(D)sus "%(f)s" "%(a)s"'
proc_name = os.environ.get("GUNICORN_PROC_NAME", "portal-web")
