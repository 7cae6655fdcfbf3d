"""The bidder's page of one bid (`Bodpagina`): what it shows and which actions it offers,
read once. Bid content through `beoordeling.selectors.kluis`, with the user's `Inzage` of
the bid computed once for the whole page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.urls import reverse

from aanbesteden.permissions import Toestemming
from beoordeling import permissions
from beoordeling.constants import BodStatus
from beoordeling.models import Bijlage, Bod, BodVersie, Subsidiebesluit
from beoordeling.selectors import bieden as bieden_selectors
from beoordeling.selectors import gesprekken as gesprekken_selectors
from beoordeling.selectors import gunning as gunning_selectors
from beoordeling.selectors import kluis
from beoordeling.selectors import selectie as selectie_selectors
from beoordeling.selectors import vergoeding as vergoeding_selectors
from beoordeling.services import bieden as bieden_services
from coalities.models import Organisatie
from trajecten.routes import GUNNINGSBRIEVEN, SUBSIDIEPLAFOND, route_van


@dataclass(frozen=True)
class Bodpagina:
    """What the bidder's page of one bid shows and which actions it offers: read once, with
    the user's `kluis.Inzage` of the bid computed once and handed to every read of its
    content."""

    bod: Bod
    inzage: kluis.Inzage
    nu: datetime
    deadline: datetime | None
    is_open: bool
    stappen: list[dict[str, Any]]
    partners: list[Organisatie]
    bijlagen: list[Bijlage]
    versies: list[BodVersie]  # newest first
    niet_ingediend: bool
    uitslag: Any
    uitwerking: Bod | None
    mag_uitwerking_starten: bool
    indienen: Toestemming
    intrekken: Toestemming
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def compleet(self) -> bool:
        return all(s["compleet"] for s in self.stappen)

    def context(self) -> dict[str, Any]:
        """The template's context."""
        return {
            "bod": self.bod,
            "traject": self.bod.traject,
            "gemeente": self.bod.traject.gemeente,
            "inzage": self.inzage,
            "deadline": self.deadline,
            "is_open": self.is_open,
            "nu": self.nu,
            "stappen": self.stappen,
            "compleet": self.compleet,
            "partners": self.partners,
            "bijlagen": self.bijlagen,
            "versies": self.versies,
            "mag_indienen": self.indienen,
            "mag_intrekken": self.is_open and self.intrekken,
            "niet_ingediend": self.niet_ingediend,
            "uitwerking": self.uitwerking,
            "uitslag": self.uitslag,
            "mag_uitwerking_starten": self.mag_uitwerking_starten,
            **self.extra,
        }


def is_open(bod: Bod, nu: datetime) -> tuple[datetime | None, bool]:
    """(the deadline of the bid's stage, whether it is still open at `nu`)."""
    deadline = kluis.deadline_van(bod.traject, bod.ronde)
    return deadline, deadline is not None and nu < deadline


def bodpagina(user: Any, bod: Bod, nu: datetime) -> Bodpagina:
    """The bidder's page of `bod`, a bid found through `kluis.bod_voor_bieder` (so `user`
    is its bidder), at the moment `nu` the request reached the server."""
    inzage = kluis.inzage(user, bod, bieder=True)
    deadline, open_ = is_open(bod, nu)
    concept = kluis.inhoud_van(user, bod, inzage=inzage) or {}
    partners = bieden_selectors.partners_van(bod)
    stappen = [
        {
            "stap": stap,
            "compleet": bieden_services.stap_compleet(stap, concept, partners),
            "url": reverse("beoordeling:bod_stap", args=[bod.pk, stap.slug]),
        }
        for stap in bieden_services.stappen_voor(bod.traject, bod.perceel, bod.ronde)
    ]
    bijlagen = list(kluis.bijlagen_van(user, bod, inzage=inzage))
    versies = list(kluis.versies_voor(user, bod, inzage=inzage))
    laatste = versies[-1] if versies else None
    niet_ingediend = bool(
        laatste
        and bod.status == BodStatus.INGEDIEND
        and bieden_services.inhoud_hash(bieden_services.bevroren_inhoud(concept, bijlagen))
        != laatste.sha256
    )
    # The selection for the elaborated plan: nothing of it until it is sent.
    uitslag = selectie_selectors.uitslag_voor_bieder(bod)
    uitwerking = None
    mag_uitwerking_starten = False
    if uitslag is not None and uitslag.uitgenodigd:
        uitwerking = bieden_selectors.uitwerking_van(bod)
        # The lead organisation starts it (its members); partners edit it once started.
        mag_uitwerking_starten = uitwerking is None and bool(
            permissions.mag_bieden_voor(user, bod.organisatie_id)
        )
    indienen = permissions.mag_indienen(user, bod)
    route = route_van(bod.traject)
    return Bodpagina(
        bod=bod,
        inzage=inzage,
        nu=nu,
        deadline=deadline,
        is_open=open_,
        stappen=stappen,
        partners=partners,
        bijlagen=bijlagen,
        versies=list(reversed(versies)),
        niet_ingediend=niet_ingediend,
        uitslag=uitslag,
        uitwerking=uitwerking,
        mag_uitwerking_starten=mag_uitwerking_starten,
        indienen=indienen,
        intrekken=permissions.mag_intrekken(user, bod, indienen=indienen),
        # Parts after the scores: each fills its own include on this page.
        # Issue 14: the award letter on the procurement route, the decision on the
        # application on the subsidy route (`trajecten.routes`).
        extra={
            "gesprek": gesprekken_selectors.gesprek_voor_bieder(bod),
            "gunningsbrief": gunning_selectors.brief_voor_bieder(bod)
            if route.heeft(GUNNINGSBRIEVEN)
            else None,
            "subsidiebesluit": Subsidiebesluit.objects.filter(
                bod=bod, verstuurd_op__isnull=False
            ).first()
            if route.heeft(SUBSIDIEPLAFOND)
            else None,
            # Issue 14, point 9: the development fee of an invited bidder.
            "vergoeding": vergoeding_selectors.vergoeding_voor_bieder(bod),
            # Issue 14, point 5: the lead is warned while an invitation is open (no block).
            "open_uitnodigingen": bieden_selectors.open_uitnodigingen(bod)
            if open_ and indienen
            else [],
        },
    )
