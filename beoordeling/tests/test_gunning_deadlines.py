"""The reminder of the end of the standstill: the trajectory's team (or else the officer who
decided), one day before signing becomes possible, once; no queries per decision."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanbesteden import deadlines
from aanbesteden.deadlines import registered_sources
from aanbesteden.models import Notificatie, VerzondenHerinnering
from aanbesteden.tests.factories import MedewerkerFactory
from beoordeling.constants import BezwaarSoort
from beoordeling.deadlines.gunning import StandstillSource
from beoordeling.models import Gunning
from beoordeling.services import gunning as s
from beoordeling.tests.test_gunning_services import ams, besluiten, maak_wereld, versturen
from trajecten.constants import TeamRol
from trajecten.models import TeamLid

pytestmark = pytest.mark.django_db

NAAM = StandstillSource.naam


@pytest.fixture
def bron(monkeypatch):
    """Only this source in the sweep (its registration in apps.py is checked below)."""
    monkeypatch.setattr(deadlines, "_sources", {})
    return deadlines.register(StandstillSource())


def _verstuurd(gemeente, medewerker, moment, **kwargs):
    w = maak_wereld(gemeente, medewerker, **kwargs)
    besluiten(w)
    versturen(w, moment)
    return w


def test_the_source_is_registered():
    assert any(isinstance(b, StandstillSource) for b in registered_sources())


def test_the_team_is_reminded_one_day_before_signing_is_possible_once(
    bron, gemeente, medewerker, time_machine
):
    # Sent on 10 March 2026: the standstill ends with 30 March (after the change to summer
    # time); signing from 31 March 00:00, so the reminder is due on 30 March 00:00.
    w = _verstuurd(gemeente, medewerker, ams(2026, 3, 10, 12, 0))
    team = [MedewerkerFactory(gemeente=gemeente) for _ in range(2)]
    for m, rol in zip(team, (TeamRol.INKOOP, TeamRol.JURIDISCH), strict=True):
        TeamLid.objects.create(traject=w.traject, medewerker=m, rol=rol)
    # (Issue 14: another route has no award at all, so no standstill to remind of: see
    # test_the_award_is_refused_on_routes_without_award_letters.)
    time_machine.move_to(ams(2026, 3, 29, 23, 59, 59), tick=False)
    assert deadlines.sweep() == 0
    time_machine.move_to(ams(2026, 3, 30, 0, 0), tick=False)
    assert deadlines.sweep() == 2
    assert deadlines.sweep() == 0
    ontvangers = sorted(
        VerzondenHerinnering.objects.filter(sleutel__startswith=NAAM).values_list(
            "user_id", flat=True
        )
    )
    assert ontvangers == sorted(m.user_id for m in team)
    bericht = Notificatie.objects.get(user=team[0].user, onderwerp__contains=w.traject.titel)
    assert bericht.url == reverse("beoordeling:gunning", args=[w.traject.pk])
    assert "maandag 30 maart 2026" in bericht.tekst
    assert "dinsdag 31 maart 2026, 00:00" in bericht.tekst


def test_without_a_team_the_deciding_medewerker_is_reminded_and_told_of_an_open_objection(
    bron, gemeente, medewerker, time_machine
):
    # Sent on Tuesday 3 March: the standstill runs through Monday 23 March.
    w = _verstuurd(gemeente, medewerker, ams(2026, 3, 3, 10, 0))
    gunning = Gunning.objects.get(perceel=w.perceel)
    s.bezwaar_vastleggen(
        actor=medewerker,
        gunning=gunning,
        soort=BezwaarSoort.KORT_GEDING,
        aangekondigd_op=date(2026, 3, 5),
        omschrijving="Kort geding",
        ontvangen_op=ams(2026, 3, 5),
    )
    time_machine.move_to(ams(2026, 3, 23, 0, 0), tick=False)
    assert deadlines.sweep() == 1
    met_bezwaar = Notificatie.objects.get(user=medewerker, url__contains="gunning")
    # A signed decision is not reminded.
    w2 = _verstuurd(gemeente, medewerker, ams(2026, 3, 4, 10, 0))
    g2 = Gunning.objects.get(perceel=w2.perceel)
    Gunning.objects.filter(pk=g2.pk).update(
        ondertekend_op=ams(2026, 3, 24), ondertekend_door=medewerker
    )
    time_machine.move_to(ams(2026, 3, 24, 0, 0), tick=False)
    assert deadlines.sweep() == 0
    # Another one with only a complaint (it does not stop signing): the other text.
    w3 = _verstuurd(gemeente, medewerker, ams(2026, 3, 5, 10, 0))
    s.bezwaar_vastleggen(
        actor=medewerker,
        gunning=Gunning.objects.get(perceel=w3.perceel),
        omschrijving="Klacht",
        ontvangen_op=ams(2026, 3, 6),
    )
    time_machine.move_to(ams(2026, 3, 25, 0, 0), tick=False)
    assert deadlines.sweep() == 1
    zonder = (
        Notificatie.objects.filter(user=medewerker, url__contains="gunning")
        .exclude(pk=met_bezwaar.pk)
        .get()
    )
    assert w3.traject.titel in zonder.onderwerp
    assert met_bezwaar.tekst != zonder.tekst


def test_recipients_without_a_query_per_decision(bron, gemeente, medewerker):
    def vragen(n):
        for _ in range(n):
            w = _verstuurd(gemeente, medewerker, ams(2026, 3, 10, 12, 0))
            TeamLid.objects.create(
                traject=w.traject,
                medewerker=MedewerkerFactory(gemeente=gemeente),
                rol=TeamRol.BELEID,
            )
        with CaptureQueriesContext(connection) as ctx:
            gevonden = list(bron.deadlines(van=ams(2026, 3, 29, 0, 0), tot=ams(2026, 4, 2, 0, 0)))
        return len(ctx.captured_queries), gevonden

    weinig, gevonden = vragen(1)
    veel, meer = vragen(5)
    assert weinig == veel == 2  # the decisions with their trajectory, and the teams
    assert len(meer) == len(gevonden) + 5
    assert all(len(d.ontvangers) == 1 for d in meer)
