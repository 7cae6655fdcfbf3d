"""Issue 14, point 3: the covenant plan and the right-to-challenge pages, on the demo data,
as the people who use them see them: no axe violations."""

import pytest

from beoordeling.models import Convenant
from trajecten.models import Traject, Uitdaging

from .axe import assert_no_axe_violations
from .helpers import form_with, log_in_with_password, submit, totp_code


@pytest.fixture
def demo(demo_logins):
    huiskamer = Traject.objects.get(titel="Huiskamer van de wijk Doornakkers")
    speeltuin = Uitdaging.objects.get(titel="Speeltuin Vlierstraat in eigen beheer")
    return {
        "logins": {login.email: login for login in demo_logins},
        "huiskamer": huiskamer,
        "speeltuin": speeltuin,
        "wacht": Uitdaging.objects.get(titel="Beheer van de buurttuin aan de Vlierstraat"),
    }


def _visit(page, base, path):
    response = page.goto(base + path)
    assert response.status == 200, path
    assert_no_axe_violations(page)


def test_the_initiative_writes_and_reads_the_plan(page, live_server, demo):
    login = demo["logins"]["bewoners@vlierstraat.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    traject = demo["speeltuin"].traject
    assert Convenant.objects.filter(traject=traject).exists()
    _visit(page, live_server.url, f"/beoordeling/trajecten/{traject.pk}/convenant/")
    page.locator("textarea[name=exit]").fill("Wij kunnen stoppen na een gesprek, met drie maanden.")
    submit(form_with(page, "textarea[name=exit]"))
    assert "drie maanden" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    _visit(page, live_server.url, f"/beoordeling/trajecten/{traject.pk}/convenant/versies/1/")
    _visit(
        page,
        live_server.url,
        f"/beoordeling/trajecten/{traject.pk}/convenant/vergelijken/?van=1&naar=2",
    )
    _visit(page, live_server.url, f"/trajecten/uitdagen/{demo['speeltuin'].pk}/")
    _visit(page, live_server.url, "/trajecten/uitdagen/")


def test_the_medewerker_reads_the_agreed_covenant_and_answers_a_challenge(page, live_server, demo):
    login = demo["logins"]["beleid@eindhoven.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(totp_code(login.totp_secret))
    submit(form)
    huiskamer = demo["huiskamer"]
    _visit(page, live_server.url, f"/beoordeling/trajecten/{huiskamer.pk}/convenant/")
    assert page.locator("#convenant-vastgesteld").count() == 1
    _visit(page, live_server.url, f"/trajecten/{huiskamer.pk}/")
    assert page.locator("#convenant-met").count() == 1
    # The proposal that waits: the term, the criteria and the choice of route.
    _visit(page, live_server.url, f"/trajecten/uitdagen/{demo['wacht'].pk}/")
    assert page.locator("#uitdaging-termijn").count() == 1
    assert page.locator("input[name=accepteren-vorm]").count() == 3
