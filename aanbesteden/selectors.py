"""Reads of the core, scoped to the user who asks."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import Count, Model, Q, QuerySet

from aanbesteden.audit import target_label
from aanbesteden.models import Document, Gemeente, Notificatie


def gemeente_ids_van(user: Any) -> frozenset[int]:
    """The ids of the gemeenten where `user` is an officer (cached on the user object)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_gemeente_ids", None)
    if cached is None:
        cached = frozenset(user.medewerkerschappen.values_list("gemeente_id", flat=True))
        user._gemeente_ids = cached
    return cached


def is_staff_user(user: Any) -> bool:
    """Municipal staff and platform administrators: they must use two-factor login."""
    return user.is_authenticated and (user.is_platformbeheerder or bool(gemeente_ids_van(user)))


def gemeenten_met_aantal_medewerkers() -> QuerySet[Gemeente]:
    """All municipalities, for the platform administrator's overview."""
    return Gemeente.objects.annotate(aantal_medewerkers=Count("medewerkers")).order_by("naam")


def gemeenten_van(user: Any) -> QuerySet[Gemeente]:
    return Gemeente.objects.filter(pk__in=gemeente_ids_van(user))


def gemeente_by_slug(slug: str) -> Gemeente:
    """Municipalities are public: their name, logo and colours."""
    return Gemeente.objects.get(slug=slug)


def notificaties_van(user: Any) -> QuerySet[Notificatie]:
    return Notificatie.objects.filter(user=user)


def ongelezen_aantal(user: Any) -> int:
    if not user.is_authenticated:
        return 0
    return Notificatie.objects.filter(user=user, gelezen_op__isnull=True).count()


def documenten_voor(user: Any) -> QuerySet[Document]:
    """Documents this user may see: public ones, their own, and their gemeenten's."""
    if not user.is_authenticated:
        return Document.objects.filter(openbaar=True)
    return Document.objects.filter(
        Q(openbaar=True) | Q(aangevraagd_door=user) | Q(gemeente_id__in=gemeente_ids_van(user))
    )


def document_voor(user: Any, uuid: UUID | str) -> Document:
    """One document this user may see (`Document.DoesNotExist` otherwise)."""
    return documenten_voor(user).get(uuid=uuid)


def documenten_bij(user: Any, target: Model) -> QuerySet[Document]:
    """The documents about one object that this user may see, newest first."""
    return documenten_voor(user).filter(target_type=target_label(target), target_id=str(target.pk))
