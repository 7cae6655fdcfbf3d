"""Reads of right-to-challenge proposals, scoped: the proposer and the gemeente's officers only."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from aanbesteden.models import Gemeente
from aanbesteden.selectors import gemeente_ids_van
from trajecten.constants import UitdagingStatus
from trajecten.models import Uitdaging


def uitdagingen_voor(user: Any) -> QuerySet[Uitdaging]:
    """The proposals `user` may see: their own, and those of the gemeenten where they work."""
    if not user.is_authenticated:
        return Uitdaging.objects.none()
    qs = Uitdaging.objects.select_related("gemeente", "indiener", "traject")
    ids = gemeente_ids_van(user)
    if ids:
        return qs.filter(Q(indiener=user) | Q(gemeente_id__in=ids))
    return qs.filter(indiener=user)


def uitdaging_voor(user: Any, pk: int) -> Uitdaging:
    """One proposal this user may see; raises Uitdaging.DoesNotExist otherwise."""
    return uitdagingen_voor(user).get(pk=pk)


def mijn_uitdagingen(user: Any) -> QuerySet[Uitdaging]:
    """The proposals `user` submitted, newest first."""
    if not user.is_authenticated:
        return Uitdaging.objects.none()
    return (
        Uitdaging.objects.filter(indiener=user)
        .select_related("gemeente", "traject")
        .order_by("-created_at", "-id")
    )


def uitdagingen_van_mijn_gemeenten(user: Any, *, status: str = "") -> QuerySet[Uitdaging]:
    """The officer's list: proposals of their gemeenten, newest first, optionally by status."""
    qs = (
        Uitdaging.objects.filter(gemeente_id__in=gemeente_ids_van(user))
        .select_related("gemeente", "indiener")
        .order_by("-created_at", "-id")
    )
    if status:
        qs = qs.filter(status=status)
    return qs


def aantal_wachtend(user: Any) -> int:
    """How many proposals of the officer's gemeenten wait for an answer."""
    ids = gemeente_ids_van(user)
    if not ids:
        return 0
    return Uitdaging.objects.filter(gemeente_id__in=ids, status=UitdagingStatus.INGEDIEND).count()


def gemeenten_voor_uitdaging() -> QuerySet[Gemeente]:
    """Every municipality on the platform: a proposal may go to any of them."""
    return Gemeente.objects.order_by("naam")
