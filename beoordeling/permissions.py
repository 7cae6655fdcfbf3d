"""Who may reach what of an opened bid: the ONE place for the committee's rules
(issue 11, point 7; issue 13, rules 4 and 5).

For one trajectory a user is one of three:

- a member of its selection committee (a resident or an officer, the chair or not): they
  follow the committee's rules, whatever else they are. A member bound to lots
  (`Commissielid.percelen`, empty = the whole trajectory) has nothing of the bids of other
  lots (`GEEN`). Per bid of their lots:
  - the confidentiality declaration (once per trajectory) or the conflict-of-interest
    declaration of the bid's lot not signed yet (`VERKLAREN`): the bid's name only;
  - a conflict of interest declared for the bid's lot (`CONFLICT`): nothing of any bid of
    that lot: not its content, attachments, scores, consensus, conversation or notes, on
    any page or download. Only that they are recused;
  - both declarations signed without conflict (`SCOREN`): its content, attachments,
    conversation and notes, and their own scores; not the others' scores;
  - their own assessment submitted (`INGEDIEND`): also the others' scores and the
    consensus.
- an officer of the trajectory's gemeente who is not on its committee: the same two
  declarations first (`VERKLAREN`), a conflict for the lot recuses them from it
  (`CONFLICT`), and otherwise everything of the opened bids, to run the process (`INZIEN`);
- anyone else (`GEEN`): nothing.

Declarations are per lot (`Belangenverklaring.perceel`) and per user, so an officer signs
them as a member does. `heeft_conflict(user, perceel)` and `mag_perceel_inzien(user,
perceel)` answer for one lot (for the consensus rules).

Whether the bid is submitted and its vault opened is the vault's business
(`beoordeling.selectors.kluis`); the bidder's own access too. This module answers only
for the committee and the officers; the selectors and the views ask it, none restates it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db.models import BooleanField, Exists, IntegerField, OuterRef, QuerySet, Value
from django.db.models.expressions import Combinable
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aanbesteden import weergave
from aanbesteden.exceptions import DomainError
from aanbesteden.permissions import TOEGESTAAN, Toestemming, alle, als_medewerker, geweigerd
from aanbesteden.selectors import gemeente_ids_van
from beoordeling import standstill
from beoordeling.constants import (
    BezwaarSoort,
    BodStatus,
    ConvenantPartij,
    OpdrachtStatus,
    Ronde,
    VergoedingStatus,
)
from beoordeling.models import (
    Belangenverklaring,
    Beoordeling,
    Commissielid,
    Geheimhoudingsverklaring,
    Offerte,
    Opdracht,
    Score,
)
from beoordeling.selectors import bieden as bieden_selectors
from beoordeling.selectors import kluis
from coalities.constants import LidRol
from coalities.models import Lidmaatschap
from coalities.selectors import is_beheerder, is_lid
from trajecten import permissions as trajecten_permissions
from trajecten.constants import Verdeelregel
from trajecten.models import Bestedingsregels, Perceel, TeamLid, Traject, Vertegenwoordiger
from trajecten.permissions import op_route
from trajecten.routes import (
    BUURTBUDGET,
    CONVENANTPLAN,
    GUNNINGSBRIEVEN,
    MEDEDINGING,
    SUBSIDIEPLAFOND,
)

if TYPE_CHECKING:
    from beoordeling.models import (
        Bezwaar,
        Bod,
        Bodgesprek,
        ConsensusOverleg,
        Convenant,
        Gespreksnotitie,
        Gunning,
        KluisOpening,
        Ontwikkelvergoeding,
        Subsidiebesluit,
    )
    from beoordeling.selectors.kluis import Inzage
    from coalities.models import Coalitie, Organisatie

# The state of a bid for one user, in the order a member goes through them.
VERKLAREN = "verklaren"
CONFLICT = "conflict"
SCOREN = "scoren"
INGEDIEND = "ingediend"
# An officer of the gemeente who is not on the committee.
INZIEN = "inzien"
# Neither an officer of the gemeente nor a member of the committee (or a member bound to
# other lots).
GEEN = "geen"

_INHOUD = frozenset({INZIEN, SCOREN, INGEDIEND})
_SCORES = frozenset({INZIEN, INGEDIEND})
# The states in which a user sees a bid's content (the vault's `Inzage` asks).
INHOUD_STATEN = _INHOUD


@dataclass(frozen=True)
class Verklaard:
    """What one user signed for one trajectory: the confidentiality declaration
    (`geheimhouding`) and {perceel_id: conflict} of their declarations per lot."""

    geheimhouding: bool = False
    percelen: dict[int, bool] = field(default_factory=dict)


def _perceel_id(bod: Any) -> int | None:
    return getattr(bod, "perceel_id", None)


@dataclass(frozen=True)
class Toegang:
    """What one user is for one trajectory, read once: then every question about its bids
    is answered without a query. Bids are asked as `Bod` objects (their lot decides)."""

    traject_id: int
    is_medewerker: bool
    lid: Commissielid | None = None  # the user's Commissielid, or None
    geheimhouding: bool = False  # the confidentiality declaration is signed
    conflicten: frozenset[int] = field(default_factory=frozenset)  # perceel ids
    verklaard: frozenset[int] = field(default_factory=frozenset)  # perceel ids, no conflict
    ingediend: frozenset[int] = field(default_factory=frozenset)  # bod ids: own assessment
    # The member's lots; None: the whole trajectory (or not a member).
    lid_percelen: frozenset[int] | None = None

    @property
    def is_lid(self) -> bool:
        return self.lid is not None

    def beoordeelt_perceel(self, perceel: Perceel | int | None) -> bool:
        """Whether the member judges this lot (always true for an unbound member)."""
        perceel_id = getattr(perceel, "pk", perceel)
        return self.lid_percelen is None or perceel_id in self.lid_percelen

    def staat_perceel(self, perceel: Perceel | int | None) -> str:
        """The state of every bid of the lot for this user, before their own assessment."""
        perceel_id = getattr(perceel, "pk", perceel)
        if self.lid is None and not self.is_medewerker:
            return GEEN
        if self.lid is not None and not self.beoordeelt_perceel(perceel_id):
            return GEEN
        if perceel_id in self.conflicten:
            return CONFLICT
        if not self.geheimhouding or perceel_id not in self.verklaard:
            return VERKLAREN
        return SCOREN if self.lid is not None else INZIEN

    def staat(self, bod: Bod) -> str:
        """The bid's state for this user: one of the constants above."""
        staat = self.staat_perceel(_perceel_id(bod))
        if staat == SCOREN and bod.pk in self.ingediend:
            return INGEDIEND
        return staat

    def is_gewraakt(self, bod: Bod) -> bool:
        return self.staat(bod) == CONFLICT

    def bod_toegang(self, bod: Bod) -> bool:
        """Whether the user may see the bid's content, attachments, conversation and notes
        (the vault still decides whether it is opened)."""
        return self.staat(bod) in _INHOUD

    def mag_scores_van_anderen_zien(self, bod: Bod) -> bool:
        """Whether the user may see the other members' scores of the bid and its
        consensus: an officer not on the committee after the declarations, or a member
        after submitting their own assessment (never with a conflict)."""
        return self.staat(bod) in _SCORES

    def inzichtelijk(self, qs: QuerySet[Bod]) -> QuerySet[Bod]:
        """`qs` (bids of this trajectory) narrowed to those whose content the user may see."""
        if (self.lid is None and not self.is_medewerker) or not self.geheimhouding:
            return qs.none()
        percelen = set(self.verklaard)
        if self.lid_percelen is not None:
            percelen &= self.lid_percelen
        return qs.filter(perceel_id__in=percelen)


_ONBEKEND = object()

# Kinds of rows of the one query of `toegang`.
_LID, _LIDPERCEEL, _GEHEIM, _VERKLARING, _INGEDIEND = 1, 2, 3, 4, 5


def _rijen(user: Any, traject_id: int, *, met_lid: bool) -> list[tuple[int, int, bool]]:
    """(kind, id, flag) rows for the user and trajectory in ONE query (a UNION, portable):
    the membership, its lots and submitted assessments (with `met_lid`), the
    confidentiality declaration and the declarations per lot."""
    i: IntegerField[int, int] = IntegerField()
    b: BooleanField[bool, bool] = BooleanField()
    delen: list[QuerySet[Any]] = [
        Geheimhoudingsverklaring.objects.filter(traject_id=traject_id, user=user).values_list(
            Value(_GEHEIM, output_field=i), Value(0, output_field=i), Value(False, output_field=b)
        ),
        Belangenverklaring.objects.filter(traject_id=traject_id, user=user).values_list(
            Value(_VERKLARING, output_field=i), "perceel_id", "conflict"
        ),
    ]
    if met_lid:
        delen += [
            Commissielid.objects.filter(traject_id=traject_id, user=user).values_list(
                Value(_LID, output_field=i), "pk", "is_voorzitter"
            ),
            Commissielid.percelen.through.objects.filter(
                commissielid__traject_id=traject_id, commissielid__user=user
            ).values_list(
                Value(_LIDPERCEEL, output_field=i), "perceel_id", Value(False, output_field=b)
            ),
            Beoordeling.objects.filter(
                commissielid__traject_id=traject_id,
                commissielid__user=user,
                ingediend_op__isnull=False,
            ).values_list(
                Value(_INGEDIEND, output_field=i), "bod_id", Value(False, output_field=b)
            ),
        ]
    eerste, *rest = delen
    return list(eerste.union(*rest, all=True))


def verklaard_uit(
    geheimhouding: Iterable[int], verklaringen: Iterable[tuple[int, int, bool]], user_id: int
) -> Verklaard:
    """One user's `Verklaard` from rows a selector read for many: the user ids with a
    confidentiality declaration, and (user_id, perceel_id, conflict) rows."""
    return Verklaard(
        geheimhouding=user_id in set(geheimhouding),
        percelen={p: c for u, p, c in verklaringen if u == user_id},
    )


def toegang(user: Any, traject: Traject | int, *, lid: Any = _ONBEKEND) -> Toegang:
    """The user's `Toegang` for `traject` (or its id): one query (none for an anonymous
    user or someone who is neither officer nor given member; the officer's gemeenten are
    cached on the user). A caller that has read the user's membership already passes it
    as `lid` (None for none)."""
    traject_id = traject.pk if isinstance(traject, Traject) else traject
    if user is None or not user.is_authenticated:
        return Toegang(traject_id=traject_id, is_medewerker=False)
    gemeente_id = getattr(traject, "gemeente_id", None)
    if gemeente_id is None:
        gemeente_id = Traject.objects.values_list("gemeente_id", flat=True).get(pk=traject_id)
    is_medewerker = gemeente_id in gemeente_ids_van(user)
    if lid is None and not is_medewerker:
        return Toegang(traject_id=traject_id, is_medewerker=False)
    rijen = _rijen(user, traject_id, met_lid=lid is not None)
    if lid is _ONBEKEND:
        rij = next(((x, f) for soort, x, f in rijen if soort == _LID), None)
        if rij is None:
            lid = None
        else:
            # Only what the rules ask of the membership (its id and whether it chairs).
            lid = Commissielid(
                pk=rij[0], traject_id=traject_id, user_id=user.pk, is_voorzitter=rij[1]
            )
            if isinstance(traject, Traject):
                lid.traject = traject
    if lid is None and not is_medewerker:
        return Toegang(traject_id=traject_id, is_medewerker=False)
    return toegang_uit(
        traject_id,
        is_medewerker=is_medewerker,
        lid=lid,
        verklaard=Verklaard(
            geheimhouding=any(soort == _GEHEIM for soort, _x, _f in rijen),
            percelen={x: f for soort, x, f in rijen if soort == _VERKLARING},
        ),
        ingediend={x for soort, x, _f in rijen if soort == _INGEDIEND},
        lid_percelen={x for soort, x, _f in rijen if soort == _LIDPERCEEL} if lid else None,
    )


def toegang_uit(
    traject_id: Traject | int,
    *,
    is_medewerker: bool,
    lid: Commissielid | None,
    verklaard: Verklaard,
    ingediend: Iterable[int] = (),
    lid_percelen: Iterable[int] | None = None,
) -> Toegang:
    """A `Toegang` from data a selector has read already (no query): `verklaard` the
    user's declarations, `ingediend` the bod ids of their submitted assessments,
    `lid_percelen` the member's lots (empty or None: the whole trajectory)."""
    traject_id = traject_id.pk if isinstance(traject_id, Traject) else traject_id
    if lid is None and not is_medewerker:
        return Toegang(traject_id=traject_id, is_medewerker=False)
    percelen = frozenset(lid_percelen or ())
    return Toegang(
        traject_id=traject_id,
        is_medewerker=is_medewerker,
        lid=lid,
        geheimhouding=verklaard.geheimhouding,
        conflicten=frozenset(p for p, c in verklaard.percelen.items() if c),
        verklaard=frozenset(p for p, c in verklaard.percelen.items() if not c),
        ingediend=frozenset(ingediend) if lid is not None else frozenset(),
        lid_percelen=percelen if lid is not None and percelen else None,
    )


def _traject_van(bod: Bod) -> Traject | int:
    """The bid's trajectory when it is loaded already (no query), else its id."""
    if type(bod)._meta.get_field("traject").is_cached(bod):
        return bod.traject
    return bod.traject_id


def heeft_conflict(user: Any, perceel: Perceel) -> bool:
    """Whether `user` declared a conflict of interest for the lot: then they read none of
    its bids and record nothing of its consensus (one query)."""
    if user is None or not user.is_authenticated:
        return False
    return Belangenverklaring.objects.filter(user=user, perceel=perceel, conflict=True).exists()


def mag_perceel_inzien(user: Any, perceel: Perceel) -> Toestemming:
    """Whether `user` may read the opened bids of the lot as an officer or committee member:
    both declarations signed without conflict (and, for a member bound to lots, one of
    theirs). The reason says what is missing."""
    staat = toegang(user, perceel.traject_id).staat_perceel(perceel)
    if staat in _INHOUD:
        return TOEGESTAAN
    if staat == CONFLICT:
        return geweigerd(
            _("You declared a conflict of interest for this lot: you do not read its bids.")
        )
    if staat == VERKLAREN:
        return geweigerd(_("First sign the declarations for this lot."))
    return geweigerd(_("You do not assess this lot."))


def toegang_bij_bod(user: Any, bod: Bod) -> Toegang:
    """`toegang` for the bid's trajectory, from the trajectory already loaded on `bod` when
    it is (no extra query for its gemeente)."""
    return toegang(user, _traject_van(bod))


def bod_toegang(user: Any, bod: Bod) -> bool:
    """Whether `user` may see the content, attachments, conversation and notes of `bod`
    as an officer or committee member (see the module docstring)."""
    return toegang(user, _traject_van(bod)).bod_toegang(bod)


def staat_van(user: Any, bod: Bod) -> str:
    """The bid's state for `user` (one of the constants above); for the vault's `Inzage`."""
    return toegang(user, _traject_van(bod)).staat(bod)


def mag_scores_van_anderen_zien(user: Any, bod: Bod) -> bool:
    """Whether `user` may see the other members' scores and the consensus of `bod`."""
    return toegang(user, _traject_van(bod)).mag_scores_van_anderen_zien(bod)


def is_gewraakt(user: Any, bod: Bod) -> bool:
    """Whether `user` sits on the committee and declared (or had recorded) a conflict of
    interest for `bod`."""
    return toegang(user, _traject_van(bod)).is_gewraakt(bod)


# Who may do what, one predicate per action (aanbesteden.permissions.Toestemming), one
# section per part of the phase.

# --- bieden ---------------------------------------------------------------------------


def mag_bieden_voor(user: Any, organisatie: Organisatie | int) -> Toestemming:
    """A member (any role) of `organisatie` may start a bid for it, also the elaborated plan
    after an invitation (`organisatie`: the object or its id)."""
    if is_lid(user, organisatie):
        return TOEGESTAAN
    return geweigerd(_("You can only bid for an organisation you are a member of."))


def mag_bieden_namens(coalitie: Coalitie, organisatie: Organisatie) -> Toestemming:
    """Only the accepted lead organisation bids for a coalition."""
    if bieden_selectors.is_geaccepteerde_leider(coalitie, organisatie):
        return TOEGESTAAN
    return geweigerd(_("Only the lead of the coalition bids for it."))


def mag_bod_wijzigen(user: Any, bod: Bod, *, inzage: Inzage | None = None) -> Toestemming:
    """Any member of the bidding organisation or of an accepted partner of its coalition may
    change the draft and its attachments (the deadline is the service's business). A caller
    that has the user's `Inzage` of the bid passes it: then no query."""
    bieder = inzage.is_bieder if inzage is not None else kluis.is_bieder(user, bod)
    if bieder:
        return TOEGESTAAN
    return geweigerd(_("Only the organisations of this bid may change it."))


def mag_indienen(user: Any, bod: Bod) -> Toestemming:
    """Only an administrator of the bidding organisation submits (or withdraws) the bid."""
    if is_beheerder(user, bod.organisatie_id):
        return TOEGESTAAN
    return geweigerd(
        _("Only an administrator of the bidding organisation may submit or withdraw the bid.")
    )


def is_ingetrokken_mogelijk(bod: Bod) -> Toestemming:
    """Only a submitted bid can be withdrawn (a refusal about the data: DomainError)."""
    if bod.status == BodStatus.INGEDIEND:
        return TOEGESTAAN
    return geweigerd(_("There is no submitted bid to withdraw."), fout=DomainError)


def mag_intrekken(user: Any, bod: Bod, *, indienen: Toestemming | None = None) -> Toestemming:
    """An administrator of the bidding organisation withdraws a submitted bid (before the
    deadline: the service's business). `indienen`: `mag_indienen(user, bod)` when the caller
    has it already (then no query)."""
    if indienen is None:
        indienen = mag_indienen(user, bod)
    return alle(indienen, is_ingetrokken_mogelijk(bod))


# --- kluis ----------------------------------------------------------------------------


def is_teamlid(user: Any, traject: Traject) -> bool:
    """Whether `user` is an officer in the team of `traject` (`trajecten.models.TeamLid`)."""
    if user is None or not user.is_authenticated:
        return False
    return TeamLid.objects.filter(
        traject=traject, medewerker__user=user, medewerker__gemeente_id=traject.gemeente_id
    ).exists()


def mag_kluis_openen(user: Any, traject: Traject, *, teamlid: bool | None = None) -> Toestemming:
    """Issue 13, rule 2 (as on TenderNed): only officers in the trajectory's team start or
    confirm the opening of a vault. `teamlid`: `is_teamlid(user, traject)` when the page has
    it already (then no query)."""
    route = bieden_op_route(traject)
    if not route:
        return route
    wie = als_medewerker(
        user, traject.gemeente_id, _("Only officers of the municipality open the vault.")
    )
    if not wie:
        return wie
    if teamlid is None:
        teamlid = is_teamlid(user, traject)
    if not teamlid:
        return geweigerd(
            _(
                "Only members of this trajectory's team open the vault. Ask a colleague in "
                "the team, or ask to be added to the team."
            )
        )
    return TOEGESTAAN


def mag_opening_bevestigen(user: Any, opening: KluisOpening) -> Toestemming:
    """Four eyes: the officer who started the opening does not confirm it (whether `user` is
    a team member at all is `mag_kluis_openen`)."""
    if user is not None and opening.gestart_door_id == user.pk:
        return geweigerd(_("Another officer must confirm the opening (four eyes)."))
    return TOEGESTAAN


# --- commissie ------------------------------------------------------------------------


def mag_voortgang_zien(
    user: Any, traject: Traject, *, lid: Commissielid | None | object = _ONBEKEND
) -> Toestemming:
    """Officers of the gemeente and the committee's chair follow the committee's progress
    (the same rule as `selectors.commissie.traject_voor_voortgang`, which scopes the page).
    `lid`: the user's membership when the page has it (None for none): then no query."""
    if _als_medewerker_van(user, traject, "") or _is_voorzitter(user, traject, lid):
        return TOEGESTAAN
    return geweigerd(_("Only officers of the municipality and the committee's chair can do this."))


def mag_commissie_samenstellen(user: Any, traject: Traject) -> Toestemming:
    """Only officers of the trajectory's gemeente add, invite, remove members and choose the
    chair; only on a route with competing bids (issue 14)."""
    route = bieden_op_route(traject)
    if not route:
        return route
    return als_medewerker(
        user, traject.gemeente_id, _("Only officers of the municipality compose the committee.")
    )


def beoordeling_gestart(lid_ref: str = "pk") -> Combinable:
    """An expression on Commissielid (the member's id at `lid_ref`): whether the member
    signed a declaration, saved a score or an assessment. Then they stay on record."""
    traject_ref = "traject_id" if lid_ref == "pk" else lid_ref.replace("pk", "traject_id")
    user_ref = "user_id" if lid_ref == "pk" else lid_ref.replace("pk", "user_id")
    return (
        Exists(
            Belangenverklaring.objects.filter(
                traject_id=OuterRef(traject_ref), user_id=OuterRef(user_ref)
            )
        )
        | Exists(Score.objects.filter(commissielid=OuterRef(lid_ref)))
        | Exists(Beoordeling.objects.filter(commissielid=OuterRef(lid_ref)))
    )


def mag_lid_verwijderen(lid: Commissielid, *, gestart: bool) -> Toestemming:
    """A member who has not started assessing can be removed (`gestart`: the member's
    `beoordeling_gestart`); who removes is `mag_commissie_samenstellen`."""
    if gestart:
        return geweigerd(
            _(
                "This member has already started assessing. Their declarations and "
                "scores stay on record, so they stay on the committee."
            ),
            fout=DomainError,
        )
    return TOEGESTAAN


def mag_gegevens_wijzigen(user: Any, lid: Commissielid) -> Toestemming:
    """Only the member changes their own details (age group, neighbourhood)."""
    if user is not None and lid.user_id == user.pk:
        return TOEGESTAAN
    return geweigerd(_("Only the member can change their own details."))


def is_commissielid(user: Any, lid: Commissielid | None) -> Toestemming:
    """Members of the committee declare, score and submit: `lid` is the user's membership
    of the bid's committee, or None."""
    if user is None or not user.is_authenticated or lid is None:
        return geweigerd(_("Only members of the committee can do this."))
    return TOEGESTAAN


def mag_percelen_wijzigen(lid: Commissielid, *, gestart: bool) -> Toestemming:
    """A member's lots change until they start assessing (who changes them is
    `mag_commissie_samenstellen`)."""
    if gestart:
        return geweigerd(
            _(
                "This member has already started assessing. Their lots stay as they are, "
                "so their declarations and scores stay true."
            ),
            fout=DomainError,
        )
    return TOEGESTAAN


def mag_geheimhouding_tekenen(recht: Toegang) -> Toestemming:
    """Members of the committee and officers of the gemeente sign the confidentiality
    declaration (`recht`: their `Toegang`)."""
    if recht.lid is None and not recht.is_medewerker:
        return geweigerd(
            _("Only officers of the municipality and members of the committee can do this.")
        )
    return TOEGESTAAN


def mag_verklaren(recht: Toegang, perceel: Perceel | int) -> Toestemming:
    """Whether the user (a member of the lot or an officer of the gemeente, `recht` their
    `Toegang`) may sign the conflict-of-interest declaration of the lot: after the
    confidentiality declaration, once."""
    if recht.staat_perceel(perceel) == GEEN:
        return geweigerd(
            _("Only officers of the municipality and the members who assess this lot can do this.")
        )
    if not recht.geheimhouding:
        return geweigerd(_("First sign the confidentiality declaration."), fout=DomainError)
    return TOEGESTAAN


def zonder_conflict(recht: Toegang, bod: Bod) -> Toestemming:
    """A member scores a bid only after signing the confidentiality declaration and the
    declaration of its lot without a conflict of interest (`recht`: their `Toegang`)."""
    staat = recht.staat(bod)
    if staat == CONFLICT:
        return geweigerd(
            _("You declared a conflict of interest for this lot: you do not assess its bids.")
        )
    if staat == GEEN:
        return geweigerd(_("You do not assess this lot."))
    if staat == VERKLAREN:
        return geweigerd(_("First sign the declarations for this lot."))
    return TOEGESTAAN


def mag_scoren(lid: Commissielid, bod: Bod) -> Toestemming:
    """Whether the member may read and score the bid: both declarations without conflict,
    and the bid's lot is one of theirs (one query). The vault's opening is the selectors'
    and the service's business."""
    return zonder_conflict(toegang(lid.user, lid.traject, lid=lid), bod)


# --- selectie -------------------------------------------------------------------------


def mag_selecteren(user: Any, traject: Traject) -> Toestemming:
    """Only officers of the trajectory's gemeente make and send the selection for the
    elaborated plan."""
    return als_medewerker(
        user, traject.gemeente_id, _("Only officers of the municipality make the selection.")
    )


# --- ontwikkelvergoeding (issue 14, point 9) ------------------------------------------


def mag_vergoedingen_zien(user: Any, traject: Traject) -> Toestemming:
    """Only officers of the trajectory's gemeente see the development fees and record their
    payment."""
    return _als_medewerker_van(
        user, traject, _("Only officers of the municipality manage the development fees.")
    )


def mag_betaling_vastleggen(
    user: Any,
    vergoeding: Ontwikkelvergoeding,
    *,
    uitwerking_ingediend: bool,
    zien: Toestemming | None = None,
) -> Toestemming:
    """An officer records that a development fee is paid: once, and only after the bidder
    submitted its elaborated plan on the lot (the fee is for a complete elaborated plan) and
    the vault of the elaborated plans is opened, so nobody learns before the opening whether
    a plan arrived. `uitwerking_ingediend`: whether that is so (the caller reads it once per
    page); `zien`: `mag_vergoedingen_zien`'s answer when the caller has it."""
    wie = mag_vergoedingen_zien(user, vergoeding.traject) if zien is None else zien
    if not wie:
        return wie
    if vergoeding.status == VergoedingStatus.BETAALD:
        return geweigerd(_("This fee is already recorded as paid."), fout=DomainError)
    if not uitwerking_ingediend:
        return geweigerd(
            _(
                "The fee is paid only for a submitted elaborated plan. It can be paid once the "
                "elaborated plans are opened and this bidder's plan is among them."
            ),
            fout=DomainError,
        )
    return TOEGESTAAN


# --- consensus ------------------------------------------------------------------------


def _als_medewerker_van(user: Any, traject: Traject, reden: str) -> Toestemming:
    """The officer guard for the trajectory's gemeente. A page asks it per row: the user's
    gemeenten are read once (`gemeente_ids_van`, kept for the request), so that
    `als_medewerker` answers every row without a query and the exact query counts of the
    pages stay as they were."""
    if user is not None and user.is_authenticated:
        gemeente_ids_van(user)
    return als_medewerker(user, traject.gemeente_id, reden)


def _is_voorzitter(user: Any, traject: Traject, lid: Commissielid | None | object) -> bool:
    if lid is _ONBEKEND:
        if user is None or not user.is_authenticated:
            return False
        return Commissielid.objects.filter(traject=traject, user=user, is_voorzitter=True).exists()
    return lid is not None and bool(getattr(lid, "is_voorzitter", False))


def _gesloten() -> Toestemming:
    return geweigerd(
        _("The consensus of this stage is closed: nothing changes any more."), fout=DomainError
    )


def mag_consensusoverleg_plannen(
    user: Any, traject: Traject, overleg: ConsensusOverleg | None
) -> Toestemming:
    """An officer of the gemeente plans (or moves) a stage's meeting, until its consensus
    is closed. (That the stage's vault is opened is the service's check of the data.)"""
    wie = _als_medewerker_van(
        user, traject, _("Only officers of the municipality plan the consensus meeting.")
    )
    if not wie:
        return wie
    if overleg is not None and overleg.vastgesteld_op is not None:
        return _gesloten()
    return TOEGESTAAN


def overleg_open(overleg: ConsensusOverleg | None) -> Toestemming:
    """A consensus is recorded while the stage's meeting is planned and not closed."""
    if overleg is None:
        return geweigerd(_("First plan the consensus meeting of this stage."), fout=DomainError)
    if overleg.vastgesteld_op is not None:
        return _gesloten()
    return TOEGESTAAN


def mag_consensus_vastleggen(
    user: Any, traject: Traject, bod: Bod, *, recht: Toegang | None = None
) -> Toestemming:
    """The chair or an officer of the gemeente records a bid's consensus, by the
    committee's rules: a member with a conflict for this bid never records anything for
    it; a member (the chair, or an officer on the committee) only after signing the
    declaration and submitting their own assessment of it. `recht`: the user's `Toegang`
    when the caller has read it (no query then)."""
    if user is None or not user.is_authenticated:
        return geweigerd(_("Only the chair or an officer records the consensus."))
    if recht is None:
        recht = toegang(user, traject)
    staat = recht.staat(bod)
    if staat == CONFLICT:
        return geweigerd(
            _("You declared a conflict of interest for this bid: you do not record its consensus.")
        )
    if not (recht.is_medewerker or getattr(recht.lid, "is_voorzitter", False)):
        return geweigerd(_("Only the chair or an officer records the consensus."))
    if staat == VERKLAREN:
        return geweigerd(_("First sign the declaration for this bid."))
    if not recht.mag_scores_van_anderen_zien(bod):
        return geweigerd(_("First submit your own assessment of this bid."))
    return TOEGESTAAN


def mag_aanwezigheid_vastleggen(
    user: Any,
    traject: Traject,
    overleg: ConsensusOverleg | None,
    *,
    lid: Commissielid | None | object = _ONBEKEND,
) -> Toestemming:
    """The chair records who attended the stage's meeting (issue 13, rule 6), while it is
    planned and open. `lid`: the user's membership when the caller has read it."""
    if not _is_voorzitter(user, traject, lid):
        return geweigerd(_("Only the chair records who attended the meeting."))
    return overleg_open(overleg)


def mag_criterium_laten_vervallen(
    user: Any, traject: Traject, biedingen: Iterable[Bod], *, recht: Toegang | None = None
) -> Toestemming:
    """Dropping a criterion for every bid of a lot (weighted award, issue 13, rule 7) is
    recording the consensus of each of those bids: who may record it for all of them."""
    if recht is None and user is not None and user.is_authenticated:
        recht = toegang(user, traject)
    return alle(*(mag_consensus_vastleggen(user, traject, b, recht=recht) for b in biedingen))


def mag_consensus_bevestigen(
    user: Any,
    overleg: ConsensusOverleg | None,
    *,
    lid: Commissielid | None,
    stemgerechtigd: bool,
    voorzitter_bevestigd: bool,
    al_bevestigd: bool,
    compleet: bool,
    alles_ingediend: bool,
) -> Toestemming:
    """A member of the committee confirms that the recorded consensus of a stage is what
    the committee agreed (issue 13, rule 6). Only a member without a conflict of interest
    in the stage (`stemgerechtigd`, see `selectors.consensus.stemgerechtigden`) who has
    submitted their own assessment of every bid (`alles_ingediend`: they can read the whole
    consensus); while the meeting is open, its attendance recorded and the consensus of
    every bid complete (`compleet`). The chair confirms first: that puts the consensus
    before the members. An officer who is not on the committee never confirms. `lid`: the
    user's membership of the trajectory's committee, or None."""
    if user is None or not user.is_authenticated or lid is None or lid.user_id != user.pk:
        return geweigerd(_("Only members of the committee confirm the consensus."))
    if not stemgerechtigd:
        return geweigerd(
            _(
                "You declared a conflict of interest in this stage: you do not confirm "
                "its consensus."
            )
        )
    open_ = overleg_open(overleg)
    if not open_:
        return open_
    assert overleg is not None  # overleg_open refuses None
    if al_bevestigd:
        return geweigerd(_("You have confirmed this consensus already."), fout=DomainError)
    if overleg.aanwezigheid_vastgelegd_op is None:
        return geweigerd(_("The chair first records who attended the meeting."), fout=DomainError)
    if not compleet:
        return geweigerd(
            _("The consensus is not complete yet: it can be confirmed when every bid is."),
            fout=DomainError,
        )
    if not alles_ingediend:
        return geweigerd(
            _("First submit your own assessment of every bid of this stage."),
            fout=DomainError,
        )
    if not lid.is_voorzitter and not voorzitter_bevestigd:
        return geweigerd(
            _("The chair confirms the consensus first. Then you are asked to confirm it."),
            fout=DomainError,
        )
    return TOEGESTAAN


# --- gesprekken -----------------------------------------------------------------------


def _afgerond() -> Toestemming:
    return geweigerd(
        _(
            "The final judgement has been made: the consensus of this stage is closed. "
            "Conversations and notes cannot be changed any more."
        ),
        fout=DomainError,
    )


def gesprekken_aangekondigd(traject: Traject) -> Toestemming:
    """Issue 13, rule 11: conversations with bidders only when the call announced them,
    with their format and length (the same for every bidder)."""
    if traject.bodgesprekken and traject.gesprek_vorm and traject.gesprek_duur_minuten:
        return TOEGESTAAN
    return geweigerd(
        _(
            "The call does not announce conversations with bidders, so none can be planned. "
            "Conversations are announced in the call and offered to every bidder alike."
        ),
        fout=DomainError,
    )


def mag_gesprekken_plannen(user: Any, traject: Traject) -> Toestemming:
    """An officer of the gemeente plans conversations with the trajectory's bidders, when
    the call announced them."""
    return alle(
        _als_medewerker_van(
            user, traject, _("Only officers of the municipality plan conversations with bidders.")
        ),
        gesprekken_aangekondigd(traject),
    )


def niet_gevoerd(gesprek: Bodgesprek | None) -> Toestemming:
    """A conversation whose record went to the bidder has taken place: it is not moved,
    cancelled or recorded again."""
    if gesprek is not None and gesprek.verslag_op is not None:
        return geweigerd(
            _("This conversation has taken place and its record was sent to the bidder."),
            fout=DomainError,
        )
    return TOEGESTAAN


def mag_verslag_vastleggen(
    user: Any, gesprek: Bodgesprek, *, afgerond: bool, nu: datetime, wie: Toegang | None = None
) -> Toestemming:
    """An officer who may plan the conversation records, after it took place, what was
    clarified; the bidder receives it. Once, not for a cancelled conversation."""
    plannen = mag_gesprek_plannen(user, gesprek.bod, afgerond=afgerond, wie=wie)
    if not plannen:
        return plannen
    if gesprek.geannuleerd_op is not None:
        return geweigerd(
            _("This conversation has been cancelled: there is nothing to record."),
            fout=DomainError,
        )
    if gesprek.gepland_op > nu:
        return geweigerd(
            _("Write the record after the conversation, from %(moment)s.")
            % {"moment": weergave.moment(gesprek.gepland_op)},
            fout=DomainError,
        )
    return niet_gevoerd(gesprek)


def mag_gesprek_plannen(
    user: Any, bod: Bod, *, afgerond: bool, wie: Toegang | None = None
) -> Toestemming:
    """An officer plans, moves or cancels the conversation about `bod` (a bid of an opened
    vault): not an officer who declared a conflict for it on the committee, and not once
    the consensus of its stage is closed (`afgerond`, read by the caller). `wie`: the
    user's `toegang` when the page read it already (then no query)."""
    beheren = mag_gesprekken_plannen(user, bod.traject)
    if not beheren:
        return beheren
    if (wie or toegang(user, _traject_van(bod))).is_gewraakt(bod):
        return geweigerd(
            _("You declared a conflict of interest for this bid: a colleague plans this.")
        )
    if afgerond:
        return _afgerond()
    return TOEGESTAAN


def _mag_noteren(user: Any, bod: Bod, wie: Toegang | None = None) -> Toestemming:
    if (
        user is None
        or not user.is_authenticated
        or not (wie or toegang(user, _traject_van(bod))).bod_toegang(bod)
    ):
        return geweigerd(
            _(
                "Only officers and committee members who signed the declaration without a "
                "conflict for this bid can write notes."
            )
        )
    return TOEGESTAAN


def mag_notitie_toevoegen(
    user: Any, gesprek: Bodgesprek, *, afgerond: bool, wie: Toegang | None = None
) -> Toestemming:
    """An officer, or a committee member with a declaration without conflict for the bid,
    adds a note to a planned (not cancelled) conversation until the consensus of its stage
    is closed (`afgerond`, read by the caller)."""
    noteren = _mag_noteren(user, gesprek.bod, wie)
    if not noteren:
        return noteren
    if afgerond:
        return _afgerond()
    if gesprek.geannuleerd_op is not None:
        return geweigerd(
            _("This conversation has been cancelled. Notes cannot be added."), fout=DomainError
        )
    return TOEGESTAAN


def mag_notitie_wijzigen(
    user: Any,
    notitie: Gespreksnotitie,
    bod: Bod,
    *,
    afgerond: bool,
    wie: Toegang | None = None,
) -> Toestemming:
    """The author changes their own note about `bod`, while they may still write notes on
    it and until the consensus of its stage is closed (`afgerond`)."""
    if user is None or notitie.auteur_id != user.pk:
        return geweigerd(_("You can only change your own notes."))
    noteren = _mag_noteren(user, bod, wie)
    if not noteren:
        return noteren
    if afgerond:
        return _afgerond()
    return TOEGESTAAN


# --- gunning --------------------------------------------------------------------------


def mag_gunning_beheren(user: Any, traject: Traject) -> Toestemming:
    """An officer of the gemeente decides on the award: records the decision, sends the
    letters, records and settles objections, and records the signing. Only on a route with
    award letters (issue 14: the subsidy route decides per application instead)."""
    return alle(
        trajecten_permissions.op_route(traject, GUNNINGSBRIEVEN),
        _als_medewerker_van(
            user, traject, _("Only officers of the municipality decide on the award.")
        ),
    )


def bieden_op_route(traject: Traject) -> Toestemming:
    """Bids (and applications) only on a route with competing bids (`trajecten.routes`):
    not on a covenant, a residents' budget or a right to challenge."""
    return trajecten_permissions.op_route(traject, MEDEDINGING)


def _beheren(user: Any, traject: Traject, beheren: Toestemming | None) -> Toestemming:
    return mag_gunning_beheren(user, traject) if beheren is None else beheren


def _verstuurd() -> Toestemming:
    return geweigerd(_("The letters have been sent. The decision cannot change."), fout=DomainError)


def mag_besluiten(
    user: Any, traject: Traject, gunning: Gunning | None, *, beheren: Toestemming | None = None
) -> Toestemming:
    """An officer records or changes the decision of a lot (`gunning`: None before the
    first) until the letters are sent. `beheren`: `mag_gunning_beheren`'s answer when the
    caller has it (a page asks it once for all its lots)."""
    wie = _beheren(user, traject, beheren)
    if not wie:
        return wie
    if gunning is not None and gunning.verstuurd_op is not None:
        return _verstuurd()
    return TOEGESTAAN


def laatste_ronde(traject: Traject) -> Ronde:
    """The final stage of a trajectory: the elaborated plan when it has two stages (a
    deadline for elaborated bids), else the outline."""
    return Ronde.UITWERKING if traject.uitwerking_sluit is not None else Ronde.HOOFDLIJNEN


def bod_vergrendelt_coalitie(bod: Bod) -> bool:
    """Issue 14, point 5 (informatieblad: partners "kunnen nog aanschuiven of afhaken"):
    whether submitting `bod` locks its coalition. Only a bid of the final stage
    (`laatste_ronde`) does: in a one-stage trajectory the bid, in a two-stage trajectory
    the elaborated plan. Between the outline bid and the elaborated plan partners may join
    or leave; each submitted version keeps the composition it was submitted with."""
    return bod.ronde == laatste_ronde(bod.traject).value


def consensus_gesloten_voor_gunning(traject: Traject, gesloten: Iterable[str]) -> Toestemming:
    """No award before the consensus (issue 13, rule 9): a lot's award is recorded only
    once the committee's consensus of the final stage (`laatste_ronde`) is closed.
    `gesloten`: the stages whose consensus is closed
    (`selectors.consensus.vastgestelde_rondes`, read by the caller)."""
    ronde = laatste_ronde(traject)
    if ronde.value in set(gesloten):
        return TOEGESTAAN
    return geweigerd(
        _(
            "The committee has not closed the consensus of the final stage (%(ronde)s) "
            "yet. The award can be recorded once the chair and a majority of the "
            "committee have confirmed it."
        )
        % {"ronde": ronde.label},
        fout=DomainError,
    )


def mag_winnaar_zijn(ongeldig: str) -> Toestemming:
    """An invalid bid (issue 13, rule 8: above its lot's budget cap, or without a price)
    cannot win the award. `ongeldig`: the reason from the ranking (`Rang.ongeldig`), empty
    for a valid bid."""
    if not ongeldig:
        return TOEGESTAAN
    return geweigerd(
        _("This bid cannot win the award: %(reden)s") % {"reden": ongeldig},
        veld="winnend_bod",
        fout=DomainError,
    )


def mag_versturen(
    user: Any, gunning: Gunning, *, beheren: Toestemming | None = None
) -> Toestemming:
    """An officer sends a decided, unsent decision. (Sending a sent one again is a double
    click: the service returns it unchanged.)"""
    wie = _beheren(user, gunning.traject, beheren)
    if not wie:
        return wie
    if gunning.verstuurd_op is not None:
        return _verstuurd()
    gemeente = gunning.traject.gemeente
    if standstill.heeft_standstill(gunning.traject) and not gemeente.heeft_klachtenmeldpunt:
        # Every letter tells how to complain (Aanbestedingswet art. 2.130): to where.
        return geweigerd(
            _(
                "The letters cannot be sent yet: the postal address and e-mail address of "
                "the complaints desk of %(gemeente)s are not filled in. Every letter tells "
                "bidders where to send a complaint. A platform administrator fills them in "
                "with the municipality's settings."
            )
            % {"gemeente": gemeente.naam},
            fout=DomainError,
        )
    return TOEGESTAAN


def mag_bezwaar_vastleggen(
    user: Any,
    gunning: Gunning,
    *,
    soort: str = BezwaarSoort.KLACHT,
    aangekondigd_op: date | None = None,
    beheren: Toestemming | None = None,
) -> Toestemming:
    """An officer records an objection to a sent decision, until the agreement is signed:
    a complaint, or (procurement route only) a summary court case announced within the
    standstill (`aangekondigd_op`: the day it was announced, not after the standstill's
    last day and not before the letters were sent)."""
    wie = _beheren(user, gunning.traject, beheren)
    if not wie:
        return wie
    if gunning.verstuurd_op is None:
        return geweigerd(
            _("An objection can be recorded only after the letters are sent."), fout=DomainError
        )
    if gunning.ondertekend_op is not None:
        return geweigerd(
            _("The agreement has been signed. No objection can be recorded."), fout=DomainError
        )
    if soort != BezwaarSoort.KORT_GEDING:
        return TOEGESTAAN
    if gunning.standstill_tot is None:
        return geweigerd(
            _("A summary court case pauses signing only on the procurement route."),
            fout=DomainError,
        )
    if aangekondigd_op is not None:
        if aangekondigd_op > gunning.standstill_tot:
            return geweigerd(
                _(
                    "The standstill period ended on %(datum)s. A court case announced after "
                    "it does not pause signing. Record it as a complaint."
                )
                % {"datum": formats.date_format(gunning.standstill_tot, "l j F Y")},
                veld="aangekondigd_op",
                fout=DomainError,
            )
        if aangekondigd_op < timezone.localdate(gunning.verstuurd_op):
            return geweigerd(
                _("The court case cannot be announced before the letters were sent."),
                veld="aangekondigd_op",
                fout=DomainError,
            )
    return TOEGESTAAN


def mag_bezwaar_afhandelen(
    user: Any, bezwaar: Bezwaar, *, beheren: Toestemming | None = None
) -> Toestemming:
    """An officer answers a complaint (answering it again is a double click). A court case
    ends with its judgment (`mag_uitspraak_vastleggen`)."""
    wie = _beheren(user, bezwaar.gunning.traject, beheren)
    if not wie:
        return wie
    if bezwaar.is_kort_geding:
        return geweigerd(
            _("A summary court case ends with the court's judgment. Record the judgment."),
            fout=DomainError,
        )
    return TOEGESTAAN


def mag_uitspraak_vastleggen(
    user: Any, bezwaar: Bezwaar, *, beheren: Toestemming | None = None
) -> Toestemming:
    """An officer records the judgment (its date and outcome) of a summary court case
    (recording it again is a double click)."""
    wie = _beheren(user, bezwaar.gunning.traject, beheren)
    if not wie:
        return wie
    if not bezwaar.is_kort_geding:
        return geweigerd(
            _("Only a summary court case has a judgment. Answer the complaint."),
            fout=DomainError,
        )
    return TOEGESTAAN


def mag_ondertekenen(
    user: Any, gunning: Gunning, moment: datetime, *, beheren: Toestemming | None = None
) -> Toestemming:
    """An officer records at `moment` (when the request arrived) that the agreement was
    signed: the gate to phase D. Refused once it is recorded, before the letters are sent,
    on the procurement route before the standstill has ended (from 00:00 Dutch time on the
    day after its last day), and while a summary court case announced within the
    standstill awaits its judgment; a complaint alone does not pause it. The objections are read
    through `gunning.bezwaren.all()`: one query, none when a page prefetched them."""
    wie = _beheren(user, gunning.traject, beheren)
    if not wie:
        return wie
    if gunning.ondertekend_op is not None:
        return geweigerd(
            _("The agreement was signed on %(moment)s.")
            % {"moment": weergave.moment(gunning.ondertekend_op)},
            fout=DomainError,
        )
    if gunning.verstuurd_op is None:
        return geweigerd(_("First send the award letters to every bidder."), fout=DomainError)
    vanaf = standstill.ondertekenen_vanaf(gunning)
    if vanaf is not None and gunning.standstill_tot is not None and moment < vanaf:
        return geweigerd(
            _(
                "The standstill period runs until the end of %(datum)s. The agreement "
                "can be signed from %(vanaf)s (Dutch time)."
            )
            % {
                "datum": formats.date_format(gunning.standstill_tot, "l j F Y"),
                "vanaf": weergave.moment(vanaf),
            },
            fout=DomainError,
        )
    if any(b.schort_op for b in gunning.bezwaren.all()):
        return geweigerd(
            _(
                "A summary court case was announced within the standstill period. Nothing "
                "can be signed until the court's judgment is recorded."
            ),
            fout=DomainError,
        )
    return TOEGESTAAN


def mag_toelichting_schrijven(
    user: Any, traject: Traject, *, lid: Commissielid | None | object = _ONBEKEND
) -> Toestemming:
    """An officer of the gemeente or the chair of the trajectory's committee writes the
    committee's explanation to the neighbourhood (`lid`: the user's membership when the page
    has it, None for none; then no query)."""
    if _als_medewerker_van(user, traject, "") or _is_voorzitter(user, traject, lid):
        return TOEGESTAAN
    return geweigerd(_("Only officers of the municipality and the committee's chair can do this."))


# --- subsidie (issue 14) --------------------------------------------------------------


def mag_subsidie_beheren(user: Any, traject: Traject) -> Toestemming:
    """An officer of the gemeente decides on the applications of a subsidy tender, and only
    on the subsidy route (the route registry: `trajecten.routes`)."""
    return alle(
        trajecten_permissions.op_route(traject, SUBSIDIEPLAFOND),
        _als_medewerker_van(
            user, traject, _("Only officers of the municipality decide on subsidy applications.")
        ),
    )


def rangorde_klaar_voor_subsidie(traject: Traject, gesloten: Iterable[str]) -> Toestemming:
    """With the distribution rule "ranking on the criteria" the decisions follow the
    committee's ranking, so they wait for its consensus of the final stage (as the award
    does). In order of receipt no committee ranking is needed: the criteria are conditions
    the officer checks per application. `gesloten`: the stages whose consensus is closed."""
    if traject.verdeelregel == Verdeelregel.BINNENKOMST:
        return TOEGESTAAN
    ronde = laatste_ronde(traject)
    if ronde.value in set(gesloten):
        return TOEGESTAAN
    return geweigerd(
        _(
            "The committee has not closed the consensus of the final stage (%(ronde)s) yet. "
            "With a ranking on the criteria, the decisions follow that ranking: record them "
            "once the chair and a majority of the committee have confirmed it."
        )
        % {"ronde": ronde.label},
        fout=DomainError,
    )


def subsidiebesluit_open(besluit: Subsidiebesluit | None) -> Toestemming:
    """A decision changes until it is sent to the applicant."""
    if besluit is None or besluit.verstuurd_op is None:
        return TOEGESTAAN
    return geweigerd(
        _("This decision has been sent to the applicant. It cannot change any more."),
        fout=DomainError,
    )


def subsidiebesluiten_compleet(open_aanvragen: int, verstuurd: bool) -> Toestemming:
    """The decisions are sent together, once every application has one (`open_aanvragen`:
    the number without a decision), and once (`verstuurd`: sent already)."""
    if verstuurd:
        return geweigerd(_("The decisions have been sent already."), fout=DomainError)
    if open_aanvragen:
        return geweigerd(
            ngettext(
                "%(aantal)s application has no decision yet. Decide on every application "
                "first: every applicant hears at the same moment.",
                "%(aantal)s applications have no decision yet. Decide on every application "
                "first: every applicant hears at the same moment.",
                open_aanvragen,
            )
            % {"aantal": open_aanvragen},
            fout=DomainError,
        )
    return TOEGESTAAN


# --- convenant (issue 14, point 3) --------------------------------------------------------
# The plan of a covenant is written by the members of the initiative and the officers in the
# trajectory's team; the initiative agrees through an administrator of the organisation (who
# signs for it), the gemeente through an officer in the team. Only on the covenant route.


@dataclass(frozen=True)
class ConvenantRollen:
    """What `user` is around one covenant, asked once per request (`convenant_rollen`)."""

    lid: bool = False  # a member (any role) of the initiative
    beheerder: bool = False  # an administrator of the initiative: signs for it
    teamlid: bool = False  # an officer in the trajectory's team
    medewerker: bool = False  # an officer of the trajectory's gemeente

    @property
    def partij(self) -> str:
        """The side `user` writes and agrees for ("" when neither)."""
        if self.teamlid:
            return ConvenantPartij.GEMEENTE
        if self.lid:
            return ConvenantPartij.INITIATIEF
        return ""


def convenant_rollen(user: Any, traject: Traject, initiatief_id: int | None) -> ConvenantRollen:
    """At most two queries: the user's membership of the initiative, and the team."""
    if user is None or not user.is_authenticated:
        return ConvenantRollen()
    rol = None
    if initiatief_id is not None:
        rol = (
            Lidmaatschap.objects.filter(user=user, organisatie_id=initiatief_id)
            .values_list("rol", flat=True)
            .first()
        )
    medewerker = traject.gemeente_id in gemeente_ids_van(user)
    return ConvenantRollen(
        lid=rol is not None,
        beheerder=rol == LidRol.BEHEERDER,
        teamlid=medewerker and is_teamlid(user, traject),
        medewerker=medewerker,
    )


def convenant_route(traject: Traject) -> Toestemming:
    """Whether the trajectory's route has a covenant plan (refused on every other route)."""
    return op_route(traject, CONVENANTPLAN)


def mag_initiatief_benoemen(
    user: Any, traject: Traject, *, convenant: Convenant | None = None, heeft_versies: bool = False
) -> Toestemming:
    """An officer of the gemeente names the initiative, until the plan has a version."""
    return alle(
        convenant_route(traject),
        als_medewerker(
            user, traject.gemeente, _("Only officers of this municipality name the initiative.")
        ),
        geweigerd(
            _(
                "The plan already has versions written with this initiative. The initiative "
                "can no longer be changed."
            ),
            fout=DomainError,
        )
        if convenant is not None and heeft_versies
        else TOEGESTAAN,
    )


def mag_convenant_zien(rollen: ConvenantRollen) -> Toestemming:
    """The plan while it is written: the initiative's members and the gemeente's officers."""
    if rollen.lid or rollen.medewerker:
        return TOEGESTAAN
    return geweigerd(
        _("Only the initiative and the municipality read the plan while it is written.")
    )


def _niet_vastgesteld(convenant: Convenant) -> Toestemming:
    if convenant.is_vastgesteld:
        return geweigerd(
            _("Both sides have agreed to this plan. It no longer changes."), fout=DomainError
        )
    return TOEGESTAAN


def mag_plan_schrijven(convenant: Convenant, rollen: ConvenantRollen) -> Toestemming:
    """Members of the initiative and officers in the team write the plan until it is agreed."""
    return alle(
        convenant_route(convenant.traject),
        TOEGESTAAN
        if rollen.partij
        else geweigerd(
            _(
                "Only members of the initiative and officers in the trajectory's team write "
                "this plan."
            )
        ),
        _niet_vastgesteld(convenant),
    )


def mag_akkoord_geven(convenant: Convenant, rollen: ConvenantRollen) -> Toestemming:
    """An administrator of the initiative (who signs for it) or an officer in the team."""
    return alle(
        convenant_route(convenant.traject),
        TOEGESTAAN
        if (rollen.teamlid or rollen.beheerder)
        else geweigerd(
            _(
                "Only an administrator of the initiative or an officer in the trajectory's "
                "team agrees to the plan."
            )
        ),
        _niet_vastgesteld(convenant),
    )


# --- buurtbudget (issue 14, burgeraanbesteding) ------------------------------------------
# The representatives of a lot spend its budget within the rules of the call; an officer
# approves a choice above the maximum. Only on the route with a residents' budget
# (`trajecten.routes.BUURTBUDGET`), and only once the call is published.


def buurtbudget_open(traject: Traject) -> Toestemming:
    """The residents' budget of `traject` is in use: its route has one, and it is published."""
    route = op_route(traject, BUURTBUDGET)
    if not route:
        return route
    if not traject.is_gepubliceerd:
        return geweigerd(
            _("The residents' budget can be spent once the call is published."), fout=DomainError
        )
    return TOEGESTAAN


def is_vertegenwoordiger(user: Any, perceel: Perceel) -> bool:
    """Whether `user` represents the residents of `perceel` (one query)."""
    if user is None or not user.is_authenticated:
        return False
    return Vertegenwoordiger.objects.filter(perceel=perceel, user=user).exists()


def mag_besteden(
    user: Any, perceel: Perceel, *, vertegenwoordiger: bool | None = None
) -> Toestemming:
    """Add an assignment, ask and record quotes, choose one, declare an involvement: the
    representatives of the lot. `vertegenwoordiger`: the answer of `is_vertegenwoordiger`
    when the page already knows it."""
    open_ = buurtbudget_open(perceel.traject)
    if not open_:
        return open_
    if vertegenwoordiger is None:
        vertegenwoordiger = is_vertegenwoordiger(user, perceel)
    if not vertegenwoordiger:
        return geweigerd(
            _("Only the representatives of this district or village spend its budget.")
        )
    return TOEGESTAAN


def opdracht_open(opdracht: Opdracht) -> Toestemming:
    """Quotes are asked and chosen while the assignment is open."""
    if opdracht.status != OpdrachtStatus.OPEN:
        return geweigerd(
            _("A quote has already been chosen for this assignment."), fout=DomainError
        )
    return TOEGESTAAN


def mag_keuze_beoordelen(user: Any, opdracht: Opdracht) -> Toestemming:
    """Approve (or not) a choice above the maximum: an officer of the gemeente, while the
    choice waits for approval."""
    traject = opdracht.perceel.traject
    wie = als_medewerker(
        user, traject.gemeente, _("Only officers of this municipality approve a choice.")
    )
    if not wie:
        return wie
    open_ = buurtbudget_open(traject)
    if not open_:
        return open_
    if opdracht.status != OpdrachtStatus.WACHT_OP_GOEDKEURING:
        return geweigerd(_("This choice does not wait for approval."), fout=DomainError)
    return TOEGESTAAN


def _zelfde_leverancier(betrokkenheid: Any, offerte: Offerte) -> bool:
    if betrokkenheid.organisatie_id and betrokkenheid.organisatie_id == offerte.organisatie_id:
        return True
    return " ".join(betrokkenheid.leverancier.lower().split()) == " ".join(
        offerte.leverancier.lower().split()
    )


def keuze_past(
    regels: Bestedingsregels,
    opdracht: Opdracht,
    offerte: Offerte,
    *,
    aantal_gevraagd: int,
    reden_minder: str,
    betrokkenheden: Iterable[Any],
    over: Any,
) -> Toestemming:
    """Whether choosing `offerte` keeps to the rules of the call: a received amount, enough
    quotes asked for the amount (or, where the call allows it, a stated reason), no declared
    involvement of the chooser in the supplier, and not more than is left of the budget.
    The number of quotes follows the higher of the estimate and the chosen amount."""
    if offerte.opdracht_id != opdracht.pk:
        return geweigerd(_("Choose a quote of this assignment."), fout=DomainError)
    if offerte.bedrag is None:
        return geweigerd(
            _("This quote has no amount yet. Write down the amount when you receive it."),
            veld="offerte",
            fout=DomainError,
        )
    bedrag = max(opdracht.geraamd_bedrag, offerte.bedrag)
    nodig = regels.offertes_nodig(bedrag)
    if aantal_gevraagd < nodig:
        if not regels.minder_offertes_met_reden:
            return geweigerd(
                _(
                    "For %(bedrag)s the call asks for at least %(nodig)s quotes. You asked "
                    "for %(aantal)s. Ask for more quotes first."
                )
                % {"bedrag": weergave.geld(bedrag), "nodig": nodig, "aantal": aantal_gevraagd},
                veld="offerte",
                fout=DomainError,
            )
        if not reden_minder.strip():
            return geweigerd(
                _(
                    "For %(bedrag)s the call asks for at least %(nodig)s quotes. You asked "
                    "for %(aantal)s. Write down why you asked for fewer."
                )
                % {"bedrag": weergave.geld(bedrag), "nodig": nodig, "aantal": aantal_gevraagd},
                veld="reden_minder_offertes",
                fout=DomainError,
            )
    if any(_zelfde_leverancier(b, offerte) for b in betrokkenheden):
        return geweigerd(
            _(
                "You declared that you are involved with %(leverancier)s. You cannot choose "
                "this quote: another representative can."
            )
            % {"leverancier": offerte.leverancier},
            veld="offerte",
            fout=DomainError,
        )
    if offerte.bedrag > over:
        return geweigerd(
            _("This quote (%(bedrag)s) is more than what is left of the budget (%(over)s).")
            % {"bedrag": weergave.geld(offerte.bedrag), "over": weergave.geld(over)},
            veld="offerte",
            fout=DomainError,
        )
    return TOEGESTAAN


def goedkeuring_nodig(regels: Bestedingsregels, offerte: Offerte) -> bool:
    """Whether a choice of `offerte` waits for an officer's approval (above the maximum)."""
    return (
        regels.max_zonder_goedkeuring is not None
        and offerte.bedrag is not None
        and offerte.bedrag > regels.max_zonder_goedkeuring
    )
