"""Documents of phase C, through the one document path of the core."""

from django.utils import translation
from django.utils.translation import gettext as _

from aanbesteden import documents, weergave
from aanbesteden.pdf import static_file_uri
from beoordeling.constants import BodStatus, Ronde
from beoordeling.selectors import kluis as kluis_selectors

SECONDE = "l j F Y, H:i:s"


def _persoon(user):
    return f"{user.get_full_name() or user.email} ({user.email})" if user else ""


def proces_verbaal_context(opening):
    """The frozen context of the proces-verbaal van opening: JSON-safe Dutch text."""
    traject = opening.traject
    gemeente = traject.gemeente
    biedingen = []
    for bod in kluis_selectors.biedingen_voor_proces_verbaal(traject, opening.ronde):
        biedingen.append(
            {
                "bieder": bod.organisatie.naam,
                "coalitie": bod.coalitie.naam if bod.coalitie_id else "",
                "perceel": f"{bod.perceel.nummer}. {bod.perceel.naam}",
                "aantal_versies": bod.aantal_versies,
                "ingediend_op": weergave.moment(bod.laatste_ingediend_op, SECONDE),
                "sha256": bod.laatste_sha256,
                "ingetrokken": bod.status == BodStatus.INGETROKKEN,
            }
        )
    return {
        "titel": traject.titel,
        "gemeente": gemeente.naam,
        "logo": gemeente.logo.path if gemeente.logo else "",
        "ronde": str(Ronde(opening.ronde).label),
        "deadline": weergave.moment(kluis_selectors.deadline_van(traject, opening.ronde), SECONDE),
        "gestart_door": _persoon(opening.gestart_door),
        "gestart_op": weergave.moment(opening.gestart_op, SECONDE),
        "bevestigd_door": _persoon(opening.bevestigd_door),
        "geopend_op": weergave.moment(opening.geopend_op, SECONDE),
        "biedingen": biedingen,
        "aantal_ingediend": sum(1 for b in biedingen if not b["ingetrokken"]),
        "aantal_ingetrokken": sum(1 for b in biedingen if b["ingetrokken"]),
        "stylesheet": static_file_uri("css/pdf.css"),
    }


def proces_verbaal_aanvragen(*, actor, opening):
    """Request the proces-verbaal van opening of `opening` (in the caller's transaction);
    only the officers of the gemeente may see it."""
    with translation.override("nl"):
        context = proces_verbaal_context(opening)
        titel = _("Record of opening: %(titel)s, %(ronde)s") % {
            "titel": opening.traject.titel,
            "ronde": context["ronde"],
        }
    return documents.request_document(
        titel=titel,
        template_name="beoordeling/kluis/pdf/proces_verbaal.html",
        context=context,
        actor=actor,
        gemeente=opening.traject.gemeente,
        target=opening,
        openbaar=False,
    )
