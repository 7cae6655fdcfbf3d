"""Reminders of a conversation with a bidder: 1 day and 2 hours before, once, to the bidder's
people, the committee members without a conflict for that bid and the planning officer;
recipients gathered without a query per conversation."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aanbesteden import deadlines
from aanbesteden.models import Notificatie, VerzondenHerinnering
from beoordeling.deadlines.gesprekken import BodgesprekSource
from beoordeling.tests.factories import CommissielidFactory
from beoordeling.tests.factories_gesprekken import BodgesprekFactory, maak_wereld
from coalities.tests.factories import LidmaatschapFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
NAAM = BodgesprekSource.naam
OP = datetime(2026, 10, 5, 14, 0, tzinfo=AMS)
ONDERWERP = "Hoe betrekt u de jongeren uit de buurt?"


def ams(*args):
    return datetime(*args, tzinfo=AMS)


@pytest.fixture
def bron(monkeypatch):
    """Only this source in the sweep."""
    monkeypatch.setattr(deadlines, "_sources", {})
    return deadlines.register(BodgesprekSource())


@pytest.fixture
def w(gemeente, medewerker, time_machine):
    time_machine.move_to(ams(2026, 9, 1, 9, 0), tick=False)
    wereld = maak_wereld(gemeente, medewerker)
    wereld.extra["gesprek"] = BodgesprekFactory(
        bod=wereld.bod, gepland_op=OP, toelichting=ONDERWERP, gepland_door=medewerker
    )
    # A cancelled conversation is not reminded.
    BodgesprekFactory(bod=wereld.coalitiebod, gepland_op=OP, geannuleerd=True)
    return wereld


def _ontvangers():
    return sorted(
        VerzondenHerinnering.objects.filter(sleutel__startswith=NAAM).values_list(
            "user_id", flat=True
        )
    )


def test_source_declares_one_day_and_two_hours():
    assert BodgesprekSource.herinneringen == (timedelta(days=1), timedelta(hours=2))


def test_reminded_one_day_and_two_hours_before_to_the_right_people_once(bron, w, time_machine):
    bieders = sorted([w.bieder.pk, w.bieder_lid.pk])
    # The recused member is left out; the member who did not sign yet is told.
    commissie = sorted([w.lid.user_id, w.ongetekend.user_id, w.medewerker.pk])
    time_machine.move_to(ams(2026, 10, 4, 13, 59), tick=False)
    assert deadlines.sweep() == 0
    time_machine.move_to(ams(2026, 10, 4, 14, 0), tick=False)
    assert deadlines.sweep() == 5
    assert deadlines.sweep() == 0
    assert _ontvangers() == sorted(bieders + commissie)
    assert not Notificatie.objects.filter(user=w.gewraakt.user).exists()
    assert not Notificatie.objects.filter(user=w.partnerlid).exists()  # cancelled one

    voor_bieder = Notificatie.objects.get(user=w.bieder)
    assert w.traject.titel in voor_bieder.onderwerp
    assert "maandag 5 oktober 2026, 14:00" in voor_bieder.tekst
    assert "Buurthuis De Boomgaard, zaal 2" in voor_bieder.tekst
    assert ONDERWERP in voor_bieder.tekst
    assert voor_bieder.url.endswith(reverse("beoordeling:bod", args=[w.bod.pk]))

    voor_lid = Notificatie.objects.get(user=w.ongetekend.user)
    assert "Stichting Buurtkracht" in voor_lid.onderwerp
    assert "maandag 5 oktober 2026, 14:00" in voor_lid.tekst
    assert ONDERWERP not in voor_lid.tekst  # the subject needs the declaration
    assert voor_lid.url.endswith(reverse("beoordeling:gesprekken", args=[w.traject.pk]))

    time_machine.move_to(ams(2026, 10, 5, 12, 0), tick=False)
    assert deadlines.sweep() == 5
    assert deadlines.sweep() == 0
    assert Notificatie.objects.filter(user=w.medewerker).count() == 2


def test_a_moved_conversation_is_reminded_at_its_new_time(bron, w, time_machine):
    gesprek = w.extra["gesprek"]
    time_machine.move_to(ams(2026, 10, 4, 14, 0), tick=False)
    assert deadlines.sweep() == 5
    gesprek.gepland_op = ams(2026, 10, 8, 14, 0)
    gesprek.save()
    time_machine.move_to(ams(2026, 10, 7, 14, 0), tick=False)
    assert deadlines.sweep() == 5


def test_cancelled_conversations_are_not_reminded(bron, w, time_machine):
    type(w.extra["gesprek"]).objects.update(geannuleerd_op=timezone.now())
    time_machine.move_to(ams(2026, 10, 5, 12, 0), tick=False)
    assert deadlines.sweep() == 0


def test_recipients_without_a_query_per_conversation(bron, gemeente, medewerker, w):
    def vragen(n):
        for _ in range(n):
            extra = maak_wereld(gemeente, medewerker)
            BodgesprekFactory(bod=extra.bod, gepland_op=OP, gepland_door=medewerker)
            BodgesprekFactory(bod=extra.coalitiebod, gepland_op=OP)
            CommissielidFactory(traject=extra.traject)
            LidmaatschapFactory(organisatie=extra.bod.organisatie)
        with CaptureQueriesContext(connection) as ctx:
            gevonden = list(bron.deadlines(van=ams(2026, 9, 1, 9, 0), tot=ams(2026, 11, 1, 0, 0)))
        return len(ctx.captured_queries), gevonden

    weinig, gevonden = vragen(1)
    veel, meer = vragen(5)
    # conversations, coalition partners, memberships, committee members (with their lots,
    # issue 13), conflicts
    assert weinig == veel == 6
    assert len(meer) == len(gevonden) + 5 * 4
