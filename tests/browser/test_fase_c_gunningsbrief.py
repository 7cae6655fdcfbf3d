"""Issue 13, points 12 to 14, on the demo ("Ontmoeting voor ouderen in Stratum", awarded):
the award page shows a standstill that moved past a Saturday, Sunday or public holiday
(Algemene termijnenwet) and offers a complaint and a summary court case; the losing bidder
reads, in its letter, its own scores per criterion next to the winner's and how to object.
axe on every page visited."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from aanbesteden.termijnen import is_werkdag
from beoordeling.models import Bod, Gunning
from beoordeling.standstill import STANDSTILL_DAGEN
from trajecten.models import Traject

from .axe import assert_no_axe_violations
from .helpers import form_with, log_in_with_password, submit, totp_code


@pytest.fixture
def stratum(demo_logins):
    traject = Traject.objects.get(titel="Ontmoeting voor ouderen in Stratum")
    return {
        "logins": {login.email: login for login in demo_logins},
        "traject": traject,
        "gunning": Gunning.objects.get(traject=traject),
    }


def _visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    assert_no_axe_violations(page)


def test_the_award_page_shows_a_standstill_moved_past_a_day_off(page, live_server, stratum):
    gunning = stratum["gunning"]
    dag_20 = timezone.localdate(gunning.verstuurd_op) + timedelta(days=STANDSTILL_DAGEN)
    # The demo sends on a day whose day 20 is not a working day: the standstill moved.
    assert not is_werkdag(dag_20)
    assert gunning.standstill_tot > dag_20 and is_werkdag(gunning.standstill_tot)

    login = stratum["logins"]["beleid@eindhoven.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    form = form_with(page, "input[name=code]")
    form.locator("input[name=code]").fill(totp_code(login.totp_secret))
    submit(form)
    _visit(page, live_server.url + reverse("beoordeling:gunning", args=[stratum["traject"].pk]))
    standstill = page.locator(f"[data-standstill='{gunning.standstill_tot.isoformat()}']")
    assert standstill.count() == 1
    assert standstill.locator(f"[data-verschoven='{dag_20.isoformat()}']").count() == 1
    assert "volgende werkdag" in page.locator("[data-uitleg=standstill]").inner_text()
    assert page.locator("[data-status=standstill]").count() == 1
    assert page.locator("form[action$='/kort-geding/']").count() == 1
    assert page.locator("form[action$='/bezwaar/']").count() == 1


def test_the_losing_bidders_letter_has_its_own_scores_next_to_the_winners(
    page, live_server, stratum
):
    login = stratum["logins"]["bestuur@zorggroep.demo"]
    log_in_with_password(page, live_server.url, login.email, login.password)
    bod = Bod.objects.get(
        traject=stratum["traject"],
        ronde="uitwerking",
        organisatie__naam="Zorggroep Regio Eindhoven",
    )
    _visit(page, live_server.url + reverse("beoordeling:bod", args=[bod.pk]))
    sectie = page.locator("#gunningsbrief")
    assert "kort geding" in sectie.inner_text()
    link = sectie.locator("a[href*='/gunningsbrieven/']")
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200
    tekst = " ".join(p.extract_text() for p in PdfReader(BytesIO(response.body())).pages)
    tekst = " ".join(tekst.split())
    assert "Uw scores naast die van de winnaar" in tekst
    assert "Score van Buurtkracht Woensel" in tekst
    assert "Daarom loopt de opschortende termijn door tot en met de volgende werkdag" in tekst
    for criterium in stratum["traject"].criteria.all():
        assert criterium.naam in tekst
    assert "klachtenmeldpunt@eindhoven.demo" in tekst
    assert "kort geding" in tekst
