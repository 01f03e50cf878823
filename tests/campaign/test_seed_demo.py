"""seed_demo loads the units of both source documents, and a second run changes nothing."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict

from campaign import demo
from campaign.models import Unit
from campaign.roles import OFFICER_GROUP, STAFF_GROUP
from config.seeding import load_data

pytestmark = pytest.mark.django_db


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def snapshot():
    units = {u.code: model_to_dict(u, exclude=["members"]) | {"members": sorted(u.members.values_list("username", flat=True))} for u in Unit.objects.all()}
    users = {u.username: (u.password, sorted(u.groups.values_list("name", flat=True))) for u in get_user_model().objects.all()}
    return units, users


def test_units_of_both_documents_are_loaded():
    seed()
    names = set(Unit.objects.values_list("name", flat=True))
    for name in [
        "Thành ủy Đà Lạt",
        "Ban Tuyên giáo Thành ủy Đà Lạt",
        "Các tổ chức cơ sở Đảng trực thuộc Thành ủy",
        "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Đà Lạt",
        "Trung tâm Văn hóa Thông tin Thể thao thành phố Đà Lạt",
        "Sở Ngoại vụ tỉnh Gia Lai",
        "Sở Công Thương tỉnh Gia Lai",
        "Bộ Chỉ huy Quân sự tỉnh Gia Lai",
        "Tỉnh Attapeu (Lào)",
        "Tỉnh Champasak (Lào)",
        "Tỉnh Salavan (Lào)",
        "Tỉnh Sekong (Lào)",
    ]:
        assert name in names
    assert Unit.objects.get(code="btg-tu-da-lat").parent.code == "tu-da-lat"
    assert Unit.objects.get(code="sekong").kind == Unit.Kind.PARTNER
    # Names the sources do not give are flagged as demo data.
    assert Unit.objects.get(code="thanh-doan-da-lat").is_demo
    assert not Unit.objects.get(code="so-ngoai-vu-gl").is_demo
    assert all(unit.source for unit in Unit.objects.all())


def test_demo_accounts_are_created_once_with_a_printed_password():
    output = seed()
    User = get_user_model()
    staff = User.objects.get(username="canbo.btg")
    officer = User.objects.get(username="canbo.donvi")
    assert staff.groups.filter(name=STAFF_GROUP).exists() and staff.is_staff
    assert officer.groups.filter(name=OFFICER_GROUP).exists() and not officer.is_staff
    assert set(officer.units.values_list("code", flat=True)) == {"ttvhtttt-da-lat", "so-ngoai-vu-gl"}
    line = next(line for line in output.splitlines() if "canbo.donvi /" in line)
    password = line.split(" / ")[1].split()[0]
    assert officer.check_password(password)
    second = seed()
    assert password not in second
    assert "đã có; mật khẩu giữ nguyên" in second


def test_second_run_changes_nothing():
    seed()
    before = snapshot()
    output = seed()
    assert snapshot() == before
    assert "Đơn vị: 0 tạo mới," in output


def test_a_unit_changed_by_hand_is_kept_and_a_deleted_one_comes_back():
    seed()
    Unit.objects.filter(code="sekong").update(name="Tỉnh Sê Kông (Lào)")
    Unit.objects.filter(code="attapeu").delete()
    output = seed()
    assert Unit.objects.get(code="sekong").name == "Tỉnh Sê Kông (Lào)"
    assert Unit.objects.get(code="attapeu").name == "Tỉnh Attapeu (Lào)"
    assert "Đơn vị: 1 tạo mới," in output


def test_a_wrong_data_file_stops_seed_demo_with_one_line_naming_the_file_and_the_key(tmp_path, monkeypatch):
    unit = "  - code: {}\n    name: Thành ủy Đà Lạt\n    short_name: Thành ủy\n    source: ''\n    is_demo: false\n"
    path = tmp_path / "units.yaml"
    path.write_text("units:\n" + unit.format("tu-da-lat") + "    kind: party_committee\n" + unit.format("khac"), encoding="utf-8")
    monkeypatch.setattr(demo, "data", lambda name: load_data(path))
    with pytest.raises(CommandError) as caught:
        seed()
    assert str(caught.value) == f"{path}: «units[1].kind» bị thiếu."
    assert not Unit.objects.exists()  # the first unit was rolled back with campaign's part: nothing half-loaded stays
