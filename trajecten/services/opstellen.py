"""Setting up a trajectory: create it and fill it in, section by section (issue 4, item 1)."""

from django.db import transaction

from aanbesteden import audit
from aanbesteden.constants import AuditEventType
from aanbesteden.services import NotAllowed, is_medewerker
from trajecten.constants import TrajectStatus
from trajecten.models import Traject


def traject_aanmaken(*, actor, gemeente, titel, opgave="", inschrijving_sluit=None):
    if not is_medewerker(actor, gemeente):
        raise NotAllowed("Alleen medewerkers van deze gemeente maken hier een traject aan.")
    with transaction.atomic():
        traject = Traject.objects.create(
            gemeente=gemeente,
            titel=titel,
            opgave=opgave,
            inschrijving_sluit=inschrijving_sluit,
            aangemaakt_door=actor,
        )
        audit.record(
            AuditEventType.TRAJECT_AANGEMAAKT,
            actor=actor,
            target=traject,
            to_state=TrajectStatus.CONCEPT,
            detail={"titel": titel},
        )
    return traject
