"""The consensus meeting through the real pages: an officer plans it, the chair (on a
phone) records the consensus of a bid and closes it. axe on every page at 1280 and 390 px."""

from datetime import timedelta

from django.utils import timezone

from aanbesteden.tests.factories import PASSWORD, TOTP_SECRET, MedewerkerFactory
from beoordeling.models import ConsensusOverleg, ConsensusScore
from beoordeling.services import commissie as cs
from beoordeling.tests.factories import (
    BodFactory,
    CommissielidFactory,
    KluisOpeningFactory,
    verklaren,
)
from trajecten.constants import Gunningswijze
from trajecten.tests.factories import CriteriumFactory, TrajectFactory

from .axe import assert_no_axe_violations
from .helpers import form_with, log_in_with_password, submit, totp_code


def _axe_breed_en_smal(page):
    for breedte, hoogte in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": breedte, "height": hoogte})
        assert_no_axe_violations(page)


def test_medewerker_plans_and_the_chair_records_and_closes_on_a_phone(browser, live_server):
    traject = TrajectFactory(
        titel="Buurthuis Kruidenbuurt",
        volledig=True,
        gepubliceerd=True,
        criterium=None,
        gunningswijze=Gunningswijze.GEWOGEN_ZONDER_PRIJS,
    )
    criteria = [
        CriteriumFactory(traject=traject, naam="Maatschappelijke waarde", weging=60),
        CriteriumFactory(traject=traject, naam="Draagvlak", schaal_min=0, schaal_max=5, weging=40),
    ]
    bod = BodFactory(perceel=traject.percelen.get(), ingediend=True)
    medewerker = MedewerkerFactory(gemeente=traject.gemeente).user
    KluisOpeningFactory(traject=traject, geopend=True)
    voorzitter = CommissielidFactory(traject=traject, user__naam="Rita Voorzitter")
    lid = CommissielidFactory(traject=traject, user__naam="Henk Bewoner")
    cs.voorzitter_instellen(actor=medewerker, lid=voorzitter)
    for x, waarden in ((voorzitter, (8, 4)), (lid, (6, 2))):
        verklaren(actor=x.user, bod=bod, conflict=False)
        for criterium, waarde in zip(criteria, waarden, strict=True):
            cs.score_opslaan(
                actor=x.user,
                bod=bod,
                criterium=criterium,
                waarde=waarde,
                motivatie=f"{x.user.naam}: {waarde}",
            )
        cs.beoordeling_indienen(actor=x.user, bod=bod)

    # The officer plans the meeting.
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in_with_password(page, live_server.url, medewerker.email, PASSWORD)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(totp_code(TOTP_SECRET))
    submit(form)
    page.goto(f"{live_server.url}/beoordeling/trajecten/{traject.pk}/consensus/")
    _axe_breed_en_smal(page)
    page.locator("main a[href$='/consensus/hoofdlijnen/plannen/']").click()
    _axe_breed_en_smal(page)
    moment = timezone.localtime(timezone.now() + timedelta(days=7)).replace(
        hour=19, minute=30, second=0, microsecond=0
    )
    page.locator("input[name=gepland_op]").fill(moment.strftime("%Y-%m-%dT%H:%M"))
    page.locator("input[name=locatie]").fill("Wijkcentrum De Boomgaard")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert ConsensusOverleg.objects.get().gepland_op == moment
    main = page.locator("main").inner_text()
    assert "Wijkcentrum De Boomgaard" in main and "19:30" in main
    assert "Rita Voorzitter: 8" in main and "Henk Bewoner: 6" in main
    _axe_breed_en_smal(page)
    context.close()

    # The chair, on a phone, records the consensus of the bid and closes it.
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in_with_password(page, live_server.url, voorzitter.user.email, PASSWORD)
    page.goto(f"{live_server.url}/beoordeling/trajecten/{traject.pk}/consensus/")
    _axe_breed_en_smal(page)
    # The side-by-side table scrolls in its own region, which the keyboard can reach.
    regio = page.locator("[role=region][tabindex='0']").first
    assert regio.get_attribute("aria-labelledby")
    page.locator(f"a[href$='/consensus/bod/{bod.pk}/']").click()
    _axe_breed_en_smal(page)
    waarde, draagvlak = criteria
    page.locator(f"input[name=c{waarde.pk}-waarde][value='7']").check()
    page.locator(f"textarea[name=c{waarde.pk}-motivatie]").fill("Samen eens: een zeven.")
    page.locator(f"input[name=c{draagvlak.pk}-waarde][value='nvt']").check()
    page.locator(f"textarea[name=c{draagvlak.pk}-motivatie]").fill("Past niet bij dit plan.")
    page.locator("textarea[name=oordeel-oordeel]").fill("Een sterk plan, dichtbij de buurt.")
    with page.expect_navigation():
        page.locator("main form.ma-commissie-form button[type=submit]").click()
    assert ConsensusScore.objects.count() == 2, page.locator("main").inner_text()
    main = page.locator("main").inner_text()
    assert "Samen eens: een zeven." in main
    # 7 on 1..10 with "not applicable" for the other: 6/9 of the full weight = 66.7
    assert "66,7" in main
    _axe_breed_en_smal(page)
    page.locator("main a[href$='/consensus/hoofdlijnen/']").first.click()
    with page.expect_navigation():
        page.locator("main form[action$='/vaststellen/'] button[type=submit]").click()
    assert ConsensusOverleg.objects.get().vastgesteld_door == voorzitter.user
    main = page.locator("main").inner_text()
    assert "vastgesteld" in main
    assert page.locator("main form[action$='/vaststellen/']").count() == 0
    _axe_breed_en_smal(page)
    context.close()
