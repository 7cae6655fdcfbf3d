"""Publication, the uitvraag, corrections and followers (issue 4, items 3-5)."""

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aanbesteden import audit
from aanbesteden.constants import AuditEventType, DocumentStatus
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.services import is_medewerker
from trajecten import inhoud
from trajecten.constants import FASE_STAAT_TOE, TrajectStatus, UitvraagAanleiding
from trajecten.documents import uitvraag as documents
from trajecten.models import Rectificatie, Volger
from trajecten.services import traject_vergrendeld


class NietPubliceerbaar(DomainError):
    """Publication refused; `redenen` holds every reason, not only the first."""

    def __init__(self, redenen):
        self.redenen = list(redenen)
        super().__init__(" ".join(self.redenen))


def uitvraag_concept_maken(*, actor, traject):
    """Make a draft version of the call (not public) from the trajectory as it is now.

    A second click while nothing changed gives back the version already made (unless
    its PDF failed for good), so a double click never makes two versions.
    """
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        if not is_medewerker(actor, traject.gemeente):
            raise NotAllowed(_("Only officers of this municipality make the call."))
        if traject.status != TrajectStatus.CONCEPT:
            raise DomainError(
                _("This trajectory has been published: a new version comes with a correction.")
            )
        laatste = traject.uitvraagversies.select_related("document").order_by("-versie").first()
        if (
            laatste is not None
            and laatste.document.status != DocumentStatus.DEFINITIEF_MISLUKT
            and laatste.inhoud_hash == inhoud.inhoud_hash(inhoud.snapshot(traject))
        ):
            return laatste
        return documents.uitvraag_aanvragen(
            actor=actor, traject=traject, aanleiding=UitvraagAanleiding.CONCEPT, openbaar=False
        )


def traject_publiceren(*, actor, traject):
    """Publish a complete draft with a ready, up-to-date call; the call becomes public.

    Raises `NietPubliceerbaar` with every reason when it cannot be published.
    """
    from trajecten.selectors.publicatie import laatste_uitvraag, redenen_niet_publiceren

    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        if not is_medewerker(actor, traject.gemeente):
            raise NotAllowed(_("Only officers of this municipality publish this trajectory."))
        if traject.status != TrajectStatus.CONCEPT:
            raise DomainError(_("This trajectory has already been published."))
        redenen = redenen_niet_publiceren(traject)
        if redenen:
            raise NietPubliceerbaar(redenen)
        uitvraag = laatste_uitvraag(traject)
        traject.status = TrajectStatus.GEPUBLICEERD
        traject.gepubliceerd_op = timezone.now()
        traject.save(update_fields=["status", "gepubliceerd_op", "gewijzigd_op"])
        uitvraag.openbaar = True
        uitvraag.aanleiding = UitvraagAanleiding.PUBLICATIE
        uitvraag.save(update_fields=["openbaar", "aanleiding"])
        uitvraag.document.openbaar = True
        uitvraag.document.save(update_fields=["openbaar"])
        audit.record(
            AuditEventType.TRAJECT_GEPUBLICEERD,
            actor=actor,
            target=traject,
            from_state=TrajectStatus.CONCEPT,
            to_state=TrajectStatus.GEPUBLICEERD,
            detail={
                "uitvraag_versie": uitvraag.versie,
                "sha256": uitvraag.document.sha256,
                "inhoud_hash": uitvraag.inhoud_hash,
            },
        )
    return traject


def rectificatie_publiceren(*, actor, traject, reden, wijzigingen):
    """Publish a correction of a published trajectory, with a new public version of the call.

    Called by the service that applied the changes, inside its transaction (the
    trajectory row is locked again, harmlessly). `wijzigingen` is the list from
    `trajecten.inhoud.verschillen`. Followers and registered parties are told, each once.
    """
    reden = (reden or "").strip()
    wijzigingen = list(wijzigingen or [])
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        if not is_medewerker(actor, traject.gemeente):
            raise NotAllowed(_("Only officers of this municipality publish a correction."))
        if traject.status != TrajectStatus.GEPUBLICEERD:
            raise DomainError(_("Only a published trajectory gets a correction."))
        if traject.actieve_fase not in FASE_STAAT_TOE["rectificeren"]:
            raise DomainError(
                _("The active phase (%(fase)s) does not allow corrections.")
                % {"fase": traject.get_actieve_fase_display()}
            )
        if not reden:
            raise DomainError(_("Give the reason for the correction."))
        if not wijzigingen:
            raise DomainError(_("A correction needs at least one change."))
        nummer = (traject.rectificaties.aggregate(hoogste=Max("nummer"))["hoogste"] or 0) + 1
        rectificatie = Rectificatie.objects.create(
            traject=traject,
            nummer=nummer,
            reden=reden,
            wijzigingen=wijzigingen,
            gepubliceerd_door=actor,
        )
        # Made after the correction exists, so the new version lists it too.
        uitvraag = documents.uitvraag_aanvragen(
            actor=actor,
            traject=traject,
            aanleiding=UitvraagAanleiding.RECTIFICATIE,
            openbaar=True,
        )
        rectificatie.uitvraag_versie = uitvraag
        rectificatie.save(update_fields=["uitvraag_versie"])
        audit.record(
            AuditEventType.RECTIFICATIE_GEPUBLICEERD,
            actor=actor,
            target=traject,
            detail={
                "nummer": nummer,
                "reden": reden,
                "velden": [w.get("veld", "") for w in wijzigingen if isinstance(w, dict)],
                "uitvraag_versie": uitvraag.versie,
            },
        )
        belanghebbenden_informeren(
            traject=traject,
            onderwerp=_onderwerp_rectificatie(traject, nummer),
            template="trajecten/mail/rectificatie.txt",
            context={"rectificatie": rectificatie, "wijzigingen": wijzigingen},
            url=rectificatie_url(rectificatie),
            behalve=(actor,),
        )
    return rectificatie


def rectificatie_url(rectificatie):
    return reverse("trajecten:rectificatie", args=[rectificatie.traject_id, rectificatie.nummer])


def _onderwerp_rectificatie(traject, nummer):
    with translation.override("nl"):
        return _("Correction %(nummer)s: %(titel)s") % {"nummer": nummer, "titel": traject.titel}


def traject_volgen(*, actor, traject):
    """Follow a published trajectory. Idempotent: a second click changes nothing.

    Returns True when `actor` now follows it and did not before.
    """
    if not actor.is_authenticated:
        raise NotAllowed(_("Log in to follow a trajectory."))
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        if traject.status != TrajectStatus.GEPUBLICEERD:
            raise DomainError(_("Only a published trajectory can be followed."))
        _volger, nieuw = Volger.objects.get_or_create(traject=traject, user=actor)
        if nieuw:
            audit.record(AuditEventType.TRAJECT_GEVOLGD, actor=actor, target=traject)
    return nieuw


def traject_ontvolgen(*, actor, traject):
    """Stop following. Idempotent: returns True only when a follow was removed."""
    if not actor.is_authenticated:
        raise NotAllowed(_("Log in to follow a trajectory."))
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        if traject.status != TrajectStatus.GEPUBLICEERD:
            raise DomainError(_("Only a published trajectory can be followed."))
        verwijderd, _detail = Volger.objects.filter(traject=traject, user=actor).delete()
        if verwijderd:
            audit.record(AuditEventType.TRAJECT_ONTVOLGD, actor=actor, target=traject)
    return bool(verwijderd)


def belanghebbenden_informeren(*, traject, onderwerp, template, context=None, url="", behalve=()):
    """Notify each follower and registered party of `traject` once, in the caller's transaction.

    `behalve`: users who need no notification (for example the officer who acted).
    Returns the number of people notified. Someone who follows, registered for a
    session and asked a question is one person and gets one message.
    """
    from aanbesteden import notifications
    from trajecten.selectors.publicatie import belanghebbenden

    uitgezonderd = {u.pk for u in behalve if u is not None and u.is_authenticated}
    aantal = 0
    gezien = set()
    for user in belanghebbenden(traject):
        if user.pk in uitgezonderd or user.pk in gezien:
            continue
        gezien.add(user.pk)
        notifications.notify(
            user,
            onderwerp=onderwerp,
            template=template,
            context={"traject": traject, **(context or {})},
            url=url or traject.get_absolute_url(),
        )
        aantal += 1
    return aantal
