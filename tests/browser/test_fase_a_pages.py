"""Every page of phase A, as the people who use it see it on the demo data: no axe violations."""

import re

import pytest

from trajecten.models import Traject, Uitdaging

from .axe import assert_no_axe_violations
from .helpers import (
    assert_no_sideways_scroll,
    form_with,
    log_in_with_password,
    submit,
    totp_code,
)


@pytest.fixture
def demo(demo_logins):
    logins = {login.email: login for login in demo_logins}
    welzijn = Traject.objects.get(titel="Welzijn in Woensel")
    return {
        "logins": logins,
        "welzijn": welzijn,
        "concept": Traject.objects.get(titel="Jongerenwerk Woensel-Noord"),
        "verleden": welzijn.bijeenkomsten.order_by("begint_op").first(),
        "komend": welzijn.bijeenkomsten.order_by("begint_op").last(),
        "uitdaging": Uitdaging.objects.get(titel="Beheer van de buurttuin aan de Vlierstraat"),
    }


def _visit(page, base, path, heading=None):
    response = page.goto(base + path)
    assert response.status == 200, path
    if heading:
        assert heading in page.locator("h1").inner_text(), path
    assert_no_axe_violations(page)


def test_public_pages_of_phase_a(page, live_server, demo):
    w = demo["welzijn"]
    for path in (
        f"/trajecten/{w.pk}/uitvraag/",
        f"/trajecten/{w.pk}/rectificaties/1/",
        f"/trajecten/{w.pk}/vragen/",
        f"/trajecten/{w.pk}/nota/1/",
        f"/trajecten/{w.pk}/bijeenkomsten/{demo['komend'].pk}/",
        f"/trajecten/{w.pk}/bijeenkomsten/{demo['verleden'].pk}/",
        "/trajecten/uitdagen/",
    ):
        _visit(page, live_server.url, path)


def test_a_citizen_asks_registers_and_proposes(page, live_server, demo):
    w = demo["welzijn"]
    login = demo["logins"]["ondernemer@buurtkracht.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    _visit(page, live_server.url, f"/trajecten/{w.pk}/vragen/")
    page.locator("textarea[name=tekst]").fill("Mag een coalitie op twee percelen bieden?")
    submit(form_with(page, "textarea[name=tekst]"))
    assert "Mag een coalitie op twee percelen bieden?" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    _visit(page, live_server.url, f"/trajecten/{w.pk}/bijeenkomsten/{demo['komend'].pk}/")
    _visit(page, live_server.url, "/trajecten/uitdagen/")
    _visit(page, live_server.url, f"/trajecten/uitdagen/{demo['uitdaging'].pk}/")


def test_the_medewerker_pages_of_phase_a(page, live_server, demo):
    w, concept = demo["welzijn"], demo["concept"]
    login = demo["logins"]["beleid@eindhoven.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(totp_code(login.totp_secret))
    submit(form)
    for path in (
        f"/trajecten/{w.pk}/beheer/",
        f"/trajecten/{w.pk}/beheer/planning/",
        f"/trajecten/{w.pk}/beheer/kaders/",  # issue 13: the value over the whole term
        f"/trajecten/{w.pk}/beheer/vorm/",  # issue 13: the own-design procedure
        f"/trajecten/{w.pk}/beheer/team/",
        f"/trajecten/{w.pk}/beheer/bewoners/",  # issue 14, point 2: the residents' mandate
        f"/trajecten/{w.pk}/",  # issue 14, point 2: the mandate on the trajectory page
        f"/trajecten/{concept.pk}/beheer/gunning/",
        f"/trajecten/{concept.pk}/beheer/schetsvragen/",  # issue 14: own outline questions
        f"/trajecten/{concept.pk}/",  # issue 14: the questions and social return shown
        f"/trajecten/{w.pk}/vragen/",
        f"/trajecten/{w.pk}/bijeenkomsten/nieuw/",
        f"/trajecten/{w.pk}/bijeenkomsten/{demo['komend'].pk}/",
        f"/trajecten/{w.pk}/bijeenkomsten/{demo['komend'].pk}/bewerken/",
        f"/trajecten/{w.pk}/bijeenkomsten/{demo['verleden'].pk}/verslag/",
        f"/trajecten/{w.pk}/uitvraag/",
        "/trajecten/uitdagen/overzicht/",
        f"/trajecten/uitdagen/{demo['uitdaging'].pk}/",
    ):
        _visit(page, live_server.url, path)


def test_a_visitor_without_account_registers_and_confirms_on_a_phone(
    browser, live_server, demo, mailoutbox
):
    """Issue 11, point 13: the place counts after the mailed link is confirmed; every page of
    that journey without axe violations and without sideways scrolling at 320 px."""
    w, sessie = demo["welzijn"], demo["komend"]
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 700})
    try:
        page = context.new_page()

        def past(path_of_page):
            assert_no_sideways_scroll(page, 320, path_of_page)
            assert_no_axe_violations(page)

        _visit(page, live_server.url, f"/trajecten/{w.pk}/bijeenkomsten/{sessie.pk}/")
        past("the session page")
        mailoutbox.clear()
        page.locator("input[name=naam]").fill("Sanne Visser")
        page.locator("input[name=email]").fill("sanne.visser@voorbeeld.nl")
        submit(form_with(page, "input[name=email]"))
        assert "Kijk in uw e-mail" in page.locator("main").inner_text()
        past("the session page after registering")

        (bericht,) = [m for m in mailoutbox if m.to == ["sanne.visser@voorbeeld.nl"]]
        link = re.search(r"https?://\S+/bevestigen/", bericht.body).group(0)
        pad = "/" + link.split("/", 3)[3]
        _visit(page, live_server.url, pad, heading="Bevestig uw aanmelding")
        past("the confirmation page")
        page.get_by_role("button", name="Bevestig mijn aanmelding").click()
        status = page.locator("#bevestiging-status")
        assert status.get_attribute("data-status") == "bevestigd"
        assert "Uw aanmelding is bevestigd" in status.inner_text()
        past("the confirmed page")
    finally:
        context.close()
