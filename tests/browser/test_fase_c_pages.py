"""Every page of phase C, on the demo data: "Buurthuis De Boomgaard" (an opened vault, a
committee halfway) and "Ontmoeting voor ouderen in Stratum" (two stages, consensus,
conversations, awarded): no axe violations, for the officer, a committee member (on a
phone), a bidder and a visitor; and what each of them should see is there."""

import pytest
from django.urls import reverse

from beoordeling.models import Bod, Bodgesprek, Commissielid
from trajecten.models import Traject

from .axe import assert_no_axe_violations
from .helpers import form_with, log_in_with_password, submit, totp_code


@pytest.fixture
def demo(demo_logins):
    logins = {login.email: login for login in demo_logins}
    traject = Traject.objects.get(titel="Buurthuis De Boomgaard")
    stratum = Traject.objects.get(titel="Ontmoeting voor ouderen in Stratum")
    return {
        "logins": logins,
        "traject": traject,
        "stratum": stratum,
        "finalisten": {
            b.organisatie.naam: b
            for b in Bod.objects.filter(traject=stratum, ronde="uitwerking").select_related(
                "organisatie"
            )
        },
        "biedingen": list(Bod.objects.filter(traject=traject).order_by("pk")),
        "lid": Commissielid.objects.get(traject=traject, user__email="bewoner@commissie.demo"),
    }


def _visit(page, base, path):
    response = page.goto(base + path)
    assert response.status == 200, path
    assert_no_axe_violations(page)


def _log_in_medewerker(page, live_server, demo):
    login = demo["logins"]["beleid@eindhoven.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(totp_code(login.totp_secret))
    submit(form)


def test_medewerker_pages_of_phase_c(page, live_server, demo):
    _log_in_medewerker(page, live_server, demo)
    t = demo["traject"].pk
    for path in (
        f"/beoordeling/trajecten/{t}/kluis/",
        f"/beoordeling/trajecten/{t}/biedingen/",
        f"/beoordeling/trajecten/{t}/commissie/",
        f"/beoordeling/trajecten/{t}/voortgang/",
    ):
        _visit(page, live_server.url, path)


def test_a_committee_bound_to_lots_shows_residents_per_lot(page, live_server, demo):
    """Issue 13, rule 4: "Welzijn in Woensel" has residents who judge their own district;
    the composition page shows per lot who judges it and flags the lot without a majority
    of residents. Rule 5: the officer's own declarations page."""
    _log_in_medewerker(page, live_server, demo)
    woensel = Traject.objects.get(titel="Welzijn in Woensel")
    _visit(page, live_server.url, reverse("beoordeling:commissie", args=[woensel.pk]))
    main = page.locator("main").inner_text()
    assert "Wie beoordeelt welk perceel" in main
    assert "Bewoners zijn niet de meerderheid voor perceel 2. Woensel-Zuid." in main
    assert "Anouk de Vries" in main
    t = demo["traject"]
    _visit(page, live_server.url, reverse("beoordeling:verklaringen", args=[t.pk]))
    _visit(
        page,
        live_server.url,
        reverse("beoordeling:perceel_verklaring", args=[t.pk, t.percelen.get().pk]),
    )


def test_committee_member_pages_on_a_phone(browser, live_server, demo):
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    page = context.new_page()
    login = demo["logins"]["bewoner@commissie.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    t, tweede = demo["traject"].pk, demo["biedingen"][1].pk
    for path in (
        f"/beoordeling/trajecten/{t}/beoordelen/",
        f"/beoordeling/beoordelen/{demo['biedingen'][0].pk}/",
        f"/beoordeling/beoordelen/{tweede}/",
        f"/beoordeling/trajecten/{t}/voortgang/",
        f"/beoordeling/commissie/{demo['lid'].pk}/gegevens/",
        f"/beoordeling/trajecten/{t}/verklaringen/",
    ):
        _visit(page, live_server.url, path)
    context.close()


def test_bidder_pages(page, live_server, demo):
    login = demo["logins"]["ondernemer@buurtkracht.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    bod = next(b for b in demo["biedingen"] if b.organisatie.naam == "Buurtkracht Woensel")
    for path in ("/beoordeling/biedingen/", f"/beoordeling/biedingen/{bod.pk}/"):
        _visit(page, live_server.url, path)


# --- the awarded trajectory ------------------------------------------------------------


def test_medewerker_pages_of_the_awarded_trajectory(page, live_server, demo):
    _log_in_medewerker(page, live_server, demo)
    t = demo["stratum"].pk
    buurtkracht = demo["finalisten"]["Buurtkracht Woensel"]
    gesprek = Bodgesprek.objects.get(bod=buurtkracht)
    for naam, args in (
        ("beoordeling:kluis", [t]),
        ("beoordeling:selectie", [t]),
        ("beoordeling:geopende_biedingen", [t]),
        ("beoordeling:commissie", [t]),
        ("beoordeling:voortgang", [t]),
        ("beoordeling:gesprekken", [t]),
        ("beoordeling:gesprek", [gesprek.pk]),
        ("beoordeling:consensus", [t]),
        ("beoordeling:consensus_bod", [buurtkracht.pk]),
        ("beoordeling:gunning", [t]),
        ("beoordeling:gunning_toelichting", [t]),
    ):
        _visit(page, live_server.url, reverse(naam, args=args))
    # The award page: sent, with the standstill's end and the letters.
    _visit(page, live_server.url, reverse("beoordeling:gunning", args=[t]))
    main = page.locator("main").inner_text()
    assert "Buurtkracht Woensel" in main
    assert "Zorggroep Regio Eindhoven" in main
    assert str(demo["stratum"].percelen.get().gunning.standstill_tot.year) in main


def test_chair_pages_of_the_awarded_trajectory_on_a_phone(browser, live_server, demo):
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    page = context.new_page()
    login = demo["logins"]["bewoner@commissie.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    t = demo["stratum"].pk
    zorggroep = demo["finalisten"]["Zorggroep Regio Eindhoven"]
    for naam, args in (
        ("beoordeling:commissie_biedingen", [t]),
        ("beoordeling:scoren", [zorggroep.pk]),
        ("beoordeling:gesprekken", [t]),
        ("beoordeling:gesprek", [Bodgesprek.objects.get(bod=zorggroep).pk]),
        ("beoordeling:consensus", [t]),
        ("beoordeling:consensus_bod", [zorggroep.pk]),
        ("beoordeling:gunning_toelichting", [t]),
    ):
        _visit(page, live_server.url, reverse(naam, args=args))
    # The consensus page: the closed consensus with the ranking, Buurtkracht first.
    _visit(page, live_server.url, reverse("beoordeling:consensus", args=[t]))
    main = page.locator("main").inner_text()
    assert main.index("Buurtkracht Woensel") < main.index("Zorggroep Regio Eindhoven")
    context.close()


def test_losing_bidder_sees_its_letter_and_the_public_sees_the_explanation(page, live_server, demo):
    login = demo["logins"]["bestuur@zorggroep.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    bod = demo["finalisten"]["Zorggroep Regio Eindhoven"]
    _visit(page, live_server.url, reverse("beoordeling:bod", args=[bod.pk]))
    main = page.locator("main").inner_text()
    assert "Buurtkracht Woensel" in main  # the winner's name, in the letter's summary
    assert page.locator("a[href*='/gunningsbrieven/']").count() == 1

    page.context.clear_cookies()
    _visit(page, live_server.url, demo["stratum"].get_absolute_url())
    main = page.locator("main").inner_text()
    assert "Buurtkracht Woensel" in main
    assert "hun buurtcoach ook de ouderen bereikt" in main
