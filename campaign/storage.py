"""Storage of files that are not public: progress-report photos.

They live under PRIVATE_MEDIA_ROOT, which no URL maps (neither the
development media route nor a production /media/ location); the view in
campaign.photos checks the permission and hands them out. `url()` refuses, so
a template that still asks a photo for its file's URL fails loudly instead of
printing a link that would not work.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateMediaStorage(FileSystemStorage):
    # Read from the settings on each use: tests (and override_settings) move the root.
    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None  # FileSystemStorage.url() then raises "not accessible via a URL"


private_storage = PrivateMediaStorage()


def get_private_storage():
    return private_storage
