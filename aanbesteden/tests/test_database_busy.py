"""SQLite writes wait, and a database that stays busy gives a calm page (issue 11, point 8)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext

from aanbesteden import urls as root_urls

SCRIPT = Path(__file__).with_name("sqlite_twee_schrijvers.py")
UNSET = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
CALM = "It is busy right now. Please try again in a few seconds."


def _twee_schrijvers(tmp_path, mode):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path / "db.sqlite3"), mode],
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k not in UNSET},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\n")[:2]


def _settings_sqlite_options():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "aanbesteden.settings.dev"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings;"
            "d = settings.DATABASES['default'];"
            "print(d['ENGINE'], d['OPTIONS']['transaction_mode'], d['OPTIONS']['timeout'])",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_the_embedded_database_takes_the_write_lock_at_the_start_and_waits():
    assert _settings_sqlite_options() == ["django.db.backends.sqlite3", "IMMEDIATE", "20"]


def test_two_simultaneous_submits_on_sqlite_both_succeed(tmp_path):
    """The database exactly as the dev settings configure SQLite (make run)."""
    assert _twee_schrijvers(tmp_path, "settings") == ["ok", "ok"]


def test_without_immediate_the_second_submit_fails_so_the_test_above_can_fail(tmp_path):
    """Django's default (DEFERRED, even with a timeout) is what gave the HTTP 500."""
    results = _twee_schrijvers(tmp_path, "DEFERRED")
    assert "OperationalError: database is locked" in results


def _busy(request):
    raise OperationalError("database is locked")


def _other_error(request):
    raise OperationalError("no such table: bod")


urlpatterns = [
    *root_urls.urlpatterns,
    path("test/druk/", _busy),
    path("test/kapot/", _other_error),
]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_database_that_stays_locked_gives_a_calm_503_page(client):
    response = client.get("/test/druk/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    with translation.override("nl"):
        assert gettext(CALM) in page
    assert 'id="druk"' in page
    assert 'class="ma-header"' in page  # the site's own layout


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_the_calm_page_in_english(client):
    client.cookies["taal"] = "en"
    response = client.get("/test/druk/")
    assert response.status_code == 503
    assert CALM in response.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_other_database_errors_stay_server_errors(client):
    client.raise_request_exception = False
    assert client.get("/test/kapot/").status_code == 500
