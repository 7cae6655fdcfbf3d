"""Issue 14, burgeraanbesteding: a representative asks a quote, records its amount and
chooses it on their page (a phone-width window too); the public page shows the choice and
what is left. axe on every page visited."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from aanbesteden.tests.factories import PASSWORD, GemeenteFactory, UserFactory
from beoordeling.models import Opdracht, Verplichting
from beoordeling.tests.factories_buurtbudget import buurt_traject, vertegenwoordiger

from .axe import assert_no_axe_violations
from .helpers import assert_no_sideways_scroll, form_with, log_in_with_password, submit


def _visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    assert_no_axe_violations(page)


def test_a_representative_chooses_a_quote_and_the_public_sees_it(browser, live_server):
    gemeente = GemeenteFactory(naam="Emmen", slug="emmen")
    traject, perceel = buurt_traject(gemeente, budget=Decimal("20000"))
    anna = vertegenwoordiger(perceel, UserFactory(naam="Anna Aalders", email="anna@dorp.nl"))
    opdracht = Opdracht.objects.create(
        perceel=perceel,
        omschrijving="Bloembakken bij de bushalte",
        geraamd_bedrag=Decimal("900"),
        aangemaakt_door=anna,
    )
    base = live_server.url
    eigen = f"{base}/beoordeling/buurtbudget/percelen/{perceel.pk}/"

    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in_with_password(page, base, anna.email, PASSWORD)
    _visit(page, eigen)
    assert_no_sideways_scroll(page, 390, "the representatives' page")

    # A quote asked ...
    form = form_with(page, f"input[name=o{opdracht.pk}-vragen-leverancier]")
    form.locator(f"input[name=o{opdracht.pk}-vragen-leverancier]").fill("Groen BV")
    gevraagd = timezone.localdate() - timedelta(days=3)
    form.locator(f"input[name=o{opdracht.pk}-vragen-gevraagd_op]").fill(gevraagd.isoformat())
    submit(form)
    assert_no_axe_violations(page)
    offerte = opdracht.offertes.get()
    # ... its amount when it arrived ...
    form = form_with(page, f"input[name=q{offerte.pk}-bedrag]")
    form.locator(f"input[name=q{offerte.pk}-bedrag]").fill("850")
    submit(form)
    # ... a choice without a reason shows the error summary ...
    form = form_with(page, f"select[name=o{opdracht.pk}-kiezen-offerte]")
    form.locator(f"select[name=o{opdracht.pk}-kiezen-offerte]").select_option(str(offerte.pk))
    submit(form)
    assert page.locator("#foutmelding").is_visible()
    assert_no_axe_violations(page)
    # ... and with the reason it is committed.
    form = form_with(page, f"select[name=o{opdracht.pk}-kiezen-offerte]")
    form.locator(f"select[name=o{opdracht.pk}-kiezen-offerte]").select_option(str(offerte.pk))
    form.locator(f"textarea[name=o{opdracht.pk}-kiezen-reden]").fill("Uit het dorp zelf.")
    submit(form)
    assert Verplichting.objects.get().bedrag == Decimal("850")
    assert "19.150,00" in page.locator("#stand").inner_text()
    assert_no_axe_violations(page)
    context.close()

    # Anyone reads the public page.
    anoniem = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = anoniem.new_page()
    _visit(page, f"{base}/beoordeling/trajecten/{traject.pk}/buurtbudget/")
    tekst = page.locator("main").inner_text()
    assert "Groen BV" in tekst and "Uit het dorp zelf." in tekst and "19.150,00" in tekst
    _visit(page, f"{base}/trajecten/{traject.pk}/")
    anoniem.close()
