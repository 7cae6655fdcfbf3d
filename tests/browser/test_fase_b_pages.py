"""Every page of phase B, as the people who use it see it on the demo data: no axe violations."""

import pytest

from aanbesteden.demo import DEMO_PASSWORD
from aanbesteden.models import User
from coalities.models import Coalitie, Gesprek, Organisatie, Uitnodiging
from trajecten.models import Traject

from .axe import assert_no_axe_violations
from .helpers import form_with, log_in_with_password, submit, totp_code


@pytest.fixture
def demo(demo_logins):
    logins = {login.email: login for login in demo_logins}
    buurtkracht = Organisatie.objects.get(naam="Buurtkracht Woensel")
    return {
        "logins": logins,
        "welzijn": Traject.objects.get(titel="Welzijn in Woensel"),
        "buurtkracht": buurtkracht,
        "samen": Coalitie.objects.get(naam="Samen Sterk in Woensel-Noord"),
        "plus": Coalitie.objects.get(naam="Zorggroep Plus Woensel-Zuid"),
        "gesprek": Gesprek.objects.get(),
        "uitnodiging": Uitnodiging.objects.create(
            organisatie=buurtkracht,
            email="nieuw@buurtkracht.demo",
            uitgenodigd_door=User.objects.get(email="ondernemer@buurtkracht.demo"),
        ),
    }


def _visit(page, base, path):
    response = page.goto(base + path)
    assert response.status == 200, path
    assert_no_axe_violations(page)


def test_public_pages_of_phase_b(page, live_server, demo):
    for path in (
        "/organisaties/",
        f"/organisaties/{demo['buurtkracht'].pk}/",
        f"/organisaties/trajecten/{demo['welzijn'].pk}/partnerbord/",
        f"/organisaties/uitnodiging/{demo['uitnodiging'].token}/",
    ):
        _visit(page, live_server.url, path)


def test_an_organisation_administrator_works_with_its_coalition(page, live_server, demo):
    login = demo["logins"]["ondernemer@buurtkracht.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    o, w, samen = demo["buurtkracht"], demo["welzijn"], demo["samen"]
    andere = demo["plus"].partners.get(rol="penvoerder").organisatie
    bewoners = samen.partners.get(organisatie__naam="Bewonersgroep Vlierstraat")
    for path in (
        "/organisaties/mijn/",
        f"/organisaties/{o.pk}/bewerken/",
        f"/organisaties/{o.pk}/leden/",
        f"/organisaties/trajecten/{w.pk}/interesse/",
        f"/organisaties/trajecten/{w.pk}/contact/{andere.pk}/",
        "/organisaties/gesprekken/",
        f"/organisaties/gesprekken/{demo['gesprek'].pk}/",
        f"/organisaties/coalities/{samen.pk}/",
        f"/organisaties/coalities/{samen.pk}/bewerken/",
        f"/organisaties/coalities/{samen.pk}/uitnodigen/",
        f"/organisaties/coalities/{samen.pk}/partners/{bewoners.pk}/",
    ):
        _visit(page, live_server.url, path)


def test_the_flagged_coalition_and_the_medewerker_pages(page, live_server, demo):
    login = demo["logins"]["beleid@eindhoven.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(totp_code(login.totp_secret))
    submit(form)
    w = demo["welzijn"]
    for path in (
        f"/organisaties/trajecten/{w.pk}/uitnodigen/",
        f"/organisaties/trajecten/{w.pk}/sleutelpartijen/",
        f"/organisaties/trajecten/{w.pk}/coalities/",
        f"/organisaties/coalities/{demo['plus'].pk}/",
    ):
        _visit(page, live_server.url, path)
    # The lead that takes 80% of the budget is flagged, as the gemeente's setting asks.
    assert "80" in page.locator(".utrecht-alert--warning").inner_text()


def test_a_key_party_writes_its_commitment_and_reads_the_independence_page(page, live_server, demo):
    """Issue 13, rule 1: the school (a key party of Welzijn in Woensel) on its commitment
    page for one coalition and on the page of declarations of independence."""
    log_in_with_password(page, live_server.url, "directie@obs-boomgaard.demo", DEMO_PASSWORD)
    samen = demo["samen"]
    sleutel = samen.partners.get(rol="sleutelpartij")
    _visit(page, live_server.url, f"/organisaties/coalities/{samen.pk}/toezegging/{sleutel.pk}/")
    assert "ouderkamer" in page.locator("main textarea").input_value()  # its commitment
    for path in (
        f"/organisaties/coalities/{samen.pk}/",
        f"/organisaties/trajecten/{demo['welzijn'].pk}/onafhankelijkheid/",
    ):
        _visit(page, live_server.url, path)
