"""Issue 5's journey: a social entrepreneur signs up, registers an organisation, finds a
trajectory on the portal, shows interest and invites two organisations into a coalition;
their administrators accept; the coalition page shows the split. axe on every page."""

import re
from decimal import Decimal

from aanbesteden.tests.factories import PASSWORD, UserFactory
from coalities.models import Coalitie
from coalities.tests.factories import InteresseFactory, LidmaatschapFactory, OrganisatieFactory
from trajecten.tests.factories import TrajectFactory

from .axe import assert_no_axe_violations
from .helpers import form_with, log_in_with_password, submit


def _partner(naam, email):
    organisatie = OrganisatieFactory(naam=naam)
    user = UserFactory(email=email)
    LidmaatschapFactory(organisatie=organisatie, user=user, beheerder=True)
    return organisatie, user


def test_entrepreneur_forms_a_coalition_and_partners_accept(page, browser, live_server, mailoutbox):
    traject = TrajectFactory(
        titel="Ontmoeting in Tongelre", volledig=True, gepubliceerd=True, perceel=None
    )
    traject.percelen.create(nummer=1, naam="Tongelre", budget=Decimal("120000"))
    tuin, tuin_admin = _partner("Buurttuin Tongelre", "tuin@tongelre.nl")
    bakker, bakker_admin = _partner("Bakker Bart", "bart@bakker.nl")
    for organisatie in (tuin, bakker):
        InteresseFactory(traject=traject, organisatie=organisatie)

    # Sign up and confirm the e-mail address.
    page.goto(live_server.url + "/accounts/signup/")
    assert_no_axe_violations(page)
    form = form_with(page, "input[name=password1]")
    form.locator("input[name=email]").fill("sam@sociaal.nl")
    form.locator("input[name=password1]").fill(PASSWORD)
    form.locator("input[name=password2]").fill(PASSWORD)
    submit(form)
    assert_no_axe_violations(page)
    (bericht,) = [m for m in mailoutbox if m.to == ["sam@sociaal.nl"]]
    pad = re.search(r"(/accounts/confirm-email/[^\s]+)", bericht.body).group(1)
    page.goto(live_server.url + pad)
    assert_no_axe_violations(page)
    submit(form_with(page, "button[type=submit]:not([form])").last)
    if "/accounts/login/" in page.url:
        log_in_with_password(page, live_server.url, "sam@sociaal.nl", PASSWORD)

    # Register the organisation.
    page.goto(live_server.url + "/organisaties/nieuw/")
    assert_no_axe_violations(page)
    page.locator("input[name=type][value=sociaal_ondernemer]").check()
    page.locator("input[name=naam]").fill("Sociaal Sterk Tongelre")
    with page.expect_navigation():
        page.get_by_role("button", name="Organisatie aanmelden").click()
    assert page.locator("h1").inner_text() == "Sociaal Sterk Tongelre"
    assert_no_axe_violations(page)

    # Find the trajectory on the portal and show interest.
    page.goto(live_server.url + "/trajecten/")
    page.locator("input[name=q]").fill("Tongelre")
    with page.expect_navigation():
        page.get_by_role("button", name="Toon trajecten").click()
    page.get_by_role("link", name="Ontmoeting in Tongelre").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Interesse tonen").first.click()
    assert_no_axe_violations(page)
    page.locator("textarea[name=bieden]").fill("Wij organiseren en houden de administratie bij.")
    with page.expect_navigation():
        page.get_by_role("button", name="Op het partnerbord zetten").click()
    assert "Sociaal Sterk Tongelre" in page.locator("main").inner_text()
    assert_no_axe_violations(page)  # the partner board

    # Form the coalition as its facilitating lead.
    page.get_by_role("link", name="Coalitie vormen").first.click()
    assert_no_axe_violations(page)
    page.locator("input[name=naam]").fill("Samen Tongelre")
    page.locator("input[name=rol][value=facilitator]").check()
    page.locator("input[name=aandeel_budget]").fill("20")
    page.locator("input[name=aandeel_zeggenschap]").fill("30")
    with page.expect_navigation():
        page.get_by_role("button", name="Coalitie vormen").click()
    coalitie = Coalitie.objects.get(naam="Samen Tongelre")
    assert page.url == live_server.url + coalitie.get_absolute_url()
    assert_no_axe_violations(page)

    for organisatie, budget in ((tuin, "50"), (bakker, "30")):
        page.goto(live_server.url + coalitie.get_absolute_url())
        page.locator("a[href$='/uitnodigen/']").first.click()
        assert_no_axe_violations(page)
        page.locator("select[name=organisatie]").select_option(label=organisatie.naam)
        page.locator("input[name=aandeel_budget]").fill(budget)
        page.locator("input[name=aandeel_zeggenschap]").fill("35")
        with page.expect_navigation():
            page.get_by_role("button", name="Uitnodiging versturen").click()
        assert organisatie.naam in page.locator("main").inner_text()

    # Each invited organisation's administrator accepts.
    for organisatie, admin in ((tuin, tuin_admin), (bakker, bakker_admin)):
        context = browser.new_context(locale="nl-NL")
        andere = context.new_page()
        log_in_with_password(andere, live_server.url, admin.email, PASSWORD)
        andere.goto(live_server.url + coalitie.get_absolute_url())
        assert_no_axe_violations(andere)
        with andere.expect_navigation():
            andere.get_by_role("button", name=f"Aannemen voor {organisatie.naam}").click()
        assert_no_axe_violations(andere)
        context.close()

    # The split: chart and table, accepted partners only, adding up to 100%.
    page.goto(live_server.url + coalitie.get_absolute_url())
    main = page.locator("main").inner_text()
    for naam in ("Sociaal Sterk Tongelre", "Buurttuin Tongelre", "Bakker Bart"):
        assert naam in main
    verdeling = page.locator(".ma-verdeling")
    tabel = verdeling.locator("table").inner_text()
    for regel in ("Sociaal Sterk Tongelre", "20%", "Buurttuin Tongelre", "50%", "Bakker Bart"):
        assert regel in tabel, tabel
    staven = verdeling.locator(".ma-staaf")
    assert staven.count() == 3
    breedtes = verdeling.locator(".ma-staaf__vulling--budget").evaluate_all(
        "(rects) => rects.map((r) => Number(r.getAttribute('width')))"
    )
    assert sorted(breedtes) == [20, 30, 50]
    assert_no_axe_violations(page)
    assert list(
        coalitie.partners.filter(status="geaccepteerd").values_list("aandeel_budget", flat=True)
    ) == [Decimal("20.00"), Decimal("50.00"), Decimal("30.00")]
