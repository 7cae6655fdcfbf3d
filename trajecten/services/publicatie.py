"""Publication, the uitvraag, corrections and followers (issue 4, items 3-5)."""

from django.db import transaction
from django.utils import timezone

from aanbesteden import audit
from aanbesteden.constants import AuditEventType
from aanbesteden.services import DomainError, NotAllowed, is_medewerker
from trajecten.constants import TrajectStatus
from trajecten.models import Traject


def traject_publiceren(*, actor, traject):
    with transaction.atomic():
        traject = Traject.objects.select_for_update().get(pk=traject.pk)
        if not is_medewerker(actor, traject.gemeente):
            raise NotAllowed("Alleen medewerkers van deze gemeente publiceren dit traject.")
        if traject.status != TrajectStatus.CONCEPT:
            raise DomainError("Dit traject is al gepubliceerd.")
        traject.status = TrajectStatus.GEPUBLICEERD
        traject.gepubliceerd_op = timezone.now()
        traject.save(update_fields=["status", "gepubliceerd_op"])
        audit.record(
            AuditEventType.TRAJECT_GEPUBLICEERD,
            actor=actor,
            target=traject,
            from_state=TrajectStatus.CONCEPT,
            to_state=TrajectStatus.GEPUBLICEERD,
        )
    return traject


def belanghebbenden_informeren(*, traject, onderwerp, template, context=None, url="", behalve=()):
    """Notify each follower and registered party of `traject` once, in the caller's transaction.

    `behalve`: users who need no notification (for example the officer who acted).
    Returns the number of people notified.
    """
    from aanbesteden import notifications
    from trajecten.selectors.publicatie import belanghebbenden

    uitgezonderd = {u.pk for u in behalve}
    aantal = 0
    for user in belanghebbenden(traject):
        if user.pk in uitgezonderd:
            continue
        notifications.notify(
            user,
            onderwerp=onderwerp,
            template=template,
            context={"traject": traject, **(context or {})},
            url=url or traject.get_absolute_url(),
        )
        aantal += 1
    return aantal
