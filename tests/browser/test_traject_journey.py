"""Issue 4's journey: an officer from an empty dashboard to a published trajectory with two
lots; a visitor finds it on the portal by filter and downloads the uitvraag."""

from datetime import timedelta
from io import BytesIO

from django.utils import formats, timezone
from pypdf import PdfReader

from aanbesteden.tests.factories import PASSWORD, TOTP_SECRET, MedewerkerFactory
from trajecten.models import Traject

from .axe import assert_no_axe_violations
from .helpers import form_with, log_in_with_password, submit, totp_code


def _local(dagen, uur):
    moment = timezone.localtime(timezone.now() + timedelta(days=dagen))
    return moment.replace(hour=uur, minute=0, second=0, microsecond=0)


def _save(page, *, volgende=True):
    knop = "Opslaan en naar het volgende onderdeel" if volgende else "Opslaan"
    with page.expect_navigation():
        page.get_by_role("button", name=knop, exact=True).click()
    assert page.locator(".utrecht-form-field-error-message").count() == 0, page.locator(
        "main"
    ).inner_text()


def test_medewerker_publishes_a_trajectory_and_a_visitor_downloads_the_call(page, live_server):
    medewerker = MedewerkerFactory(
        gemeente__naam="Helmond", gemeente__slug="helmond", user__email="beleid@helmond.nl"
    )
    log_in_with_password(page, live_server.url, "beleid@helmond.nl", PASSWORD)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(totp_code(TOTP_SECRET))
    submit(form)

    # An empty dashboard: no trajectories yet, one way to start.
    assert page.locator("section.ma-panel[data-rol=beleidsmedewerker]").count() >= 1
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Nieuw traject").click()
    assert_no_axe_violations(page)
    page.locator("input[name=titel]").fill("Ontmoeten in Helmond-Noord")
    with page.expect_navigation():
        page.get_by_role("button", name="Concept maken").click()
    traject = Traject.objects.get(titel="Ontmoeten in Helmond-Noord")
    assert traject.gemeente == medewerker.gemeente
    assert_no_axe_violations(page)  # the officer's page of the trajectory

    base = f"{live_server.url}/trajecten/{traject.pk}/beheer"
    page.goto(f"{base}/opgave/")
    assert_no_axe_violations(page)
    page.locator("textarea[name=opgave]").fill(
        "Hoe vinden bewoners van Helmond-Noord elkaar, dichtbij huis?"
    )
    page.locator("textarea[name=wensbeeld]").fill("Iedereen heeft een plek om anderen te zien.")
    page.locator("input[name=nieuwe_wijken]").fill("Brandevoort, Rijpelberg")
    page.locator("select[name=domein]").select_option("sociaal")
    _save(page)

    assert "/kaders/" in page.url
    assert_no_axe_violations(page)
    page.locator("input[name=budget]").fill("180000")
    page.locator("textarea[name=beleidskaders]").fill("Koers Sociaal Domein Helmond.")
    _save(page)

    assert "/vorm/" in page.url
    assert_no_axe_violations(page)
    page.locator("input[name=vorm][value=aanbesteding]").check()
    page.locator("input[name=procedure][value=nationaal]").check()
    page.locator("input[name=contractvorm][value=relationeel]").check()
    page.locator("input[name=bekostiging][value=resultaat]").check()
    page.locator("input[name=contractduur_maanden]").fill("48")
    _save(page)

    assert "/percelen/" in page.url
    assert_no_axe_violations(page)
    for index, (naam, budget) in enumerate([("Brandevoort", "90000"), ("Rijpelberg", "90000")]):
        page.locator(f"input[name=percelen-{index}-nummer]").fill(str(index + 1))
        page.locator(f"input[name=percelen-{index}-naam]").fill(f"Perceel {naam}")
        page.locator(f"input[name=percelen-{index}-budget]").fill(budget)
    _save(page)

    assert "/planning/" in page.url
    assert_no_axe_violations(page)
    momenten = {
        "vragen_sluit": _local(10, 12),
        "inschrijving_sluit": _local(30, 12),
        "uitwerking_sluit": _local(60, 12),
        "beoordeling_op": _local(70, 10),
        "gunning_op": _local(80, 10),
        "start_op": _local(120, 9),
    }
    for veld, moment in momenten.items():
        page.locator(f"input[name={veld}]").fill(moment.strftime("%Y-%m-%dT%H:%M"))
    _save(page)

    assert "/gunning/" in page.url
    assert_no_axe_violations(page)
    page.locator("input[name=gunningswijze][value=kwaliteit]").check()
    page.locator("input[name=criteria-0-naam]").fill("Maatschappelijke waarde")
    _save(page, volgende=False)

    # Issue 14, point 2: the role of residents in the choice.
    page.goto(f"{base}/bewoners/")
    assert_no_axe_violations(page)
    page.locator("textarea[name=commissie_samenstelling]").fill(
        "Vier bewoners van Brandevoort en Rijpelberg, geloot uit wie zich meldde."
    )
    page.locator("input[name=commissie_mandaat][value=beslist]").check()
    _save(page, volgende=False)

    # Everything filled in: make the call, then publish it.
    page.goto(f"{base}/")
    assert page.get_by_text("Dit ontbreekt nog").count() == 0, page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Uitvraag maken (pdf)").click()
    assert_no_axe_violations(page)
    page.goto(f"{base}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Publiceren", exact=True).click()
    traject.refresh_from_db()
    assert traject.is_gepubliceerd, page.locator("main").inner_text()
    assert page.url == live_server.url + traject.get_absolute_url()
    assert_no_axe_violations(page)

    # A visitor, not logged in, finds it on the portal by filter.
    bezoeker = page.context.browser.new_context(locale="nl-NL")
    visitor = bezoeker.new_page()
    visitor.goto(live_server.url + "/trajecten/")
    assert_no_axe_violations(visitor)
    visitor.locator("select[name=gemeente]").select_option(label="Helmond")
    visitor.get_by_label("Alleen open voor inschrijving").check()
    with visitor.expect_navigation():
        visitor.get_by_role("button", name="Toon trajecten").click()
    assert "1 traject gevonden" in visitor.locator("main").inner_text()
    assert_no_axe_violations(visitor)
    visitor.get_by_role("link", name="Ontmoeten in Helmond-Noord").click()
    assert visitor.locator("h1").inner_text() == "Ontmoeten in Helmond-Noord"
    assert_no_axe_violations(visitor)

    link = visitor.locator("a[href*='/documenten/'][href$='/pdf/']").first
    response = visitor.request.get(live_server.url + link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    tekst = " ".join(p.extract_text() for p in PdfReader(BytesIO(response.body())).pages)
    tekst = " ".join(tekst.split())
    assert "Hoe vinden bewoners van Helmond-Noord elkaar, dichtbij huis?" in tekst
    assert "Vier bewoners van Brandevoort en Rijpelberg, geloot uit wie zich meldde." in tekst
    assert "Perceel Brandevoort" in tekst and "Perceel Rijpelberg" in tekst
    for moment in (momenten["vragen_sluit"], momenten["inschrijving_sluit"]):
        assert formats.date_format(moment, "j F Y") in tekst, moment
        assert "12:00" in tekst
    bezoeker.close()
