"""Two-factor sign-in (issue 15, "Keeps intruders out"): TOTP and recovery codes after the password.

Staff and administrators must have it; officers may turn it on and then must use it. A wrong code is
a failed login for django-axes; the pending sign-in between password and code expires; the QR image
is the signed-in account's own; staff sessions expire; `manage.py twofactor_reset` helps a person
who lost the phone and the codes.
"""

import logging
import re
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from campaign.roles import STAFF_GROUP
from campaign.twofactor import services
from campaign.twofactor.middleware import STAFF_SESSION
from campaign.twofactor.views import PENDING
from tests.factories import PASSWORD, UnitFactory, UserFactory, make_officer, make_staff, totp_code, totp_device

pytestmark = pytest.mark.django_db

LOGIN = "/tai-khoan/dang-nhap/"
VERIFY = "/tai-khoan/dang-nhap/ma-xac-thuc/"
ENROL = "/tai-khoan/xac-thuc-hai-buoc/bat/"
STATUS = "/tai-khoan/xac-thuc-hai-buoc/"
QR = "/tai-khoan/xac-thuc-hai-buoc/ma-qr.svg"
CODES = "/tai-khoan/xac-thuc-hai-buoc/ma-du-phong/"
TURN_OFF = "/tai-khoan/xac-thuc-hai-buoc/tat/"
WORKSPACE = "/lam-viec/"
ADMIN = "/quan-tri/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def no_throttle(settings):
    """django-otp's pause after a wrong code (1 s, doubling) off: these tests type codes back to back."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def sign_in(client, username, **extra):
    return client.post(LOGIN, {"username": username, "password": PASSWORD, **extra})


def signed_in(client):
    return "_auth_user_id" in client.session


def visible(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# Staff without a device ------------------------------------------------------------------------


@pytest.mark.parametrize("make", [
    lambda: make_staff(),
    lambda: UserFactory(username="quantri", is_staff=True, is_superuser=True),
    lambda: UserFactory(username="chi-is-staff", is_staff=True),
], ids=["staff-group", "superuser", "is_staff"])
def test_password_only_staff_are_sent_to_enrolment_and_reach_neither_workspace_nor_admin(client, make):
    user = make()
    response = sign_in(client, user.username)
    assert response.status_code == 302 and response["Location"].startswith(ENROL)
    for path in (WORKSPACE, ADMIN, "/lam-viec/ke-hoach/", "/quan-tri/campaign/plan/", "/cuoc-thi/", "/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(ENROL), path
    # What stays open: the enrolment, its QR image, logout.
    assert client.get(ENROL).status_code == 200
    assert client.get(QR).status_code == 200
    assert client.post("/tai-khoan/dang-xuat/").status_code == 302
    assert not signed_in(client)


def test_every_staff_page_is_closed_to_a_password_only_staff_session(client):
    """Every URL of the permission sweep (GET), as staff who passed the password only: the enrolment
    page, whatever the URL (the two-factor pages and logout excepted)."""
    from tests.security.test_permission_sweep import ROUTES

    staff = make_staff(is_staff=True)
    client.force_login(staff, otp=False)
    open_names = {"twofactor_verify", "twofactor_enrol", "twofactor_qr", "logout"}
    checked = 0
    for route in ROUTES.values():
        if route.arguments or route.name in open_names or "(" in route.route:
            continue
        response = client.get("/" + route.route)
        assert response.status_code == 302 and response["Location"].startswith(ENROL), route.label
        checked += 1
    assert checked > 40


# Enrolment -------------------------------------------------------------------------------------


def test_enrolment_shows_the_qr_and_the_secret_then_a_code_confirms_it(client, no_throttle):
    staff = make_staff(is_staff=True)
    sign_in(client, staff.username, next="/lam-viec/ke-hoach/")
    page = client.get(ENROL + "?next=/lam-viec/ke-hoach/")
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert "Bật xác thực hai bước" in html and f'src="{QR}"' in html
    assert "".join(services.secret_groups(device)) == services.secret_of(device)
    assert " ".join(services.secret_groups(device)[:2]) in visible(page)
    assert "<script" not in html.split("<main", 1)[1]

    svg = client.get(QR)
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    assert "no-store" in svg["Cache-Control"]

    wrong = client.post(ENROL, {"code": "000000" if totp_code(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "Mã xác thực không đúng" in wrong.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed

    done = client.post(ENROL, {"code": totp_code(device), "next": "/lam-viec/ke-hoach/"})
    assert done.status_code == 200
    codes = re.findall(r"<li>([a-z2-7]{4}-[a-z2-7]{4})</li>", done.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "Mã dự phòng" in done.content.decode() and 'href="/lam-viec/ke-hoach/"' in done.content.decode()
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get(WORKSPACE).status_code == 200
    assert client.get(ADMIN).status_code == 200
    # Once confirmed, the QR image is gone and the enrolment page sends to the status page.
    assert client.get(QR).status_code == 404
    assert client.get(ENROL)["Location"] == STATUS


def test_the_qr_image_is_the_signed_in_accounts_own(client):
    assert client.get(QR)["Location"].startswith(LOGIN)
    owner, other = make_officer(username="lan"), make_officer(username="minh")
    own = totp_device(owner, confirmed=False)
    client.force_login(other)
    assert client.get(QR).status_code == 404  # minh has no enrolment under way; lan's is not served
    client.get(ENROL)
    mine = client.get(QR).content
    assert mine and own.config_url.split("secret=")[1].split("&")[0] not in mine.decode()


# Signing in with a code ------------------------------------------------------------------------


def test_a_device_holder_is_not_signed_in_until_the_code(client, no_throttle):
    staff = make_staff()
    device = totp_device(staff)
    response = sign_in(client, staff.username, next="/lam-viec/ke-hoach/")
    assert response.status_code == 302 and response["Location"] == VERIFY
    assert not signed_in(client)
    assert client.get(WORKSPACE)["Location"].startswith(LOGIN)
    page = client.get(VERIFY)
    assert "Mã xác thực" in page.content.decode() and "mã dự phòng" in page.content.decode()

    wrong = client.post(VERIFY, {"code": "12345"})
    assert wrong.status_code == 200 and "Mã xác thực không đúng hoặc đã hết hạn" in wrong.content.decode()
    assert not signed_in(client)
    right = client.post(VERIFY, {"code": totp_code(device)})
    assert right.status_code == 302 and right["Location"] == "/lam-viec/ke-hoach/"
    assert signed_in(client) and PENDING not in client.session
    assert client.get(WORKSPACE).status_code == 200


def test_the_same_code_does_not_sign_in_twice(client, no_throttle):
    staff = make_staff()
    device = totp_device(staff)
    sign_in(client, staff.username)
    code = totp_code(device)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    other = Client()
    sign_in(other, staff.username)
    assert client.post("/tai-khoan/dang-xuat/").status_code == 302
    assert "không đúng" in other.post(VERIFY, {"code": code}).content.decode()


def test_wrong_codes_are_failed_logins_and_lock_the_account(client, settings, no_throttle):
    from axes.models import AccessAttempt

    staff = make_staff()
    device = totp_device(staff)
    for tries in range(1, settings.AXES_FAILURE_LIMIT):
        sign_in(client, staff.username)
        response = client.post(VERIFY, {"code": "000001"})
        assert response.status_code == 200, tries
        assert AccessAttempt.objects.get(username=staff.username).failures_since_start == tries
    sign_in(client, staff.username)
    locked = client.post(VERIFY, {"code": "000001"})
    assert locked.status_code == 429 and "Tạm khóa đăng nhập" in locked.content.decode()
    # Locked: even the right code, and the right password, are refused now.
    assert client.post(VERIFY, {"code": totp_code(device)}).status_code == 429
    assert not signed_in(client)
    response = sign_in(client, staff.username)
    assert response.status_code == 429
    assert "000001" not in AccessAttempt.objects.get(username=staff.username).post_data


def test_djangos_own_throttle_pauses_after_a_wrong_code(client):
    staff = make_staff()
    device = totp_device(staff)
    sign_in(client, staff.username)
    client.post(VERIFY, {"code": "000001"})
    response = client.post(VERIFY, {"code": totp_code(device)})
    assert "Vừa nhập sai mã (1 lần liên tiếp); vui lòng chờ 1 giây" in response.content.decode()
    assert not signed_in(client)
    # Once the pause is over the right code goes through (1 s after one wrong code).
    device.refresh_from_db()
    device.throttling_failure_timestamp -= timedelta(seconds=2)
    device.save(update_fields=["throttling_failure_timestamp"])
    client.post(VERIFY, {"code": totp_code(device)})
    assert signed_in(client)


def test_a_recovery_code_works_once(client, no_throttle):
    staff = make_staff()
    totp_device(staff)
    codes = services.new_recovery_codes(staff)
    sign_in(client, staff.username)
    response = client.post(VERIFY, {"code": codes[0].upper().replace("-", " ")}, follow=True)
    assert signed_in(client) and "còn 9 mã" in response.content.decode()
    client.post("/tai-khoan/dang-xuat/")
    sign_in(client, staff.username)
    again = client.post(VERIFY, {"code": codes[0]})
    assert again.status_code == 200 and not signed_in(client)
    assert client.post(VERIFY, {"code": codes[1]}).status_code == 302
    assert StaticToken.objects.filter(device__user=staff).count() == 8


def test_new_recovery_codes_replace_the_old(client):
    staff = make_staff()
    totp_device(staff)
    old = services.new_recovery_codes(staff)
    client.force_login(staff)
    response = client.post(CODES)
    new = re.findall(r"<li>([a-z2-7]{4}-[a-z2-7]{4})</li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    tokens = set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    assert tokens == {services.normalised_recovery_code(code) for code in new}


def test_the_pending_sign_in_expires(client, settings):
    staff = make_staff()
    device = totp_device(staff)
    sign_in(client, staff.username)
    session = client.session
    session[PENDING] = {**session[PENDING], "at": time.time() - settings.TWOFACTOR_PENDING_SECONDS - 1}
    session.save()
    response = client.post(VERIFY, {"code": totp_code(device)}, follow=True)
    assert not signed_in(client)
    assert response.redirect_chain[0][0] == reverse("login")
    assert "Phiên đăng nhập đã hết hạn" in response.content.decode()


def test_the_code_page_without_a_password_first_sends_to_login(client):
    response = client.get(VERIFY)
    assert response.status_code == 302 and response["Location"] == LOGIN


def test_a_session_signed_in_before_two_factor_existed_is_asked_the_code(client, no_throttle):
    staff = make_staff()
    device = totp_device(staff)
    client.force_login(staff, otp=False)
    response = client.get("/lam-viec/ke-hoach/")
    assert response["Location"] == VERIFY + "?next=%2Flam-viec%2Fke-hoach%2F"
    response = client.post(VERIFY + "?next=/lam-viec/ke-hoach/", {"code": totp_code(device), "next": "/lam-viec/ke-hoach/"})
    assert response["Location"] == "/lam-viec/ke-hoach/"
    assert client.get("/lam-viec/ke-hoach/").status_code == 200
    assert STAFF_SESSION in client.session


def test_the_next_address_must_be_the_portals(client, no_throttle):
    staff = make_staff()
    device = totp_device(staff)
    sign_in(client, staff.username, next="https://ke-gian.example/")
    assert client.post(VERIFY, {"code": totp_code(device)})["Location"] == WORKSPACE


# The admin ---------------------------------------------------------------------------------------


def test_the_admin_requires_a_verified_session_and_has_no_login_form_of_its_own(client):
    response = client.get("/quan-tri/login/?next=/quan-tri/campaign/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    response = client.post("/quan-tri/login/", {"username": "x", "password": "y"})
    assert response["Location"].startswith(LOGIN)
    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(ADMIN).status_code == 200
    assert client.get("/quan-tri/login/")["Location"] == ADMIN
    # The admin's own check, past the middleware: a session without the device key is not in.
    from django.contrib import admin as django_admin
    from django.test import RequestFactory

    request = RequestFactory().get(ADMIN)
    request.user = admin
    admin.is_verified = lambda: False
    assert not django_admin.site.has_permission(request)
    assert "otp_totp" not in client.get(ADMIN).content.decode()  # no device admin with secrets


# Staff sessions ----------------------------------------------------------------------------------


def _age(client, **seconds_ago):
    session = client.session
    stamp = session[STAFF_SESSION]
    session[STAFF_SESSION] = {key: stamp[key] - seconds_ago.get(key, 0) for key in stamp}
    session.save()


def test_a_staff_session_ends_after_30_idle_minutes(client, settings):
    assert settings.STAFF_SESSION_IDLE_MINUTES == 30 and settings.STAFF_SESSION_MAX_HOURS == 8
    client.force_login(make_staff())
    _age(client, seen=29 * 60)
    assert client.get(WORKSPACE).status_code == 200
    assert time.time() - client.session[STAFF_SESSION]["seen"] < 5  # the request counted as activity
    _age(client, seen=31 * 60)
    response = client.get(WORKSPACE, follow=True)
    assert response.redirect_chain[0][0] == LOGIN + "?next=%2Flam-viec%2F"
    assert "Phiên làm việc đã hết hạn" in response.content.decode()
    assert not signed_in(client)


def test_a_staff_session_ends_8_hours_after_sign_in_even_when_busy(client):
    client.force_login(make_staff())
    _age(client, start=8 * 3600 - 60)
    assert client.get(WORKSPACE).status_code == 200
    _age(client, start=120)
    assert client.get(WORKSPACE)["Location"].startswith(LOGIN)
    assert not signed_in(client)


def test_officers_sessions_are_unchanged(client):
    officer = make_officer(UnitFactory(), username="lan")
    client.force_login(officer)
    assert STAFF_SESSION not in client.session
    assert client.get(WORKSPACE).status_code == 200


def test_the_staff_session_limits_come_from_the_environment(monkeypatch):
    import subprocess
    import sys

    code = "from django.conf import settings as s; print(s.STAFF_SESSION_IDLE_MINUTES, s.STAFF_SESSION_MAX_HOURS, s.TWOFACTOR_PENDING_SECONDS)"
    env = {"DEBUG": "1", "STAFF_SESSION_IDLE_MINUTES": "15", "STAFF_SESSION_MAX_HOURS": "4", "TWOFACTOR_PENDING_SECONDS": "120",
           "DJANGO_SETTINGS_MODULE": "config.settings", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code], env=env, capture_output=True, text=True)
    assert done.stdout.split() == ["15", "4", "120"], done.stderr


# Officers ----------------------------------------------------------------------------------------


def test_an_officer_signs_in_with_the_password_alone_until_turning_it_on(client, no_throttle):
    officer = make_officer(UnitFactory(), username="lan")
    response = sign_in(client, "lan")
    assert response["Location"] == WORKSPACE and client.get(WORKSPACE).status_code == 200
    page = client.get(STATUS)
    assert "Chưa bật" in page.content.decode() and f'href="{ENROL}"' in page.content.decode()
    assert f'href="{STATUS}"' in client.get(WORKSPACE).content.decode()  # linked from the account menu

    client.get(ENROL)
    device = TOTPDevice.objects.get(user=officer)
    assert client.post(ENROL, {"code": totp_code(device)}).status_code == 200
    client.post("/tai-khoan/dang-xuat/")
    # Now required for this officer too.
    assert sign_in(client, "lan")["Location"] == VERIFY and not signed_in(client)
    client.post(VERIFY, {"code": totp_code(device)})
    assert signed_in(client)
    assert "Đang bật" in client.get(STATUS).content.decode()

    refused = client.post(TURN_OFF, {"password": "sai-mat-khau"})
    assert refused.status_code == 200 and "Mật khẩu không đúng" in refused.content.decode()
    assert services.is_enabled(officer)
    response = client.post(TURN_OFF, {"password": PASSWORD}, follow=True)
    assert "Đã tắt xác thực hai bước" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=officer).exists() and not services.recovery_codes_left(officer)
    client.post("/tai-khoan/dang-xuat/")
    assert sign_in(client, "lan")["Location"] == WORKSPACE


def test_an_officer_with_it_on_cannot_skip_the_code(client):
    officer = make_officer(UnitFactory(), username="lan")
    totp_device(officer)
    client.force_login(officer, otp=False)
    assert client.get(WORKSPACE)["Location"].startswith(VERIFY)
    assert client.get("/lam-viec/viec-cua-don-vi/")["Location"].startswith(VERIFY)


def test_staff_cannot_turn_it_off(client):
    staff = make_staff()
    totp_device(staff)
    client.force_login(staff)
    assert "không tắt được" in client.get(STATUS).content.decode()
    assert client.post(TURN_OFF, {"password": PASSWORD}).status_code == 403
    assert services.is_enabled(staff)


def test_a_promoted_officer_must_enrol(client):
    officer = make_officer(UnitFactory(), username="lan")
    client.force_login(officer, otp=False)
    assert client.get(WORKSPACE).status_code == 200
    officer.groups.add(Group.objects.get(name=STAFF_GROUP))
    assert client.get(WORKSPACE)["Location"].startswith(ENROL)


# Administrators' reset -----------------------------------------------------------------------------


def test_twofactor_reset_removes_the_devices_and_logs_it(client, caplog):
    staff = make_staff()
    totp_device(staff)
    services.new_recovery_codes(staff)
    out = StringIO()
    with caplog.at_level(logging.WARNING, logger="campaign.twofactor"):
        call_command("twofactor_reset", staff.username, stdout=out)
    assert "Đã gỡ xác thực hai bước của alice (2 thiết bị)" in out.getvalue()
    assert "phải cài đặt lại" in out.getvalue()
    assert any("alice" in record.getMessage() and "twofactor_reset" in record.getMessage() for record in caplog.records)
    assert not services.is_enabled(staff) and not services.recovery_codes_left(staff)
    # The next sign-in asks for a new enrolment.
    assert sign_in(client, staff.username)["Location"].startswith(ENROL)

    out = StringIO()
    call_command("twofactor_reset", staff.username, stdout=out)
    assert "không có gì để gỡ" in out.getvalue()
    with pytest.raises(CommandError, match="Không có tài khoản «khong-co»"):
        call_command("twofactor_reset", "khong-co")


def test_a_reset_ends_the_verified_sessions_of_the_device(client):
    staff = make_staff()
    client.force_login(staff)
    assert client.get(WORKSPACE).status_code == 200
    call_command("twofactor_reset", staff.username, stdout=StringIO())
    assert client.get(WORKSPACE)["Location"].startswith(ENROL)


# The demo -------------------------------------------------------------------------------------------


def test_seed_demo_gives_the_demo_staff_a_demo_device_and_keeps_one_enrolled_later(client, no_throttle):
    from campaign.demo import DEMO_STAFF, DEMO_TOTP_KEY

    out = StringIO()
    call_command("seed_demo", stdout=out)
    device = TOTPDevice.objects.get(user__username=DEMO_STAFF)
    assert device.key == DEMO_TOTP_KEY and device.confirmed
    assert "KHÓA MINH HỌA" in out.getvalue() and "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ" in out.getvalue()
    user = device.user
    user.set_password(PASSWORD)
    user.save()
    sign_in(client, DEMO_STAFF)
    assert client.post(VERIFY, {"code": totp_code(device)})["Location"] == WORKSPACE

    # Someone enrols a phone of their own on the demo account: a second seed keeps it and prints no demo key.
    TOTPDevice.objects.filter(user=user).delete()
    own = totp_device(user)
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert list(TOTPDevice.objects.filter(user=user)) == [own]
    assert "KHÓA MINH HỌA" not in out.getvalue()
