"""The test suite: real PostgreSQL and Redis.

DATABASE_URL and REDIS_URL default to the local servers; `make test` checks
that both answer before the suite starts.
"""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/aanbesteden")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
# Most tests run tasks in-process; tests/test_worker.py starts a real worker.
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
os.environ.setdefault("CACHE_KEY_PREFIX", f"aanbesteden-test-{os.getpid()}")

from .base import *  # noqa: E402, F403
from .base import BASE_DIR  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
