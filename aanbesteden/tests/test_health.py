"""/health/ (issue 11, point 11): the public a fast yes/no, the detail for administrators."""

import socket
import time

import pytest
from django.test import override_settings

from aanbesteden.celery import app
from aanbesteden.tests import inloggen
from aanbesteden.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REMOTE = "203.0.113.7"  # an address on the internet, not the host itself
FORMATS = ["", "?format=json", "?format=text", "?format=atom", "?format=rss", "?format=openmetrics"]


def _free_closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("query", FORMATS)
def test_the_public_gets_only_a_status_in_every_format(client, query):
    response = client.get("/health/" + query, REMOTE_ADDR=REMOTE)
    assert response["Content-Type"] == "application/json"
    assert response.status_code in (200, 503)
    body = response.json()
    assert set(body) == {"status"}
    assert body["status"] == ("ok" if response.status_code == 200 else "fout")


def test_a_plain_text_accept_header_gets_no_detail_either(client):
    response = client.get("/health/", REMOTE_ADDR=REMOTE, HTTP_ACCEPT="text/plain")
    assert set(response.json()) == {"status"}


def test_a_logged_in_user_who_is_not_an_administrator_gets_no_detail(client):
    client.force_login(UserFactory())
    assert set(client.get("/health/", REMOTE_ADDR=REMOTE).json()) == {"status"}


def test_a_platform_administrator_gets_every_check(client):
    client.force_login(UserFactory(beheerder=True, met_totp=True))
    body = client.get("/health/", REMOTE_ADDR=REMOTE).json()
    assert set(body["checks"]) == {"database", "cache", "broker", "worker"}
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "ok"
    assert body["checks"]["broker"] == "ok"


def test_an_administrator_without_the_second_step_gets_no_detail(client):
    inloggen.alleen_wachtwoord(client, UserFactory(beheerder=True, met_totp=True))
    assert set(client.get("/health/", REMOTE_ADDR=REMOTE).json()) == {"status"}


def test_the_host_itself_gets_the_detail(client):
    body = client.get("/health/", REMOTE_ADDR="127.0.0.1").json()
    assert body["checks"]["database"] == "ok"
    body = client.get("/health/", REMOTE_ADDR="::1").json()
    assert "checks" in body


def test_a_request_through_a_proxy_on_the_host_gets_no_detail(client):
    response = client.get("/health/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=REMOTE)
    assert set(response.json()) == {"status"}


def test_with_redis_down_the_public_hears_fout_fast_and_nothing_else(client, monkeypatch):
    closed = f"redis://127.0.0.1:{_free_closed_port()}/0"
    monkeypatch.setattr(app.conf, "broker_url", closed)
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": closed,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with override_settings(REDIS_URL=closed, CELERY_BROKER_URL=closed, CACHES=caches):
        start = time.monotonic()
        response = client.get("/health/", REMOTE_ADDR=REMOTE)
        seconds = time.monotonic() - start
        assert response.status_code == 503
        assert response.json() == {"status": "fout"}
        assert b"Error" not in response.content and b"6379" not in response.content
        assert seconds < 4, f"/health/ took {seconds:.1f} s"

        # The host itself hears which checks failed, just as fast.
        start = time.monotonic()
        body = client.get("/health/", REMOTE_ADDR="127.0.0.1").json()
        assert time.monotonic() - start < 4
    assert body["status"] == "fout"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] != "ok"
    assert body["checks"]["broker"] != "ok"
    assert body["checks"]["worker"] != "ok"
