"""Reads for the conversations with bidders and the committee's notes, scoped to the user.

Bids come only from `beoordeling.selectors.kluis` (opened vaults); this module reads who
the bidder is, the declarations, the conversations and their notes. Who sees what:

- officers of the trajectory's gemeente and committee members of the trajectory see the
  list of opened bids with the state of each conversation;
- a conversation's subject and notes only as `beoordeling.permissions.bod_toegang` says:
  an officer who is not on the committee, or a member (officer or not) who signed a
  declaration without conflict for that bid; anyone with a conflict for that bid (also an
  officer who sits on the committee) sees neither;
- the bidder sees the planned conversation (moment, place, what about), never the notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from aanbesteden.models import User
from aanbesteden.selectors import gemeente_ids_van
from beoordeling import permissions
from beoordeling.constants import BodStatus, GesprekStatus, Ronde
from beoordeling.models import (
    Belangenverklaring,
    Bod,
    Bodgesprek,
    Commissielid,
    Gespreksnotitie,
)
from beoordeling.selectors import kluis
from beoordeling.selectors.bieden import mensen_van_biedingen
from beoordeling.selectors.consensus import is_vastgesteld, vastgestelde_rondes
from trajecten.models import Traject

# The state of a conversation in the list.
GEEN = GesprekStatus.GEEN
GEPLAND = GesprekStatus.GEPLAND
GEANNULEERD = GesprekStatus.GEANNULEERD
GEVOERD = GesprekStatus.GEVOERD

# What a member may see of a bid.
VERKLAREN = "verklaren"  # no declaration signed yet
GEWRAAKT = "gewraakt"  # a conflict of interest: nothing about the conversation's content
ZICHTBAAR = "zichtbaar"


def staat_van(gesprek: Bodgesprek | None) -> str:
    if gesprek is None:
        return GEEN
    if gesprek.verslag_op is not None:
        return GEVOERD
    return GEANNULEERD if gesprek.geannuleerd_op is not None else GEPLAND


# --- for the bidder -----------------------------------------------------------------------


def gesprek_voor_bieder(bod: Bod) -> Bodgesprek | None:
    """The planned (not cancelled) conversation about `bod` for its bidder's page, or None.
    Never the committee's notes. One query for a submitted bid, none for a draft (only a
    submitted bid of an opened vault has a conversation); the template needs no more."""
    if bod.status != BodStatus.INGEDIEND:
        return None
    return (
        Bodgesprek.objects.filter(bod_id=bod.pk, geannuleerd_op__isnull=True)
        .only(
            "pk",
            "bod_id",
            "gepland_op",
            "locatie",
            "toelichting",
            "geannuleerd_op",
            "verslag",
            "verslag_op",
        )
        .first()
    )


# --- who is who ---------------------------------------------------------------------------


def mag_gesprek_zien(user: Any, bod: Bod) -> bool:
    """Whether `user` may see the subject and the notes of the conversation about `bod`
    (a bid of an opened vault): `permissions.bod_toegang`."""
    return permissions.bod_toegang(user, bod)


# --- the list per trajectory --------------------------------------------------------------


@dataclass
class Toegang:
    """Who asks about a trajectory's conversations: an officer, a member, or both."""

    traject: Traject
    is_medewerker: bool
    lid: Commissielid | None = None


def toegang(user: Any, traject_pk: int) -> Toegang:
    """The trajectory's conversations as `user` may reach them: officers of its gemeente and
    members of its committee. Raises Traject.DoesNotExist for anyone else."""
    if user is None or not user.is_authenticated:
        raise Traject.DoesNotExist
    traject = Traject.objects.select_related("gemeente").get(pk=traject_pk)
    is_medewerker = traject.gemeente_id in gemeente_ids_van(user)
    lid = Commissielid.objects.filter(traject=traject, user=user).first()
    if not is_medewerker and lid is None:
        raise Traject.DoesNotExist
    return Toegang(traject=traject, is_medewerker=is_medewerker, lid=lid)


@dataclass
class GesprekRegel:
    bod: Bod
    gesprek: Bodgesprek | None  # with `aantal_notities`
    toegang: str  # ZICHTBAAR, VERKLAREN or GEWRAAKT
    afgerond: bool  # the consensus of the bid's stage is closed

    @property
    def staat(self) -> str:
        return staat_van(self.gesprek)

    @property
    def zichtbaar(self) -> bool:
        return self.toegang == ZICHTBAAR

    @property
    def aantal_notities(self) -> int:
        return getattr(self.gesprek, "aantal_notities", 0) if self.gesprek else 0

    @property
    def gevoerd(self) -> bool:
        """The conversation took place and the bidder received its record."""
        return self.staat == GEVOERD


@dataclass
class PerceelGesprekken:
    """Issue 13, rule 11: per lot and stage, which bidders had their conversation and
    which not yet, so that every bidder is offered one alike."""

    perceel: Any
    ronde: str
    regels: list[GesprekRegel]

    @property
    def gehad(self) -> list[GesprekRegel]:
        return [r for r in self.regels if r.gevoerd]

    @property
    def nog_niet(self) -> list[GesprekRegel]:
        return [r for r in self.regels if not r.gevoerd]


def per_perceel(regels: Iterable[GesprekRegel]) -> list[PerceelGesprekken]:
    """The list grouped per lot and stage, in the order of the list (no queries)."""
    groepen: dict[tuple[int, str], PerceelGesprekken] = {}
    for regel in regels:
        sleutel = (regel.bod.perceel_id, regel.bod.ronde)
        if sleutel not in groepen:
            groepen[sleutel] = PerceelGesprekken(regel.bod.perceel, regel.bod.ronde, [])
        groepen[sleutel].regels.append(regel)
    return list(groepen.values())


def gesprekken_van(user: Any, toegang: Toegang) -> list[GesprekRegel]:
    """Per bid of an opened vault (both stages): the bid, its conversation (or None) with
    the number of notes, and what this user may see of it. A fixed number of queries,
    however many bids."""
    traject = toegang.traject
    biedingen: list[Bod] = []
    for ronde in Ronde.values:
        biedingen.extend(kluis.geopende_biedingen(traject, ronde))
    if not biedingen:
        return []
    recht = permissions.toegang(user, traject, lid=toegang.lid)
    gesprekken = {
        g.bod_id: g
        for g in Bodgesprek.objects.filter(bod__in=[b.pk for b in biedingen])
        .select_related("gepland_door")
        .annotate(aantal_notities=Count("notities"))
    }
    afgerond = vastgestelde_rondes(traject)
    regels = []
    for bod in biedingen:
        if recht.is_gewraakt(bod):
            zicht = GEWRAAKT
        elif recht.bod_toegang(bod):
            zicht = ZICHTBAAR
        else:
            zicht = VERKLAREN
        regels.append(
            GesprekRegel(
                bod=bod,
                gesprek=gesprekken.get(bod.pk),
                toegang=zicht,
                afgerond=bod.ronde in afgerond,
            )
        )
    return regels


# --- one conversation ---------------------------------------------------------------------


def gesprek_voor(user: Any, gesprek_pk: int) -> Bodgesprek:
    """One conversation whose subject and notes `user` may see (see `mag_gesprek_zien`),
    about a bid of an opened vault. Raises Bodgesprek.DoesNotExist otherwise."""
    if user is None or not user.is_authenticated:
        raise Bodgesprek.DoesNotExist
    rij = (
        Bodgesprek.objects.filter(pk=gesprek_pk)
        .filter(
            Q(bod__traject__gemeente_id__in=gemeente_ids_van(user))
            | Q(bod__traject__commissieleden__user=user)
        )
        .values("bod_id", "bod__traject_id", "bod__ronde")
        .first()
    )
    if rij is None:
        raise Bodgesprek.DoesNotExist
    try:
        bod = kluis.geopende_biedingen(rij["bod__traject_id"], rij["bod__ronde"]).get(
            pk=rij["bod_id"]
        )
    except Bod.DoesNotExist as exc:
        raise Bodgesprek.DoesNotExist from exc
    wie = permissions.toegang_bij_bod(user, bod)
    if not wie.bod_toegang(bod):  # mag_gesprek_zien, with the access kept for the page
        raise Bodgesprek.DoesNotExist
    gesprek = Bodgesprek.objects.select_related("gepland_door").get(pk=gesprek_pk)
    gesprek.bod = bod
    # The user's access, read once: the page's predicates answer from it (`gesprekblad`).
    gesprek.toegang = wie  # type: ignore[attr-defined]
    return gesprek


def notities_van(gesprek: Bodgesprek) -> list[Gespreksnotitie]:
    """The notes of a conversation, oldest first, with their authors. One query."""
    return list(
        Gespreksnotitie.objects.filter(gesprek=gesprek)
        .select_related("auteur")
        .order_by("created_at", "id")
    )


def eigen_notitie(user: Any, notitie_pk: int) -> Gespreksnotitie:
    """One of the user's own notes, on a conversation the user may still see. Raises
    Gespreksnotitie.DoesNotExist otherwise."""
    if user is None or not user.is_authenticated:
        raise Gespreksnotitie.DoesNotExist
    notitie = Gespreksnotitie.objects.only("pk", "gesprek_id", "auteur_id").get(
        pk=notitie_pk, auteur=user
    )
    try:
        gesprek = gesprek_voor(user, notitie.gesprek_id)
    except Bodgesprek.DoesNotExist as exc:
        raise Gespreksnotitie.DoesNotExist from exc
    notitie = Gespreksnotitie.objects.get(pk=notitie.pk)
    notitie.gesprek = gesprek
    return notitie


# --- reminders ----------------------------------------------------------------------------


def herinnering_ontvangers(
    gesprekken: Iterable[Bodgesprek],
) -> dict[int, tuple[tuple[User, ...], tuple[User, ...]]]:
    """For the reminders: {gesprek_id: (bidder's people, committee and officer)}. The
    committee: members of the bid's trajectory who did not declare a conflict for that
    bid; and the officer who planned it. Four queries for any number of conversations
    (their bids with organisation and traject must be loaded)."""
    gesprekken = list(gesprekken)
    if not gesprekken:
        return {}
    mensen = mensen_van_biedingen(g.bod for g in gesprekken)
    traject_ids = {g.bod.traject_id for g in gesprekken}
    leden: dict[int, list[Commissielid]] = {}
    for lid in (
        Commissielid.objects.filter(traject_id__in=traject_ids, user__is_active=True)
        .select_related("user")
        .prefetch_related("percelen")
        .order_by("user_id")
    ):
        leden.setdefault(lid.traject_id, []).append(lid)
    # Issue 13, rules 4 and 5: a conflict is per lot (user, perceel); a member bound to
    # other lots is not told.
    conflicten = set(
        Belangenverklaring.objects.filter(
            perceel_id__in={g.bod.perceel_id for g in gesprekken}, conflict=True
        ).values_list("user_id", "perceel_id")
    )
    uit: dict[int, tuple[tuple[User, ...], tuple[User, ...]]] = {}
    for gesprek in gesprekken:
        commissie: dict[int, User] = {}
        for lid in leden.get(gesprek.bod.traject_id, ()):
            eigen = {p.pk for p in lid.percelen.all()}
            if eigen and gesprek.bod.perceel_id not in eigen:
                continue
            if (lid.user_id, gesprek.bod.perceel_id) not in conflicten:
                commissie[lid.user_id] = lid.user
        planner = gesprek.gepland_door
        if planner.is_active and not _gewraakt_lid(planner, gesprek, leden, conflicten):
            commissie.setdefault(planner.pk, planner)
        uit[gesprek.pk] = (
            tuple(mensen.get(gesprek.bod_id, ())),
            tuple(commissie[k] for k in sorted(commissie)),
        )
    return uit


def _gewraakt_lid(
    user: User,
    gesprek: Bodgesprek,
    leden: dict[int, list[Commissielid]],
    conflicten: set[tuple[int, int]],
) -> bool:
    return (user.pk, gesprek.bod.perceel_id) in conflicten


# --- the page of one conversation ---------------------------------------------------------


@dataclass(frozen=True)
class Gesprekblad:
    """What the page of one conversation shows and which actions it offers to this user:
    each action is the answer of the predicate its service refuses with."""

    gesprek: Bodgesprek
    notities: list[Gespreksnotitie]  # each with `mag_wijzigen`
    afgerond: bool  # the consensus of the bid's stage is closed
    is_medewerker: bool  # an officer of the gemeente (the link to the bid, the plan form)
    plannen: permissions.Toestemming
    noteren: permissions.Toestemming
    # Issue 13, rule 11: the officer records what was clarified, for the bidder.
    verslag: permissions.Toestemming = permissions.TOEGESTAAN

    @property
    def geannuleerd(self) -> bool:
        return self.gesprek.geannuleerd_op is not None

    @property
    def annuleren(self) -> bool:
        return bool(self.plannen) and not self.geannuleerd


def gesprekblad(user: Any, gesprek: Bodgesprek, *, nu: datetime | None = None) -> Gesprekblad:
    """The page of `gesprek` (from `gesprek_voor`, which read the user's access) for `user`:
    its notes and its actions. Two queries: the closed stages and the notes."""
    bod = gesprek.bod
    traject = bod.traject
    afgerond = is_vastgesteld(traject, bod.ronde)
    wie = getattr(gesprek, "toegang", None) or permissions.toegang(user, traject)
    notities = notities_van(gesprek)
    for notitie in notities:
        notitie.mag_wijzigen = permissions.mag_notitie_wijzigen(  # type: ignore[attr-defined]
            user, notitie, bod, afgerond=afgerond, wie=wie
        )
    return Gesprekblad(
        gesprek=gesprek,
        notities=notities,
        afgerond=afgerond,
        is_medewerker=wie.is_medewerker,
        plannen=permissions.alle(
            permissions.mag_gesprek_plannen(user, bod, afgerond=afgerond, wie=wie),
            permissions.niet_gevoerd(gesprek),
        ),
        noteren=permissions.mag_notitie_toevoegen(user, gesprek, afgerond=afgerond, wie=wie),
        verslag=permissions.mag_verslag_vastleggen(
            user, gesprek, afgerond=afgerond, nu=nu or timezone.now(), wie=wie
        ),
    )
