"""The consensus meeting's services and the ranking: planning, recording, closing, and
`rangorde` on worked examples."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent, Notificatie
from aanbesteden.tests.factories import MedewerkerFactory
from beoordeling.constants import Ronde
from beoordeling.models import (
    Commissielid,
    ConsensusOordeel,
    ConsensusOverleg,
    ConsensusScore,
    Score,
)
from beoordeling.selectors import consensus as sel
from beoordeling.services import commissie as cs
from beoordeling.services import consensus as s
from beoordeling.tests.factories import (
    BodFactory,
    KluisOpeningFactory,
    alles_verklaard,
    verklaren,
)
from beoordeling.tests.test_commissie_services import maak_wereld, tekenen_en_indienen
from trajecten.constants import Gunningswijze
from trajecten.tests.factories import CriteriumFactory, PerceelFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


def plannen(w, *, over=timedelta(days=7), locatie="Wijkcentrum De Boomgaard, zaal 2"):
    return s.consensusoverleg_plannen(
        actor=w.medewerker,
        traject=w.traject,
        ronde=Ronde.HOOFDLIJNEN,
        gepland_op=timezone.now() + over,
        locatie=locatie,
        ontvangen_op=timezone.now(),
    )


def met_voorzitter(w):
    """The first member is the chair; the chair and the second member submit every bid."""
    voorzitter = cs.voorzitter_instellen(actor=w.medewerker, lid=w.leden[0])
    extra = {}
    if w.traject.gunningswijze == Gunningswijze.KWALITEIT:
        extra = {"oordeel": "Een goed plan.", "rang": 1}
    for lid in w.leden[:2]:
        for bod in w.biedingen:
            tekenen_en_indienen(lid, bod, w.criteria, **extra)
    return voorzitter


def vastleggen(actor, bod, criteria, waarden, oordeel="Een sterk plan.", rang=None):
    """Record a consensus: `waarden` per criterion, "nvt" for not applicable."""
    for criterium, waarde in zip(criteria, waarden, strict=True):
        s.consensus_score_vastleggen(
            actor=actor,
            bod=bod,
            criterium=criterium,
            waarde=None if waarde == "nvt" else waarde,
            niet_van_toepassing=waarde == "nvt",
            motivatie=f"Afgesproken: {waarde}.",
        )
    if oordeel is not None:
        s.consensus_oordeel_vastleggen(actor=actor, bod=bod, oordeel=oordeel, rang=rang)


def sluiten(overleg):
    """The chair records that every member attended; the chair, then the other members
    confirm, until the consensus is closed (issue 13, rule 6)."""
    leden = list(
        Commissielid.objects.filter(traject=overleg.traject).order_by("-is_voorzitter", "pk")
    )
    s.aanwezigheid_vastleggen(actor=leden[0].user, overleg=overleg, aanwezigen=leden)
    for lid in leden:
        overleg.refresh_from_db()
        if overleg.vastgesteld_op is not None:
            break
        s.consensus_bevestigen(actor=lid.user, overleg=overleg)
    overleg.refresh_from_db()
    return overleg


@pytest.fixture
def w(gemeente, medewerker):
    wereld = maak_wereld(gemeente, medewerker, biedingen=3, leden=3)
    wereld.extra["voorzitter"] = met_voorzitter(wereld)
    return wereld


# --- planning -----------------------------------------------------------------------------


def test_medewerker_plans_the_meeting_and_the_committee_hears_when_and_where(
    gemeente, medewerker, time_machine
):
    time_machine.move_to(datetime(2026, 9, 1, 9, 0, tzinfo=AMS), tick=False)
    w = maak_wereld(gemeente, medewerker, leden=2)
    overleg = s.consensusoverleg_plannen(
        actor=medewerker,
        traject=w.traject,
        ronde=Ronde.HOOFDLIJNEN,
        gepland_op=datetime(2026, 10, 5, 19, 30, tzinfo=AMS),
        locatie="Wijkcentrum De Boomgaard",
        ontvangen_op=timezone.now(),
    )
    assert overleg.aangemaakt_door == medewerker
    berichten = Notificatie.objects.filter(user__in=[lid.user for lid in w.leden])
    assert berichten.count() == 2
    bericht = berichten.first()
    assert w.traject.titel in bericht.onderwerp
    assert "maandag 5 oktober 2026, 19:30" in bericht.tekst
    assert "Wijkcentrum De Boomgaard" in bericht.tekst
    assert bericht.url.endswith(f"/consensus/{Ronde.HOOFDLIJNEN}/")
    assert (
        AuditEvent.objects.filter(event_type=AuditEventType.CONSENSUSOVERLEG_GEPLAND).count() == 1
    )

    # The same again (a double click) changes nothing and sends nothing.
    s.consensusoverleg_plannen(
        actor=medewerker,
        traject=w.traject,
        ronde=Ronde.HOOFDLIJNEN,
        gepland_op=datetime(2026, 10, 5, 19, 30, tzinfo=AMS),
        locatie="Wijkcentrum De Boomgaard",
        ontvangen_op=timezone.now(),
    )
    assert Notificatie.objects.count() == 2
    assert ConsensusOverleg.objects.count() == 1

    # Moving it is the same call: the members hear the old and the new moment.
    s.consensusoverleg_plannen(
        actor=medewerker,
        traject=w.traject,
        ronde=Ronde.HOOFDLIJNEN,
        gepland_op=datetime(2026, 10, 7, 14, 0, tzinfo=AMS),
        locatie="Online",
        ontvangen_op=timezone.now(),
    )
    assert ConsensusOverleg.objects.count() == 1
    verplaatst = Notificatie.objects.order_by("pk")[2:]
    assert len(verplaatst) == 2
    tekst = verplaatst[0].tekst
    assert "woensdag 7 oktober 2026, 14:00" in tekst
    assert "maandag 5 oktober 2026, 19:30" in tekst
    assert (
        AuditEvent.objects.filter(event_type=AuditEventType.CONSENSUSOVERLEG_GEPLAND).count() == 2
    )


def test_only_medewerkers_of_the_gemeente_plan(w, andere_gemeente):
    for actor in (
        w.extra["voorzitter"].user,
        MedewerkerFactory(gemeente=andere_gemeente).user,
    ):
        with pytest.raises(NotAllowed):
            s.consensusoverleg_plannen(
                actor=actor,
                traject=w.traject,
                ronde=Ronde.HOOFDLIJNEN,
                gepland_op=timezone.now() + timedelta(days=3),
                ontvangen_op=timezone.now(),
            )
    assert not ConsensusOverleg.objects.exists()


def test_planning_needs_an_opened_vault_and_a_moment_ahead(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, geopend=False)
    with pytest.raises(DomainError, match="niet geopend|not opened"):
        plannen(w)
    KluisOpeningFactory(traject=w.traject, geopend=True)
    with pytest.raises(DomainError):
        plannen(w, over=timedelta(seconds=-1))
    assert plannen(w).pk


# --- recording ----------------------------------------------------------------------------


def test_the_chair_records_on_the_scale_with_a_motivation(w):
    plannen(w)
    voorzitter, bod = w.extra["voorzitter"].user, w.biedingen[0]
    waarde, draagvlak = w.criteria  # 1..10 and 0..5
    for te_hoog in ((waarde, 11), (draagvlak, 6), (waarde, 0)):
        with pytest.raises(DomainError, match="1 tot en met 10|0 tot en met 5|1 to 10|0 to 5"):
            s.consensus_score_vastleggen(
                actor=voorzitter, bod=bod, criterium=te_hoog[0], waarde=te_hoog[1], motivatie="x"
            )
    with pytest.raises(DomainError) as fout:
        s.consensus_score_vastleggen(actor=voorzitter, bod=bod, criterium=waarde, waarde=8)
    assert fout.value.veld == s.criterium_veld(waarde) == f"c{waarde.pk}-waarde"
    with pytest.raises(DomainError):
        s.consensus_score_vastleggen(
            actor=voorzitter, bod=bod, criterium=waarde, waarde=None, motivatie="Geen keuze"
        )
    assert not ConsensusScore.objects.exists()

    score = s.consensus_score_vastleggen(
        actor=voorzitter, bod=bod, criterium=draagvlak, waarde=0, motivatie="Geen draagvlak."
    )
    assert (score.waarde, score.niet_van_toepassing) == (0, False)
    # On a weighted award "not applicable" for one bid is refused (issue 13, rule 7).
    with pytest.raises(DomainError, match="niet van toepassing"):
        s.consensus_score_vastleggen(
            actor=voorzitter,
            bod=bod,
            criterium=waarde,
            niet_van_toepassing=True,
            motivatie="Past niet bij dit bod.",
        )


def test_quality_only_still_takes_not_applicable_for_one_bid(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, biedingen=2, gunningswijze=Gunningswijze.KWALITEIT)
    plannen(w)
    nvt = s.consensus_score_vastleggen(
        actor=medewerker,
        bod=w.biedingen[0],
        criterium=w.criteria[0],
        waarde=9,  # ignored: "not applicable" has no value
        niet_van_toepassing=True,
        motivatie="Past niet bij dit bod.",
    )
    assert (nvt.waarde, nvt.niet_van_toepassing, nvt.vastgelegd_door) == (None, True, medewerker)


def test_recording_twice_makes_one_record_and_the_members_scores_stay(w):
    plannen(w)
    voorzitter, bod, criterium = w.extra["voorzitter"].user, w.biedingen[0], w.criteria[0]
    voor = list(Score.objects.order_by("pk").values_list("pk", "waarde", "motivatie"))
    for _ in range(2):
        s.consensus_score_vastleggen(
            actor=voorzitter, bod=bod, criterium=criterium, waarde=6, motivatie="Samen: 6."
        )
    assert ConsensusScore.objects.count() == 1
    assert AuditEvent.objects.filter(event_type=AuditEventType.CONSENSUS_VASTGELEGD).count() == 1
    assert list(Score.objects.order_by("pk").values_list("pk", "waarde", "motivatie")) == voor


def test_who_may_record(w, andere_gemeente):
    plannen(w)
    bod, criterium = w.biedingen[0], w.criteria[0]
    gewoon_lid, nog_niet_klaar = w.leden[1], w.leden[2]

    def probeer(actor):
        return s.consensus_score_vastleggen(
            actor=actor, bod=bod, criterium=criterium, waarde=5, motivatie="Vijf."
        )

    with pytest.raises(NotAllowed):
        probeer(gewoon_lid.user)  # a member who is not the chair
    with pytest.raises(NotAllowed):
        probeer(MedewerkerFactory(gemeente=andere_gemeente).user)
    # The chair must have submitted their own assessment of the bid.
    cs.voorzitter_instellen(actor=w.medewerker, lid=nog_niet_klaar)
    with pytest.raises(NotAllowed):
        probeer(nog_niet_klaar.user)
    verklaren(actor=nog_niet_klaar.user, bod=bod, conflict=False)
    with pytest.raises(NotAllowed, match="eigen beoordeling|own assessment"):
        probeer(nog_niet_klaar.user)
    assert not ConsensusScore.objects.exists()
    # An officer of the gemeente may.
    assert probeer(w.medewerker).vastgelegd_door == w.medewerker


def test_a_recused_chair_records_nothing_for_that_bid(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, biedingen=2)
    voorzitter = cs.voorzitter_instellen(actor=medewerker, lid=w.leden[0])
    # Issue 13: a conflict is for the whole lot; the other bid is on another lot.
    w.biedingen[1].perceel = PerceelFactory(traject=w.traject)
    w.biedingen[1].save()
    verklaren(actor=voorzitter.user, bod=w.biedingen[0], conflict=True)
    tekenen_en_indienen(voorzitter, w.biedingen[1], w.criteria)
    plannen(w)
    with pytest.raises(NotAllowed, match="belangenconflict|conflict of interest"):
        s.consensus_score_vastleggen(
            actor=voorzitter.user,
            bod=w.biedingen[0],
            criterium=w.criteria[0],
            waarde=5,
            motivatie="Vijf.",
        )
    with pytest.raises(NotAllowed):
        s.consensus_oordeel_vastleggen(actor=voorzitter.user, bod=w.biedingen[0], oordeel="Goed.")
    # For the other bid the chair records.
    assert s.consensus_score_vastleggen(
        actor=voorzitter.user, bod=w.biedingen[1], criterium=w.criteria[0], waarde=5, motivatie="V"
    )


def test_recording_needs_a_planned_meeting(w):
    with pytest.raises(DomainError, match="Plan|plan"):
        s.consensus_score_vastleggen(
            actor=w.medewerker,
            bod=w.biedingen[0],
            criterium=w.criteria[0],
            waarde=5,
            motivatie="Vijf.",
        )


def test_the_judgement_is_required_and_ranks_are_unique_per_lot_for_quality_only(
    gemeente, medewerker
):
    w = maak_wereld(gemeente, medewerker, biedingen=3, gunningswijze=Gunningswijze.KWALITEIT)
    met_voorzitter(w)
    plannen(w)
    a, b, c = w.biedingen
    with pytest.raises(DomainError):
        s.consensus_oordeel_vastleggen(actor=medewerker, bod=a, oordeel="  ", rang=1)
    with pytest.raises(DomainError, match="1 tot en met 3|1 to 3"):
        s.consensus_oordeel_vastleggen(actor=medewerker, bod=a, oordeel="Goed.", rang=4)
    s.consensus_oordeel_vastleggen(actor=medewerker, bod=a, oordeel="Goed.", rang=1)
    with pytest.raises(DomainError, match=a.organisatie.naam):
        s.consensus_oordeel_vastleggen(actor=medewerker, bod=b, oordeel="Ook goed.", rang=1)
    # Swapping: first free rank 1, then give it to the other.
    s.consensus_oordeel_vastleggen(actor=medewerker, bod=a, oordeel="Goed.", rang=None)
    s.consensus_oordeel_vastleggen(actor=medewerker, bod=b, oordeel="Ook goed.", rang=1)
    s.consensus_oordeel_vastleggen(actor=medewerker, bod=a, oordeel="Goed.", rang=2)
    # A bid of another lot may have rank 1 too.
    ander = PerceelFactory(traject=w.traject)
    d = BodFactory(perceel=ander, ingediend=True)
    alles_verklaard(medewerker, w.traject)
    assert s.consensus_oordeel_vastleggen(actor=medewerker, bod=d, oordeel="Top.", rang=1).rang == 1
    assert dict(ConsensusOordeel.objects.values_list("bod_id", "rang")) == {
        a.pk: 2,
        b.pk: 1,
        d.pk: 1,
    }
    del c


def test_a_weighted_trajectory_keeps_no_agreed_rank(w):
    plannen(w)
    oordeel = s.consensus_oordeel_vastleggen(
        actor=w.medewerker, bod=w.biedingen[0], oordeel="Goed.", rang=1
    )
    assert oordeel.rang is None


def test_the_form_in_one_go_is_all_or_nothing(w):
    plannen(w)
    waarde, draagvlak = w.criteria
    with pytest.raises(DomainError) as fout:
        s.consensus_vastleggen(
            actor=w.medewerker,
            bod=w.biedingen[0],
            scores=[
                {"criterium": waarde, "waarde": 8, "motivatie": "Acht."},
                {"criterium": draagvlak, "waarde": 4, "motivatie": ""},
            ],
            oordeel="Goed.",
        )
    assert fout.value.veld == s.criterium_veld(draagvlak) == f"c{draagvlak.pk}-waarde"
    assert not ConsensusScore.objects.exists()
    assert not ConsensusOordeel.objects.exists()
    # A criterion left entirely empty is skipped: it can be done later.
    s.consensus_vastleggen(
        actor=w.medewerker,
        bod=w.biedingen[0],
        scores=[
            {"criterium": waarde, "waarde": 8, "motivatie": "Acht."},
            {"criterium": draagvlak, "waarde": None, "niet_van_toepassing": False, "motivatie": ""},
        ],
    )
    assert ConsensusScore.objects.get().waarde == 8


# --- closing --------------------------------------------------------------------------------


def test_closing_needs_every_bid_complete_and_then_nothing_changes(w):
    overleg = plannen(w)
    voorzitter = w.extra["voorzitter"].user
    a, b, c = w.biedingen
    vastleggen(voorzitter, a, w.criteria, [8, 4])
    vastleggen(voorzitter, b, w.criteria, [6, 2])
    vastleggen(voorzitter, c, w.criteria, [7, 3], oordeel=None)
    s.aanwezigheid_vastleggen(actor=voorzitter, overleg=overleg, aanwezigen=w.leden)
    with pytest.raises(DomainError, match="niet compleet|not complete"):
        s.consensus_bevestigen(actor=voorzitter, overleg=overleg)
    with pytest.raises(NotAllowed):
        s.consensus_bevestigen(actor=w.medewerker, overleg=overleg)
    s.consensus_oordeel_vastleggen(actor=voorzitter, bod=c, oordeel="Redelijk.")

    gesloten = sluiten(overleg)
    assert gesloten.vastgesteld_op is not None
    event = AuditEvent.objects.get(event_type=AuditEventType.CONSENSUS_VASTGESTELD)
    assert [r["bod"] for r in event.detail["rangorde"][str(w.perceel.pk)]] == [a.pk, c.pk, b.pk]
    assert sel.is_vastgesteld(w.traject, Ronde.HOOFDLIJNEN)

    with pytest.raises(DomainError, match="vastgesteld|closed"):
        s.consensus_score_vastleggen(
            actor=voorzitter, bod=a, criterium=w.criteria[0], waarde=1, motivatie="Toch niet."
        )
    with pytest.raises(DomainError, match="vastgesteld|closed"):
        s.consensus_oordeel_vastleggen(actor=w.medewerker, bod=a, oordeel="Anders.")
    with pytest.raises(DomainError, match="vastgesteld|closed"):
        plannen(w, over=timedelta(days=9))
    assert ConsensusScore.objects.get(bod=a, criterium=w.criteria[0]).waarde == 8


# --- the ranking ------------------------------------------------------------------------


def _rangorde(w):
    return [
        (r.bod, r.rang, r.totaal) for r in sel.rangorde(w.traject, Ronde.HOOFDLIJNEN)[w.perceel.pk]
    ]


def test_weighted_ranking_with_a_criterion_dropped_for_the_lot(w):
    """Criteria 1..10 (weight 60) and 0..5 (weight 40); the first is dropped for the lot,
    so for every bid only the second counts, with the same weight:
    A: 5 -> 100.0; B: 3 -> 60.0; C: 4 -> 80.0 (never a zero for the dropped one)."""
    plannen(w)
    a, b, c = w.biedingen
    waarde, draagvlak = w.criteria
    s.criterium_laten_vervallen(
        actor=w.medewerker,
        perceel=w.perceel,
        ronde=Ronde.HOOFDLIJNEN,
        criterium=waarde,
        reden="Geen enkel plan gaat over maatschappelijke waarde in deze zin.",
    )
    vastleggen(w.medewerker, a, [draagvlak], [5])
    vastleggen(w.medewerker, b, [draagvlak], [3])
    vastleggen(w.medewerker, c, [draagvlak], [4])
    assert _rangorde(w) == [
        (a, 1, Decimal("100.0")),
        (c, 2, Decimal("80.0")),
        (b, 3, Decimal("60.0")),
    ]


def test_equal_totals_share_a_rank_and_incomplete_bids_have_none(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, biedingen=4)
    met_voorzitter(w)
    plannen(w)
    a, b, c, d = w.biedingen
    vastleggen(medewerker, a, w.criteria, [7, 3])  # 64.0
    vastleggen(medewerker, b, w.criteria, [10, 5])  # 100.0
    vastleggen(medewerker, c, w.criteria, [10, 5])  # 100.0
    vastleggen(medewerker, d, w.criteria, [10, 5], oordeel=None)  # no judgement yet
    regels = sel.rangorde(w.traject, Ronde.HOOFDLIJNEN)[w.perceel.pk]
    assert [(r.rang, r.totaal) for r in regels] == [
        (1, Decimal("100.0")),
        (1, Decimal("100.0")),
        (3, Decimal("64.0")),
        (None, None),
    ]
    assert {regels[0].bod, regels[1].bod} == {b, c}
    assert regels[3].bod == d and not regels[3].compleet


def test_totals_round_half_up_to_one_decimal(gemeente, medewerker):
    """0..4 (weight 25) at 1 and 0..10 (weight 75) at 0: 25 x 1/4 = 6.25 -> 6.3."""
    w = maak_wereld(gemeente, medewerker, biedingen=1)
    w.traject.criteria.all().delete()
    criteria = [
        CriteriumFactory(traject=w.traject, naam="Buurt", schaal_min=0, schaal_max=4, weging=25),
        CriteriumFactory(traject=w.traject, naam="Plan", schaal_min=0, schaal_max=10, weging=75),
    ]
    plannen(w)
    vastleggen(medewerker, w.biedingen[0], criteria, [1, 0])
    assert _rangorde(w)[0][2] == Decimal("6.3")


def test_criteria_without_a_weight_count_equally(gemeente, medewerker):
    """1..10 at 10 (1) and 0..5 at 0 (0), no weights: (1 + 0) / 2 = 50.0."""
    w = maak_wereld(gemeente, medewerker, biedingen=1)
    w.traject.criteria.update(weging=None)
    plannen(w)
    vastleggen(medewerker, w.biedingen[0], list(w.traject.criteria.all()), [10, 0])
    assert _rangorde(w)[0][2] == Decimal("50.0")


def test_quality_only_ranks_by_the_agreed_ranks(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, biedingen=3, gunningswijze=Gunningswijze.KWALITEIT)
    plannen(w)
    a, b, c = w.biedingen
    vastleggen(medewerker, a, w.criteria, [9, 5], rang=2)
    vastleggen(medewerker, b, w.criteria, [3, 1], rang=1)  # the committee's order decides
    vastleggen(medewerker, c, w.criteria, [5, 2], rang=None)  # no rank yet: incomplete
    assert _rangorde(w) == [(b, 1, None), (a, 2, None), (c, None, None)]


def test_ranking_is_empty_before_the_opening(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, geopend=False)
    assert sel.rangorde(w.traject, Ronde.HOOFDLIJNEN) == {}
