"""Reads of the partner board, scoped to the user who asks.

The board of a published trajectory is public. Conversations between organisations are
seen only by the members of the two organisations (officers do not read them). Nothing
here hands an e-mail address to a page: the conversation page shows the addresses of the
people who wrote only after the contacted organisation answered (`toon_adressen`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet

from aanbesteden.invoer import id_uit
from coalities.constants import LidRol
from coalities.models import (
    Bericht,
    Gesprek,
    Interesse,
    Lidmaatschap,
    Organisatie,
    Sleutelpartij,
    TrajectUitnodiging,
)
from coalities.selectors import organisaties_van  # noqa: F401 - used by the views
from trajecten.models import Perceel, Traject

# How many organisations the officer's key-party search offers at once.
ZOEK_LIMIET = 50


# Memberships


def organisatie_ids_van(user: Any, *, beheerder: bool = False) -> frozenset[int]:
    """The ids of the organisations where `user` is a member (or administrator only)."""
    if not user.is_authenticated:
        return frozenset()
    attribuut = "_beheerde_organisatie_ids" if beheerder else "_organisatie_ids"
    cached = getattr(user, attribuut, None)
    if cached is None:
        qs = Lidmaatschap.objects.filter(user=user)
        if beheerder:
            qs = qs.filter(rol=LidRol.BEHEERDER)
        cached = frozenset(qs.values_list("organisatie_id", flat=True))
        setattr(user, attribuut, cached)
    return cached


def is_lid(user: Any, organisatie: Organisatie) -> bool:
    return user.is_authenticated and organisatie.pk in organisatie_ids_van(user)


def organisatie(pk: int) -> Organisatie:
    """An organisation's profile is public; raises Organisatie.DoesNotExist."""
    return Organisatie.objects.get(pk=pk)


# The board


def percelen_van(traject: Traject) -> list[Perceel]:
    return list(Perceel.objects.filter(traject=traject).order_by("nummer"))


def interesses_op_bord(traject: Traject) -> QuerySet[Interesse]:
    """The interests on the board of `traject`, newest change first, each with its lots and
    whether the organisation is a key party (`is_sleutelpartij`). The organisation is joined,
    the lots come in one prefetch: the number of queries does not grow with the rows.
    A draft's board is empty (only its officers see it)."""
    if not traject.is_gepubliceerd:
        return Interesse.objects.none()
    sleutel = Sleutelpartij.objects.filter(
        traject_id=OuterRef("traject_id"), organisatie_id=OuterRef("organisatie_id")
    )
    return (
        Interesse.objects.filter(traject=traject)
        .select_related("organisatie")
        .prefetch_related(Prefetch("percelen", queryset=Perceel.objects.order_by("nummer")))
        .annotate(is_sleutelpartij=Exists(sleutel))
        .order_by("-gewijzigd_op", "-id")
    )


def sleutelpartijen_van(traject: Traject) -> QuerySet[Sleutelpartij]:
    return (
        Sleutelpartij.objects.filter(traject=traject)
        .select_related("organisatie")
        .order_by("organisatie__naam", "id")
    )


def is_sleutelpartij(traject: Traject, organisatie: Organisatie) -> bool:
    """Whether `organisatie` is a key party of `traject` (it may join every coalition)."""
    return Sleutelpartij.objects.filter(traject=traject, organisatie=organisatie).exists()


def sleutelpartij_ids(traject: Traject) -> frozenset[int]:
    """The ids of the key parties' organisations of `traject`."""
    return frozenset(
        Sleutelpartij.objects.filter(traject=traject).values_list("organisatie_id", flat=True)
    )


def sleutelpartij_van(traject: Traject, pk: Any) -> Sleutelpartij:
    """One key party of `traject`; raises Sleutelpartij.DoesNotExist."""
    return Sleutelpartij.objects.select_related("organisatie").get(traject=traject, pk=id_uit(pk))


def interesses_van_organisaties(
    traject: Traject, organisaties: Iterable[Organisatie]
) -> QuerySet[Interesse]:
    """The interests that `organisaties` (those of the user who asks) showed in `traject`."""
    return (
        Interesse.objects.filter(traject=traject, organisatie__in=organisaties)
        .select_related("organisatie")
        .prefetch_related(Prefetch("percelen", queryset=Perceel.objects.order_by("nummer")))
        .order_by("organisatie__naam", "id")
    )


def interesse_van(traject: Traject, organisatie: Organisatie) -> Interesse | None:
    """The interest of `organisatie` in `traject`, or None."""
    return Interesse.objects.filter(traject=traject, organisatie=organisatie).first()


def kandidaat_sleutelpartijen(traject: Traject, *, zoek: str = "") -> list[Organisatie]:
    """Organisations the officer can mark as key party (a list): those that showed interest,
    plus (with a name search) any organisation on the platform. At most ZOEK_LIMIET."""
    voorwaarde = Q(interesses__traject=traject)
    zoek = (zoek or "").strip()
    if zoek:
        voorwaarde |= Q(naam__icontains=zoek)
    return list(
        Organisatie.objects.filter(voorwaarde)
        .exclude(sleutelrollen__traject=traject)
        .distinct()
        .order_by("naam", "id")[:ZOEK_LIMIET]
    )


def uitnodigingen_van(traject: Traject) -> QuerySet[TrajectUitnodiging]:
    """The invitations of unusual suspects to `traject` (officers only)."""
    return (
        TrajectUitnodiging.objects.filter(traject=traject)
        .select_related("uitgenodigd_door")
        .order_by("-created_at", "-id")
    )


# Conversations


def gesprekken_voor(user: Any) -> QuerySet[Gesprek]:
    """The conversations of the organisations of `user`, both directions, newest first."""
    ids = organisatie_ids_van(user)
    if not ids:
        return Gesprek.objects.none()
    return (
        Gesprek.objects.filter(Q(van_id__in=ids) | Q(aan_id__in=ids))
        .select_related("traject", "van", "aan")
        .annotate(aantal_berichten=Count("berichten"), laatste_bericht=Max("berichten__created_at"))
        .order_by("-laatste_bericht", "-id")
    )


def gesprek_voor(user: Any, pk: int) -> Gesprek:
    """One conversation of an organisation of `user`; raises Gesprek.DoesNotExist otherwise."""
    ids = organisatie_ids_van(user)
    return (
        Gesprek.objects.filter(Q(van_id__in=ids) | Q(aan_id__in=ids))
        .select_related("traject__gemeente", "van", "aan")
        .get(pk=pk)
    )


def berichten_van(gesprek: Gesprek) -> QuerySet[Bericht]:
    return (
        Bericht.objects.filter(gesprek=gesprek)
        .select_related("afzender", "namens")
        .order_by("created_at", "id")
    )


def gesprekken_met(
    traject: Traject, organisatie: Organisatie, organisaties: Iterable[Organisatie]
) -> QuerySet[Gesprek]:
    """The conversations about `traject` between `organisaties` (those of the user who asks)
    and `organisatie`, both directions."""
    ids = [o.pk for o in organisaties]
    return (
        Gesprek.objects.filter(traject=traject)
        .filter(Q(van_id__in=ids, aan=organisatie) | Q(van=organisatie, aan_id__in=ids))
        .select_related("van", "aan")
        .order_by("-created_at", "-id")
    )


def toon_adressen(gesprek: Gesprek) -> bool:
    """Both sides see the e-mail addresses of the people who wrote only after an answer."""
    return gesprek.beantwoord_op is not None


def kanten_van(user: Any, gesprek: Gesprek) -> list[Organisatie]:
    """The sides of `gesprek` (van, aan) on which `user` may write."""
    ids = organisatie_ids_van(user)
    return [o for o in (gesprek.van, gesprek.aan) if o.pk in ids]
