"""The award letter (PDF) to one bidder, through the core's one document path.

The letter belongs to the trajectory's gemeente (its officers may see every letter) and is
not public; the bidder downloads its own letter through a bidder-scoped view.
"""

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from aanbesteden import documents, weergave
from aanbesteden.pdf import static_file_uri
from beoordeling import standstill
from beoordeling.selectors import gunning as selectors

SECONDE = "l j F Y, H:i:s"
DAG = "l j F Y"


def bieder_naam(bod):
    """The bidder's name as the letters and pages show it: the organisation, and the
    coalition it leads when there is one."""
    if bod.coalitie_id:
        return f"{bod.organisatie.naam} ({bod.coalitie.naam})"
    return bod.organisatie.naam


def _getal(waarde):
    if waarde is None:
        return ""
    return formats.number_format(waarde, decimal_pos=1, use_l10n=True)


def _score(score, criterium):
    """One consensus score as the letter writes it: "7 van 10", "n.v.t." or "–"."""
    if score is None:
        return "–"
    if score.niet_van_toepassing or score.waarde is None:
        return _("not applicable")
    return _("%(waarde)s out of %(max)s") % {"waarde": score.waarde, "max": criterium.schaal_max}


def _scoreregels(scores):
    return [
        {
            "criterium": regel.criterium.naam,
            "weging": f"{regel.criterium.weging}%" if regel.criterium.weging is not None else "",
            "eigen": _score(regel.eigen, regel.criterium),
            "winnaar": _score(regel.winnaar, regel.criterium),
        }
        for regel in scores
    ]


def brief_context(*, gunning, kandidaat, aantal, winnaar=None, scores=()):
    """The frozen context of one letter: JSON-safe Dutch text. `winnaar`: the winning bid's
    `Kandidaat` (its rank and total); `scores`: the addressee's `Scoreregel`s (its consensus
    score per criterion next to the winner's)."""
    traject = gunning.traject
    gemeente = traject.gemeente
    bod = kandidaat.bod
    winnend_bod = gunning.winnend_bod
    with translation.override("nl"):
        vanaf = selectors.ondertekenen_vanaf(gunning)
        verschoven = standstill.verschoven_van(gunning)
        return {
            "titel": traject.titel,
            "gemeente": gemeente.naam,
            "logo": gemeente.logo.path if gemeente.logo else "",
            "perceel": str(gunning.perceel),
            "bieder": bieder_naam(bod),
            "is_winnaar": bod.pk == winnend_bod.pk,
            "winnaar": bieder_naam(winnend_bod),
            "motivatie": gunning.motivatie,
            "kenmerken": gunning.kenmerken,
            "rang": kandidaat.rang,
            "totaal": _getal(kandidaat.totaal),
            "winnaar_totaal": _getal(winnaar.totaal) if winnaar is not None else "",
            "scores": _scoreregels(scores),
            "aantal": aantal,
            "verstuurd_op": weergave.moment(gunning.verstuurd_op, SECONDE, nl=True),
            "standstill": gunning.standstill_tot is not None,
            "standstill_tot": formats.date_format(gunning.standstill_tot, DAG)
            if gunning.standstill_tot
            else "",
            "ondertekenen_vanaf": weergave.moment(vanaf, SECONDE, nl=True) if vanaf else "",
            "verschoven_van": formats.date_format(verschoven, DAG) if verschoven else "",
            "klachtenmeldpunt_adres": gemeente.klachtenmeldpunt_adres.strip(),
            "klachtenmeldpunt_email": gemeente.klachtenmeldpunt_email.strip(),
            "datum": formats.date_format(timezone.localdate(gunning.verstuurd_op), "j F Y"),
            "stylesheet": static_file_uri("css/pdf.css"),
        }


def brief_aanvragen(*, actor, gunning, kandidaat, aantal, winnaar=None, scores=()):
    """Request the award letter for one candidate (in the caller's transaction)."""
    context = brief_context(
        gunning=gunning, kandidaat=kandidaat, aantal=aantal, winnaar=winnaar, scores=scores
    )
    with translation.override("nl"):
        titel = _("Award decision %(perceel)s: letter to %(bieder)s") % {
            "perceel": context["perceel"],
            "bieder": context["bieder"],
        }
    return documents.request_document(
        titel=titel[:255],
        template_name="beoordeling/gunning/pdf/brief.html",
        context=context,
        actor=actor,
        gemeente=gunning.traject.gemeente,
        target=gunning,
        openbaar=False,
    )
