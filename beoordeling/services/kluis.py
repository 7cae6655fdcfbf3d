"""The sealed vault: two different officers of the trajectory's team open a stage's vault after
its deadline (issue 13, rule 2); the other team members are told that a confirmation waits."""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanbesteden import notifications, weergave
from aanbesteden.exceptions import DomainError
from beoordeling import events, permissions
from beoordeling.constants import KLUIS_BEVESTIGEN_BINNEN_MINUTEN, Ronde
from beoordeling.documents import kluis as documents_kluis
from beoordeling.models import KluisOpening
from beoordeling.selectors import kluis as selectors
from trajecten.models import TeamLid
from trajecten.services import traject_vergrendeld

if TYPE_CHECKING:
    from aanbesteden.models import User
    from trajecten.models import Traject

VENSTER = selectors.VENSTER


def kluis_opening_starten(
    *, actor: User, traject: Traject, ronde: Ronde | str, op: datetime | None = None
) -> KluisOpening:
    """The first officer starts the opening of the vault of `ronde` after its deadline.

    `op` is the moment the request reached the server (default now). A second start while
    an opening waits for confirmation within the time window returns that opening.
    """
    ronde = Ronde(ronde)
    op = op or timezone.now()
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        permissions.mag_kluis_openen(actor, traject).vereisen()
        if not selectors.is_verlopen(traject, ronde, op=op):
            raise DomainError(_("The vault opens only after the deadline."))
        if selectors.is_geopend(traject, ronde):
            raise DomainError(_("This vault is already open."))
        wachtend = (
            KluisOpening.objects.filter(
                traject=traject,
                ronde=ronde,
                geopend_op__isnull=True,
                gestart_op__gt=timezone.now() - VENSTER,
            )
            .order_by("-gestart_op")
            .first()
        )
        if wachtend is not None:
            return wachtend
        opening = KluisOpening.objects.create(
            traject=traject, ronde=ronde, gestart_door=actor, gestart_op=timezone.now()
        )
        events.kluis_opening_gestart(actor=actor, traject=traject, opening=opening)
        _team_informeren(actor=actor, traject=traject, opening=opening)
    return opening


def _team_informeren(*, actor: User, traject: Traject, opening: KluisOpening) -> None:
    """Issue 13, rule 2: the other members of the trajectory's team are told (notification
    and e-mail) that a confirmation waits, with the time left in the window."""
    tot = opening.gestart_op + VENSTER
    minuten = max(math.ceil((tot - timezone.now()).total_seconds() / 60), 0)
    tijd = weergave.moment(tot, "H:i", nl=True)
    ronde = notifications.nederlands(Ronde(opening.ronde).label)
    collega_s = (
        TeamLid.objects.filter(
            traject=traject,
            medewerker__gemeente_id=traject.gemeente_id,
            medewerker__user__is_active=True,
        )
        .exclude(medewerker__user=actor)
        .select_related("medewerker__user")
        .order_by("medewerker__user_id")
    )
    gezien = set()
    for lid in collega_s:
        user = lid.medewerker.user
        if user.pk in gezien:
            continue
        gezien.add(user.pk)
        notifications.notify(
            user,
            onderwerp=notifications.nederlands(
                gettext_lazy(
                    "Confirm the opening of the vault before %(tijd)s (%(minuten)s minutes left)"
                ),
                tijd=tijd,
                minuten=minuten,
            ),
            template="beoordeling/mail/kluis_bevestigen.txt",
            context={
                "traject": traject,
                "ronde": ronde,
                "gestart_door": actor.get_full_name() or actor.email,
                "tot": tijd,
                "minuten": minuten,
            },
            url=reverse("beoordeling:kluis", args=[traject.pk]),
        )


def kluis_openen(*, actor: User, opening: KluisOpening, op: datetime | None = None) -> KluisOpening:
    """A second, different officer confirms the opening within the time window. The vault
    opens and the proces-verbaal van opening is requested (rendered after commit)."""
    op = op or timezone.now()
    with transaction.atomic():
        traject = traject_vergrendeld(opening.traject)
        opening = KluisOpening.objects.select_for_update().get(pk=opening.pk)
        permissions.mag_kluis_openen(actor, traject).vereisen()
        if opening.geopend_op is not None or selectors.is_geopend(traject, opening.ronde):
            raise DomainError(_("This vault is already open."))
        permissions.mag_opening_bevestigen(actor, opening).vereisen()
        if not selectors.is_verlopen(traject, opening.ronde, op=op):
            raise DomainError(_("The vault opens only after the deadline."))
        nu = timezone.now()
        if nu > opening.gestart_op + VENSTER:
            raise DomainError(
                _(
                    "The confirmation came too late: more than %(minuten)s minutes after the "
                    "start. Start the opening again."
                )
                % {"minuten": KLUIS_BEVESTIGEN_BINNEN_MINUTEN}
            )
        opening.bevestigd_door = actor
        opening.geopend_op = nu
        opening.save(update_fields=["bevestigd_door", "geopend_op"])
        events.kluis_geopend(
            actor=actor,
            traject=traject,
            opening=opening,
            aantal_ingediend=selectors.aantal_ingediend(traject, opening.ronde),
        )
        opening.traject = traject
        opening.proces_verbaal = documents_kluis.proces_verbaal_aanvragen(
            actor=actor, opening=opening
        )
        opening.save(update_fields=["proces_verbaal"])
    return opening
