"""Issue 14, point 1 (done when): an officer opens a draft for consultation, a resident without
an account reacts, an organisation registers for a session, the officer answers and publishes
the call, and the consultation report is in its PDF. No axe violations on any page visited."""

import re
from datetime import timedelta
from io import BytesIO

from django.utils import timezone
from pypdf import PdfReader

from aanbesteden.tests.factories import PASSWORD, TOTP_SECRET, MedewerkerFactory, UserFactory
from coalities.tests.factories import LidmaatschapFactory
from trajecten.models import Reactie
from trajecten.tests.factories import TrajectFactory, WijkFactory

from .axe import assert_no_axe_violations
from .helpers import form_with, log_in_with_password, submit, totp_code


def _local(dagen, uur):
    moment = timezone.localtime(timezone.now() + timedelta(days=dagen))
    return moment.replace(hour=uur, minute=0, second=0, microsecond=0)


def _klik(page, naam, *, rol="button"):
    with page.expect_navigation():
        page.get_by_role(rol, name=naam, exact=True).click()
    assert_no_axe_violations(page)


def test_a_draft_is_written_with_the_field_and_its_report_goes_with_the_call(
    page, live_server, mailoutbox
):
    medewerker = MedewerkerFactory(
        gemeente__naam="Helmond", gemeente__slug="helmond", user__email="beleid@helmond.nl"
    )
    gemeente = medewerker.gemeente
    traject = TrajectFactory(gemeente=gemeente, volledig=True, titel="Samen eten in Brandevoort")
    traject.wijken.add(WijkFactory(gemeente=gemeente, naam="Brandevoort"))
    lid = LidmaatschapFactory(
        organisatie__naam="Buurtkeuken Brandevoort", user=UserFactory(email="kok@buurtkeuken.nl")
    )

    # The officer opens the draft for consultation and plans a co-design session.
    log_in_with_password(page, live_server.url, "beleid@helmond.nl", PASSWORD)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(totp_code(TOTP_SECRET))
    submit(form)
    page.goto(f"{live_server.url}/trajecten/{traject.pk}/beheer/")
    _klik(page, "Consultatie van het concept", rol="link")
    page.locator("input[name=sluit_op]").fill(_local(14, 17).strftime("%Y-%m-%dT%H:%M"))
    page.locator("textarea[name=gevraagd]").fill("Is één perceel goed, of liever per buurt?")
    page.locator("input[name=marktconsultatie_kenmerk]").fill("TN-2026-77")
    _klik(page, "Openstellen voor consultatie")
    assert "Open voor reacties" in page.locator("main").inner_text()
    publiek = page.get_by_role("link", name="De openbare pagina van het concept").get_attribute(
        "href"
    )
    _klik(page, "Bijeenkomst plannen", rol="link")
    page.locator("input[name=titel]").fill("Ontwerpsessie: de kooktafel")
    page.locator("select[name=soort]").select_option("ontwerp")
    page.locator("input[name=begint_op]").fill(_local(7, 19).strftime("%Y-%m-%dT%H:%M"))
    page.locator("input[name=eindigt_op]").fill(_local(7, 21).strftime("%Y-%m-%dT%H:%M"))
    page.locator("input[name=locatie]").fill("Buurthuis De Brand, Helmond")
    submit(form_with(page, "input[name=titel]"))
    assert_no_axe_violations(page)
    sessie_url = page.url

    # A resident without an account reacts on the public page of the draft.
    bewoner = page.context.browser.new_context(locale="nl-NL")
    visitor = bewoner.new_page()
    visitor.goto(live_server.url + publiek)
    assert "Concept ter consultatie" in visitor.locator("main").inner_text()
    assert "Ontwerpsessie: de kooktafel" in visitor.locator("main").inner_text()
    assert_no_axe_violations(visitor)
    visitor.locator("select[name=sectie]").select_option("percelen")
    visitor.locator("textarea[name=tekst]").fill("Liever een perceel per buurt, voor kleine clubs.")
    visitor.locator("input[name=naam]").fill("Sanne Visser")
    visitor.locator("input[name=email]").fill("sanne@voorbeeld.nl")
    submit(form_with(visitor, "textarea[name=tekst]"))
    assert "Kijk in uw e-mail" in visitor.locator("main").inner_text()
    assert_no_axe_violations(visitor)
    (bericht,) = [m for m in mailoutbox if m.to == ["sanne@voorbeeld.nl"]]
    link = re.search(r"https?://\S+/bevestigen/", bericht.body).group(0)
    visitor.goto(live_server.url + "/" + link.split("/", 3)[3])
    assert_no_axe_violations(visitor)
    _klik(visitor, "Mijn reactie bevestigen")
    assert "Uw reactie is bevestigd." in visitor.locator("main").inner_text()
    bewoner.close()

    # An organisation's member registers for the session during the consultation.
    organisatie = page.context.browser.new_context(locale="nl-NL")
    kok = organisatie.new_page()
    log_in_with_password(kok, live_server.url, lid.user.email, PASSWORD)
    kok.goto(sessie_url)
    assert_no_axe_violations(kok)
    kok.locator("select[name=organisatie_sleutel]").select_option(label="Buurtkeuken Brandevoort")
    submit(form_with(kok, "select[name=organisatie_sleutel]"))
    assert "U bent aangemeld" in kok.locator("main").inner_text()
    assert_no_axe_violations(kok)
    organisatie.close()

    # The officer answers the reaction, makes the call and publishes it.
    reactie = Reactie.objects.get()
    page.goto(f"{live_server.url}/trajecten/{traject.pk}/beheer/consultatie/")
    assert_no_axe_violations(page)
    assert "sanne@voorbeeld.nl" not in page.content()
    p = reactie.pk
    page.locator(f"textarea[name='{p}-antwoord']").fill("We maken twee percelen.")
    page.locator(f"input[name='{p}-overgenomen'][value=deels]").check()
    page.locator(f"textarea[name='{p}-waarom']").fill("Drie buurten is te klein voor een tafel.")
    submit(form_with(page, f"textarea[name='{p}-antwoord']"))
    assert_no_axe_violations(page)
    reactie.refresh_from_db()
    assert reactie.overgenomen == "deels"
    page.goto(f"{live_server.url}/trajecten/{traject.pk}/beheer/")
    _klik(page, "Uitvraag maken (pdf)")
    page.goto(f"{live_server.url}/trajecten/{traject.pk}/beheer/")
    _klik(page, "Publiceren")
    traject.refresh_from_db()
    assert traject.is_gepubliceerd, page.locator("main").inner_text()
    assert "Verslag van de consultatie" in page.locator("main").inner_text()

    # Everyone reads the report on the trajectory's page and in the call's PDF, without the
    # resident's name or address.
    publiek_context = page.context.browser.new_context(locale="nl-NL")
    lezer = publiek_context.new_page()
    lezer.goto(live_server.url + traject.get_absolute_url())
    assert_no_axe_violations(lezer)
    main = lezer.locator("main").inner_text()
    assert "Verslag van de consultatie" in main
    assert "We maken twee percelen." in main and "Sanne" not in main
    href = lezer.locator("a[href*='/documenten/'][href$='/pdf/']").first.get_attribute("href")
    response = lezer.request.get(live_server.url + href)
    assert response.headers["content-type"] == "application/pdf"
    tekst = " ".join(p.extract_text() for p in PdfReader(BytesIO(response.body())).pages)
    tekst = " ".join(tekst.split())
    assert "Verslag van de consultatie" in tekst
    assert "Liever een perceel per buurt, voor kleine clubs." in tekst
    assert "We maken twee percelen." in tekst and "Deels overgenomen" in tekst
    assert "TN-2026-77" in tekst
    assert "Sanne" not in tekst and "sanne@voorbeeld.nl" not in tekst
    publiek_context.close()
