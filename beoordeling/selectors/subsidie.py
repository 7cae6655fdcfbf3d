"""Reads for the subsidy route (issue 14): the applications of a subsidy tender in the
order of its distribution rule, with the decision proposed by that rule and the decision
recorded, and the ceiling used and left.

The applications are the submitted bids of the final stage once its vault is opened
(`kluis.geopende_biedingen`). Their order:

- "ranking on the criteria": the committee's consensus ranking (rank, then the higher
  total, then the earlier receipt);
- "in order of receipt": the moment the complete application was received (the moment of
  its last submitted version; the call closes the period, so nothing is added after).

The proposal gives each application, in that order, the amount it asks (the total of its
budget) while the ceiling allows, the rest of the ceiling in part to the first that no
longer fits, and refuses the others because the ceiling is reached. The officer confirms or
departs from it; the service enforces the ceiling and the order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from aanbesteden.permissions import Toestemming
from beoordeling import permissions
from beoordeling.constants import Afwijzingsgrond, SubsidieUitkomst
from beoordeling.models import Bod, Subsidiebesluit
from beoordeling.selectors import consensus as consensus_selectors
from beoordeling.selectors import kluis
from beoordeling.selectors.gunning import rangen_voor
from trajecten.constants import Verdeelregel
from trajecten.models import Traject
from trajecten.selectors import trajecten_van_mijn_gemeenten
from trajecten.subsidie import beslissen_uiterlijk

NUL = Decimal("0")


def traject_voor_subsidie(user: Any, pk: int) -> Traject:
    """A trajectory of the user's gemeenten (officers only); raises Traject.DoesNotExist."""
    return trajecten_van_mijn_gemeenten(user).select_related("gemeente").get(pk=pk)


def aangevraagd_bedrag(inhoud: dict[str, Any] | None) -> Decimal | None:
    """The amount an application asks: the total of its budget (None without one)."""
    regels = (inhoud or {}).get("begroting") or []
    totaal = NUL
    for regel in regels:
        try:
            totaal += Decimal(str(regel.get("bedrag") or 0))
        except (InvalidOperation, AttributeError):
            continue
    return totaal if totaal > 0 else None


@dataclass
class Aanvraag:
    """One application in the order of the distribution rule, with the proposal."""

    bod: Bod
    volgnummer: int
    aangevraagd: Decimal | None
    ontvangen_op: datetime | None
    rang: int | None = None
    totaal: Decimal | None = None
    besluit: Subsidiebesluit | None = None
    voorstel_uitkomst: str = ""
    voorstel_bedrag: Decimal | None = None
    voorstel_grond: str = ""


@dataclass
class Subsidieblad:
    """What the officer's decision page shows."""

    traject: Traject
    aanvragen: list[Aanvraag] = field(default_factory=list)
    plafond: Decimal = NUL
    beslissen_uiterlijk: date | None = None
    besluiten: Toestemming | None = None  # may decisions be recorded now (and why not)
    versturen: Toestemming | None = None

    @property
    def toegekend(self) -> Decimal:
        return sum((a.besluit.bedrag or NUL for a in self.aanvragen if a.besluit is not None), NUL)

    @property
    def over(self) -> Decimal:
        return self.plafond - self.toegekend

    @property
    def verstuurd(self) -> bool:
        return any(a.besluit is not None and a.besluit.verstuurd_op for a in self.aanvragen)

    @property
    def open_aanvragen(self) -> int:
        return sum(1 for a in self.aanvragen if a.besluit is None)


def _volgorde_sleutel(traject: Traject, aanvraag: Aanvraag) -> tuple[Any, ...]:
    moment_sleutel = aanvraag.ontvangen_op.timestamp() if aanvraag.ontvangen_op else float("inf")
    if traject.verdeelregel == Verdeelregel.BINNENKOMST:
        return (moment_sleutel, aanvraag.bod.pk)
    rang = aanvraag.rang if aanvraag.rang is not None else 10**6
    totaal = -(aanvraag.totaal or NUL)
    return (rang, totaal, moment_sleutel, aanvraag.bod.pk)


def aanvragen_op_volgorde(traject: Traject) -> list[Aanvraag]:
    """The applications in the order of the distribution rule, each with its decision
    (when recorded) and the proposal of the rule. A fixed number of queries."""
    ronde = permissions.laatste_ronde(traject)
    biedingen = list(kluis.geopende_biedingen(traject, ronde))
    besluiten = {
        b.bod_id: b
        for b in Subsidiebesluit.objects.filter(bod_id__in=[bod.pk for bod in biedingen])
    }
    rangen: dict[int, Any] = {}
    if traject.verdeelregel != Verdeelregel.BINNENKOMST and biedingen:
        rangen = rangen_voor(traject, [ronde.value])
    aanvragen = []
    for bod in biedingen:
        versie = kluis.laatste_versie(bod)
        rang = rangen.get(bod.pk)
        aanvragen.append(
            Aanvraag(
                bod=bod,
                volgnummer=0,
                aangevraagd=aangevraagd_bedrag(versie.inhoud if versie else None),
                ontvangen_op=getattr(bod, "laatste_ingediend_op", None),
                rang=rang.rang if rang is not None else None,
                totaal=rang.totaal if rang is not None else None,
                besluit=besluiten.get(bod.pk),
            )
        )
    aanvragen.sort(key=lambda a: _volgorde_sleutel(traject, a))
    over = traject.subsidieplafond or NUL
    for nummer, aanvraag in enumerate(aanvragen, start=1):
        aanvraag.volgnummer = nummer
        gevraagd = aanvraag.aangevraagd
        if over <= 0:
            aanvraag.voorstel_uitkomst = SubsidieUitkomst.AFGEWEZEN
            aanvraag.voorstel_grond = Afwijzingsgrond.PLAFOND
        elif gevraagd is None:
            aanvraag.voorstel_uitkomst = ""  # nothing to propose: the officer decides
        elif gevraagd <= over:
            aanvraag.voorstel_uitkomst = SubsidieUitkomst.TOEGEKEND
            aanvraag.voorstel_bedrag = gevraagd
            over -= gevraagd
        else:
            aanvraag.voorstel_uitkomst = SubsidieUitkomst.DEELS
            aanvraag.voorstel_bedrag = over
            over = NUL
    return aanvragen


def subsidieblad(user: Any, traject: Traject) -> Subsidieblad:
    """The decision page of a subsidy tender for an officer. A fixed number of queries."""
    aanvragen = aanvragen_op_volgorde(traject)
    blad = Subsidieblad(
        traject=traject,
        aanvragen=aanvragen,
        plafond=traject.subsidieplafond or NUL,
        beslissen_uiterlijk=beslissen_uiterlijk(traject),
    )
    beheren = permissions.mag_subsidie_beheren(user, traject)
    if beheren:
        beheren = permissions.rangorde_klaar_voor_subsidie(
            traject,
            consensus_selectors.vastgestelde_rondes(traject)
            if traject.verdeelregel != Verdeelregel.BINNENKOMST
            else (),
        )
    blad.besluiten = beheren
    blad.versturen = (
        permissions.subsidiebesluiten_compleet(blad.open_aanvragen, blad.verstuurd)
        if beheren and aanvragen
        else beheren
    )
    return blad


def besluit_van_bod(bod: Bod) -> Subsidiebesluit | None:
    """The sent decision on `bod`, for its bidder's page (None before sending)."""
    return Subsidiebesluit.objects.filter(bod=bod, verstuurd_op__isnull=False).first()
