"""Writes and transitions of the core: municipalities and their officers."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from aanbesteden import events
from aanbesteden.constants import Functie
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import Gemeente, Medewerker, User
from aanbesteden.permissions import is_medewerker


def gemeente_aanmaken(*, actor: User | None, naam: str, slug: str, **settings: Any) -> Gemeente:
    if actor is not None and not actor.is_platformbeheerder:
        raise NotAllowed(_("Only a platform administrator creates a municipality."))
    with transaction.atomic():
        gemeente = Gemeente(naam=naam, slug=slug, **settings)
        gemeente.full_clean()
        gemeente.save()
        events.gemeente_aangemaakt(actor=actor, gemeente=gemeente)
    return gemeente


def gemeente_instellingen_wijzigen(*, actor: User, gemeente: Gemeente, **changes: Any) -> Gemeente:
    with transaction.atomic():
        gemeente = Gemeente.objects.select_for_update().get(pk=gemeente.pk)
        if not (actor.is_platformbeheerder or is_medewerker(actor, gemeente)):
            raise NotAllowed(_("You may not change the settings of this municipality."))
        before = {key: getattr(gemeente, key) for key in changes}
        for key, value in changes.items():
            setattr(gemeente, key, value)
        gemeente.full_clean()
        gemeente.save()
        events.gemeente_gewijzigd(
            actor=actor, gemeente=gemeente, voor=_voor_detail(before), na=_voor_detail(changes)
        )
    return gemeente


def medewerker_toevoegen(
    *, actor: User | None, gemeente: Gemeente, user: User, functie: str = Functie.BELEID
) -> Medewerker:
    with transaction.atomic():
        if actor is not None and not (actor.is_platformbeheerder or is_medewerker(actor, gemeente)):
            raise NotAllowed(_("You may not add officers to this municipality."))
        medewerker, created = Medewerker.objects.get_or_create(
            user=user, gemeente=gemeente, defaults={"functie": functie}
        )
        if created:
            events.medewerker_toegevoegd(actor=actor, medewerker=medewerker)
    return medewerker


def medewerker_verwijderen(*, actor: User | None, medewerker: Medewerker) -> None:
    """An officer leaves a gemeente (by a colleague or the platform administrator)."""
    with transaction.atomic():
        medewerker = (
            Medewerker.objects.select_for_update().select_related("gemeente", "user")
        ).get(pk=medewerker.pk)
        gemeente = medewerker.gemeente
        if actor is not None and not (actor.is_platformbeheerder or is_medewerker(actor, gemeente)):
            raise NotAllowed(_("You may not remove officers of this municipality."))
        events.medewerker_verwijderd(actor=actor, medewerker=medewerker)
        medewerker.delete()


def waarom_niet_blokkeren(actor: User | None, user: User) -> str | None:
    """Why `actor` may not block or unblock `user`, or None: asked by the service and by the
    admin's form, so that the admin shows the reason at the field."""
    if actor is None or not actor.is_platformbeheerder:
        return _("Only a platform administrator blocks or unblocks an account.")
    if actor.pk == user.pk:
        return _("You cannot block your own account.")
    return None


def account_blokkeren(*, actor: User | None, user: User, actief: bool = False) -> User:
    """The platform administrator blocks an account (it can no longer log in) or unblocks it;
    never its own, so that the last door is not locked from inside."""
    if reden := waarom_niet_blokkeren(actor, user):
        raise NotAllowed(reden)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active == actief:
            return user
        user.is_active = actief
        user.save(update_fields=["is_active"])
        events.account_actief_gezet(actor=actor, user=user, actief=actief)
    return user


def _voor_detail(values: dict[str, Any]) -> dict[str, Any]:
    """Values as the audit detail stores them (a file by its name)."""
    return {
        key: (value.name if isinstance(value, File) else value) for key, value in values.items()
    }


def notificatie_voorkeur_wijzigen(*, actor: User, voorkeur: str) -> User:
    """A user chooses e-mail and in-app, or in-app only."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        vorige = user.notificatie_voorkeur
        if vorige == voorkeur:
            return user
        user.notificatie_voorkeur = voorkeur
        user.save(update_fields=["notificatie_voorkeur"])
        events.voorkeur_gewijzigd(actor=actor, user=user, vorige=vorige, nieuwe=voorkeur)
    return user


def adres_bevestigd(user: User) -> None:
    """The person followed a link mailed to the account's address: it is verified (as
    allauth's own confirmation would)."""
    EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=False).update(
        verified=True
    )


def account_voor(*, naam: str, email: str | None) -> User:
    """The account with this e-mail address, or a new light account: name and address, no
    usable password, the address not yet verified. The person logs in later with a code
    sent by e-mail (allauth), which verifies the address. Used where someone takes part
    without signing up first: a session registration, a committee invitation."""
    email = (email or "").strip()
    if not email:
        raise DomainError(_("Give your e-mail address."))
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, password=None, naam=naam)
            EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    except IntegrityError:
        # The same address registered at the same moment elsewhere: use that account.
        user = User.objects.get(email__iexact=email)
    return user
