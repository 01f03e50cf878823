import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads of the content tests go to a temporary folder, never to the working tree's media/."""
    settings.MEDIA_ROOT = tmp_path
