"""Reads for the development fee (issue 14, point 9): the officers' list of the fees of a
trajectory with totals, and what the bidder sees of its own fee.

Whether a fee may be paid depends on the elaborated plan of the same bidder and lot: that
is read only after the vault of the elaborated plans is opened (issue 13, rule 3: nobody at
the gemeente learns before the opening whether a plan arrived).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from aanbesteden.permissions import Toestemming
from beoordeling import permissions
from beoordeling.constants import BodStatus, Ronde, VergoedingStatus
from beoordeling.models import Bod, Ontwikkelvergoeding
from beoordeling.selectors import kluis
from trajecten.models import Traject
from trajecten.selectors import trajecten_van_mijn_gemeenten

# Where a fee stands, for the officer's list.
BETAALD = "betaald"
TE_BETALEN = "te_betalen"  # the elaborated plan is in: pay it
WACHT = "wacht"  # the elaborated plans are not opened yet
GEEN_RECHT = "geen_recht"  # opened, and this bidder submitted no elaborated plan


def traject_voor_vergoedingen(user: Any, pk: int) -> Traject:
    """A trajectory of the user's gemeenten; raises Traject.DoesNotExist otherwise."""
    return trajecten_van_mijn_gemeenten(user).select_related("gemeente").get(pk=pk)


@dataclass
class Vergoedingsregel:
    vergoeding: Ontwikkelvergoeding
    stand: str
    betalen: Toestemming


@dataclass
class Vergoedingsblad:
    """The officers' page of a trajectory's development fees."""

    traject: Traject
    uitwerking_geopend: bool
    regels: list[Vergoedingsregel] = field(default_factory=list)

    def _som(self, *standen: str) -> Decimal:
        return sum((r.vergoeding.bedrag for r in self.regels if r.stand in standen), Decimal("0"))

    @property
    def totaal_betaald(self) -> Decimal:
        return self._som(BETAALD)

    @property
    def totaal_te_betalen(self) -> Decimal:
        """Still to be paid: the fees whose plan is in, and those still waiting for it."""
        return self._som(TE_BETALEN, WACHT)

    @property
    def totaal_vervallen(self) -> Decimal:
        return self._som(GEEN_RECHT)


def _ingediende_uitwerkingen(traject: Traject | int) -> set[tuple[int, int]]:
    """{(perceel id, organisatie id)} of the submitted elaborated plans; call it only after
    the vault of the elaborated plans is opened."""
    return set(
        Bod.objects.filter(
            traject=traject, ronde=Ronde.UITWERKING, status=BodStatus.INGEDIEND
        ).values_list("perceel_id", "organisatie_id")
    )


def uitwerking_ingediend(vergoeding: Ontwikkelvergoeding) -> bool:
    """Whether the elaborated plan of the fee's bidder and lot is submitted and opened."""
    if not kluis.is_geopend(vergoeding.traject_id, Ronde.UITWERKING):
        return False
    return (vergoeding.bod.perceel_id, vergoeding.organisatie_id) in _ingediende_uitwerkingen(
        vergoeding.traject_id
    )


def vergoedingsblad(user: Any, traject: Traject) -> Vergoedingsblad:
    """The fees of `traject` with where each stands and whether `user` may record its
    payment. Three queries, whatever the number of fees."""
    zien = permissions.mag_vergoedingen_zien(user, traject)
    geopend = kluis.is_geopend(traject, Ronde.UITWERKING)
    ingediend = _ingediende_uitwerkingen(traject) if geopend else set()
    blad = Vergoedingsblad(traject=traject, uitwerking_geopend=geopend)
    for vergoeding in Ontwikkelvergoeding.objects.filter(traject=traject).select_related(
        "bod__perceel", "organisatie"
    ):
        vergoeding.traject = traject
        heeft_plan = (vergoeding.bod.perceel_id, vergoeding.organisatie_id) in ingediend
        if vergoeding.status == VergoedingStatus.BETAALD:
            stand = BETAALD
        elif not geopend:
            stand = WACHT
        elif heeft_plan:
            stand = TE_BETALEN
        else:
            stand = GEEN_RECHT
        blad.regels.append(
            Vergoedingsregel(
                vergoeding=vergoeding,
                stand=stand,
                betalen=permissions.mag_betaling_vastleggen(
                    user, vergoeding, uitwerking_ingediend=heeft_plan, zien=zien
                ),
            )
        )
    return blad


def vergoeding_van(traject: Traject, pk: int) -> Ontwikkelvergoeding:
    """One fee of `traject`; raises Ontwikkelvergoeding.DoesNotExist otherwise."""
    return Ontwikkelvergoeding.objects.select_related("traject__gemeente", "bod").get(
        traject=traject, pk=pk
    )


def vergoeding_voor_bieder(bod: Bod) -> Ontwikkelvergoeding | None:
    """The development fee of the bidder of `bod` (found through `kluis.bod_voor_bieder`) on
    its lot: the fee of the invited outline bid, shown on that bid and on the elaborated
    plan. No query when the call offers no fee."""
    if bod.traject.ontwikkelvergoeding is None:
        return None
    if bod.ronde == Ronde.HOOFDLIJNEN and bod.selectie_verstuurd_op is None:
        return None
    return Ontwikkelvergoeding.objects.filter(
        traject_id=bod.traject_id,
        bod__perceel_id=bod.perceel_id,
        organisatie_id=bod.organisatie_id,
    ).first()
