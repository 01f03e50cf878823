"""Every campaign admin page opens for an administrator, in Vietnamese."""

import pytest
from django.contrib import admin
from django.urls import reverse

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
        assert f"Chọn {opts.verbose_name} để thay đổi" in changelist.content.decode()
        add = client.get(reverse(f"admin:campaign_{opts.model_name}_add"))
        assert add.status_code in (200, 403), opts.model_name
