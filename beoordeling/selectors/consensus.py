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
from beoordeling.constants import Ronde
from beoordeling.models import (
    Belangenverklaring,
    Beoordeling,
    Bod,
    Commissielid,
    ConsensusOordeel,
    ConsensusOverleg,
    ConsensusScore,
    KluisOpening,
    Score,
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


def ontbrekend_voor(
    traject: Traject,
    criteria: list[Criterium],
    bod: Bod,
    consensus_scores: dict[int, ConsensusScore],
    oordeel: ConsensusOordeel | None,
) -> list[str]:
    """What the consensus of one bid still lacks, as a list of short Dutch labels."""
    missend = [c.naam for c in criteria if c.pk not in consensus_scores and not c.is_prijs]
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
    prijzen: dict[int, prijs_selectors.Prijspunten] | None = None,
) -> dict[int, list[Rang]]:
    """{perceel_id: [Rang]} from data already read: no queries. `prijzen`: the price
    points (`prijs.prijspunten`); a bid they call invalid gets no rank."""
    if prijzen is None:
        prijzen = prijs_selectors.prijspunten(traject, biedingen, criteria)
    per_perceel: dict[int, list[Rang]] = {}
    for bod in biedingen:
        scores = scores_per_bod.get(bod.pk, {})
        oordeel = oordelen.get(bod.pk)
        compleet = not ontbrekend_voor(traject, criteria, bod, scores, oordeel)
        regel = Rang(bod=bod, compleet=compleet, prijs=prijzen.get(bod.pk))
        if regel.ongeldig:
            pass  # issue 13, rule 8: not ranked; the page says why
        elif compleet:
            if is_kwaliteit(traject):
                assert oordeel is not None  # complete: it has a judgement and a rank
                regel.rang = oordeel.rang
            else:
                regel.totaal = gewogen_totaal(criteria, scores, regel.prijs)
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


def rangorde(traject: Traject, ronde: str) -> dict[int, list[Rang]]:
    """{perceel_id: [Rang(bod, rang, totaal)]}: the ranking per lot from the consensus of
    the opened bids of `ronde`, by the published method, best first; bids without a
    complete consensus last, without a rank. Empty while the vault is closed. Four
    queries, however many bids."""
    biedingen = list(kluis.geopende_biedingen(traject, ronde))
    if not biedingen:
        return {}
    criteria = list(traject.criteria.all())
    scores_per_bod, oordelen = consensus_van([b.pk for b in biedingen])
    return rangschikken(traject, biedingen, criteria, scores_per_bod, oordelen)


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
    mag_vaststellen: bool = False

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
        return blokken

    @property
    def is_voorzitter(self) -> bool:
        return self.lid is not None and self.lid.is_voorzitter

    @property
    def compleet(self) -> bool:
        return bool(self.bladen) and not self.aantal_onvolledig


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
        .order_by("-is_voorzitter", "-is_bewoner", "user__naam", "user__email", "pk")
    )
    verklaringen = {
        (lid_id, bod_id): conflict
        for lid_id, bod_id, conflict in Belangenverklaring.objects.filter(
            commissielid__traject=traject, bod__traject=traject, bod__ronde=ronde
        ).values_list("commissielid_id", "bod_id", "conflict")
    }
    beoordelingen = {
        (b.commissielid_id, b.bod_id): b
        for b in Beoordeling.objects.filter(
            commissielid__traject=traject,
            bod__traject=traject,
            bod__ronde=ronde,
            ingediend_op__isnull=False,
        )
    }

    # The committee's rules, from the data read above (no query): a member, officer or
    # not, sees the scores of a bid only after submitting their own; never with a conflict.
    recht = permissions.toegang_uit(
        traject,
        is_medewerker=is_medewerker,
        lid=lid,
        verklaringen={
            bod_id: conflict
            for (lid_id, bod_id), conflict in verklaringen.items()
            if lid is not None and lid_id == lid.pk
        },
        ingediend={
            bod_id for lid_id, bod_id in beoordelingen if lid is not None and lid_id == lid.pk
        },
    )
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
    rangorde_alle = rangschikken(traject, alle, criteria, scores_per_bod, oordelen)
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
            if verklaringen.get(sleutel):
                gewraakt += 1
            elif sleutel in beoordelingen:
                x_kopie = _met_beoordeling(x, beoordelingen[sleutel])
                ingediend.append(x_kopie)
            else:
                nog_niet.append(x)
        bodblad.leden, bodblad.nog_niet, bodblad.gewraakt = ingediend, nog_niet, gewraakt
        consensus = scores_per_bod.get(bod.pk, {})
        for criterium in criteria:
            rij = [scores.get((x.pk, bod.pk, criterium.pk)) for x in ingediend]
            bodblad.rijen.append(
                Rij(
                    criterium=criterium,
                    scores=rij,
                    gemiddelde=gemiddelde(s for s in rij if s is not None),
                    consensus=consensus.get(criterium.pk),
                    prijs=rangen[bod.pk].prijs if criterium.is_prijs else None,
                )
            )
        bodblad.oordeel = oordelen.get(bod.pk)
        bodblad.rang = rangen.get(bod.pk)
        bodblad.ontbrekend = ontbrekend_voor(traject, criteria, bod, consensus, bodblad.oordeel)
        bodblad.mag_vastleggen = permissions.alle(
            permissions.mag_consensus_vastleggen(user, traject, bod, recht=recht),
            open_voor_vastleggen,
        )
    blad.mag_vaststellen = (
        bool(permissions.mag_consensus_vaststellen(user, traject, lid=lid))
        and overleg is not None
        and overleg.vastgesteld_op is None
        and bool(blad.bladen)
    )
    return blad


def _met_beoordeling(lid: Commissielid, beoordeling: Beoordeling) -> Any:
    """A copy of the member with their assessment of one bid (members are shared between
    bids, so the assessment cannot be set on the member itself)."""
    kopie: Any = copy.copy(lid)
    kopie.beoordeling = beoordeling
    return kopie
