"""The portal's URLs plus one bench-only view, for `manage.py bench_contests_http`.

Never the ROOT_URLCONF of a real server: the bench command starts gunicorn on a
WSGI module of its own that points ROOT_URLCONF here. The view is the ceiling
the quiz's start + submit are measured against: one INSERT in a transaction,
through the same middleware, worker and database connection.
"""

from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns


def one_insert(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_ping DEFAULT VALUES")
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("_bench/insert/", one_insert), *portal_urlpatterns]
