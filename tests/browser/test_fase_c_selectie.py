"""Issue 6, item 3: the officer fills in and sends the selection for the elaborated plan;
the invited bidder's people see the feedback and start the elaborated plan; the bidder who
is not invited reads the reasons. axe on every page visited, the bidder's pages on a phone
too."""

from datetime import timedelta

from django.utils import timezone

from aanbesteden.tests.factories import PASSWORD, TOTP_SECRET, MedewerkerFactory, UserFactory
from beoordeling.constants import Ronde
from beoordeling.models import Bod
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


def test_the_selection_from_the_medewerker_to_the_invited_bidder(browser, live_server, mailoutbox):
    traject = TrajectFactory(titel="Buurthuis Kruidenbuurt", volledig=True, gepubliceerd=True)
    perceel = traject.percelen.get()
    huiskamer = OrganisatieFactory(naam="Stichting Huiskamer")
    penvoerder = UserFactory(email="penvoerder@huiskamer.nl")
    LidmaatschapFactory(organisatie=huiskamer, user=penvoerder, beheerder=True)
    vrijwilliger = LidmaatschapFactory(organisatie=huiskamer).user
    buurtwerk = OrganisatieFactory(naam="Buurtwerk Noord")
    buurtwerker = LidmaatschapFactory(organisatie=buurtwerk, beheerder=True).user
    invited = BodFactory(perceel=perceel, organisatie=huiskamer, ingediend=True)
    not_invited = BodFactory(perceel=perceel, organisatie=buurtwerk, ingediend=True)
    # The outline deadline has passed and two officers opened the vault.
    Traject.objects.filter(pk=traject.pk).update(
        inschrijving_sluit=timezone.now() - timedelta(days=1)
    )
    KluisOpeningFactory(traject=traject, geopend=True)
    medewerker = MedewerkerFactory(gemeente=traject.gemeente).user

    # The officer fills in the selection, saves it and sends it.
    context, page = _nieuw(browser)
    log_in_with_password(page, live_server.url, medewerker.email, PASSWORD)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(totp_code(TOTP_SECRET))
    submit(form)
    page.goto(f"{live_server.url}/beoordeling/trajecten/{traject.pk}/selectie/")
    assert "Stichting Huiskamer" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.locator(f"input[name=bod-{invited.pk}-uitnodigen][value=ja]").check()
    page.locator(f"textarea[name=bod-{invited.pk}-terugkoppeling]").fill(
        "Een warm plan dicht bij de buurt. Maak de begroting per jaar concreter."
    )
    page.locator(f"input[name=bod-{not_invited.pk}-uitnodigen][value=nee]").check()
    page.locator(f"textarea[name=bod-{not_invited.pk}-terugkoppeling]").fill(
        "Het plan past niet bij de wijk: er is te weinig contact met bewoners."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Selectie opslaan").click()
    invited.refresh_from_db()
    assert invited.uitgenodigd_voor_uitwerking, page.locator("main").inner_text()
    assert invited.selectie_verstuurd_op is None
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.locator("form[action$='/selectie/versturen/'] button[type=submit]").click()
    assert page.locator("[data-testid=verstuurd-op]").count() == 1, page.locator(
        "main"
    ).inner_text()
    assert page.locator("textarea").count() == 0
    assert_no_axe_violations(page)
    context.close()
    invited.refresh_from_db()
    not_invited.refresh_from_db()
    assert invited.selectie_verstuurd_op == not_invited.selectie_verstuurd_op is not None

    # Everyone of the invited bidder is told, with the feedback; the other bidder its reasons.
    mails = {m.to[0]: m.body for m in mailoutbox}
    for user in (penvoerder, vrijwilliger):
        assert "Maak de begroting per jaar concreter." in mails[user.email]
        assert f"/beoordeling/biedingen/{invited.pk}/" in mails[user.email]
    assert "te weinig contact met bewoners" in mails[buurtwerker.email]
    assert "begroting per jaar" not in mails[buurtwerker.email]

    # A member of the invited bidder reads the feedback on a phone.
    context, page = _nieuw(browser, {"width": 390, "height": 844})
    log_in_with_password(page, live_server.url, vrijwilliger.email, PASSWORD)
    page.goto(f"{live_server.url}/beoordeling/biedingen/{invited.pk}/")
    uitslag = page.locator("[data-testid=uitslag]")
    assert uitslag.get_attribute("data-uitgenodigd") == "ja"
    assert "Maak de begroting per jaar concreter." in uitslag.inner_text()
    assert_no_axe_violations(page)
    context.close()

    # The lead starts the elaborated plan from its bid.
    context, page = _nieuw(browser)
    log_in_with_password(page, live_server.url, penvoerder.email, PASSWORD)
    page.goto(f"{live_server.url}/beoordeling/biedingen/{invited.pk}/")
    assert "Maak de begroting per jaar concreter." in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.locator(
            f"form[action='/beoordeling/biedingen/{invited.pk}/uitwerking/starten/'] "
            "button[type=submit]"
        ).click()
    uitwerking = Bod.objects.get(ronde=Ronde.UITWERKING, organisatie=huiskamer)
    assert page.url.endswith(f"/beoordeling/biedingen/{uitwerking.pk}/"), page.url
    assert_no_axe_violations(page)
    context.close()

    # The bidder that is not invited reads the reasons and cannot start.
    context, page = _nieuw(browser, {"width": 390, "height": 844})
    log_in_with_password(page, live_server.url, buurtwerker.email, PASSWORD)
    page.goto(f"{live_server.url}/beoordeling/biedingen/{not_invited.pk}/")
    uitslag = page.locator("[data-testid=uitslag]")
    assert uitslag.get_attribute("data-uitgenodigd") == "nee"
    assert "te weinig contact met bewoners" in uitslag.inner_text()
    assert page.locator("form[action$='/uitwerking/starten/']").count() == 0
    assert_no_axe_violations(page)
    context.close()
