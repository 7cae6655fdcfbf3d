"""Issue 13, rule 11: conversations equal for all.

Conversations are announced in the call (whether, format, length) and offered to every
bidder of a lot alike: the format and length come from the call, never typed per
conversation; planning is refused when the call announced none. The page shows per lot
who had theirs. A conversation clarifies a bid and never changes it: the officer records
what was clarified, which the bidder receives; the committee's notes stay hidden.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent, Notificatie
from beoordeling.forms.gesprekken import PlannenForm
from beoordeling.models import Bod, Bodgesprek, BodVersie
from beoordeling.services import gesprekken as s
from beoordeling.tests.factories_gesprekken import (
    BodgesprekFactory,
    GespreksnotitieFactory,
    maak_wereld,
)
from tests.helpers import get_als
from trajecten import inhoud
from trajecten.tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
NU = datetime(2026, 9, 1, 9, 0, tzinfo=AMS)
OP = datetime(2026, 9, 8, 14, 0, tzinfo=AMS)
VERSLAG = "U lichtte toe dat de buurtcoach ook op huisbezoek gaat."
NOTITIE = "Geheime notitie: de begroting klopt niet helemaal."


@pytest.fixture
def w(gemeente, medewerker, time_machine):
    time_machine.move_to(NU, tick=False)
    return maak_wereld(gemeente, medewerker)


def plannen(w, bod, moment=OP):
    return s.gesprek_plannen(
        actor=w.medewerker, bod=bod, gepland_op=moment, locatie="Buurthuis", ontvangen_op=NU
    )


def test_planning_is_refused_when_the_call_announced_no_conversations(
    client, gemeente, medewerker, time_machine
):
    time_machine.move_to(NU, tick=False)
    w = maak_wereld(gemeente, medewerker, aangekondigd=False)
    with pytest.raises(DomainError, match="kondigt geen gesprekken met bieders aan"):
        plannen(w, w.bod)
    assert not Bodgesprek.objects.exists()
    page = get_als(client, medewerker, reverse("beoordeling:gesprekken", args=[w.traject.pk]))
    tekst = page.content.decode()
    assert 'id="niet-plannen"' in tekst and "kondigt geen gesprekken met bieders aan" in tekst
    assert 'id="plannen-kop"' not in tekst


def test_the_call_prints_whether_there_are_conversations_with_their_format_and_length(gemeente):
    met = TrajectFactory(
        gemeente=gemeente, bodgesprekken=True, gesprek_vorm="video", gesprek_duur_minuten=30
    )
    tekst = inhoud.snapshot(met)["gunning"]["gesprekken"]
    assert "met elke bieder op een perceel een gesprek" in tekst
    assert "videogesprek, 30 minuten" in tekst
    zonder = TrajectFactory(gemeente=gemeente)
    assert inhoud.snapshot(zonder)["gunning"]["gesprekken"] == (
        "Er zijn geen gesprekken met bieders."
    )


def test_format_and_length_come_from_the_call_and_are_the_same_for_every_bidder(w):
    assert {"vorm", "duur", "gesprek_vorm", "gesprek_duur_minuten"}.isdisjoint(
        PlannenForm(biedingen=[]).fields
    )
    plannen(w, w.bod)
    plannen(w, w.coalitiebod)
    berichten = [n.tekst for n in Notificatie.objects.filter(user__in=[w.bieder, w.penvoerder])]
    assert len(berichten) == 2
    assert all("Hoe: Op locatie, 45 minuten" in b for b in berichten)


def test_the_page_shows_per_lot_who_had_their_conversation_and_who_not_yet(client, w, time_machine):
    gesprek = plannen(w, w.bod)
    plannen(w, w.coalitiebod)
    time_machine.move_to(OP + timedelta(hours=1), tick=False)
    s.verslag_vastleggen(
        actor=w.medewerker, gesprek=gesprek, verslag=VERSLAG, ontvangen_op=OP + timedelta(hours=1)
    )
    page = get_als(client, w.lid.user, reverse("beoordeling:gesprekken", args=[w.traject.pk]))
    tekst = page.content.decode()
    rij = tekst[tekst.index(f'data-perceel="{w.perceel.pk}"') :]
    rij = rij[: rij.index("</tr>")]
    assert 'data-gehad="1"' in rij and "Stichting Buurtkracht" in rij
    assert 'data-nog-niet="1"' in rij and "Wijkcoöperatie Oost" in rij
    assert "Op locatie, 45 minuten" in tekst


def test_the_bidder_receives_the_record_and_never_the_committees_notes(client, w, time_machine):
    gesprek = plannen(w, w.bod)
    GespreksnotitieFactory(gesprek=gesprek, auteur=w.lid.user, tekst=NOTITIE)
    versies = list(BodVersie.objects.filter(bod=w.bod).values_list("pk", "sha256"))
    concept = Bod.objects.get(pk=w.bod.pk).concept
    time_machine.move_to(OP + timedelta(hours=1), tick=False)
    s.verslag_vastleggen(
        actor=w.medewerker, gesprek=gesprek, verslag=VERSLAG, ontvangen_op=OP + timedelta(hours=1)
    )
    melding = Notificatie.objects.filter(user=w.bieder).latest("pk")
    assert melding.onderwerp.startswith("Verslag van het gesprek over uw bod")
    assert VERSLAG in melding.tekst and NOTITIE not in melding.tekst
    assert "het verandert uw bod niet" in melding.tekst
    page = get_als(client, w.bieder, reverse("beoordeling:bod", args=[w.bod.pk]))
    tekst = page.content.decode()
    assert VERSLAG in tekst and "Wat is verduidelijkt" in tekst
    assert NOTITIE not in tekst
    # The conversation clarified the bid; the bid itself did not change.
    assert list(BodVersie.objects.filter(bod=w.bod).values_list("pk", "sha256")) == versies
    assert Bod.objects.get(pk=w.bod.pk).concept == concept
    assert AuditEvent.objects.filter(event_type=AuditEventType.BODGESPREK_VERSLAG).count() == 1
    # Another bidder does not see it.
    page = get_als(client, w.penvoerder, reverse("beoordeling:bod", args=[w.coalitiebod.pk]))
    assert VERSLAG not in page.content.decode()


def test_the_record_comes_after_the_conversation_once_and_never_for_a_cancelled_one(
    w, time_machine
):
    gesprek = plannen(w, w.bod)
    with pytest.raises(DomainError, match="na het gesprek"):
        s.verslag_vastleggen(actor=w.medewerker, gesprek=gesprek, verslag=VERSLAG, ontvangen_op=NU)
    na = OP + timedelta(hours=1)
    time_machine.move_to(na, tick=False)
    s.verslag_vastleggen(actor=w.medewerker, gesprek=gesprek, verslag=VERSLAG, ontvangen_op=na)
    # A double click changes nothing; another text is refused: it was sent.
    s.verslag_vastleggen(actor=w.medewerker, gesprek=gesprek, verslag=VERSLAG, ontvangen_op=na)
    with pytest.raises(DomainError, match="verslag is naar de bieder gestuurd"):
        s.verslag_vastleggen(
            actor=w.medewerker, gesprek=gesprek, verslag="Anders.", ontvangen_op=na
        )
    # A conversation that took place is not moved or cancelled.
    with pytest.raises(DomainError, match="is gevoerd"):
        plannen(w, w.bod, moment=na + timedelta(days=2))
    with pytest.raises(DomainError, match="is gevoerd"):
        s.gesprek_annuleren(actor=w.medewerker, gesprek=gesprek)
    geannuleerd = BodgesprekFactory(
        bod=w.coalitiebod, gepland_op=OP, geannuleerd=True, gepland_door=w.medewerker
    )
    with pytest.raises(DomainError, match="afgezegd"):
        s.verslag_vastleggen(
            actor=w.medewerker, gesprek=geannuleerd, verslag=VERSLAG, ontvangen_op=na
        )


def test_only_a_medewerker_records_what_was_clarified(client, w, time_machine):
    gesprek = plannen(w, w.bod)
    na = OP + timedelta(hours=1)
    time_machine.move_to(na, tick=False)
    with pytest.raises(NotAllowed):
        s.verslag_vastleggen(actor=w.lid.user, gesprek=gesprek, verslag=VERSLAG, ontvangen_op=na)
    url = reverse("beoordeling:gesprek_verslag", args=[gesprek.pk])
    client.force_login(w.bieder)
    assert client.post(url, {"verslag-verslag": VERSLAG}).status_code == 404
    client.force_login(w.lid.user)
    client.post(url, {"verslag-verslag": VERSLAG})
    assert not Bodgesprek.objects.get(pk=gesprek.pk).verslag_op
    # The officer's page offers the form, and sending it records it.
    client.force_login(w.medewerker)
    pagina = client.get(reverse("beoordeling:gesprek", args=[gesprek.pk])).content.decode()
    assert "Stuur het verslag naar de bieder" in pagina
    antwoord = client.post(url, {"verslag-verslag": VERSLAG})
    assert antwoord.status_code == 302
    assert Bodgesprek.objects.get(pk=gesprek.pk).verslag == VERSLAG
    pagina = client.get(reverse("beoordeling:gesprek", args=[gesprek.pk])).content.decode()
    assert "Naar de bieder gestuurd op" in pagina and VERSLAG in pagina


def test_an_empty_record_shows_the_error_at_the_field(client, w, time_machine):
    gesprek = plannen(w, w.bod)
    time_machine.move_to(OP + timedelta(hours=1), tick=False)
    client.force_login(w.medewerker)
    antwoord = client.post(
        reverse("beoordeling:gesprek_verslag", args=[gesprek.pk]), {"verslag-verslag": " "}
    )
    assert antwoord.status_code == 200
    assert 'id="verslag-kop"' in antwoord.content.decode()
    assert not Bodgesprek.objects.get(pk=gesprek.pk).verslag_op
