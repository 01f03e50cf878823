"""Login, logout, password change in Vietnamese; failed logins are limited."""

import pytest
from django.core.cache import cache

from tests.factories import PASSWORD, UserFactory, make_officer

pytestmark = pytest.mark.django_db

LOGIN = "/tai-khoan/dang-nhap/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def test_login_page_is_vietnamese(client):
    html = client.get(LOGIN).content.decode()
    assert "<title>Đăng nhập" in html
    assert "Tên đăng nhập" in html and "Mật khẩu" in html


def test_wrong_password_says_so_in_vietnamese(client):
    UserFactory(username="lan")
    response = client.post(LOGIN, {"username": "lan", "password": "sai-mat-khau"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác" in html
    assert "_auth_user_id" not in client.session


def test_login_then_logout(client):
    make_officer(username="lan")
    response = client.post(LOGIN, {"username": "lan", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/lam-viec/"
    assert client.get("/lam-viec/").status_code == 200
    response = client.post("/tai-khoan/dang-xuat/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_logout_needs_post(client):
    user = make_officer(username="lan")
    client.force_login(user)
    assert client.get("/tai-khoan/dang-xuat/").status_code == 405
    assert "_auth_user_id" in client.session


def test_repeated_failures_lock_the_account_in_vietnamese(client, settings):
    UserFactory(username="lan")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "lan", "password": "sai-mat-khau"})
    # Now even the right password is refused, with a Vietnamese page.
    response = client.post(LOGIN, {"username": "lan", "password": PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Tạm khóa đăng nhập" in html
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username(client, settings):
    UserFactory(username="lan")
    make_officer(username="minh")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "lan", "password": "sai-mat-khau"})
    response = client.post(LOGIN, {"username": "minh", "password": PASSWORD})
    assert response.status_code == 302


def test_password_change(client):
    user = make_officer(username="lan")
    client.force_login(user)
    page = client.get("/tai-khoan/doi-mat-khau/").content.decode()
    assert "Mật khẩu cũ" in page
    response = client.post(
        "/tai-khoan/doi-mat-khau/",
        {"old_password": PASSWORD, "new_password1": "Hoa-sen-Ha-Noi-2026", "new_password2": "Hoa-sen-Ha-Noi-2026"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Hoa-sen-Ha-Noi-2026")


def test_password_change_errors_are_vietnamese_and_change_nothing(client):
    user = make_officer(username="lan")
    client.force_login(user)
    response = client.post(
        "/tai-khoan/doi-mat-khau/",
        {"old_password": "sai", "new_password1": "123", "new_password2": "456"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mật khẩu cũ không chính xác" in html
    assert "Hai trường mật khẩu không giống nhau" in html or "không khớp" in html
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_needs_login(client):
    response = client.get("/tai-khoan/doi-mat-khau/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
