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
from beoordeling import standstill
from beoordeling.constants import BezwaarSoort, Ronde
from beoordeling.models import (
    Bezwaar,
    ConsensusScore,
    Gunning,
    Gunningsbrief,
)
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
from trajecten.models import Criterium
from trajecten.tests.factories import PerceelFactory, TrajectFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
# A stand-in for `selectors.consensus.Rang`: what the award reads of it.
Rang = namedtuple("Rang", "bod rang totaal ongeldig", defaults=("",))
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
    # Day 20 is Sunday 22 March: the standstill runs through Monday 23 March (Atw).
    assert "23 maart 2026" in ontvangers[w.bieders[1].pk].tekst
    event = events(AuditEventType.GUNNING_VERSTUURD).get()
    assert event.detail["brieven"] == 3
    assert event.detail["standstill_tot"] == "2026-03-23"


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
        # Day 20 is Sunday 22 March: the last day moves to Monday (Algemene termijnenwet).
        assert "maandag 23 maart 2026" in tekst  # the last day of the standstill
        assert "dinsdag 24 maart 2026, 00:00:00" in tekst  # signing possible from
        assert "maandag 2 maart 2026, 10:00:00" in tekst  # sent at
    assert "Stichting Samen" in verliezer and "Stichting Samen" not in winnaar
    # The loser reads its own total next to the winner's, never a third bidder's.
    assert "72,5" in verliezer and "81,3" in verliezer and "40,0" not in verliezer
    assert "81,3" in winnaar and "72,5" not in winnaar
    assert "Welzijn Plus" not in verliezer  # no other bidder's name


@pytest.mark.parametrize("vorm", [Vorm.SUBSIDIE, Vorm.CONVENANT, Vorm.BURGERAANBESTEDING])
def test_the_award_is_refused_on_routes_without_award_letters(gemeente, medewerker, vorm):
    """Issue 14: only the procurement route has an award with letters and a standstill
    (`trajecten.routes`); the subsidy route decides per application instead."""
    w = maak_wereld(gemeente, medewerker, vorm=vorm)
    with pytest.raises(DomainError, match="Deze stap hoort niet bij deze route"):
        besluiten(w)
    assert not Gunning.objects.exists()


# --- the standstill ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "verstuurd,laatste_dag,vanaf",
    [
        # sent at the last second of a day: that day is D
        # (day 20, 22 March, is a Sunday: the standstill runs through Monday, Atw art. 1)
        (ams(2026, 3, 2, 23, 59, 59), date(2026, 3, 23), ams(2026, 3, 24, 0, 0)),
        # sent at midnight: the new day is D
        (ams(2026, 3, 3, 0, 0, 0), date(2026, 3, 23), ams(2026, 3, 24, 0, 0)),
        # across the change to summer time (29 March 2026): midnight is 22:00 UTC
        (ams(2026, 3, 10, 12, 0), date(2026, 3, 30), ams(2026, 3, 31, 0, 0)),
        # across the change to winter time (25 October 2026): midnight is 23:00 UTC
        # (day 20, 25 October, is a Sunday: through Monday 26 October)
        (ams(2026, 10, 5, 9, 30), date(2026, 10, 26), ams(2026, 10, 27, 0, 0)),
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
    gunning = versturen(w, ams(2026, 10, 6, 9, 30))  # day 20: Monday 26 October
    assert sel.ondertekenen_vanaf(gunning).astimezone(ZoneInfo("UTC")) == datetime(
        2026, 10, 26, 23, 0, tzinfo=ZoneInfo("UTC")
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


def test_a_complaint_is_recorded_and_answered_but_does_not_stop_signing(w):
    gunning = besluiten(w)
    with pytest.raises(DomainError):
        s.bezwaar_vastleggen(
            actor=w.medewerker,
            gunning=gunning,
            omschrijving="Oneerlijk",
            ontvangen_op=ams(2026, 3, 3),
        )
    gunning = versturen(w, ams(2026, 3, 2, 10, 0))
    klacht = s.bezwaar_vastleggen(
        actor=w.medewerker,
        gunning=gunning,
        omschrijving="De motivering is onvolledig.",
        ontvangen_op=ams(2026, 3, 10, 9, 0),
        bod=w.biedingen[1],
    )
    assert klacht.soort == BezwaarSoort.KLACHT
    # A double click records one complaint.
    again = s.bezwaar_vastleggen(
        actor=w.medewerker,
        gunning=gunning,
        omschrijving="De motivering is onvolledig.",
        ontvangen_op=ams(2026, 3, 10, 9, 0),
        bod=w.biedingen[1],
    )
    assert again.pk == klacht.pk and Bezwaar.objects.count() == 1
    event = events(AuditEventType.BEZWAAR_VASTGELEGD).get()
    assert event.detail["soort"] == "klacht" and event.detail["aangekondigd_op"] is None
    # The complaint is not answered yet, and still signing is possible after the standstill.
    getekend = s.ondertekening_vastleggen(
        actor=w.medewerker, gunning=gunning, ontvangen_op=ams(2026, 3, 24, 0, 0)
    )
    assert getekend.ondertekend_op == ams(2026, 3, 24, 0, 0)
    with pytest.raises(DomainError):
        s.bezwaar_afhandelen(actor=w.medewerker, bezwaar=klacht, uitkomst=" ")
    beantwoord = s.bezwaar_afhandelen(
        actor=w.medewerker, bezwaar=klacht, uitkomst="Ongegrond; de motivering is aangevuld."
    )
    assert beantwoord.afgehandeld_door == w.medewerker
    s.bezwaar_afhandelen(actor=w.medewerker, bezwaar=klacht, uitkomst="Nog eens")
    klacht.refresh_from_db()
    assert klacht.uitkomst == "Ongegrond; de motivering is aangevuld."
    assert events(AuditEventType.BEZWAAR_AFGEHANDELD).count() == 1
    with pytest.raises(DomainError):
        s.bezwaar_vastleggen(
            actor=w.medewerker,
            gunning=gunning,
            omschrijving="Te laat",
            ontvangen_op=ams(2026, 4, 2),
        )


def test_a_court_case_announced_within_the_standstill_stops_signing_until_the_judgment(
    w, time_machine
):
    besluiten(w)
    gunning = versturen(w, ams(2026, 3, 2, 10, 0))  # standstill through Monday 23 March
    time_machine.move_to(ams(2026, 3, 23, 16, 0), tick=False)
    zaak = s.bezwaar_vastleggen(
        actor=w.medewerker,
        gunning=gunning,
        soort=BezwaarSoort.KORT_GEDING,
        aangekondigd_op=date(2026, 3, 23),  # the standstill's last day: in time
        omschrijving="Dagvaarding in kort geding ontvangen.",
        ontvangen_op=ams(2026, 3, 23, 16, 0),
        bod=w.biedingen[1],
    )
    event = events(AuditEventType.BEZWAAR_VASTGELEGD).get()
    assert event.detail["soort"] == "kort_geding"
    assert event.detail["aangekondigd_op"] == "2026-03-23"
    with pytest.raises(DomainError, match="kort geding"):
        s.ondertekening_vastleggen(
            actor=w.medewerker, gunning=gunning, ontvangen_op=ams(2026, 4, 20, 9, 0)
        )
    # A court case ends with its judgment, not with an answer.
    with pytest.raises(DomainError):
        s.bezwaar_afhandelen(actor=w.medewerker, bezwaar=zaak, uitkomst="Beantwoord")
    time_machine.move_to(ams(2026, 4, 20, 9, 0), tick=False)
    with pytest.raises(DomainError) as fout:
        s.uitspraak_vastleggen(
            actor=w.medewerker, bezwaar=zaak, uitspraak_op=date(2026, 3, 20), uitkomst="Afgewezen"
        )
    assert fout.value.veld == "uitspraak_op"  # before it was announced
    with pytest.raises(DomainError):
        s.uitspraak_vastleggen(
            actor=w.medewerker, bezwaar=zaak, uitspraak_op=date(2026, 4, 17), uitkomst=" "
        )
    s.uitspraak_vastleggen(
        actor=w.medewerker,
        bezwaar=zaak,
        uitspraak_op=date(2026, 4, 17),
        uitkomst="De voorzieningenrechter wees de vorderingen af.",
    )
    zaak.refresh_from_db()
    assert zaak.uitspraak_op == date(2026, 4, 17) and not zaak.schort_op
    assert events(AuditEventType.UITSPRAAK_VASTGELEGD).get().detail["uitspraak_op"] == (
        "2026-04-17"
    )
    getekend = s.ondertekening_vastleggen(
        actor=w.medewerker, gunning=gunning, ontvangen_op=ams(2026, 4, 20, 9, 0)
    )
    assert getekend.ondertekend_op is not None


def test_a_court_case_announced_after_the_standstill_is_refused(w):
    besluiten(w)
    gunning = versturen(w, ams(2026, 3, 2, 10, 0))  # standstill through Monday 23 March
    for soort, dag in (
        (BezwaarSoort.KORT_GEDING, date(2026, 3, 24)),  # the day after the standstill
        (BezwaarSoort.KORT_GEDING, date(2026, 3, 1)),  # before the letters
    ):
        with pytest.raises(DomainError) as fout:
            s.bezwaar_vastleggen(
                actor=w.medewerker,
                gunning=gunning,
                soort=soort,
                aangekondigd_op=dag,
                omschrijving="Kort geding",
                ontvangen_op=ams(2026, 3, 24, 9, 0),
            )
        assert fout.value.veld == "aangekondigd_op"
    with pytest.raises(DomainError, match="opschortende termijn"):
        s.bezwaar_vastleggen(
            actor=w.medewerker,
            gunning=gunning,
            soort=BezwaarSoort.KORT_GEDING,
            aangekondigd_op=date(2026, 3, 24),
            omschrijving="Kort geding",
            ontvangen_op=ams(2026, 3, 24, 9, 0),
        )
    assert not Bezwaar.objects.exists()
    s.ondertekening_vastleggen(
        actor=w.medewerker, gunning=gunning, ontvangen_op=ams(2026, 3, 24, 9, 0)
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


# --- issue 13: the letter for its addressee, the Dutch calendar, the subsidy route ----------


def test_letters_sent_on_7_april_2026_allow_signing_from_29_april_amsterdam(w):
    """Day 20 is Monday 27 April, King's Day: the standstill runs through Tuesday 28 April
    (Algemene termijnenwet); signing from Wednesday 29 April, 00:00 Amsterdam time."""
    besluiten(w)
    gunning = versturen(w, ams(2026, 4, 7, 14, 0))
    assert gunning.standstill_tot == date(2026, 4, 28)
    assert sel.ondertekenen_vanaf(gunning) == ams(2026, 4, 29, 0, 0)
    with pytest.raises(DomainError, match="dinsdag 28 april 2026"):
        s.ondertekening_vastleggen(
            actor=w.medewerker, gunning=gunning, ontvangen_op=ams(2026, 4, 28, 23, 59, 59)
        )
    getekend = s.ondertekening_vastleggen(
        actor=w.medewerker, gunning=gunning, ontvangen_op=ams(2026, 4, 29, 0, 0)
    )
    assert getekend.ondertekend_op == ams(2026, 4, 29, 0, 0)


def _consensus(w, waarden):
    """Criteria with the committee's consensus scores: {naam: (weging, [per bid])}."""
    for volgorde, (naam, (weging, per_bod)) in enumerate(waarden.items(), start=1):
        criterium = Criterium.objects.create(
            traject=w.traject, naam=naam, weging=weging, volgorde=volgorde
        )
        for bod, waarde in zip(w.biedingen, per_bod, strict=True):
            ConsensusScore.objects.create(
                bod=bod,
                criterium=criterium,
                waarde=waarde,
                niet_van_toepassing=waarde is None,
                motivatie="Besproken",
                vastgelegd_door=w.medewerker,
            )


def test_a_losing_bidders_letter_shows_its_own_scores_next_to_the_winners_and_how_to_object(
    w, django_capture_on_commit_callbacks
):
    _consensus(
        w,
        {
            "Verankering in de buurt": (60, [9, 6, 4]),
            "Bereik van ouderen": (40, [8, None, 3]),
        },
    )
    besluiten(w)
    versturen(w, ams(2026, 4, 7, 14, 0), captured=django_capture_on_commit_callbacks)
    brieven = {b.bod_id: b for b in Gunningsbrief.objects.select_related("document")}
    verliezer = pdf_tekst(brieven[w.biedingen[1].pk].document)
    # Its own consensus score per criterion next to the winner's.
    assert "Uw scores naast die van de winnaar" in verliezer
    assert "Score van Buurtkracht Woensel (Coalitie Woensel)" in verliezer
    assert "Verankering in de buurt 60% 6 van 10 9 van 10" in verliezer
    assert "Bereik van ouderen 40% niet van toepassing 8 van 10" in verliezer
    assert "4 van 10" not in verliezer and "3 van 10" not in verliezer  # not a third bid's
    assert KENMERKEN in verliezer  # the relative advantages of the winning bid
    # The standstill moved past King's Day, and how to object, in plain Dutch.
    assert "dinsdag 28 april 2026" in verliezer
    assert "Dag 20 is maandag 27 april 2026. Dat is een zaterdag, zondag of feestdag" in verliezer
    assert "woensdag 29 april 2026, 00:00:00" in verliezer
    assert "klachtenmeldpunt van de gemeente" in verliezer
    assert "Postbus 1" in verliezer and "klachten@gemeente.example" in verliezer
    assert "Een klacht alleen houdt het tekenen niet tegen" in verliezer
    assert "kort geding" in verliezer
    assert "tekent de gemeente pas als de rechter uitspraak heeft gedaan" in verliezer


def test_the_winners_letter_says_it_is_the_intended_winner_and_signing_waits(
    w, django_capture_on_commit_callbacks
):
    _consensus(w, {"Verankering in de buurt": (100, [9, 6, 4])})
    besluiten(w)
    versturen(w, ams(2026, 4, 7, 14, 0), captured=django_capture_on_commit_callbacks)
    winnaar = pdf_tekst(Gunningsbrief.objects.get(is_winnaar=True).document)
    assert "U bent de beoogde winnaar" in winnaar
    assert "pas als de opschortende termijn voorbij is" in winnaar
    assert "woensdag 29 april 2026, 00:00:00" in winnaar
    assert "Uw score (winnaar)" in winnaar and "9 van 10" in winnaar
    assert "6 van 10" not in winnaar


def test_without_the_complaints_desk_the_award_cannot_be_sent_on_the_procurement_route(w):
    gemeente = w.traject.gemeente
    gemeente.klachtenmeldpunt_email = ""
    gemeente.save()
    gunning = besluiten(w)
    with pytest.raises(DomainError, match="klachtenmeldpunt"):
        versturen(w, ams(2026, 4, 7, 14, 0))
    assert Gunning.objects.get(pk=gunning.pk).verstuurd_op is None
    assert not Gunningsbrief.objects.exists()
    gemeente.klachtenmeldpunt_email = "klachten@eindhoven.example"
    gemeente.save()
    assert versturen(w, ams(2026, 4, 7, 14, 0)).verstuurd_op is not None


def test_the_subsidy_route_has_no_standstill_and_no_letters(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, vorm=Vorm.SUBSIDIE)
    assert not standstill.heeft_standstill(w.traject)
    assert not standstill.met_brieven(w.traject)
    with pytest.raises(DomainError):
        besluiten(w)
    assert not Gunningsbrief.objects.exists()
