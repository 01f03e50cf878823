"""The Content-Security-Policy header on every kind of response (issue 11.9)."""

import pytest

from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/", "/tai-khoan/dang-nhap/", "/cuoc-thi/", "/khong-co-trang-nay/", "/healthz"])
def test_public_responses_forbid_inline_scripts_and_eval(client, path):
    policy = directives(client.get(path))
    assert policy["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"] and policy["base-uri"] == ["'self'"]


def test_staff_pages_and_the_admin_carry_it_too(client):
    client.force_login(make_staff(is_staff=True))
    for path in ("/lam-viec/", "/lam-viec/ke-hoach/them/", "/quan-tri/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "'unsafe-eval'" not in response["Content-Security-Policy"], path


def test_the_headers_that_held_before_still_hold(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
