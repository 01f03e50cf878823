"""Numbers and names typed by citizens (issue 11.5 and 11.8): one phone is one person,
whatever digits it was typed with; invisible text is no text; dates of birth are plausible."""

import unicodedata
from datetime import date

import pytest
from django.urls import reverse

from contests import services
from contests.models import Attempt, Participant
from tests.contests.conftest import login_as
from tests.contests.test_views import answer_all, registration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()


REGISTERED = "Đăng ký dự thi thành công"


def register(client, contest, **overrides):
    client.cookies.clear()
    return client.post(reverse("contests:register", args=[contest.code]), registration(contest, client, **overrides))


def registered(response):
    return response.status_code == 200 and REGISTERED in response.content.decode()


def test_a_full_width_digit_does_not_make_a_second_participant(client, contest, open_round):
    assert registered(register(client, contest, phone="0933000111"))
    first = Participant.objects.get()
    # The same phone in other digits is the taken phone: the neutral answer, no second person,
    # and this browser is not made the first one (issue 11.4).
    for phone, born in (("0９33000111", "17/05/2001"), ("０９３３０００１１１", "01/01/1990")):
        response = register(client, contest, phone=phone, date_of_birth=born)
        assert not registered(response)
        assert services.DUPLICATE_PHONE in response.content.decode()
        assert "cuocthi" not in client.cookies or not client.cookies["cuocthi"].value
    assert list(Participant.objects.all()) == [first] and first.phone == "0933000111"


@pytest.mark.parametrize("phone", ["٠٩٣٣٠٠٠١١١", "0933\u200b000111", "+84 ９３３ ０００ １１１"])
def test_phones_in_other_scripts_or_with_invisible_characters_are_stored_as_ascii(client, contest, phone):
    assert registered(register(client, contest, phone=phone))
    assert Participant.objects.get().phone == "0933000111"


def test_full_width_phones_share_the_rate_limit(client, contest, settings):
    settings.CONTEST_RATE_LIMITS = {**settings.CONTEST_RATE_LIMITS, "register": {"ip": (100, 3600), "phone": (2, 3600)}}
    register(client, contest, phone="0933000111", captcha_1="sai")
    register(client, contest, phone="0９33000111", captcha_1="sai")
    assert register(client, contest, phone="０９３３０００１１１").status_code == 429
    assert not Participant.objects.exists()


def test_the_id_number_is_read_in_ascii(client, contest):
    contest.requires_id_number = True
    contest.save()
    assert registered(register(client, contest, id_number="０６８ ２０１ ０００ １２３"))
    assert Participant.objects.get().id_number == "068201000123"


def test_an_id_number_with_letters_is_refused(client, contest):
    contest.requires_id_number = True
    contest.save()
    html = register(client, contest, id_number="06820100012a").content.decode()
    assert "Số căn cước công dân gồm 12 chữ số." in html
    assert not Participant.objects.exists()


@pytest.mark.parametrize("name", ["\u200b\u200b\u200b", "\u200b \u200c \u2060\ufeff", "\u202e\u202c", "\x00\x01"])
def test_a_name_of_invisible_characters_is_refused(client, contest, name):
    response = register(client, contest, full_name=name)
    assert response.status_code == 200
    assert "Hãy nhập họ và tên." in response.content.decode() or "bắt buộc" in response.content.decode()
    assert not Participant.objects.exists()


def test_a_bidi_override_is_stripped_from_the_name(client, contest):
    assert registered(register(client, contest, full_name="\u202eNguyễn Văn An\u202c"))
    assert Participant.objects.get().full_name == "Nguyễn Văn An"


def test_a_name_typed_decomposed_is_stored_precomposed(client, contest):
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    assert len(nfd) == 18
    assert registered(register(client, contest, full_name=nfd))
    stored = Participant.objects.get().full_name
    assert stored == "Nguyễn Thị Ánh" and len(stored) == 14
    assert Participant.objects.filter(full_name="Nguyễn Thị Ánh").count() == 1


def test_the_model_normalises_names_written_by_the_shell_too(contest):
    person = Participant.objects.create(
        contest=contest, full_name=unicodedata.normalize("NFD", "Lê\u200b Văn\u202e Bình"), date_of_birth=date(1990, 1, 1),
        phone="0912000009", locality=" Phường\u200b 1 ", consent_rules=True, consent_personal_data=True,
    )
    person.refresh_from_db()
    assert (person.full_name, person.locality) == ("Lê Văn Bình", "Phường 1")


@pytest.mark.parametrize("born, message", [
    ("01/01/1800", "không quá 110 tuổi"),
    ("01/01/2999", "không được ở tương lai"),
])
def test_an_implausible_date_of_birth_is_refused(client, contest, born, message):
    html = register(client, contest, date_of_birth=born).content.decode()
    assert message in html
    assert not Participant.objects.exists()


def test_the_contests_minimum_age_is_checked_on_the_form(client, contest):
    contest.min_age = 14
    contest.save()
    today = date.today()
    born = date(today.year - 13, 1, 1).strftime("%d/%m/%Y")
    assert "Thể lệ cuộc thi dành cho người từ 14 tuổi trở lên." in register(client, contest, date_of_birth=born).content.decode()
    assert not Participant.objects.exists()


def test_the_service_refuses_1800_too(contest):
    with pytest.raises(services.ServiceError, match="không quá 110 tuổi"):
        services.participant_register(
            contest=contest, full_name="Nguyễn Văn An", date_of_birth=date(1800, 1, 1), phone="0912000001",
            consent_rules=True, consent_personal_data=True,
        )


# Predictions and choices ------------------------------------------------------------


@pytest.mark.parametrize("typed, stored", [("１２", 12), ("1.000", 1000), ("12 000", 12000), ("١٢", 12)])
def test_predictions_are_read_in_ascii(client, contest, open_round, an, typed, stored):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    assert client.post(reverse("contests:autosave", args=[attempt.key]), {"prediction": typed}).json()["saved"]
    attempt.refresh_from_db()
    assert attempt.prediction == stored


@pytest.mark.parametrize("typed", ["1_000", "12a", "1,5", "²"])
def test_a_prediction_that_is_not_a_whole_number_is_refused(client, contest, open_round, an, typed):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    response = client.post(reverse("contests:autosave", args=[attempt.key]), {"prediction": typed})
    assert response.status_code == 400 and "số nguyên" in response.json()["error"]
    attempt.refresh_from_db()
    assert attempt.prediction is None


def test_choices_posted_in_full_width_digits_are_the_same_choices(client, contest, open_round, an):
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    answers = {key: "０１２"[int(value)] for key, value in answer_all(attempt).items()}
    response = client.post(reverse("contests:submit", args=[attempt.key]), {**answers, "prediction": "１７"})
    assert response.status_code == 302
    attempt = Attempt.objects.get(pk=attempt.pk)
    assert attempt.score == open_round.question_count and attempt.prediction == 17


@pytest.mark.parametrize("field", ["position", "choice"])
def test_an_autosave_whose_position_or_choice_is_not_a_number_says_so_in_plain_vietnamese(client, contest, open_round, an, field):
    # Found by the bad-input corpus: Django's vi catalogue says "Nhập một số tổng thể."
    login_as(client, an)
    attempt = services.attempt_start(round=open_round, participant=an)
    response = client.post(reverse("contests:autosave", args=[attempt.key]), {"position": "1", "choice": "0", field: "[0, 1]"})
    assert response.status_code == 400 and response.json()["error"] == "Nhập một số nguyên."
    assert not attempt.items.exclude(chosen=None).exists()
