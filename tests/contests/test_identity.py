"""contests.identity: the signed cookie that says which participant a browser is, per contest."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from contests import identity
from contests.models import Participant
from tests.contests.conftest import captcha_answer, login_as, make_contest, make_participant

pytestmark = pytest.mark.django_db


def request_with(value):
    request = RequestFactory().get("/")
    if value is not None:
        request.COOKIES[identity.COOKIE] = value
    return request


def test_the_cookie_names_one_participant_per_contest():
    value = identity.cookie_value({3: 41, 7: 99})
    request = request_with(value)
    assert identity.participant_id(request, 3) == 41
    assert identity.participant_id(request, 7) == 99
    assert identity.participant_id(request, 5) is None


@pytest.mark.parametrize("value", [
    None,
    "3:41",  # unsigned
    "junk",
])
def test_an_unsigned_or_missing_cookie_names_nobody(value):
    assert identity.participant_id(request_with(value), 3) is None


def test_an_edited_cookie_names_nobody():
    value = identity.cookie_value({3: 41})
    assert identity.participant_id(request_with(value.replace("3:41", "3:42", 1)), 3) is None


def test_a_cookie_signed_with_another_key_names_nobody(settings):
    value = identity.cookie_value({3: 41})
    settings.SECRET_KEY = "another-" + settings.SECRET_KEY
    assert identity.participant_id(request_with(value), 3) is None


def test_an_old_cookie_names_nobody(settings):
    value = identity.cookie_value({3: 41})
    settings.CONTEST_IDENTITY_COOKIE_AGE = -1
    assert identity.participant_id(request_with(value), 3) is None


def test_registration_sets_an_httponly_cookie_and_keeps_other_contests(client):
    first = make_contest()
    person = make_participant(first)
    login_as(client, person)
    second = make_contest(code="thi-khac")
    url = reverse("contests:register", args=[second.code])
    data = {
        "full_name": "Phạm Thị Dung", "date_of_birth": "17/05/2001", "phone": "0912345678", "email": "",
        "locality": "Phường 1, Đà Lạt", "unit": "", "consent_rules": "on", "consent_personal_data": "on",
        **captcha_answer(client.get(url).content.decode()),
    }
    response = client.post(url, data)
    assert response.status_code == 200  # the page showing the recovery code
    morsel = response.cookies[identity.COOKIE]
    assert morsel["httponly"] and morsel["samesite"] == "Lax"
    request = request_with(morsel.value)
    assert identity.participant_id(request, first.pk) == person.pk
    assert identity.participant_id(request, second.pk) == Participant.objects.get(contest=second).pk
