"""PDFs of phase A, through the one document path of the core."""

from __future__ import annotations

from typing import Any

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from aanbesteden import documents, weergave
from aanbesteden.models import Document, User
from aanbesteden.pdf import static_file_uri
from trajecten import permissions
from trajecten.constants import UitvraagAanleiding
from trajecten.models import Traject, Vraag
from trajecten.proportionaliteit import bevindingen


def overzicht_aanvragen(*, actor, traject):
    """A one-page overview of the trajectory as it stands now (the uitvraag follows in issue 4)."""
    gemeente = traject.gemeente
    context = {
        "titel": traject.titel,
        "gemeente": gemeente.naam,
        "logo": gemeente.logo.path if gemeente.logo else "",
        "opgave": traject.opgave,
        "status": traject.get_status_display(),
        "inschrijving_sluit": traject.inschrijving_sluit,
        "stylesheet": static_file_uri("css/pdf.css"),
    }
    return documents.request_document(
        titel=f"Overzicht {traject.titel}",
        template_name="trajecten/pdf/overzicht.html",
        context=context,
        actor=actor,
        gemeente=gemeente,
        target=traject,
        openbaar=traject.is_gepubliceerd,
    )


def _datum(moment):
    return formats.date_format(timezone.localtime(moment), "j F Y")


def _vragen_en_antwoorden(traject):
    """The published Q&A so far: number, question and answer; never who asked."""
    vragen = (
        Vraag.objects.filter(traject=traject, nota__isnull=False)
        .exclude(antwoord="")
        .select_related("nota")
        .order_by("nota__nummer", "nummer", "id")
    )
    return [
        {
            "nummer": vraag.nummer or "",
            "nota": vraag.nota.nummer,
            "vraag": vraag.tekst,
            "antwoord": vraag.antwoord,
        }
        for vraag in vragen
    ]


def _rectificaties(traject):
    return [
        {"nummer": r.nummer, "datum": _datum(r.gepubliceerd_op), "reden": r.reden}
        for r in traject.rectificaties.order_by("nummer")
    ]


def _toelichtingen(traject):
    """The explanations ("comply or explain"), each with the finding it answers."""
    return [
        {"code": b.code, "bevinding": str(b.titel), "reden": str(b.reden), "tekst": b.toelichting}
        for b in bevindingen(traject)
        if b.toelichting
    ]


def uitvraag_document_aanvragen(
    *,
    actor: User,
    traject: Traject,
    snapshot: dict[str, Any],
    versie: int,
    aanleiding: str,
    openbaar: bool,
) -> Document:
    """Ask the core to render version `versie` of the call (uitvraag) as a PDF from the
    frozen `snapshot` plus the Q&A and corrections so far. Returns the `Document`; the
    version row and its audit event are written by `services.publicatie.uitvraag_aanvragen`.
    """
    gemeente = traject.gemeente
    with translation.override("nl"):
        nu = timezone.now()
        context = {
            "inhoud": snapshot,
            "titel": traject.titel,
            "gemeente": gemeente.naam,
            "logo": gemeente.logo.path if gemeente.logo else "",
            "versie": versie,
            "aanleiding": str(UitvraagAanleiding(aanleiding).label),
            "datum": _datum(nu),
            "moment": weergave.moment(nu),
            "vragen_sluit": weergave.moment(traject.vragen_sluit),
            "inschrijving_sluit": weergave.moment(traject.inschrijving_sluit),
            "vragen_uitwerking_sluit": weergave.moment(
                permissions.vragen_tweede_ronde_sluit(traject)
            ),
            "vragen": _vragen_en_antwoorden(traject),
            "rectificaties": _rectificaties(traject),
            "toelichtingen": _toelichtingen(traject),
            "stylesheet": static_file_uri("css/pdf.css"),
        }
        titel = _("Call for %(titel)s, version %(versie)s") % {
            "titel": traject.titel,
            "versie": versie,
        }
    return documents.request_document(
        titel=titel,
        template_name="trajecten/pdf/uitvraag.html",
        context=context,
        actor=actor,
        gemeente=gemeente,
        target=traject,
        openbaar=openbaar,
    )
