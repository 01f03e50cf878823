"""The portal's URLs plus both ceilings, for `make load` (config/loadtest.py).

Never the ROOT_URLCONF of a real server: the load test starts gunicorn on a WSGI module of
its own that points ROOT_URLCONF here (config.benchhttp). The ceilings are the benches' own
views: a trivial Django view (content.bench_urls) and one INSERT in a transaction
(contests.bench_urls), through the same middleware, workers and database connections.
"""

from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns
from content.bench_urls import trivial
from contests.bench_urls import one_insert

urlpatterns = [path("_bench/trivial/", trivial), path("_bench/insert/", one_insert), *portal_urlpatterns]
