"""Reminders of pending invitations to a coalition, 7 days and 1 day before bids close."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aanbesteden import deadlines
from aanbesteden.models import Notificatie, VerzondenHerinnering
from aanbesteden.tests.factories import UserFactory
from coalities.constants import CoalitieStatus, PartnerStatus
from coalities.deadlines import OpenUitnodigingenSource
from coalities.tests.factories import (
    CoalitieFactory,
    CoalitiePartnerFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
)
from trajecten.tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
SLUIT = datetime(2026, 6, 20, 12, tzinfo=AMS)


def ams(*args):
    return datetime(*args, tzinfo=AMS)


@pytest.fixture
def bron():
    """The source registered for the sweep, and removed afterwards."""
    source = deadlines.register(OpenUitnodigingenSource())
    yield source
    deadlines._sources.pop(source.naam, None)


def _uitgenodigd(
    traject,
    *,
    coalitie_status=CoalitieStatus.OPEN,
    status=PartnerStatus.UITGENODIGD,
    toegezegd_op=None,
):
    coalitie = CoalitieFactory(traject=traject, status=coalitie_status)
    organisatie = OrganisatieFactory()
    partner = CoalitiePartnerFactory(
        coalitie=coalitie, organisatie=organisatie, status=status, toegezegd_op=toegezegd_op
    )
    return partner


@pytest.fixture
def wereld(gemeente, time_machine):
    time_machine.move_to(ams(2026, 6, 1, 9), tick=False)
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True, inschrijving_sluit=SLUIT)
    partner = _uitgenodigd(traject)
    beheerders = [
        LidmaatschapFactory(organisatie=partner.organisatie, beheerder=True).user for _ in range(2)
    ]
    LidmaatschapFactory(organisatie=partner.organisatie)  # a plain member: not reminded
    LidmaatschapFactory(
        organisatie=partner.organisatie, beheerder=True, user=UserFactory(is_active=False)
    )
    # Not reminded: accepted, declined, accepted for the next version of a locked
    # coalition, a draft trajectory.
    overig = [
        _uitgenodigd(traject, status=PartnerStatus.GEACCEPTEERD),
        _uitgenodigd(traject, status=PartnerStatus.AFGEWEZEN),
        _uitgenodigd(
            traject,
            coalitie_status=CoalitieStatus.VERGRENDELD,
            toegezegd_op=ams(2026, 5, 30, 9),
        ),
        _uitgenodigd(TrajectFactory(gemeente=gemeente, inschrijving_sluit=SLUIT)),
    ]
    for p in overig:
        LidmaatschapFactory(organisatie=p.organisatie, beheerder=True)
    return {"traject": traject, "partner": partner, "beheerders": beheerders}


def test_reminded_seven_days_and_one_day_before(bron, wereld, time_machine):
    partner = wereld["partner"]
    assert bron in deadlines.registered_sources()
    assert deadlines._sweep_source(bron, ams(2026, 6, 13, 11, 59)) == 0
    assert deadlines._sweep_source(bron, ams(2026, 6, 13, 12, 0)) == 2
    assert deadlines._sweep_source(bron, ams(2026, 6, 13, 12, 5)) == 0  # once
    meldingen = Notificatie.objects.filter(url=partner.coalitie.get_absolute_url())
    assert sorted(m.user_id for m in meldingen) == sorted(u.pk for u in wereld["beheerders"])
    melding = meldingen.first()
    assert partner.coalitie.naam in melding.onderwerp
    assert "@" not in melding.tekst
    assert deadlines._sweep_source(bron, ams(2026, 6, 19, 12, 0)) == 2
    assert VerzondenHerinnering.objects.count() == 4


def test_an_answered_invitation_is_not_reminded(bron, wereld):
    partner = wereld["partner"]
    partner.status = PartnerStatus.GEACCEPTEERD
    partner.save()
    assert deadlines._sweep_source(bron, ams(2026, 6, 13, 12, 0)) == 0


def test_a_new_invitation_after_a_decline_is_reminded_again(wereld):
    bron = OpenUitnodigingenSource()
    assert deadlines._sweep_source(bron, ams(2026, 6, 19, 12, 0)) == 2
    partner = wereld["partner"]
    partner.uitgenodigd_op = ams(2026, 6, 19, 13, 0)  # declined and invited again
    partner.save()
    assert deadlines._sweep_source(bron, ams(2026, 6, 19, 13, 5)) == 2
    assert deadlines._sweep_source(bron, ams(2026, 6, 19, 13, 10)) == 0


def test_recipients_without_a_query_per_row(wereld):
    bron = OpenUitnodigingenSource()
    nu = ams(2026, 6, 13, 12)

    def tel():
        with CaptureQueriesContext(connection) as ctx:
            gevonden = list(bron.deadlines(van=nu, tot=ams(2026, 6, 30)))
        return len(gevonden), len(ctx.captured_queries)

    assert tel() == (1, 2)
    for _ in range(9):
        p = _uitgenodigd(wereld["traject"])
        LidmaatschapFactory(organisatie=p.organisatie, beheerder=True)
    assert tel() == (10, 2)


def test_an_open_invitation_to_a_locked_coalition_is_still_reminded(bron, wereld):
    """Issue 11, point 6: the invited organisation can answer while a submitted bid locks the
    coalition, and the reminders do not stop (which would tell that a bid was submitted)."""
    partner = _uitgenodigd(wereld["traject"], coalitie_status=CoalitieStatus.VERGRENDELD)
    beheerder = LidmaatschapFactory(organisatie=partner.organisatie, beheerder=True).user
    assert deadlines._sweep_source(bron, ams(2026, 6, 13, 12, 0)) == 3
    assert Notificatie.objects.filter(
        user=beheerder, url=partner.coalitie.get_absolute_url()
    ).exists()
