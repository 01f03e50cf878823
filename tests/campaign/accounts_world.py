"""Helpers of the account tests; their story is the `accounts` fixture (tests/campaign/conftest.py)."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from campaign.models import OfficerProfile, Unit

User = get_user_model()
LINK = re.compile(r"http://portal\.example\.vn(/tai-khoan/dat-mat-khau/[^/\s]+/[^/\s]+/)")


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
