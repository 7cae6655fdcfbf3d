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

from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef

from aanbesteden.selectors import gemeente_ids_van
from beoordeling.models import Belangenverklaring, Beoordeling, Commissielid

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


@dataclass(frozen=True)
class Toegang:
    """What one user is for one trajectory, read once: then every question about its bids
    is answered without a query."""

    traject_id: int
    is_officier: bool
    lid: object = None  # the user's Commissielid, or None
    conflicten: frozenset = field(default_factory=frozenset)  # bod ids
    verklaard: frozenset = field(default_factory=frozenset)  # without conflict
    ingediend: frozenset = field(default_factory=frozenset)  # own assessment submitted

    @property
    def is_lid(self):
        return self.lid is not None

    def staat(self, bod):
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
        return INZIEN if self.is_officier else GEEN

    def is_gewraakt(self, bod):
        return self.staat(bod) == CONFLICT

    def bod_toegang(self, bod):
        """Whether the user may see the bid's content, attachments, conversation and notes
        (the vault still decides whether it is opened)."""
        return self.staat(bod) in _INHOUD

    def mag_scores_van_anderen_zien(self, bod):
        """Whether the user may see the other members' scores of the bid and its
        consensus: an officer not on the committee, or a member after submitting their
        own assessment (never with a conflict)."""
        return self.staat(bod) in _SCORES

    def inzichtelijk(self, qs):
        """`qs` (bids of this trajectory) narrowed to those whose content the user may see."""
        if self.lid is not None:
            return qs.filter(pk__in=self.verklaard)
        return qs if self.is_officier else qs.none()


_ONBEKEND = object()


def toegang(user, traject, *, lid=_ONBEKEND):
    """The user's `Toegang` for `traject` (or its id): one query (none for an anonymous
    user; the officer's gemeenten are cached on the user). A caller that has read the
    user's membership already passes it as `lid`: then no query for None, one for a
    member (its declarations)."""
    traject_id = getattr(traject, "pk", traject)
    if user is None or not user.is_authenticated:
        return Toegang(traject_id=traject_id, is_officier=False)
    gemeente_id = getattr(traject, "gemeente_id", None)
    if gemeente_id is None:
        from trajecten.models import Traject

        gemeente_id = Traject.objects.values_list("gemeente_id", flat=True).get(pk=traject_id)
    is_officier = gemeente_id in gemeente_ids_van(user)
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
            return Toegang(traject_id=traject_id, is_officier=is_officier)
        lid = rijen[0]
        verklaringen = {r.v_bod_id: r.v_conflict for r in rijen if r.v_bod_id is not None}
        ingediend = {r.v_bod_id for r in rijen if r.v_bod_id is not None and r.v_ingediend}
    elif lid is None:
        return Toegang(traject_id=traject_id, is_officier=is_officier)
    else:
        ingediend_q = Beoordeling.objects.filter(
            commissielid=lid, bod=OuterRef("bod_id"), ingediend_op__isnull=False
        )
        rijen = list(
            Belangenverklaring.objects.filter(commissielid=lid)
            .annotate(is_ingediend=Exists(ingediend_q))
            .values_list("bod_id", "conflict", "is_ingediend")
        )
        verklaringen = {bod_id: conflict for bod_id, conflict, _i in rijen}
        ingediend = {bod_id for bod_id, _c, is_ingediend in rijen if is_ingediend}
    return toegang_uit(
        traject_id,
        is_officier=is_officier,
        lid=lid,
        verklaringen=verklaringen,
        ingediend=ingediend,
    )


def toegang_uit(traject_id, *, is_officier, lid, verklaringen, ingediend):
    """A `Toegang` from data a selector has read already (no query): `verklaringen` is
    {bod_id: conflict} of the member's declarations, `ingediend` the bod ids of their
    submitted assessments. A submitted assessment without a declaration without conflict
    gives no access (it cannot exist; should it, the conflict wins)."""
    traject_id = getattr(traject_id, "pk", traject_id)
    if lid is None:
        return Toegang(traject_id=traject_id, is_officier=is_officier)
    conflicten = frozenset(b for b, conflict in verklaringen.items() if conflict)
    verklaard = frozenset(b for b, conflict in verklaringen.items() if not conflict)
    return Toegang(
        traject_id=traject_id,
        is_officier=is_officier,
        lid=lid,
        conflicten=conflicten,
        verklaard=verklaard,
        ingediend=frozenset(ingediend) & verklaard,
    )


def _traject_van(bod):
    """The bid's trajectory when it is loaded already (no query), else its id."""
    if type(bod)._meta.get_field("traject").is_cached(bod):
        return bod.traject
    return bod.traject_id


def bod_toegang(user, bod):
    """Whether `user` may see the content, attachments, conversation and notes of `bod`
    as an officer or committee member (see the module docstring)."""
    return toegang(user, _traject_van(bod)).bod_toegang(bod)


def mag_scores_van_anderen_zien(user, bod):
    """Whether `user` may see the other members' scores and the consensus of `bod`."""
    return toegang(user, _traject_van(bod)).mag_scores_van_anderen_zien(bod)


def is_gewraakt(user, bod):
    """Whether `user` sits on the committee and declared (or had recorded) a conflict of
    interest for `bod`."""
    return toegang(user, _traject_van(bod)).is_gewraakt(bod)


# Who may do what, one predicate per action (aanbesteden.permissions.Toestemming), one
# section per part of the phase.

# --- bieden ---------------------------------------------------------------------------

# --- kluis ----------------------------------------------------------------------------

# --- commissie ------------------------------------------------------------------------

# --- selectie -------------------------------------------------------------------------

# --- consensus ------------------------------------------------------------------------

# --- gesprekken -----------------------------------------------------------------------

# --- gunning --------------------------------------------------------------------------
