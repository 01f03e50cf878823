"""Pages that show a person cope with "no person": a deleted account, a demo row, the system."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template

from campaign import services
from campaign.templatetags.people import person
from tests.factories import UserFactory, make_officer, make_staff

pytestmark = pytest.mark.django_db


def test_person_reads_full_name_then_username_then_the_fallback():
    assert person(UserFactory(username="lan", first_name="Trần Thị Lan")) == "Trần Thị Lan"
    assert person(UserFactory(username="minh", first_name="")) == "minh"
    assert person(None) == "không rõ"
    assert person(None, "hệ thống") == "hệ thống"
    assert person(AnonymousUser()) == "không rõ"


def test_the_filter_in_a_template():
    html = Template('{% load people %}{{ a|person }} / {{ b|person:"tài khoản đã xoá" }}').render(
        Context({"a": UserFactory(first_name="Nguyễn Văn Minh"), "b": None})
    )
    assert html == "Nguyễn Văn Minh / tài khoản đã xoá"


def test_report_task_and_filing_pages_survive_deleted_accounts(client, world):
    report = world["report_b"]
    services.progress_report_return(report=report, by=world["carol"], comment="Bổ sung ảnh.")
    services.period_change_due_date(period=world["july"], new_due_on=date(2022, 8, 10), by=world["carol"], reason="Lễ")
    colleague = make_officer(world["unit_b"], username="binh", first_name="Lê Văn Bình")
    world["bob"].delete()
    world["carol"].delete()

    client.force_login(make_staff(username="dung", first_name="Phạm Dung"))
    html = client.get(f"/lam-viec/bao-cao/{report.pk}/").content.decode()
    assert "không rõ người nộp" in html and "không rõ người thực hiện" in html
    html = client.get(f"/lam-viec/nhiem-vu/{world['task'].pk}/").content.decode()
    assert "không rõ người đổi" in html and "08/2022" in html

    client.force_login(colleague)
    response = client.get(f"/lam-viec/viec-cua-don-vi/{world['assignment_b'].pk}/ky/{world['july'].pk}/")
    assert response.status_code == 200
    assert "không rõ người thực hiện" in response.content.decode()
