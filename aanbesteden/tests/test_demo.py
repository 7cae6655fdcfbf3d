import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from aanbesteden.models import Gemeente, User

pytestmark = pytest.mark.django_db


def test_demo_creates_every_role_prints_logins_and_is_safe_twice(capsys):
    call_command("demo")
    first = capsys.readouterr().out
    counts = (Gemeente.objects.count(), User.objects.count())
    call_command("demo")
    assert (Gemeente.objects.count(), User.objects.count()) == counts == (2, 14)
    for email in (
        "beheer@platform.demo",
        "beleid@eindhoven.demo",
        "beleid@zwolle.demo",
        "ondernemer@buurtkracht.demo",
        "bewoner@commissie.demo",
    ):
        assert email in first
    assert "wachtwoord: Demo-wachtwoord-2026" in first


def test_demo_registrations_count(capsys):
    """The demo's registration without an account is confirmed (its link opened), so the
    information session shows two people (issue 11, point 13)."""
    from trajecten.models import Aanmelding

    call_command("demo")
    aanmeldingen = Aanmelding.objects.filter(bijeenkomst__titel__startswith="Informatie")
    assert aanmeldingen.count() == aanmeldingen.bevestigd().count() == 2


def test_every_demo_login_works(capsys):
    from aanbesteden import demo

    for login in demo.build():
        client = Client()
        response = client.post(
            "/accounts/login/", {"login": login.email, "password": login.password}
        )
        assert response.status_code == 302, login.email
        expected = "/accounts/2fa/authenticate/" if login.totp_secret else "/"
        assert response["Location"] == expected, login.email


def test_demo_refuses_production_settings(settings):
    settings.DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="productie"):
        call_command("demo")
    assert not Gemeente.objects.exists()
