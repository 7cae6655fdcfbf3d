"""Reads of the covenant route (issue 14, point 3): the plan page, its versions and their
comparison, and what the public trajectory page shows.

While the plan is written it is read by the initiative's members and the gemeente's
officers only; once both sides agreed, the agreed version is public on the trajectory page.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from aanbesteden.selectors import gemeente_ids_van
from beoordeling import permissions
from beoordeling.constants import CONVENANT_SECTIE_UITLEG, ConvenantSectie
from beoordeling.models import Convenant, ConvenantAkkoord, ConvenantVersie
from coalities.models import Lidmaatschap, Organisatie
from trajecten.models import Traject
from trajecten.routes import CONVENANTPLAN, route_van


@dataclass
class Plan:
    """What the plan page shows: the trajectory, its covenant (None before an initiative is
    named), the user's roles, the versions (newest first) and the agreements on the newest."""

    traject: Traject
    convenant: Convenant | None
    rollen: permissions.ConvenantRollen
    versies: list[ConvenantVersie]

    @property
    def laatste(self) -> ConvenantVersie | None:
        return self.versies[0] if self.versies else None

    @property
    def akkoorden(self) -> dict[str, ConvenantAkkoord]:
        laatste = self.laatste
        return {a.partij: a for a in laatste.akkoorden.all()} if laatste else {}


def plan_voor(user: Any, traject_pk: int) -> Plan:
    """The plan of a covenant trajectory for someone who may read it (officers of its
    gemeente, members of its initiative); raises Traject.DoesNotExist otherwise, and on
    every other route. Five queries at most."""
    if not user.is_authenticated:
        raise Traject.DoesNotExist
    traject = Traject.objects.select_related("gemeente").get(pk=traject_pk)
    if not route_van(traject).heeft(CONVENANTPLAN):
        raise Traject.DoesNotExist
    convenant = (
        Convenant.objects.select_related("initiatief", "vastgestelde_versie", "benoemd_door")
        .filter(traject=traject)
        .first()
    )
    rollen = permissions.convenant_rollen(
        user, traject, convenant.initiatief_id if convenant else None
    )
    if not permissions.mag_convenant_zien(rollen):
        raise Traject.DoesNotExist
    versies: list[ConvenantVersie] = []
    if convenant is not None:
        convenant.traject = traject
        versies = list(
            convenant.versies.select_related("auteur")
            .prefetch_related(
                Prefetch("akkoorden", queryset=ConvenantAkkoord.objects.select_related("door"))
            )
            .order_by("-nummer")
        )
    return Plan(traject=traject, convenant=convenant, rollen=rollen, versies=versies)


def versie_van(plan: Plan, nummer: int) -> ConvenantVersie:
    for versie in plan.versies:
        if versie.nummer == nummer:
            return versie
    raise ConvenantVersie.DoesNotExist


def organisaties_om_te_benoemen() -> QuerySet[Organisatie]:
    """Every organisation on the platform may be the initiative, by name."""
    return Organisatie.objects.order_by("naam", "pk")


def secties_van(versie: ConvenantVersie | None) -> list[dict[str, Any]]:
    """The plan's sections with their explanation and text (empty without a version)."""
    return [
        {
            "slug": sectie.value,
            "naam": sectie.label,
            "uitleg": CONVENANT_SECTIE_UITLEG[sectie],
            "tekst": versie.tekst(sectie.value) if versie else "",
            "gewijzigd": versie is not None and sectie.value in versie.gewijzigd,
        }
        for sectie in ConvenantSectie
    ]


def _woorden(tekst: str) -> list[str]:
    return tekst.replace("\n", " \n ").split(" ")


def vergelijk(oud: ConvenantVersie, nieuw: ConvenantVersie) -> list[dict[str, Any]]:
    """Per section, whether it changed between the two versions and a word diff: a list of
    (soort, tekst) with soort "gelijk", "weg" or "erbij"."""
    uit = []
    for sectie in ConvenantSectie:
        a, b = oud.tekst(sectie.value), nieuw.tekst(sectie.value)
        stukken: list[tuple[str, str]] = []
        if a != b:
            wa, wb = _woorden(a), _woorden(b)
            matcher = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                if op == "equal":
                    stukken.append(("gelijk", " ".join(wa[i1:i2])))
                    continue
                if i2 > i1:
                    stukken.append(("weg", " ".join(wa[i1:i2])))
                if j2 > j1:
                    stukken.append(("erbij", " ".join(wb[j1:j2])))
        uit.append({"naam": sectie.label, "gewijzigd": a != b, "stukken": stukken, "tekst": b})
    return uit


def op_traject_context(request: Any, traject: Traject) -> dict[str, Any]:
    """Context provider of the trajectory page (registered in beoordeling.extensions): the
    covenant with its initiative and, once agreed, the agreed version; whether the user may
    open the plan. One query on the covenant route, none on the others."""
    if not route_van(traject).heeft(CONVENANTPLAN):
        return {}
    convenant = (
        Convenant.objects.select_related("initiatief", "vastgestelde_versie")
        .filter(traject=traject)
        .first()
    )
    return {
        "convenant_route": True,
        "convenant_publiek": convenant,
        "convenant_secties": secties_van(convenant.vastgestelde_versie)
        if convenant is not None and convenant.vastgestelde_versie is not None
        else [],
        "convenant_plan_link": convenant is not None
        and (
            traject.gemeente_id in gemeente_ids_van(request.user)
            or (
                request.user.is_authenticated
                and Lidmaatschap.objects.filter(
                    user=request.user, organisatie_id=convenant.initiatief_id
                ).exists()
            )
        ),
    }
