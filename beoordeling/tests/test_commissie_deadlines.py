"""Reminders of the assessment milestone: members who are behind, 7 days and 1 day before,
once; recipients gathered without a query per trajectory."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanbesteden import deadlines
from aanbesteden.models import Notificatie, VerzondenHerinnering
from beoordeling.deadlines.commissie import BeoordelingOpSource
from beoordeling.tests.factories import verklaren
from beoordeling.tests.test_commissie_services import maak_wereld, tekenen_en_indienen

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
NAAM = BeoordelingOpSource.naam


def ams(*args):
    return datetime(*args, tzinfo=AMS)


@pytest.fixture
def bron(monkeypatch):
    """Only this source in the sweep (registration in apps.py is the lead's)."""
    monkeypatch.setattr(deadlines, "_sources", {})
    return deadlines.register(BeoordelingOpSource())


@pytest.fixture
def wereld(gemeente, medewerker, time_machine):
    time_machine.move_to(ams(2026, 9, 1, 9, 0), tick=False)
    w = maak_wereld(gemeente, medewerker, biedingen=2, leden=4)
    w.traject.beoordeling_op = ams(2026, 9, 20, 17, 0)
    w.traject.save()
    klaar, gewraakt, half, niets = w.leden
    for bod in w.biedingen:
        tekenen_en_indienen(klaar, bod, w.criteria)
        verklaren(actor=gewraakt.user, bod=bod, conflict=True)
    tekenen_en_indienen(half, w.biedingen[0], w.criteria)
    # Not reminded: a trajectory whose vault is not opened (nothing to score yet).
    ongeopend = maak_wereld(gemeente, medewerker, geopend=False)
    ongeopend.traject.beoordeling_op = ams(2026, 9, 20, 17, 0)
    ongeopend.traject.save()
    return w


def _ontvangers():
    return sorted(
        VerzondenHerinnering.objects.filter(sleutel__startswith=NAAM).values_list(
            "user_id", flat=True
        )
    )


def test_members_behind_are_reminded_seven_days_and_one_day_before_once(bron, wereld, time_machine):
    _klaar, _gewraakt, half, niets = wereld.leden
    achter = sorted([half.user_id, niets.user_id])
    time_machine.move_to(ams(2026, 9, 13, 16, 59), tick=False)
    assert deadlines.sweep() == 0
    time_machine.move_to(ams(2026, 9, 13, 17, 0), tick=False)
    assert deadlines.sweep() == 2
    assert deadlines.sweep() == 0
    assert _ontvangers() == achter
    bericht = Notificatie.objects.get(user=niets.user)
    assert wereld.traject.titel in bericht.onderwerp
    assert bericht.url.endswith(
        reverse("beoordeling:commissie_biedingen", args=[wereld.traject.pk])
    )
    assert "20 september 2026, 17:00" in bericht.tekst
    # The member who was half-way finishes before the last reminder.
    tekenen_en_indienen(half, wereld.biedingen[1], wereld.criteria)
    time_machine.move_to(ams(2026, 9, 19, 17, 0), tick=False)
    assert deadlines.sweep() == 1
    assert deadlines.sweep() == 0
    assert _ontvangers() == sorted([half.user_id, niets.user_id, niets.user_id])


def test_recipients_without_a_query_per_trajectory(bron, gemeente, medewerker, wereld):
    def vragen(n):
        for _ in range(n):
            extra = maak_wereld(gemeente, medewerker, biedingen=2, leden=2)
            extra.traject.beoordeling_op = ams(2026, 9, 20, 17, 0)
            extra.traject.save()
        with CaptureQueriesContext(connection) as ctx:
            gevonden = list(bron.deadlines(van=ams(2026, 9, 1, 9, 0), tot=ams(2026, 10, 1, 0, 0)))
        return len(ctx.captured_queries), gevonden

    weinig, gevonden = vragen(1)
    veel, meer = vragen(5)
    # trajectories, opened bids, members (with their lots, issue 13), conflicts, submitted
    assert weinig == veel == 6
    assert len(meer) == len(gevonden) + 5
