"""Issue 6, item 7: an officer plans a conversation with a bidder; a resident committee
member adds a note on a phone-width window; the bidder sees the planned conversation on
its bid page, never the notes. axe on every page visited."""

from datetime import timedelta

from django.utils import formats, timezone

from aanbesteden.tests.factories import (
    PASSWORD,
    TOTP_SECRET,
    GemeenteFactory,
    MedewerkerFactory,
)
from beoordeling.models import Bodgesprek, Gespreksnotitie
from beoordeling.tests.factories_gesprekken import maak_wereld

from .axe import assert_no_axe_violations
from .helpers import form_with, log_in_with_password, submit, totp_code

NOTITIE = "Zij kennen de jongeren in de buurt bij naam."
ONDERWERP = "Hoe houdt u de huiskamer open in de zomer?"


def _visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    assert_no_axe_violations(page)


def test_medewerker_plans_a_resident_notes_the_bidder_sees_it(browser, live_server):
    gemeente = GemeenteFactory(naam="Eindhoven", slug="eindhoven")
    medewerker = MedewerkerFactory(gemeente=gemeente).user
    w = maak_wereld(gemeente, medewerker)
    base = live_server.url
    lijst = f"{base}/beoordeling/trajecten/{w.traject.pk}/gesprekken/"
    moment = timezone.localtime(timezone.now() + timedelta(days=3)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )

    # The officer plans the conversation from the list.
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in_with_password(page, base, medewerker.email, PASSWORD)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(totp_code(TOTP_SECRET))
    submit(form)
    _visit(page, lijst)
    form = form_with(page, "select[name=plannen-bod]")
    form.locator("select[name=plannen-bod]").select_option(str(w.bod.pk))
    form.locator("input[name=plannen-gepland_op]").fill(moment.strftime("%Y-%m-%dT%H:%M"))
    form.locator("input[name=plannen-locatie]").fill("Buurthuis De Boomgaard, zaal 2")
    form.locator("textarea[name=plannen-toelichting]").fill(ONDERWERP)
    submit(form)
    gesprek = Bodgesprek.objects.get(bod=w.bod)
    assert gesprek.gepland_op == moment
    assert page.url.endswith(f"/beoordeling/gesprekken/{gesprek.pk}/"), page.url
    assert ONDERWERP in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    _visit(page, lijst)
    assert page.locator(f"li[data-bod='{w.bod.pk}'][data-staat='gepland']").count() == 1
    context.close()

    # A resident of the committee adds a note on a phone.
    assert w.lid.is_bewoner
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in_with_password(page, base, w.lid.user.email, PASSWORD)
    _visit(page, lijst)
    with page.expect_navigation():
        page.locator(f"li[data-bod='{w.bod.pk}'] a[href$='/gesprekken/{gesprek.pk}/']").click()
    assert_no_axe_violations(page)
    assert ONDERWERP in page.locator("main").inner_text()
    form = form_with(page, "textarea[name=notitie-tekst]")
    form.locator("textarea[name=notitie-tekst]").fill(NOTITIE)
    submit(form)
    notitie = Gespreksnotitie.objects.get(gesprek=gesprek)
    assert notitie.auteur == w.lid.user and notitie.tekst == NOTITIE
    assert NOTITIE in page.locator(f"#n{notitie.pk}").inner_text()
    assert_no_axe_violations(page)
    _visit(page, f"{base}/beoordeling/gesprekken/notities/{notitie.pk}/")
    _visit(page, lijst)
    assert page.locator(f"li[data-bod='{w.bod.pk}'][data-notities='1']").count() == 1
    context.close()

    # The bidder sees the planned conversation on its bid page, not the note.
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in_with_password(page, base, w.bieder.email, PASSWORD)
    _visit(page, f"{base}/beoordeling/biedingen/{w.bod.pk}/")
    sectie = page.locator("#gesprek").inner_text()
    assert ONDERWERP in sectie and "Buurthuis De Boomgaard, zaal 2" in sectie

    assert formats.date_format(moment, "j F Y, H:i") in sectie
    assert NOTITIE not in page.content()
    # And the conversation's own page is not there for the bidder.
    response = page.goto(f"{base}/beoordeling/gesprekken/{gesprek.pk}/")
    assert response.status == 404
    context.close()


VERSLAG = "U lichtte toe dat de huiskamer in de zomer open blijft met vrijwilligers."


def test_after_the_conversation_the_medewerker_sends_the_record_the_bidder_reads_it(
    browser, live_server
):
    """Issue 13, rule 11: the list shows per lot who had their conversation; the officer
    records what was clarified; the bidder reads it on its bid page (not the notes)."""
    gemeente = GemeenteFactory(naam="Eindhoven", slug="eindhoven")
    medewerker = MedewerkerFactory(gemeente=gemeente).user
    w = maak_wereld(gemeente, medewerker)
    gesprek = Bodgesprek.objects.create(
        bod=w.bod,
        gepland_op=timezone.now() - timedelta(hours=2),
        locatie="Buurthuis De Boomgaard, zaal 2",
        gepland_door=medewerker,
    )
    Gespreksnotitie.objects.create(gesprek=gesprek, auteur=w.lid.user, tekst=NOTITIE)
    base = live_server.url
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in_with_password(page, base, medewerker.email, PASSWORD)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(totp_code(TOTP_SECRET))
    submit(form)
    _visit(page, f"{base}/beoordeling/gesprekken/{gesprek.pk}/")
    form = form_with(page, "textarea[name=verslag-verslag]")
    form.locator("textarea[name=verslag-verslag]").fill(VERSLAG)
    submit(form)
    assert VERSLAG in page.locator("#verslag").inner_text()
    assert_no_axe_violations(page)
    _visit(page, f"{base}/beoordeling/trajecten/{w.traject.pk}/gesprekken/")
    rij = page.locator(f"#per-perceel tr[data-perceel='{w.perceel.pk}']").inner_text()
    assert "Stichting Buurtkracht" in rij
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()

    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in_with_password(page, base, w.bieder.email, PASSWORD)
    _visit(page, f"{base}/beoordeling/biedingen/{w.bod.pk}/")
    assert VERSLAG in page.locator("#verslag").inner_text()
    assert NOTITIE not in page.content()
    context.close()
