"""The officer's pages: a trajectory, its overview PDF, the document status, notifications."""

from coalities.models import Organisatie
from trajecten.models import Traject

from .axe import assert_no_axe_violations
from .helpers import form_with, log_in_with_password, submit, totp_code


def test_medewerker_makes_a_pdf_and_reads_notifications(page, live_server, demo_logins):
    logins = {login.email: login for login in demo_logins}
    login = logins["beleid@eindhoven.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(totp_code(login.totp_secret))
    submit(form)

    # The draft of the officer's own municipality, from the dashboard.
    page.get_by_role("link", name="Jongerenwerk Woensel-Noord", exact=True).click()
    assert page.locator("h1").inner_text() == "Jongerenwerk Woensel-Noord"
    assert "ma-gemeente-eindhoven" in page.locator("body").get_attribute("class")
    assert_no_axe_violations(page)

    # The PDF is made by a task; the test settings run tasks in-process.
    with page.expect_navigation():
        page.get_by_role("button", name="Maak een overzicht (pdf)").click()
    assert page.url.startswith(live_server.url + "/documenten/")
    assert page.get_by_text("Klaar").count() >= 1
    link = page.get_by_role("link", name="Download")
    assert link.count() == 1
    assert_no_axe_violations(page)
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")

    traject = Traject.objects.get(titel="Jongerenwerk Woensel-Noord")
    page.goto(live_server.url + traject.get_absolute_url())
    documenten = page.locator("section", has=page.locator("#documenten-kop"))
    assert "Overzicht Jongerenwerk Woensel-Noord" in documenten.inner_text()
    tijdlijn = page.locator("section", has=page.locator("#tijdlijn-kop"))
    assert "Traject aangemaakt" in tijdlijn.inner_text()

    page.goto(live_server.url + "/meldingen/")
    assert page.locator("h1").inner_text() == "Meldingen"
    assert_no_axe_violations(page)
    page.get_by_label("Alleen op het platform").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_label("Alleen op het platform").is_checked()
    assert_no_axe_violations(page)


def test_public_trajectory_and_organisation_pages(page, live_server, demo_logins):
    page.goto(live_server.url + "/trajecten/")
    page.get_by_role("link", name="Buurthuis De Boomgaard").click()
    assert page.locator("h1").inner_text() == "Buurthuis De Boomgaard"
    assert page.get_by_text("(Nederlandse tijd)").count() >= 1
    assert_no_axe_violations(page)
    page.goto(
        live_server.url + Organisatie.objects.get(naam="Buurtkracht Woensel").get_absolute_url()
    )
    assert page.locator("h1").inner_text() == "Buurtkracht Woensel"
    assert_no_axe_violations(page)
