"""The receipt of a submitted bid version (PDF), through the core's one document path.

The receipt belongs to no gemeente (`gemeente=None`) and is not public: officers must not
see it, nor learn from it that a bid arrived, before the vault is opened. The bidders get
it from their bid page.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from aanbesteden import documents, weergave
from aanbesteden.pdf import static_file_uri
from coalities.constants import PartnerRol


def rol_label(rol):
    try:
        return str(PartnerRol(rol).label)
    except ValueError:
        return ""


def ontvangstbewijs_aanvragen(*, actor, versie, onderdelen=()):
    """Ask for the receipt of `versie`: trajectory, lot, stage, bidder, version, the exact
    moment in Dutch time to the second, the SHA-256 of the content and the attachments.
    `onderdelen`: the titles of the parts its stage asks (issue 14, point 4)."""
    bod = versie.bod
    traject = bod.traject
    moment = timezone.localtime(versie.ingediend_op)
    context = {
        "traject": traject.titel,
        "gemeente": traject.gemeente.naam,
        "perceel": str(bod.perceel),
        "ronde": str(bod.get_ronde_display()),
        "bieder": bod.organisatie.naam,
        "coalitie": bod.coalitie.naam if bod.coalitie_id else "",
        "versie": versie.nummer,
        "ingediend_op": weergave.moment(moment, "l j F Y, H:i:s", nl=True),
        "ingediend_op_iso": moment.isoformat(),
        "sha256": versie.sha256,
        "bijlagen": [
            {"naam": b.get("naam", ""), "sha256": b.get("sha256", ""), "grootte": b.get("grootte")}
            for b in versie.inhoud.get("bijlagen", [])
        ],
        "onderdelen": [str(o) for o in onderdelen],
        # Issue 14, point 5: the composition this version was submitted with.
        "samenstelling": [
            {"naam": rij.get("naam", ""), "rol": rol_label(rij.get("rol", ""))}
            for rij in (versie.samenstelling or [])
        ]
        if bod.coalitie_id
        else [],
        "stylesheet": static_file_uri("css/pdf.css"),
    }
    return documents.request_document(
        titel=_("Receipt of bid version %(nummer)s") % {"nummer": versie.nummer},
        template_name="beoordeling/bieden/pdf/ontvangstbewijs.html",
        context=context,
        actor=actor,
        gemeente=None,
        target=versie,
        openbaar=False,
    )
