"""Reads about bids that are not their content: who bids, with whom, who is told.

Bid content (the draft, the versions, the attachments, the receipts) is read only
through `beoordeling.selectors.kluis`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from beoordeling.constants import BodStatus, Ronde
from beoordeling.models import Bod
from coalities.constants import LEIDENDE_ROLLEN, LEZENDE_ROLLEN, LidRol, PartnerStatus
from coalities.models import CoalitiePartner, Lidmaatschap, Organisatie, Sleutelpartij
from coalities.selectors import organisaties_van

if TYPE_CHECKING:
    from coalities.models import Coalitie
    from trajecten.models import Perceel, Traject


@dataclass(frozen=True)
class Bieder:
    """A way the user can bid: as the lead of a coalition, or as one organisation."""

    sleutel: str  # "c<coalitie pk>" or "o<organisatie pk>"
    organisatie: Organisatie
    coalitie: Coalitie | None = None

    @property
    def label(self) -> str:
        if self.coalitie is not None:
            return f"{self.coalitie.naam} ({self.organisatie.naam})"
        return self.organisatie.naam


def bieders_voor(user: Any, traject: Traject) -> list[Bieder]:
    """The ways `user` can bid on `traject`: each coalition of it whose accepted lead is an
    organisation of the user, then each organisation of the user on its own."""
    if not user.is_authenticated:
        return []
    leiders = (
        CoalitiePartner.objects.filter(
            coalitie__traject=traject,
            rol__in=LEIDENDE_ROLLEN,
            status=PartnerStatus.GEACCEPTEERD,
            organisatie__lidmaatschappen__user=user,
        )
        .select_related("coalitie", "organisatie")
        .prefetch_related("coalitie__percelen")
        .order_by("coalitie__naam", "coalitie_id")
    )
    bieders = [Bieder(f"c{p.coalitie_id}", p.organisatie, p.coalitie) for p in leiders]
    bieders += [Bieder(f"o{o.pk}", o) for o in organisaties_van(user)]
    return bieders


def is_geaccepteerde_leider(coalitie: Coalitie, organisatie: Organisatie) -> bool:
    return CoalitiePartner.objects.filter(
        coalitie=coalitie,
        organisatie=organisatie,
        rol__in=LEIDENDE_ROLLEN,
        status=PartnerStatus.GEACCEPTEERD,
    ).exists()


def coalitie_mag_op_perceel(coalitie: Coalitie, perceel: Perceel) -> bool:
    """A coalition bids on the lots it chose (or on any, when it chose none)."""
    percelen = set(coalitie.percelen.values_list("pk", flat=True))
    return not percelen or perceel.pk in percelen


def partners_van(bod: Bod) -> list[Organisatie]:
    """The organisations of the bid: the accepted partners of its coalition (lead first),
    or the single bidding organisation."""
    if bod.coalitie_id is None:
        return [bod.organisatie]
    partners = list(
        CoalitiePartner.objects.filter(
            coalitie_id=bod.coalitie_id, status=PartnerStatus.GEACCEPTEERD
        )
        .select_related("organisatie")
        .order_by("organisatie__naam", "pk")
    )
    organisaties = [p.organisatie for p in partners]
    organisaties.sort(key=lambda o: o.pk != bod.organisatie_id)
    if not any(o.pk == bod.organisatie_id for o in organisaties):
        organisaties.insert(0, bod.organisatie)
    return organisaties


def samenstelling_van(bod: Bod) -> list[dict[str, Any]]:
    """Issue 14, point 5: the composition of the bid now, to freeze with a submitted version
    (`BodVersie.samenstelling`): per organisation that has accepted (lead first), its id,
    name, role and shares of budget and say. The single bidding organisation without a
    coalition. One query."""
    if bod.coalitie_id is None:
        return [{"organisatie": bod.organisatie_id, "naam": bod.organisatie.naam, "rol": ""}]
    partners = sorted(
        CoalitiePartner.objects.filter(
            coalitie_id=bod.coalitie_id, status=PartnerStatus.GEACCEPTEERD
        ).select_related("organisatie"),
        key=lambda p: (p.rol not in LEIDENDE_ROLLEN, p.organisatie.naam.lower(), p.pk),
    )
    return [
        {
            "organisatie": p.organisatie_id,
            "naam": p.organisatie.naam,
            "rol": p.rol,
            "aandeel_budget": str(p.aandeel_budget),
            "aandeel_zeggenschap": str(p.aandeel_zeggenschap),
        }
        for p in partners
    ]


def open_uitnodigingen(bod: Bod) -> list[CoalitiePartner]:
    """Issue 14, point 5: the invitations of the bid's coalition that have not been answered
    (the lead is warned before submitting; not a block). One query; none without coalition."""
    if bod.coalitie_id is None:
        return []
    return list(
        CoalitiePartner.objects.filter(
            coalitie_id=bod.coalitie_id,
            status=PartnerStatus.UITGENODIGD,
            toegezegd_op__isnull=True,
        )
        .select_related("organisatie")
        .order_by("organisatie__naam", "pk")
    )


def _partner_organisatie_ids(bod: Bod) -> set[int]:
    """The bidding organisation and the accepted partners of its coalition in a reading role
    (issue 13, rule 1: not its subcontractors or key parties)."""
    ids = {bod.organisatie_id}
    if bod.coalitie_id is not None:
        sleutelpartij = Sleutelpartij.objects.filter(
            traject_id=bod.traject_id, organisatie_id=OuterRef("organisatie_id")
        )
        ids.update(
            CoalitiePartner.objects.filter(
                coalitie_id=bod.coalitie_id,
                status=PartnerStatus.GEACCEPTEERD,
                rol__in=LEZENDE_ROLLEN,
            )
            .filter(~Exists(sleutelpartij))
            .values_list("organisatie_id", flat=True)
        )
    return ids


def beheerders_van_partners(bod: Bod) -> list[Any]:
    """The active administrators of every organisation of the bid: who is told."""
    return list(
        get_user_model()
        .objects.filter(
            lidmaatschappen__organisatie_id__in=_partner_organisatie_ids(bod),
            lidmaatschappen__rol=LidRol.BEHEERDER,
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


def coalitie_heeft_ander_ingediend_bod(bod: Bod) -> bool:
    """Whether another bid of the bid's coalition in the same stage is submitted (False
    without coalition). Issue 14, point 5: only the bids of the stage that locks the
    coalition keep it locked; the outline bids of a two-stage trajectory do not."""
    if bod.coalitie_id is None:
        return False
    return (
        Bod.objects.filter(coalitie_id=bod.coalitie_id, status=BodStatus.INGEDIEND, ronde=bod.ronde)
        .exclude(pk=bod.pk)
        .exists()
    )


def uitwerking_van(bod: Bod) -> Bod | None:
    """The elaborated bid that follows this outline bid, if it was started (or None)."""
    return (
        Bod.objects.filter(
            perceel_id=bod.perceel_id, ronde=Ronde.UITWERKING, organisatie_id=bod.organisatie_id
        )
        .only("pk")
        .first()
    )


def mensen_van_biedingen(biedingen: Iterable[Bod]) -> dict[int, list[Any]]:
    """{bod pk: [users]}: the active members of each bid's organisation and of the accepted
    partners of its coalition in a reading role (issue 13, rule 1: not its subcontractors or
    key parties, who never read the bid), each user once per bid. Two queries for any number
    of bids."""
    biedingen = list(biedingen)
    organisaties: dict[int, set[int]] = {bod.pk: {bod.organisatie_id} for bod in biedingen}
    coalities = {bod.coalitie_id for bod in biedingen if bod.coalitie_id is not None}
    partners: defaultdict[int, set[int]] = defaultdict(set)
    if coalities:
        sleutelpartij = Sleutelpartij.objects.filter(
            traject_id=OuterRef("coalitie__traject_id"), organisatie_id=OuterRef("organisatie_id")
        )
        for coalitie_id, organisatie_id in (
            CoalitiePartner.objects.filter(
                coalitie_id__in=coalities,
                status=PartnerStatus.GEACCEPTEERD,
                rol__in=LEZENDE_ROLLEN,
            )
            .filter(~Exists(sleutelpartij))
            .values_list("coalitie_id", "organisatie_id")
        ):
            partners[coalitie_id].add(organisatie_id)
    for bod in biedingen:
        if bod.coalitie_id is not None:
            organisaties[bod.pk] |= partners[bod.coalitie_id]
    leden: defaultdict[int, dict[int, Any]] = defaultdict(dict)
    alle: set[int] = set().union(*organisaties.values()) if organisaties else set()
    for lidmaatschap in (
        Lidmaatschap.objects.filter(organisatie_id__in=alle, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    ):
        leden[lidmaatschap.organisatie_id][lidmaatschap.user_id] = lidmaatschap.user
    uit: dict[int, list[Any]] = {}
    for bod in biedingen:
        users: dict[int, Any] = {}
        for organisatie_id in organisaties[bod.pk]:
            users.update(leden[organisatie_id])
        uit[bod.pk] = [users[pk] for pk in sorted(users)]
    return uit
