import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import models
from django.db.models.functions import Length
from django.test import Client

from aanbesteden import demo
from aanbesteden.constants import TEKST_LANG
from aanbesteden.models import Gemeente, User
from beoordeling.models import Bod, BodVersie
from trajecten.models import Aanmelding

pytestmark = pytest.mark.django_db


def test_demo_creates_every_role_prints_logins_and_is_safe_twice(capsys):
    call_command("demo")
    first = capsys.readouterr().out
    counts = (Gemeente.objects.count(), User.objects.count())
    call_command("demo")
    # 14, and issue 13: five residents on Woensel's committee bound to their districts;
    # issue 14: two members of the residents' initiative of the covenant, and the light
    # account of a resident who reacted to a draft without an account; a representative of
    # Holtenbroek's residents' budget; the administrator of Taalhuis Woensel (who is taken)
    assert (Gemeente.objects.count(), User.objects.count()) == counts == (2, 24)
    for email in (
        "beheer@platform.demo",
        "beleid@eindhoven.demo",
        "beleid@zwolle.demo",
        "ondernemer@buurtkracht.demo",
        "bewoner@commissie.demo",
        "huiskamer@doornakkers.demo",
    ):
        assert email in first
    assert "wachtwoord: Demo-wachtwoord-2026" in first


def test_demo_registrations_count(capsys):
    """The demo's registration without an account is confirmed (its link opened), so the
    information session shows two people (issue 11, point 13)."""
    call_command("demo")
    aanmeldingen = Aanmelding.objects.filter(bijeenkomst__titel__startswith="Informatie")
    assert aanmeldingen.count() == aanmeldingen.bevestigd().count() == 2


def test_every_demo_login_works(capsys):
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


def _teksten(waarde):
    """Every string inside a JSON value."""
    if isinstance(waarde, str):
        yield waarde
    elif isinstance(waarde, dict):
        for v in waarde.values():
            yield from _teksten(v)
    elif isinstance(waarde, list):
        for v in waarde:
            yield from _teksten(v)


def test_demo_data_fits_the_text_limits():
    """Issue 11, point 10: the demo must show what a user could have typed."""
    call_command("demo")
    te_lang = []
    gemeten = 0
    for app in ("aanbesteden", "trajecten", "coalities", "beoordeling", "verantwoording"):
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.concrete_fields:
                if not isinstance(field, models.CharField | models.TextField):
                    continue
                if not field.max_length:
                    continue
                langste = model._default_manager.aggregate(n=models.Max(Length(field.name)))["n"]
                gemeten += 1
                if langste is not None and langste > field.max_length:
                    te_lang.append(f"{model._meta.label}.{field.name}: {langste}")
    assert gemeten > 100
    assert te_lang == []
    # The steps of a bid are stored as JSON; each text was limited by its form.
    bod_teksten = [t for bod in Bod.objects.all() for t in _teksten(bod.concept)]
    bod_teksten += [t for versie in BodVersie.objects.all() for t in _teksten(versie.inhoud)]
    assert bod_teksten and max(len(t) for t in bod_teksten) <= TEKST_LANG
