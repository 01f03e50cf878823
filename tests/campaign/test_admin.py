"""Every campaign admin page opens for an administrator, in Vietnamese; admin writes
keep the rules the pages keep (a due date with its DueDateChange, a status with its ReportEvent)."""

from datetime import date

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from campaign import services
from campaign.models import DueDateChange, LockException, Plan, ProgressReport, ReportingPeriod
from tests.admin_forms import admin_form_data
from tests.campaign.world import make_world
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_campaign_admin_page_opens(client):
    make_world()
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    models = [model for model in admin.site._registry if model._meta.app_label == "campaign"]
    assert len(models) == 10
    for model in models:
        opts = model._meta
        changelist = client.get(reverse(f"admin:campaign_{opts.model_name}_changelist"))
        assert changelist.status_code == 200, opts.model_name
        assert any(f"Chọn {opts.verbose_name} để {verb}" in changelist.content.decode() for verb in ("thay đổi", "xem"))
        add = client.get(reverse(f"admin:campaign_{opts.model_name}_add"))
        assert add.status_code in (200, 403), opts.model_name


# Admin writes go through the same rules as the pages (issue 12.7) ------------------


@pytest.fixture
def staff_client(world):
    """Ban Tuyên giáo staff with admin access, not a superuser."""
    user = world["carol"]
    user.is_staff = True
    user.save()
    assert not user.is_superuser
    client = Client()
    client.force_login(user)
    return client


def period_row(response, period):
    formset = next(inline.formset for inline in response.context["inline_admin_formsets"] if inline.formset.model is ReportingPeriod)
    return next(form.prefix for form in formset.forms if form.instance.pk == period.pk)


def test_the_task_admin_does_not_change_an_existing_due_date(staff_client, world):
    july = world["july"]
    url = reverse("admin:campaign_task_change", args=[world["task"].pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("campaign:period_due_date", args=[july.pk]) in html  # where the due date does change
    row = period_row(page, july)
    response = staff_client.post(url, admin_form_data(page, **{f"{row}-due_on": "20/08/2022", f"{row}-label": "Tháng 7 năm 2022"}))
    assert response.status_code == 302, response.context and response.context["errors"]
    july.refresh_from_db()
    assert july.label == "Tháng 7 năm 2022"  # the rest of the row is saved
    assert july.due_on == date(2022, 8, 5)
    assert not DueDateChange.objects.exists()


def test_a_new_period_in_the_task_admin_sets_its_first_due_date(staff_client, world):
    task = world["task"]
    url = reverse("admin:campaign_task_change", args=[task.pk])
    page = staff_client.get(url)
    assert "Kỳ mới: nhập hạn nộp đầu tiên." in page.content.decode()  # the empty row's note
    data = admin_form_data(page, **{
        "periods-TOTAL_FORMS": "3", "periods-2-label": "Tháng 9/2022", "periods-2-starts_on": "01/09/2022",
        "periods-2-ends_on": "30/09/2022", "periods-2-due_on": "05/10/2022", "periods-2-order": "2",
    })
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert task.periods.get(label="Tháng 9/2022").due_on == date(2022, 10, 5)
    assert not DueDateChange.objects.exists()


def test_the_due_date_page_linked_from_the_admin_keeps_the_history(staff_client, world):
    july = world["july"]
    response = staff_client.post(reverse("campaign:period_due_date", args=[july.pk]), {"new_due_on": "20/08/2022", "reason": "Trùng lễ"})
    assert response.status_code == 302
    july.refresh_from_db()
    assert july.due_on == date(2022, 8, 20)
    change = DueDateChange.objects.get()
    assert (change.old_due_on, change.new_due_on, change.changed_by) == (date(2022, 8, 5), date(2022, 8, 20), world["carol"])


def test_the_report_admin_does_not_change_a_status(staff_client, world):
    report = world["report_b"]
    events = list(report.events.values_list("action", flat=True))
    url = reverse("admin:campaign_progressreport_change", args=[report.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    assert "status" not in page.context["adminform"].form.fields
    assert "Đã nộp, chờ duyệt" in page.content.decode()  # shown, not editable
    response = staff_client.post(url, admin_form_data(page, status=ProgressReport.Status.ACCEPTED, links="https://example.vn/bai-1"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.links == "https://example.vn/bai-1"  # the rest of the form is saved
    assert report.status == ProgressReport.Status.SUBMITTED
    assert (report.reviewed_at, report.reviewed_by) == (None, None)
    assert list(report.events.values_list("action", flat=True)) == events


def test_reports_are_not_added_in_the_admin(staff_client, world):
    url = reverse("admin:campaign_progressreport_add")
    assert staff_client.get(url).status_code == 403
    count = ProgressReport.objects.count()
    response = staff_client.post(url, {
        "assignment": world["assignment_a"].pk, "period": world["july"].pk, "status": "accepted", "text": "<p>Báo cáo</p>",
    })
    assert response.status_code == 403
    assert ProgressReport.objects.count() == count
    assert staff_client.get(reverse("admin:campaign_progressreport_changelist")).status_code == 200


def test_the_plan_admin_does_not_change_a_status(staff_client, world):
    plan = world["plan"]
    url = reverse("admin:campaign_plan_change", args=[plan.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    assert {"status", "closed_on"}.isdisjoint(page.context["adminform"].form.fields)
    html = page.content.decode()
    assert "Đang triển khai" in html and reverse("campaign:plan", args=[plan.pk]) in html  # where the status does change
    response = staff_client.post(url, admin_form_data(page, status=Plan.Status.CLOSED, closed_on="01/12/2022", title="Kế hoạch đổi tên"))
    assert response.status_code == 302, response.context and response.context["errors"]
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch đổi tên"  # the rest of the form is saved
    assert (plan.status, plan.closed_on) == (Plan.Status.IN_PROGRESS, None)


def test_the_report_admin_does_not_change_a_review_comment(staff_client, world):
    report = world["report_b"]
    services.progress_report_return(report=report, by=world["carol"], comment="Bổ sung số liệu tháng 7.")
    url = reverse("admin:campaign_progressreport_change", args=[report.pk])
    page = staff_client.get(url)
    assert "review_comment" not in page.context["adminform"].form.fields
    assert "Bổ sung số liệu tháng 7." in page.content.decode()
    staff_client.post(url, admin_form_data(page, review_comment="Đã sửa trong trang quản trị"))
    report.refresh_from_db()
    assert report.review_comment == "Bổ sung số liệu tháng 7."


@pytest.mark.parametrize("model", ["duedatechange", "lockexception"])
def test_history_rows_are_not_added_in_the_admin(staff_client, world, model):
    url = reverse(f"admin:campaign_{model}_add")
    assert staff_client.get(url).status_code == 403
    assert staff_client.post(url, {"period": world["july"].pk, "assignment": world["assignment_a"].pk, "until": "31/12/2030"}).status_code == 403
    assert not DueDateChange.objects.exists() and not LockException.objects.exists()


def test_a_due_date_change_is_shown_not_edited_in_the_admin(staff_client, world):
    july = world["july"]
    services.period_change_due_date(period=july, new_due_on=date(2022, 8, 20), by=world["carol"], reason="Trùng lễ")
    change = DueDateChange.objects.get()
    url = reverse("admin:campaign_duedatechange_change", args=[change.pk])
    page = staff_client.get(url)
    assert page.status_code == 200 and "Trùng lễ" in page.content.decode()
    assert staff_client.post(url, {"reason": "Sửa lý do", "new_due_on": "01/09/2022"}).status_code == 403
    assert staff_client.post(reverse("admin:campaign_duedatechange_delete", args=[change.pk]), {"post": "yes"}).status_code == 403
    change.refresh_from_db()
    assert (change.reason, change.new_due_on) == ("Trùng lễ", date(2022, 8, 20))


def test_a_lock_exception_is_granted_on_the_page_and_withdrawn_in_the_admin(staff_client, world):
    exception = services.lock_exception_grant(
        assignment=world["assignment_a"], period=world["july"], until=date(2030, 12, 31), reason="Đơn vị xin nộp bù", by=world["carol"],
    )
    url = reverse("admin:campaign_lockexception_change", args=[exception.pk])
    page = staff_client.get(url)
    assert page.status_code == 200 and "Đơn vị xin nộp bù" in page.content.decode()
    assert staff_client.post(url, {"until": "31/12/2031", "reason": "Sửa"}).status_code == 403
    exception.refresh_from_db()
    assert exception.until == date(2030, 12, 31)
    response = staff_client.post(reverse("admin:campaign_lockexception_delete", args=[exception.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not LockException.objects.exists()
