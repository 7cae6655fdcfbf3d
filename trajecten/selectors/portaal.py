"""Reads for the public portal: the list of published trajectories and one trajectory's page.

Every read is scoped (drafts only for officers of their own gemeente) and runs a fixed
number of queries, however many trajectories, lots, sessions or questions there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from aanbesteden.models import Gemeente
from trajecten.constants import (
    BEKOSTIGING_UITLEG,
    CONTRACTVORM_UITLEG,
    GEMEENTE_ROL_UITLEG,
    PROCEDURE_UITLEG,
    VORM_UITLEG,
    Fase,
    TrajectStatus,
)
from trajecten.models import (
    Bijeenkomst,
    Criterium,
    Eis,
    Nota,
    Perceel,
    Rectificatie,
    Schetsvraag,
    Traject,
    UitvraagVersie,
    Vraag,
    Wijk,
)
from trajecten.routes import veld_past
from trajecten.selectors import gepubliceerde_trajecten, trajecten_voor


def portaal_trajecten() -> QuerySet[Traject]:
    """Published trajectories for the portal list, with their districts and number of lots."""
    return (
        gepubliceerde_trajecten()
        .annotate(aantal_percelen=Count("percelen", distinct=True))
        .prefetch_related(Prefetch("wijken", queryset=Wijk.objects.order_by("naam")))
    )


def gemeenten_met_gepubliceerde_trajecten() -> QuerySet[Gemeente]:
    """Municipalities with at least one published trajectory (the list's municipality filter)."""
    gepubliceerd = Traject.objects.filter(
        gemeente=OuterRef("pk"), status=TrajectStatus.GEPUBLICEERD
    )
    return Gemeente.objects.filter(Exists(gepubliceerd)).order_by("naam")


def wijknamen_met_gepubliceerde_trajecten() -> list[str]:
    """District names used by published trajectories, each name once (across municipalities)."""
    return list(
        Wijk.objects.filter(trajecten__status=TrajectStatus.GEPUBLICEERD)
        .order_by("naam")
        .values_list("naam", flat=True)
        .distinct()
    )


def traject_detail(user: Any, pk: int) -> Traject:
    """One trajectory with everything its page shows; raises Traject.DoesNotExist.

    Scoped like `traject_voor`: published for everyone, drafts only for officers of the
    trajectory's gemeente. The asker of a question is never loaded.
    """
    vragen = Vraag.objects.order_by("nummer", "id").only(
        "id", "nota_id", "nummer", "tekst", "antwoord", "perceel_id"
    )
    return (
        trajecten_voor(user)
        .prefetch_related(
            Prefetch("wijken", queryset=Wijk.objects.order_by("naam")),
            Prefetch(
                "percelen",
                queryset=Perceel.objects.order_by("nummer").prefetch_related(
                    Prefetch("wijken", queryset=Wijk.objects.order_by("naam"))
                ),
            ),
            Prefetch("criteria", queryset=Criterium.objects.order_by("volgorde", "id")),
            Prefetch("eisen", queryset=Eis.objects.select_related("perceel").order_by("id")),
            Prefetch("schetsvragen", queryset=Schetsvraag.objects.order_by("volgorde", "id")),
            Prefetch(
                "uitvraagversies",
                queryset=UitvraagVersie.objects.filter(openbaar=True)
                .select_related("document")
                .order_by("-versie"),
                to_attr="openbare_versies",
            ),
            Prefetch("rectificaties", queryset=Rectificatie.objects.order_by("nummer")),
            Prefetch(
                "notas",
                queryset=Nota.objects.order_by("nummer").prefetch_related(
                    Prefetch("vragen", queryset=vragen)
                ),
            ),
            Prefetch(
                "bijeenkomsten",
                queryset=Bijeenkomst.objects.annotate(
                    aantal_aanmeldingen=Count(
                        "aanmeldingen", filter=Q(aanmeldingen__bevestigd_op__isnull=False)
                    )
                ).order_by("begint_op", "id"),
            ),
        )
        # Issue 14, point 1: the consultation of the draft, if any, in the same query.
        .select_related("consultatie")
        .get(pk=pk)
    )


@dataclass(frozen=True)
class FaseStap:
    """One of the five phases on a trajectory's timeline."""

    code: str
    naam: str
    van: datetime | None
    tot: datetime | None
    actief: bool


def fasen(traject: Traject) -> list[FaseStap]:
    """The five phases with their dates derived from the planning, the active one marked.

    A and B run from publication to the outline-bid deadline (coalitions form in parallel
    with the dialogue), C until the award, D until the start, E from the start on.
    """
    periodes = {
        Fase.A: (traject.gepubliceerd_op, traject.inschrijving_sluit),
        Fase.B: (traject.gepubliceerd_op, traject.inschrijving_sluit),
        Fase.C: (traject.inschrijving_sluit, traject.gunning_op),
        Fase.D: (traject.gunning_op, traject.start_op),
        Fase.E: (traject.start_op, None),
    }
    return [
        FaseStap(
            code=fase.value,
            naam=str(fase.label),
            van=periodes[fase][0],
            tot=periodes[fase][1],
            actief=traject.actieve_fase == fase.value,
        )
        for fase in Fase
    ]


@dataclass(frozen=True)
class Mijlpaal:
    naam: str
    moment: datetime | None


def mijlpalen(traject: Traject) -> list[Mijlpaal]:
    """The planning milestones in order, with their label: those the route asks (issue 14:
    no bid deadlines on a covenant or a residents' budget), and any that is set."""
    return [
        Mijlpaal(naam=_verbose_name(veld), moment=getattr(traject, veld))
        for veld in Traject.MIJLPALEN
        if veld_past(traject, veld) or getattr(traject, veld) is not None
    ]


def _verbose_name(veld: str) -> str:
    return str(Traject._meta.get_field(veld).verbose_name)  # type: ignore[union-attr]


def uitleg(traject: Traject) -> dict[str, Any]:
    """The short explanation next to each choice of form, procedure, contract and financing."""
    return {
        "vorm": VORM_UITLEG.get(traject.vorm, ""),
        "procedure": PROCEDURE_UITLEG.get(traject.procedure, ""),
        "contractvorm": CONTRACTVORM_UITLEG.get(traject.contractvorm, ""),
        "bekostiging": BEKOSTIGING_UITLEG.get(traject.bekostiging, ""),
        "gemeente_rol": GEMEENTE_ROL_UITLEG.get(traject.gemeente_rol, ""),
    }


def bijeenkomsten_verdeeld(
    traject: Traject, *, nu: datetime | None = None
) -> tuple[list[Bijeenkomst], list[Bijeenkomst]]:
    """(upcoming, past) sessions of a trajectory fetched by `traject_detail`, no queries."""
    nu = nu or timezone.now()
    komend: list[Bijeenkomst] = []
    geweest: list[Bijeenkomst] = []
    bijeenkomst: Any  # annotated by `traject_detail` with `aantal_aanmeldingen`
    for bijeenkomst in traject.bijeenkomsten.all():
        if bijeenkomst.capaciteit is not None:
            bijeenkomst.vrije_plaatsen = max(
                bijeenkomst.capaciteit - bijeenkomst.aantal_aanmeldingen, 0
            )
        else:
            bijeenkomst.vrije_plaatsen = None
        (komend if bijeenkomst.eindigt_op > nu else geweest).append(bijeenkomst)
    geweest.reverse()
    return komend, geweest
