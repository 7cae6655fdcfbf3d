"""The sealed vault: the ONLY place where bid content is read.

Bid content is the draft (`Bod.concept`), the submitted versions (`BodVersie.inhoud`),
the attachments (`Bijlage`) and the receipts. Before the deadline nobody but the bidder
sees it; after the deadline only when two officers have opened the vault of the bid's
stage, and then only as `beoordeling.permissions` allows: committee members (officers
included) who signed a declaration without conflict for that bid, and officers of the
gemeente who are not on the committee. A declared conflict stops all access to the bid.
Platform administrators never see it.

Every other module asks here; none queries those fields itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from aanbesteden.permissions import Toestemming
from beoordeling import permissions
from beoordeling.constants import (
    KLUIS_BEVESTIGEN_BINNEN_MINUTEN,
    RONDE_DEADLINE,
    BodStatus,
    Ronde,
)
from beoordeling.models import (
    Bijlage,
    Bod,
    BodVersie,
    KluisOpening,
)
from coalities.constants import LEIDENDE_ROLLEN, LEZENDE_ROLLEN, PartnerRol, PartnerStatus
from coalities.models import CoalitiePartner, Lidmaatschap, Sleutelpartij
from coalities.selectors.coalitie import leider_aandeel_vlag

if TYPE_CHECKING:
    from trajecten.models import Traject

# How long the second officer has to confirm the opening of the vault.
VENSTER = timedelta(minutes=KLUIS_BEVESTIGEN_BINNEN_MINUTEN)

# --- deadlines and openings ------------------------------------------------------------


def deadline_van(traject: Traject, ronde: Ronde | str) -> datetime | None:
    """The deadline of `ronde` (a Ronde) for `traject`, or None when not set."""
    return getattr(traject, RONDE_DEADLINE[Ronde(ronde)])


def is_verlopen(traject: Traject, ronde: Ronde | str, *, op: datetime | None = None) -> bool:
    """Whether the deadline of `ronde` has passed at `op` (default now): at the deadline
    itself it has. Without a deadline nothing has passed."""
    deadline = deadline_van(traject, ronde)
    if deadline is None:
        return False
    return (op or timezone.now()) >= deadline


def is_geopend(traject: Traject | int, ronde: Ronde | str) -> bool:
    """Whether two officers have opened the vault of `ronde` for `traject`."""
    return KluisOpening.objects.filter(
        traject=traject, ronde=ronde, geopend_op__isnull=False
    ).exists()


def openingen_van(traject: Traject) -> dict[str, KluisOpening]:
    """{ronde: opening} for the vault page in one query: per stage the confirmed opening,
    or else the latest started one. Stages without any start are missing."""
    openingen: dict[str, KluisOpening] = {}
    for opening in (
        KluisOpening.objects.filter(traject=traject)
        .select_related("gestart_door", "bevestigd_door", "proces_verbaal")
        .order_by("ronde", "geopend_op", "-gestart_op")
    ):
        openingen.setdefault(opening.ronde, opening)
    return openingen


def opening_voor(traject: Traject, pk: int) -> KluisOpening:
    """One opening of `traject`; raises KluisOpening.DoesNotExist otherwise."""
    return KluisOpening.objects.select_related("traject__gemeente", "gestart_door").get(
        traject=traject, pk=pk
    )


def aantal_ingediend(traject: Traject, ronde: Ronde | str) -> int:
    """How many bids of `ronde` are submitted. Issue 13, rule 3: nobody sees this before the
    opening; only the opening itself asks it (its audit event and the proces-verbaal)."""
    return Bod.objects.filter(traject=traject, ronde=ronde, status=BodStatus.INGEDIEND).count()


def aantallen_na_opening(traject: Traject, geopende_rondes: Iterable[str]) -> dict[str, int]:
    """{ronde: number of submitted bids} for the OPENED stages only, in one query (none when
    no stage is opened). Issue 13, rule 3: before the opening nobody at the gemeente sees how
    many bids arrived."""
    rondes = list(geopende_rondes)
    if not rondes:
        return {}
    rows = (
        Bod.objects.filter(traject=traject, ronde__in=rondes, status=BodStatus.INGEDIEND)
        .values("ronde")
        .annotate(n=Count("id"))
    )
    aantallen = dict.fromkeys(rondes, 0)
    aantallen.update({row["ronde"]: row["n"] for row in rows})
    return aantallen


@dataclass(frozen=True)
class Kluisfase:
    """One stage on the officers' vault page: its deadline, the opening (the confirmed one,
    or the latest started one) and, once opened, how many bids arrived."""

    ronde: Ronde
    deadline: datetime | None
    verlopen: bool
    aantal: int | None  # None until the vault of the stage is opened (issue 13, rule 3)
    opening: KluisOpening | None
    geopend: bool
    wachtend: bool  # started, waiting for a second officer within the time window
    bevestigen_tot: datetime | None
    kan_starten: Toestemming  # `permissions.mag_kluis_openen` for this user
    kan_bevestigen: bool  # also `permissions.mag_opening_bevestigen` for this user


def kluisfasen(user: Any, traject: Traject, nu: datetime) -> list[Kluisfase]:
    """The officers' vault page of `traject` for `user` at `nu` (the moment the request
    reached the server): one `Kluisfase` per stage."""
    openingen = openingen_van(traject)
    aantallen = aantallen_na_opening(
        traject, [r for r, o in openingen.items() if o.geopend_op is not None]
    )
    mag_openen = permissions.mag_kluis_openen(
        user, traject, teamlid=permissions.is_teamlid(user, traject)
    )
    fasen = []
    for ronde in Ronde:
        opening = openingen.get(ronde.value)
        geopend = opening is not None and opening.geopend_op is not None
        wachtend = (
            opening is not None and not geopend and timezone.now() <= opening.gestart_op + VENSTER
        )
        fasen.append(
            Kluisfase(
                ronde=ronde,
                deadline=deadline_van(traject, ronde),
                verlopen=is_verlopen(traject, ronde, op=nu),
                aantal=aantallen.get(ronde.value) if geopend else None,
                opening=opening,
                geopend=geopend,
                wachtend=wachtend,
                bevestigen_tot=opening.gestart_op + VENSTER if wachtend and opening else None,
                kan_starten=mag_openen,
                kan_bevestigen=wachtend
                and opening is not None
                and bool(mag_openen)
                and bool(permissions.mag_opening_bevestigen(user, opening)),
            )
        )
    return fasen


# --- who is who -----------------------------------------------------------------------


def _bieder_q(user: Any) -> Q:
    """Bids where `user` is a member of the bidding organisation (the lead) or of an accepted
    partner of its coalition in a reading role (`LEZENDE_ROLLEN`: partner or lead).

    Issue 13, rule 1: a subcontractor and a key party never read the bids of the coalitions
    they serve or support, whatever their role says: an organisation that is a key party of
    the trajectory reads no partner's bid at all."""
    sleutelpartij = Sleutelpartij.objects.filter(
        traject_id=OuterRef(OuterRef("traject_id")), organisatie_id=OuterRef("organisatie_id")
    )
    partner = CoalitiePartner.objects.filter(
        ~Exists(sleutelpartij),
        coalitie=OuterRef("coalitie_id"),
        status=PartnerStatus.GEACCEPTEERD,
        rol__in=LEZENDE_ROLLEN,
        organisatie__lidmaatschappen__user=user,
    )
    lid = Lidmaatschap.objects.filter(organisatie=OuterRef("organisatie_id"), user=user)
    return Q(Exists(lid)) | Q(Exists(partner))


def is_bieder(user: Any, bod: Bod) -> bool:
    """Whether `user` belongs to the bidder: the bidding organisation or an accepted partner
    of its coalition in a reading role (never a subcontractor or a key party)."""
    if user is None or not user.is_authenticated:
        return False
    return Bod.objects.filter(pk=bod.pk).filter(_bieder_q(user)).exists()


@dataclass(frozen=True)
class Inzage:
    """What one user may see of one bid, computed once (`inzage`) and handed to every read
    of its content on the page.

    - the bidder (`is_bieder`): its own draft, its current attachments, its versions and
      receipts, at any time;
    - anyone else, only once the bid is submitted and the vault of its stage is opened, as
      `beoordeling.permissions` says (`staat`): the latest submitted version and its
      attachments for a committee member with a declaration without conflict and for an
      officer not on the committee;
    - nobody else anything (`inhoud` false); platform administrators neither.
    """

    bod_id: int
    is_bieder: bool = False
    # The committee/officer state (`permissions.Toegang.staat`); None when not asked: the
    # bidder, or a bid not submitted or not opened yet.
    staat: str | None = None

    @property
    def inhoud(self) -> bool:
        """Whether the user may see the bid's content, attachments and versions."""
        return self.is_bieder or self.staat in permissions.INHOUD_STATEN


def inzage(user: Any, bod: Bod, *, bieder: bool | None = None) -> Inzage:
    """What `user` may see of `bod` (see `Inzage`), computed once for the page. A caller
    that knows already whether the user is the bidder (it found the bid through
    `bod_voor_bieder`) passes `bieder`: then no query for a bidder."""
    if user is None or not user.is_authenticated:
        return Inzage(bod_id=bod.pk)
    if bieder is None:
        bieder = is_bieder(user, bod)
    if bieder:
        return Inzage(bod_id=bod.pk, is_bieder=True)
    if bod.status != BodStatus.INGEDIEND or not is_geopend(bod.traject_id, bod.ronde):
        return Inzage(bod_id=bod.pk)
    return Inzage(
        bod_id=bod.pk,
        staat=permissions.staat_van(user, bod),
    )


def _inzage(user: Any, bod: Bod, gegeven: Inzage | None) -> Inzage:
    if gegeven is not None:
        if gegeven.bod_id != bod.pk:
            raise ValueError("This Inzage belongs to another bid.")
        return gegeven
    return inzage(user, bod)


def mag_inhoud_zien(user: Any, bod: Bod, *, inzage: Inzage | None = None) -> bool:
    """Whether `user` may see the content of `bod`.

    The bidder always sees its own. Anyone else only a submitted bid, and only once the
    vault of its stage is opened, and then as `permissions.bod_toegang` says: committee
    members (officers included) with a declaration without conflict for this bid, and
    officers of the gemeente who are not on the committee. Nobody else; platform
    administrators neither.
    """
    return _inzage(user, bod, inzage).inhoud


# --- reads of bids --------------------------------------------------------------------


def _met_laatste_versie(qs: QuerySet[Bod]) -> QuerySet[Bod]:
    """Annotate each bid with its latest version's number, moment and hash, and prefetch
    that version (`bod.laatste_versies`, a list of at most one; use `laatste_versie(bod)`)."""
    laatste = BodVersie.objects.filter(bod=OuterRef("pk")).order_by("-nummer")
    return qs.annotate(
        laatste_versie_id=Subquery(laatste.values("pk")[:1]),
        laatste_versie_nummer=Subquery(laatste.values("nummer")[:1]),
        laatste_ingediend_op=Subquery(laatste.values("ingediend_op")[:1]),
        laatste_sha256=Subquery(laatste.values("sha256")[:1]),
    ).prefetch_related(
        Prefetch(
            "versies",
            queryset=BodVersie.objects.filter(
                pk__in=Subquery(
                    BodVersie.objects.filter(bod=OuterRef("bod_id"))
                    .order_by("-nummer")
                    .values("pk")[:1]
                )
            ).select_related("ontvangstbewijs"),
            to_attr="laatste_versies",
        )
    )


def laatste_versie(bod: Bod) -> BodVersie | None:
    """The latest submitted version of `bod` (prefetched by the selectors here), or None.
    Call it only for a bid obtained through this module for a user who may see it."""
    versies = getattr(bod, "laatste_versies", None)
    if versies is not None:
        return versies[0] if versies else None
    return bod.versies.select_related("ontvangstbewijs").order_by("-nummer").first()


def eigen_biedingen(user: Any, traject: Traject | None = None) -> QuerySet[Bod]:
    """Bids of the user's organisations (as bidder or accepted coalition partner in a reading
    role; never as subcontractor or key party), any status, with their latest version."""
    if user is None or not user.is_authenticated:
        return Bod.objects.none()
    qs = Bod.objects.filter(_bieder_q(user))
    if traject is not None:
        qs = qs.filter(traject=traject)
    return _met_laatste_versie(
        qs.select_related("traject__gemeente", "perceel", "organisatie", "coalitie")
    ).order_by("traject_id", "perceel__nummer", "ronde", "id")


def bod_voor_bieder(user: Any, pk: int) -> Bod:
    """One bid of the user's organisations; raises Bod.DoesNotExist otherwise."""
    return eigen_biedingen(user).get(pk=pk)


def geopende_biedingen(traject: Traject | int, ronde: Ronde | str) -> QuerySet[Bod]:
    """The submitted bids of `ronde` once its vault is opened (none before), with their
    latest version (`laatste_versie(bod)` and the annotations `laatste_versie_nummer`,
    `laatste_ingediend_op`, `laatste_sha256`). For the committee and officers: the caller
    checks that the user is one of them (and, for a member, the declaration)."""
    geopend = KluisOpening.objects.filter(traject=traject, ronde=ronde, geopend_op__isnull=False)
    qs = Bod.objects.filter(
        Exists(geopend), traject=traject, ronde=ronde, status=BodStatus.INGEDIEND
    ).select_related("traject__gemeente", "perceel", "organisatie", "coalitie")
    return _met_laatste_versie(qs).order_by("perceel__nummer", "organisatie__naam", "id")


def inzichtelijke_biedingen(user: Any, traject: Traject, ronde: Ronde | str) -> QuerySet[Bod]:
    """The opened bids of `ronde` whose content `user` may see (`permissions`): all of them
    for an officer of the gemeente who is not on the committee; for a committee member
    (officer or not) those with a declaration without conflict."""
    if user is None or not user.is_authenticated:
        return Bod.objects.none()
    return permissions.toegang(user, traject).inzichtelijk(geopende_biedingen(traject, ronde))


def inzichtelijke_biedingen_met_bijlagen(
    user: Any, traject: Traject, ronde: Ronde | str
) -> list[Bod]:
    """`inzichtelijke_biedingen` as a list, each bid with `bod.zichtbare_bijlagen`: the
    attachments of its latest submitted version. A fixed number of queries."""
    biedingen: list[Any] = list(
        inzichtelijke_biedingen(user, traject, ronde).prefetch_related(
            Prefetch(
                "bijlagen",
                queryset=Bijlage.objects.order_by("created_at", "id"),
                to_attr="alle_bijlagen",
            )
        )
    )
    for bod in biedingen:
        bod.zichtbare_bijlagen = _ingediende_bijlagen(bod, bod.alle_bijlagen)
    return biedingen


def inhoud_van(user: Any, bod: Bod, *, inzage: Inzage | None = None) -> dict[str, Any] | None:
    """The content `user` may see of `bod`, or None: the bidder its draft, the others the
    latest submitted version. `inzage`: the user's `Inzage` of the bid, when computed."""
    recht = _inzage(user, bod, inzage)
    if not recht.inhoud:
        return None
    if recht.is_bieder:
        return bod.concept
    versie = laatste_versie(bod)
    return versie.inhoud if versie else None


def versies_voor(user: Any, bod: Bod, *, inzage: Inzage | None = None) -> QuerySet[BodVersie]:
    """The submitted versions of `bod` (oldest first) if `user` may see its content."""
    if not _inzage(user, bod, inzage).inhoud:
        return BodVersie.objects.none()
    return bod.versies.select_related("ontvangstbewijs", "ingediend_door").order_by("nummer")


def ingediende_bijlage_hashes(versie: BodVersie | None) -> set[str]:
    """The SHA-256 of each attachment frozen in a submitted version."""
    if versie is None:
        return set()
    return {b.get("sha256") for b in (versie.inhoud or {}).get("bijlagen", []) if b.get("sha256")}


def _ingediende_bijlagen(bod: Bod, bijlagen: Iterable[Bijlage]) -> list[Bijlage]:
    """Of `bijlagen` (of `bod`), those that belong to its latest submitted version: what
    the committee and officers see (not one added later without submitting again)."""
    hashes = ingediende_bijlage_hashes(laatste_versie(bod))
    return [b for b in bijlagen if b.sha256 in hashes]


def bijlagen_van(user: Any, bod: Bod, *, inzage: Inzage | None = None) -> list[Bijlage]:
    """The attachments of `bod` that `user` may see: the bidder its current ones; the
    committee and officers (after the opening) those of the latest submitted version."""
    recht = _inzage(user, bod, inzage)
    if not recht.inhoud:
        return []
    if recht.is_bieder:
        return list(bod.bijlagen.filter(verwijderd_op__isnull=True).order_by("created_at", "id"))
    return _ingediende_bijlagen(bod, bod.bijlagen.order_by("created_at", "id"))


def bijlage_voor(user: Any, pk: int) -> Bijlage:
    """One attachment `user` may download; raises Bijlage.DoesNotExist otherwise. The
    bidder: a current attachment of its own bid; anyone else who may see the bid's
    content: an attachment of its latest submitted version."""
    bijlage = Bijlage.objects.select_related("bod__traject").get(pk=pk)
    bod = bijlage.bod
    recht = inzage(user, bod)
    if not recht.inhoud:
        raise Bijlage.DoesNotExist
    if recht.is_bieder:
        if bijlage.verwijderd_op is not None:
            raise Bijlage.DoesNotExist
    elif not _ingediende_bijlagen(bod, [bijlage]):
        raise Bijlage.DoesNotExist
    return bijlage


# --- issue 13, rule 1: the key parties' commitments -------------------------------------


def _toezeggingen(coalitie_ids: Iterable[int]) -> QuerySet[CoalitiePartner]:
    return (
        CoalitiePartner.objects.filter(
            coalitie_id__in=list(coalitie_ids),
            rol=PartnerRol.SLEUTELPARTIJ,
            status=PartnerStatus.GEACCEPTEERD,
        )
        .exclude(toezegging="")
        .select_related("organisatie")
        .order_by("organisatie__naam", "pk")
    )


def met_toezeggingen(biedingen: list[Any]) -> list[Any]:
    """Each of `biedingen` (opened bids the caller may show: `inzichtelijke_biedingen`) with
    `bod.toezeggingen`: the commitments of the key parties that support its coalition. One
    query."""
    per_coalitie: dict[int, list[CoalitiePartner]] = {}
    coalitie_ids = {b.coalitie_id for b in biedingen if b.coalitie_id}
    if coalitie_ids:
        for partner in _toezeggingen(coalitie_ids):
            per_coalitie.setdefault(partner.coalitie_id, []).append(partner)
    for bod in biedingen:
        bod.toezeggingen = per_coalitie.get(bod.coalitie_id, []) if bod.coalitie_id else []
    return biedingen


def toezeggingen_voor(
    user: Any, bod: Bod, *, inzage: Inzage | None = None
) -> list[CoalitiePartner]:
    """The key parties' commitments to the coalition of `bod`, for a user who may see the
    bid's content (after the opening: the committee and officers; always the bidder)."""
    if not bod.coalitie_id or not _inzage(user, bod, inzage).inhoud:
        return []
    return list(_toezeggingen([bod.coalitie_id]))


def biedingen_voor_proces_verbaal(traject: Traject, ronde: Ronde | str) -> QuerySet[Bod]:
    """Every bid of `ronde` that was ever submitted (submitted or withdrawn), with the
    number of versions and the latest version's moment and hash: no content. For the
    proces-verbaal van opening."""
    return (
        _met_laatste_versie(
            Bod.objects.filter(
                traject=traject,
                ronde=ronde,
                status__in=[BodStatus.INGEDIEND, BodStatus.INGETROKKEN],
            )
        )
        .annotate(aantal_versies=Count("versies"))
        .filter(aantal_versies__gt=0)
        .select_related("perceel", "organisatie", "coalitie")
        .order_by("perceel__nummer", "organisatie__naam", "id")
    )


def ingediende_prijs(bod: Bod) -> Decimal | None:
    """The price per lot that `bod` states in its latest submitted version (issue 13,
    rule 8), or None. Only for a bid from `geopende_biedingen` (its vault is opened and
    its latest version prefetched: no query); None for any other bid. The price is the one
    part of the content the platform itself reads, to compute the points of its formula."""
    versies = getattr(bod, "laatste_versies", None)
    if not versies or bod.status != BodStatus.INGEDIEND:
        return None
    waarde = (versies[0].inhoud or {}).get("prijs")
    try:
        prijs = Decimal(str(waarde)) if waarde not in (None, "") else None
    except InvalidOperation:
        return None
    return prijs if prijs is not None and prijs.is_finite() and prijs > 0 else None


# --- issue 14, points 5 and 6: the coalition's composition with each bid ------------------


@dataclass(frozen=True)
class Samenstelling:
    """The composition of a coalition as frozen with the latest submitted version of a bid
    (`BodVersie.samenstelling`) and, for an elaborated plan, as frozen with the outline bid
    it follows (`schetsbod`), with who joined (`erbij`) and who left (`eraf`) in between.
    `vlag`: the lead's share of budget or say above the gemeente's maximum (point 6)."""

    rijen: list[dict[str, Any]]
    schetsbod: list[dict[str, Any]] | None = None
    erbij: list[str] = field(default_factory=list)
    eraf: list[str] = field(default_factory=list)
    vlag: Any = None

    @property
    def gewijzigd(self) -> bool:
        return bool(self.erbij or self.eraf)


def _samenstelling_rijen(samenstelling: Iterable[dict[str, Any]] | None) -> list[dict[str, Any]]:
    rijen = []
    for rij in samenstelling or []:
        try:
            rol = str(PartnerRol(rij.get("rol", "")).label)
        except ValueError:
            rol = ""
        rijen.append(
            {
                "organisatie": rij.get("organisatie"),
                "naam": rij.get("naam", ""),
                "rol": rol,
                "is_leider": rij.get("rol") in LEIDENDE_ROLLEN,
                "aandeel_budget": Decimal(str(rij.get("aandeel_budget") or 0)),
                "aandeel_zeggenschap": Decimal(str(rij.get("aandeel_zeggenschap") or 0)),
            }
        )
    return rijen


def samenstelling_uit(
    versie: BodVersie | None, schets: BodVersie | None, maximum: int | None, *, uitwerking: bool
) -> Samenstelling | None:
    """The `Samenstelling` of `versie` (the latest submitted version of a coalition's bid)
    next to `schets` (the latest version of the outline bid it follows, for an elaborated
    plan). None when the version recorded no composition (submitted before issue 14)."""
    if versie is None or not versie.samenstelling:
        return None
    rijen = _samenstelling_rijen(versie.samenstelling)
    leider = next((r for r in rijen if r["is_leider"]), None)
    vlag = (
        leider_aandeel_vlag(leider["aandeel_budget"], leider["aandeel_zeggenschap"], maximum)
        if leider is not None
        else None
    )
    if not uitwerking or schets is None or not schets.samenstelling:
        return Samenstelling(rijen=rijen, vlag=vlag)
    eerder = _samenstelling_rijen(schets.samenstelling)
    nu_ids = {r["organisatie"] for r in rijen}
    eerder_ids = {r["organisatie"] for r in eerder}
    return Samenstelling(
        rijen=rijen,
        schetsbod=eerder,
        erbij=[r["naam"] for r in rijen if r["organisatie"] not in eerder_ids],
        eraf=[r["naam"] for r in eerder if r["organisatie"] not in nu_ids],
        vlag=vlag,
    )


def _schetsversies(biedingen: Iterable[Bod]) -> dict[tuple[int, int], BodVersie]:
    """{(lot id, organisation id): the latest version of the submitted outline bid} for the
    elaborated plans among `biedingen`. One query (none without elaborated plans)."""
    paren = {(b.perceel_id, b.organisatie_id) for b in biedingen if b.ronde == Ronde.UITWERKING}
    if not paren:
        return {}
    uit: dict[tuple[int, int], BodVersie] = {}
    for versie in (
        BodVersie.objects.filter(
            bod__ronde=Ronde.HOOFDLIJNEN,
            bod__status=BodStatus.INGEDIEND,
            bod__perceel_id__in={p for p, _o in paren},
            bod__organisatie_id__in={o for _p, o in paren},
        )
        .select_related("bod")
        .only("samenstelling", "nummer", "bod__perceel_id", "bod__organisatie_id")
        .order_by("bod_id", "-nummer")
    ):
        sleutel = (versie.bod.perceel_id, versie.bod.organisatie_id)
        if sleutel in paren and sleutel not in uit:
            uit[sleutel] = versie
    return uit


def met_samenstelling(biedingen: list[Any], maximum: int | None) -> list[Any]:
    """Each of `biedingen` (opened bids the caller may show, with their latest version
    prefetched: `inzichtelijke_biedingen`) with `bod.samenstelling`: its coalition's
    composition (`Samenstelling`, or None for a bid without coalition). One query."""
    schetsen = _schetsversies(biedingen)
    for bod in biedingen:
        bod.samenstelling = (
            samenstelling_uit(
                laatste_versie(bod),
                schetsen.get((bod.perceel_id, bod.organisatie_id)),
                maximum,
                uitwerking=bod.ronde == Ronde.UITWERKING,
            )
            if bod.coalitie_id
            else None
        )
    return biedingen


def samenstelling_voor(
    user: Any, bod: Bod, maximum: int | None, *, inzage: Inzage | None = None
) -> Samenstelling | None:
    """The composition of the coalition of `bod` for a user who may see its content (the
    committee and the officers after the opening; always the bidder), or None."""
    if not bod.coalitie_id or not _inzage(user, bod, inzage).inhoud:
        return None
    schets = _schetsversies([bod]).get((bod.perceel_id, bod.organisatie_id))
    return samenstelling_uit(
        laatste_versie(bod), schets, maximum, uitwerking=bod.ronde == Ronde.UITWERKING
    )
