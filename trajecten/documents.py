"""PDFs of phase A, through the one document path of the core."""

from aanbesteden import documents
from aanbesteden.pdf import static_file_uri


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
