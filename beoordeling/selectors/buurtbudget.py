"""Reads of the residents' budget (issue 14, burgeraanbesteding): the ledger per lot, the
representatives' page and the public page. A fixed number of queries, however many lots,
assignments or quotes.

What the public sees: per lot the budget, what is committed and what is left, and per
assignment what it is, how many quotes were asked, which business was chosen and why.
Never an e-mail address, nor the quotes that were not chosen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from aanbesteden.selectors import gemeente_ids_van
from beoordeling.constants import OpdrachtStatus
from beoordeling.models import Betrokkenheid, Offerte, Opdracht
from trajecten.models import Bestedingsregels, Perceel, Traject, Vertegenwoordiger
from trajecten.routes import BUURTBUDGET, route_van
from trajecten.selectors import gepubliceerde_trajecten


def _met_buurtbudget(traject: Traject) -> Traject:
    if not route_van(traject).heeft(BUURTBUDGET):
        raise Traject.DoesNotExist
    return traject


def traject_met_buurtbudget(pk: int) -> Traject:
    """A published trajectory whose route has a residents' budget; raises DoesNotExist."""
    return _met_buurtbudget(gepubliceerde_trajecten().get(pk=pk))


def regels_van(traject: Traject) -> Bestedingsregels:
    """The spending rules of the call (the defaults when the officer set none)."""
    return Bestedingsregels.objects.filter(traject=traject).first() or Bestedingsregels(
        traject=traject
    )


def _opdrachten() -> QuerySet[Opdracht]:
    return (
        Opdracht.objects.select_related("gekozen_offerte")
        .annotate(aantal_gevraagd=Count("offertes"))
        .order_by("id")
    )


@dataclass
class Budgetregel:
    """One lot's residents' budget and its ledger."""

    perceel: Perceel
    budget: Decimal
    vastgelegd: Decimal
    wacht: Decimal  # chosen, waiting for approval: not committed yet
    vertegenwoordigers: list[Vertegenwoordiger]
    opdrachten: list[Opdracht]
    is_vertegenwoordiger: bool = False

    @property
    def over(self) -> Decimal:
        return self.budget - self.vastgelegd


def _regel(perceel: Perceel, user: Any = None) -> Budgetregel:
    opdrachten = list(perceel.opdrachten.all())
    vastgelegd = sum((v.bedrag for v in perceel.verplichtingen.all()), Decimal("0"))
    wacht = sum(
        (
            o.gekozen_offerte.bedrag or Decimal("0")
            for o in opdrachten
            if o.status == OpdrachtStatus.WACHT_OP_GOEDKEURING and o.gekozen_offerte
        ),
        Decimal("0"),
    )
    vertegenwoordigers = list(perceel.vertegenwoordigers.all())
    return Budgetregel(
        perceel=perceel,
        budget=perceel.budget or Decimal("0"),
        vastgelegd=vastgelegd,
        wacht=wacht,
        vertegenwoordigers=vertegenwoordigers,
        opdrachten=opdrachten,
        is_vertegenwoordiger=user is not None
        and any(v.user_id == user.pk for v in vertegenwoordigers),
    )


def grootboek(traject: Traject, user: Any = None) -> list[Budgetregel]:
    """Per lot: the budget, the representatives, the assignments and the commitments
    (five queries)."""
    percelen = Perceel.objects.filter(traject=traject).prefetch_related(
        Prefetch(
            "vertegenwoordigers",
            queryset=Vertegenwoordiger.objects.select_related("user").order_by("id"),
        ),
        Prefetch("opdrachten", queryset=_opdrachten()),
        "verplichtingen",
    )
    return [_regel(perceel, user) for perceel in percelen.order_by("nummer")]


def over_van(perceel: Perceel) -> Decimal:
    """What is left of the lot's budget (one query; call it with the lot's row locked)."""
    vastgelegd = sum((v.bedrag for v in perceel.verplichtingen.all()), Decimal("0"))
    return (perceel.budget or Decimal("0")) - vastgelegd


@dataclass
class Vertegenwoordigerspagina:
    """The page of one lot for its representatives (and the officers of the gemeente)."""

    traject: Traject
    regel: Budgetregel
    regels: Bestedingsregels
    offertes: dict[int, list[Offerte]] = field(default_factory=dict)
    betrokkenheden: list[Betrokkenheid] = field(default_factory=list)
    is_medewerker: bool = False


def perceel_voor_pagina(user: Any, perceel_pk: int) -> Vertegenwoordigerspagina:
    """The lot of a published trajectory with a residents' budget, for one of its
    representatives or an officer of the gemeente; raises DoesNotExist for anyone else.
    Nine queries, whatever the number of assignments and quotes."""
    if not user.is_authenticated:
        raise Perceel.DoesNotExist
    perceel = Perceel.objects.select_related("traject__gemeente").get(
        pk=perceel_pk, traject__in=gepubliceerde_trajecten()
    )
    traject = _met_buurtbudget(perceel.traject)
    medewerker = traject.gemeente_id in gemeente_ids_van(user)
    regel = grootboek_perceel(perceel, user)
    if not (medewerker or regel.is_vertegenwoordiger):
        raise Perceel.DoesNotExist
    offertes: dict[int, list[Offerte]] = {}
    for offerte in (
        Offerte.objects.filter(opdracht__perceel=perceel)
        .select_related("organisatie")
        .order_by("id")
    ):
        offertes.setdefault(offerte.opdracht_id, []).append(offerte)
    betrokkenheden = list(
        Betrokkenheid.objects.filter(vertegenwoordiger__perceel=perceel)
        .select_related("vertegenwoordiger__user", "organisatie")
        .order_by("id")
    )
    return Vertegenwoordigerspagina(
        traject=traject,
        regel=regel,
        regels=regels_van(traject),
        offertes=offertes,
        betrokkenheden=betrokkenheden,
        is_medewerker=medewerker,
    )


def grootboek_perceel(perceel: Perceel, user: Any = None) -> Budgetregel:
    perceel = (
        Perceel.objects.filter(pk=perceel.pk)
        .select_related("traject__gemeente")
        .prefetch_related(
            Prefetch(
                "vertegenwoordigers",
                queryset=Vertegenwoordiger.objects.select_related("user").order_by("id"),
            ),
            Prefetch("opdrachten", queryset=_opdrachten()),
            "verplichtingen",
        )
        .get()
    )
    return _regel(perceel, user)


def opdracht_voor(user: Any, opdracht_pk: int) -> Opdracht:
    """An assignment of a published trajectory with a residents' budget, for a representative
    of its lot or an officer of the gemeente; raises DoesNotExist for anyone else."""
    opdracht = Opdracht.objects.select_related("perceel__traject__gemeente").get(
        pk=opdracht_pk, perceel__traject__in=gepubliceerde_trajecten()
    )
    traject = _met_buurtbudget(opdracht.perceel.traject)
    if not (
        traject.gemeente_id in gemeente_ids_van(user)
        or Vertegenwoordiger.objects.filter(perceel_id=opdracht.perceel_id, user=user).exists()
    ):
        raise Opdracht.DoesNotExist
    return opdracht


def offerte_voor(user: Any, offerte_pk: int) -> Offerte:
    """A quote, for a representative of its lot (or an officer); raises DoesNotExist."""
    offerte = Offerte.objects.select_related("opdracht").get(pk=offerte_pk)
    offerte.opdracht = opdracht_voor(user, offerte.opdracht_id)
    return offerte


def percelen_van_vertegenwoordiger(user: Any, traject: Traject) -> list[Perceel]:
    """The lots of `traject` that `user` represents (one query)."""
    if not user.is_authenticated:
        return []
    return list(
        Perceel.objects.filter(traject=traject, vertegenwoordigers__user=user).order_by("nummer")
    )


def op_traject_context(request: Any, traject: Traject) -> dict[str, Any]:
    """The links on the trajectory page (`trajecten.extensions.DETAIL_CONTEXT`): the public
    page, and for a representative their lots (one query; none on other routes)."""
    if not route_van(traject).heeft(BUURTBUDGET) or not traject.is_gepubliceerd:
        return {}
    return {
        "buurtbudget_links": {
            "eigen": percelen_van_vertegenwoordiger(request.user, traject),
            "percelen": list(traject.percelen.all()),
        }
    }


def percelen_om_te_besteden(user: Any) -> list[Perceel]:
    """The lots whose residents' budget `user` holds as a representative (the dashboard
    panel), with their trajectory: one query."""
    if user is None or not user.is_authenticated:
        return []
    return list(
        Perceel.objects.filter(vertegenwoordigers__user=user)
        .select_related("traject")
        .order_by("traject__titel", "nummer")
        .distinct()
    )
