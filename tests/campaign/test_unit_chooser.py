"""Point 6 of issue 10: choosing the units of a task one by one, all at once, by branch
of the unit tree or by kind, with or without JavaScript (a plain form post does it)."""

from datetime import date

import pytest
from django.urls import reverse

from campaign.forms import AssignForm, TaskForm
from campaign.models import Assignment, Plan, Task, Unit
from tests.campaign.world import assign, make_plan, make_task
from tests.factories import UnitFactory, make_staff

pytestmark = pytest.mark.django_db
K = Unit.Kind


@pytest.fixture
def tree():
    """Thành ủy → (Ban Tuyên giáo; nhóm TCCS Đảng → 2 đảng bộ); UBND → 2 sở, 1 trường; a partner province."""
    tu = UnitFactory(code="tu", name="Thành ủy Đà Lạt", kind=K.PARTY_COMMITTEE, order=1)
    btg = UnitFactory(code="btg", name="Ban Tuyên giáo Thành ủy", kind=K.PARTY_BOARD, parent=tu, order=2)
    group = UnitFactory(code="tccs", name="Các tổ chức cơ sở Đảng", kind=K.GROUP, parent=tu, order=3)
    p1 = UnitFactory(code="p1", name="Đảng bộ Phường 1", kind=K.PARTY_ORG, parent=group, order=4)
    p3 = UnitFactory(code="p3", name="Đảng bộ Phường 3", kind=K.PARTY_ORG, parent=group, order=5)
    ubnd = UnitFactory(code="ubnd", name="Ủy ban nhân dân tỉnh", kind=K.GOVERNMENT, order=6)
    so_nv = UnitFactory(code="so-nv", name="Sở Ngoại vụ", kind=K.DEPARTMENT, parent=ubnd, order=7)
    so_tp = UnitFactory(code="so-tp", name="Sở Tư pháp", kind=K.DEPARTMENT, parent=ubnd, order=8)
    school = UnitFactory(code="dh", name="Trường Đại học Quy Nhơn", kind=K.SCHOOL, parent=ubnd, order=9)
    UnitFactory(code="attapeu", name="Tỉnh Attapeu (Lào)", kind=K.PARTNER, order=10)
    UnitFactory(code="cu", name="Sở đã giải thể", kind=K.DEPARTMENT, parent=ubnd, is_active=False, order=11)
    return {"tu": tu, "btg": btg, "group": group, "p1": p1, "p3": p3, "ubnd": ubnd, "so_nv": so_nv, "so_tp": so_tp, "school": school}


@pytest.fixture
def plan():
    return make_plan()


def task_data(**changes):
    data = {
        "code": "IV.2", "title": "Báo cáo số tin bài", "description": "", "theme": "", "unit_group": "",
        "schedule": Task.Schedule.ONCE, "weight": "", "due_on": "05/07/2022", "first_month": "", "last_month": "",
        "due_day": "5", "final_due_on": "",
    }
    data.update(changes)
    return data


def chosen(form):
    assert form.is_valid(), form.errors
    return {unit.name for unit in form.cleaned_data["units"]}


def test_units_are_listed_in_tree_order_with_branches_and_kinds(tree, plan):
    form = TaskForm(plan=plan)
    assert [label for _, label in form.fields["units"].choices] == [
        "Thành ủy Đà Lạt", "Ban Tuyên giáo Thành ủy", "Đảng bộ Phường 1", "Đảng bộ Phường 3",
        "Ủy ban nhân dân tỉnh", "Sở Ngoại vụ", "Sở Tư pháp", "Trường Đại học Quy Nhơn",
    ]
    assert [label for _, label in form.fields["branches"].choices] == [
        "Trực thuộc Thành ủy Đà Lạt (3 đơn vị)", "Trực thuộc Các tổ chức cơ sở Đảng (2 đơn vị)",
        "Trực thuộc Ủy ban nhân dân tỉnh (3 đơn vị)",
    ]
    assert dict(form.fields["kinds"].choices)[K.DEPARTMENT] == "Sở, ngành (2 đơn vị)"
    assert K.PARTNER not in dict(form.fields["kinds"].choices)
    html = form.as_p() + str(form["units"])
    assert 'data-kind="party_org"' in html and f'data-branches="{tree["group"].pk} {tree["tu"].pk}"' in html


def test_all_units_chooses_every_assignable_unit(tree, plan):
    form = TaskForm(task_data(all_units="on"), plan=plan)
    assert chosen(form) == {
        "Thành ủy Đà Lạt", "Ban Tuyên giáo Thành ủy", "Đảng bộ Phường 1", "Đảng bộ Phường 3",
        "Ủy ban nhân dân tỉnh", "Sở Ngoại vụ", "Sở Tư pháp", "Trường Đại học Quy Nhơn",
    }


def test_a_branch_chooses_every_unit_under_the_parent_at_any_depth_but_not_the_parent(tree, plan):
    form = TaskForm(task_data(branches=[tree["tu"].pk]), plan=plan)
    assert chosen(form) == {"Ban Tuyên giáo Thành ủy", "Đảng bộ Phường 1", "Đảng bộ Phường 3"}


def test_branch_kind_and_single_units_add_up(tree, plan):
    form = TaskForm(task_data(branches=[tree["group"].pk], kinds=[K.SCHOOL], units=[tree["tu"].pk]), plan=plan)
    assert chosen(form) == {"Thành ủy Đà Lạt", "Đảng bộ Phường 1", "Đảng bộ Phường 3", "Trường Đại học Quy Nhơn"}


def test_nothing_chosen_is_refused_in_vietnamese(tree, plan):
    form = TaskForm(task_data(), plan=plan)
    assert not form.is_valid()
    assert form.errors["units"] == ["Chọn ít nhất một đơn vị."]


def test_a_forged_branch_or_kind_is_refused(tree, plan):
    form = TaskForm(task_data(branches=["999999"], kinds=["partner"]), plan=plan)
    assert not form.is_valid()
    assert "branches" in form.errors and "kinds" in form.errors
    assert form.errors["branches"] == ["Nhánh đơn vị đã chọn không có trong danh sách; tải lại trang và chọn lại."]
    assert form.errors["kinds"] == ["Loại đơn vị đã chọn không có trong danh sách; tải lại trang và chọn lại."]


def test_a_partner_province_cannot_be_posted_as_a_unit(tree, plan):
    partner = Unit.objects.get(code="attapeu")
    form = TaskForm(task_data(units=[partner.pk]), plan=plan)
    assert not form.is_valid() and "units" in form.errors


def test_a_plain_post_by_kind_creates_one_assignment_per_unit(client, tree, plan):
    client.force_login(make_staff())
    response = client.post(reverse("campaign:task_create", args=[plan.pk]), task_data(kinds=[K.DEPARTMENT, K.PARTY_ORG]))
    assert response.status_code == 302
    task = Task.objects.get(title="Báo cáo số tin bài")
    assert set(task.assignments.values_list("unit__name", flat=True)) == {
        "Sở Ngoại vụ", "Sở Tư pháp", "Đảng bộ Phường 1", "Đảng bộ Phường 3",
    }


def test_the_task_page_adds_units_by_branch_and_skips_those_already_assigned(client, tree, plan):
    task = make_task(plan, due_dates=(date(2022, 7, 5),))
    assign(task, tree["so_nv"])
    form = AssignForm(task=task)
    assert "Sở Ngoại vụ" not in [label for _, label in form.fields["units"].choices]
    client.force_login(make_staff())
    response = client.post(reverse("campaign:task_assign", args=[task.pk]), {"branches": [tree["ubnd"].pk]})
    assert response.status_code == 302
    assert set(Assignment.objects.filter(task=task).values_list("unit__name", flat=True)) == {
        "Sở Ngoại vụ", "Sở Tư pháp", "Trường Đại học Quy Nhơn",
    }
    response = client.post(reverse("campaign:task_assign", args=[task.pk]), {})
    assert Assignment.objects.filter(task=task).count() == 3


def test_the_form_page_shows_the_choices_and_loads_its_script(client, tree, plan):
    client.force_login(make_staff())
    html = client.get(reverse("campaign:task_create", args=[plan.pk])).content.decode()
    assert "Chọn tất cả đơn vị (8 đơn vị)" in html
    assert "Chọn theo nhánh (mọi đơn vị trực thuộc)" in html and "Chọn theo loại đơn vị" in html
    assert 'src="/static/js/unit_chooser.js"' in html and "<script>" not in html
    assert Plan.objects.count() == 1
