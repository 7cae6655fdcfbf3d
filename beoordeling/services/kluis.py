"""The sealed vault: two different officers open a stage's vault after its deadline."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbesteden import audit
from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.services import is_medewerker
from beoordeling.constants import KLUIS_BEVESTIGEN_BINNEN_MINUTEN, Ronde
from beoordeling.models import KluisOpening
from beoordeling.selectors import kluis as selectors
from trajecten.services import traject_vergrendeld

VENSTER = timedelta(minutes=KLUIS_BEVESTIGEN_BINNEN_MINUTEN)


def _controleer_officier(actor, traject):
    if not is_medewerker(actor, traject.gemeente):
        raise NotAllowed(_("Only officers of the municipality open the vault."))


def kluis_opening_starten(*, actor, traject, ronde, op=None):
    """The first officer starts the opening of the vault of `ronde` after its deadline.

    `op` is the moment the request reached the server (default now). A second start while
    an opening waits for confirmation within the time window returns that opening.
    """
    ronde = Ronde(ronde)
    op = op or timezone.now()
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        _controleer_officier(actor, traject)
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
        audit.record(
            AuditEventType.KLUIS_OPENING_GESTART,
            actor=actor,
            target=traject,
            gemeente=traject.gemeente,
            detail={"ronde": ronde.value, "opening": opening.pk},
        )
    return opening


def kluis_openen(*, actor, opening, op=None):
    """A second, different officer confirms the opening within the time window. The vault
    opens and the proces-verbaal van opening is requested (rendered after commit)."""
    from beoordeling.documents.kluis import proces_verbaal_aanvragen

    op = op or timezone.now()
    with transaction.atomic():
        traject = traject_vergrendeld(opening.traject)
        opening = KluisOpening.objects.select_for_update().get(pk=opening.pk)
        _controleer_officier(actor, traject)
        if opening.geopend_op is not None or selectors.is_geopend(traject, opening.ronde):
            raise DomainError(_("This vault is already open."))
        if opening.gestart_door_id == actor.pk:
            raise NotAllowed(_("Another officer must confirm the opening (four eyes)."))
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
        audit.record(
            AuditEventType.KLUIS_GEOPEND,
            actor=actor,
            target=traject,
            gemeente=traject.gemeente,
            from_state="gesloten",
            to_state="geopend",
            detail={
                "ronde": opening.ronde,
                "opening": opening.pk,
                "gestart_door": opening.gestart_door.email,
                "aantal_ingediend": selectors.aantal_ingediend(traject, opening.ronde),
            },
        )
        opening.traject = traject
        opening.proces_verbaal = proces_verbaal_aanvragen(actor=actor, opening=opening)
        opening.save(update_fields=["proces_verbaal"])
    return opening
