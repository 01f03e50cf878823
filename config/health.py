"""/healthz: is the database, the cache/broker and Celery reachable?

Strangers get the status alone ({"status": "ok"}, "degraded" or "error", and
503 when the database is down). The parts (engine, cache backend, broker mode,
worker count, error texts) go to staff, to requests from the loopback and to
the monitoring addresses in HEALTH_MONITOR_IPS. Behind a proxy
(BEHIND_PROXY=1) the client's address is the last one the proxy appended to
X-Forwarded-For, so the proxy's own loopback address does not count as the
client's.

Every probe has a short timeout, so a dead Redis makes the answer slower by at
most a second or two, never a hang. Only a dead database makes it 503: without
the database nothing works, without Redis the pages still do.
"""

import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from campaign.roles import is_propaganda_staff
from config.celery import app as celery_app


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return {"ok": True, "engine": connection.vendor}
    except Exception as error:  # any failure means "not reachable"
        return {"ok": False, "engine": connection.vendor, "error": str(error)[:200]}


def check_cache():
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    try:
        cache.set("healthz", "1", 10)
        ok = cache.get("healthz") == "1"
        return {"ok": ok, "backend": backend}
    except Exception as error:
        return {"ok": False, "backend": backend, "error": str(error)[:200]}


def check_broker():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "eager"}
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=1)
        return {"ok": True, "mode": "redis"}
    except Exception as error:
        return {"ok": False, "mode": "redis", "error": str(error)[:200]}


def check_celery(broker_ok):
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # Tasks run inside the web process; there is no worker to ask.
        return {"ok": True, "mode": "eager", "workers": 0}
    if not broker_ok:
        return {"ok": False, "mode": "worker", "workers": 0, "error": "broker không kết nối được"}
    try:
        replies = celery_app.control.ping(timeout=1.0) or []
        return {"ok": bool(replies), "mode": "worker", "workers": len(replies)}
    except Exception as error:
        return {"ok": False, "mode": "worker", "workers": 0, "error": str(error)[:200]}


def client_address(request):
    address = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            address = forwarded.split(",")[-1].strip()
    try:
        return ipaddress.ip_address(address)
    except ValueError:
        return None


def may_see_details(request):
    user = getattr(request, "user", None)
    if user is not None and (user.is_staff or is_propaganda_staff(user)):
        return True
    address = client_address(request)
    if address is None:
        return False
    if address.is_loopback:
        return True
    return any(address in network for network in settings.HEALTH_MONITOR_NETWORKS)


@never_cache
@require_GET
def healthz(request):
    database = check_database()
    cache_status = check_cache()
    broker = check_broker()
    celery = check_celery(broker["ok"])
    parts = {"database": database, "cache": cache_status, "broker": broker, "celery": celery}
    if not database["ok"]:
        status = "error"
    elif all(part["ok"] for part in parts.values()):
        status = "ok"
    else:
        status = "degraded"
    body = {"status": status, **parts} if may_see_details(request) else {"status": status}
    return JsonResponse(body, status=503 if status == "error" else 200)
