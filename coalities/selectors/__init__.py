"""Every read of phase B that reaches a page, scoped to the user who asks; one module per
part. Who belongs to which organisation, in what role, is asked here, once for all parts."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from aanbesteden.models import User
from coalities.constants import LidRol
from coalities.models import Lidmaatschap, Organisatie


def _id(organisatie: Organisatie | int) -> int:
    return organisatie.pk if isinstance(organisatie, Organisatie) else organisatie


def is_lid(user: Any, organisatie: Organisatie | int) -> bool:
    """Whether `user` is a member (any role) of `organisatie` (an object or an id)."""
    return bool(
        user is not None
        and user.is_authenticated
        and Lidmaatschap.objects.filter(user=user, organisatie_id=_id(organisatie)).exists()
    )


def is_beheerder(user: Any, organisatie: Organisatie | int) -> bool:
    """Whether `user` is an administrator of `organisatie` (an object or an id)."""
    return bool(
        user is not None
        and user.is_authenticated
        and Lidmaatschap.objects.filter(
            user=user, organisatie_id=_id(organisatie), rol=LidRol.BEHEERDER
        ).exists()
    )


def beheerders_van(organisatie: Organisatie | int, *, behalve: Any = None) -> list[User]:
    """The active administrators of `organisatie` (an object or an id), by pk: who is told."""
    qs = get_user_model().objects.filter(
        lidmaatschappen__organisatie_id=_id(organisatie),
        lidmaatschappen__rol=LidRol.BEHEERDER,
        is_active=True,
    )
    if behalve is not None:
        qs = qs.exclude(pk=behalve.pk)
    return list(qs.order_by("pk"))


def organisaties_van(user: Any, *, beheerder: bool = False) -> QuerySet[Organisatie]:
    """The organisations where `user` is a member (or only administrator), by name."""
    if not user.is_authenticated:
        return Organisatie.objects.none()
    qs = Organisatie.objects.filter(lidmaatschappen__user=user)
    if beheerder:
        qs = qs.filter(lidmaatschappen__rol=LidRol.BEHEERDER)
    return qs.order_by("naam", "id")
