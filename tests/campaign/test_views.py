"""The staff/officer area: who may see what."""

import pytest

from tests.factories import UnitFactory, UserFactory, make_officer, make_staff

pytestmark = pytest.mark.django_db

AREA = ["/lam-viec/", "/lam-viec/don-vi/"]


@pytest.mark.parametrize("url", AREA)
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/tai-khoan/dang-nhap/?next={url}"


@pytest.mark.parametrize("url", AREA)
def test_a_user_without_role_gets_a_vietnamese_403(client, url):
    client.force_login(UserFactory(username="citizen"))
    response = client.get(url)
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


def test_officer_sees_only_their_units(client):
    mine = UnitFactory(name="Sở Ngoại vụ")
    UnitFactory(name="Sở Tư pháp")
    client.force_login(make_officer(mine))
    html = client.get("/lam-viec/don-vi/").content.decode()
    assert "Sở Ngoại vụ" in html
    assert "Sở Tư pháp" not in html
    home = client.get("/lam-viec/").content.decode()
    assert "Đơn vị của tôi" in home and "Sở Ngoại vụ" in home
    assert "Quản trị dữ liệu" not in home


def test_staff_sees_all_units_as_a_tree(client):
    root = UnitFactory(name="Thành ủy Đà Lạt", order=1)
    UnitFactory(name="Ban Tuyên giáo Thành ủy", parent=root, order=2)
    UnitFactory(name="Sở Ngoại vụ", is_demo=True, order=3)
    client.force_login(make_staff())
    html = client.get("/lam-viec/don-vi/").content.decode()
    assert html.index("Thành ủy Đà Lạt") < html.index("Ban Tuyên giáo Thành ủy") < html.index("Sở Ngoại vụ")
    assert 'style="margin-left: 1rem"' in html
    assert "Dữ liệu minh họa" in html
    home = client.get("/lam-viec/").content.decode()
    assert "Quản trị dữ liệu" in home and "Đơn vị đang hoạt động" in home


def test_unit_list_query_count_does_not_grow_with_units(client, django_assert_max_num_queries):
    staff = make_staff()
    client.force_login(staff)
    root = UnitFactory()
    for _ in range(5):
        UnitFactory(parent=root)
    with django_assert_max_num_queries(8) as few:
        client.get("/lam-viec/don-vi/")
    for _ in range(60):
        officer_unit = UnitFactory(parent=root)
        officer_unit.members.add(staff)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/lam-viec/don-vi/")
    assert response.content.decode().count("<li") >= 66


def test_staff_may_use_the_admin_for_units(client):
    staff = make_staff(is_staff=True)
    client.force_login(staff)
    response = client.get("/quan-tri/campaign/unit/")
    assert response.status_code == 200
    assert "Chọn đơn vị để thay đổi" in response.content.decode()


def test_officer_may_not_use_the_admin(client):
    client.force_login(make_officer(UnitFactory()))
    response = client.get("/quan-tri/campaign/unit/")
    assert response.status_code == 302


def test_staff_menu_leads_to_reminders_and_contests(client):
    client.force_login(make_staff())
    html = client.get("/lam-viec/").content.decode()
    assert 'href="/lam-viec/nhac-han/">Nhắc hạn</a>' in html
    assert 'href="/cuoc-thi/">Cuộc thi</a>' in html
