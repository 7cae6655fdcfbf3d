"""A first visit: the public portal, every demo login, login by code and the language switch."""

import re
from urllib.parse import urlparse

import pytest

from aanbesteden.tests.factories import PASSWORD, MedewerkerFactory, UserFactory

from .axe import assert_no_axe_violations
from .helpers import assert_no_sideways_scroll, form_with, log_in_with_password, submit, totp_code

# The dashboard panel (`<section class="ma-panel" data-rol="...">`) each demo login must see.
EXPECTED_ROL = {
    "beheer@platform.demo": "beheerder",
    "beleid@eindhoven.demo": "beleidsmedewerker",
    "inkoop@eindhoven.demo": "beleidsmedewerker",
    "beleid@zwolle.demo": "beleidsmedewerker",
    "ondernemer@buurtkracht.demo": "organisatielid",
    "bewoner@commissie.demo": "commissielid",
    "bewoners@vlierstraat.demo": "organisatielid",
    "bakker@korenaar.demo": "organisatielid",
    "bestuur@zorggroep.demo": "organisatielid",
    # Issue 14: a representative of a residents' budget, and the covenant's initiative.
    "vertegenwoordiger@holtenbroek.demo": "vertegenwoordiger",
    "huiskamer@doornakkers.demo": "organisatielid",
}
EINDHOVEN_CONCEPT = "Jongerenwerk Woensel-Noord"
GEPUBLICEERD = "Welzijn in Woensel"  # open for bids, so on the portal panel


def path_of(page):
    return urlparse(page.url).path


def assert_dashboard(page, rol):
    assert path_of(page) == "/", f"expected the dashboard at /, got {page.url}"
    h1 = page.locator("h1")
    assert h1.count() == 1
    heading = h1.inner_text().strip()
    assert heading.startswith(("Welkom", "Welcome")), heading
    panels = page.locator(f'section.ma-panel[data-rol="{rol}"]')
    assert panels.count() >= 1, (
        f"no dashboard panel with data-rol={rol!r}; found: "
        f"{page.locator('section.ma-panel').evaluate_all('(s) => s.map((e) => e.dataset.rol)')}"
    )


def test_anonymous_visitor_sees_the_accessible_public_portal(page, live_server, demo_logins):
    page.goto(live_server.url + "/")

    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text().strip()
    assert page.get_by_text(GEPUBLICEERD).count() >= 1
    # Drafts are not public.
    assert page.get_by_text(EINDHOVEN_CONCEPT).count() == 0

    skip = page.locator("a.ma-skip-link")
    assert skip.get_attribute("href") == "#inhoud"
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({href: document.activeElement.getAttribute('href'),"
        " cls: document.activeElement.className, tag: document.activeElement.tagName})"
    )
    assert focused["tag"] == "A" and focused["href"] == "#inhoud", (
        f"the first Tab stop should be the skip link, got {focused}"
    )
    assert page.locator("#inhoud").count() == 1
    assert_no_axe_violations(page)

    for path in ("/trajecten/", "/accounts/login/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{path}: HTTP {response.status}"
        assert page.locator("html").get_attribute("lang") == "nl"
        assert_no_axe_violations(page)


@pytest.mark.parametrize("email", list(EXPECTED_ROL))
def test_every_demo_login_reaches_its_dashboard(page, live_server, email, demo_logins):
    logins = demo_logins
    assert {login.email for login in logins} == set(EXPECTED_ROL), (
        "the demo logins changed; update EXPECTED_ROL"
    )
    login = next(login for login in logins if login.email == email)

    page.goto(live_server.url + "/accounts/login/")
    assert_no_axe_violations(page)
    log_in_with_password(page, live_server.url, login.email, login.password)

    if login.totp_secret:
        assert path_of(page) == "/accounts/2fa/authenticate/", (
            f"{email} has TOTP, expected the two-factor page, got {page.url}"
        )
        assert_no_axe_violations(page)
        form = form_with(page, "input[name=code]")
        form.locator("input[name=code]").fill(totp_code(login.totp_secret))
        submit(form)

    assert_dashboard(page, EXPECTED_ROL[email])
    assert_no_axe_violations(page)

    if email == "beleid@eindhoven.demo":
        assert page.get_by_text(EINDHOVEN_CONCEPT).count() >= 1, (
            "the Eindhoven officer should see the Eindhoven draft on the dashboard"
        )
    if email == "beleid@zwolle.demo":
        assert page.get_by_text(EINDHOVEN_CONCEPT).count() == 0, (
            "the Zwolle officer must not see a draft of Eindhoven"
        )


def test_committee_resident_logs_in_with_an_emailed_code(
    page, live_server, mailoutbox, demo_logins
):
    email = "bewoner@commissie.demo"
    page.goto(live_server.url + "/accounts/login/")
    with page.expect_navigation():
        page.locator('a[href^="/accounts/login/code/"]').first.click()
    assert path_of(page) == "/accounts/login/code/"
    assert_no_axe_violations(page)

    mailoutbox.clear()
    form = form_with(page, "input[name=email]")
    form.locator("input[name=email]").fill(email)
    submit(form)
    assert path_of(page) == "/accounts/login/code/confirm/", page.url
    assert_no_axe_violations(page)

    assert len(mailoutbox) == 1, [m.subject for m in mailoutbox]
    message = mailoutbox[0]
    assert message.to == [email]
    match = re.search(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})+|[0-9]{6,})\s*$", message.body, re.M)
    assert match, f"no login code in the e-mail:\n{message.body}"

    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(match.group(1))
    submit(form)
    assert_dashboard(page, "commissielid")
    assert_no_axe_violations(page)


def test_staff_without_totp_is_sent_to_totp_activation(page, live_server):
    user = UserFactory(met_totp=False)
    MedewerkerFactory(user=user)

    log_in_with_password(page, live_server.url, user.email, PASSWORD)
    page.wait_for_load_state()
    assert path_of(page) != "/", "a staff member without TOTP must not reach the dashboard"
    assert "/accounts/2fa/totp/activate/" in path_of(page), (
        f"expected the TOTP activation page right after logging in, got {page.url}"
        + (
            " (allauth asks to re-enter the password before activating TOTP, "
            "although the user logged in a moment ago)"
            if path_of(page) == "/accounts/reauthenticate/"
            else ""
        )
    )
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_no_axe_violations(page)


def test_language_switch_changes_html_lang(page, live_server):
    page.goto(live_server.url + "/")
    html = page.locator("html")
    assert html.get_attribute("lang") == "nl"

    switch = form_with(page, "select#taalkeuze")
    button = switch.locator("button[type=submit]")
    assert button.inner_text().strip() in ("Wissel", "Switch")
    switch.locator("select#taalkeuze").select_option("en")
    with page.expect_navigation():
        button.click()
    assert html.get_attribute("lang") == "en"
    assert path_of(page) == "/"
    assert_no_axe_violations(page)

    switch = form_with(page, "select#taalkeuze")
    switch.locator("select#taalkeuze").select_option("nl")
    with page.expect_navigation():
        switch.locator("button[type=submit]").click()
    assert html.get_attribute("lang") == "nl"


def test_portal_on_a_phone(browser, live_server, demo_logins):
    context = browser.new_context(locale="nl-NL", viewport={"width": 375, "height": 740})
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        assert page.get_by_text(GEPUBLICEERD).count() >= 1
        assert_no_sideways_scroll(page, 375, "the portal on a phone")
        assert_no_axe_violations(page)
    finally:
        context.close()
