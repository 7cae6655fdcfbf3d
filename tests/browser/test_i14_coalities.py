"""Issue 14, points 6 and 7 in a browser on the demo data, with the axe check: the partner
board shows who is taken per lot; the invitation list of "Samen Sterk" gives the reason
for the language house instead of offering it; the flag of "Zorggroep Plus" names the say."""

import pytest

from coalities.models import Coalitie
from trajecten.models import Traject

from .axe import assert_no_axe_violations
from .helpers import form_with, log_in_with_password, submit, totp_code


@pytest.fixture
def demo(demo_logins):
    return {
        "logins": {login.email: login for login in demo_logins},
        "welzijn": Traject.objects.get(titel="Welzijn in Woensel"),
        "samen": Coalitie.objects.get(naam="Samen Sterk in Woensel-Noord"),
        "plus": Coalitie.objects.get(naam="Zorggroep Plus Woensel-Zuid"),
    }


def _visit(page, base, path):
    response = page.goto(base + path)
    assert response.status == 200, path
    assert_no_axe_violations(page)


def test_the_board_and_the_invitation_list_show_who_is_taken(page, live_server, demo):
    _visit(page, live_server.url, f"/organisaties/trajecten/{demo['welzijn'].pk}/partnerbord/")
    kaart = page.locator(".ma-traject-kaart", has_text="Taalhuis Woensel")
    assert "penvoerder in Taal en Buren Woensel-Noord" in kaart.inner_text()

    login = demo["logins"]["ondernemer@buurtkracht.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    _visit(page, live_server.url, f"/organisaties/coalities/{demo['samen'].pk}/uitnodigen/")
    assert "Taalhuis Woensel" not in page.locator("select[name=organisatie]").inner_text()
    bezet = page.locator("#niet-uit-te-nodigen").inner_text()
    assert "Taalhuis Woensel" in bezet and "Taal en Buren Woensel-Noord" in bezet


def test_the_flag_names_the_say(page, live_server, demo):
    login = demo["logins"]["beleid@eindhoven.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(totp_code(login.totp_secret))
    submit(form)
    _visit(page, live_server.url, f"/organisaties/coalities/{demo['plus'].pk}/")
    assert "90% van de zeggenschap" in page.locator("#leider-aandeel").inner_text()
