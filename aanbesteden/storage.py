"""Storage for files that must not be reachable by URL (bid attachments)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def prive_opslag():
    """Outside MEDIA_ROOT, without a base URL: only a view with a permission check serves it."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
