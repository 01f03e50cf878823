"""The bad-input corpus (tests/corpus.py) thrown at every form that takes input from people.

One test per (input, target): the target posts through the real view as the role that uses it.
`Refused(message)`: the page, JSON or message shows the Vietnamese message, and no row of any
model and no file under MEDIA_ROOT or PRIVATE_MEDIA_ROOT changed. `Stored(value)`: the input is
legitimately accepted; what is stored is `value` (plain, normalised text), and the page the
request ends on shows no live markup of it.

Rows that record the attempt itself are not "changes": a captcha challenge (django-simple-captcha
keeps one per page shown) and django-axes' record of a failed login.
"""

import html
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from campaign.accounts.sheets import HEADERS as ACCOUNT_HEADERS
from campaign.models import ProgressReport, ReportFigure, ReportPhoto, Task
from contests import identity
from contests import services as contest_services
from contests.models import Attempt, Participant, Question
from contests.question_bank import HEADERS as QUESTION_HEADERS
from reports.imports import HEADERS as VALUE_HEADERS
from tests.campaign.conftest import world  # noqa: F401 (the campaign story, a fixture)
from tests.contests.conftest import fresh_captcha, make_contest, make_questions, make_round
from tests.corpus import CORPUS, Refused, Stored
from tests.factories import make_staff
from tests.sheets import assert_no_formulas

pytestmark = pytest.mark.django_db

# Rows that record a refusal rather than take in data.
NOT_CHANGES = {"captcha.CaptchaStore", "axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog", "sessions.Session"}
PHOTO_LIMIT = 1024 * 1024
LIVE_MARKUP = re.compile(r"<script>alert|<svg/onload|<img src=x|<math>", re.I)


@dataclass
class Outcome:
    text: str  # what the person sees: the page, the JSON error or the messages
    stored: object = None  # callable giving the stored value, for Stored expectations


def snapshot():
    counts = {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models() if model._meta.label not in NOT_CHANGES and model._meta.managed
    }
    files = sorted(
        str(path) for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT) for path in Path(root).rglob("*")
        if path.is_file()
    )
    return counts, files


def page(response):
    """What a person sees at the end of the request: the HTML, or the JSON error's message."""
    if response.get("Content-Type", "").startswith("application/json"):
        data = response.json()
        return str(data.get("error", data))
    return response.content.decode(errors="replace")


def visible(text):
    """The page's main text, for a failure's message."""
    main = text.split("<main", 1)[-1]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(script|style).*?</\1>", "", main))))[:1500]


# Worlds ---------------------------------------------------------------------------------------


@pytest.fixture
def quiz(db, settings):
    """A contest with an open round; an (citizen) registered in this browser, with an attempt started."""
    cache.clear()
    contest = make_contest()
    make_questions(contest)
    round_ = make_round(contest, 1)
    client = Client()
    an = Participant.objects.create(
        contest=contest, full_name="Nguyễn Văn An", date_of_birth=date(2000, 5, 17), phone="0912000001",
        locality="Phường 1, Đà Lạt", consent_rules=True, consent_personal_data=True,
    )
    client.cookies[identity.COOKIE] = identity.cookie_value({contest.pk: an.pk})
    attempt = contest_services.attempt_start(round=round_, participant_id=an.pk)
    # binh registered too, in another browser, and has not started yet.
    binh = Participant.objects.create(
        contest=contest, full_name="Trần Thị Bình", date_of_birth=date(2001, 3, 2), phone="0912000003",
        locality="Phường 3, Đà Lạt", consent_rules=True, consent_personal_data=True,
    )
    binh_client = Client()
    binh_client.cookies[identity.COOKIE] = identity.cookie_value({contest.pk: binh.pk})
    staff = Client()
    staff.force_login(make_staff(username="btg"))
    return {"contest": contest, "round": round_, "an": an, "attempt": attempt, "client": client, "staff": staff,
            "binh_client": binh_client}


@pytest.fixture
def campaign(world, settings):  # noqa: F811
    settings.PHOTO_MAX_BYTES = PHOTO_LIMIT
    cache.clear()
    alice, carol = Client(), Client()
    alice.force_login(world["alice"])
    carol.force_login(world["carol"])
    from content.models import Section

    from content.models import Article

    section = Section.objects.create(name="Tin hoạt động", slug="tin-hoat-dong")
    article = Article.objects.create(title="Bài của An", body="<p>Bài.</p>", section=section, unit=world["unit_a"],
                                     created_by=world["alice"])
    # A staff member with the admin: the only role django-ckeditor-5's own upload view would let in.
    admin_staff = Client()
    admin_staff.force_login(make_staff(username="quantri", is_staff=True))
    return {**world, "alice_client": alice, "carol_client": carol, "section": section, "article": article,
            "admin_staff_client": admin_staff}


@pytest.fixture
def reports(db):
    from reports.models import Report

    report = Report.objects.create(code="bc-2026", issuer="Ủy ban nhân dân tỉnh Gia Lai", title="Báo cáo năm 2026",
                                   period_start_year=2026, period_end_year=2026)
    staff = Client()
    staff.force_login(make_staff(username="btg"))
    return {"report": report, "staff": staff}


@pytest.fixture
def visitor(db):
    cache.clear()
    return {"client": Client()}


@pytest.fixture
def twofactor(db, settings):
    """Staff half-way through a sign-in (password right, code to come), an officer with two-factor sign-in
    who may turn it off, and staff with an enrolment under way (campaign/twofactor)."""
    from tests.factories import PASSWORD, make_officer, totp_device

    cache.clear()
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    pending = Client()
    totp_device(make_staff(username="btg2"))
    pending.post(reverse("login"), {"username": "btg2", "password": PASSWORD})
    officer = Client()
    officer.force_login(make_officer(username="lan2"))
    enrolling = Client()
    enrolling.force_login(make_staff(username="btg3"), otp=False)
    enrolling.get(reverse("twofactor_enrol"))
    return {"pending": pending, "officer": officer, "enrolling": enrolling}


# Targets: the real views -------------------------------------------------------------------------


def register(env, **changes):
    contest = env["contest"]
    client = Client()
    data = {
        "full_name": "Trần Thị Bình", "date_of_birth": "17/05/2000", "phone": "0912000002", "email": "",
        "locality": "Phường 2, Đà Lạt", "unit": "", "consent_rules": "on", "consent_personal_data": "on",
        **fresh_captcha(), **changes,
    }
    response = client.post(reverse("contests:register", args=[contest.code]), data)
    return Outcome(page(response), lambda: Participant.objects.exclude(phone__in=["0912000001", "0912000003"]).get())


def register_id_number(env, payload):
    # The test's own setting, not a person's change: an UPDATE, so the audit log (history) stays as it was.
    type(env["contest"]).objects.filter(pk=env["contest"].pk).update(requires_id_number=True)
    env["contest"].requires_id_number = True
    outcome = register(env, id_number=payload)
    outcome.stored = lambda: Participant.objects.exclude(phone__in=["0912000001", "0912000003"]).get().id_number
    return outcome


def field_of(outcome, name):
    stored = outcome.stored
    outcome.stored = lambda: getattr(stored(), name)
    return outcome


def autosave(env, payload):
    url = reverse("contests:autosave", args=[env["attempt"].key])
    if payload == "json":
        response = env["client"].post(url, data='{"position": 0, "choice": 1}', content_type="application/json")
    else:
        response = env["client"].post(url, payload)
    return Outcome(page(response))


def autosave_prediction(env, payload):
    response = env["client"].post(reverse("contests:autosave", args=[env["attempt"].key]), {"prediction": payload})
    return Outcome(page(response), lambda: Attempt.objects.get(pk=env["attempt"].pk).prediction)


def submit(env, payload):
    data = {"prediction": "10"}
    if "position" in payload:
        data[f"q{payload['position']}"] = payload["choice"]
    if not payload:
        data = {}
    response = env["client"].post(reverse("contests:submit", args=[env["attempt"].key]), data, follow=True)
    return Outcome(page(response))


def submit_prediction(env, payload):
    response = env["client"].post(reverse("contests:submit", args=[env["attempt"].key]), {"prediction": payload}, follow=True)
    return Outcome(page(response))


def start(env, payload):
    if "captcha_1" in payload:  # a real challenge, answered wrong
        payload = {**payload, "captcha_0": fresh_captcha()["captcha_0"]}
    response = env["binh_client"].post(reverse("contests:start", args=[env["contest"].code, env["round"].number]), payload, follow=True)
    return Outcome(page(response))


def xlsx_upload(client, url, content, name="tep.xlsx"):
    return client.post(url, {"file": SimpleUploadedFile(name, content), "send_links": ""})


def question_row(text="Năm 1962, hai nước lập quan hệ ngoại giao?"):
    values = {"Mã câu hỏi": "m01", "Câu hỏi": text, "Phương án A": "Đúng", "Phương án B": "Sai", "Đáp án đúng": "A",
              "Độ khó": "", "Đang dùng": "Có"}
    return [values.get(header, "") for header in QUESTION_HEADERS]


def question_import(env, payload):
    # with_cell puts the payload in the first column, the question's code: a formula there is refused too.
    content = payload(QUESTION_HEADERS, question_row())
    url = reverse("contests:questions_import", args=[env["contest"].code])
    return Outcome(page(env["staff"].post(url, {"file": SimpleUploadedFile("cau-hoi.xlsx", content)}, follow=True)))


def question_import_text(env, payload):
    from tests.corpus import workbook

    value = getattr(payload, "value", payload)  # a cell's text (tests.corpus.with_cell) or typed text

    content = workbook(QUESTION_HEADERS, [question_row(value)])
    url = reverse("contests:questions_import", args=[env["contest"].code])
    response = env["staff"].post(url, {"file": SimpleUploadedFile("cau-hoi.xlsx", content)}, follow=True)

    def stored():
        question = Question.objects.get(contest=env["contest"], code="m01")
        export = env["staff"].get(reverse("contests:questions_xlsx", args=[env["contest"].code]))
        assert_no_formulas(export.content)
        return question.text

    return Outcome(page(response), stored)


def account_row(name="Lê Văn Cường"):
    return [name, "cuong@example.vn", "0912345679", "phuong-1"]


def account_import(env, payload):
    env["unit_a"].code = "phuong-1"
    env["unit_a"].save(update_fields=["code"])
    response = xlsx_upload(env["carol_client"], reverse("campaign:accounts_import"), payload(ACCOUNT_HEADERS, account_row()))
    return Outcome(page(response))


def account_import_name(env, payload):
    from tests.corpus import workbook

    env["unit_a"].code = "phuong-1"
    env["unit_a"].save(update_fields=["code"])
    content = workbook(ACCOUNT_HEADERS, [account_row(payload)])
    response = xlsx_upload(env["carol_client"], reverse("campaign:accounts_import"), content)
    return Outcome(page(response), lambda: get_user_model().objects.get(email="cuong@example.vn").first_name)


def values_import(env, payload):
    row = ["", "kim-ngach", "Kim ngạch", "triệu USD", "I.6", "tỉnh Gia Lai", "Champasak", 2024, 2024, "2024", "", "12,5", "", "Câu."]
    url = reverse("reports:values_import", args=[env["report"].code])
    return Outcome(page(xlsx_upload(env["staff"], url, payload(VALUE_HEADERS, row))))


def account_create(env, **changes):
    data = {"full_name": "Lê Văn Cường", "email": "cuong@example.vn", "phone": "", "units": [env["unit_a"].pk], "send_link": "", **changes}
    response = env["carol_client"].post(reverse("campaign:account_create"), data, follow=True)
    return Outcome(page(response), lambda: get_user_model().objects.get(email="cuong@example.vn"))


def account_phone(env, payload):
    outcome = account_create(env, phone=payload)
    stored = outcome.stored
    outcome.stored = lambda: stored().officer_profile.phone
    return outcome


def account_filter(env, payload):
    response = env["carol_client"].get(reverse("campaign:accounts"), {"q": payload, "don_vi": payload})
    assert response.status_code == 200
    return Outcome(page(response), lambda: payload)


def task_data(env, **changes):
    return {
        "code": "IV.2", "title": "Báo cáo số tin bài hằng tháng", "description": "", "theme": env["theme"].pk,
        "unit_group": "", "schedule": Task.Schedule.MONTHLY, "weight": "", "units": [env["unit_a"].pk],
        "due_on": "", "first_month": "01/07/2022", "last_month": "30/09/2022", "due_day": "5", "final_due_on": "", **changes,
    }


def task_title(env, payload):
    response = env["carol_client"].post(reverse("campaign:task_create", args=[env["plan"].pk]), task_data(env, title=payload), follow=True)
    return Outcome(page(response), lambda: Task.objects.get(code="IV.2").title)


def report_post(env, *, photo=None, **changes):
    data = {
        "text": "<p>Đã đăng 5 bài trên trang thông tin điện tử.</p>", "links": "https://example.vn/bai-5",
        f"measure_{env['measure'].pk}": "5", "caption": "", **changes,
    }
    if photo is not None:
        data["photos"] = [photo]
    url = reverse("campaign:report_file", args=[env["assignment_a"].pk, env["july"].pk])
    response = env["alice_client"].post(url, data, follow=True)
    return Outcome(page(response), lambda: ProgressReport.objects.get(assignment=env["assignment_a"], period=env["july"]))


def report_text(env, payload):
    return field_of(report_post(env, text=payload), "text")


def report_text_link(env, payload):
    return field_of(report_post(env, text=f'<p><a href="{payload}">xem</a></p>'), "text")


def report_links(env, payload):
    return field_of(report_post(env, links=payload), "links")


def report_figure(env, payload):
    outcome = report_post(env, **{f"measure_{env['measure'].pk}": payload})
    outcome.stored = lambda: ReportFigure.objects.get(report__assignment=env["assignment_a"]).value
    return outcome


def a_photo():
    from tests.corpus import jpeg

    return SimpleUploadedFile("hoi-nghi.jpg", jpeg(), content_type="image/jpeg")


def report_caption(env, payload):
    outcome = report_post(env, photo=a_photo(), caption=payload)
    outcome.stored = lambda: ReportPhoto.objects.get(report__assignment=env["assignment_a"]).caption
    return outcome


def stored_photo_bytes(env):
    photo = ReportPhoto.objects.get(report__assignment=env["assignment_a"])
    with photo.image.open("rb") as handle:
        return handle.read()


def report_photo(env, payload):
    name, make = payload
    outcome = report_post(env, photo=SimpleUploadedFile(name, make(), content_type="image/jpeg"))
    outcome.stored = lambda: "re-encoded" if b"<?php" not in stored_photo_bytes(env) else "kept as sent"
    return outcome


def review_comment(env, payload):
    report = env["report_b"]
    response = env["carol_client"].post(reverse("campaign:report", args=[report.pk]), {"decision": "return", "comment": payload}, follow=True)
    return Outcome(page(response), lambda: ProgressReport.objects.get(pk=report.pk).review_comment)


def due_date(env, payload):
    response = env["carol_client"].post(reverse("campaign:period_due_date", args=[env["july"].pk]),
                                        {"new_due_on": payload, "reason": "Lùi hạn"}, follow=True)
    return Outcome(page(response))


def lock_exception(env, **data):
    url = reverse("campaign:lock_exception", args=[env["assignment_a"].pk, env["july"].pk])
    return Outcome(page(env["carol_client"].post(url, {"until": (date.today() + timedelta(days=3)).strftime("%d/%m/%Y"),
                                                         "reason": "Đơn vị xin nộp muộn", **data}, follow=True)))


def lock_reason(env, payload):
    return lock_exception(env, reason=payload)


def lock_until(env, payload):
    return lock_exception(env, until=payload)


def plan_original(env, payload):
    """The plan's edit page, posted back as it was shown, with a new original document."""
    name, make = payload
    url = reverse("campaign:plan_edit", args=[env["plan"].pk])
    form = env["carol_client"].get(url).context["form"]
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or bound.name == "original_file":
            continue
        data[bound.name] = value.strftime("%d/%m/%Y") if isinstance(value, date) else value
    data["original_file"] = SimpleUploadedFile(name, make())
    return Outcome(page(env["carol_client"].post(url, data, follow=True)))


def article_post(env, *, files=None, **changes):
    data = {"title": "Hội nghị báo cáo viên tháng 7", "summary": "", "body": "<p>Nội dung bài.</p>",
            "section": env["section"].pk, "unit": env["unit_a"].pk, "author": "", "source": "",
            "cover_caption": "", "cover_alt": "Ảnh hội nghị", **changes, **(files or {})}
    response = env["alice_client"].post(reverse("content:staff_article_create"), data, follow=True)
    from content.models import Article

    return Outcome(page(response), lambda: Article.objects.exclude(pk=env["article"].pk).get())


def article_title(env, payload):
    return field_of(article_post(env, title=payload), "title")


def article_body(env, payload):
    return field_of(article_post(env, body=payload), "body")


def article_cover(env, payload):
    name, make = payload
    return article_post(env, files={"cover": SimpleUploadedFile(name, make(), content_type="image/png")})


def editor_image(env, payload):
    name, make = payload
    response = env["alice_client"].post(reverse("content:editor_image_upload"), {"upload": SimpleUploadedFile(name, make())})

    def stored():
        from django.core.files.storage import default_storage

        with default_storage.open(response.json()["url"].removeprefix(settings.MEDIA_URL)) as handle:
            return "re-encoded" if b"<?php" not in handle.read() else "kept as sent"

    return Outcome(page(response), stored)


def ckeditor_library_upload(env, payload):
    """django-ckeditor-5's own upload view would store the file as sent: it must not be routed."""
    name, make = payload
    response = env["admin_staff_client"].post("/ckeditor5/image_upload/", {"upload": SimpleUploadedFile(name, make())})
    return Outcome(str(response.status_code))


def article_status_filter(env, payload):
    response = env["alice_client"].get(reverse("content:staff_articles"), {"trang-thai": payload})
    assert response.status_code == 200
    return Outcome(page(response), lambda: "")


def revision_compare(env, payload):
    response = env["alice_client"].get(reverse("content:staff_article_compare", args=[env["article"].pk]), {"cu": payload, "moi": payload})
    assert response.status_code == 404
    return Outcome(page(response))


def search(env, payload):
    response = env["client"].get(reverse("content:search"), {"q": payload})
    assert response.status_code == 200
    return Outcome(page(response), lambda: response.context["query"].text)


def compare(env, payload):
    response = env["client"].get(reverse("reports:compare"), {"chi-tieu": payload})
    assert response.status_code in (200, 404)
    return Outcome(page(response), lambda: payload)


def login(env, payload):
    response = env["client"].post(reverse("login"), {"username": payload, "password": payload})
    return Outcome(page(response))


def restore_code(env, payload):
    """Bring an's registration to a new browser with a recovery code that is not one."""
    response = Client().post(reverse("contests:restore", args=[env["contest"].code]), {"phone": "0912000001", "code": payload})
    return Outcome(page(response))


def password_change(env, payload):
    data = {"old_password": payload, "new_password1": payload, "new_password2": payload}
    return Outcome(page(env["alice_client"].post(reverse("password_change"), data)))


def twofactor_code(env, payload):
    response = env["pending"].post(reverse("twofactor_verify"), {"code": payload})
    assert response.status_code == 200
    return Outcome(page(response))


def twofactor_enrol(env, payload):
    response = env["enrolling"].post(reverse("twofactor_enrol"), {"code": payload})
    assert response.status_code == 200
    return Outcome(page(response))


def twofactor_turn_off(env, payload):
    response = env["officer"].post(reverse("twofactor_turn_off"), {"password": payload})
    assert response.status_code == 200
    return Outcome(page(response))


def question_text(env, payload):
    data = {"code": "m02", "text": payload, "difficulty": Question.Difficulty.choices[0][0], "is_active": "on",
            "choice_0": "Đúng", "choice_1": "Sai", "correct": "0", "source_section": "", "source_note": "", "explanation": ""}
    response = env["staff"].post(reverse("contests:question_create", args=[env["contest"].code]), data, follow=True)
    return Outcome(page(response), lambda: Question.objects.get(code="m02").text)


@dataclass(frozen=True)
class Target:
    world: str
    run: object


TARGETS = {
    "register_name": Target("quiz", lambda env, p: field_of(register(env, full_name=p), "full_name")),
    "register_locality": Target("quiz", lambda env, p: field_of(register(env, locality=p), "locality")),
    "register_phone": Target("quiz", lambda env, p: field_of(register(env, phone=p), "phone")),
    "register_id_number": Target("quiz", register_id_number),
    "register_birth": Target("quiz", lambda env, p: register(env, date_of_birth=p)),
    "autosave": Target("quiz", autosave),
    "autosave_prediction": Target("quiz", autosave_prediction),
    "submit": Target("quiz", submit),
    "submit_prediction": Target("quiz", submit_prediction),
    "start": Target("quiz", start),
    "question_import": Target("quiz", question_import),
    "question_import_text": Target("quiz", question_import_text),
    "question_text": Target("quiz", question_text),
    "account_import": Target("campaign", account_import),
    "account_import_name": Target("campaign", account_import_name),
    "account_name": Target("campaign", lambda env, p: field_of(account_create(env, full_name=p), "first_name")),
    "account_phone": Target("campaign", account_phone),
    "account_filter": Target("campaign", account_filter),
    "task_title": Target("campaign", task_title),
    "report_text": Target("campaign", report_text),
    "report_text_link": Target("campaign", report_text_link),
    "report_links": Target("campaign", report_links),
    "report_figure": Target("campaign", report_figure),
    "report_caption": Target("campaign", report_caption),
    "report_photo": Target("campaign", report_photo),
    "review_comment": Target("campaign", review_comment),
    "due_date": Target("campaign", due_date),
    "lock_reason": Target("campaign", lock_reason),
    "lock_until": Target("campaign", lock_until),
    "plan_original": Target("campaign", plan_original),
    "article_title": Target("campaign", article_title),
    "article_body": Target("campaign", article_body),
    "article_cover": Target("campaign", article_cover),
    "article_status_filter": Target("campaign", article_status_filter),
    "revision_compare": Target("campaign", revision_compare),
    "editor_image": Target("campaign", editor_image),
    "ckeditor_library_upload": Target("campaign", ckeditor_library_upload),
    "values_import": Target("reports", values_import),
    "search": Target("visitor", search),
    "compare": Target("visitor", compare),
    "login": Target("visitor", login),
    "restore_code": Target("quiz", restore_code),
    "password_change": Target("campaign", password_change),
    "twofactor_code": Target("twofactor", twofactor_code),
    "twofactor_enrol": Target("twofactor", twofactor_enrol),
    "twofactor_turn_off": Target("twofactor", twofactor_turn_off),
}

CASES = [
    pytest.param(entry, target, expected, id=f"{entry.id}-{target}")
    for entry in CORPUS for target, expected in entry.targets.items()
]


def test_the_corpus_is_at_least_forty_inputs_each_aimed_at_a_real_target():
    assert len({entry.id for entry in CORPUS}) == len(CORPUS) >= 40
    assert {target for entry in CORPUS for target in entry.targets} <= set(TARGETS)
    assert set(TARGETS) <= {target for entry in CORPUS for target in entry.targets}, "a target no input is thrown at"


@pytest.mark.parametrize("entry,target,expected", CASES)
def test_bad_input(request, entry, target, expected):
    aim = TARGETS[target]
    env = request.getfixturevalue(aim.world)
    before = snapshot()
    outcome = aim.run(env, entry.payload)
    if isinstance(expected, Refused):
        assert expected.message in html.unescape(outcome.text), visible(outcome.text)
        assert snapshot() == before
    else:
        assert isinstance(expected, Stored)
        assert outcome.stored() == expected.value
        assert not LIVE_MARKUP.search(outcome.text), LIVE_MARKUP.search(outcome.text)
