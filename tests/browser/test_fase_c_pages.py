"""Every page of phase C so far, on the demo data (an opened vault, a committee halfway):
no axe violations, for the officer, a committee member (on a phone) and a bidder."""

import pytest

from .axe import assert_no_axe_violations
from .test_first_visit import form_with, log_in_with_password, submit, totp_code


@pytest.fixture
def demo(db):
    from aanbesteden import demo
    from beoordeling.models import Bod, Commissielid
    from trajecten.models import Traject

    logins = {login.email: login for login in demo.build()}
    traject = Traject.objects.get(titel="Buurthuis De Boomgaard")
    return {
        "logins": logins,
        "traject": traject,
        "biedingen": list(Bod.objects.filter(traject=traject).order_by("pk")),
        "lid": Commissielid.objects.get(traject=traject, user__email="bewoner@commissie.demo"),
    }


def _visit(page, base, path):
    response = page.goto(base + path)
    assert response.status == 200, path
    assert_no_axe_violations(page)


def test_officer_pages_of_phase_c(page, live_server, demo):
    login = demo["logins"]["beleid@eindhoven.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(totp_code(login.totp_secret))
    submit(form)
    t = demo["traject"].pk
    for path in (
        f"/beoordeling/trajecten/{t}/kluis/",
        f"/beoordeling/trajecten/{t}/biedingen/",
        f"/beoordeling/trajecten/{t}/commissie/",
        f"/beoordeling/trajecten/{t}/voortgang/",
    ):
        _visit(page, live_server.url, path)


def test_committee_member_pages_on_a_phone(browser, live_server, demo):
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    page = context.new_page()
    login = demo["logins"]["bewoner@commissie.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    t, tweede = demo["traject"].pk, demo["biedingen"][1].pk
    for path in (
        f"/beoordeling/trajecten/{t}/beoordelen/",
        f"/beoordeling/beoordelen/{demo['biedingen'][0].pk}/",
        f"/beoordeling/beoordelen/{tweede}/",
        f"/beoordeling/trajecten/{t}/voortgang/",
        f"/beoordeling/commissie/{demo['lid'].pk}/gegevens/",
    ):
        _visit(page, live_server.url, path)
    context.close()


def test_bidder_pages(page, live_server, demo):
    login = demo["logins"]["ondernemer@buurtkracht.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    bod = next(b for b in demo["biedingen"] if b.organisatie.naam == "Buurtkracht Woensel")
    for path in ("/beoordeling/biedingen/", f"/beoordeling/biedingen/{bod.pk}/"):
        _visit(page, live_server.url, path)
