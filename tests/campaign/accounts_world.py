"""The story of the account tests: staff carol manages officer accounts; alice is an officer of
Phường 1; sam (staff with admin access), root (superuser), eve (officer and staff) and dave (no
role) are accounts carol must not touch from these pages."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from campaign.models import OfficerProfile, Unit
from campaign.roles import STAFF_GROUP
from tests.factories import UnitFactory, UserFactory, make_officer, make_staff

User = get_user_model()
LINK = re.compile(r"http://portal\.example\.vn(/tai-khoan/dat-mat-khau/[^/\s]+/[^/\s]+/)")


@pytest.fixture
def accounts(settings):
    settings.SITE_URL = "http://portal.example.vn"
    unit_a = UnitFactory(code="phuong-1", name="Đảng bộ Phường 1", order=1)
    unit_b = UnitFactory(code="mttq-thanh-pho", name="Mặt trận Tổ quốc thành phố", order=2)
    closed = UnitFactory(code="don-vi-cu", name="Đơn vị đã giải thể", order=3, is_active=False)
    carol = make_staff(username="carol")
    sam = make_staff(username="sam", is_staff=True)
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    alice = make_officer(unit_a, username="alice", first_name="Nguyễn Thị An")
    OfficerProfile.objects.create(user=alice, phone="0912345678")
    eve = make_officer(unit_a, username="eve")
    eve.groups.add(Group.objects.get(name=STAFF_GROUP))
    dave = UserFactory(username="dave")
    return {
        "unit_a": unit_a, "unit_b": unit_b, "closed": closed, "carol": carol, "sam": sam, "root": root,
        "alice": alice, "eve": eve, "dave": dave,
    }


def snapshot():
    """Every row an account page could write."""
    models = (User, User.groups.through, Unit.members.through, OfficerProfile, Group, Group.permissions.through)
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


class BrokenEmailBackend:
    """An SMTP server that does not answer."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        raise ConnectionRefusedError("no server")

    def close(self):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no server")
