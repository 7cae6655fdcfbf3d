"""The PDF of a nota van inlichtingen, through the one document path of the core.

The context is stored as JSON with the document, so dates are formatted here, in
Dutch and in Dutch time. The asker of a question is never part of it.
"""

from aanbesteden import documents, weergave
from aanbesteden.pdf import static_file_uri


def nota_aanvragen(*, actor, nota, vragen=None):
    """Ask the core to render the public PDF of `nota` (after commit). Returns the Document."""
    traject = nota.traject
    gemeente = traject.gemeente
    if vragen is None:
        vragen = nota.vragen.select_related("perceel").order_by("nummer")
    context = {
        "titel": traject.titel,
        "gemeente": gemeente.naam,
        "logo": gemeente.logo.path if gemeente.logo else "",
        "nummer": nota.nummer,
        "gepubliceerd_op": weergave.moment(nota.gepubliceerd_op, nl=True),
        "inschrijving_sluit": weergave.moment(traject.inschrijving_sluit, nl=True),
        "minimum_dagen": nota.minimum_dagen,
        "te_laat": nota.te_laat,
        "vragen": [
            {
                "nummer": vraag.nummer,
                "perceel": f"{vraag.perceel.nummer}: {vraag.perceel.naam}"
                if vraag.perceel_id
                else "",
                "tekst": vraag.tekst,
                "antwoord": vraag.antwoord,
            }
            for vraag in sorted(vragen, key=lambda v: v.nummer)
        ],
        "stylesheet": static_file_uri("css/pdf.css"),
    }
    return documents.request_document(
        titel=f"Nota van inlichtingen {nota.nummer} – {traject.titel}",
        template_name="trajecten/dialoog/pdf/nota.html",
        context=context,
        actor=actor,
        gemeente=gemeente,
        target=nota,
        openbaar=True,
    )
