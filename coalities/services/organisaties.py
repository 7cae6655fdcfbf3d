"""Organisations: registering one, its profile, its members and invitations to colleagues.

Every function runs in one transaction, locks the organisation's row (or the actor's, when
there is no organisation yet), checks the rules and writes an audit event.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanbesteden import notifications
from aanbesteden.exceptions import DomainError
from aanbesteden.models import User
from coalities import events
from coalities.constants import PROFIELVELDEN, LidRol, OrganisatieType
from coalities.models import Lidmaatschap, Organisatie, Uitnodiging
from coalities.permissions import (
    mag_lid_toevoegen,
    mag_lid_verwijderen,
    mag_organisatie_beheren,
    mag_organisatie_registreren,
    mag_uitnodiging_aannemen,
)
from coalities.selectors import beheerders_van

logger = logging.getLogger(__name__)

# The same person registering the same name within this time gets the first organisation back.
DUBBELE_KLIK = timedelta(minutes=1)

UITNODIGING_MAIL = "coalities/mail/organisatie_uitnodiging.txt"


def _valideer(organisatie: Organisatie) -> None:
    """Model validation as a DomainError, so that every caller shows it the same way: the
    first invalid field's errors, at that field (`veld`), with its label."""
    try:
        organisatie.full_clean()
    except ValidationError as exc:
        veld, fouten = next(iter(exc.message_dict.items()))
        if veld in PROFIELVELDEN:
            label = getattr(Organisatie._meta.get_field(veld), "verbose_name", veld)
            raise DomainError(
                _("%(label)s: %(fouten)s") % {"label": label, "fouten": " ".join(fouten)},
                veld=veld,
            ) from exc
        raise DomainError(" ".join(fouten)) from exc


def _schoon(waarde: Any) -> Any:
    return waarde.strip() if isinstance(waarde, str) else waarde


def organisatie_registreren(
    *,
    actor: Any,
    naam: str,
    type: str,
    beschrijving: str = "",
    werkgebied: str = "",
    kvk_nummer: str = "",
    rechtsvorm: str = "",
    mensen: str = "",
    referenties: str = "",
    website: str = "",
) -> Organisatie:
    """Anyone with an account registers an organisation and becomes its administrator.

    Only `type` and `naam` are required: a residents' group can fill in nothing else.
    A double click (the same person, the same name, within a minute) returns the first one.
    """
    mag_organisatie_registreren(actor).vereisen()
    naam = _schoon(naam or "")
    if not naam:
        raise DomainError(_("Give the name of the organisation."))
    if type not in OrganisatieType.values:
        raise DomainError(_("Choose the type of organisation."))
    with transaction.atomic():
        # One registration per person at a time: the second click waits here, then finds the first.
        get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
        eerder = (
            Organisatie.objects.filter(
                naam__iexact=naam,
                lidmaatschappen__user=actor,
                lidmaatschappen__rol=LidRol.BEHEERDER,
                created_at__gte=timezone.now() - DUBBELE_KLIK,
            )
            .order_by("created_at", "id")
            .first()
        )
        if eerder is not None:
            return eerder
        organisatie = Organisatie(
            naam=naam,
            type=type,
            beschrijving=_schoon(beschrijving),
            werkgebied=_schoon(werkgebied),
            kvk_nummer=_schoon(kvk_nummer),
            rechtsvorm=rechtsvorm or "",
            mensen=_schoon(mensen),
            referenties=_schoon(referenties),
            website=_schoon(website),
        )
        _valideer(organisatie)
        organisatie.save()
        Lidmaatschap.objects.create(user=actor, organisatie=organisatie, rol=LidRol.BEHEERDER)
        events.organisatie_aangemaakt(actor=actor, organisatie=organisatie)
    return organisatie


def organisatie_wijzigen(*, actor: Any, organisatie: Organisatie, **velden: Any) -> Organisatie:
    """An administrator changes the profile. Audited with the names of the changed fields."""
    onbekend = set(velden) - set(PROFIELVELDEN)
    if onbekend:
        raise DomainError(
            _("These fields cannot be changed: %(velden)s.")
            % {"velden": ", ".join(sorted(onbekend))}
        )
    with transaction.atomic():
        organisatie = Organisatie.objects.select_for_update().get(pk=organisatie.pk)
        mag_organisatie_beheren(actor, organisatie).vereisen()
        gewijzigd = []
        for veld, waarde in velden.items():
            waarde = _schoon(waarde)
            if waarde is None:
                waarde = ""
            if getattr(organisatie, veld) != waarde:
                setattr(organisatie, veld, waarde)
                gewijzigd.append(veld)
        if not organisatie.naam:
            raise DomainError(_("Give the name of the organisation."))
        if not gewijzigd:
            return organisatie
        _valideer(organisatie)
        organisatie.save()
        events.organisatie_gewijzigd(actor=actor, organisatie=organisatie, velden=gewijzigd)
    return organisatie


def lid_toevoegen(
    *, actor: Any, organisatie: Organisatie, user: User, rol: str = LidRol.LID
) -> Lidmaatschap:
    with transaction.atomic():
        organisatie = Organisatie.objects.select_for_update().get(pk=organisatie.pk)
        mag_lid_toevoegen(actor, organisatie).vereisen()
        lid, created = Lidmaatschap.objects.get_or_create(
            user=user, organisatie=organisatie, defaults={"rol": rol}
        )
        if created:
            events.organisatie_lid_toegevoegd(
                actor=actor, organisatie=organisatie, user=user, rol=rol
            )
            _beheerders_melden(
                organisatie,
                actor=actor,
                bericht=gettext_lazy("%(naam)s is now a member of %(organisatie)s (%(rol)s)."),
                naam=str(user),
                rol=LidRol(lid.rol).label,
            )
    return lid


def _beheerders_melden(
    organisatie: Organisatie, *, actor: Any, bericht: Promise, **waarden: Any
) -> None:
    """Tell the organisation's administrators (but the one who did it) that its members
    changed: a member added through a hole would not go unnoticed (issue 11, point 3).
    `bericht` is a lazy msgid; `waarden` fill it, with the organisation's name."""
    onderwerp = notifications.nederlands(
        gettext_lazy("Members of %(organisatie)s changed"), organisatie=organisatie.naam
    )
    tekst = notifications.nederlands(bericht, organisatie=organisatie.naam, **waarden)
    url = reverse("coalities:leden", args=[organisatie.pk])
    for beheerder in beheerders_van(organisatie, behalve=actor):
        notifications.notify(beheerder, onderwerp=onderwerp, tekst=tekst, url=url)


def uitnodiging_pad(uitnodiging: Uitnodiging) -> str:
    return reverse("coalities:uitnodiging", args=[uitnodiging.token])


def _uitnodiging_mailen(uitnodiging: Uitnodiging) -> None:
    """A plain e-mail to the invited address (who may have no account yet), sent after commit
    through the core's outgoing mail, which a lost broker does not lose."""
    context = {
        "uitnodiging": uitnodiging,
        "organisatie": uitnodiging.organisatie,
        "link": notifications.absolute_url(uitnodiging_pad(uitnodiging)),
    }
    notifications.mail_aan_adres(
        aan=uitnodiging.email,
        onderwerp=_uitnodiging_onderwerp(uitnodiging.organisatie),
        template=UITNODIGING_MAIL,
        context=context,
    )


def _uitnodiging_onderwerp(organisatie: Organisatie) -> str:
    return notifications.nederlands(
        gettext_lazy("Invitation to join %(organisatie)s"), organisatie=organisatie.naam
    )


def collega_uitnodigen(
    *, actor: Any, organisatie: Organisatie, email: str, rol: str = LidRol.LID
) -> Uitnodiging:
    """An administrator invites a colleague by e-mail.

    Inviting an address that has an open invitation returns that one and sends nothing new.
    """
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise DomainError(_("Enter a valid e-mail address.")) from exc
    if rol not in LidRol.values:
        raise DomainError(_("Choose a role."))
    with transaction.atomic():
        organisatie = Organisatie.objects.select_for_update().get(pk=organisatie.pk)
        mag_organisatie_beheren(actor, organisatie).vereisen()
        if Lidmaatschap.objects.filter(organisatie=organisatie, user__email__iexact=email).exists():
            raise DomainError(
                _("%(email)s is already a member of this organisation.") % {"email": email}
            )
        open_uitnodiging = Uitnodiging.objects.filter(
            organisatie=organisatie,
            email=email,
            aangenomen_op__isnull=True,
            ingetrokken_op__isnull=True,
        ).first()
        if open_uitnodiging is not None and not open_uitnodiging.is_verlopen:
            return open_uitnodiging
        if open_uitnodiging is not None:
            # The old link has expired: it is closed (on record) and a new one is sent.
            _uitnodiging_sluiten(
                open_uitnodiging, organisatie=organisatie, actor=actor, reden="verlopen"
            )
        uitnodiging = Uitnodiging.objects.create(
            organisatie=organisatie, email=email, rol=rol, uitgenodigd_door=actor
        )
        events.organisatie_lid_uitgenodigd(
            actor=actor, organisatie=organisatie, uitnodiging=uitnodiging
        )
        bestaand = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if bestaand is not None:
            notifications.notify(
                bestaand,
                onderwerp=_uitnodiging_onderwerp(organisatie),
                template=UITNODIGING_MAIL,
                context={
                    "uitnodiging": uitnodiging,
                    "organisatie": organisatie,
                    "link": notifications.absolute_url(uitnodiging_pad(uitnodiging)),
                },
                url=uitnodiging_pad(uitnodiging),
            )
        _uitnodiging_mailen(uitnodiging)
    return uitnodiging


def uitnodiging_intrekken(*, actor: Any, uitnodiging: Uitnodiging) -> Uitnodiging:
    """An administrator withdraws an open invitation; its link stops working."""
    with transaction.atomic():
        organisatie = Organisatie.objects.select_for_update().get(pk=uitnodiging.organisatie_id)
        mag_organisatie_beheren(actor, organisatie).vereisen()
        uitnodiging = Uitnodiging.objects.select_for_update().get(pk=uitnodiging.pk)
        if uitnodiging.ingetrokken_op is not None:
            return uitnodiging
        if uitnodiging.aangenomen_op is not None:
            raise DomainError(_("This invitation has already been accepted."))
        _uitnodiging_sluiten(uitnodiging, organisatie=organisatie, actor=actor)
    return uitnodiging


def _uitnodiging_sluiten(
    uitnodiging: Uitnodiging, *, organisatie: Organisatie, actor: Any, reden: str | None = None
) -> None:
    """Its link stops working; on record (inside the caller's transaction and lock)."""
    uitnodiging.ingetrokken_op = timezone.now()
    uitnodiging.save(update_fields=["ingetrokken_op"])
    events.organisatie_uitnodiging_ingetrokken(
        actor=actor, organisatie=organisatie, uitnodiging=uitnodiging, reden=reden
    )


def uitnodiging_aannemen(*, actor: Any, token: Any) -> Lidmaatschap:
    """A logged-in person accepts an invitation (issue 11, point 14).

    The token alone is not enough: the link expires after ORGANISATIE_UITNODIGING_DAGEN days,
    and the account must have a verified e-mail address equal (in any case) to the invited
    one, so that a forwarded or leaked link does not make a stranger a member. Someone with
    a work and a private address adds and confirms the invited address in the account."""
    mag_uitnodiging_aannemen(actor, None).vereisen()
    with transaction.atomic():
        uitnodiging = (
            Uitnodiging.objects.select_for_update()
            .select_related("organisatie")
            .filter(token=token)
            .first()
        )
        if uitnodiging is None:
            raise DomainError(_("This invitation does not exist."))
        organisatie = Organisatie.objects.select_for_update().get(pk=uitnodiging.organisatie_id)
        if uitnodiging.ingetrokken_op is not None:
            raise DomainError(
                _("This invitation has been withdrawn. Ask the organisation for a new one.")
            )
        if uitnodiging.aangenomen_op is not None:
            if uitnodiging.aangenomen_door_id == actor.pk:
                # A second click of the same person: nothing new.
                return Lidmaatschap.objects.get(user=actor, organisatie=organisatie)
            raise DomainError(
                _("This invitation has already been used. Ask the organisation for a new one.")
            )
        if uitnodiging.is_verlopen:
            raise DomainError(
                _(
                    "This invitation has expired. Ask the administrator of the organisation "
                    "for a new invitation."
                )
            )
        mag_uitnodiging_aannemen(actor, uitnodiging).vereisen()
        lidmaatschap, nieuw = Lidmaatschap.objects.get_or_create(
            user=actor, organisatie=organisatie, defaults={"rol": uitnodiging.rol}
        )
        uitnodiging.aangenomen_op = timezone.now()
        uitnodiging.aangenomen_door = actor
        uitnodiging.save(update_fields=["aangenomen_op", "aangenomen_door"])
        events.organisatie_uitnodiging_aangenomen(
            actor=actor,
            organisatie=organisatie,
            uitnodiging=uitnodiging,
            rol=lidmaatschap.rol,
            al_lid=not nieuw,
        )
        if nieuw:
            _beheerders_melden(
                organisatie,
                actor=actor,
                bericht=gettext_lazy(
                    "%(naam)s accepted the invitation and is now a member of "
                    "%(organisatie)s (%(rol)s)."
                ),
                naam=str(actor),
                rol=LidRol(lidmaatschap.rol).label,
            )
    return lidmaatschap


def _laatste_beheerder(lidmaatschap: Lidmaatschap) -> bool:
    return (
        lidmaatschap.rol == LidRol.BEHEERDER
        and not Lidmaatschap.objects.filter(
            organisatie_id=lidmaatschap.organisatie_id, rol=LidRol.BEHEERDER
        )
        .exclude(pk=lidmaatschap.pk)
        .exists()
    )


def lid_rol_wijzigen(*, actor: Any, lidmaatschap: Lidmaatschap, rol: str) -> Lidmaatschap:
    """An administrator changes a member's role; the last administrator stays administrator."""
    if rol not in LidRol.values:
        raise DomainError(_("Choose a role."))
    with transaction.atomic():
        organisatie = Organisatie.objects.select_for_update().get(pk=lidmaatschap.organisatie_id)
        mag_organisatie_beheren(actor, organisatie).vereisen()
        lidmaatschap = Lidmaatschap.objects.select_for_update().get(pk=lidmaatschap.pk)
        if lidmaatschap.rol == rol:
            return lidmaatschap
        if rol != LidRol.BEHEERDER and _laatste_beheerder(lidmaatschap):
            raise DomainError(
                _(
                    "An organisation needs at least one administrator. "
                    "Make someone else administrator first."
                )
            )
        oud = lidmaatschap.rol
        lidmaatschap.rol = rol
        lidmaatschap.save(update_fields=["rol"])
        events.organisatie_lid_rol_gewijzigd(
            actor=actor,
            organisatie=organisatie,
            lid=lidmaatschap.user_id,
            vorige=oud,
            nieuwe=rol,
        )
        _beheerders_melden(
            organisatie,
            actor=actor,
            bericht=gettext_lazy("The role of %(naam)s in %(organisatie)s is now: %(rol)s."),
            naam=str(lidmaatschap.user),
            rol=LidRol(lidmaatschap.rol).label,
        )
    return lidmaatschap


def lid_verwijderen(*, actor: Any, lidmaatschap: Lidmaatschap) -> None:
    """An administrator removes a member (or a member leaves); never the last administrator."""
    with transaction.atomic():
        organisatie = Organisatie.objects.select_for_update().get(pk=lidmaatschap.organisatie_id)
        lid = Lidmaatschap.objects.select_for_update().filter(pk=lidmaatschap.pk).first()
        if lid is None:
            return None  # already removed: a double click
        zelf = actor is not None and lid.user_id == actor.pk
        mag_lid_verwijderen(actor, lid).vereisen()
        if _laatste_beheerder(lid):
            raise DomainError(
                _(
                    "An organisation needs at least one administrator. "
                    "Make someone else administrator first."
                )
            )
        user_id = lid.user_id
        rol = lid.rol
        naam = str(lid.user)
        lid.delete()
        events.organisatie_lid_verwijderd(
            actor=actor, organisatie=organisatie, lid=user_id, rol=rol, zelf=zelf
        )
        _beheerders_melden(
            organisatie,
            actor=actor,
            bericht=gettext_lazy("%(naam)s is no longer a member of %(organisatie)s."),
            naam=naam,
        )
    return None
