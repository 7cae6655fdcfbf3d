from django.db import transaction

from aanbesteden import audit
from aanbesteden.constants import AuditEventType
from aanbesteden.services import NotAllowed
from coalities.constants import LidRol
from coalities.models import Lidmaatschap, Organisatie


def organisatie_registreren(*, actor, naam, type, beschrijving=""):
    """Anyone with an account registers an organisation and becomes its administrator."""
    with transaction.atomic():
        organisatie = Organisatie.objects.create(naam=naam, type=type, beschrijving=beschrijving)
        Lidmaatschap.objects.create(user=actor, organisatie=organisatie, rol=LidRol.BEHEERDER)
        audit.record(
            AuditEventType.ORGANISATIE_AANGEMAAKT,
            actor=actor,
            target=organisatie,
            detail={"naam": naam, "type": type},
        )
    return organisatie


def lid_toevoegen(*, actor, organisatie, user, rol=LidRol.LID):
    with transaction.atomic():
        organisatie = Organisatie.objects.select_for_update().get(pk=organisatie.pk)
        if not Lidmaatschap.objects.filter(
            user=actor, organisatie=organisatie, rol=LidRol.BEHEERDER
        ).exists():
            raise NotAllowed("Alleen een beheerder van de organisatie voegt leden toe.")
        lid, created = Lidmaatschap.objects.get_or_create(
            user=user, organisatie=organisatie, defaults={"rol": rol}
        )
        if created:
            audit.record(
                AuditEventType.ORGANISATIE_LID_TOEGEVOEGD,
                actor=actor,
                target=organisatie,
                detail={"user": user.email, "rol": rol},
            )
    return lid
