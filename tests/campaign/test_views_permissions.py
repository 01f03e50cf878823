"""Who may open which page of the staff/officer area, route by route.

The story: Ban Tuyên giáo staff (carol) run a plan; officer alice files for
unit A, officer bob for unit B; dave has an account but no role. Every route
of campaign/urls.py is listed once in ROUTES, so a new route without a row
here fails `test_every_campaign_route_is_listed`.
"""

from datetime import date, timedelta
from io import BytesIO
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from icalendar import Calendar
from PIL import Image

from campaign.deadlines import local_today
from campaign.images import normalise_image
from campaign.models import (
    Assignment,
    DueDateChange,
    LockException,
    Notification,
    OfficerProfile,
    Plan,
    ProgressReport,
    Reminder,
    ReminderPolicy,
    ReminderPreference,
    ReportEvent,
    ReportFigure,
    ReportingPeriod,
    ReportPhoto,
    Task,
    Unit,
)
from campaign.roles import OFFICER_GROUP
from campaign.urls import urlpatterns as campaign_urlpatterns
from campaign.views.calendars import calendar_token
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

FORBIDDEN = "Không có quyền truy cập"
MISSING = 999_999


@pytest.fixture
def world(world):
    """The shared story, with a reminder whose sending nobody can vouch for and alice's notification of it."""
    reminder = Reminder.objects.create(
        assignment=world["assignment_a"], period=world["july"], due_on=world["july"].due_on, step="overdue-3",
        audience=Reminder.Audience.UNIT, channel=Reminder.Channel.EMAIL, recipient="alice@example.vn",
        user=world["alice"], status=Reminder.Status.UNKNOWN, scheduled_on=date(2022, 8, 8),
    )
    portal = Reminder.objects.create(
        assignment=world["assignment_a"], period=world["july"], due_on=world["july"].due_on, step="overdue-3",
        audience=Reminder.Audience.UNIT, channel=Reminder.Channel.PORTAL, recipient=f"user:{world['alice'].pk}",
        user=world["alice"], status=Reminder.Status.SENT, scheduled_on=date(2022, 8, 8),
    )
    notification = Notification.objects.create(user=world["alice"], reminder=portal, text="Quá hạn 3 ngày")
    photo = ReportPhoto(report=world["report_b"], caption="Ảnh của đơn vị B")
    full, thumb = normalise_image(SimpleUploadedFile("b.jpg", jpeg_bytes()))
    photo.image.save(full.name, full, save=False)
    photo.thumbnail.save(thumb.name, thumb, save=False)
    photo.save()
    world["plan"].original_file.save("ke-hoach.md", ContentFile("# KẾ HOẠCH".encode()), save=True)
    return {**world, "reminder": reminder, "notification": notification, "photo": photo}


def jpeg_bytes():
    out = BytesIO()
    Image.new("RGB", (40, 30), "green").save(out, format="JPEG")
    return out.getvalue()


# (url name, who may use it, URL arguments from the world)
STAFF, STAFF_POST, WORKSPACE, WORKSPACE_POST, FILING = "staff", "staff_post", "workspace", "workspace_post", "filing"
PHOTO = "photo"  # staff and the report's unit; another unit gets 404 (tests/campaign/test_photos.py)
ADMIN = "admin"  # superusers and holders of campaign.view_auditlog only (tests/campaign/test_audit.py)
ROUTES = [
    ("workspace", WORKSPACE, lambda w: []),
    ("campaign:units", WORKSPACE, lambda w: []),
    ("campaign:plans", STAFF, lambda w: []),
    ("campaign:plan_create", STAFF, lambda w: []),
    ("campaign:plan", STAFF, lambda w: [w["plan"].pk]),
    ("campaign:plan_edit", STAFF, lambda w: [w["plan"].pk]),
    ("campaign:plan_status", STAFF_POST, lambda w: [w["plan"].pk]),
    ("campaign:plan_docx", STAFF, lambda w: [w["plan"].pk]),
    ("campaign:plan_original", STAFF, lambda w: [w["plan"].pk]),
    ("campaign:plan_original_download", STAFF, lambda w: [w["plan"].pk]),
    ("campaign:dashboard", STAFF, lambda w: [w["plan"].pk]),
    ("campaign:dashboard_xlsx", STAFF, lambda w: [w["plan"].pk]),
    ("campaign:task_create", STAFF, lambda w: [w["plan"].pk]),
    ("campaign:task", STAFF, lambda w: [w["task"].pk]),
    ("campaign:task_assign", STAFF_POST, lambda w: [w["task"].pk]),
    ("campaign:period_due_date", STAFF, lambda w: [w["july"].pk]),
    ("campaign:lock_exception", STAFF, lambda w: [w["assignment_a"].pk, w["july"].pk]),
    ("campaign:my_work", WORKSPACE, lambda w: []),
    ("campaign:report_file", FILING, lambda w: [w["assignment_a"].pk, w["july"].pk]),
    ("campaign:review_queue", STAFF, lambda w: []),
    ("campaign:report_photo", PHOTO, lambda w: [w["photo"].pk]),
    ("campaign:report_photo_thumbnail", PHOTO, lambda w: [w["photo"].pk]),
    ("campaign:report", STAFF, lambda w: [w["report_b"].pk]),
    ("campaign:calendar_links", WORKSPACE, lambda w: []),
    ("campaign:reminder_log", STAFF, lambda w: []),
    ("campaign:audit_log", ADMIN, lambda w: []),
    ("campaign:reminder_resend", STAFF_POST, lambda w: [w["reminder"].pk]),
    ("campaign:reminder_policy", STAFF, lambda w: [w["plan"].pk]),
    ("campaign:notifications", WORKSPACE, lambda w: []),
    ("campaign:notification_read", WORKSPACE_POST, lambda w: [w["notification"].pk]),
    ("campaign:notifications_read_all", WORKSPACE_POST, lambda w: []),
    ("campaign:accounts", STAFF, lambda w: []),
    ("campaign:account_create", STAFF, lambda w: []),
    ("campaign:accounts_import", STAFF, lambda w: []),
    ("campaign:accounts_import_template", STAFF, lambda w: []),
    ("campaign:accounts_xlsx", STAFF, lambda w: []),
    ("campaign:account", STAFF, lambda w: [w["alice"].pk]),
    ("campaign:account_send_link", STAFF_POST, lambda w: [w["alice"].pk]),
    ("campaign:account_deactivate", STAFF_POST, lambda w: [w["alice"].pk]),
    ("campaign:account_activate", STAFF_POST, lambda w: [w["alice"].pk]),
]
ALL = [name for name, _, _ in ROUTES]
STAFF_ONLY = [name for name, kind, _ in ROUTES if kind in (STAFF, STAFF_POST, ADMIN)]
ADMIN_ONLY = [name for name, kind, _ in ROUTES if kind == ADMIN]
STAFF_PAGES = [name for name, kind, _ in ROUTES if kind == STAFF]
POST_ONLY = [name for name, kind, _ in ROUTES if kind in (STAFF_POST, WORKSPACE_POST)]
WORKSPACE_PAGES = [name for name, kind, _ in ROUTES if kind == WORKSPACE]


def url(world, name):
    args = dict((n, a) for n, _, a in ROUTES)[name](world)
    return reverse(name, args=args)


def post_data(world):
    """One payload that would pass the form of any staff view: if a check were
    missing, the POST would write something."""
    unit_c = UnitFactory(name="Đoàn Thanh niên")
    return {
        "title": "Kế hoạch giả mạo", "issuing_body": "KHÔNG AI", "symbol": "KH/TU", "grace_days": "0",
        "starts_on": "01/01/2022", "ends_on": "31/12/2022", "status": Plan.Status.CLOSED,
        "units": [unit_c.pk], "schedule": Task.Schedule.ONCE, "due_on": "05/08/2022", "due_day": "5",
        "new_due_on": "20/08/2022", "reason": "Xin thêm thời gian",
        "until": local_today().strftime("%d/%m/%Y"),
        "decision": "accept", "comment": "Đạt",
        "text": "<p>Báo cáo đầy đủ.</p>", "links": "https://example.vn/bai-1", f"measure_{world['measure'].pk}": "7",
        "before_days": "5, 2", "overdue_every_days": "2", "escalate_after_days": "4", "stop_after_days": "20",
        "daily_digest": "on",
    }


def report_data(world):
    return {"text": "<p>Đã đăng 5 bài trên trang thông tin.</p>", "links": "https://example.vn/bai-5",
            f"measure_{world['measure'].pk}": "5", "caption": ""}


def snapshot():
    """Every row a view here could write, in a comparable form."""
    models = (Plan, Task, ReportingPeriod, Assignment, DueDateChange, LockException,
              ProgressReport, ReportEvent, ReportFigure, ReportPhoto,
              Reminder, Notification, ReminderPolicy, ReminderPreference,
              get_user_model(), get_user_model().groups.through, Unit.members.through, OfficerProfile)
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


def test_every_campaign_route_is_listed():
    names = {f"campaign:{pattern.name}" for pattern in campaign_urlpatterns}
    assert names == set(ALL) - {"workspace"}


# Anonymous visitors and users without a role -----------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", ALL)
def test_anonymous_is_sent_to_login(client, world, name, method):
    address = url(world, name)
    before = snapshot()
    response = getattr(client, method)(address, post_data(world) if method == "post" else None)
    assert response.status_code == 302
    assert response["Location"] == f"/tai-khoan/dang-nhap/?next={quote(address, safe='/')}"
    assert snapshot() == before


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", ALL)
def test_a_user_without_role_gets_the_vietnamese_403(client, world, name, method):
    client.force_login(world["dave"])
    data = post_data(world) if method == "post" else None
    before = snapshot()
    response = getattr(client, method)(url(world, name), data)
    assert response.status_code == 403
    assert FORBIDDEN in response.content.decode()
    assert snapshot() == before


# Officers --------------------------------------------------------------------------


@pytest.mark.parametrize("officer", ["alice", "bob"])
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", STAFF_ONLY)
def test_officers_may_not_open_staff_views(client, world, officer, name, method):
    client.force_login(world[officer])
    data = post_data(world) if method == "post" else None
    before = snapshot()
    response = getattr(client, method)(url(world, name), data)
    assert response.status_code == 403
    assert FORBIDDEN in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("name", WORKSPACE_PAGES + ["campaign:report_file"])
def test_officer_may_open_the_workspace_pages_and_file_for_her_unit(client, world, name):
    client.force_login(world["alice"])
    response = client.get(url(world, name))
    assert response.status_code == 200


OTHER_UNITS_WORK = {
    "bobs_assignment": lambda w: (w["assignment_b"].pk, w["july"].pk),
    "period_of_another_task": lambda w: (w["assignment_a"].pk, w["contest_period"].pk),
    "bobs_assignment_of_another_task": lambda w: (w["contest_b"].pk, w["contest_period"].pk),
    "missing_assignment": lambda w: (MISSING, w["july"].pk),
    "missing_period": lambda w: (w["assignment_a"].pk, MISSING),
}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("case", list(OTHER_UNITS_WORK))
def test_officer_may_not_file_for_another_units_assignment(client, world, case, method):
    assignment_pk, period_pk = OTHER_UNITS_WORK[case](world)
    client.force_login(world["alice"])
    address = reverse("campaign:report_file", args=[assignment_pk, period_pk])
    before = snapshot()
    response = getattr(client, method)(address, report_data(world) if method == "post" else None)
    assert response.status_code == 404
    assert snapshot() == before
    assert ProgressReport.objects.filter(assignment__unit=world["unit_a"]).count() == 0


def test_bob_still_files_for_his_own_unit(client, world):
    """The 404s above are about alice, not a broken page: bob files for B."""
    client.force_login(world["bob"])
    response = client.post(reverse("campaign:report_file", args=[world["assignment_b"].pk, world["august"].pk]), report_data(world))
    assert response.status_code == 302
    assert ProgressReport.objects.filter(assignment=world["assignment_b"], period=world["august"]).exists()


@pytest.mark.parametrize("officer", ["alice", "bob"])
@pytest.mark.parametrize("decision", ["accept", "return"])
def test_officer_may_not_review_a_report(client, world, officer, decision):
    report = world["report_b"]
    client.force_login(world[officer])
    before = snapshot()
    response = client.post(reverse("campaign:report", args=[report.pk]), {"decision": decision, "comment": "Tự duyệt"})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.SUBMITTED
    assert report.reviewed_by is None
    assert snapshot() == before


# Staff --------------------------------------------------------------------------


@pytest.mark.parametrize("name", STAFF_PAGES + WORKSPACE_PAGES)
def test_staff_may_open_every_staff_page(client, world, name):
    client.force_login(world["carol"])
    response = client.get(url(world, name))
    assert response.status_code == 200


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", ADMIN_ONLY)
def test_staff_may_not_open_the_administrators_pages(client, world, name, method):
    client.force_login(world["carol"])
    response = getattr(client, method)(url(world, name), post_data(world) if method == "post" else None)
    assert response.status_code == 403
    assert FORBIDDEN in response.content.decode()


WRITING_VIEWS = [
    "campaign:plan_create", "campaign:plan_edit", "campaign:plan_status", "campaign:task_create",
    "campaign:task_assign", "campaign:period_due_date", "campaign:lock_exception", "campaign:report",
    "campaign:reminder_resend", "campaign:reminder_policy",
]


@pytest.mark.parametrize("name", WRITING_VIEWS)
def test_the_refused_payload_would_write_for_staff(client, world, name):
    """The payload the 403 tests send is a real one: staff posting it change the data."""
    client.force_login(world["carol"])
    data = post_data(world)
    before = snapshot()
    response = client.post(url(world, name), data)
    assert response.status_code == 302
    assert snapshot() != before


def test_staff_downloads_are_word_and_excel(client, world):
    client.force_login(world["carol"])
    docx = client.get(url(world, "campaign:plan_docx"))
    xlsx = client.get(url(world, "campaign:dashboard_xlsx"))
    assert docx["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert docx.content[:2] == xlsx.content[:2] == b"PK"


@pytest.mark.parametrize("name", POST_ONLY)
def test_post_only_views_answer_405_to_get(client, world, name):
    client.force_login(world["carol"])
    before = snapshot()
    response = client.get(url(world, name))
    assert response.status_code == 405
    assert snapshot() == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_staff_may_not_file_a_units_report(client, world, method):
    """Only members of the unit file; staff review."""
    client.force_login(world["carol"])
    before = snapshot()
    response = getattr(client, method)(url(world, "campaign:report_file"), report_data(world) if method == "post" else None)
    assert response.status_code == 404
    assert snapshot() == before


# CSRF -----------------------------------------------------------------------------


def test_report_post_without_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["alice"])
    before = snapshot()
    response = client.post(url(world, "campaign:report_file"), report_data(world))
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in response.content.decode()
    assert snapshot() == before


# The calendar feed ----------------------------------------------------------------


def feed_url(token):
    return reverse("calendar_feed", args=[token])


def uids(response):
    return {str(event["uid"]) for event in Calendar.from_ical(response.content).walk("VEVENT")}


def test_unit_feed_lists_only_the_units_own_deadlines(client, world):
    response = client.get(feed_url(calendar_token(user=world["alice"], unit=world["unit_a"])))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    unit_a = world["unit_a"].pk
    assert uids(response) == {
        f"period-{world['july'].pk}-unit-{unit_a}@tuyentruyen",
        f"period-{world['august'].pk}-unit-{unit_a}@tuyentruyen",
    }
    events = Calendar.from_ical(response.content).walk("VEVENT")
    text = "\n".join(f"{event['summary']}\n{event['description']}" for event in events)
    assert world["unit_a"].name in text and world["task"].title in text
    assert world["contest"].title not in text
    assert world["unit_b"].name not in text


def test_staff_feed_lists_every_deadline(client, world):
    response = client.get(feed_url(calendar_token(user=world["carol"])))
    assert response.status_code == 200
    assert uids(response) == {
        f"period-{period.pk}@tuyentruyen" for period in (world["july"], world["august"], world["contest_period"])
    }


def test_tampered_feed_token_is_404(client, world):
    token = calendar_token(user=world["alice"], unit=world["unit_a"])
    last = token[-1]
    tampered = token[:-1] + ("A" if last != "A" else "B")
    assert client.get(feed_url(tampered)).status_code == 404
    assert client.get(feed_url("nonsense")).status_code == 404


def test_feed_token_for_another_unit_is_404(client, world):
    forged = calendar_token(user=world["alice"], unit=world["unit_b"])
    assert client.get(feed_url(forged)).status_code == 404


def test_officer_token_without_unit_is_not_a_staff_feed(client, world):
    assert client.get(feed_url(calendar_token(user=world["alice"]))).status_code == 404


def test_feed_of_a_deactivated_user_is_404(client, world):
    token = calendar_token(user=world["alice"], unit=world["unit_a"])
    assert client.get(feed_url(token)).status_code == 200
    world["alice"].is_active = False
    world["alice"].save(update_fields=["is_active"])
    assert client.get(feed_url(token)).status_code == 404


def test_staff_feed_of_a_user_no_longer_staff_is_404(client, world):
    token = calendar_token(user=world["carol"])
    assert client.get(feed_url(token)).status_code == 200
    world["carol"].groups.clear()
    assert client.get(feed_url(token)).status_code == 404


def test_unit_feed_of_a_user_no_longer_officer_is_404(client, world):
    token = calendar_token(user=world["alice"], unit=world["unit_a"])
    assert client.get(feed_url(token)).status_code == 200
    world["alice"].groups.remove(Group.objects.get(name=OFFICER_GROUP))
    # Her pages are closed to her now...
    client.force_login(world["alice"])
    assert client.get(reverse("campaign:my_work")).status_code == 403
    # ...and her phone's subscription should close too.
    assert client.get(feed_url(token)).status_code == 404


def test_feed_answers_304_to_its_etag(client, world):
    address = feed_url(calendar_token(user=world["alice"], unit=world["unit_a"]))
    first = client.get(address)
    etag = first["ETag"]
    again = client.get(address, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    world["august"].due_on += timedelta(days=3)
    world["august"].save(update_fields=["due_on"])
    changed = client.get(address, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
