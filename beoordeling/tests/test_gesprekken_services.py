"""Conversations with bidders: planning, moving, cancelling, the committee's notes; every
refusal, what the bidder's people are told, recusal, and a double click."""

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import translation

from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent, Notificatie
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from beoordeling.models import Bodgesprek, ConsensusOverleg, Gespreksnotitie
from beoordeling.selectors import gesprekken as sel
from beoordeling.services import gesprekken as s
from beoordeling.tests.factories import (
    BelangenverklaringFactory,
    BodFactory,
    CommissielidFactory,
)
from beoordeling.tests.factories_gesprekken import (
    BodgesprekFactory,
    ConsensusOverlegFactory,
    GespreksnotitieFactory,
    maak_wereld,
)

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
NU = datetime(2026, 9, 1, 9, 0, tzinfo=AMS)
OP = datetime(2026, 10, 5, 14, 0, tzinfo=AMS)  # a Monday
LATER = datetime(2026, 10, 7, 10, 30, tzinfo=AMS)  # a Wednesday


@pytest.fixture(autouse=True)
def _engels():
    """Error messages are matched in English (the source strings), whatever catalogue is
    merged; notifications are written in Dutch all the same."""
    with translation.override("en"):
        yield


@pytest.fixture
def w(gemeente, medewerker, time_machine):
    time_machine.move_to(NU, tick=False)
    return maak_wereld(gemeente, medewerker)


def plannen(w, bod=None, **kwargs):
    args = {
        "actor": w.medewerker,
        "bod": bod or w.bod,
        "gepland_op": OP,
        "locatie": "Buurthuis De Boomgaard, zaal 2",
        "toelichting": "Hoe betrekt u de jongeren uit de buurt?",
        "ontvangen_op": NU,
    }
    args.update(kwargs)
    return s.gesprek_plannen(**args)


def events(event_type):
    return AuditEvent.objects.filter(event_type=event_type)


def berichten(user):
    return list(Notificatie.objects.filter(user=user).order_by("pk"))


# --- planning -----------------------------------------------------------------------------


def test_medewerker_plans_and_the_bidders_people_are_told_with_moment_and_place(
    w, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        gesprek = plannen(w)
    assert gesprek.bod == w.bod and gesprek.gepland_op == OP
    assert gesprek.gepland_door == w.medewerker and gesprek.geannuleerd_op is None
    (bericht,) = berichten(w.bieder)
    assert w.traject.titel in bericht.onderwerp
    assert "maandag 5 oktober 2026, 14:00" in bericht.tekst
    assert "Buurthuis De Boomgaard, zaal 2" in bericht.tekst
    assert "Hoe betrekt u de jongeren uit de buurt?" in bericht.tekst
    assert bericht.url.endswith(f"/beoordeling/biedingen/{w.bod.pk}/")
    # Every member of the bidding organisation, not only its administrators.
    assert len(berichten(w.bieder_lid)) == 1
    # Not the coalition's people, nor the committee.
    for user in (w.penvoerder, w.partnerlid, w.lid.user, w.medewerker):
        assert berichten(user) == []
    mails = [m for m in mailoutbox if m.to == [w.bieder.email]]
    assert len(mails) == 1 and "maandag 5 oktober 2026, 14:00" in mails[0].body
    event = events(AuditEventType.BODGESPREK_GEPLAND).get()
    assert event.actor == w.medewerker and event.gemeente == w.traject.gemeente
    assert (event.from_state, event.to_state) == ("", "gepland")
    assert event.detail["bod"] == w.bod.pk


def test_the_moment_is_told_in_dutch_time_in_winter_too(w):
    winter = datetime(2026, 12, 14, 9, 15, tzinfo=ZoneInfo("UTC"))  # 10:15 in Amsterdam
    plannen(w, gepland_op=winter)
    assert "maandag 14 december 2026, 10:15" in berichten(w.bieder)[0].tekst


def test_a_coalition_bid_tells_the_accepted_partners_not_the_invited(w):
    plannen(w, bod=w.coalitiebod)
    for user in (w.penvoerder, w.partnerlid):
        assert len(berichten(user)) == 1, user
    assert berichten(w.uitgenodigd_lid) == []
    assert berichten(w.bieder) == []


def test_moving_tells_the_new_and_the_old_moment(w):
    plannen(w)
    gesprek = plannen(w, gepland_op=LATER, locatie="Online: https://meet.example/oost")
    assert Bodgesprek.objects.count() == 1
    gesprek.refresh_from_db()
    assert gesprek.gepland_op == LATER
    eerste, tweede = berichten(w.bieder)
    assert "woensdag 7 oktober 2026, 10:30" in tweede.tekst
    assert "maandag 5 oktober 2026, 14:00" in tweede.tekst
    assert "https://meet.example/oost" in tweede.tekst
    assert tweede.onderwerp != eerste.onderwerp
    event = events(AuditEventType.BODGESPREK_GEPLAND).order_by("pk").last()
    assert (event.from_state, event.to_state) == ("gepland", "gepland")


def test_a_double_click_plans_once_and_tells_once(w):
    eerste = plannen(w)
    tweede = plannen(w)
    assert eerste.pk == tweede.pk
    assert events(AuditEventType.BODGESPREK_GEPLAND).count() == 1
    assert len(berichten(w.bieder)) == 1


def test_cancel_then_plan_again(w):
    gesprek = plannen(w)
    s.gesprek_annuleren(actor=w.medewerker, gesprek=gesprek)
    s.gesprek_annuleren(actor=w.medewerker, gesprek=gesprek)  # a double click
    gesprek.refresh_from_db()
    assert gesprek.geannuleerd_op is not None
    assert events(AuditEventType.BODGESPREK_GEANNULEERD).count() == 1
    gepland, geannuleerd = berichten(w.bieder)
    assert "maandag 5 oktober 2026, 14:00" in geannuleerd.tekst
    assert geannuleerd.onderwerp != gepland.onderwerp
    assert sel.gesprek_voor_bieder(w.bod) is None
    opnieuw = plannen(w, gepland_op=LATER)
    assert opnieuw.pk == gesprek.pk and opnieuw.geannuleerd_op is None
    assert sel.gesprek_voor_bieder(w.bod).gepland_op == LATER
    event = events(AuditEventType.BODGESPREK_GEPLAND).order_by("pk").last()
    assert event.from_state == "geannuleerd"
    assert "woensdag 7 oktober 2026, 10:30" in berichten(w.bieder)[-1].tekst


@pytest.mark.parametrize(
    "wie",
    ["burger", "lid", "bieder", "medewerker_andere_gemeente", "beheerder"],
)
def test_only_medewerkers_of_the_gemeente_plan_and_cancel(w, wie, andere_gemeente, beheerder):
    actor = {
        "burger": UserFactory(),
        "lid": w.lid.user,
        "bieder": w.bieder,
        "medewerker_andere_gemeente": MedewerkerFactory(gemeente=andere_gemeente).user,
        "beheerder": beheerder,
    }[wie]
    with pytest.raises(NotAllowed):
        plannen(w, actor=actor)
    gesprek = plannen(w)
    with pytest.raises(NotAllowed):
        s.gesprek_annuleren(actor=actor, gesprek=gesprek)
    gesprek.refresh_from_db()
    assert gesprek.geannuleerd_op is None


def test_refused_before_the_vault_is_opened(gemeente, medewerker, time_machine):
    time_machine.move_to(NU, tick=False)
    w = maak_wereld(gemeente, medewerker, geopend=False)
    with pytest.raises(DomainError, match="vault"):
        plannen(w)
    assert not Bodgesprek.objects.exists()


def test_refused_for_a_draft_bid_even_after_the_opening(w):
    concept = BodFactory(perceel=w.perceel)
    with pytest.raises(DomainError):
        plannen(w, bod=concept)
    assert not Bodgesprek.objects.exists()


@pytest.mark.parametrize("moment", [NU, NU - timedelta(minutes=1)])
def test_the_moment_must_be_after_the_request_arrived(w, moment):
    with pytest.raises(DomainError, match="future"):
        plannen(w, gepland_op=moment)
    assert not Bodgesprek.objects.exists()
    gesprek = plannen(w, gepland_op=NU + timedelta(minutes=1))
    assert Bodgesprek.objects.get().pk == gesprek.pk


def test_refused_once_the_consensus_of_the_stage_is_closed(w):
    gesprek = plannen(w)
    ConsensusOverlegFactory(traject=w.traject)  # planned, not closed: still open
    plannen(w, gepland_op=LATER)
    ConsensusOverleg.objects.filter(traject=w.traject).update(vastgesteld_op=NU)
    with pytest.raises(DomainError, match="final judgement"):
        plannen(w, gepland_op=OP)
    with pytest.raises(DomainError, match="final judgement"):
        s.gesprek_annuleren(actor=w.medewerker, gesprek=gesprek)
    with pytest.raises(DomainError, match="final judgement"):
        s.notitie_toevoegen(actor=w.lid.user, gesprek=gesprek, tekst="Te laat.")
    gesprek.refresh_from_db()
    assert gesprek.gepland_op == LATER and gesprek.geannuleerd_op is None


def test_a_closed_consensus_of_the_other_stage_does_not_count(w):
    ConsensusOverlegFactory(traject=w.traject, ronde="uitwerking", vastgesteld=True)
    gesprek = plannen(w)
    # The conversation stands, and the bidder is told the moment.
    gesprek.refresh_from_db()
    assert gesprek.gepland_op == OP and gesprek.geannuleerd_op is None
    assert sel.gesprek_voor_bieder(w.bod) == gesprek
    assert events(AuditEventType.BODGESPREK_GEPLAND).count() == 1
    (bericht,) = berichten(w.bieder)
    assert "maandag 5 oktober 2026, 14:00" in bericht.tekst


def test_a_medewerker_with_a_conflict_for_the_bid_does_not_plan(w):
    collega = MedewerkerFactory(gemeente=w.traject.gemeente).user
    lid = CommissielidFactory(traject=w.traject, user=collega, ambtenaar=True)
    BelangenverklaringFactory(commissielid=lid, bod=w.bod, conflict=True)
    with pytest.raises(NotAllowed):
        plannen(w, actor=collega)
    # Issue 13: the conflict is for the whole lot, the coalition's bid included.
    with pytest.raises(NotAllowed):
        plannen(w, actor=collega, bod=w.coalitiebod)


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_make_one_conversation(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker)
    nu = datetime.now(tz=AMS)
    barrier = threading.Barrier(2)
    uitkomsten, fouten = [], []

    def plan():
        try:
            barrier.wait()
            uitkomsten.append(plannen(w, gepland_op=nu + timedelta(days=3), ontvangen_op=nu).pk)
        except Exception as exc:  # noqa: BLE001
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=plan) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert fouten == []
    assert Bodgesprek.objects.count() == 1 and len(set(uitkomsten)) == 1
    assert events(AuditEventType.BODGESPREK_GEPLAND).count() == 1
    assert Notificatie.objects.filter(user=w.bieder).count() == 1


# --- notes --------------------------------------------------------------------------------


def test_member_without_conflict_and_medewerker_write_notes(w):
    gesprek = plannen(w)
    notitie = s.notitie_toevoegen(actor=w.lid.user, gesprek=gesprek, tekst="  Sterk verhaal.  ")
    assert notitie.tekst == "Sterk verhaal." and notitie.auteur == w.lid.user
    s.notitie_toevoegen(actor=w.medewerker, gesprek=gesprek, tekst="Afspraken over de ruimte.")
    assert [n.auteur for n in sel.notities_van(gesprek)] == [w.lid.user, w.medewerker]
    event = events(AuditEventType.GESPREKSNOTITIE_VASTGELEGD).first()
    assert event.detail == {"bod": w.bod.pk, "notitie": notitie.pk}
    assert "Sterk" not in str(event.detail)
    # The bidder is told nothing about notes.
    assert len(berichten(w.bieder)) == 1


def test_a_double_click_saves_one_note(w):
    gesprek = plannen(w)
    eerste = s.notitie_toevoegen(actor=w.lid.user, gesprek=gesprek, tekst="Goed gesprek.")
    tweede = s.notitie_toevoegen(actor=w.lid.user, gesprek=gesprek, tekst="Goed gesprek.")
    assert eerste.pk == tweede.pk
    assert Gespreksnotitie.objects.count() == 1
    assert events(AuditEventType.GESPREKSNOTITIE_VASTGELEGD).count() == 1


@pytest.mark.parametrize("wie", ["gewraakt", "ongetekend", "bieder", "burger", "beheerder"])
def test_who_may_not_write_notes(w, wie, beheerder):
    gesprek = plannen(w)
    actor = {
        "gewraakt": w.gewraakt.user,
        "ongetekend": w.ongetekend.user,
        "bieder": w.bieder,
        "burger": UserFactory(),
        "beheerder": beheerder,
    }[wie]
    with pytest.raises(NotAllowed):
        s.notitie_toevoegen(actor=actor, gesprek=gesprek, tekst="Mag niet.")
    assert not Gespreksnotitie.objects.exists()


def test_recused_member_sees_nothing_of_the_conversation(w):
    gesprek = plannen(w)
    assert not sel.mag_gesprek_zien(w.gewraakt.user, w.bod)
    # Issue 13: recused from the whole lot.
    assert not sel.mag_gesprek_zien(w.gewraakt.user, w.coalitiebod)
    with pytest.raises(Bodgesprek.DoesNotExist):
        sel.gesprek_voor(w.gewraakt.user, gesprek.pk)
    toegang = sel.toegang(w.gewraakt.user, w.traject.pk)
    regel = next(r for r in sel.gesprekken_van(w.gewraakt.user, toegang) if r.bod == w.bod)
    assert regel.toegang == sel.GEWRAAKT and not regel.zichtbaar


def test_empty_note_and_cancelled_conversation_are_refused(w):
    gesprek = plannen(w)
    with pytest.raises(DomainError, match="note"):
        s.notitie_toevoegen(actor=w.lid.user, gesprek=gesprek, tekst="   ")
    s.gesprek_annuleren(actor=w.medewerker, gesprek=gesprek)
    with pytest.raises(DomainError, match="cancelled"):
        s.notitie_toevoegen(actor=w.lid.user, gesprek=gesprek, tekst="Toch nog.")


def test_only_own_notes_are_changed_until_the_consensus_is_closed(w):
    gesprek = plannen(w)
    notitie = s.notitie_toevoegen(actor=w.lid.user, gesprek=gesprek, tekst="Eerste indruk.")
    with pytest.raises(NotAllowed):
        s.notitie_wijzigen(actor=w.medewerker, notitie=notitie, tekst="Overschreven.")
    s.notitie_wijzigen(actor=w.lid.user, notitie=notitie, tekst="Eerste indruk, aangevuld.")
    s.notitie_wijzigen(actor=w.lid.user, notitie=notitie, tekst="Eerste indruk, aangevuld.")
    notitie.refresh_from_db()
    assert notitie.tekst == "Eerste indruk, aangevuld."
    gewijzigd = events(AuditEventType.GESPREKSNOTITIE_VASTGELEGD).filter(to_state="gewijzigd")
    assert gewijzigd.count() == 1 and "aangevuld" not in str(gewijzigd.get().detail)
    with pytest.raises(DomainError):
        s.notitie_wijzigen(actor=w.lid.user, notitie=notitie, tekst="")
    ConsensusOverlegFactory(traject=w.traject, vastgesteld=True)
    with pytest.raises(DomainError, match="final judgement"):
        s.notitie_wijzigen(actor=w.lid.user, notitie=notitie, tekst="Na afloop.")
    notitie.refresh_from_db()
    assert notitie.tekst == "Eerste indruk, aangevuld."


def test_the_bidder_selector_gives_the_planned_conversation_only(w, django_assert_num_queries):
    assert sel.gesprek_voor_bieder(w.bod) is None
    gesprek = BodgesprekFactory(bod=w.bod)
    GespreksnotitieFactory(gesprek=gesprek, auteur=w.lid.user)
    with django_assert_num_queries(1):
        voor_bieder = sel.gesprek_voor_bieder(w.bod)
    assert voor_bieder.pk == gesprek.pk
    assert "notities" not in getattr(voor_bieder, "_prefetched_objects_cache", {})
    assert sel.gesprek_voor_bieder(w.coalitiebod) is None


def test_the_subject_is_dutch_whatever_language_the_medewerker_uses(w):
    with translation.override("en"):
        plannen(w)
    with translation.override("nl"):
        verwacht = translation.gettext("Conversation about your bid: %(titel)s") % {
            "titel": w.traject.titel
        }
    assert berichten(w.bieder)[0].onderwerp == verwacht
