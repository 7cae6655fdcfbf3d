"""Reads for setting up a trajectory: the officer's view of one trajectory, completeness."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanbesteden.models import Gemeente, Medewerker
from trajecten.constants import CommissieMandaat, Gunningswijze
from trajecten.models import (
    Eis,
    Perceel,
    Schetsvraag,
    TeamLid,
    Traject,
    UitvraagVersie,
    Wijk,
)
from trajecten.routes import (
    BEKOSTIGING,
    CONTRACTVORM,
    LOOPTIJD,
    MEDEDINGING,
    PROCEDURE,
    route_van,
    sectie_past,
)
from trajecten.selectors import (
    bestedingsregels_van,
    trajecten_van_mijn_gemeenten,
    vertegenwoordigers_van,
)

SECTIES = (
    ("opgave", gettext_lazy("Task and desired outcome")),
    ("kaders", gettext_lazy("Frames")),
    ("vorm", gettext_lazy("Form, contract and financing")),
    ("percelen", gettext_lazy("Lots")),
    ("planning", gettext_lazy("Planning")),
    ("gunning", gettext_lazy("Award approach and requirements")),
    ("subsidie", gettext_lazy("Subsidy ceiling and distribution")),
    ("buurtbudget", gettext_lazy("Residents' budget: rules and representatives")),
    ("team", gettext_lazy("Team")),
    # Issue 14, point 2: the residents' mandate (only on routes with a committee).
    ("bewoners", gettext_lazy("The role of residents")),
    # Issue 14, point 4: optional, at most five.
    ("schetsvragen", gettext_lazy("Questions for the outline bid")),
)
SECTIE_SLUGS = tuple(slug for slug, _titel in SECTIES)


def secties_van(traject: Traject) -> list[tuple[str, Any]]:
    """The sections the route of `traject` asks, in order (issue 14: a section whose part
    the route does not have is not shown, asked or counted; `trajecten.routes`)."""
    return [(slug, titel) for slug, titel in SECTIES if sectie_past(traject, slug)]


def traject_om_te_beheren(user: Any, pk: int) -> Traject:
    """A trajectory of one of `user`'s gemeenten; raises Traject.DoesNotExist otherwise."""
    return trajecten_van_mijn_gemeenten(user).get(pk=pk)


def traject_voor_beheer(user: Any, pk: int) -> Traject:
    """Like `traject_om_te_beheren`, with everything the officer's pages show prefetched.

    A fixed number of queries, however many lots, criteria or requirements.
    """
    return (
        trajecten_van_mijn_gemeenten(user)
        .prefetch_related(
            "wijken",
            Prefetch("percelen", queryset=Perceel.objects.prefetch_related("wijken")),
            "criteria",
            Prefetch("eisen", queryset=Eis.objects.select_related("perceel").order_by("id")),
            "toelichtingen",
            Prefetch("schetsvragen", queryset=Schetsvraag.objects.order_by("volgorde", "id")),
            Prefetch(
                "team",
                queryset=TeamLid.objects.select_related("medewerker__user").order_by("rol", "id"),
            ),
            Prefetch(
                "uitvraagversies",
                queryset=UitvraagVersie.objects.select_related("document").order_by("-versie"),
            ),
        )
        .get(pk=pk)
    )


def wijken_van(gemeente: Gemeente) -> QuerySet[Wijk]:
    return Wijk.objects.filter(gemeente=gemeente).order_by("naam")


def collegas_van(gemeente: Gemeente) -> QuerySet[Medewerker]:
    """The officers of a gemeente, who may join a trajectory's team."""
    return (
        Medewerker.objects.filter(gemeente=gemeente)
        .select_related("user")
        .order_by("user__naam", "user__email")
    )


def weging_fouten(gunningswijze: str | None, criteria: Sequence[Any]) -> list[str]:
    """What is wrong with the weights of `criteria` for this award approach.

    `criteria`: objects or dicts with `weging` and `is_prijs`. Returns plain Dutch lines.
    """

    def waarde(c: Any, naam: str) -> Any:
        return c.get(naam) if isinstance(c, dict) else getattr(c, naam)

    fouten = []
    wegingen = [waarde(c, "weging") for c in criteria]
    prijzen = [c for c in criteria if waarde(c, "is_prijs")]
    if gunningswijze == Gunningswijze.KWALITEIT:
        if any(w is not None for w in wegingen):
            fouten.append(_("With quality only, criteria have no weights. Remove the weights."))
    elif gunningswijze in (Gunningswijze.GEWOGEN_ZONDER_PRIJS, Gunningswijze.GEWOGEN_MET_PRIJS):
        if criteria and any(w is None for w in wegingen):
            fouten.append(_("Give every criterion a weight."))
        elif criteria and sum(wegingen) != 100:
            fouten.append(
                _("The weights add up to %(som)s%%. Together they must make 100%%.")
                % {"som": sum(wegingen)}
            )
    if prijzen and gunningswijze != Gunningswijze.GEWOGEN_MET_PRIJS:
        fouten.append(_("A price criterion is only possible with weighted criteria with price."))
    if len(prijzen) > 1:
        fouten.append(_("There can be only one price criterion."))
    return fouten


@dataclass
class SectieStatus:
    slug: str
    titel: str
    ontbrekend: list[str] = field(default_factory=list)

    @property
    def compleet(self) -> bool:
        return not self.ontbrekend


def _ontbrekend_per_sectie(traject: Traject) -> dict[str, list[str]]:
    """{section slug: [missing items]}; uses prefetched relations when present. Only what
    the route of the form asks (`trajecten.routes`)."""
    route = route_van(traject)
    opgave = []
    if not traject.opgave.strip():
        opgave.append(_("Describe the task."))
    if not traject.wensbeeld.strip():
        opgave.append(_("Describe the desired outcome."))
    if not list(traject.wijken.all()):
        opgave.append(_("Choose at least one district (the area)."))
    if not traject.domein:
        opgave.append(_("Choose the domain."))

    kaders = []
    if traject.budget is None and not traject.geen_budgetplafond:
        kaders.append(_("Give the budget, or choose deliberately no budget cap."))
    elif traject.budget is not None and traject.geen_budgetplafond:
        kaders.append(_("Give a budget or choose no budget cap, not both."))

    vorm = []
    if not traject.vorm:
        vorm.append(_("Choose the form of the trajectory."))
    elif route.heeft(PROCEDURE) and not traject.procedure:
        vorm.append(_("Choose the procedure for the procurement."))
    if route.heeft(CONTRACTVORM) and not traject.contractvorm:
        vorm.append(_("Choose the contract form."))
    if route.heeft(BEKOSTIGING) and not traject.bekostiging:
        vorm.append(_("Choose the financing model."))
    if route.heeft(LOOPTIJD) and not traject.contractduur_maanden:
        vorm.append(_("Give the contract duration."))

    percelen = []
    if route.heeft(MEDEDINGING) and not list(traject.percelen.all()):
        percelen.append(_("Add at least one lot."))

    planning = []
    if route.heeft(MEDEDINGING) and traject.vragen_sluit is None:
        planning.append(_("Give the moment questions close."))
    if route.heeft(MEDEDINGING) and traject.inschrijving_sluit is None:
        planning.append(_("Give the moment bids close."))

    subsidie = []
    if traject.subsidieplafond is None:
        subsidie.append(_("Give the subsidy ceiling."))
    if not traject.verdeelregel:
        subsidie.append(_("Choose the distribution rule."))

    gunning = []
    criteria = list(traject.criteria.all())
    if not traject.gunningswijze:
        gunning.append(_("Choose the award approach."))
    if not criteria:
        gunning.append(_("Add at least one award criterion."))
    else:
        gunning.extend(weging_fouten(traject.gunningswijze, criteria))
        if traject.gunningswijze == Gunningswijze.GEWOGEN_MET_PRIJS and not any(
            c.is_prijs for c in criteria
        ):
            gunning.append(_("Mark the price criterion."))

    return {
        "buurtbudget": _buurtbudget_ontbrekend(traject)
        if sectie_past(traject, "buurtbudget")
        else [],
        "opgave": opgave,
        "kaders": kaders,
        "vorm": vorm,
        "percelen": percelen,
        "planning": planning,
        "gunning": gunning,
        "subsidie": subsidie,
        "team": [],
        "bewoners": bewoners_ontbrekend(traject),
        "schetsvragen": [],
    }


def bewoners_ontbrekend(traject: Traject) -> list[str]:
    """Issue 14, point 2: what the call still lacks about the residents' mandate; nothing
    on a route without a committee."""
    if not sectie_past(traject, "bewoners"):
        return []
    ontbrekend = []
    if not traject.commissie_samenstelling.strip():
        ontbrekend.append(_("Describe who sits on the committee and how they are found."))
    if not traject.commissie_mandaat:
        ontbrekend.append(_("Choose whether the committee advises or decides."))
    elif (
        traject.commissie_mandaat == CommissieMandaat.ADVISEERT
        and not traject.afwijken_van_advies.strip()
    ):
        ontbrekend.append(
            _("Describe what happens when the college departs from the committee's advice.")
        )
    return ontbrekend


def _buurtbudget_ontbrekend(traject: Traject) -> list[str]:
    """Issue 14, burgeraanbesteding: the spending rules, a budget and a representative for
    every lot (two queries)."""
    ontbrekend = []
    regels = bestedingsregels_van(traject)
    if not regels.besteding.strip():
        ontbrekend.append(_("Say what the residents' budget may be spent on."))
    percelen = list(traject.percelen.all())
    vertegenwoordigd = {v.perceel_id for v in vertegenwoordigers_van(traject)}
    for perceel in percelen:
        if perceel.budget is None:
            ontbrekend.append(
                _("Give lot %(perceel)s a budget: it is the residents' budget.")
                % {"perceel": perceel.nummer}
            )
        if perceel.pk not in vertegenwoordigd:
            ontbrekend.append(
                _("Choose at least one representative for lot %(perceel)s.")
                % {"perceel": perceel.nummer}
            )
    return ontbrekend


def ontbrekende_onderdelen(traject: Traject) -> list[str]:
    """What is still missing before `traject` can be published: plain Dutch, one line each.
    Only the sections of its route count."""
    per_sectie = _ontbrekend_per_sectie(traject)
    return [regel for slug, _titel in secties_van(traject) for regel in per_sectie.get(slug, [])]


def secties_status(traject: Traject) -> list[SectieStatus]:
    """The sections of the route in order, each with what is missing (complete when
    nothing is)."""
    per_sectie = _ontbrekend_per_sectie(traject)
    return [
        SectieStatus(slug, str(titel), per_sectie.get(slug, []))
        for slug, titel in secties_van(traject)
    ]
