"""Production: everything real, secrets from the environment, no demo."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_URL, SECRET_KEY, env, env_bool

DEBUG = False
DEMO_ALLOWED = False

if SECRET_KEY.startswith("dev-only") or not REDIS_URL or not env("DATABASE_URL"):
    raise ImproperlyConfigured(
        "Productie vraagt SECRET_KEY, DATABASE_URL en REDIS_URL in de omgeving."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Served by WhiteNoise from gunicorn. No manifest: the NL Design System token
        # package ships CSS that refers to a file it does not contain.
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
