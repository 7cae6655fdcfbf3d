"""Issue 14: the reminder of the end of the decision term of a subsidy tender: the team, a
week and a day before, while an application has no sent decision; no query per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanbesteden import deadlines
from aanbesteden.deadlines import registered_sources
from aanbesteden.models import Notificatie
from aanbesteden.tests.factories import MedewerkerFactory
from beoordeling.constants import SubsidieUitkomst
from beoordeling.deadlines.subsidie import SubsidieBeslistermijnSource
from beoordeling.models import Subsidiebesluit
from beoordeling.tests.factories import BodFactory
from beoordeling.tests.test_gunning_services import ams
from trajecten.constants import TeamRol, Verdeelregel, Vorm
from trajecten.models import TeamLid
from trajecten.tests.factories import PerceelFactory, TrajectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bron(monkeypatch):
    monkeypatch.setattr(deadlines, "_sources", {})
    return deadlines.register(SubsidieBeslistermijnSource())


def subsidietraject(gemeente, medewerker, vorm=Vorm.SUBSIDIE):
    traject = TrajectFactory(
        gemeente=gemeente,
        volledig=True,
        gepubliceerd=True,
        vorm=vorm,
        procedure="",
        subsidieplafond=50000,
        verdeelregel=Verdeelregel.BINNENKOMST,
        inschrijving_sluit=ams(2026, 3, 2, 12, 0),
        uitwerking_sluit=None,
        aangemaakt_door=medewerker,
    )
    bod = BodFactory(perceel=PerceelFactory(traject=traject), traject=traject, ingediend=True)
    return traject, bod


def test_the_source_is_registered():
    assert any(isinstance(b, SubsidieBeslistermijnSource) for b in registered_sources())


def test_the_team_is_reminded_before_the_decision_term_ends(
    bron, gemeente, medewerker, time_machine
):
    # Closed 2 March 2026; 8 weeks end on Monday 27 April, King's Day: the term runs
    # through Tuesday 28 April (Atw), so it ends at 29 April 00:00.
    traject, _bod = subsidietraject(gemeente, medewerker)
    lid = MedewerkerFactory(gemeente=gemeente)
    TeamLid.objects.create(traject=traject, medewerker=lid, rol=TeamRol.INKOOP)
    # Not reminded: a procurement has no decision term on applications.
    subsidietraject(gemeente, medewerker, vorm=Vorm.AANBESTEDING)
    time_machine.move_to(ams(2026, 4, 21, 23, 59), tick=False)
    assert deadlines.sweep() == 0
    time_machine.move_to(ams(2026, 4, 22, 0, 0), tick=False)
    assert deadlines.sweep() == 1
    assert deadlines.sweep() == 0
    bericht = Notificatie.objects.get(user=lid.user)
    assert bericht.url == reverse("beoordeling:subsidie", args=[traject.pk])
    assert "dinsdag 28 april 2026" in bericht.tekst


def test_no_reminder_once_every_decision_is_sent(bron, gemeente, medewerker, time_machine):
    traject, bod = subsidietraject(gemeente, medewerker)
    Subsidiebesluit.objects.create(
        traject=traject,
        bod=bod,
        uitkomst=SubsidieUitkomst.TOEGEKEND,
        bedrag=1000,
        besloten_door=medewerker,
        besloten_op=ams(2026, 4, 1, 12, 0),
        verstuurd_op=ams(2026, 4, 1, 12, 0),
    )
    time_machine.move_to(ams(2026, 4, 28, 0, 0), tick=False)
    assert deadlines.sweep() == 0


def test_recipients_without_a_query_per_trajectory(gemeente, medewerker):
    for _i in range(3):
        subsidietraject(gemeente, medewerker)
    bron = SubsidieBeslistermijnSource()
    with CaptureQueriesContext(connection) as vastgelegd:
        gevonden = list(bron.deadlines(van=ams(2026, 4, 1, 0, 0), tot=ams(2026, 5, 1, 0, 0)))
    assert len(gevonden) == 3
    assert len(vastgelegd) == 2
