"""Issue 6, the award: an officer records and sends the award through the real pages; the
committee's chair writes the explanation to the neighbourhood on a phone; the losing
bidder opens its letter from its bid page; the public trajectory page shows the award with
the explanation. axe on every page visited."""

from io import BytesIO

from pypdf import PdfReader

from aanbesteden.tests.factories import PASSWORD, TOTP_SECRET, MedewerkerFactory, UserFactory
from beoordeling.models import Gunning, Gunningsbrief
from beoordeling.tests.factories import BodFactory, CommissielidFactory, KluisOpeningFactory
from beoordeling.tests.factories_gesprekken import ConsensusOverlegFactory
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory
from trajecten.constants import Vorm
from trajecten.tests.factories import TrajectFactory

from .axe import assert_no_axe_violations
from .helpers import form_with, log_in_with_password, submit, totp_code

MOTIVATIE = "Buurtkracht laat bewoners zelf de huiskamer runnen; dat past het best bij de vraag."
KENMERKEN = "Vijf dagen per week open, met vrijwilligers uit de buurt."
TOELICHTING = "De commissie koos Buurtkracht omdat bewoners zelf meedoen."


def _visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    assert_no_axe_violations(page)


def _post(page, form):
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator(".utrecht-form-field-error-message").count() == 0, page.locator(
        "main"
    ).inner_text()
    assert_no_axe_violations(page)


def test_award_from_decision_to_letter_and_public_page(browser, page, live_server):
    traject = TrajectFactory(
        titel="Huiskamer Woensel",
        volledig=True,
        gepubliceerd=True,
        vorm=Vorm.AANBESTEDING,
        uitwerking_sluit=None,  # one stage: the outline is the final stage
    )
    perceel = traject.percelen.get()
    winnaar = BodFactory(
        perceel=perceel, organisatie=OrganisatieFactory(naam="Buurtkracht Woensel"), ingediend=True
    )
    verliezer = BodFactory(
        perceel=perceel, organisatie=OrganisatieFactory(naam="Stichting Samen"), ingediend=True
    )
    bieder = UserFactory(email="bieder@samen.nl")
    LidmaatschapFactory(organisatie=verliezer.organisatie, user=bieder)
    KluisOpeningFactory(traject=traject, geopend=True)
    medewerker = MedewerkerFactory(gemeente=traject.gemeente).user
    # No award before the committee's consensus is closed (issue 13, rule 9).
    ConsensusOverlegFactory(traject=traject, aangemaakt_door=medewerker, vastgesteld=True)
    voorzitter = CommissielidFactory(
        traject=traject, is_voorzitter=True, user=UserFactory(email="voorzitter@buurt.nl")
    ).user

    # The officer records the decision and sends it.
    log_in_with_password(page, live_server.url, medewerker.email, PASSWORD)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(totp_code(TOTP_SECRET))
    submit(form)
    _visit(page, f"{live_server.url}/beoordeling/trajecten/{traject.pk}/gunning/")
    prefix = f"besluit-{perceel.pk}"
    besluit = page.locator("form").filter(has=page.locator(f"textarea[name={prefix}-motivatie]"))
    besluit.locator(f"input[name={prefix}-winnend_bod][value='{winnaar.pk}']").check()
    besluit.locator(f"textarea[name={prefix}-motivatie]").fill(MOTIVATIE)
    besluit.locator(f"textarea[name={prefix}-kenmerken]").fill(KENMERKEN)
    _post(page, besluit)
    gunning = Gunning.objects.get(perceel=perceel)
    assert gunning.winnend_bod == winnaar
    versturen = page.locator("form[action$='/versturen/']")
    _post(page, versturen)
    gunning.refresh_from_db()
    assert gunning.verstuurd_op is not None
    assert Gunningsbrief.objects.filter(gunning=gunning).count() == 2
    assert page.locator("[data-status=standstill]").count() == 1
    assert gunning.standstill_tot.strftime("%Y") in page.locator("main").inner_text()

    # The chair writes the explanation to the neighbourhood, on a phone.
    telefoon = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    chair = telefoon.new_page()
    chair.set_default_timeout(15_000)
    log_in_with_password(chair, live_server.url, voorzitter.email, PASSWORD)
    _visit(chair, f"{live_server.url}/beoordeling/trajecten/{traject.pk}/gunning/toelichting/")
    toelichting = chair.locator("form").filter(
        has=chair.locator(f"textarea[name=toelichting-{gunning.pk}-tekst]")
    )
    toelichting.locator("textarea").fill(TOELICHTING)
    _post(chair, toelichting)
    telefoon.close()
    gunning.refresh_from_db()
    assert gunning.toelichting_buurt == TOELICHTING

    # The losing bidder opens its letter from its bid page.
    bieder_context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    bp = bieder_context.new_page()
    bp.set_default_timeout(15_000)
    log_in_with_password(bp, live_server.url, bieder.email, PASSWORD)
    _visit(bp, f"{live_server.url}/beoordeling/biedingen/{verliezer.pk}/")
    sectie = bp.locator("#gunningsbrief")
    assert "Buurtkracht Woensel" in sectie.inner_text()
    link = sectie.locator("a[href*='/gunningsbrieven/']")
    response = bp.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    tekst = " ".join(p.extract_text() for p in PdfReader(BytesIO(response.body())).pages)
    tekst = " ".join(tekst.split())
    assert "Stichting Samen" in tekst
    assert "Buurtkracht Woensel" in tekst
    assert MOTIVATIE in tekst and KENMERKEN in tekst
    eigen = Gunningsbrief.objects.get(bod=verliezer)
    andere = Gunningsbrief.objects.get(bod=winnaar)
    assert link.get_attribute("href").endswith(f"/gunningsbrieven/{eigen.pk}/")
    assert (
        bp.request.get(f"{live_server.url}/beoordeling/gunningsbrieven/{andere.pk}/").status == 404
    )
    bieder_context.close()

    # The public page shows the award and the explanation.
    publiek = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    pp = publiek.new_page()
    pp.set_default_timeout(15_000)
    _visit(pp, live_server.url + traject.get_absolute_url())
    sectie = pp.locator(f"[data-gunning='{gunning.pk}']")
    assert TOELICHTING in sectie.inner_text()
    assert "Buurtkracht Woensel" in sectie.inner_text()
    assert MOTIVATIE not in pp.locator("main").inner_text()
    publiek.close()
