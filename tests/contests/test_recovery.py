"""Issue 11.4: knowing a person's phone and date of birth gives nothing; their recovery code does.

Register → the code is shown once (and mailed); a taken phone gets one neutral answer and no
cookie; another device comes back with phone + code only, rate-limited; data only to the holder.
"""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from contests import identity, recovery, services
from contests.models import Participant
from tests.contests.conftest import captcha_answer, login_as, make_participant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

PHONE = "0911222333"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # the rate-limit counters


def registration(client, contest, **overrides):
    html = client.get(reverse("contests:register", args=[contest.code])).content.decode()
    data = {
        "full_name": "Phạm Thị Dung", "date_of_birth": "17/05/2001", "phone": PHONE, "email": "dung@example.vn",
        "locality": "Phường 1, Đà Lạt", "unit": "", "consent_rules": "on", "consent_personal_data": "on",
        **captcha_answer(html),
    }
    data.update(overrides)
    return client.post(reverse("contests:register", args=[contest.code]), data)


def shown_code(response):
    return re.search(r'data-testid="recovery-code">([A-Z0-9-]+)<', response.content.decode()).group(1)


@pytest.fixture
def dung(client, contest, django_capture_on_commit_callbacks, mailoutbox):
    """Dung registers on her phone; the code she was shown, and the mail she received."""
    with django_capture_on_commit_callbacks(execute=True):
        response = registration(client, contest)
    client.cookies.clear()
    return Participant.objects.get(phone=PHONE), shown_code(response)


def restore(client, contest, phone, code):
    return client.post(reverse("contests:restore", args=[contest.code]), {"phone": phone, "code": code})


def test_registration_shows_the_code_once_mails_it_and_stores_only_its_hmac(client, contest, dung, mailoutbox):
    participant, code = dung
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
    plain = recovery.normalise(code)
    assert participant.recovery_code_hash == recovery.digest(contest_id=contest.pk, phone=PHONE, code=plain)
    assert plain not in str(list(Participant.objects.values()))
    [mail] = mailoutbox
    assert mail.to == ["dung@example.vn"] and code in mail.body
    assert "Mã khôi phục" in mail.subject and reverse("contests:restore", args=[contest.code]) in mail.body
    # Without an e-mail address nothing is sent; the page still shows the code.
    mailoutbox.clear()
    response = registration(client, contest, phone="0911222444", email="")
    assert shown_code(response) and not mailoutbox


@pytest.mark.parametrize("facts", [
    {"phone": "+84 911 222 333", "date_of_birth": "17/05/2001", "email": "la@example.vn"},  # the right date of birth
    {"phone": "0911 222 333", "date_of_birth": "01/01/1990", "email": ""},                 # a wrong one
])
def test_a_taken_phone_gets_a_neutral_answer_no_cookie_and_no_data(client, contest, dung, facts):
    response = registration(client, contest, full_name="Kẻ Lạ", **facts)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nếu số điện thoại này đã đăng ký, hãy dùng mã khôi phục" in html
    assert "Số điện thoại này đã đăng ký" not in html  # no longer confirmed to a stranger
    assert identity.COOKIE not in response.cookies
    for private in ("dung@example.vn", "17/05/2001", "Phạm Thị Dung", 'data-testid="recovery-code"'):
        assert private not in html.replace('value="17/05/2001"', "")
    assert Participant.objects.count() == 1 and Participant.objects.get().full_name == "Phạm Thị Dung"
    # Still nobody for the stranger's browser: the "my registration" page sends them to register.
    page = client.get(reverse("contests:my_registration", args=[contest.code]))
    assert page.url == reverse("contests:register", args=[contest.code])


def test_the_neutral_answer_is_the_same_whatever_the_facts(client, contest, dung):
    def errors(**facts):
        html = registration(client, contest, **facts).content.decode()
        return re.findall(r'<div class="alert alert-danger" role="alert">(.*?)</div>', html, re.S)

    assert errors(date_of_birth="17/05/2001") == errors(date_of_birth="02/03/1980") == errors(full_name="Ai Đó")


def test_restore_with_a_wrong_code_or_an_unknown_phone_is_refused_alike(client, contest, dung):
    participant, code = dung
    other = "ABCDE23456" if recovery.normalise(code) != "ABCDE23456" else "ABCDE23457"
    for phone, typed in [(PHONE, other), ("0999888777", code)]:
        response = restore(client, contest, phone, typed)
        assert response.status_code == 200
        assert services.RESTORE_REFUSED in response.content.decode()
        assert identity.COOKIE not in response.cookies
    # A code typed without the phone's owner changes nothing either.
    assert Participant.objects.get() == participant


def test_the_phone_and_date_of_birth_no_longer_restore_anything(client, contest, dung):
    response = restore(client, contest, PHONE, "17/05/2001")
    assert "Mã khôi phục gồm 10 chữ cái" in response.content.decode()
    assert identity.COOKIE not in response.cookies


def test_restore_with_the_right_code_brings_the_registration_back(client, contest, dung):
    participant, code = dung
    # As a person may type it: another spelling of the phone, lower case, spaces.
    response = restore(client, contest, "+84 911 222 333", code.lower().replace("-", " "))
    assert response.url == reverse("contests:contest", args=[contest.code])
    assert "Đã dùng lại đăng ký dự thi của bạn trên thiết bị này" in client.get(response.url).content.decode()
    html = client.get(reverse("contests:my_registration", args=[contest.code])).content.decode()
    assert "dung@example.vn" in html and PHONE in html


def test_restore_is_rate_limited_per_phone_even_with_the_right_code(client, contest, dung, settings):
    participant, code = dung
    settings.CONTEST_RATE_LIMITS = {**settings.CONTEST_RATE_LIMITS, "restore": {"ip": (100, 3600), "phone": (2, 3600)}}
    for _ in range(2):
        restore(client, contest, PHONE, "ABCDE23456")
    response = restore(client, contest, "+84 911 222 333", code)  # the same phone to the limit
    assert response.status_code == 429 and "xin chờ ít phút" in response.content.decode()
    assert identity.COOKIE not in response.cookies


def test_restore_is_rate_limited_per_ip(client, contest, dung, settings):
    settings.CONTEST_RATE_LIMITS = {**settings.CONTEST_RATE_LIMITS, "restore": {"ip": (1, 3600), "phone": (100, 3600)}}
    restore(client, contest, "0999888777", "ABCDE23456")
    assert restore(client, contest, "0999888111", "ABCDE23456").status_code == 429


def test_a_new_code_replaces_the_old_one(client, contest, dung, mailoutbox, django_capture_on_commit_callbacks):
    participant, old = dung
    login_as(client, participant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("contests:my_registration", args=[contest.code]), {"action": "new-code"})
    new = shown_code(response)
    assert new != old and "Mã cũ không còn dùng được" in response.content.decode()
    assert new in mailoutbox[-1].body
    Participant.objects.get()  # not deleted
    other = client_class()
    assert services.RESTORE_REFUSED in restore(other, contest, PHONE, old).content.decode()
    assert restore(other, contest, PHONE, new).status_code == 302


def client_class():
    from django.test import Client

    return Client()


def test_a_registration_without_a_code_is_restored_by_nothing(client, contest):
    """Registered before codes existed: only the browser that holds it can make one."""
    make_participant(contest, phone=PHONE)
    for typed in ("AAAAAAAAAA", "2222222222"):
        assert services.RESTORE_REFUSED in restore(client, contest, PHONE, typed).content.decode()


def test_nobody_else_sees_or_deletes_a_registration(client, contest, dung, an):
    participant, _ = dung
    login_as(client, an)  # another participant's browser
    html = client.get(reverse("contests:my_registration", args=[contest.code])).content.decode()
    assert an.phone in html and PHONE not in html and "dung@example.vn" not in html
    client.post(reverse("contests:my_registration", args=[contest.code]), {"action": "new-code"})
    participant.refresh_from_db()
    assert participant.recovery_code_hash == Participant.objects.get(pk=participant.pk).recovery_code_hash
    assert Participant.objects.filter(pk=participant.pk).exists()
