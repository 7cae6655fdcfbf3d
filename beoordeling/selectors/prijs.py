"""Price by formula, not by opinion (issue 13, rule 8).

A price criterion (`Criterium.is_prijs`) is not scored by the committee: every bid states
its price per lot, and the platform computes the points with the formula the call
published (`Traject.prijsformule`). For "lowest price / this price × weight": the lowest
price among the valid bids of the lot, divided by this bid's price, times the criterion's
weight. A bid above the lot's budget cap (`Perceel.budget`, else `Traject.budget`; none
when `Traject.geen_budgetplafond`) is invalid: it gets no points and no rank, and the
pages say why. So does a bid that states no price.

The prices come from the submitted versions through `kluis.ingediende_prijs`, only for
bids of an opened vault (`kluis.geopende_biedingen`). Nothing here runs a query of its
own once the bids and criteria are read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from django.utils import formats, translation
from django.utils.translation import gettext as _

from aanbesteden import weergave
from beoordeling.selectors import kluis
from trajecten.constants import Prijsformule

if TYPE_CHECKING:
    from beoordeling.models import Bod
    from trajecten.models import Criterium, Perceel, Traject


def prijscriterium(criteria: Iterable[Criterium]) -> Criterium | None:
    """The price criterion among `criteria`, or None."""
    return next((c for c in criteria if c.is_prijs), None)


def heeft_prijscriterium(traject: Traject) -> bool:
    """Whether the call has a price criterion: then every bid states its price per lot.
    Uses prefetched criteria when there are; one query otherwise."""
    return prijscriterium(traject.criteria.all()) is not None


def plafond_van(traject: Traject, perceel: Perceel) -> Decimal | None:
    """The budget cap of `perceel`: its own budget, else the trajectory's; None when the
    call says "no budget cap" or names no budget."""
    if traject.geen_budgetplafond:
        return None
    if perceel.budget is not None:
        return Decimal(perceel.budget)
    return Decimal(traject.budget) if traject.budget is not None else None


def _punten_tekst(punten: Decimal) -> str:
    return formats.number_format(punten, decimal_pos=1, use_l10n=True)


def _rond_af(breuk: Fraction) -> Decimal:
    """A non-negative fraction to one decimal, half up, exactly."""
    tienden = (breuk * 10 + Fraction(1, 2)).__floor__()
    return Decimal(tienden) / Decimal(10)


@dataclass(frozen=True)
class Prijspunten:
    """The price of one bid and its points on the price criterion, with the working."""

    bod_id: int
    prijs: Decimal | None
    plafond: Decimal | None
    laagste: Decimal | None  # the lowest price among the valid bids of the lot
    weging: int
    breuk: Fraction | None = None  # lowest / this price; None when invalid
    ongeldig: str = ""  # why the bid is invalid (Dutch); empty when valid

    @property
    def punten(self) -> Decimal | None:
        """The points on the price criterion, to one decimal (of `weging`)."""
        if self.breuk is None:
            return None
        return _rond_af(self.breuk * self.weging)

    @property
    def werking(self) -> str:
        """The working in Dutch: "laagste prijs € 40.000,00 / deze prijs € 50.000,00 × 30 =
        24,0 punten"; for an invalid bid, the reason."""
        if self.ongeldig:
            return self.ongeldig
        if self.breuk is None or self.punten is None:
            return ""
        with translation.override("nl"):
            return _(
                "lowest price %(laagste)s / this price %(prijs)s × %(weging)s = %(punten)s points"
            ) % {
                "laagste": weergave.geld(self.laagste),
                "prijs": weergave.geld(self.prijs),
                "weging": self.weging,
                "punten": _punten_tekst(self.punten),
            }


def _ongeldig(traject: Traject, bod: Bod, prijs: Decimal | None, plafond: Decimal | None) -> str:
    with translation.override("nl"):
        if prijs is None:
            return _("This bid states no price, so it cannot be ranked.")
        if plafond is not None and prijs > plafond:
            return _("The price %(prijs)s is above the budget cap of %(plafond)s for this lot.") % {
                "prijs": weergave.geld(prijs),
                "plafond": weergave.geld(plafond),
            }
    return ""


def prijspunten(
    traject: Traject, biedingen: Iterable[Bod], criteria: Iterable[Criterium]
) -> dict[int, Prijspunten]:
    """{bod_id: Prijspunten} for the opened bids `biedingen` (from
    `kluis.geopende_biedingen`, all bids of the lots concerned, so that the lowest price is
    right); empty when the call has no price criterion. No queries."""
    criterium = prijscriterium(criteria)
    if criterium is None:
        return {}
    weging = criterium.weging if criterium.weging is not None else 100
    per_perceel: dict[int, list[tuple[Bod, Decimal | None, Decimal | None, str]]] = {}
    for bod in biedingen:
        prijs = kluis.ingediende_prijs(bod)
        plafond = plafond_van(traject, bod.perceel)
        per_perceel.setdefault(bod.perceel_id, []).append(
            (bod, prijs, plafond, _ongeldig(traject, bod, prijs, plafond))
        )
    uitkomst: dict[int, Prijspunten] = {}
    for regels in per_perceel.values():
        geldig = [prijs for _bod, prijs, _plafond, reden in regels if not reden and prijs]
        laagste = min(geldig) if geldig else None
        for bod, prijs, plafond, reden in regels:
            breuk = None
            if not reden and prijs and laagste is not None:
                if traject.prijsformule == Prijsformule.LAAGSTE_GEDEELD:
                    breuk = Fraction(laagste) / Fraction(prijs)
            uitkomst[bod.pk] = Prijspunten(
                bod_id=bod.pk,
                prijs=prijs,
                plafond=plafond,
                laagste=laagste,
                weging=weging,
                breuk=breuk,
                ongeldig=reden,
            )
    return uitkomst


def als_geld(waarde: object) -> str:
    """A price from a bid's content ("45000.00") as Dutch readers expect it: € 45.000,00."""
    try:
        return weergave.geld(Decimal(str(waarde)))
    except (ArithmeticError, ValueError):
        return str(waarde)
