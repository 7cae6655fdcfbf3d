"""Who may reach what of an opened bid: the ONE place for the committee's rules
(issue 11, point 7).

For one trajectory a user is one of three:

- a member of its selection committee (a resident or an officer, the chair or not): they
  follow the committee's rules, whatever else they are. Per bid:
  - no declaration signed yet (`VERKLAREN`): the bid's name only, to sign the declaration;
  - a conflict of interest declared or recorded (`CONFLICT`): nothing of that bid at all:
    not its content, attachments, scores, consensus, conversation or notes, on any page
    or download. Only that they are recused;
  - a declaration without conflict (`SCOREN`): its content, attachments, conversation
    and notes, and their own scores; not the others' scores;
  - their own assessment submitted (`INGEDIEND`): also the others' scores and the
    consensus.
- an officer of the trajectory's gemeente who is not on its committee (`INZIEN`):
  everything of the opened bids, to run the process;
- anyone else (`GEEN`): nothing.

A declaration is per bid (`Belangenverklaring.bod`): a conflict blocks that bid. Blocking
the other bids of its lot as well is for issue 13 (fairness).

Whether the bid is submitted and its vault opened is the vault's business
(`beoordeling.selectors.kluis`); the bidder's own access too. This module answers only
for the committee and the officers; the selectors and the views ask it, none restates it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.expressions import Combinable
from django.utils import formats
from django.utils.translation import gettext as _

from aanbesteden import weergave
from aanbesteden.exceptions import DomainError
from aanbesteden.permissions import TOEGESTAAN, Toestemming, alle, als_medewerker, geweigerd
from aanbesteden.selectors import gemeente_ids_van
from beoordeling import standstill
from beoordeling.constants import BodStatus
from beoordeling.models import Belangenverklaring, Beoordeling, Commissielid, Score
from beoordeling.selectors import bieden as bieden_selectors
from beoordeling.selectors import kluis
from coalities.selectors import is_beheerder, is_lid
from trajecten.models import TeamLid, Traject

if TYPE_CHECKING:
    from beoordeling.models import Bod, KluisOpening
    from beoordeling.selectors.kluis import Inzage
    from coalities.models import Coalitie, Organisatie

if TYPE_CHECKING:
    from beoordeling.models import (
        Bezwaar,
        Bod,
        Bodgesprek,
        ConsensusOverleg,
        Gespreksnotitie,
        Gunning,
    )
    from trajecten.models import Traject

# The state of a bid for one user, in the order a member goes through them.
VERKLAREN = "verklaren"
CONFLICT = "conflict"
SCOREN = "scoren"
INGEDIEND = "ingediend"
# An officer of the gemeente who is not on the committee.
INZIEN = "inzien"
# Neither an officer of the gemeente nor a member of the committee.
GEEN = "geen"

_INHOUD = frozenset({INZIEN, SCOREN, INGEDIEND})
_SCORES = frozenset({INZIEN, INGEDIEND})
# The states in which a user sees a bid's content (the vault's `Inzage` asks).
INHOUD_STATEN = _INHOUD


@dataclass(frozen=True)
class Toegang:
    """What one user is for one trajectory, read once: then every question about its bids
    is answered without a query."""

    traject_id: int
    is_medewerker: bool
    lid: Commissielid | None = None  # the user's Commissielid, or None
    conflicten: frozenset[int] = field(default_factory=frozenset)  # bod ids
    verklaard: frozenset[int] = field(default_factory=frozenset)  # without conflict
    ingediend: frozenset[int] = field(default_factory=frozenset)  # own assessment submitted

    @property
    def is_lid(self) -> bool:
        return self.lid is not None

    def staat(self, bod: Bod | int) -> str:
        """The bid's state for this user: one of the constants above. `bod` or its id."""
        bod_id = getattr(bod, "pk", bod)
        if self.lid is not None:
            if bod_id in self.conflicten:
                return CONFLICT
            if bod_id in self.ingediend:
                return INGEDIEND
            if bod_id in self.verklaard:
                return SCOREN
            return VERKLAREN
        return INZIEN if self.is_medewerker else GEEN

    def is_gewraakt(self, bod: Bod | int) -> bool:
        return self.staat(bod) == CONFLICT

    def bod_toegang(self, bod: Bod | int) -> bool:
        """Whether the user may see the bid's content, attachments, conversation and notes
        (the vault still decides whether it is opened)."""
        return self.staat(bod) in _INHOUD

    def mag_scores_van_anderen_zien(self, bod: Bod | int) -> bool:
        """Whether the user may see the other members' scores of the bid and its
        consensus: an officer not on the committee, or a member after submitting their
        own assessment (never with a conflict)."""
        return self.staat(bod) in _SCORES

    def inzichtelijk(self, qs: QuerySet[Bod]) -> QuerySet[Bod]:
        """`qs` (bids of this trajectory) narrowed to those whose content the user may see."""
        if self.lid is not None:
            return qs.filter(pk__in=self.verklaard)
        return qs if self.is_medewerker else qs.none()


_ONBEKEND = object()


def toegang(user: Any, traject: Traject | int, *, lid: Any = _ONBEKEND) -> Toegang:
    """The user's `Toegang` for `traject` (or its id): one query (none for an anonymous
    user; the officer's gemeenten are cached on the user). A caller that has read the
    user's membership already passes it as `lid`: then no query for None, one for a
    member (its declarations)."""
    traject_id = traject.pk if isinstance(traject, Traject) else traject
    if user is None or not user.is_authenticated:
        return Toegang(traject_id=traject_id, is_medewerker=False)
    gemeente_id = getattr(traject, "gemeente_id", None)
    if gemeente_id is None:
        gemeente_id = Traject.objects.values_list("gemeente_id", flat=True).get(pk=traject_id)
    is_medewerker = gemeente_id in gemeente_ids_van(user)
    if lid is _ONBEKEND:
        # The membership with its declarations and submitted assessments: one query, a row
        # per declaration (one row without a declaration). Portable: `make run` is SQLite.
        rijen = list(
            Commissielid.objects.filter(traject_id=traject_id, user=user)
            .select_related("traject__gemeente")
            .annotate(
                v_bod_id=F("verklaringen__bod_id"),
                v_conflict=F("verklaringen__conflict"),
                v_ingediend=Exists(
                    Beoordeling.objects.filter(
                        commissielid=OuterRef("pk"),
                        bod_id=OuterRef("verklaringen__bod_id"),
                        ingediend_op__isnull=False,
                    )
                ),
            )
        )
        if not rijen:
            return Toegang(traject_id=traject_id, is_medewerker=is_medewerker)
        lid = rijen[0]
        verklaringen = {r.v_bod_id: r.v_conflict for r in rijen if r.v_bod_id is not None}
        ingediend = {r.v_bod_id for r in rijen if r.v_bod_id is not None and r.v_ingediend}
    elif lid is None:
        return Toegang(traject_id=traject_id, is_medewerker=is_medewerker)
    else:
        ingediend_q = Beoordeling.objects.filter(
            commissielid=lid, bod=OuterRef("bod_id"), ingediend_op__isnull=False
        )
        waarden: list[tuple[int, bool, bool]] = list(
            Belangenverklaring.objects.filter(commissielid=lid)
            .annotate(is_ingediend=Exists(ingediend_q))
            .values_list("bod_id", "conflict", "is_ingediend")
        )
        verklaringen = {bod_id: conflict for bod_id, conflict, _i in waarden}
        ingediend = {bod_id for bod_id, _c, is_ingediend in waarden if is_ingediend}
    return toegang_uit(
        traject_id,
        is_medewerker=is_medewerker,
        lid=lid,
        verklaringen=verklaringen,
        ingediend=ingediend,
    )


def toegang_uit(
    traject_id: Traject | int,
    *,
    is_medewerker: bool,
    lid: Commissielid | None,
    verklaringen: dict[int, bool],
    ingediend: Iterable[int],
) -> Toegang:
    """A `Toegang` from data a selector has read already (no query): `verklaringen` is
    {bod_id: conflict} of the member's declarations, `ingediend` the bod ids of their
    submitted assessments. A submitted assessment without a declaration without conflict
    gives no access (it cannot exist; should it, the conflict wins)."""
    traject_id = traject_id.pk if isinstance(traject_id, Traject) else traject_id
    if lid is None:
        return Toegang(traject_id=traject_id, is_medewerker=is_medewerker)
    conflicten = frozenset(b for b, conflict in verklaringen.items() if conflict)
    verklaard = frozenset(b for b, conflict in verklaringen.items() if not conflict)
    return Toegang(
        traject_id=traject_id,
        is_medewerker=is_medewerker,
        lid=lid,
        conflicten=conflicten,
        verklaard=verklaard,
        ingediend=frozenset(ingediend) & verklaard,
    )


def _traject_van(bod: Bod) -> Traject | int:
    """The bid's trajectory when it is loaded already (no query), else its id."""
    if type(bod)._meta.get_field("traject").is_cached(bod):
        return bod.traject
    return bod.traject_id


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
    chair."""
    return als_medewerker(
        user, traject.gemeente_id, _("Only officers of the municipality compose the committee.")
    )


def beoordeling_gestart(lid_ref: str = "pk") -> Combinable:
    """An expression on Commissielid (the member's id at `lid_ref`): whether the member
    signed a declaration, saved a score or an assessment. Then they stay on record."""
    return (
        Exists(Belangenverklaring.objects.filter(commissielid=OuterRef(lid_ref)))
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


def zonder_conflict(verklaring: Belangenverklaring | None) -> Toestemming:
    """A member scores a bid only after signing its declaration without a conflict of
    interest: `verklaring` is the member's declaration for the bid, or None."""
    if verklaring is None:
        return geweigerd(_("First sign the declaration for this bid."))
    if verklaring.conflict:
        return geweigerd(_("You declared a conflict of interest: you do not assess this bid."))
    return TOEGESTAAN


def mag_scoren(lid: Commissielid, bod: Bod | int) -> Toestemming:
    """Whether the member may read and score the bid: a declaration without conflict (one
    query). The vault's opening is the selectors' and the service's business."""
    return zonder_conflict(
        Belangenverklaring.objects.filter(commissielid=lid, bod=bod).only("conflict").first()
    )


# --- selectie -------------------------------------------------------------------------


def mag_selecteren(user: Any, traject: Traject) -> Toestemming:
    """Only officers of the trajectory's gemeente make and send the selection for the
    elaborated plan."""
    return als_medewerker(
        user, traject.gemeente_id, _("Only officers of the municipality make the selection.")
    )


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


def mag_consensus_vaststellen(
    user: Any, traject: Traject, *, lid: Commissielid | None | object = _ONBEKEND
) -> Toestemming:
    """The chair or an officer of the gemeente closes a stage's consensus. `lid`: the
    user's membership when the caller has read it (no query then)."""
    if _als_medewerker_van(user, traject, "") or _is_voorzitter(user, traject, lid):
        return TOEGESTAAN
    return geweigerd(_("Only the chair or an officer closes the consensus."))


# --- gesprekken -----------------------------------------------------------------------


def _afgerond() -> Toestemming:
    return geweigerd(
        _(
            "The final judgement has been made: the consensus of this stage is closed. "
            "Conversations and notes cannot be changed any more."
        ),
        fout=DomainError,
    )


def mag_gesprekken_plannen(user: Any, traject: Traject) -> Toestemming:
    """An officer of the gemeente plans conversations with the trajectory's bidders."""
    return _als_medewerker_van(
        user, traject, _("Only officers of the municipality plan conversations with bidders.")
    )


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
    letters, records and settles objections, and records the signing."""
    return _als_medewerker_van(
        user, traject, _("Only officers of the municipality decide on the award.")
    )


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
    return TOEGESTAAN


def mag_bezwaar_vastleggen(
    user: Any, gunning: Gunning, *, beheren: Toestemming | None = None
) -> Toestemming:
    """An officer records an objection to a sent decision, until the agreement is signed."""
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
    return TOEGESTAAN


def mag_bezwaar_afhandelen(
    user: Any, bezwaar: Bezwaar, *, beheren: Toestemming | None = None
) -> Toestemming:
    """An officer settles an open objection (settling it again is a double click)."""
    return _beheren(user, bezwaar.gunning.traject, beheren)


def mag_ondertekenen(
    user: Any, gunning: Gunning, moment: datetime, *, beheren: Toestemming | None = None
) -> Toestemming:
    """An officer records at `moment` (when the request arrived) that the agreement was
    signed: the gate to phase D. Refused once it is recorded, before the letters are sent,
    on the procurement route before the standstill has ended (from 00:00 Dutch time on the
    day after its last day), and while an objection is open. The objections are read
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
    if any(b.afgehandeld_op is None for b in gunning.bezwaren.all()):
        return geweigerd(
            _(
                "An objection is open. The standstill is paused: nothing can be signed "
                "until every objection is settled."
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
