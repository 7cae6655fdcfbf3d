"""Issue 14, point 9: the medewerker opens the development fees of a trajectory, records the
payment of a fee whose elaborated plan is in (first with a date in the future: the error
summary), and the invited bidder reads on its bid page that the fee was paid. axe on every
page visited, the bidder's page on a phone."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from aanbesteden.tests.factories import PASSWORD, TOTP_SECRET, MedewerkerFactory, UserFactory
from beoordeling.constants import Ronde, VergoedingStatus
from beoordeling.models import Ontwikkelvergoeding
from beoordeling.tests.factories import BodFactory, KluisOpeningFactory
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory
from trajecten.models import Traject
from trajecten.tests.factories import TrajectFactory

from .axe import assert_no_axe_violations
from .helpers import form_with, log_in_with_password, submit, totp_code


def _nieuw(browser, viewport=None):
    context = browser.new_context(
        locale="nl-NL", viewport=viewport or {"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_the_medewerker_records_a_development_fee_and_the_bidder_sees_it(browser, live_server):
    traject = TrajectFactory(
        titel="Buurthuis Kruidenbuurt",
        volledig=True,
        gepubliceerd=True,
        ontwikkelvergoeding=Decimal("2500"),
    )
    perceel = traject.percelen.get()
    huiskamer = OrganisatieFactory(naam="Stichting Huiskamer")
    penvoerder = UserFactory(email="penvoerder@huiskamer.nl")
    LidmaatschapFactory(organisatie=huiskamer, user=penvoerder, beheerder=True)
    buurtwerk = OrganisatieFactory(naam="Buurtwerk Noord")
    uitgenodigd = []
    for organisatie in (huiskamer, buurtwerk):
        bod = BodFactory(perceel=perceel, organisatie=organisatie, ingediend=True)
        Ontwikkelvergoeding.objects.create(
            traject=traject,
            bod=bod,
            organisatie=organisatie,
            bedrag=Decimal("2500"),
            toegekend_op=timezone.now() - timedelta(days=40),
        )
        uitgenodigd.append(bod)
    Traject.objects.filter(pk=traject.pk).update(
        inschrijving_sluit=timezone.now() - timedelta(days=50),
        uitwerking_sluit=timezone.now() - timedelta(days=1),
    )
    for bod in uitgenodigd:
        bod.selectie_verstuurd_op = timezone.now() - timedelta(days=40)
        bod.uitgenodigd_voor_uitwerking = True
        bod.terugkoppeling = "Werk het plan uit."
        bod.save()
    # Only the Huiskamer submitted its elaborated plan; the vault of the plans is opened.
    BodFactory(perceel=perceel, organisatie=huiskamer, ronde=Ronde.UITWERKING, ingediend=True)
    KluisOpeningFactory(traject=traject, geopend=True)
    KluisOpeningFactory(traject=traject, ronde=Ronde.UITWERKING, geopend=True)
    medewerker = MedewerkerFactory(gemeente=traject.gemeente).user

    context, page = _nieuw(browser)
    log_in_with_password(page, live_server.url, medewerker.email, PASSWORD)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(totp_code(TOTP_SECRET))
    submit(form)
    page.goto(f"{live_server.url}/trajecten/{traject.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Ontwikkelvergoedingen").click()
    main = page.locator("main").inner_text()
    assert "Te betalen: het uitgewerkte plan is binnen" in main
    assert "Geen vergoeding: er is geen uitgewerkt plan ingediend" in main
    assert_no_axe_violations(page)

    fee = Ontwikkelvergoeding.objects.get(organisatie=huiskamer)
    veld = page.locator(f"input[name=v{fee.pk}-betaald_op]")
    veld.fill((timezone.localdate() + timedelta(days=3)).isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Betaling vastleggen").click()
    assert page.locator("#foutoverzicht").count() == 1
    assert_no_axe_violations(page)
    page.locator(f"input[name=v{fee.pk}-betaald_op]").fill(timezone.localdate().isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Betaling vastleggen").click()
    fee.refresh_from_db()
    assert fee.status == VergoedingStatus.BETAALD, page.locator("main").inner_text()
    assert page.locator("[data-testid=totaal-betaald]").inner_text() == "€ 2.500,00"
    assert_no_axe_violations(page)
    context.close()

    context, page = _nieuw(browser, {"width": 390, "height": 844})
    log_in_with_password(page, live_server.url, penvoerder.email, PASSWORD)
    page.goto(f"{live_server.url}/beoordeling/biedingen/{uitgenodigd[0].pk}/")
    vergoeding = page.locator("[data-testid=vergoeding]")
    assert vergoeding.get_attribute("data-status") == "betaald"
    assert "€ 2.500,00" in vergoeding.inner_text()
    assert_no_axe_violations(page)
    context.close()
