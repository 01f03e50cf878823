"""The administrators' change log (/lam-viec/nhat-ky/): staff changes made through the real pages
appear with who, what and the old → new values; nobody but administrators sees it."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaign import services
from campaign.history import system_change
from campaign.models import ProgressReport, ReportingPeriod
from tests.campaign.world import make_world
from tests.factories import UnitFactory, UserFactory, make_officer, make_staff

pytestmark = pytest.mark.django_db

LOG = "/lam-viec/nhat-ky/"


def rows(html):
    """The log's table rows as plain text, one string each."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    texts = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
    return [text.replace(" :", ":") for text in texts]


@pytest.fixture
def world():
    return make_world()


@pytest.fixture
def admin_user():
    return UserFactory(username="quantri", first_name="Quản", last_name="Trị", is_superuser=True, is_staff=True)


def test_a_due_date_moved_by_staff_shows_who_and_the_old_and_new_date(client, world, admin_user):
    period = world[5].periods.get(label="Kỳ 1")
    alice = make_staff(first_name="Alice", last_name="Nguyễn")
    client.force_login(alice)
    response = client.post(reverse("campaign:period_due_date", args=[period.pk]),
                           {"new_due_on": "20/07/2022", "reason": "Đơn vị xin lùi hạn vì lễ hội"})
    assert response.status_code == 302
    client.force_login(admin_user)
    html = client.get(LOG).content.decode()
    line = next(row for row in rows(html) if "Kỳ báo cáo" in row and "Sửa" in row)
    assert "Alice Nguyễn" in line
    assert "Hạn nộp: 05/07/2022 → 20/07/2022" in line
    assert "Đơn vị xin lùi hạn vì lễ hội" in line
    assert f"{timezone.localtime():%d/%m/%Y}" in line
    assert reverse("admin:campaign_task_change", args=[period.task_id]) in html  # the task's creation


def test_a_report_accepted_through_the_review_page_is_in_the_log(client, world, admin_user):
    assignment = world[6][0]
    officer = make_officer(assignment.unit)
    report = services.progress_report_submit(assignment=assignment, period=assignment.task.periods.first(),
                                             by=officer, text="<p>Đã treo 20 băng rôn.</p>")
    alice = make_staff(first_name="Alice", last_name="Nguyễn")
    client.force_login(alice)
    assert client.post(reverse("campaign:report", args=[report.pk]), {"decision": "accept", "comment": "Tốt"}).status_code == 302
    client.force_login(admin_user)
    html = client.get(LOG + "?kind=campaign.progressreport").content.decode()
    assert reverse("admin:campaign_progressreport_change", args=[report.pk]) in html
    lines = rows(html)
    assert len(lines) == 2  # filed, then accepted
    accepted, filed = lines
    assert "Alice Nguyễn" in accepted and "Sửa" in accepted
    assert "Trạng thái: Đã nộp, chờ duyệt → Đã chấp nhận" in accepted
    assert "Người duyệt: — → Alice Nguyễn" in accepted
    assert "Tạo" in filed and (officer.get_full_name() or officer.username) in filed
    assert ProgressReport.history.filter(history_user=alice).count() == 1


def test_staff_assigning_in_bulk_leaves_one_row_per_unit_with_the_staff_member(world):
    *_, task, assignments = world
    more = [UnitFactory(name=f"Đơn vị thêm {n}") for n in range(3)]
    alice = make_staff()
    created = services.assignment_create(task=task, units=more, by=alice)
    assert len(created) == 3
    history = type(created[0]).history.filter(task=task, unit__in=more)
    assert sorted(history.values_list("history_user__username", flat=True)) == ["alice"] * 3


def test_a_change_outside_a_request_has_no_user_and_says_why(world, client, admin_user):
    period = world[5].periods.get(label="Kỳ 2")
    with system_change("Nhập lịch từ tệp"):
        period.label = "Kỳ 2 (sửa)"
        period.save()
    row = ReportingPeriod.history.filter(id=period.pk).first()
    assert row.history_user is None and row.history_change_reason == "Nhập lịch từ tệp"
    client.force_login(admin_user)
    line = next(r for r in rows(client.get(LOG).content.decode()) if "Kỳ 2 (sửa)" in r)
    assert "Hệ thống" in line and "Nhập lịch từ tệp" in line and "Kỳ báo cáo: Kỳ 2 → Kỳ 2 (sửa)" in line


@pytest.mark.parametrize("who", ["anonymous", "officer", "staff", "nobody"])
def test_only_administrators_see_the_log(client, world, who):
    if who == "officer":
        client.force_login(make_officer(world[4][0]))
    elif who == "staff":
        client.force_login(make_staff())
    elif who == "nobody":
        client.force_login(UserFactory(username="dan"))
    response = client.get(LOG)
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/tai-khoan/dang-nhap/")
    else:
        assert response.status_code == 403
    if who == "staff":
        assert "Nhật ký thay đổi" not in client.get("/lam-viec/").content.decode()


def test_the_permission_given_by_an_administrator_opens_the_log(client, world):
    alice = make_staff()
    assert not alice.has_perm("campaign.view_auditlog")  # the staff group does not carry it
    alice.user_permissions.add(Permission.objects.get(codename="view_auditlog"))
    client.force_login(alice)
    assert client.get(LOG).status_code == 200
    assert reverse("campaign:audit_log") in client.get("/lam-viec/").content.decode()


def test_filters_by_kind_user_and_dates(client, world, admin_user):
    plan, theme, *_, task, assignments = world
    alice, carol = make_staff("alice"), make_staff("carol", first_name="Carol")
    services.period_change_due_date(period=task.periods.first(), new_due_on=date(2022, 7, 9), by=alice)
    theme.title = "Campuchia – Việt Nam"
    theme._history_user = carol
    theme.save()
    old = ReportingPeriod.history.filter(history_user=alice).get()
    old.history_date = timezone.now() - timedelta(days=40)
    old.save()
    client.force_login(admin_user)

    by_kind = rows(client.get(LOG, {"kind": "campaign.theme"}).content.decode())
    assert by_kind and all("Nội dung tuyên truyền" in row for row in by_kind)
    by_user = rows(client.get(LOG, {"user": carol.pk}).content.decode())
    assert len(by_user) == 1 and "Campuchia → Campuchia – Việt Nam" in by_user[0]
    today = f"{timezone.localtime():%d/%m/%Y}"
    recent = rows(client.get(LOG, {"user": alice.pk, "date_from": today}).content.decode())
    assert recent == ["Không có thay đổi nào."]
    earlier = f"{timezone.localtime(old.history_date):%d/%m/%Y}"
    then = rows(client.get(LOG, {"date_from": earlier, "date_to": earlier}).content.decode())
    assert len(then) == 1 and "Hạn nộp: 05/07/2022 → 09/07/2022" in then[0]

    html = client.get(LOG, {"date_from": today, "date_to": earlier}).content.decode()
    assert "“Đến ngày” phải từ “Từ ngày” trở về sau." in html


def test_the_query_count_does_not_grow_with_the_rows(client, world, admin_user):
    plan, theme, child, measure, units, task, assignments = world
    alice = make_staff()
    client.force_login(admin_user)

    def change(n):
        for i in range(n):
            services.period_change_due_date(period=task.periods.first(), new_due_on=date(2022, 7, 10 + i % 15), by=alice)
            theme.title = f"Campuchia {i}"
            theme.save()

    change(30)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LOG).status_code == 200
    change(60)
    with CaptureQueriesContext(connection) as many:
        html = client.get(LOG).content.decode()
    assert len(rows(html)) == 50 and "Trang 1/4" in html
    # session, user, groups, count, page, users of the filter, then per kind on the page:
    # rows, rows before, objects now, names of foreign keys.
    assert len(many) == len(few) <= 16, [q["sql"][:150] for q in many.captured_queries]
