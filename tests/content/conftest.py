import pytest
from django.test import Client

from tests.factories import make_staff


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads of the content tests go to a temporary folder, never to the working tree's media/."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def admin_staff():
    """A client signed in as staff with the admin."""
    client = Client()
    client.force_login(make_staff(username="carol", is_staff=True))
    return client
