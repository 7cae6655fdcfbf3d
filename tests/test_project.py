"""The set-up promises: migrations complete, settings Dutch first, production strict."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_dutch_first_in_amsterdam_time():
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.USE_TZ is True
    assert [code for code, _ in settings.LANGUAGES] == ["nl", "en"]


# What this test process has in its environment that a subprocess must not inherit (the
# browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for their own process only).
NIET_DOORGEVEN = {
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "CELERY_TASK_ALWAYS_EAGER",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def _schone_omgeving(*, behalve_prefix=()):
    return {
        k: v
        for k, v in os.environ.items()
        if k not in NIET_DOORGEVEN and not k.startswith(tuple(behalve_prefix))
    }


def _run_settings(module, **env):
    clean = _schone_omgeving()
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings;"
            "print(settings.DATABASES['default']['ENGINE'], settings.CELERY_TASK_ALWAYS_EAGER,"
            " settings.EMAIL_BACKEND, settings.DEMO_ALLOWED)",
        ],
        capture_output=True,
        text=True,
        env=clean,
    )


def test_dev_settings_need_no_server():
    result = _run_settings("aanbesteden.settings.dev")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.mail.backends.console.EmailBackend",
        "True",
    ]


def test_production_refuses_to_start_without_its_secrets():
    result = _run_settings("aanbesteden.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY, DATABASE_URL en REDIS_URL" in result.stderr
    result = _run_settings(
        "aanbesteden.settings.production",
        SECRET_KEY=STRONG_KEY,
        DATABASE_URL="postgres://u@db/x",
        REDIS_URL="redis://r:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1:] == [
        "False",
        "django.core.mail.backends.smtp.EmailBackend",
        "False",
    ]


STRONG_KEY = "x7Gq2vLk9PzR4mWt8bYc1NfHs6JdQe3Ua5VoXiKl0TgBn-ZpMrEyCw_hSjDuFaIv"
PRODUCTION_SERVICES = {"DATABASE_URL": "postgres://u@db/x", "REDIS_URL": "redis://r:6379/0"}


@pytest.mark.parametrize(
    "key,reason",
    [
        ("dev-only-not-secret-change-me", "bekende standaardwaarde"),
        ("local-only-insecure-secret-key-never-use-in-production", "bekende standaardwaarde"),
        ("changeme", "bekende standaardwaarde"),
        ("secret", "bekende standaardwaarde"),
        ("django-insecure-" + "k3$w9!a^z0" * 5, "bekende standaardwaarde"),
        ("echt-geheim", "korter dan 50 tekens"),
        (STRONG_KEY[:49], "korter dan 50 tekens"),
        ("ab" * 40, "minder dan 5 verschillende tekens"),
    ],
)
def test_production_refuses_a_weak_secret_key(key, reason):
    result = _run_settings("aanbesteden.settings.production", SECRET_KEY=key, **PRODUCTION_SERVICES)
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is te zwak" in result.stderr
    assert reason in result.stderr
    if len(key) >= 20:
        assert key not in result.stderr  # the refusal does not print the key


def test_production_refuses_an_invalid_mfa_encryption_key():
    result = _run_settings(
        "aanbesteden.settings.production",
        SECRET_KEY=STRONG_KEY,
        MFA_ENCRYPTION_KEY="te-kort",
        **PRODUCTION_SERVICES,
    )
    assert result.returncode != 0
    assert "MFA_ENCRYPTION_KEY is geen geldige Fernet-sleutel" in result.stderr


def test_production_passes_check_deploy_without_a_warning():
    env = _schone_omgeving(behalve_prefix=["SECURE_"])
    env.update(
        PRODUCTION_SERVICES,
        SECRET_KEY=STRONG_KEY,
        DJANGO_SETTINGS_MODULE="aanbesteden.settings.production",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "no issues" in output


def test_production_sends_hsts_for_subdomains_with_preload():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s;"
            "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD,"
            " 'csp.middleware.CSPMiddleware' in s.MIDDLEWARE)",
        ],
        capture_output=True,
        text=True,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("SECURE_")},
            **PRODUCTION_SERVICES,
            "SECRET_KEY": STRONG_KEY,
            "DJANGO_SETTINGS_MODULE": "aanbesteden.settings.production",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["31536000", "True", "True", "True"]


def test_readme_gives_the_two_commands():
    readme = (settings.BASE_DIR / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    assert "make test" in (settings.BASE_DIR / ".ci" / "run").read_text()
