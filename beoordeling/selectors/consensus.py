"""Reads for the consensus meeting and the ranking, scoped to the user who asks.

Bids come only from `beoordeling.selectors.kluis.geopende_biedingen`: never a bid of a
vault that is still closed. This module reads who the bidder is, the declarations, the
members' scores and assessments, and the consensus; never a bid's content.

Who sees what is decided in `beoordeling.permissions`: officers of the trajectory's
gemeente who are not on its committee see every opened bid. A committee member (an
officer on the committee too) sees a bid's scores (the members' and the consensus) only
after signing a declaration without conflict for it AND submitting their own assessment
of it; a recused member sees only that they are recused. Everyone else gets nothing (the
views answer 404).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from aanbesteden.permissions import Toestemming, geweigerd
from aanbesteden.selectors import gemeente_ids_van
from beoordeling import permissions
from beoordeling.constants import BodStatus, Ronde
from beoordeling.models import (
    Belangenverklaring,
    Beoordeling,
    Bod,
    Commissielid,
    Consensusbevestiging,
    ConsensusOordeel,
    ConsensusOverleg,
    ConsensusScore,
    KluisOpening,
    Score,
    VervallenCriterium,
)
from beoordeling.permissions import CONFLICT, INGEDIEND, INZIEN, SCOREN, VERKLAREN  # noqa: F401
from beoordeling.selectors import kluis
from beoordeling.selectors import prijs as prijs_selectors
from beoordeling.selectors.commissie import gemiddelde
from trajecten.constants import Gunningswijze
from trajecten.models import Criterium, Perceel, Traject

# --- the ranking ------------------------------------------------------------------------


@dataclass
class Rang:
    """One bid's place in its lot. `rang` and `totaal` are None while the bid's consensus
    is not complete (and `totaal` is None for "quality only")."""

    bod: Bod
    rang: int | None = None
    totaal: Decimal | None = None
    compleet: bool = False
    # Issue 13, rule 8: the points on the price criterion, or why the bid is invalid.
    prijs: prijs_selectors.Prijspunten | None = None

    @property
    def ongeldig(self) -> str:
        """Why the bid is not ranked (above the budget cap, no price); empty otherwise."""
        return self.prijs.ongeldig if self.prijs is not None else ""


def is_kwaliteit(traject: Traject) -> bool:
    return traject.gunningswijze == Gunningswijze.KWALITEIT


def _rond_af(breuk: Fraction) -> Decimal:
    """A non-negative fraction to one decimal, half up (64.25 -> 64.3), exactly."""
    tienden = (breuk * 10 + Fraction(1, 2)).__floor__()
    return Decimal(tienden) / Decimal(10)


def gewogen_totaal(
    criteria: list[Criterium],
    consensus_scores: dict[int, ConsensusScore],
    prijs: prijs_selectors.Prijspunten | None = None,
) -> Decimal | None:
    """The weighted total of one bid, 0..100 to one decimal, or None when no criterion has
    a consensus value (all "not applicable").

    Each criterion with a value counts as weight x (value - lowest) / (highest - lowest);
    the sum is divided by the weights of those criteria only, so "not applicable" leaves
    the criterion out and the others weigh more (never a zero). When not every criterion
    has a weight, all criteria count equally. `consensus_scores` is {criterium_id: score}.
    """
    alle_gewogen = all(c.weging is not None for c in criteria)
    teller, noemer = Fraction(0), Fraction(0)
    for criterium in criteria:
        if criterium.is_prijs:  # issue 13, rule 8: the formula's points, never an opinion
            if prijs is not None and prijs.breuk is not None:
                gewicht = Fraction(criterium.weging if alle_gewogen and criterium.weging else 1)
                teller += gewicht * prijs.breuk
                noemer += gewicht
            continue
        score = consensus_scores.get(criterium.pk)
        if score is None or score.niet_van_toepassing or score.waarde is None:
            continue
        gewicht = Fraction(criterium.weging if alle_gewogen and criterium.weging is not None else 1)
        bereik = criterium.schaal_max - criterium.schaal_min
        teller += gewicht * Fraction(score.waarde - criterium.schaal_min, bereik)
        noemer += gewicht
    if not noemer:
        return None
    return _rond_af(teller / noemer * 100)


def is_gewogen(traject: Traject) -> bool:
    """A weighted award (`Gunningswijze.GEWOGEN_*`): every bid of a lot is weighed on the
    same criteria, so a criterion counts for all of them or for none (issue 13, rule 7)."""
    return traject.gunningswijze in (
        Gunningswijze.GEWOGEN_ZONDER_PRIJS,
        Gunningswijze.GEWOGEN_MET_PRIJS,
    )


def ontbrekend_voor(
    traject: Traject,
    criteria: list[Criterium],
    bod: Bod,
    consensus_scores: dict[int, ConsensusScore],
    oordeel: ConsensusOordeel | None,
    vervallen: Iterable[int] = (),
) -> list[str]:
    """What the consensus of one bid still lacks, as a list of short Dutch labels. A
    criterion dropped for the bid's lot (`vervallen`: criterium ids) lacks nothing, nor
    does the price criterion (computed by the platform, issue 13, rule 8)."""
    weg = set(vervallen)
    missend = [
        c.naam
        for c in criteria
        if c.pk not in consensus_scores and c.pk not in weg and not c.is_prijs
    ]
    if oordeel is None or not oordeel.oordeel.strip():
        missend.append(_("the judgement"))
    if is_kwaliteit(traject) and (oordeel is None or oordeel.rang is None):
        missend.append(_("the rank"))
    return missend


def rangschikken(
    traject: Traject,
    biedingen: list[Bod],
    criteria: list[Criterium],
    scores_per_bod: dict[int, dict[int, ConsensusScore]],
    oordelen: dict[int, ConsensusOordeel],
    *,
    vervallen: dict[int, set[int]] | None = None,
    prijzen: dict[int, prijs_selectors.Prijspunten] | None = None,
) -> dict[int, list[Rang]]:
    """{perceel_id: [Rang]} from data already read: no queries. `vervallen`: {perceel_id:
    {criterium_id}} the criteria dropped for every bid of a lot (`vervallen_van`); they
    count for no bid of that lot, so the weights stay equal between its bids. `prijzen`:
    the price points (`prijs.prijspunten`); a bid they call invalid gets no rank."""
    vervallen = vervallen or {}
    if prijzen is None:
        prijzen = prijs_selectors.prijspunten(traject, biedingen, criteria)
    per_perceel: dict[int, list[Rang]] = {}
    for bod in biedingen:
        scores = scores_per_bod.get(bod.pk, {})
        oordeel = oordelen.get(bod.pk)
        weg = vervallen.get(bod.perceel_id, set())
        compleet = not ontbrekend_voor(traject, criteria, bod, scores, oordeel, weg)
        regel = Rang(bod=bod, compleet=compleet, prijs=prijzen.get(bod.pk))
        if regel.ongeldig:
            pass  # issue 13, rule 8: not ranked; the page says why
        elif compleet:
            if is_kwaliteit(traject):
                assert oordeel is not None  # complete: it has a judgement and a rank
                regel.rang = oordeel.rang
            else:
                regel.totaal = gewogen_totaal(
                    [c for c in criteria if c.pk not in weg], scores, regel.prijs
                )
        per_perceel.setdefault(bod.perceel_id, []).append(regel)
    for regels in per_perceel.values():
        if not is_kwaliteit(traject):
            # Highest first; equal totals share a rank (1, 1, 3).
            met_totaal = sorted(
                (r for r in regels if r.totaal is not None), key=lambda r: -(r.totaal or 0)
            )
            for i, regel in enumerate(met_totaal):
                if i and regel.totaal == met_totaal[i - 1].totaal:
                    regel.rang = met_totaal[i - 1].rang
                else:
                    regel.rang = i + 1
        regels.sort(key=lambda r: (r.rang is None, r.rang or 0, r.bod.organisatie.naam, r.bod.pk))
    return per_perceel


def consensus_van(
    bod_ids: Iterable[int],
) -> tuple[dict[int, dict[int, ConsensusScore]], dict[int, ConsensusOordeel]]:
    """({bod_id: {criterium_id: ConsensusScore}}, {bod_id: ConsensusOordeel}): two queries."""
    scores_per_bod: dict[int, dict[int, ConsensusScore]] = {}
    for score in ConsensusScore.objects.filter(bod_id__in=bod_ids):
        scores_per_bod.setdefault(score.bod_id, {})[score.criterium_id] = score
    oordelen = {o.bod_id: o for o in ConsensusOordeel.objects.filter(bod_id__in=bod_ids)}
    return scores_per_bod, oordelen


def vervallen_van(traject: Traject, ronde: str) -> dict[int, dict[int, VervallenCriterium]]:
    """{perceel_id: {criterium_id: VervallenCriterium}}: the criteria the committee dropped
    for every bid of a lot in the consensus of `ronde` (issue 13, rule 7). One query."""
    per_perceel: dict[int, dict[int, VervallenCriterium]] = {}
    for regel in VervallenCriterium.objects.filter(
        perceel__traject=traject, ronde=ronde
    ).select_related("criterium"):
        per_perceel.setdefault(regel.perceel_id, {})[regel.criterium_id] = regel
    return per_perceel


def _ids(vervallen: dict[int, dict[int, VervallenCriterium]]) -> dict[int, set[int]]:
    return {perceel_id: set(regels) for perceel_id, regels in vervallen.items()}


def rangorde(traject: Traject, ronde: str) -> dict[int, list[Rang]]:
    """{perceel_id: [Rang(bod, rang, totaal)]}: the ranking per lot from the consensus of
    the opened bids of `ronde`, by the published method, best first; bids without a
    complete consensus last, without a rank. A criterion dropped for a lot counts for no
    bid of it. Empty while the vault is closed. Five queries, however many bids."""
    biedingen = list(kluis.geopende_biedingen(traject, ronde))
    if not biedingen:
        return {}
    criteria = list(traject.criteria.all())
    scores_per_bod, oordelen = consensus_van([b.pk for b in biedingen])
    return rangschikken(
        traject,
        biedingen,
        criteria,
        scores_per_bod,
        oordelen,
        vervallen=_ids(vervallen_van(traject, ronde)),
    )


# --- who confirms the consensus (issue 13, rule 6) ------------------------------------------


def stemgerechtigden(overleg: ConsensusOverleg) -> list[Commissielid]:
    """The members of the committee who confirm the consensus of `overleg`'s stage: every
    member who did not declare a conflict of interest. A declaration is per lot (issue 13,
    rule 5); the consensus of a stage is confirmed as one text, so a member with a conflict
    on ANY lot with a submitted bid in the stage counts as recused for the whole stage. The
    chair first, then by name. One query.

    This is the one place that asks who is recused for the confirmation; the majority is
    counted over this list (`Bevestigingsstand`)."""
    percelen = Bod.objects.filter(
        traject_id=overleg.traject_id, ronde=overleg.ronde, status=BodStatus.INGEDIEND
    ).values("perceel_id")
    conflict = Belangenverklaring.objects.filter(
        user=OuterRef("user_id"),
        conflict=True,
        traject_id=overleg.traject_id,
        perceel_id__in=percelen,
    )
    return list(
        Commissielid.objects.filter(traject_id=overleg.traject_id)
        .exclude(Exists(conflict))
        .select_related("user")
        .order_by("-is_voorzitter", "user__naam", "user__email", "pk")
    )


def meerderheid(aantal: int) -> int:
    """The smallest number that is more than half of `aantal` (3 of 4, 3 of 5, 1 of 1)."""
    return aantal // 2 + 1


@dataclass
class Bevestigingsstand:
    """Who confirmed the consensus of a stage, and whether it may close."""

    stemgerechtigden: list[Commissielid]
    bevestigd: dict[int, Consensusbevestiging]  # commissielid_id -> confirmation

    @property
    def nodig(self) -> int:
        return meerderheid(len(self.stemgerechtigden))

    @property
    def aantal(self) -> int:
        ids = {x.pk for x in self.stemgerechtigden}
        return sum(1 for lid_id in self.bevestigd if lid_id in ids)

    @property
    def voorzitter(self) -> Commissielid | None:
        return next((x for x in self.stemgerechtigden if x.is_voorzitter), None)

    @property
    def voorzitter_bevestigd(self) -> bool:
        voorzitter = self.voorzitter
        return voorzitter is not None and voorzitter.pk in self.bevestigd

    @property
    def rond(self) -> bool:
        """The chair and a majority of the members entitled to confirm have confirmed."""
        return self.voorzitter_bevestigd and self.aantal >= self.nodig

    def is_stemgerechtigd(self, lid: Commissielid | None) -> bool:
        return lid is not None and any(x.pk == lid.pk for x in self.stemgerechtigden)

    def heeft_bevestigd(self, lid: Commissielid | None) -> bool:
        return lid is not None and lid.pk in self.bevestigd

    @property
    def nog_niet(self) -> list[Commissielid]:
        return [x for x in self.stemgerechtigden if x.pk not in self.bevestigd]


def bevestigingsstand(overleg: ConsensusOverleg | None) -> Bevestigingsstand:
    """The confirmations of `overleg` (None: none yet). Two queries (none for None)."""
    if overleg is None or overleg.pk is None:
        return Bevestigingsstand(stemgerechtigden=[], bevestigd={})
    return Bevestigingsstand(
        stemgerechtigden=stemgerechtigden(overleg),
        bevestigd={
            b.commissielid_id: b for b in Consensusbevestiging.objects.filter(overleg=overleg)
        },
    )


def alles_ingediend(lid: Commissielid, biedingen: Iterable[Bod]) -> bool:
    """Whether `lid` submitted their own assessment of every bid in `biedingen` (then they
    may read the whole consensus they confirm). One query."""
    bod_ids = {b.pk for b in biedingen}
    ingediend = set(
        Beoordeling.objects.filter(
            commissielid=lid, bod_id__in=bod_ids, ingediend_op__isnull=False
        ).values_list("bod_id", flat=True)
    )
    return bod_ids <= ingediend


# --- who may come in ----------------------------------------------------------------------


def traject_voor_consensus(user: Any, pk: int) -> tuple[Traject, Commissielid | None]:
    """(trajectory, membership or None) for an officer of the trajectory's gemeente or a
    member of its committee; raises Traject.DoesNotExist otherwise."""
    if not user.is_authenticated:
        raise Traject.DoesNotExist
    lid_van = Commissielid.objects.filter(traject=OuterRef("pk"), user=user)
    traject = Traject.objects.select_related("gemeente").get(
        Q(gemeente_id__in=gemeente_ids_van(user)) | Q(Exists(lid_van)), pk=pk
    )
    lid = Commissielid.objects.filter(traject=traject, user=user).first()
    return traject, lid


def bod_voor_consensus(user: Any, bod_pk: int) -> tuple[Traject, Commissielid | None, Bod]:
    """(trajectory, membership or None, bid) for an opened bid the user may come to as an
    officer or committee member; raises Bod.DoesNotExist otherwise. Says nothing about
    whether a member may see its scores: see `consensusblad`."""
    rij = Bod.objects.filter(pk=bod_pk).values("traject_id", "ronde").first()
    if rij is None:
        raise Bod.DoesNotExist
    try:
        traject, lid = traject_voor_consensus(user, rij["traject_id"])
    except Traject.DoesNotExist as exc:
        raise Bod.DoesNotExist from exc
    bod = kluis.geopende_biedingen(traject, rij["ronde"]).get(pk=bod_pk)
    return traject, lid, bod


def geopende_rondes(traject: Traject) -> list[Ronde]:
    """The stages whose vault is opened, in order."""
    geopend = set(
        KluisOpening.objects.filter(traject=traject, geopend_op__isnull=False).values_list(
            "ronde", flat=True
        )
    )
    return [ronde for ronde in Ronde if ronde.value in geopend]


def overleg_van(traject: Traject, ronde: str) -> ConsensusOverleg | None:
    return (
        ConsensusOverleg.objects.filter(traject=traject, ronde=ronde)
        .select_related("aangemaakt_door", "vastgesteld_door")
        .first()
    )


def is_vastgesteld(traject: Traject | int, ronde: str) -> bool:
    """Whether the consensus of `ronde` is closed (then the ranking is final, and the
    conversations and notes of that stage stay as they are). `traject` or its id."""
    return ConsensusOverleg.objects.filter(
        traject=traject, ronde=ronde, vastgesteld_op__isnull=False
    ).exists()


def vastgestelde_rondes(traject: Traject) -> set[str]:
    """The stages of `traject` whose consensus is closed, in one query."""
    return set(
        ConsensusOverleg.objects.filter(traject=traject, vastgesteld_op__isnull=False).values_list(
            "ronde", flat=True
        )
    )


# --- the meeting page -------------------------------------------------------------------


@dataclass
class Rij:
    criterium: Criterium
    scores: list[Score | None]  # per member in `BodBlad.leden`
    gemiddelde: Decimal | None
    consensus: ConsensusScore | None
    # Dropped for every bid of the lot (weighted award, issue 13, rule 7), or None.
    vervallen: VervallenCriterium | None = None
    # Issue 13, rule 8: on the price criterion, the computed points with the working.
    prijs: prijs_selectors.Prijspunten | None = None


@dataclass
class BodBlad:
    """One bid on the meeting page, as far as this user may see it."""

    bod: Bod
    staat: str  # INZIEN (officer), or VERKLAREN, CONFLICT, SCOREN, INGEDIEND (member)
    # members who submitted: copies with their assessment (`lid.beoordeling`)
    leden: list[Any] = field(default_factory=list)
    rijen: list[Rij] = field(default_factory=list)
    # members not recused, not submitted
    nog_niet: list[Commissielid] = field(default_factory=list)
    gewraakt: int = 0
    oordeel: ConsensusOordeel | None = None
    rang: Rang | None = None
    ontbrekend: list[str] = field(default_factory=list)
    # `permissions.mag_consensus_vastleggen`, while the meeting is planned and open
    # (`permissions.overleg_open`): truthy, or the reason why not.
    mag_vastleggen: Toestemming = field(
        default_factory=lambda: geweigerd(_("Only the chair or an officer records the consensus."))
    )
    # The scores may be shown (`permissions.Toegang.mag_scores_van_anderen_zien`).
    zichtbaar: bool = False

    @property
    def met_oordelen(self) -> bool:
        return any(x.beoordeling.oordeel or x.beoordeling.rang for x in self.leden)


@dataclass
class Perceelblok:
    perceel: Perceel
    bladen: list[BodBlad]
    rangorde: list[Rang] = field(default_factory=list)
    # The criteria dropped for every bid of this lot, with their reasons (rule 7).
    vervallen: list[VervallenCriterium] = field(default_factory=list)
    # The criteria that may still be dropped (weighted award, for the chair or officer).
    te_laten_vervallen: list[Criterium] = field(default_factory=list)
    # Whether this user may drop a criterion for this lot, or undo a drop.
    mag_wijzigen: bool = False


@dataclass
class Consensusblad:
    traject: Traject
    ronde: Ronde
    lid: Commissielid | None  # the user's membership
    is_medewerker: bool
    overleg: ConsensusOverleg | None
    bladen: list[BodBlad]  # by lot
    rangorde: dict[int, list[Rang]]  # only the bids this user may see
    # How many opened bids of the stage (all, also those this user may not see) have no
    # complete consensus yet: the stage can be closed at 0.
    aantal_onvolledig: int = 0
    # What the page offers, from `beoordeling.permissions` (set by `consensusblad`).
    mag_plannen: bool = False
    # Who confirmed (issue 13, rule 6), who attended, and what this user may do about it.
    stand: Bevestigingsstand = field(
        default_factory=lambda: Bevestigingsstand(stemgerechtigden=[], bevestigd={})
    )
    aanwezigen: list[Commissielid] = field(default_factory=list)
    leden: list[Commissielid] = field(default_factory=list)
    mag_bevestigen: Toestemming = field(default_factory=lambda: geweigerd(""))
    mag_aanwezigheid: bool = False
    mag_laten_vervallen: bool = False
    # {perceel_id: {criterium_id: VervallenCriterium}} (rule 7)
    vervallen: dict[int, dict[int, VervallenCriterium]] = field(default_factory=dict)
    criteria: list[Criterium] = field(default_factory=list)

    @property
    def kwaliteit(self) -> bool:
        return is_kwaliteit(self.traject)

    @property
    def vastgesteld(self) -> bool:
        return self.overleg is not None and self.overleg.vastgesteld_op is not None

    @property
    def percelen(self) -> list[Perceelblok]:
        blokken: list[Perceelblok] = []
        for blad in self.bladen:
            if not blokken or blokken[-1].perceel.pk != blad.bod.perceel_id:
                blokken.append(Perceelblok(perceel=blad.bod.perceel, bladen=[]))
            blokken[-1].bladen.append(blad)
        for blok in blokken:
            blok.rangorde = self.rangorde.get(blok.perceel.pk, [])
            weg = self.vervallen.get(blok.perceel.pk, {})
            blok.vervallen = [weg[c.pk] for c in self.criteria if c.pk in weg]
            if self.mag_laten_vervallen and all(b.mag_vastleggen for b in blok.bladen):
                blok.mag_wijzigen = True
                blok.te_laten_vervallen = [c for c in self.criteria if c.pk not in weg]
        return blokken

    @property
    def is_voorzitter(self) -> bool:
        return self.lid is not None and self.lid.is_voorzitter

    @property
    def compleet(self) -> bool:
        return bool(self.bladen) and not self.aantal_onvolledig

    @property
    def gewogen(self) -> bool:
        return is_gewogen(self.traject)

    @property
    def heeft_bevestigd(self) -> bool:
        return self.stand.heeft_bevestigd(self.lid)


def consensusblad(
    user: Any,
    traject: Traject,
    ronde: str,
    *,
    lid: Commissielid | None = None,
    biedingen: list[Bod] | None = None,
) -> Consensusblad:
    """Everything the meeting page shows of `ronde` for `user` (an officer, or the member
    `lid`): per opened bid the submitted scores of every member side by side per
    criterion, with the average of the given scores, the members' judgements and ranks,
    who has not submitted, the consensus and the ranking. A member sees only what the
    module docstring allows. A fixed number of queries, however many bids or members.

    `biedingen` narrows it to some opened bids (the page of one bid)."""
    is_medewerker = traject.gemeente_id in gemeente_ids_van(user)
    alle = list(kluis.geopende_biedingen(traject, ronde))
    if biedingen is not None:
        gekozen = {b.pk for b in biedingen}
        te_tonen = [b for b in alle if b.pk in gekozen]
    else:
        te_tonen = alle
    overleg = overleg_van(traject, ronde)
    blad = Consensusblad(
        traject=traject,
        ronde=Ronde(ronde),
        lid=lid,
        is_medewerker=is_medewerker,
        overleg=overleg,
        bladen=[],
        rangorde={},
        mag_plannen=bool(permissions.mag_consensusoverleg_plannen(user, traject, overleg)),
    )
    if not alle:
        return blad
    criteria = list(traject.criteria.all())
    leden = list(
        Commissielid.objects.filter(traject=traject)
        .select_related("user")
        .prefetch_related("percelen")
        .order_by("-is_voorzitter", "-is_bewoner", "user__naam", "user__email", "pk")
    )
    # Issue 13, rules 4 and 5: declarations are per lot; a member bound to lots is listed
    # only with the bids of their lots.
    conflicten = set(
        Belangenverklaring.objects.filter(traject=traject, conflict=True).values_list(
            "user_id", "perceel_id"
        )
    )
    beoordelingen = {
        (b.commissielid_id, b.bod_id): b
        for b in Beoordeling.objects.filter(
            commissielid__traject=traject,
            bod__traject=traject,
            bod__ronde=ronde,
            ingediend_op__isnull=False,
        )
    }

    # The committee's rules (one query): a member, officer or not, sees the scores of a
    # bid only after submitting their own; never with a conflict for its lot.
    recht = permissions.toegang(user, traject, lid=lid)
    staten = {bod.pk: recht.staat(bod) for bod in alle}
    zichtbaar = {b.pk for b in alle if recht.mag_scores_van_anderen_zien(b)}
    scores: dict[tuple[int, int, int], Score] = {}
    te_lezen = [b.pk for b in te_tonen if b.pk in zichtbaar]
    if te_lezen:
        for score in Score.objects.filter(bod_id__in=te_lezen, commissielid__traject=traject):
            scores[(score.commissielid_id, score.bod_id, score.criterium_id)] = score
    # The ranking depends on every opened bid; a member sees only the lines of the bids
    # they may see.
    scores_per_bod, oordelen = consensus_van([b.pk for b in alle])
    blad.vervallen = vervallen_van(traject, ronde)
    blad.criteria = criteria
    weg = _ids(blad.vervallen)
    rangorde_alle = rangschikken(traject, alle, criteria, scores_per_bod, oordelen, vervallen=weg)
    rangen = {r.bod.pk: r for regels in rangorde_alle.values() for r in regels}
    blad.aantal_onvolledig = sum(1 for r in rangen.values() if not r.compleet)
    blad.rangorde = {
        perceel_id: [r for r in regels if r.bod.pk in zichtbaar]
        for perceel_id, regels in rangorde_alle.items()
    }
    open_voor_vastleggen = permissions.overleg_open(overleg)
    for bod in te_tonen:
        staat = staten[bod.pk]
        bodblad = BodBlad(bod=bod, staat=staat, zichtbaar=bod.pk in zichtbaar)
        blad.bladen.append(bodblad)
        if bod.pk not in zichtbaar:
            continue
        ingediend: list[Any] = []
        nog_niet: list[Commissielid] = []
        gewraakt = 0
        for x in leden:
            sleutel = (x.pk, bod.pk)
            eigen = {p.pk for p in x.percelen.all()}
            if eigen and bod.perceel_id not in eigen:
                continue
            if (x.user_id, bod.perceel_id) in conflicten:
                gewraakt += 1
            elif sleutel in beoordelingen:
                x_kopie = _met_beoordeling(x, beoordelingen[sleutel])
                ingediend.append(x_kopie)
            else:
                nog_niet.append(x)
        bodblad.leden, bodblad.nog_niet, bodblad.gewraakt = ingediend, nog_niet, gewraakt
        consensus = scores_per_bod.get(bod.pk, {})
        vervallen_hier = blad.vervallen.get(bod.perceel_id, {})
        for criterium in criteria:
            rij = [scores.get((x.pk, bod.pk, criterium.pk)) for x in ingediend]
            bodblad.rijen.append(
                Rij(
                    criterium=criterium,
                    scores=rij,
                    gemiddelde=gemiddelde(s for s in rij if s is not None),
                    consensus=consensus.get(criterium.pk),
                    vervallen=vervallen_hier.get(criterium.pk),
                    prijs=rangen[bod.pk].prijs if criterium.is_prijs else None,
                )
            )
        bodblad.oordeel = oordelen.get(bod.pk)
        bodblad.rang = rangen.get(bod.pk)
        bodblad.ontbrekend = ontbrekend_voor(
            traject, criteria, bod, consensus, bodblad.oordeel, vervallen_hier
        )
        bodblad.mag_vastleggen = permissions.alle(
            permissions.mag_consensus_vastleggen(user, traject, bod, recht=recht),
            open_voor_vastleggen,
        )
    blad.leden = leden
    blad.mag_laten_vervallen = is_gewogen(traject) and bool(open_voor_vastleggen)
    if overleg is not None and biedingen is None:  # the meeting page, not one bid's
        blad.stand = bevestigingsstand(overleg)
        aanwezig = set(overleg.aanwezigen.values_list("pk", flat=True))
        blad.aanwezigen = [x for x in leden if x.pk in aanwezig]
        blad.mag_aanwezigheid = bool(
            permissions.mag_aanwezigheid_vastleggen(user, traject, overleg, lid=lid)
        )
        blad.mag_bevestigen = permissions.mag_consensus_bevestigen(
            user,
            overleg,
            lid=lid,
            stemgerechtigd=blad.stand.is_stemgerechtigd(lid),
            voorzitter_bevestigd=blad.stand.voorzitter_bevestigd,
            al_bevestigd=blad.stand.heeft_bevestigd(lid),
            compleet=blad.compleet,
            alles_ingediend=lid is not None and all((lid.pk, b.pk) in beoordelingen for b in alle),
        )
    return blad


def _met_beoordeling(lid: Commissielid, beoordeling: Beoordeling) -> Any:
    """A copy of the member with their assessment of one bid (members are shared between
    bids, so the assessment cannot be set on the member itself)."""
    kopie: Any = copy.copy(lid)
    kopie.beoordeling = beoordeling
    return kopie
