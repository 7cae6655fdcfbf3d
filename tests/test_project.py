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


def _run_settings(module, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "CELERY_TASK_ALWAYS_EAGER"}
    }
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
        SECRET_KEY="echt-geheim",
        DATABASE_URL="postgres://u@db/x",
        REDIS_URL="redis://r:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1:] == [
        "False",
        "django.core.mail.backends.smtp.EmailBackend",
        "False",
    ]


def test_readme_gives_the_two_commands():
    readme = (settings.BASE_DIR / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    assert "make test" in (settings.BASE_DIR / ".ci" / "run").read_text()
