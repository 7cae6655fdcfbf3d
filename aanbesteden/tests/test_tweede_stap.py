"""Issue 11, points 1 and 2: the second step cannot be skipped, and its secrets stay secret.

The attack: `POST /beheer/login/` with the administrator's password alone gave a superuser
session; the TOTP secrets were shown in the admin and stored in clear.
"""

import importlib
import time

import pytest
from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, TOTP, format_hotp_value, hotp_value
from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.db import connection
from django.urls import reverse

from aanbesteden.adapters import MFAAdapter
from aanbesteden.tests import inloggen
from aanbesteden.tests.factories import PASSWORD, TOTP_SECRET, MedewerkerFactory, UserFactory

pytestmark = pytest.mark.django_db

BEHEER = "/beheer/"


def _code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def _is_ingelogd(client):
    return "_auth_user_id" in client.session


def test_the_admin_has_no_password_login_of_its_own(client, beheerder):
    response = client.post(
        "/beheer/login/", {"username": beheerder.email, "password": PASSWORD, "next": BEHEER}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not _is_ingelogd(client)
    response = client.get(BEHEER)
    assert response.status_code == 302
    assert response["Location"].startswith("/beheer/login/")


def test_wrong_passwords_on_the_admin_login_reach_no_password_check(client, beheerder):
    """Twelve tries at /beheer/login/ are all sent to the site's login, where the throttle is."""
    for _ in range(12):
        response = client.post(
            "/beheer/login/",
            {"username": beheerder.email, "password": "x"},
            REMOTE_ADDR="192.0.2.12",
        )
        assert response["Location"].startswith(reverse("account_login"))
    assert not _is_ingelogd(client)


def test_the_site_login_throttles_wrong_passwords(client, beheerder):
    # Its own address, so that the per-address limit does not reach the other tests.
    adres = {"REMOTE_ADDR": "192.0.2.11"}
    for _ in range(12):
        client.post(
            reverse("account_login"), {"login": beheerder.email, "password": "fout"}, **adres
        )
    # Even the right password is refused while throttled, with allauth's message.
    response = client.post(
        reverse("account_login"), {"login": beheerder.email, "password": PASSWORD}, **adres
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Location" not in response
    assert not _is_ingelogd(client)
    assert client.session.get("account_authentication_methods") in (None, [])


@pytest.mark.parametrize("rol", ["beheerder", "medewerker", "superuser"])
def test_a_session_without_the_second_step_reaches_nothing(client, rol):
    user = {
        "beheerder": lambda: UserFactory(beheerder=True, met_totp=True),
        "medewerker": lambda: MedewerkerFactory().user,
        "superuser": lambda: UserFactory(is_staff=True, is_superuser=True, met_totp=True),
    }[rol]()
    for path in (BEHEER, "/", "/accounts/email/", "/meldingen/", "/beheer/aanbesteden/user/"):
        inloggen.alleen_wachtwoord(client, user)
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("account_login"), path
        assert not _is_ingelogd(client), path


def test_a_login_through_the_site_with_both_steps_reaches_the_admin(client, beheerder):
    response = client.post(
        reverse("account_login"), {"login": beheerder.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(BEHEER).status_code == 302
    response = client.post(reverse("mfa_authenticate"), {"code": _code(TOTP_SECRET)})
    assert response.status_code == 302
    assert client.get(BEHEER).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_setting_up_totp_counts_as_the_second_step_of_that_session(client):
    """Transactional: allauth sends its signal after the commit, inside the request."""
    medewerker = MedewerkerFactory(user=UserFactory(met_totp=False)).user
    client.post(reverse("account_login"), {"login": medewerker.email, "password": PASSWORD})
    assert client.get(reverse("home"))["Location"].startswith(reverse("mfa_activate_totp"))
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": _code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=medewerker, type="totp").exists()
    assert client.get(reverse("home")).status_code == 200


def test_no_admin_page_shows_or_edits_authenticators(client, beheerder, medewerker):
    client.force_login(beheerder)
    authenticator = Authenticator.objects.get(user=medewerker, type="totp")
    assert client.get("/beheer/mfa/authenticator/").status_code == 404
    response = client.get(f"/beheer/mfa/authenticator/{authenticator.pk}/change/")
    assert response.status_code == 404
    assert client.get("/beheer/account/emailaddress/").status_code == 404
    page = client.get(BEHEER).content.decode()
    assert "/beheer/mfa/" not in page


def test_totp_secrets_are_stored_encrypted(medewerker):
    authenticator = Authenticator.objects.get(user=medewerker, type="totp")
    with connection.cursor() as cursor:
        cursor.execute("SELECT data::text FROM mfa_authenticator WHERE id = %s", [authenticator.pk])
        (raw,) = cursor.fetchone()
    assert TOTP_SECRET not in raw
    assert "fernet:" in raw
    # ... and the second step still works with it.
    assert TOTP(authenticator).validate_code(_code(TOTP_SECRET))


def test_the_encryption_key_lives_outside_the_database(medewerker, settings):
    """With another key, the stored secret cannot be read."""
    stored = Authenticator.objects.get(user=medewerker, type="totp").data["secret"]
    settings.MFA_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(InvalidToken):
        MFAAdapter().decrypt(stored)


def test_the_migration_encrypts_secrets_stored_in_clear(medewerker):
    authenticator = Authenticator.objects.get(user=medewerker, type="totp")
    Authenticator.objects.filter(pk=authenticator.pk).update(data={"secret": TOTP_SECRET})
    importlib.import_module("aanbesteden.migrations.0009_mfa_geheimen_versleutelen").versleutelen(
        apps, None
    )
    authenticator.refresh_from_db()
    assert authenticator.data["secret"].startswith("fernet:")

    assert TOTP(authenticator).validate_code(_code(TOTP_SECRET))
