"""Every rich-text field stores only cleaned HTML, whatever path writes it (issue 11.1).

A Ban Tuyên giáo staff member who is not a superuser writes hostile HTML
through the admin and through each page form; the database holds clean HTML
and the public or staff page shows no live script. The shell, seed_demo and
QuerySet.update() paths are covered by the model field itself.
"""

from datetime import date

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from campaign.fields import RichTextField
from campaign.models import Channel, Plan, ProgressReport, ReferenceDocument, ReferenceSection, Theme
from contests.models import Contest
from tests.admin_forms import admin_form_data
from tests.contests.conftest import make_contest
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p style="color:red" onclick="alert(1)">Nội dung <strong>thật</strong> cần giữ.</p>'
    "<script>alert('xss')</script>"
    '<img src="x" onerror="alert(2)">'
    '<p><a href="javascript:alert(3)">bấm vào đây</a> và <a href="https://example.vn/bai-1">bài đã đăng</a></p>'
    '<iframe src="https://evil.example/"></iframe><svg onload="alert(4)"></svg>'
    '<style>body{display:none}</style><form action="https://evil.example/"><input name="x"></form>'
)
BAD = ("<script", "alert", "onerror", "onclick", "onload", "style", "javascript:", "<img", "<iframe", "<svg", "<form", "<input")

# Every rich-text field of the portal. A new one must be added here, and to a test below.
RICH_TEXT_FIELDS = {
    ("campaign", "plan"): {"basis", "purposes", "requirements", "time_frame", "closing"},
    ("campaign", "theme"): {"body", "footnotes"},
    ("campaign", "channel"): {"body"},
    ("campaign", "referencedocument"): {"description"},
    ("campaign", "referencesection"): {"body"},
    ("campaign", "progressreport"): {"text"},
    ("contests", "contest"): {"rules"},
    # Tested in tests/reports/test_models.py (rows of the reports app).
    ("reports", "report"): {"preamble", "results_intro"},
    ("reports", "sectornarrative"): {"text"},
    # Tested in tests/content/test_models.py and test_admin.py (they keep images of our own media).
    ("content", "article"): {"body"},
    # The revisions of articles (simple-history): a copy of an article's cleaned body.
    ("content", "historicalarticle"): {"body"},
    ("content", "material"): {"description"},
    ("content", "page"): {"body"},
    # The audit log's copies (simple-history, campaign.history.AuditHistory): of rows already cleaned.
    ("campaign", "historicalplan"): {"basis", "purposes", "requirements", "time_frame", "closing"},
    ("campaign", "historicaltheme"): {"body", "footnotes"},
    ("campaign", "historicalprogressreport"): {"text"},
    ("contests", "historicalcontest"): {"rules"},
    ("reports", "historicalreport"): {"preamble", "results_intro"},
    ("reports", "historicalsectornarrative"): {"text"},
}


def assert_clean(html):
    for bad in BAD:
        assert bad not in html, bad
    assert "Nội dung <strong>thật</strong> cần giữ." in html
    assert "bấm vào đây" in html
    assert 'href="https://example.vn/bai-1"' in html


def assert_page_has_no_live_script(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert "alert(" not in html and "onerror" not in html and "javascript:alert" not in html
    assert "Nội dung <strong>thật</strong> cần giữ." in html


@pytest.fixture
def staff():
    """Ban Tuyên giáo staff with admin access, not a superuser."""
    client = Client()
    user = make_staff(username="carol", is_staff=True)
    assert not user.is_superuser
    client.force_login(user)
    return client


@pytest.fixture
def plan():
    plan = Plan.objects.create(
        code="nam-huu-nghi", title="Tuyên truyền Năm Hữu nghị", issuing_body="THÀNH ỦY ĐÀ LẠT",
        starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31), basis="<p>Căn cứ</p>",
    )
    Theme.objects.create(plan=plan, code="1", title="Lịch sử quan hệ", body="<p>Nội dung</p>", order=1)
    Channel.objects.create(plan=plan, code="1", title="Trên báo chí", body="<p>Đăng tin</p>", order=1)
    return plan


def test_the_list_of_rich_text_fields_is_complete():
    found = {}
    for model in apps.get_models():
        names = {field.name for field in model._meta.fields if isinstance(field, RichTextField)}
        if names:
            found[(model._meta.app_label, model._meta.model_name)] = names
    assert found == RICH_TEXT_FIELDS


# Paths without a form: the shell, seed_demo, imports, update() -------------------


@pytest.mark.parametrize("key", sorted(key for key in RICH_TEXT_FIELDS if key != ("campaign", "progressreport") and key[0] not in ("reports", "content")
                                                      and not key[1].startswith("historical")))
def test_save_and_update_store_clean_html(plan, key):
    model = apps.get_model(*key)
    row = {
        "plan": plan, "theme": plan.themes.get(), "channel": plan.channels.get(),
        "referencedocument": ReferenceDocument.objects.create(code="phu-luc-1", title="Phụ lục 1"),
        "contest": make_contest(),
    }.get(key[1])
    if key[1] == "referencesection":
        row = ReferenceSection.objects.create(document=ReferenceDocument.objects.create(code="pl", title="PL"), code="1", heading="Mục", body="<p>x</p>")
    for name in RICH_TEXT_FIELDS[key]:
        setattr(row, name, HOSTILE)
        row.save()
        assert_clean(getattr(row, name))  # the instance holds what was stored
        row.refresh_from_db()
        assert_clean(getattr(row, name))
        model.objects.filter(pk=row.pk).update(**{name: HOSTILE})
        row.refresh_from_db()
        assert_clean(getattr(row, name))


def test_report_service_stores_clean_html(world):
    from campaign import services

    report = services.progress_report_submit(assignment=world["assignment_a"], period=world["july"], by=world["alice"], text=HOSTILE)
    report.refresh_from_db()
    assert_clean(report.text)
    ProgressReport.objects.filter(pk=report.pk).update(text=HOSTILE)
    report.refresh_from_db()
    assert_clean(report.text)


def test_a_row_stored_raw_before_the_fix_is_cleaned_on_the_page_too(staff, plan):
    # Raw SQL bypasses every field; the template filter cleans again when it shows the row.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("UPDATE campaign_theme SET body = %s", [HOSTILE])
    assert_page_has_no_live_script(staff.get(reverse("campaign:plan", args=[plan.pk])))


# The admin, as staff who are not superusers ---------------------------------------


def test_reference_document_and_sections_through_the_admin(staff, client):
    add = staff.get(reverse("admin:campaign_referencedocument_add"))
    assert add.status_code == 200
    assert "django_ckeditor_5" in add.content.decode()  # the editor, not a bare textarea
    data = admin_form_data(add, code="phu-luc-1", title="Phụ lục 1", description=HOSTILE, order="1", **{
        "sections-TOTAL_FORMS": "1", "sections-0-code": "1", "sections-0-heading": "Mục một",
        "sections-0-body": HOSTILE, "sections-0-order": "0",
    })
    response = staff.post(reverse("admin:campaign_referencedocument_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    document = ReferenceDocument.objects.get(code="phu-luc-1")
    assert_clean(document.description)
    assert_clean(document.sections.get().body)
    assert_page_has_no_live_script(client.get("/tai-lieu/phu-luc-1/"))


def test_theme_through_the_admin(staff, plan):
    theme = plan.themes.get()
    url = reverse("admin:campaign_theme_change", args=[theme.pk])
    response = staff.post(url, admin_form_data(staff.get(url), body=HOSTILE, footnotes=HOSTILE))
    assert response.status_code == 302
    theme.refresh_from_db()
    assert_clean(theme.body)
    assert_clean(theme.footnotes)
    assert_page_has_no_live_script(staff.get(reverse("campaign:plan", args=[plan.pk])))


def test_plan_through_the_admin(staff, plan):
    url = reverse("admin:campaign_plan_change", args=[plan.pk])
    fields = {name: HOSTILE for name in RICH_TEXT_FIELDS[("campaign", "plan")]}
    response = staff.post(url, admin_form_data(staff.get(url), **fields))
    assert response.status_code == 302
    plan.refresh_from_db()
    for name in fields:
        assert_clean(getattr(plan, name))
    assert_page_has_no_live_script(staff.get(reverse("campaign:plan", args=[plan.pk])))


def test_contest_rules_through_the_admin(staff, client):
    contest = make_contest()
    url = reverse("admin:contests_contest_change", args=[contest.pk])
    response = staff.post(url, admin_form_data(staff.get(url), rules=HOSTILE))
    assert response.status_code == 302
    contest.refresh_from_db()
    assert_clean(contest.rules)
    assert_page_has_no_live_script(client.get(reverse("contests:contest", args=[contest.code])))


def test_progress_report_through_the_admin(staff, world):
    report = world["report_b"]
    url = reverse("admin:campaign_progressreport_change", args=[report.pk])
    response = staff.post(url, admin_form_data(staff.get(url), text=HOSTILE))
    assert response.status_code == 302
    report.refresh_from_db()
    assert_clean(report.text)
    assert_page_has_no_live_script(staff.get(reverse("campaign:report", args=[report.pk])))


def test_channel_through_the_shell_reaches_the_plan_page_clean(staff, plan):
    Channel.objects.filter(plan=plan).update(body=HOSTILE)
    html = staff.get(reverse("campaign:plan", args=[plan.pk])).content.decode()
    assert "alert(" not in html and "bấm vào đây" in html


# The page forms ----------------------------------------------------------------------


def test_plan_form_stores_clean_html(staff, plan):
    url = reverse("campaign:plan_edit", args=[plan.pk])
    form = staff.get(url).context["form"]
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields if name != "original_file"}
    for name in ("issued_on", "starts_on", "ends_on", "peak_start", "peak_end"):
        data[name] = form[name].value().strftime("%d/%m/%Y") if form[name].value() else ""
    data.update({name: HOSTILE for name in RICH_TEXT_FIELDS[("campaign", "plan")]})
    response = staff.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    plan.refresh_from_db()
    for name in RICH_TEXT_FIELDS[("campaign", "plan")]:
        assert_clean(getattr(plan, name))
    assert_page_has_no_live_script(staff.get(reverse("campaign:plan", args=[plan.pk])))


def test_report_form_stores_clean_html_and_both_report_pages_show_it_clean(client, world):
    client.force_login(world["alice"])
    url = reverse("campaign:report_file", args=[world["assignment_a"].pk, world["july"].pk])
    response = client.post(url, {"text": HOSTILE, "links": "", f"measure_{world['measure'].pk}": "2"})
    assert response.status_code == 302
    report = ProgressReport.objects.get(assignment=world["assignment_a"])
    assert_clean(report.text)
    html = client.get(url).content.decode()  # the form again, the text in the editor's textarea
    assert "alert(" not in html and "onerror" not in html and "bấm vào đây" in html
    staff = Client()
    staff.force_login(world["carol"])
    assert_page_has_no_live_script(staff.get(reverse("campaign:report", args=[report.pk])))


def test_the_data_migration_cleans_rows_stored_raw(plan):
    from importlib import import_module

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("UPDATE campaign_plan SET basis = %s, title = %s", [HOSTILE, "\u202eKế hoạch\u200b thử"])
        cursor.execute("UPDATE campaign_theme SET body = %s", [HOSTILE])
    import_module("campaign.migrations.0008_clean_stored_text").clean(apps, None)
    plan.refresh_from_db()
    assert_clean(plan.basis)
    assert plan.title == "Kế hoạch thử"
    assert_clean(plan.themes.get().body)


def test_the_contests_data_migration_cleans_rules_and_phones_unless_taken():
    from importlib import import_module

    from django.db import connection

    from contests.models import Participant
    from tests.contests.conftest import make_participant

    contest = make_contest()
    first = make_participant(contest, phone="0912000001")
    second = make_participant(contest, name="Trần Thị Bình", phone="0912000002")
    third = make_participant(contest, name="Lê Văn Cường", phone="0912000003")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE contests_contest SET rules = %s", [HOSTILE])
        cursor.execute("UPDATE contests_participant SET phone = %s WHERE id = %s", ["0９12000001", second.pk])  # taken
        cursor.execute("UPDATE contests_participant SET phone = %s WHERE id = %s", ["0９33000111", third.pk])
    import_module("contests.migrations.0006_clean_stored_text").clean(apps, None)
    contest.refresh_from_db()
    assert_clean(contest.rules)
    phones = dict(Participant.objects.values_list("pk", "phone"))
    assert phones == {first.pk: "0912000001", second.pk: "0９12000001", third.pk: "0933000111"}
