"""Every form of trajectory its own route (issue 14, point 3): ONE registry that says, per
form (`Traject.vorm`), which parts of the set-up are asked, whether parties compete with
sealed bids, and what the outcome is.

Services, selectors, pages and the call ask `route_van(traject)`; nothing else compares
`traject.vorm` with a form to decide what is asked or allowed. A predicate that refuses a
step of another route asks `route_van(traject).heeft(ONDERDEEL)` and refuses with
`route_weigering(traject, ONDERDEEL)`.

The parts (`onderdelen`) a route has:

- ``procedure``: a procedure of the Aanbestedingswet 2012 (only procurement);
- ``contractvorm``: a contract form (classical, neo-classical, relational);
- ``bekostiging``: a financing model;
- ``looptijd``: a duration in months (contract, subsidy period, covenant term);
- ``gunningscriteria``: award criteria, an award approach and selection requirements;
- ``mededinging``: parties compete with sealed bids: the partner board, coalitions on
  lots, bids per lot, the vault, the committee, the ranking;
- ``gunningsbrieven``: award letters to every bidder, with a standstill before signing;
- ``subsidieplafond``: a subsidy ceiling and distribution rule, decisions per application;
- ``convenantplan``: a plan written together with one existing initiative;
- ``buurtbudget``: representatives of the area hold a budget and ask quotes themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trajecten.constants import Vorm

if TYPE_CHECKING:
    from trajecten.models import Traject

PROCEDURE = "procedure"
CONTRACTVORM = "contractvorm"
BEKOSTIGING = "bekostiging"
LOOPTIJD = "looptijd"
GUNNINGSCRITERIA = "gunningscriteria"
MEDEDINGING = "mededinging"
GUNNINGSBRIEVEN = "gunningsbrieven"
SUBSIDIEPLAFOND = "subsidieplafond"
CONVENANTPLAN = "convenantplan"
BUURTBUDGET = "buurtbudget"

ONDERDEEL_NAAM: dict[str, Any] = {
    PROCEDURE: gettext_lazy("a procurement procedure"),
    CONTRACTVORM: gettext_lazy("a contract form"),
    BEKOSTIGING: gettext_lazy("a financing model"),
    LOOPTIJD: gettext_lazy("a duration"),
    GUNNINGSCRITERIA: gettext_lazy("award criteria"),
    MEDEDINGING: gettext_lazy("competing bids"),
    GUNNINGSBRIEVEN: gettext_lazy("award letters and a standstill period"),
    SUBSIDIEPLAFOND: gettext_lazy("a subsidy ceiling and decisions per application"),
    CONVENANTPLAN: gettext_lazy("a plan written together with an initiative"),
    BUURTBUDGET: gettext_lazy("a residents' budget"),
}


@dataclass(frozen=True)
class Route:
    vorm: str
    onderdelen: frozenset[str]
    uitkomst: Any  # lazy text: what the route ends in
    uitleg_bewoner: Any  # lazy text: one plain sentence for a resident
    uitleg_bieder: Any  # lazy text: one plain sentence for a party that wants to take part

    def heeft(self, onderdeel: str) -> bool:
        return onderdeel in self.onderdelen

    @property
    def mededinging(self) -> bool:
        return MEDEDINGING in self.onderdelen


ROUTES: dict[str, Route] = {
    Vorm.AANBESTEDING: Route(
        vorm=Vorm.AANBESTEDING,
        onderdelen=frozenset(
            {
                PROCEDURE,
                CONTRACTVORM,
                BEKOSTIGING,
                LOOPTIJD,
                GUNNINGSCRITERIA,
                MEDEDINGING,
                GUNNINGSBRIEVEN,
            }
        ),
        uitkomst=gettext_lazy("An award and a contract"),
        uitleg_bewoner=gettext_lazy(
            "The municipality buys this service: parties compete with a plan, a committee "
            "with residents scores the plans, and the best plan gets the contract."
        ),
        uitleg_bieder=gettext_lazy(
            "You send a sealed bid before the deadline; nobody reads it before then. Every "
            "bidder gets a letter with the outcome and can object before the contract is "
            "signed."
        ),
    ),
    Vorm.SUBSIDIE: Route(
        vorm=Vorm.SUBSIDIE,
        onderdelen=frozenset(
            {BEKOSTIGING, LOOPTIJD, GUNNINGSCRITERIA, MEDEDINGING, SUBSIDIEPLAFOND}
        ),
        uitkomst=gettext_lazy("A decision on each application"),
        uitleg_bewoner=gettext_lazy(
            "The municipality gives subsidy to initiatives that fit this call, up to a "
            "fixed total amount."
        ),
        uitleg_bieder=gettext_lazy(
            "You apply before the deadline. The municipality decides on each application "
            "with the rules published in this call, and you can object to its decision."
        ),
    ),
    Vorm.CONVENANT: Route(
        vorm=Vorm.CONVENANT,
        onderdelen=frozenset({LOOPTIJD, CONVENANTPLAN}),
        uitkomst=gettext_lazy("A covenant"),
        uitleg_bewoner=gettext_lazy(
            "The municipality and an existing initiative write a plan together and agree "
            "on it as equal partners."
        ),
        uitleg_bieder=gettext_lazy(
            "There is no competition: the plan is written with the initiative named here. "
            "You can follow it and react."
        ),
    ),
    Vorm.BURGERAANBESTEDING: Route(
        vorm=Vorm.BURGERAANBESTEDING,
        onderdelen=frozenset({LOOPTIJD, BUURTBUDGET}),
        uitkomst=gettext_lazy("A residents' budget with a public ledger"),
        uitleg_bewoner=gettext_lazy(
            "Representatives of the residents hold the budget and choose themselves who "
            "does the work, within the rules of this call."
        ),
        uitleg_bieder=gettext_lazy(
            "The residents' representatives ask for quotes themselves. They say how many "
            "they asked for, which one they chose and why."
        ),
    ),
    Vorm.RIGHT_TO_CHALLENGE: Route(
        vorm=Vorm.RIGHT_TO_CHALLENGE,
        onderdelen=frozenset(),
        uitkomst=gettext_lazy("A decision on the proposal, then the route the municipality chose"),
        uitleg_bewoner=gettext_lazy(
            "Residents or entrepreneurs asked to take over this task. The municipality "
            "decides on their proposal within the term of its participation bylaw."
        ),
        uitleg_bieder=gettext_lazy(
            "When the municipality accepts the proposal, it chooses how to go on: a "
            "covenant, a subsidy, or a call open to others."
        ),
    ),
}

# A trajectory whose form is not chosen yet is set up as a procurement: every part is asked
# until the officer chooses.
STANDAARD = ROUTES[Vorm.AANBESTEDING]


def route_van(traject: Traject | None = None, *, vorm: str | None = None) -> Route:
    """The route of `traject` (or of the form `vorm`)."""
    if vorm is None and traject is not None:
        vorm = traject.vorm
    return ROUTES.get(vorm or "", STANDAARD)


# The section of the set-up (slug) and the part (onderdeel) it needs: a section whose part
# is not in the route is not shown, asked or counted in the completeness check. Sections
# not named here belong to every route. Other parts of issue 14 register their sections
# here too.
SECTIE_ONDERDEEL: dict[str, str] = {
    "buurtbudget": BUURTBUDGET,
}


def sectie_past(traject: Traject | None, slug: str, *, vorm: str | None = None) -> bool:
    """Whether the set-up section `slug` belongs to the route of `traject` (or `vorm`)."""
    onderdeel = SECTIE_ONDERDEEL.get(slug)
    return onderdeel is None or route_van(traject, vorm=vorm).heeft(onderdeel)


def route_weigering(traject: Traject, onderdeel: str) -> str:
    """The plain reason a step of another route is refused on `traject`."""
    return _("A %(vorm)s has no %(onderdeel)s. This step is not part of its route.") % {
        "vorm": traject.get_vorm_display().lower(),
        "onderdeel": ONDERDEEL_NAAM[onderdeel],
    }
