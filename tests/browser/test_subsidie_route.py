"""Issue 14: the subsidy route in the browser. A resident reads on the trajectory page what
the route means; the Zwolle officer opens the set-up section with the ceiling and the rule,
and the decisions page with an application; no axe violations on any page visited."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from beoordeling.tests.factories import BodFactory, BodVersieFactory, KluisOpeningFactory
from coalities.tests.factories import OrganisatieFactory
from trajecten.models import Traject

from .axe import assert_no_axe_violations
from .helpers import form_with, log_in_with_password, submit, totp_code

TITEL = "Dagbesteding voor dak- en thuislozen"


def test_the_subsidy_route_in_the_browser(page, live_server, demo_logins):
    traject = Traject.objects.get(titel=TITEL)
    # A resident (anyone) reads the route in one plain sentence.
    page.goto(live_server.url + traject.get_absolute_url())
    route = page.locator("section[data-route=subsidie]")
    assert "De gemeente geeft subsidie aan initiatieven" in route.inner_text()
    assert "Rangschikking op de criteria" in route.inner_text()
    assert_no_axe_violations(page)

    # The application period closed and the vault opened, with one application.
    Traject.objects.filter(pk=traject.pk).update(
        vragen_sluit=timezone.now() - timedelta(days=3),
        inschrijving_sluit=timezone.now() - timedelta(days=2),
        uitwerking_sluit=None,
    )
    bod = BodFactory(
        traject=traject,
        perceel=traject.percelen.first(),
        organisatie=OrganisatieFactory(naam="Stichting Dagwerk"),
        status="ingediend",
    )
    BodVersieFactory(bod=bod)
    KluisOpeningFactory(traject=traject, geopend=True)

    logins = {login.email: login for login in demo_logins}
    login = logins["beleid@zwolle.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(totp_code(login.totp_secret))
    submit(form)

    page.goto(live_server.url + reverse("trajecten:sectie", args=[traject.pk, "subsidie"]))
    assert page.locator("h1").inner_text() == "Subsidieplafond en verdeling"
    assert page.get_by_label("Subsidieplafond (euro)").input_value() == "240000.00"
    assert_no_axe_violations(page)

    page.goto(live_server.url + reverse("beoordeling:subsidie", args=[traject.pk]))
    assert page.locator("h1").inner_text() == "Besluiten op de aanvragen"
    assert "Stichting Dagwerk" in page.content()
    assert_no_axe_violations(page)
