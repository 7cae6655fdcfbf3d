"""Reminders of the consensus meeting: the committee and the planning officer, 1 day and
2 hours before, once; recipients gathered without a query per meeting."""

from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aanbesteden import deadlines
from aanbesteden.models import Notificatie, VerzondenHerinnering
from beoordeling.constants import Ronde
from beoordeling.deadlines.consensus import ConsensusOverlegSource
from beoordeling.services import consensus as s
from beoordeling.tests.factories import CommissielidFactory
from beoordeling.tests.test_commissie_services import maak_wereld
from beoordeling.tests.test_consensus_services import AMS, met_voorzitter, sluiten, vastleggen

pytestmark = pytest.mark.django_db

NAAM = ConsensusOverlegSource.naam


def ams(*args):
    return datetime(*args, tzinfo=AMS)


@pytest.fixture
def bron(monkeypatch):
    """Only this source in the sweep."""
    monkeypatch.setattr(deadlines, "_sources", {})
    return deadlines.register(ConsensusOverlegSource())


def _plannen(w, moment, locatie="Wijkcentrum De Boomgaard"):
    return s.consensusoverleg_plannen(
        actor=w.medewerker,
        traject=w.traject,
        ronde=Ronde.HOOFDLIJNEN,
        gepland_op=moment,
        locatie=locatie,
        ontvangen_op=timezone.now(),
    )


def _ontvangers():
    return sorted(
        VerzondenHerinnering.objects.filter(sleutel__startswith=NAAM).values_list(
            "user_id", flat=True
        )
    )


def test_committee_and_medewerker_are_reminded_one_day_and_two_hours_before(
    bron, gemeente, medewerker, time_machine
):
    time_machine.move_to(ams(2026, 9, 1, 9, 0), tick=False)
    w = maak_wereld(gemeente, medewerker, leden=3)
    _plannen(w, ams(2026, 10, 5, 19, 30))
    Notificatie.objects.all().delete()  # the planning messages
    iedereen = sorted([lid.user_id for lid in w.leden] + [medewerker.pk])

    time_machine.move_to(ams(2026, 10, 4, 19, 29), tick=False)
    assert deadlines.sweep() == 0
    time_machine.move_to(ams(2026, 10, 4, 19, 30), tick=False)
    assert deadlines.sweep() == 4
    assert deadlines.sweep() == 0
    assert _ontvangers() == iedereen
    bericht = Notificatie.objects.get(user=w.leden[0].user)
    assert w.traject.titel in bericht.onderwerp
    assert "maandag 5 oktober 2026, 19:30" in bericht.tekst
    assert "Wijkcentrum De Boomgaard" in bericht.tekst
    assert bericht.url.endswith(f"/trajecten/{w.traject.pk}/consensus/hoofdlijnen/")

    time_machine.move_to(ams(2026, 10, 5, 17, 30), tick=False)
    assert deadlines.sweep() == 4
    assert deadlines.sweep() == 0
    assert _ontvangers() == sorted(iedereen * 2)


def test_a_medewerker_on_the_committee_is_reminded_once(bron, gemeente, medewerker, time_machine):
    time_machine.move_to(ams(2026, 9, 1, 9, 0), tick=False)
    w = maak_wereld(gemeente, medewerker, leden=1)
    CommissielidFactory(traject=w.traject, user=medewerker, is_bewoner=False)
    _plannen(w, ams(2026, 10, 5, 19, 30))
    time_machine.move_to(ams(2026, 10, 4, 19, 30), tick=False)
    assert deadlines.sweep() == 2


def test_a_closed_consensus_is_not_reminded(bron, gemeente, medewerker, time_machine):
    time_machine.move_to(ams(2026, 9, 1, 9, 0), tick=False)
    w = maak_wereld(gemeente, medewerker, biedingen=1, leden=2)
    met_voorzitter(w)
    overleg = _plannen(w, ams(2026, 10, 5, 19, 30))
    vastleggen(medewerker, w.biedingen[0], w.criteria, [8, 4])
    sluiten(overleg)
    time_machine.move_to(ams(2026, 10, 4, 19, 30), tick=False)
    assert deadlines.sweep() == 0


def test_recipients_without_a_query_per_meeting(bron, gemeente, medewerker, time_machine):
    time_machine.move_to(ams(2026, 9, 1, 9, 0), tick=False)

    def vragen(n):
        for _ in range(n):
            w = maak_wereld(gemeente, medewerker, biedingen=1, leden=2)
            _plannen(w, ams(2026, 9, 20, 17, 0))
        with CaptureQueriesContext(connection) as ctx:
            gevonden = list(bron.deadlines(van=ams(2026, 9, 1, 9, 0), tot=ams(2026, 10, 1, 0, 0)))
        return len(ctx.captured_queries), gevonden

    weinig, gevonden = vragen(1)
    veel, meer = vragen(5)
    assert weinig == veel == 2  # the meetings with their trajectory and officer; the members
    assert len(meer) == len(gevonden) + 5
    assert all(len(d.ontvangers) == 3 for d in meer)
