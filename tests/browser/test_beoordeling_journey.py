"""Issue 6's journeys: a bid from draft to its submitted receipt; a resident from the
invitation e-mail through the declaration to a submitted score, on a phone too.
axe on every page visited."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import formats, timezone
from pypdf import PdfReader

from aanbesteden.tests.factories import PASSWORD, TOTP_SECRET, MedewerkerFactory, UserFactory
from beoordeling.models import Beoordeling, Bod
from beoordeling.tests.factories import BodFactory, KluisOpeningFactory
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory
from trajecten.tests.factories import CriteriumFactory, SchetsvraagFactory, TrajectFactory

from .axe import assert_no_axe_violations
from .helpers import form_with, log_in_with_password, submit, totp_code


def _save_step(page):
    with page.expect_navigation():
        page.locator(
            "button[name=na][value=volgende], button[name=na][value=overzicht]"
        ).first.click()
    assert page.locator(".utrecht-form-field-error-message").count() == 0, page.locator(
        "main"
    ).inner_text()


def test_a_bid_from_draft_to_its_receipt(page, live_server):
    traject = TrajectFactory(titel="Huiskamer Stratum", volledig=True, gepubliceerd=True)
    # Issue 14, point 4: the outline asks the call's own question.
    SchetsvraagFactory(traject=traject, vraag="Wie kent u al in de wijk?")
    organisatie = OrganisatieFactory(naam="Stichting Huiskamer")
    user = UserFactory(email="penvoerder@huiskamer.nl")
    LidmaatschapFactory(organisatie=organisatie, user=user, beheerder=True)

    log_in_with_password(page, live_server.url, user.email, PASSWORD)
    page.goto(live_server.url + traject.get_absolute_url())
    page.get_by_role("link", name="Een bod doen").click()
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()
    bod = Bod.objects.get(organisatie=organisatie)
    teksten = {
        "plan": "Een huiskamer die vijf dagen per week open is.",
        "vragen": "De school en de buurtvereniging.",
    }
    # Issue 14, point 4: the outline asks the plan in headlines, who does it, a rough
    # budget and the call's own questions; the rest comes in the elaborated plan.
    for stap in ("plan", "wie", "globale_begroting", "vragen"):
        page.goto(f"{live_server.url}/beoordeling/biedingen/{bod.pk}/stap/{stap}/")
        assert_no_axe_violations(page)
        if stap in teksten:
            page.locator("textarea").first.fill(teksten[stap])
        elif stap == "wie":
            page.locator("textarea").first.fill("Wij doen alles zelf, met vrijwilligers.")
        elif stap == "globale_begroting":
            page.locator("input[name=totaal]").fill("40.000")
        _save_step(page)

    page.goto(f"{live_server.url}/beoordeling/biedingen/{bod.pk}/")
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Dien het bod in").click()
    bod.refresh_from_db()
    assert bod.status == "ingediend", page.locator("main").inner_text()
    versie = bod.versies.get()
    assert versie.sha256 in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    link = page.locator("a[href*='ontvangstbewijs']").first
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    tekst = " ".join(p.extract_text() for p in PdfReader(BytesIO(response.body())).pages)
    tekst = " ".join(tekst.split())

    moment = formats.date_format(timezone.localtime(versie.ingediend_op), "j F Y, H:i:s")
    assert moment in tekst, tekst
    assert versie.sha256 in tekst.replace(" ", "") or versie.sha256 in tekst


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]
)
def test_a_resident_from_the_invitation_to_a_submitted_score(
    browser, live_server, mailoutbox, viewport
):
    traject = TrajectFactory(
        titel="Buurthuis Kruidenbuurt", volledig=True, gepubliceerd=True, criterium=None
    )
    CriteriumFactory(traject=traject, naam="Maatschappelijke waarde", schaal_min=1, schaal_max=5)
    perceel = traject.percelen.get()
    bod = BodFactory(perceel=perceel, ingediend=True)
    medewerker = MedewerkerFactory(gemeente=traject.gemeente).user

    context = browser.new_context(locale="nl-NL", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(15_000)

    # The officer invites a resident.
    log_in_with_password(page, live_server.url, medewerker.email, PASSWORD)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(totp_code(TOTP_SECRET))
    submit(form)
    page.goto(f"{live_server.url}/beoordeling/trajecten/{traject.pk}/commissie/")
    assert_no_axe_violations(page)
    mailoutbox.clear()
    page.locator("input[name=uitnodigen-naam]").fill("Rita Bewoner")
    page.locator("input[name=uitnodigen-email]").fill("rita@kruidenbuurt.nl")
    with page.expect_navigation():
        page.locator("form").filter(has=page.locator("input[name=uitnodigen-email]")).locator(
            "button[type=submit]"
        ).click()
    assert "Rita Bewoner" in page.locator("main").inner_text()
    context.close()

    # The vault of the outline stage is opened (after the deadline, by two officers).
    type(traject).objects.filter(pk=traject.pk).update(
        inschrijving_sluit=timezone.now() - timedelta(minutes=5)
    )
    KluisOpeningFactory(traject=traject, geopend=True)

    # The resident follows the link in the e-mail and logs in with a code.
    (uitnodiging,) = [m for m in mailoutbox if m.to == ["rita@kruidenbuurt.nl"]]
    pad = re.search(r"(/accounts/login/code/\S*)", uitnodiging.body).group(1)
    context = browser.new_context(locale="nl-NL", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(15_000)
    mailoutbox.clear()
    page.goto(live_server.url + pad)
    assert_no_axe_violations(page)
    form = form_with(page, "input[name=email]")
    form.locator("input[name=email]").fill("rita@kruidenbuurt.nl")
    submit(form)
    (code_mail,) = [m for m in mailoutbox if m.to == ["rita@kruidenbuurt.nl"]]
    code = re.search(
        r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})+|[0-9]{6,})\s*$", code_mail.body, re.M
    ).group(1)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(code)
    submit(form)
    assert f"/beoordeling/trajecten/{traject.pk}/beoordelen/" in page.url, page.url
    assert_no_axe_violations(page)

    # The declarations (issue 13, rule 5: confidentiality once, then the lot), then the score.
    page.goto(f"{live_server.url}/beoordeling/trajecten/{traject.pk}/verklaringen/")
    assert_no_axe_violations(page)
    page.locator("input[name=akkoord]").check()
    with page.expect_navigation():
        page.locator("#geheimhouding form button[type=submit]").click()
    assert page.locator("#geheimhouding").get_attribute("data-getekend") == "ja"
    page.locator(f"li[data-perceel='{bod.perceel_id}'] a").click()
    assert_no_axe_violations(page)
    page.locator("input[name=conflict][value=nee]").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    page.goto(f"{live_server.url}/beoordeling/beoordelen/{bod.pk}/")
    assert "Een huiskamer in de wijk" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.locator("input[type=radio][value='4']").first.check()
    page.locator("textarea").first.fill("Goed plan, dichtbij de buurt.")
    for textarea in page.locator("textarea").all()[1:]:
        if not textarea.input_value():
            textarea.fill("Duidelijk en haalbaar.")
    for rang in page.locator("input[name$=rang], select[name$=rang]").all():
        if rang.evaluate("e => e.tagName") == "SELECT":
            rang.select_option(index=1)
        else:
            rang.fill("1")
    with page.expect_navigation():
        page.locator("button[name=indienen]").click()
    beoordeling = Beoordeling.objects.get(bod=bod)
    assert beoordeling.ingediend_op is not None, page.locator("main").inner_text()
    assert_no_axe_violations(page)
    context.close()
