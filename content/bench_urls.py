"""The portal's URLs plus a trivial view, for `manage.py bench_content_http`.

Never the ROOT_URLCONF of a real server: the bench starts gunicorn on a WSGI module of
its own that points ROOT_URLCONF here. The trivial view is the ceiling the home and
article pages are measured against: Django's whole middleware stack, no query, no template.
"""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("_bench/trivial/", trivial), *portal_urlpatterns]
