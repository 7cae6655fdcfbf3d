"""Reads for the award (issue 6, item 8): the candidate bids per lot, the decisions with
their letters and objections, the standstill, and what the public and bidders see.

Bids come only from `beoordeling.selectors.kluis` (opened vaults); no bid content is read
here: only who bid on which lot, and the committee's ranking from the consensus.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from aanbesteden.selectors import gemeente_ids_van
from beoordeling import permissions, standstill
from beoordeling.constants import BezwaarSoort, BodStatus, Ronde
from beoordeling.models import (
    Bezwaar,
    Bod,
    Commissielid,
    ConsensusScore,
    Gunning,
    Gunningsbrief,
)
from beoordeling.selectors import consensus as consensus_selectors
from beoordeling.selectors import kluis
from trajecten.models import Criterium, Perceel, TeamLid, Traject
from trajecten.routes import GUNNINGSBRIEVEN, vormen_met
from trajecten.selectors import trajecten_van_mijn_gemeenten

# --- the standstill -------------------------------------------------------------------
# The dates are computed in `beoordeling.standstill` (also for the permissions); asked here
# as before.

STANDSTILL_DAGEN = standstill.STANDSTILL_DAGEN
heeft_standstill = standstill.heeft_standstill
standstill_einddatum = standstill.standstill_einddatum
ondertekenen_vanaf = standstill.ondertekenen_vanaf


# --- who may see what ------------------------------------------------------------------


def traject_voor_gunning(user: Any, pk: int) -> Traject:
    """A trajectory of the user's gemeenten (officers only); raises Traject.DoesNotExist."""
    return trajecten_van_mijn_gemeenten(user).get(pk=pk)


def traject_voor_toelichting(user: Any, pk: int) -> Traject:
    """A trajectory whose explanation to the neighbourhood the user may write: officers of
    its gemeente and the chair of its committee. Raises Traject.DoesNotExist otherwise."""
    if user is None or not user.is_authenticated:
        raise Traject.DoesNotExist
    voorzitter = Commissielid.objects.filter(traject=OuterRef("pk"), user=user, is_voorzitter=True)
    return Traject.objects.select_related("gemeente").get(
        Q(gemeente_id__in=gemeente_ids_van(user)) | Q(Exists(voorzitter)), pk=pk
    )


# --- candidates per lot -----------------------------------------------------------------


@dataclass
class Kandidaat:
    bod: Bod
    rang: int | None = None
    totaal: Decimal | None = None
    # Why the bid cannot win (issue 13, rule 8: above the budget cap, no price), or "".
    ongeldig: str = ""

    @property
    def kan_winnen(self) -> bool:
        return bool(permissions.mag_winnaar_zijn(self.ongeldig))


@dataclass
class Perceelgunning:
    """What the award page shows for one lot."""

    perceel: Perceel
    ronde: str | None  # the final stage of this lot, or None without opened bids
    kandidaten: list[Kandidaat] = field(default_factory=list)  # ranked first
    gunning: Gunning | None = None
    consensus_gesloten: bool = False
    # Why the decision cannot be recorded yet (issue 13, rule 9), or "" when it can.
    besluiten_wacht_op: str = ""
    # The trajectory's stages whose consensus is closed (the same set on every lot).
    gesloten_rondes: frozenset[str] = frozenset()
    # What the page offers, from `beoordeling.permissions` (set by `gunningsblad`).
    ondertekenen_vanaf: datetime | None = None
    standstill_verschoven_van: date | None = None  # day 20, when the Atw moved the end
    standstill_loopt: bool = False
    kan_besluiten: bool = False
    kan_versturen: bool = False
    kan_bezwaar_vastleggen: bool = False
    kan_kort_geding_vastleggen: bool = False
    kan_bezwaar_afhandelen: bool = False
    # Why the letters cannot be sent (e.g. the complaints desk is empty), or "".
    versturen_reden: str = ""
    kan_ondertekenen: bool = False

    @property
    def verstuurd(self) -> bool:
        return self.gunning is not None and self.gunning.verstuurd_op is not None

    @property
    def winnaar(self) -> Kandidaat | None:
        if self.gunning is None:
            return None
        return next((k for k in self.kandidaten if k.bod.pk == self.gunning.winnend_bod_id), None)

    @property
    def winnaar_niet_eerste(self) -> bool:
        """The chosen winner is not ranked first (while a ranking exists)."""
        winnaar = self.winnaar
        if winnaar is None or not any(k.rang is not None for k in self.kandidaten):
            return False
        return winnaar.rang != 1

    @property
    def lopende_kort_gedingen(self) -> list[Bezwaar]:
        """The summary court cases that pause signing (no judgment recorded yet)."""
        if self.gunning is None:
            return []
        return [b for b in self.gunning.bezwaren.all() if b.schort_op]


def _kandidaten_per_perceel(traject: Traject) -> dict[int, tuple[str, list[Bod]]]:
    """{perceel_id: (ronde, [bod])}: per lot the submitted bids of its final stage (the
    elaborated plan when its vault is opened and has bids on the lot, else the outline),
    only from opened vaults."""
    uitwerking: dict[int, list[Bod]] = {}
    hoofdlijnen: dict[int, list[Bod]] = {}
    for bod in kluis.geopende_biedingen(traject, Ronde.UITWERKING):
        uitwerking.setdefault(bod.perceel_id, []).append(bod)
    for bod in kluis.geopende_biedingen(traject, Ronde.HOOFDLIJNEN):
        hoofdlijnen.setdefault(bod.perceel_id, []).append(bod)
    kandidaten = {pk: (Ronde.HOOFDLIJNEN.value, biedingen) for pk, biedingen in hoofdlijnen.items()}
    kandidaten.update({pk: (Ronde.UITWERKING.value, b) for pk, b in uitwerking.items()})
    return kandidaten


def kandidaten_voor(perceel: Perceel) -> tuple[str | None, list[Bod]]:
    """The candidate bids of one lot (see `_kandidaten_per_perceel`): (ronde, [bod])."""
    return _kandidaten_per_perceel(perceel.traject).get(perceel.pk, (None, []))


def rangen_voor(traject: Traject, rondes: list[str]) -> dict[int, Any]:
    """{bod_id: Rang} from the consensus ranking of the given stages ({} without one)."""
    rangen: dict[int, Any] = {}
    for ronde in rondes:
        for regels in (consensus_selectors.rangorde(traject, ronde) or {}).values():
            for regel in regels:
                rangen[regel.bod.pk] = regel
    return rangen


@dataclass
class Scoreregel:
    """One criterion in a letter: the addressee's consensus score next to the winner's
    (None: no consensus score on it)."""

    criterium: Criterium
    eigen: ConsensusScore | None
    winnaar: ConsensusScore | None


def scorevergelijking(
    traject: Traject, biedingen: list[Bod], winnend_bod_id: int
) -> dict[int, list[Scoreregel]]:
    """{bod_id: [Scoreregel]}: per bid, per published criterion (in order), its consensus
    score next to the winning bid's, read through `consensus_selectors.consensus_van` (the
    one reader of the consensus). Three queries, however many bids."""
    criteria = list(traject.criteria.all())
    scores_per_bod, _oordelen = consensus_selectors.consensus_van(
        {b.pk for b in biedingen} | {winnend_bod_id}
    )
    van_winnaar = scores_per_bod.get(winnend_bod_id, {})
    return {
        bod.pk: [
            Scoreregel(
                criterium=c,
                eigen=scores_per_bod.get(bod.pk, {}).get(c.pk),
                winnaar=van_winnaar.get(c.pk),
            )
            for c in criteria
        ]
        for bod in biedingen
    }


def _gunningen(traject: Traject) -> QuerySet[Gunning]:
    return Gunning.objects.filter(traject=traject).select_related(
        "perceel", "winnend_bod__organisatie", "winnend_bod__coalitie", "besloten_door"
    )


def gunningen_van(traject: Traject) -> QuerySet[Gunning]:
    """The decisions of `traject` by lot, with the lot and the winner's name."""
    return _gunningen(traject).order_by("perceel__nummer", "pk")


def gunningsoverzicht(traject: Traject) -> list[Perceelgunning]:
    """Per lot of `traject` (in its order): the candidate bids with their consensus rank
    and total, the decision (with its letters and objections) and whether the consensus
    of its stage is closed. A fixed number of queries, however many bids."""
    percelen = list(traject.percelen.order_by("nummer"))
    kandidaten = _kandidaten_per_perceel(traject)
    rondes = sorted({ronde for ronde, _b in kandidaten.values()})
    rangen = rangen_voor(traject, rondes)
    gesloten = consensus_selectors.vastgestelde_rondes(traject)
    gunningen = {
        g.perceel_id: g
        for g in _gunningen(traject).prefetch_related(
            Prefetch(
                "brieven",
                queryset=Gunningsbrief.objects.select_related(
                    "document", "bod__organisatie", "bod__coalitie"
                ),
            ),
            Prefetch(
                "bezwaren",
                queryset=Bezwaar.objects.select_related(
                    "bod__organisatie", "vastgelegd_door", "afgehandeld_door"
                ),
            ),
        )
    }
    overzicht: list[Perceelgunning] = []
    for perceel in percelen:
        ronde, biedingen = kandidaten.get(perceel.pk, (None, []))
        regels = []
        for bod in biedingen:
            rang = rangen.get(bod.pk)
            regels.append(
                Kandidaat(
                    bod=bod,
                    rang=rang.rang if rang else None,
                    totaal=rang.totaal if rang else None,
                    ongeldig=rang.ongeldig if rang else "",
                )
            )
        regels.sort(key=lambda k: (k.rang is None, k.rang or 0, k.bod.organisatie.naam.lower()))
        overzicht.append(
            Perceelgunning(
                perceel=perceel,
                ronde=ronde,
                kandidaten=regels,
                gunning=gunningen.get(perceel.pk),
                consensus_gesloten=ronde in gesloten,
                gesloten_rondes=frozenset(gesloten),
            )
        )
    return overzicht


def gunningsblad(user: Any, traject: Traject, nu: datetime) -> list[Perceelgunning]:
    """The award page for `user` at `nu` (when the request arrived): `gunningsoverzicht`
    with, per lot, the standstill and the actions it offers, each asked of its predicate in
    `beoordeling.permissions` (the ones the services refuse with). No queries beyond the
    overview's: the objections are prefetched and the officer's gemeenten cached."""
    regels = gunningsoverzicht(traject)
    beheren = permissions.mag_gunning_beheren(user, traject)
    consensus = permissions.consensus_gesloten_voor_gunning(
        traject, regels[0].gesloten_rondes if regels else ()
    )
    for regel in regels:
        gunning = regel.gunning
        regel.kan_besluiten = bool(
            regel.kandidaten
            and consensus
            and permissions.mag_besluiten(user, traject, gunning, beheren=beheren)
        )
        if regel.kandidaten and not consensus:
            regel.besluiten_wacht_op = consensus.reden
        if gunning is None:
            continue
        gunning.traject = traject
        regel.ondertekenen_vanaf = standstill.ondertekenen_vanaf(gunning)
        regel.standstill_verschoven_van = standstill.verschoven_van(gunning)
        regel.standstill_loopt = (
            regel.ondertekenen_vanaf is not None and nu < regel.ondertekenen_vanaf
        )
        versturen = permissions.mag_versturen(user, gunning, beheren=beheren)
        regel.kan_versturen = bool(versturen)
        if beheren and not versturen and gunning.verstuurd_op is None:
            regel.versturen_reden = versturen.reden
        regel.kan_bezwaar_vastleggen = bool(
            permissions.mag_bezwaar_vastleggen(user, gunning, beheren=beheren)
        )
        regel.kan_kort_geding_vastleggen = bool(
            permissions.mag_bezwaar_vastleggen(
                user, gunning, soort=BezwaarSoort.KORT_GEDING, beheren=beheren
            )
        )
        regel.kan_bezwaar_afhandelen = bool(beheren)
        regel.kan_ondertekenen = bool(
            permissions.mag_ondertekenen(user, gunning, nu, beheren=beheren)
        )
    return regels


# --- letters ------------------------------------------------------------------------------


def brief_voor_bieder(bod: Bod) -> Gunningsbrief | None:
    """The award letter sent to the bidder of `bod` (with its document), or None. One query
    for a submitted bid, none for a draft; the template needs no more."""
    if bod.status != BodStatus.INGEDIEND:
        return None
    return (
        Gunningsbrief.objects.filter(bod=bod, gunning__verstuurd_op__isnull=False)
        .select_related("document", "gunning__perceel", "gunning__winnend_bod__organisatie")
        .first()
    )


def brief_voor(user: Any, pk: int) -> Gunningsbrief:
    """A letter `user` may download: one sent about a bid of the user's organisations, or
    any letter of a trajectory of the user's gemeenten. Raises Gunningsbrief.DoesNotExist."""
    if user is None or not user.is_authenticated:
        raise Gunningsbrief.DoesNotExist
    eigen = kluis.eigen_biedingen(user).values("pk")
    return Gunningsbrief.objects.select_related("document", "bod", "gunning__traject").get(
        Q(bod_id__in=eigen) | Q(gunning__traject__gemeente_id__in=gemeente_ids_van(user)),
        pk=pk,
        gunning__verstuurd_op__isnull=False,
    )


# --- the public trajectory page ---------------------------------------------------------


def gepubliceerde_gunningen(traject: Traject) -> list[Gunning]:
    """The awards of `traject` whose letters were sent, for the trajectory page: the lot,
    the winner's name, the date sent and the committee's explanation. One query."""
    return list(
        _gunningen(traject).filter(verstuurd_op__isnull=False).order_by("perceel__nummer", "pk")
    )


def op_traject_context(request: Any, traject: Traject) -> dict[str, Any]:
    """Context provider of the public trajectory page (registered in beoordeling.apps)."""
    return {"gepubliceerde_gunningen": gepubliceerde_gunningen(traject)}


# --- the reminder ------------------------------------------------------------------------


def lopende_standstills(*, van: datetime, tot: datetime) -> list[Gunning]:
    """Sent, unsigned decisions on the procurement route whose standstill ends (the first
    moment of signing) in (van, tot], with the trajectory's team prefetched and whether a
    summary court case awaits its judgment (`heeft_open_bezwaar`). Two queries."""
    eerste = timezone.localdate(van) - timedelta(days=2)
    laatste = timezone.localdate(tot)
    open_bezwaar_q = Bezwaar.objects.filter(
        gunning=OuterRef("pk"), soort=BezwaarSoort.KORT_GEDING, uitspraak_op__isnull=True
    )
    gunningen = (
        Gunning.objects.filter(
            verstuurd_op__isnull=False,
            ondertekend_op__isnull=True,
            standstill_tot__gte=eerste,
            standstill_tot__lte=laatste,
            traject__vorm__in=vormen_met(GUNNINGSBRIEVEN),
        )
        .annotate(heeft_open_bezwaar=Exists(open_bezwaar_q))
        .select_related("traject", "perceel", "besloten_door")
        .prefetch_related(
            Prefetch(
                "traject__team",
                queryset=TeamLid.objects.filter(medewerker__user__is_active=True)
                .select_related("medewerker__user")
                .order_by("id"),
            )
        )
        .order_by("pk")
    )
    uit: list[Gunning] = []
    for gunning in gunningen:
        vanaf = ondertekenen_vanaf(gunning)  # never None: the standstill is filtered on
        if vanaf is not None and van < vanaf <= tot:
            uit.append(gunning)
    return uit
