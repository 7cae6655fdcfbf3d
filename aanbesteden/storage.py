"""Storage for files that must not be reachable by URL (bid attachments)."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PriveOpslag(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, read at each use (not frozen when the model is
    defined), so that a changed setting, such as each test's own folder, is followed."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def prive_opslag():
    """Outside MEDIA_ROOT, without a base URL: only a view with a permission check serves it."""
    return PriveOpslag(base_url=None)
