"""The consensus meeting through the real pages: an officer plans it, the chair (on a
phone) records the consensus of a bid, who attended, and confirms it; a member's
confirmation closes it (issue 13, rule 6). axe on every page at 1280 and 390 px."""

from datetime import timedelta

from django.utils import timezone

from aanbesteden.tests.factories import PASSWORD, TOTP_SECRET, MedewerkerFactory
from beoordeling.models import ConsensusOverleg, ConsensusScore
from beoordeling.services import commissie as cs
from beoordeling.tests.factories import (
    BodFactory,
    CommissielidFactory,
    KluisOpeningFactory,
    alles_verklaard,
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


def test_medewerker_plans_and_the_chair_records_and_the_committee_confirms_on_a_phone(
    browser, live_server
):
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
    alles_verklaard(medewerker, traject)  # issue 13, rule 5: the officer declares too
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
    # A weighted award: no "not applicable" for one bid (issue 13, rule 7).
    assert page.locator(f"input[name=c{draagvlak.pk}-waarde][value='nvt']").count() == 0
    page.locator(f"input[name=c{draagvlak.pk}-waarde][value='3']").check()
    page.locator(f"textarea[name=c{draagvlak.pk}-motivatie]").fill("Redelijk draagvlak.")
    page.locator("textarea[name=oordeel-oordeel]").fill("Een sterk plan, dichtbij de buurt.")
    with page.expect_navigation():
        page.locator("main form.ma-commissie-form button[type=submit]").click()
    assert ConsensusScore.objects.count() == 2, page.locator("main").inner_text()
    main = page.locator("main").inner_text()
    assert "Samen eens: een zeven." in main
    # 7 on 1..10 (weight 60) and 3 on 0..5 (weight 40): 60 x 6/9 + 40 x 3/5 = 64.0
    assert "Totaal: 64 van 100 punten" in main
    _axe_breed_en_smal(page)
    page.locator("main a[href$='/consensus/hoofdlijnen/']").first.click()
    # Who attended, then the chair's confirmation.
    for naam in ("Rita Voorzitter", "Henk Bewoner"):
        page.get_by_label(naam).check()
    with page.expect_navigation():
        page.locator("main form[action$='/aanwezigheid/'] button[type=submit]").click()
    _axe_breed_en_smal(page)
    with page.expect_navigation():
        page.locator("main form[action$='/bevestigen/'] button[type=submit]").click()
    assert ConsensusOverleg.objects.get().vastgesteld_op is None  # 1 of the 2 needed
    _axe_breed_en_smal(page)
    context.close()

    # The member confirms too: now the chair and a majority have, and it is closed.
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in_with_password(page, live_server.url, lid.user.email, PASSWORD)
    page.goto(f"{live_server.url}/beoordeling/trajecten/{traject.pk}/consensus/")
    _axe_breed_en_smal(page)
    with page.expect_navigation():
        page.locator("main form[action$='/bevestigen/'] button[type=submit]").click()
    assert ConsensusOverleg.objects.get().vastgesteld_op is not None
    main = page.locator("main").inner_text()
    assert "vastgesteld" in main
    assert page.locator("main form[action$='/bevestigen/']").count() == 0
    _axe_breed_en_smal(page)
    context.close()
