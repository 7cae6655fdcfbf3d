"""Publication, the uitvraag, corrections and followers (issue 4, items 3-5)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanbesteden import notifications
from aanbesteden.constants import DocumentStatus
from aanbesteden.exceptions import DomainError
from aanbesteden.models import User
from trajecten import events, inhoud, permissions
from trajecten.constants import FASE_STAAT_TOE, TrajectStatus, UitvraagAanleiding
from trajecten.documents import uitvraag as documents
from trajecten.models import Rectificatie, Traject, UitvraagVersie, Volger
from trajecten.selectors.publicatie import (
    belanghebbenden,
    laatste_uitvraag,
    redenen_niet_publiceren,
)
from trajecten.services import consultatie as consultatie_services
from trajecten.services import traject_vergrendeld


class NietPubliceerbaar(DomainError):
    """Publication refused. The page lists every reason, each as its own message, so
    `redenen` holds them all; the message is the first."""

    def __init__(self, redenen: Iterable[str]) -> None:
        self.redenen = list(redenen)
        super().__init__(self.redenen[0] if self.redenen else "")


def uitvraag_aanvragen(
    *, actor: User, traject: Traject, aanleiding: str, openbaar: bool
) -> UitvraagVersie:
    """Make the next version of the call (uitvraag) as a PDF; returns the `UitvraagVersie`.

    Must run inside the caller's transaction: the trajectory row is locked so that two
    requests never get the same version number. The content is frozen now (the
    snapshot of `trajecten.inhoud` plus the Q&A and corrections so far); its hash tells
    later whether the version still matches the trajectory.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("uitvraag_aanvragen must be called inside transaction.atomic.")
    traject = traject_vergrendeld(traject)
    snapshot = inhoud.snapshot(traject)
    versie = (traject.uitvraagversies.aggregate(hoogste=Max("versie"))["hoogste"] or 0) + 1
    document = documents.uitvraag_document_aanvragen(
        actor=actor,
        traject=traject,
        snapshot=snapshot,
        versie=versie,
        aanleiding=aanleiding,
        openbaar=openbaar,
    )
    uitvraag = UitvraagVersie.objects.create(
        traject=traject,
        versie=versie,
        aanleiding=aanleiding,
        document=document,
        inhoud_hash=inhoud.inhoud_hash(snapshot),
        openbaar=openbaar,
    )
    events.uitvraag_aangevraagd(actor=actor, traject=traject, uitvraag=uitvraag)
    return uitvraag


def uitvraag_concept_maken(*, actor: User, traject: Traject) -> UitvraagVersie:
    """Make a draft version of the call (not public) from the trajectory as it is now.

    A second click while nothing changed gives back the version already made (unless
    its PDF failed for good), so a double click never makes two versions.
    """
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        permissions.mag_uitvraag_maken(actor, traject).vereisen()
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
        return uitvraag_aanvragen(
            actor=actor, traject=traject, aanleiding=UitvraagAanleiding.CONCEPT, openbaar=False
        )


def traject_publiceren(*, actor: User, traject: Traject) -> Traject:
    """Publish a complete draft with a ready, up-to-date call; the call becomes public.

    Raises `NietPubliceerbaar` with every reason when it cannot be published.
    """
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        permissions.mag_publiceren(actor, traject).vereisen()
        if traject.status != TrajectStatus.CONCEPT:
            raise DomainError(_("This trajectory has already been published."))
        redenen = redenen_niet_publiceren(traject)
        if redenen:
            raise NietPubliceerbaar(redenen)
        uitvraag = laatste_uitvraag(traject)
        assert uitvraag is not None  # redenen_niet_publiceren refuses without a call
        traject.status = TrajectStatus.GEPUBLICEERD
        traject.gepubliceerd_op = timezone.now()
        traject.save(update_fields=["status", "gepubliceerd_op", "gewijzigd_op"])
        uitvraag.openbaar = True
        uitvraag.aanleiding = UitvraagAanleiding.PUBLICATIE
        uitvraag.save(update_fields=["openbaar", "aanleiding"])
        uitvraag.document.openbaar = True
        uitvraag.document.save(update_fields=["openbaar"])
        events.traject_gepubliceerd(actor=actor, traject=traject, uitvraag=uitvraag)
        # Issue 14, point 1: the consultation closes (if still open) and its report, part of
        # the call, goes to everyone at once: who reacted or registered is told now.
        consultatie = consultatie_services.sluiten_bij_publicatie(actor=actor, traject=traject)
        if consultatie is not None:
            belanghebbenden_informeren(
                traject=traject,
                onderwerp=notifications.nederlands(
                    gettext_lazy("Published with the consultation report: %(titel)s"),
                    titel=traject.titel,
                ),
                template="trajecten/mail/consultatie_verslag.txt",
                context={"consultatie": consultatie},
                url=traject.get_absolute_url(),
                behalve=(actor,),
            )
    return traject


def rectificatie_publiceren(
    *, actor: User, traject: Traject, reden: str, wijzigingen: Sequence[Any]
) -> Rectificatie:
    """Publish a correction of a published trajectory, with a new public version of the call.

    Called by the service that applied the changes, inside its transaction (the
    trajectory row is locked again, harmlessly). `wijzigingen` is the list from
    `trajecten.inhoud.verschillen`. Followers and registered parties are told, each once.
    """
    reden = (reden or "").strip()
    wijzigingen = list(wijzigingen or [])
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        permissions.mag_rectificatie_publiceren(actor, traject).vereisen()
        if traject.status != TrajectStatus.GEPUBLICEERD:
            raise DomainError(_("Only a published trajectory gets a correction."))
        if not rectificatie_fase_staat_toe(traject, wijzigingen):
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
        uitvraag = uitvraag_aanvragen(
            actor=actor,
            traject=traject,
            aanleiding=UitvraagAanleiding.RECTIFICATIE,
            openbaar=True,
        )
        rectificatie.uitvraag_versie = uitvraag
        rectificatie.save(update_fields=["uitvraag_versie"])
        events.rectificatie_gepubliceerd(
            actor=actor,
            traject=traject,
            nummer=nummer,
            reden=reden,
            wijzigingen=wijzigingen,
            uitvraag=uitvraag,
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


def rectificatie_fase_staat_toe(traject: Traject, wijzigingen: Sequence[Any]) -> bool:
    """Whether the active phase allows this correction: the rules of the game change only
    in phases A and B; a correction that only moves planning dates (assessment, award,
    start) is possible in every phase (issue 13, rule 19)."""
    if traject.actieve_fase in FASE_STAAT_TOE["rectificeren"]:
        return True
    velden = {w.get("veld") for w in wijzigingen}
    return (
        bool(velden)
        and velden <= set(Traject.PLANNINGSDATA)
        and traject.actieve_fase in FASE_STAAT_TOE["planning_corrigeren"]
    )


def rectificatie_url(rectificatie: Rectificatie) -> str:
    return reverse("trajecten:rectificatie", args=[rectificatie.traject_id, rectificatie.nummer])


def _onderwerp_rectificatie(traject: Traject, nummer: int) -> str:
    with translation.override("nl"):
        return _("Correction %(nummer)s: %(titel)s") % {"nummer": nummer, "titel": traject.titel}


def traject_volgen(*, actor: Any, traject: Traject) -> bool:
    """Follow a published trajectory. Idempotent: a second click changes nothing.

    Returns True when `actor` now follows it and did not before.
    """
    permissions.mag_volgen(actor).vereisen()
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        if traject.status != TrajectStatus.GEPUBLICEERD:
            raise DomainError(_("Only a published trajectory can be followed."))
        _volger, nieuw = Volger.objects.get_or_create(traject=traject, user=actor)
        if nieuw:
            events.traject_gevolgd(actor=actor, traject=traject)
    return nieuw


def traject_ontvolgen(*, actor: Any, traject: Traject) -> bool:
    """Stop following. Idempotent: returns True only when a follow was removed."""
    permissions.mag_volgen(actor).vereisen()
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        if traject.status != TrajectStatus.GEPUBLICEERD:
            raise DomainError(_("Only a published trajectory can be followed."))
        verwijderd, _detail = Volger.objects.filter(traject=traject, user=actor).delete()
        if verwijderd:
            events.traject_ontvolgd(actor=actor, traject=traject)
    return bool(verwijderd)


def belanghebbenden_informeren(
    *,
    traject: Traject,
    onderwerp: Any,
    template: str,
    context: dict[str, Any] | None = None,
    url: str = "",
    behalve: Iterable[Any] = (),
) -> int:
    """Notify each follower and registered party of `traject` once, in the caller's transaction.

    `behalve`: users who need no notification (for example the officer who acted).
    Returns the number of people notified. Someone who follows, registered for a
    session and asked a question is one person and gets one message.
    """
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
