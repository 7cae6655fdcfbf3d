"""Reads of trajectories, scoped: one gemeente never sees another's unpublished work."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from aanbesteden.selectors import gemeente_ids_van
from trajecten.constants import TrajectStatus
from trajecten.models import Bestedingsregels, Traject, Vertegenwoordiger


def gepubliceerde_trajecten() -> QuerySet[Traject]:
    return Traject.objects.filter(status=TrajectStatus.GEPUBLICEERD).select_related("gemeente")


def trajecten_voor(user: Any) -> QuerySet[Traject]:
    """Published trajectories, plus the drafts of the gemeenten where `user` is an officer."""
    qs = Traject.objects.select_related("gemeente")
    ids = gemeente_ids_van(user)
    if ids:
        return qs.filter(Q(status=TrajectStatus.GEPUBLICEERD) | Q(gemeente_id__in=ids))
    return qs.filter(status=TrajectStatus.GEPUBLICEERD)


def trajecten_van_mijn_gemeenten(user: Any) -> QuerySet[Traject]:
    return Traject.objects.filter(gemeente_id__in=gemeente_ids_van(user)).select_related("gemeente")


def traject_voor(user: Any, pk: int) -> Traject:
    """One trajectory this user may see; raises Traject.DoesNotExist otherwise."""
    return trajecten_voor(user).get(pk=pk)


def traject_zichtbaar_voor(user: Any, pk: int) -> Traject:
    """`traject_voor`, plus a draft in consultation (issue 14, point 1) for everyone: its
    sessions are public during the consultation. Raises Traject.DoesNotExist otherwise, so
    a draft that is not in consultation stays invisible."""
    try:
        return traject_voor(user, pk)
    except Traject.DoesNotExist:
        return (
            Traject.objects.select_related("gemeente")
            .filter(status=TrajectStatus.CONCEPT, consultatie__isnull=False)
            .get(pk=pk)
        )


def bestedingsregels_van(traject: Traject) -> Bestedingsregels:
    """The spending rules of a residents' budget (issue 14, burgeraanbesteding), or unsaved
    empty rules when the officer has not set them yet: one query."""
    return Bestedingsregels.objects.filter(traject=traject).first() or Bestedingsregels()


def vertegenwoordigers_van(traject: Traject) -> QuerySet[Vertegenwoordiger]:
    """The representatives of every lot of `traject`, with their user and lot, in the order
    of the lots: one query. The set-up, the completeness check and the call read them here."""
    return (
        Vertegenwoordiger.objects.filter(perceel__traject=traject)
        .select_related("user", "perceel")
        .order_by("perceel__nummer", "id")
    )
