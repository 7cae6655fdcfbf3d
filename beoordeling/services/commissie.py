from django.db import transaction

from aanbesteden import audit
from aanbesteden.constants import AuditEventType
from aanbesteden.services import NotAllowed, is_medewerker
from beoordeling.models import Commissielid


def commissielid_toevoegen(*, actor, traject, user, is_bewoner=True):
    """An officer of the trajectory's gemeente adds someone to its selection committee."""
    with transaction.atomic():
        if not is_medewerker(actor, traject.gemeente):
            raise NotAllowed("Alleen medewerkers van de gemeente stellen de commissie samen.")
        lid, created = Commissielid.objects.get_or_create(
            traject=traject, user=user, defaults={"is_bewoner": is_bewoner}
        )
        if created:
            audit.record(
                AuditEventType.COMMISSIELID_TOEGEVOEGD,
                actor=actor,
                target=traject,
                detail={"user": user.email, "bewoner": is_bewoner},
            )
    return lid
