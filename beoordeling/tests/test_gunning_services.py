"""The award: the decision per lot, the letters at one moment (their PDF text per bidder),
the standstill to the second (also across a daylight-saving change), objections that pause
it, the signing, and the committee's explanation to the neighbourhood."""

import io
from collections import namedtuple
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pypdf
import pytest
from django.urls import reverse

from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent, Document, Notificatie
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from beoordeling.constants import Ronde
from beoordeling.models import Bezwaar, Gunning, Gunningsbrief
from beoordeling.selectors import consensus as consensus_selectors
from beoordeling.selectors import gunning as sel
from beoordeling.services import gunning as s
from beoordeling.tests.factories import BodFactory, CommissielidFactory, KluisOpeningFactory
from beoordeling.tests.factories_gesprekken import ConsensusOverlegFactory
from coalities.tests.factories import (
    CoalitieFactory,
    CoalitiePartnerFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
)
from trajecten.constants import Vorm
from trajecten.tests.factories import PerceelFactory, TrajectFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
Rang = namedtuple("Rang", "bod rang totaal")
MOTIVATIE = "Het plan van Buurtkracht sluit het best aan bij wat de buurt vraagt."
KENMERKEN = "Bewoners doen zelf de ontvangst; vijf dagen per week open."


def ams(*args):
    return datetime(*args, tzinfo=AMS)


@dataclass
class Wereld:
    traject: object
    perceel: object
    biedingen: list  # winner first
    bieders: list  # one member per bidding organisation
    medewerker: object
    partnerlid: object = None
    extra: dict = field(default_factory=dict)


def maak_wereld(
    gemeente, medewerker, *, biedingen=3, vorm=Vorm.AANBESTEDING, geopend=True, consensus=True
):
    """A published trajectory with one lot and submitted outline bids whose vault is opened
    and whose consensus is closed (no award before it, issue 13 rule 9); the first bid is
    by a coalition with an accepted partner."""
    traject = TrajectFactory(
        gemeente=gemeente, gepubliceerd=True, vorm=vorm, aangemaakt_door=medewerker
    )
    perceel = PerceelFactory(traject=traject, nummer=1, naam="Buurthuis Woensel")
    bids, bieders = [], []
    namen = ["Buurtkracht Woensel", "Stichting Samen", "Welzijn Plus"]
    for i in range(biedingen):
        organisatie = OrganisatieFactory(naam=namen[i] if i < len(namen) else f"Bieder {i}")
        bids.append(BodFactory(perceel=perceel, organisatie=organisatie, ingediend=True))
        bieders.append(LidmaatschapFactory(organisatie=organisatie).user)
    partnerlid = None
    if bids:
        coalitie = CoalitieFactory(traject=traject, naam="Coalitie Woensel")
        CoalitiePartnerFactory(
            coalitie=coalitie, organisatie=bids[0].organisatie, penvoerder=True, geaccepteerd=True
        )
        partner = OrganisatieFactory(naam="Bewonersgroep Kruidenbuurt")
        CoalitiePartnerFactory(coalitie=coalitie, organisatie=partner, geaccepteerd=True)
        partnerlid = LidmaatschapFactory(organisatie=partner).user
        bids[0].coalitie = coalitie
        bids[0].save()
    if geopend:
        KluisOpeningFactory(traject=traject, geopend=True)
        if consensus:
            ConsensusOverlegFactory(traject=traject, aangemaakt_door=medewerker, vastgesteld=True)
    return Wereld(traject, perceel, bids, bieders, medewerker, partnerlid)


@pytest.fixture
def w(gemeente, medewerker):
    return maak_wereld(gemeente, medewerker)


@pytest.fixture
def rangorde(monkeypatch):
    """The consensus ranking (built by another part): {perceel_id: [Rang]} per stage."""
    rangen = {}

    def zet(traject, ronde, perceel, regels):
        rangen[(traject.pk, ronde)] = {perceel.pk: [Rang(*r) for r in regels]}

    monkeypatch.setattr(
        consensus_selectors, "rangorde", lambda traject, ronde: rangen.get((traject.pk, ronde), {})
    )
    return zet


def besluiten(w, bod=None, **kwargs):
    return s.gunning_besluiten(
        actor=w.medewerker,
        perceel=w.perceel,
        winnend_bod=bod or w.biedingen[0],
        motivatie=kwargs.get("motivatie", MOTIVATIE),
        kenmerken=kwargs.get("kenmerken", KENMERKEN),
    )


def versturen(w, moment, captured=None):
    gunning = Gunning.objects.get(perceel=w.perceel)
    if captured is None:
        return s.gunning_versturen(actor=w.medewerker, gunning=gunning, ontvangen_op=moment)
    with captured(execute=True):
        return s.gunning_versturen(actor=w.medewerker, gunning=gunning, ontvangen_op=moment)


def events(event_type):
    return AuditEvent.objects.filter(event_type=event_type)


def pdf_tekst(document):
    document.refresh_from_db()
    assert document.is_klaar, document.fout
    with document.bestand.open("rb") as f:
        reader = pypdf.PdfReader(io.BytesIO(f.read()))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


# --- the decision ----------------------------------------------------------------------


def test_a_medewerker_records_and_changes_the_decision_until_sent(w):
    gunning = besluiten(w)
    assert (gunning.winnend_bod, gunning.motivatie, gunning.besloten_door) == (
        w.biedingen[0],
        MOTIVATIE,
        w.medewerker,
    )
    assert events(AuditEventType.GUNNING_BESLOTEN).count() == 1
    besluiten(w)  # the same again: nothing new
    assert events(AuditEventType.GUNNING_BESLOTEN).count() == 1
    gewijzigd = besluiten(w, bod=w.biedingen[1], motivatie="Toch het andere plan.")
    assert gewijzigd.pk == gunning.pk
    assert gewijzigd.winnend_bod == w.biedingen[1]
    event = events(AuditEventType.GUNNING_BESLOTEN).order_by("pk").last()
    assert (event.from_state, event.to_state) == ("besloten", "besloten")
    assert Gunning.objects.count() == 1


@pytest.mark.parametrize("rol", ["burger", "andere_gemeente", "beheerder", "bieder", "lid"])
def test_only_medewerkers_of_the_gemeente_decide(w, andere_gemeente, rol):
    actor = {
        "burger": lambda: UserFactory(),
        "andere_gemeente": lambda: MedewerkerFactory(gemeente=andere_gemeente).user,
        "beheerder": lambda: UserFactory(beheerder=True),
        "bieder": lambda: w.bieders[0],
        "lid": lambda: CommissielidFactory(traject=w.traject, is_voorzitter=True).user,
    }[rol]()
    with pytest.raises(NotAllowed):
        s.gunning_besluiten(
            actor=actor,
            perceel=w.perceel,
            winnend_bod=w.biedingen[0],
            motivatie=MOTIVATIE,
            kenmerken=KENMERKEN,
        )
    assert not Gunning.objects.exists()


def test_reasons_and_features_are_required(w):
    with pytest.raises(DomainError, match="reasons|redenen|motivering"):
        besluiten(w, motivatie="  ")
    with pytest.raises(DomainError):
        besluiten(w, kenmerken="")
    assert not Gunning.objects.exists()


def test_the_winner_must_be_a_candidate_of_the_lot(w, gemeente):
    ander_perceel = PerceelFactory(traject=w.traject, nummer=2)
    elders = BodFactory(perceel=ander_perceel, ingediend=True)
    concept = BodFactory(perceel=w.perceel)
    for bod in (elders, concept):
        with pytest.raises(DomainError):
            besluiten(w, bod=bod)
    assert not Gunning.objects.exists()


def test_no_candidates_before_the_vault_is_opened(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, geopend=False)
    assert sel.kandidaten_voor(w.perceel) == (None, [])
    with pytest.raises(DomainError):
        besluiten(w)


def test_the_final_stage_is_the_elaborated_plan_when_its_vault_has_bids_on_the_lot(w):
    uitwerking = BodFactory(
        perceel=w.perceel,
        organisatie=w.biedingen[1].organisatie,
        ingediend=True,
        ronde="uitwerking",
    )
    # Not opened yet: the outline bids are the candidates.
    assert sel.kandidaten_voor(w.perceel)[0] == Ronde.HOOFDLIJNEN
    KluisOpeningFactory(traject=w.traject, ronde=Ronde.UITWERKING, geopend=True)
    assert sel.kandidaten_voor(w.perceel) == (Ronde.UITWERKING, [uitwerking])
    with pytest.raises(DomainError):
        besluiten(w, bod=w.biedingen[0])
    assert besluiten(w, bod=uitwerking).winnend_bod == uitwerking


def test_warnings_winner_not_first_and_no_closed_consensus(w, rangorde):
    besluiten(w, bod=w.biedingen[1])
    (regel,) = sel.gunningsoverzicht(w.traject)
    assert not regel.winnaar_niet_eerste  # no ranking: nothing to compare
    rangorde(
        w.traject,
        Ronde.HOOFDLIJNEN,
        w.perceel,
        [(w.biedingen[0], 1, Decimal("80.0")), (w.biedingen[1], 2, Decimal("72.5"))],
    )
    (regel,) = sel.gunningsoverzicht(w.traject)
    assert regel.consensus_gesloten
    assert regel.winnaar_niet_eerste
    assert [k.bod for k in regel.kandidaten][:2] == [w.biedingen[0], w.biedingen[1]]
    besluiten(w, bod=w.biedingen[0])
    (regel,) = sel.gunningsoverzicht(w.traject)
    assert not regel.winnaar_niet_eerste


# --- sending ---------------------------------------------------------------------------


def test_one_letter_per_bidder_and_notifications_all_at_one_moment(w, time_machine):
    time_machine.move_to(ams(2026, 3, 2, 10, 0), tick=False)
    besluiten(w)
    moment = ams(2026, 3, 2, 10, 0, 0)
    gunning = versturen(w, moment)
    assert gunning.verstuurd_op == moment
    brieven = list(Gunningsbrief.objects.filter(gunning=gunning))
    assert sorted(b.bod_id for b in brieven) == sorted(b.pk for b in w.biedingen)
    assert {b.verstuurd_op for b in brieven} == {moment}
    assert [b.bod_id for b in brieven if b.is_winnaar] == [w.biedingen[0].pk]
    assert all(b.document is not None and not b.document.openbaar for b in brieven)
    assert {b.document.gemeente_id for b in brieven} == {w.traject.gemeente_id}
    # Each bidder's people (the coalition's accepted partner too) with a link to their letter.
    ontvangers = {n.user_id: n for n in Notificatie.objects.all()}
    assert set(ontvangers) == {u.pk for u in w.bieders} | {w.partnerlid.pk}
    brief_winnaar = next(b for b in brieven if b.is_winnaar)
    assert ontvangers[w.partnerlid.pk].url == reverse(
        "beoordeling:gunningsbrief", args=[brief_winnaar.pk]
    )
    assert ontvangers[w.bieders[1].pk].url == reverse(
        "beoordeling:gunningsbrief",
        args=[next(b.pk for b in brieven if b.bod_id == w.biedingen[1].pk)],
    )
    assert "22 maart 2026" in ontvangers[w.bieders[1].pk].tekst
    event = events(AuditEventType.GUNNING_VERSTUURD).get()
    assert event.detail["brieven"] == 3
    assert event.detail["standstill_tot"] == "2026-03-22"


def test_a_double_click_sends_nothing_twice_and_the_decision_is_then_fixed(w):
    besluiten(w)
    moment = ams(2026, 3, 2, 10, 0)
    versturen(w, moment)
    aantallen = (
        Gunningsbrief.objects.count(),
        Notificatie.objects.count(),
        Document.objects.count(),
    )
    tweede = versturen(w, ams(2026, 3, 2, 10, 0, 1))
    assert tweede.verstuurd_op == moment
    assert (
        Gunningsbrief.objects.count(),
        Notificatie.objects.count(),
        Document.objects.count(),
    ) == aantallen
    assert events(AuditEventType.GUNNING_VERSTUURD).count() == 1
    with pytest.raises(DomainError):
        besluiten(w, bod=w.biedingen[1])
    assert Gunning.objects.get().winnend_bod == w.biedingen[0]


def test_only_medewerkers_send(w, burger):
    gunning = besluiten(w)
    with pytest.raises(NotAllowed):
        s.gunning_versturen(actor=burger, gunning=gunning, ontvangen_op=ams(2026, 3, 2, 10, 0))
    assert not Gunningsbrief.objects.exists()


def test_the_letters_pdf_text_per_bidder(w, rangorde, django_capture_on_commit_callbacks):
    rangorde(
        w.traject,
        Ronde.HOOFDLIJNEN,
        w.perceel,
        [
            (w.biedingen[0], 1, Decimal("81.3")),
            (w.biedingen[1], 2, Decimal("72.5")),
            (w.biedingen[2], 3, Decimal("40.0")),
        ],
    )
    besluiten(w)
    versturen(w, ams(2026, 3, 2, 10, 0), captured=django_capture_on_commit_callbacks)
    brieven = {b.bod_id: b for b in Gunningsbrief.objects.select_related("document")}
    winnaar = pdf_tekst(brieven[w.biedingen[0].pk].document)
    verliezer = pdf_tekst(brieven[w.biedingen[1].pk].document)
    for tekst in (winnaar, verliezer):
        assert w.traject.titel in tekst
        assert "1. Buurthuis Woensel" in tekst
        assert MOTIVATIE in tekst
        assert KENMERKEN in tekst
        assert "Buurtkracht Woensel (Coalitie Woensel)" in tekst  # the winner's name
        assert "zondag 22 maart 2026" in tekst  # the last day of the standstill
        assert "maandag 23 maart 2026, 00:00:00" in tekst  # signing possible from
        assert "maandag 2 maart 2026, 10:00:00" in tekst  # sent at
    assert "Stichting Samen" in verliezer and "Stichting Samen" not in winnaar
    assert "72,5" in verliezer and "81,3" not in verliezer
    assert "81,3" in winnaar
    assert "Welzijn Plus" not in verliezer  # no other bidder's name


def test_no_standstill_on_other_routes_and_signing_at_once(
    gemeente, medewerker, django_capture_on_commit_callbacks
):
    w = maak_wereld(gemeente, medewerker, vorm=Vorm.SUBSIDIE)
    besluiten(w)
    gunning = versturen(w, ams(2026, 3, 2, 10, 0), captured=django_capture_on_commit_callbacks)
    assert gunning.standstill_tot is None
    assert sel.ondertekenen_vanaf(gunning) is None
    tekst = pdf_tekst(Gunningsbrief.objects.filter(is_winnaar=False).first().document)
    assert "2026, 00:00:00" not in tekst
    getekend = s.ondertekening_vastleggen(
        actor=medewerker, gunning=gunning, ontvangen_op=ams(2026, 3, 2, 10, 0, 1)
    )
    assert getekend.ondertekend_op == ams(2026, 3, 2, 10, 0, 1)


# --- the standstill ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "verstuurd,laatste_dag,vanaf",
    [
        # sent at the last second of a day: that day is D
        (ams(2026, 3, 2, 23, 59, 59), date(2026, 3, 22), ams(2026, 3, 23, 0, 0)),
        # sent at midnight: the new day is D
        (ams(2026, 3, 3, 0, 0, 0), date(2026, 3, 23), ams(2026, 3, 24, 0, 0)),
        # across the change to summer time (29 March 2026): midnight is 22:00 UTC
        (ams(2026, 3, 10, 12, 0), date(2026, 3, 30), ams(2026, 3, 31, 0, 0)),
        # across the change to winter time (25 October 2026): midnight is 23:00 UTC
        (ams(2026, 10, 5, 9, 30), date(2026, 10, 25), ams(2026, 10, 26, 0, 0)),
    ],
)
def test_standstill_dates_to_the_second(w, verstuurd, laatste_dag, vanaf):
    besluiten(w)
    gunning = versturen(w, verstuurd)
    assert gunning.standstill_tot == laatste_dag
    assert sel.ondertekenen_vanaf(gunning) == vanaf
    assert vanaf.utcoffset() == AMS.utcoffset(datetime(vanaf.year, vanaf.month, vanaf.day, 12))
    een_seconde_te_vroeg = datetime.fromtimestamp(vanaf.timestamp() - 1, tz=AMS)
    with pytest.raises(DomainError):
        s.ondertekening_vastleggen(
            actor=w.medewerker, gunning=gunning, ontvangen_op=een_seconde_te_vroeg
        )
    assert not events(AuditEventType.GUNNING_ONDERTEKEND).exists()
    getekend = s.ondertekening_vastleggen(actor=w.medewerker, gunning=gunning, ontvangen_op=vanaf)
    assert getekend.ondertekend_op == vanaf
    assert getekend.ondertekend_door == w.medewerker
    # Again: nothing new.
    s.ondertekening_vastleggen(actor=w.medewerker, gunning=gunning, ontvangen_op=vanaf)
    assert events(AuditEventType.GUNNING_ONDERTEKEND).count() == 1


def test_daylight_saving_winter_midnight_is_23_utc(w):
    besluiten(w)
    gunning = versturen(w, ams(2026, 10, 5, 9, 30))
    assert sel.ondertekenen_vanaf(gunning).astimezone(ZoneInfo("UTC")) == datetime(
        2026, 10, 25, 23, 0, tzinfo=ZoneInfo("UTC")
    )


def test_signing_is_refused_before_sending(w):
    gunning = besluiten(w)
    with pytest.raises(DomainError):
        s.ondertekening_vastleggen(
            actor=w.medewerker, gunning=gunning, ontvangen_op=ams(2027, 1, 1, 0, 0)
        )
    with pytest.raises(NotAllowed):
        s.ondertekening_vastleggen(
            actor=UserFactory(beheerder=True), gunning=gunning, ontvangen_op=ams(2027, 1, 1)
        )


# --- objections -----------------------------------------------------------------------------


def test_objections_only_after_sending_and_they_pause_the_standstill(w):
    gunning = besluiten(w)
    with pytest.raises(DomainError):
        s.bezwaar_vastleggen(
            actor=w.medewerker,
            gunning=gunning,
            omschrijving="Oneerlijk",
            ontvangen_op=ams(2026, 3, 3),
        )
    gunning = versturen(w, ams(2026, 3, 2, 10, 0))
    bezwaar = s.bezwaar_vastleggen(
        actor=w.medewerker,
        gunning=gunning,
        omschrijving="De motivering is onvolledig.",
        ontvangen_op=ams(2026, 3, 10, 9, 0),
        bod=w.biedingen[1],
    )
    # A double click records one objection.
    again = s.bezwaar_vastleggen(
        actor=w.medewerker,
        gunning=gunning,
        omschrijving="De motivering is onvolledig.",
        ontvangen_op=ams(2026, 3, 10, 9, 0),
        bod=w.biedingen[1],
    )
    assert again.pk == bezwaar.pk and Bezwaar.objects.count() == 1
    assert events(AuditEventType.BEZWAAR_VASTGELEGD).count() == 1
    # After the standstill: still paused while the objection is open.
    with pytest.raises(DomainError, match="(?i)object|bezwaar"):
        s.ondertekening_vastleggen(
            actor=w.medewerker, gunning=gunning, ontvangen_op=ams(2026, 4, 1, 9, 0)
        )
    with pytest.raises(DomainError):
        s.bezwaar_afhandelen(actor=w.medewerker, bezwaar=bezwaar, uitkomst=" ")
    afgehandeld = s.bezwaar_afhandelen(
        actor=w.medewerker, bezwaar=bezwaar, uitkomst="Ongegrond; de motivering is aangevuld."
    )
    assert afgehandeld.afgehandeld_door == w.medewerker
    s.bezwaar_afhandelen(actor=w.medewerker, bezwaar=bezwaar, uitkomst="Nog eens")
    bezwaar.refresh_from_db()
    assert bezwaar.uitkomst == "Ongegrond; de motivering is aangevuld."
    assert events(AuditEventType.BEZWAAR_AFGEHANDELD).count() == 1
    getekend = s.ondertekening_vastleggen(
        actor=w.medewerker, gunning=gunning, ontvangen_op=ams(2026, 4, 1, 9, 0)
    )
    assert getekend.ondertekend_op is not None
    with pytest.raises(DomainError):
        s.bezwaar_vastleggen(
            actor=w.medewerker,
            gunning=gunning,
            omschrijving="Te laat",
            ontvangen_op=ams(2026, 4, 2),
        )


def test_objection_from_a_bidder_without_a_letter_is_refused(w, burger):
    besluiten(w)
    gunning = versturen(w, ams(2026, 3, 2, 10, 0))
    elders = BodFactory(perceel=PerceelFactory(traject=w.traject, nummer=2), ingediend=True)
    with pytest.raises(DomainError):
        s.bezwaar_vastleggen(
            actor=w.medewerker,
            gunning=gunning,
            omschrijving="X",
            ontvangen_op=ams(2026, 3, 3),
            bod=elders,
        )
    with pytest.raises(NotAllowed):
        s.bezwaar_vastleggen(
            actor=burger, gunning=gunning, omschrijving="X", ontvangen_op=ams(2026, 3, 3)
        )
    assert not Bezwaar.objects.exists()


# --- the explanation to the neighbourhood ---------------------------------------------------


def test_the_explanation_by_the_chair_shows_publicly_only_after_sending(w):
    voorzitter = CommissielidFactory(traject=w.traject, is_voorzitter=True).user
    lid = CommissielidFactory(traject=w.traject).user
    gunning = besluiten(w)
    for actor in (lid, w.bieders[0], UserFactory(beheerder=True)):
        with pytest.raises(NotAllowed):
            s.toelichting_publiceren(actor=actor, gunning=gunning, tekst="Wij kozen...")
    with pytest.raises(DomainError):
        s.toelichting_publiceren(actor=voorzitter, gunning=gunning, tekst="  ")
    s.toelichting_publiceren(actor=voorzitter, gunning=gunning, tekst="Omdat de buurt meedoet.")
    s.toelichting_publiceren(actor=voorzitter, gunning=gunning, tekst="Omdat de buurt meedoet.")
    assert events(AuditEventType.TOELICHTING_BUURT_GEPUBLICEERD).count() == 1
    assert sel.gepubliceerde_gunningen(w.traject) == []
    versturen(w, ams(2026, 3, 2, 10, 0))
    (openbaar,) = sel.gepubliceerde_gunningen(w.traject)
    assert openbaar.toelichting_buurt == "Omdat de buurt meedoet."
    assert openbaar.winnend_bod.organisatie.naam == "Buurtkracht Woensel"
    s.toelichting_publiceren(
        actor=w.medewerker, gunning=gunning, tekst="Aangevuld door de gemeente."
    )
    assert Gunning.objects.get().toelichting_buurt == "Aangevuld door de gemeente."


# --- letters for bidders --------------------------------------------------------------------


def test_a_bidder_gets_only_its_own_letter(w):
    besluiten(w)
    assert sel.brief_voor_bieder(w.biedingen[1]) is None
    versturen(w, ams(2026, 3, 2, 10, 0))
    eigen = sel.brief_voor_bieder(w.biedingen[1])
    assert eigen.bod == w.biedingen[1] and not eigen.is_winnaar
    assert sel.brief_voor(w.bieders[1], eigen.pk) == eigen
    andere = Gunningsbrief.objects.exclude(pk=eigen.pk).first()
    with pytest.raises(Gunningsbrief.DoesNotExist):
        sel.brief_voor(w.bieders[1], andere.pk)
    # The winner's coalition partner sees the winner's letter; officers see every letter.
    winnaar = Gunningsbrief.objects.get(is_winnaar=True)
    assert sel.brief_voor(w.partnerlid, winnaar.pk) == winnaar
    assert sel.brief_voor(w.medewerker, eigen.pk) == eigen
    with pytest.raises(Gunningsbrief.DoesNotExist):
        sel.brief_voor(UserFactory(beheerder=True), eigen.pk)
