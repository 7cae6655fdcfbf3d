"""The selection for the elaborated plan: the draft decision per bid, sending it at one
moment with a mail per outcome, every refusal, a double send and two sends at once, the
elaborated stage only after an invitation that was sent, its own sealed vault, and the
reminders of its deadline."""

import threading
from datetime import timedelta

import pytest
from django.db import connection

from aanbesteden import deadlines
from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent, Notificatie
from aanbesteden.tests.factories import GemeenteFactory, MedewerkerFactory, UserFactory
from beoordeling.constants import BodStatus, Ronde
from beoordeling.deadlines.bieden import BodConceptSource
from beoordeling.models import Bod
from beoordeling.selectors import kluis
from beoordeling.services import bieden
from beoordeling.services import selectie as s
from beoordeling.tests.factories import (
    BelangenverklaringFactory,
    BodFactory,
    BodVersieFactory,
    CommissielidFactory,
    KluisOpeningFactory,
    alles_verklaard,
)
from beoordeling.tests.factories_selectie import (
    NA_SLUIT,
    UITWERKING_SLUIT,
    maak_selectiewereld,
    opened_bids,
    uitwerking_van,
)
from coalities.tests.factories import LidmaatschapFactory
from trajecten.tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db

# The elaborated plan's deadline in Dutch words, to the second.
DEADLINE_TEKST = "vrijdag 26 februari 2027, 12:00:00"
VERSTUURD = NA_SLUIT + timedelta(hours=1)


@pytest.fixture
def w(gemeente, time_machine):
    time_machine.move_to(NA_SLUIT, tick=False)
    return maak_selectiewereld(gemeente, time_machine)


def events(event_type):
    return list(AuditEvent.objects.filter(event_type=event_type).order_by("pk"))


def alles_invullen(w, *, a=True, e=False, f=True):
    s.selectie_opslaan(
        actor=w.medewerker, bod=w.bod_a, uitnodigen=a, terugkoppeling="Sterk plan. Meer buurt."
    )
    s.selectie_opslaan(
        actor=w.medewerker, bod=w.bod_e, uitnodigen=e, terugkoppeling="Te weinig draagvlak."
    )
    s.selectie_opslaan(
        actor=w.medewerker, bod=w.bod_f, uitnodigen=f, terugkoppeling="Goed, maar duur."
    )


# --- saving the draft ---------------------------------------------------------------------


def test_saving_the_draft_decision_and_its_audit(w):
    bod = s.selectie_opslaan(
        actor=w.medewerker, bod=w.bod_a, uitnodigen=True, terugkoppeling="  Sterk plan.  "
    )
    bod.refresh_from_db()
    assert bod.uitgenodigd_voor_uitwerking is True
    assert bod.terugkoppeling == "Sterk plan."
    assert bod.selectie_verstuurd_op is None
    (event,) = events(AuditEventType.SELECTIE_OPGESLAGEN)
    assert event.target_type == "trajecten.traject" and event.target_id == str(w.traject.pk)
    assert event.to_state == "uitgenodigd"
    assert event.detail == {"bod": bod.pk, "perceel": w.perceel.pk, "terugkoppeling": True}
    assert "Sterk" not in str(event.detail)
    # The same again writes nothing; a change writes one more event.
    s.selectie_opslaan(
        actor=w.medewerker, bod=w.bod_a, uitnodigen=True, terugkoppeling="Sterk plan."
    )
    assert len(events(AuditEventType.SELECTIE_OPGESLAGEN)) == 1
    s.selectie_opslaan(
        actor=w.medewerker, bod=w.bod_a, uitnodigen=False, terugkoppeling="Toch niet."
    )
    assert len(events(AuditEventType.SELECTIE_OPGESLAGEN)) == 2
    # Saving sends nothing.
    assert Notificatie.objects.count() == 0


def test_saving_all_at_once_is_all_or_nothing(w):
    with pytest.raises(DomainError):
        s.selectie_alles_opslaan(
            actor=w.medewerker,
            keuzes=[(w.bod_a, True, "Goed."), (w.concept_c, True, "Een concept.")],
        )
    w.bod_a.refresh_from_db()
    assert w.bod_a.terugkoppeling == "" and not w.bod_a.uitgenodigd_voor_uitwerking
    s.selectie_alles_opslaan(
        actor=w.medewerker, keuzes=[(w.bod_a, True, "Goed."), (w.bod_e, False, "Niet.")]
    )
    assert set(
        Bod.objects.filter(terugkoppeling__gt="").values_list("pk", "uitgenodigd_voor_uitwerking")
    ) == {(w.bod_a.pk, True), (w.bod_e.pk, False)}


@pytest.mark.parametrize("wie", ["bieder", "burger", "andere_gemeente", "beheerder", "lid"])
def test_only_medewerkers_of_the_gemeente_save(w, andere_gemeente, beheerder, wie):
    actor = {
        "bieder": w.a_beheerder,
        "burger": UserFactory(),
        "andere_gemeente": MedewerkerFactory(gemeente=andere_gemeente).user,
        "beheerder": beheerder,
        "lid": CommissielidFactory(traject=w.traject).user,
    }[wie]
    with pytest.raises(NotAllowed):
        s.selectie_opslaan(actor=actor, bod=w.bod_a, uitnodigen=True, terugkoppeling="Ja.")
    w.bod_a.refresh_from_db()
    assert not w.bod_a.uitgenodigd_voor_uitwerking and w.bod_a.terugkoppeling == ""


def test_saving_is_refused_before_the_opening_for_drafts_and_other_stages(gemeente, time_machine):
    time_machine.move_to(NA_SLUIT, tick=False)
    w = maak_selectiewereld(gemeente, time_machine, geopend=False)
    with pytest.raises(DomainError, match="(vault|kluis)"):
        s.selectie_opslaan(actor=w.medewerker, bod=w.bod_a, uitnodigen=True, terugkoppeling="x")
    KluisOpeningFactory(traject=w.traject, geopend=True)
    with pytest.raises(DomainError):
        s.selectie_opslaan(actor=w.medewerker, bod=w.concept_c, uitnodigen=True, terugkoppeling="x")
    uitwerking = uitwerking_van(w, w.bod_a, ingediend=True)
    with pytest.raises(DomainError, match="(Only outline bids|Alleen biedingen op hoofdlijnen)"):
        s.selectie_opslaan(actor=w.medewerker, bod=uitwerking, uitnodigen=True, terugkoppeling="x")
    assert events(AuditEventType.SELECTIE_OPGESLAGEN) == []


# --- sending ------------------------------------------------------------------------------


def test_sending_sets_one_moment_and_tells_each_bidder_its_outcome(
    w, mailoutbox, django_capture_on_commit_callbacks
):
    alles_invullen(w)
    with django_capture_on_commit_callbacks(execute=True):
        moment = s.selectie_versturen(actor=w.medewerker, traject=w.traject, ontvangen_op=VERSTUURD)
    assert moment == VERSTUURD
    assert set(
        Bod.objects.filter(ronde=Ronde.HOOFDLIJNEN, status=BodStatus.INGEDIEND).values_list(
            "selectie_verstuurd_op", flat=True
        )
    ) == {VERSTUURD}
    w.concept_c.refresh_from_db()
    assert w.concept_c.selectie_verstuurd_op is None

    # The people of A's coalition (A and accepted partner B, not the invited C), of E, of F.
    per_user = {n.user_id: n for n in Notificatie.objects.all()}
    assert set(per_user) == {
        w.a_beheerder.pk,
        w.a_lid.pk,
        w.b_beheerder.pk,
        w.b_lid.pk,
        w.e_beheerder.pk,
        w.e_lid.pk,
        w.f_beheerder.pk,
    }
    assert Notificatie.objects.count() == 7
    mails = {m.to[0]: m for m in mailoutbox}
    assert len(mailoutbox) == 7

    uitgenodigd = mails[w.b_lid.email]
    assert "Buurthuis De Boog" in uitgenodigd.subject
    assert "uitgenodigd voor de volgende" in uitgenodigd.body
    assert "Sterk plan. Meer buurt." in uitgenodigd.body
    assert DEADLINE_TEKST in uitgenodigd.body
    assert f"/beoordeling/biedingen/{w.bod_a.pk}/" in uitgenodigd.body
    assert "Te weinig draagvlak." not in uitgenodigd.body
    assert per_user[w.b_lid.pk].url == f"/beoordeling/biedingen/{w.bod_a.pk}/"

    afgewezen = mails[w.e_lid.email]
    assert "niet uitgenodigd" in afgewezen.body
    assert "Te weinig draagvlak." in afgewezen.body
    assert DEADLINE_TEKST not in afgewezen.body
    assert "Sterk plan" not in afgewezen.body
    assert f"/beoordeling/biedingen/{w.bod_e.pk}/" in afgewezen.body
    assert "Goed, maar duur." in mails[w.f_beheerder.email].body
    assert DEADLINE_TEKST in mails[w.f_beheerder.email].body

    (event,) = events(AuditEventType.SELECTIE_VERSTUURD)
    assert event.target_id == str(w.traject.pk) and event.to_state == "verstuurd"
    assert event.detail["verstuurd_op"] == VERSTUURD.isoformat()
    assert sorted(event.detail["uitgenodigd"]) == sorted([w.bod_a.pk, w.bod_f.pk])
    assert event.detail["niet_uitgenodigd"] == [w.bod_e.pk]


def test_a_second_send_sends_nothing_and_nothing_changes_after_sending(
    w, mailoutbox, django_capture_on_commit_callbacks
):
    alles_invullen(w)
    with django_capture_on_commit_callbacks(execute=True):
        s.selectie_versturen(actor=w.medewerker, traject=w.traject, ontvangen_op=VERSTUURD)
    assert len(mailoutbox) == 7
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(DomainError, match="(sent|verstuurd)"):
            s.selectie_versturen(
                actor=w.medewerker,
                traject=w.traject,
                ontvangen_op=VERSTUURD + timedelta(seconds=1),
            )
    assert len(mailoutbox) == 7 and Notificatie.objects.count() == 7
    assert len(events(AuditEventType.SELECTIE_VERSTUURD)) == 1
    with pytest.raises(DomainError, match="(sent|verstuurd)"):
        s.selectie_opslaan(actor=w.medewerker, bod=w.bod_e, uitnodigen=True, terugkoppeling="x")
    w.bod_e.refresh_from_db()
    assert not w.bod_e.uitgenodigd_voor_uitwerking
    assert w.bod_e.terugkoppeling == "Te weinig draagvlak."
    assert w.bod_e.selectie_verstuurd_op == VERSTUURD


def _geen_gevolgen(w):
    assert Notificatie.objects.count() == 0
    assert not Bod.objects.filter(selectie_verstuurd_op__isnull=False).exists()
    assert events(AuditEventType.SELECTIE_VERSTUURD) == []


def test_sending_is_refused_before_the_outline_vault_is_opened(gemeente, time_machine):
    time_machine.move_to(NA_SLUIT, tick=False)
    w = maak_selectiewereld(gemeente, time_machine, geopend=False)
    for bod in opened_bids(w):
        Bod.objects.filter(pk=bod.pk).update(terugkoppeling="Goed.")
    with pytest.raises(DomainError, match="(vault|kluis)"):
        s.selectie_versturen(actor=w.medewerker, traject=w.traject, ontvangen_op=VERSTUURD)
    # An opened vault of the other stage does not count.
    KluisOpeningFactory(traject=w.traject, ronde=Ronde.UITWERKING, geopend=True)
    with pytest.raises(DomainError, match="(vault|kluis)"):
        s.selectie_versturen(actor=w.medewerker, traject=w.traject, ontvangen_op=VERSTUURD)
    _geen_gevolgen(w)


def test_sending_is_refused_while_a_bid_has_no_feedback(w):
    alles_invullen(w)
    s.selectie_opslaan(actor=w.medewerker, bod=w.bod_e, uitnodigen=False, terugkoppeling="   ")
    with pytest.raises(DomainError) as fout:
        s.selectie_versturen(actor=w.medewerker, traject=w.traject, ontvangen_op=VERSTUURD)
    assert "Organisatie E" in str(fout.value)
    assert "Organisatie A" not in str(fout.value)
    _geen_gevolgen(w)


@pytest.mark.parametrize(
    "uitwerking_sluit",
    [None, VERSTUURD, VERSTUURD - timedelta(seconds=1)],
    ids=["not-set", "at-the-moment", "passed"],
)
def test_sending_needs_a_later_deadline_for_the_elaborated_plan(w, uitwerking_sluit):
    alles_invullen(w)
    type(w.traject).objects.filter(pk=w.traject.pk).update(uitwerking_sluit=uitwerking_sluit)
    with pytest.raises(
        DomainError, match="(deadline of the elaborated plan|deadline van het uitgewerkte plan)"
    ):
        s.selectie_versturen(actor=w.medewerker, traject=w.traject, ontvangen_op=VERSTUURD)
    _geen_gevolgen(w)
    # One second before the deadline is fine.
    type(w.traject).objects.filter(pk=w.traject.pk).update(
        uitwerking_sluit=VERSTUURD + timedelta(seconds=1)
    )
    s.selectie_versturen(actor=w.medewerker, traject=w.traject, ontvangen_op=VERSTUURD)
    assert Bod.objects.filter(selectie_verstuurd_op=VERSTUURD).count() == 3


def test_sending_is_refused_without_opened_bids(gemeente, medewerker, time_machine):
    time_machine.move_to(NA_SLUIT, tick=False)
    traject = TrajectFactory(
        gemeente=gemeente, gepubliceerd=True, uitwerking_sluit=UITWERKING_SLUIT
    )
    KluisOpeningFactory(traject=traject, geopend=True)
    with pytest.raises(DomainError, match="(no opened outline bids|geen geopende biedingen)"):
        s.selectie_versturen(actor=medewerker, traject=traject, ontvangen_op=VERSTUURD)


@pytest.mark.parametrize("wie", ["bieder", "andere_gemeente", "beheerder", "lid"])
def test_only_medewerkers_of_the_gemeente_send(w, andere_gemeente, beheerder, wie):
    alles_invullen(w)
    actor = {
        "bieder": w.a_beheerder,
        "andere_gemeente": MedewerkerFactory(gemeente=andere_gemeente).user,
        "beheerder": beheerder,
        "lid": CommissielidFactory(traject=w.traject).user,
    }[wie]
    with pytest.raises(NotAllowed):
        s.selectie_versturen(actor=actor, traject=w.traject, ontvangen_op=VERSTUURD)
    _geen_gevolgen(w)


@pytest.mark.django_db(transaction=True)
def test_two_sends_at_once_send_once(time_machine):
    time_machine.move_to(NA_SLUIT, tick=False)
    w = maak_selectiewereld(GemeenteFactory(), time_machine)
    alles_invullen(w)
    collega = MedewerkerFactory(gemeente=w.gemeente).user
    barrier = threading.Barrier(2)
    gelukt, fouten = [], []

    def versturen(actor):
        try:
            barrier.wait()
            gelukt.append(
                s.selectie_versturen(actor=actor, traject=w.traject, ontvangen_op=VERSTUURD)
            )
        except DomainError as exc:
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=versturen, args=(u,)) for u in (w.medewerker, collega)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(gelukt) == 1 and len(fouten) == 1
    assert Notificatie.objects.count() == 7
    assert AuditEvent.objects.filter(event_type=AuditEventType.SELECTIE_VERSTUURD).count() == 1


# --- the elaborated stage -------------------------------------------------------------------


def _starten(w, actor, organisatie, moment=VERSTUURD):
    return bieden.bod_starten(
        actor=actor,
        traject=w.traject,
        perceel=w.perceel,
        organisatie=organisatie,
        ronde=Ronde.UITWERKING,
        ontvangen_op=moment,
    )


def test_the_elaborated_plan_only_after_an_invitation_that_was_sent(w):
    alles_invullen(w)
    # Invited in the draft, but not sent: refused.
    with pytest.raises(DomainError, match="(invited|uitgenodigd)"):
        _starten(w, w.a_beheerder, w.a)
    s.selectie_versturen(actor=w.medewerker, traject=w.traject, ontvangen_op=VERSTUURD)
    uitwerking = _starten(w, w.a_lid, w.a)
    assert uitwerking.ronde == Ronde.UITWERKING and uitwerking.coalitie == w.coalitie
    assert _starten(w, w.a_beheerder, w.a).pk == uitwerking.pk  # a double click
    # Sent, but not invited: refused.
    with pytest.raises(DomainError, match="(invited|uitgenodigd)"):
        _starten(w, w.e_beheerder, w.e)
    # After the elaborated plan's deadline: refused.
    with pytest.raises(DomainError):
        bieden.bod_starten(
            actor=w.f_beheerder,
            traject=w.traject,
            perceel=w.perceel2,
            organisatie=w.f,
            ronde=Ronde.UITWERKING,
            ontvangen_op=UITWERKING_SLUIT,
        )


def test_the_elaborated_bids_stay_sealed_until_their_own_vault_opens(w):
    alles_invullen(w)
    s.selectie_versturen(actor=w.medewerker, traject=w.traject, ontvangen_op=VERSTUURD)
    uitwerking = _starten(w, w.a_beheerder, w.a)
    bieden.concept_opslaan(
        actor=w.a_lid, bod=uitwerking, stap="plan", gegevens={"plan": "UITGEWERKT-GEHEIM"}
    )
    Bod.objects.filter(pk=uitwerking.pk).update(status=BodStatus.INGEDIEND)

    BodVersieFactory(bod=uitwerking, inhoud={"plan": "UITGEWERKT-GEHEIM"})
    uitwerking.refresh_from_db()
    lid = CommissielidFactory(traject=w.traject)
    BelangenverklaringFactory(commissielid=lid, bod=uitwerking)
    # After the elaborated deadline, with only the outline vault opened: sealed.
    for user in (w.medewerker, lid.user):
        assert not kluis.mag_inhoud_zien(user, uitwerking)
        assert kluis.inhoud_van(user, uitwerking) is None
        assert list(kluis.inzichtelijke_biedingen(user, w.traject, Ronde.UITWERKING)) == []
    assert list(kluis.geopende_biedingen(w.traject, Ronde.UITWERKING)) == []
    # The outline bids are open (to an officer after the declarations), the bidder sees
    # its own elaborated plan.
    alles_verklaard(w.medewerker, w.traject)
    assert kluis.mag_inhoud_zien(w.medewerker, w.bod_a)
    assert kluis.inhoud_van(w.a_lid, uitwerking)["plan"] == "UITGEWERKT-GEHEIM"
    # Its own vault opens it.
    KluisOpeningFactory(traject=w.traject, ronde=Ronde.UITWERKING, geopend=True)
    assert kluis.inhoud_van(w.medewerker, uitwerking)["plan"] == "UITGEWERKT-GEHEIM"
    assert kluis.inhoud_van(lid.user, uitwerking)["plan"] == "UITGEWERKT-GEHEIM"
    assert [b.pk for b in kluis.geopende_biedingen(w.traject, Ronde.UITWERKING)] == [uitwerking.pk]


def test_reminders_of_the_elaborated_plan_for_invited_bidders_with_a_draft(w, time_machine):
    alles_invullen(w)
    s.selectie_versturen(actor=w.medewerker, traject=w.traject, ontvangen_op=VERSTUURD)
    uitwerking = _starten(w, w.a_beheerder, w.a)
    tweede_a = LidmaatschapFactory(organisatie=w.a, beheerder=True).user
    BodFactory(  # a submitted elaborated plan is not reminded
        perceel=w.perceel2,
        traject=w.traject,
        organisatie=w.f,
        ronde=Ronde.UITWERKING,
        ingediend=True,
    )
    bron = BodConceptSource()
    # The outline draft of C on lot 2 is past its deadline: only the elaborated draft.
    moment = UITWERKING_SLUIT - timedelta(days=1) + timedelta(minutes=1)
    time_machine.move_to(moment, tick=False)
    assert deadlines._sweep_source(bron, moment) == 2
    notificaties = Notificatie.objects.filter(url=f"/beoordeling/biedingen/{uitwerking.pk}/")
    assert set(notificaties.values_list("user_id", flat=True)) == {w.a_beheerder.pk, tweede_a.pk}
    assert "26 februari 2027" in notificaties.first().tekst
    # Once.
    assert deadlines._sweep_source(bron, moment + timedelta(minutes=5)) == 0
    # Submitted in time: no reminder two hours before.
    Bod.objects.filter(pk=uitwerking.pk).update(status=BodStatus.INGEDIEND)
    later = UITWERKING_SLUIT - timedelta(hours=2) + timedelta(minutes=1)
    time_machine.move_to(later, tick=False)
    assert deadlines._sweep_source(bron, later) == 0


def test_invited_bidders_that_have_not_started_are_reminded_too(w, time_machine):
    alles_invullen(w)  # A and F invited, E not
    bron = BodConceptSource()
    moment = UITWERKING_SLUIT - timedelta(days=7) + timedelta(minutes=1)
    time_machine.move_to(moment, tick=False)
    # Invited in the draft only: nobody is reminded.
    assert deadlines._sweep_source(bron, moment) == 0
    s.selectie_versturen(actor=w.medewerker, traject=w.traject, ontvangen_op=VERSTUURD)
    Notificatie.objects.all().delete()
    _starten(w, w.a_beheerder, w.a)  # A started its elaborated plan (a draft)
    assert deadlines._sweep_source(bron, moment) == 2
    herinneringen = {n.user_id: n for n in Notificatie.objects.all()}
    # A's draft of the elaborated plan; F, invited but not started, at its outline bid.
    assert set(herinneringen) == {w.a_beheerder.pk, w.f_beheerder.pk}
    assert herinneringen[w.f_beheerder.pk].url == f"/beoordeling/biedingen/{w.bod_f.pk}/"
    assert DEADLINE_TEKST in herinneringen[w.f_beheerder.pk].tekst
    assert w.e_beheerder.pk not in herinneringen
    assert deadlines._sweep_source(bron, moment + timedelta(minutes=5)) == 0
