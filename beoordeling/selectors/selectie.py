"""Reads for the selection for the elaborated plan (issue 6, item 3): which outline bids
are invited to elaborate, with the feedback per bid.

The bids come from `beoordeling.selectors.kluis` (`geopende_biedingen`): only the opened
outline bids, and only for officers of the trajectory's gemeente (the views check that).
Until the selection is sent (`Bod.selectie_verstuurd_op`) the choice and the feedback are
the officer's draft: the bidder sees neither.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from beoordeling.constants import BodStatus, Ronde
from beoordeling.models import Bod
from beoordeling.selectors import consensus as consensus_selectors
from beoordeling.selectors import kluis
from trajecten.selectors import trajecten_van_mijn_gemeenten

if TYPE_CHECKING:
    from coalities.models import Organisatie
    from trajecten.models import Perceel, Traject


@dataclass
class Perceelselectie:
    """The opened outline bids of one lot, best ranked first when there is a ranking.
    Each bid carries `bod.rang`: its entry in the consensus ranking, or None."""

    perceel: Perceel
    biedingen: list[Bod] = field(default_factory=list)


def traject_om_te_selecteren(user: Any, pk: int) -> Traject:
    """A trajectory of the user's gemeenten; raises Traject.DoesNotExist otherwise."""
    return trajecten_van_mijn_gemeenten(user).get(pk=pk)


def is_hoofdlijnen_geopend(traject: Traject) -> bool:
    return kluis.is_geopend(traject, Ronde.HOOFDLIJNEN)


def _rangen(traject: Traject) -> dict[int, Any]:
    """{bod pk: Rang} of the bids with a rank in the consensus ranking of the outline
    stage; {} without one."""
    rangen: dict[int, Any] = {}
    for rijen in (consensus_selectors.rangorde(traject, Ronde.HOOFDLIJNEN) or {}).values():
        for rij in rijen or ():
            bod = getattr(rij, "bod", None)
            bod_id = getattr(bod, "pk", None) or getattr(rij, "bod_id", None)
            if bod_id is not None and getattr(rij, "rang", None) is not None:
                rangen[bod_id] = rij
    return rangen


def _volgorde(bod: Bod) -> tuple[bool, int]:
    rang = getattr(getattr(bod, "rang", None), "rang", None)
    return (rang is None, rang or 0)


def selectie_van(traject: Traject) -> list[Perceelselectie]:
    """The opened outline bids of `traject` per lot ([] before the opening), each with its
    rank (`bod.rang`) when the consensus ranking exists. A fixed number of queries. For
    officers of the gemeente: the caller checks that."""
    rangen = _rangen(traject)
    per_perceel: dict[int, Perceelselectie] = {}
    for bod in kluis.geopende_biedingen(traject, Ronde.HOOFDLIJNEN):
        bod.rang = rangen.get(bod.pk)  # type: ignore[attr-defined]
        groep = per_perceel.setdefault(bod.perceel_id, Perceelselectie(bod.perceel))
        groep.biedingen.append(bod)
    for groep in per_perceel.values():
        groep.biedingen.sort(key=_volgorde)  # stable: by name within the same rank
    return list(per_perceel.values())


def verstuurd_op(biedingen: Iterable[Bod]) -> datetime | None:
    """When the selection of these bids was sent, or None while it is a draft."""
    momenten = [b.selectie_verstuurd_op for b in biedingen if b.selectie_verstuurd_op]
    return min(momenten) if momenten else None


@dataclass(frozen=True)
class Uitslag:
    """What the bidder sees of the selection after it is sent."""

    uitgenodigd: bool
    terugkoppeling: str
    verstuurd_op: datetime
    deadline: datetime | None  # the deadline of the elaborated plan


def uitslag_voor_bieder(bod: Bod) -> Uitslag | None:
    """The outcome of the selection for the bidder of the outline bid `bod` (obtained
    through `kluis.bod_voor_bieder`), or None while it is not sent. No queries."""
    if bod.ronde != Ronde.HOOFDLIJNEN or bod.selectie_verstuurd_op is None:
        return None
    return Uitslag(
        uitgenodigd=bod.uitgenodigd_voor_uitwerking,
        terugkoppeling=bod.terugkoppeling,
        verstuurd_op=bod.selectie_verstuurd_op,
        deadline=kluis.deadline_van(bod.traject, Ronde.UITWERKING),
    )


def uitnodiging_van(perceel: Perceel, organisatie: Organisatie | int) -> Bod | None:
    """The outline bid of `organisatie` on `perceel` that was invited to elaborate, with the
    selection sent; or None."""
    return (
        Bod.objects.filter(
            perceel=perceel,
            ronde=Ronde.HOOFDLIJNEN,
            organisatie=organisatie,
            status=BodStatus.INGEDIEND,
            uitgenodigd_voor_uitwerking=True,
            selectie_verstuurd_op__isnull=False,
        )
        .select_related("coalitie")
        .only("pk", "coalitie")
        .first()
    )
