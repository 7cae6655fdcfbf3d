"""Reads of organisations, scoped to the person who asks.

The profile and the directory are public. The member list is for the organisation's members;
e-mail addresses of members are never part of what these selectors give to pages.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.db.models.functions import Lower
from django.utils import timezone

from coalities.constants import LidRol
from coalities.models import Lidmaatschap, Organisatie, Uitnodiging


def lidmaatschappen_van(user: Any) -> QuerySet[Lidmaatschap]:
    if not user.is_authenticated:
        return Lidmaatschap.objects.none()
    return Lidmaatschap.objects.filter(user=user).select_related("organisatie")


def organisaties_voor_aanmelding(user: Any) -> list[tuple[str, str]]:
    """(key, name) of each organisation `user` is a member of: the source for the limit per
    organisation of a session (registered with trajecten in CoalitiesConfig.ready())."""
    if not user.is_authenticated:
        return []
    return [
        (f"coalities.organisatie:{pk}", naam)
        for pk, naam in Lidmaatschap.objects.filter(user=user).values_list(
            "organisatie_id", "organisatie__naam"
        )
    ]


def organisatie_profiel(pk: int) -> Organisatie:
    """An organisation's profile is public: it is reused for every bid."""
    return Organisatie.objects.get(pk=pk)


def organisaties_lijst() -> QuerySet[Organisatie]:
    """The public directory: every organisation.

    Filtered by `coalities.forms.organisaties.OrganisatieFilter`.
    """
    return Organisatie.objects.order_by("naam", "id")


def lidmaatschap_van(user: Any, organisatie_pk: int) -> Lidmaatschap | None:
    """The user's membership of the organisation (with the organisation), or None."""
    if not user.is_authenticated:
        return None
    return (
        Lidmaatschap.objects.select_related("organisatie")
        .filter(user=user, organisatie_id=organisatie_pk)
        .first()
    )


def lid_van(user: Any, organisatie_pk: int) -> Lidmaatschap:
    """The user's membership, for pages of members only: Lidmaatschap.DoesNotExist otherwise."""
    lidmaatschap = lidmaatschap_van(user, organisatie_pk)
    if lidmaatschap is None:
        raise Lidmaatschap.DoesNotExist
    return lidmaatschap


def beheerder_van(user: Any, organisatie_pk: int) -> Lidmaatschap:
    """The user's administrator membership: Lidmaatschap.DoesNotExist for anyone else."""
    lidmaatschap = lidmaatschap_van(user, organisatie_pk)
    if lidmaatschap is None or lidmaatschap.rol != LidRol.BEHEERDER:
        raise Lidmaatschap.DoesNotExist
    return lidmaatschap


def leden_van(organisatie: Organisatie) -> QuerySet[Lidmaatschap]:
    """The members with their names and roles, administrators first. Only for members."""
    return (
        Lidmaatschap.objects.filter(organisatie=organisatie)
        .select_related("user")
        .annotate(
            _volgorde=Case(
                When(rol=LidRol.BEHEERDER, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("_volgorde", "user__naam", "user__email", "id")
    )


def lid_in(organisatie: Organisatie, lid_pk: int) -> Lidmaatschap:
    """One membership of the organisation (for an administrator's action on it)."""
    return Lidmaatschap.objects.select_related("user").get(organisatie=organisatie, pk=lid_pk)


def open_uitnodigingen_van(organisatie: Organisatie) -> QuerySet[Uitnodiging]:
    """Open invitations of the organisation, for its administrators."""
    return Uitnodiging.objects.filter(
        organisatie=organisatie, aangenomen_op__isnull=True, ingetrokken_op__isnull=True
    ).order_by("-created_at", "-id")


def uitnodiging_van(organisatie: Organisatie, uitnodiging_pk: int) -> Uitnodiging:
    return Uitnodiging.objects.get(organisatie=organisatie, pk=uitnodiging_pk)


def uitnodiging_met_token(token: Any) -> Uitnodiging:
    """The invitation of a link: the token is the proof, whoever holds it may see it."""
    return Uitnodiging.objects.select_related("organisatie", "uitgenodigd_door").get(token=token)


def heeft_geverifieerd_adres(user: Any, email: str) -> bool:
    """Whether `user` has confirmed owning `email` (any of its verified addresses, any case)."""
    if not user.is_authenticated:
        return False
    return EmailAddress.objects.filter(user=user, verified=True, email__iexact=email).exists()


def gemaskeerd_adres(email: str) -> str:
    """An e-mail address with most of its name hidden: "w***@werk.nl"."""
    naam, _apenstaart, domein = (email or "").partition("@")
    return f"{naam[:1]}***@{domein}" if domein else "***"


def uitnodigingen_voor(user: Any) -> QuerySet[Uitnodiging]:
    """Open, unexpired invitations addressed to one of the user's verified e-mail addresses,
    for organisations the user is not yet a member of (only those it can accept)."""
    if not user.is_authenticated:
        return Uitnodiging.objects.none()
    adressen = (
        EmailAddress.objects.filter(user=user, verified=True)
        .annotate(adres=Lower("email"))
        .values("adres")
    )
    return (
        Uitnodiging.objects.filter(
            aangenomen_op__isnull=True,
            ingetrokken_op__isnull=True,
            created_at__gt=timezone.now() - Uitnodiging.geldigheid(),
        )
        .filter(email__in=adressen)
        .exclude(organisatie__lidmaatschappen__user=user)
        .select_related("organisatie")
        .order_by("-created_at", "-id")
    )
