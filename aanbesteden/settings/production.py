"""Production: everything real, secrets from the environment, no demo."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MFA_ENCRYPTION_KEY, REDIS_URL, SECRET_KEY, env, env_bool

DEBUG = False
DEMO_ALLOWED = False

if not env("SECRET_KEY") or not REDIS_URL or not env("DATABASE_URL"):
    raise ImproperlyConfigured(
        "Productie vraagt SECRET_KEY, DATABASE_URL en REDIS_URL in de omgeving."
    )

# Keys that are public (in this repository or in Django's templates) or guessable.
# Whoever knows SECRET_KEY can forge sessions and password-reset links.
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_UNIQUE_CHARACTERS = 5
KNOWN_SECRET_KEYS = {
    "dev-only-not-secret-change-me",  # base.py's default
    "local-only-insecure-secret-key-never-use-in-production",  # .env.example's placeholder
    "changeme",
    "change-me",
    "secret",
    "secret-key",
    "secretkey",
    "your-secret-key",
    "django-secret-key",
}
KNOWN_SECRET_KEY_PREFIXES = ("dev-only", "django-insecure-", "local-only", "changeme")


def _weak_secret_key_reason(key):
    """Why `key` may not sign production sessions, or None when it is strong enough."""
    lowered = key.strip().lower()
    if lowered in KNOWN_SECRET_KEYS or lowered.startswith(KNOWN_SECRET_KEY_PREFIXES):
        return "het is een bekende standaardwaarde"
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return f"het is korter dan {MIN_SECRET_KEY_LENGTH} tekens"
    if len(set(key)) < MIN_SECRET_KEY_UNIQUE_CHARACTERS:
        return f"het heeft minder dan {MIN_SECRET_KEY_UNIQUE_CHARACTERS} verschillende tekens"
    return None


if reason := _weak_secret_key_reason(SECRET_KEY):
    raise ImproperlyConfigured(
        f"SECRET_KEY is te zwak: {reason}. Maak een nieuwe met: "
        'python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )

if MFA_ENCRYPTION_KEY:
    from cryptography.fernet import Fernet

    try:
        Fernet(MFA_ENCRYPTION_KEY)
    except ValueError as exc:
        raise ImproperlyConfigured(
            "MFA_ENCRYPTION_KEY is geen geldige Fernet-sleutel. Maak een nieuwe met: "
            'python -c "from cryptography.fernet import Fernet; '
            'print(Fernet.generate_key().decode())"'
        ) from exc

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# One year of HTTPS-only, for every subdomain too, and eligible for the browsers'
# preload list: a first visit over plain HTTP can then not be intercepted either.
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
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
