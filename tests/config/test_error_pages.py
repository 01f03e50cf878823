"""The portal's Vietnamese 404 and 500 pages also with DEBUG on (the embedded `make run`)."""

import logging

import pytest
from django.http import Http404
from django.test import override_settings
from django.urls import include, path

pytestmark = pytest.mark.django_db

ENGLISH_DEBUG = ("Page not found (404)", "Using the URLconf", "Traceback", "DEBUG = True", "Server Error (500)")


def boom(request):
    raise RuntimeError("lỗi thử nghiệm")


def missing(request):
    raise Http404("không có")


urlpatterns = [path("loi/", boom), path("thieu/", missing), path("", include("config.urls"))]


def assert_vietnamese(response, status, heading):
    html = response.content.decode()
    assert response.status_code == status
    assert heading in html and "Về trang chủ" in html
    assert '<html lang="vi">' in html
    for marker in ENGLISH_DEBUG:
        assert marker not in html


@override_settings(DEBUG=True)
def test_an_unknown_url_shows_the_vietnamese_404_with_debug_on(client):
    assert_vietnamese(client.get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang")


@override_settings(DEBUG=True)
def test_an_unknown_object_shows_the_vietnamese_404_with_debug_on(client):
    assert_vietnamese(client.get("/tai-lieu/khong-co-tai-lieu-nay/"), 404, "Không tìm thấy trang")


@override_settings(DEBUG=True, ROOT_URLCONF="tests.config.test_error_pages")
def test_http404_raised_by_a_view_shows_the_vietnamese_404_with_debug_on(client):
    assert_vietnamese(client.get("/thieu/"), 404, "Không tìm thấy trang")


@override_settings(DEBUG=True, ROOT_URLCONF="tests.config.test_error_pages")
def test_an_exception_shows_the_vietnamese_500_with_debug_on_and_is_logged(client, caplog):
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/loi/")
    assert_vietnamese(response, 500, "Lỗi máy chủ")
    records = [r for r in caplog.records if r.name == "django.request" and r.exc_info]
    assert len(records) == 1 and "lỗi thử nghiệm" in str(records[0].exc_info[1])


@override_settings(DEBUG=True, ROOT_URLCONF="tests.config.test_error_pages")
def test_the_test_client_still_raises_the_exception(client):
    with pytest.raises(RuntimeError, match="lỗi thử nghiệm"):
        client.get("/loi/")


@override_settings(DEBUG=True)
def test_a_missing_slash_is_still_redirected(client):
    response = client.get("/tin-bai")
    assert response.status_code == 301 and response["Location"] == "/tin-bai/"


@override_settings(DEBUG=False)
def test_with_debug_off_the_same_pages(client):
    assert_vietnamese(client.get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang")


def database_down(request):
    from django.db import OperationalError

    raise OperationalError("could not connect to server: Connection refused")


class SessionReadFails:
    """A middleware whose database read fails, as the session's does while PostgreSQL restarts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.db import InterfaceError

        raise InterfaceError("connection already closed")


urlpatterns += [path("csdl/", database_down)]


@pytest.mark.parametrize("debug", [True, False])
def test_an_unreachable_database_is_a_503_to_retry_not_a_500(client, caplog, debug):
    client.raise_request_exception = False
    with override_settings(DEBUG=debug, ROOT_URLCONF="tests.config.test_error_pages"):
        response = client.get("/csdl/")
    html = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "Hệ thống đang bận trong giây lát" in html and '<html lang="vi">' in html
    assert response["Cache-Control"] == "no-store"
    for marker in ENGLISH_DEBUG:
        assert marker not in html


def test_a_middleware_that_cannot_reach_the_database_gets_the_503_too(client, settings):
    settings.DEBUG = False
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.config.test_error_pages.SessionReadFails"]
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 503 and "Hệ thống đang bận" in response.content.decode()


def test_other_errors_keep_the_vietnamese_500(client, settings):
    from django.db import InterfaceError

    assert not issubclass(RuntimeError, InterfaceError)
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.config.test_error_pages"
    client.raise_request_exception = False
    response = client.get("/loi/")
    assert response.status_code == 500 and "Lỗi máy chủ" in response.content.decode()
