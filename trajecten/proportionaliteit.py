"""The proportionality check ("comply or explain"), DOMAIN.md "Rules of the game".

`bevindingen(traject)` lists what the check says about a trajectory: each
finding with a stable code, a level (fout, waarschuwing, info), a plain Dutch
reason that names the numbers, and the officer's explanation if there is one.
`open_bevindingen(traject)` are the errors and warnings nobody explained yet:
they block publication.

The check runs a fixed number of queries, whatever the number of
requirements: prefetch `eisen` (with `perceel`) and `toelichtingen` on the
trajectory (see `trajecten.selectors.opstellen.traject_voor_beheer`), or the
check fetches them once itself.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from aanbesteden import weergave
from trajecten.constants import (
    EU_PROCEDURES,
    MINIMUM_INSCHRIJFTERMIJN_DAGEN,
    DienstSoort,
    DrempelSoort,
    EisSoort,
    Vorm,
)
from trajecten.models import Drempelwaarde

FOUT = "fout"
WAARSCHUWING = "waarschuwing"
INFO = "info"

# Gids Proportionaliteit: a turnover requirement may not exceed 300% of the (lot) value.
MAX_OMZET_PROCENT = 300
# Reference projects for services reach back at most this many years.
MAX_REFERENTIE_JAREN = 3
# The survey of social entrepreneurs in DOMAIN.md: share that cannot meet the requirement.
ANBI_UITGESLOTEN_PROCENT = 62
ERVARING_UITGESLOTEN_PROCENT = 60
OMZET_UITGESLOTEN_PROCENT = 70


@dataclass(frozen=True)
class Bevinding:
    code: str
    niveau: str
    titel: str
    reden: str
    toelichting: str | None = None

    @property
    def is_open(self):
        """An error or warning without explanation: it blocks publication."""
        return self.niveau in (FOUT, WAARSCHUWING) and not self.toelichting

    @property
    def vraagt_toelichting(self):
        return self.niveau in (FOUT, WAARSCHUWING)


def _prefetched(traject, naam):
    return naam in getattr(traject, "_prefetched_objects_cache", {})


def _eisen(traject):
    if _prefetched(traject, "eisen"):
        return list(traject.eisen.all())
    return list(traject.eisen.select_related("perceel").order_by("id"))


def _toelichtingen(traject):
    return {t.code: t.tekst for t in traject.toelichtingen.all()}


def drempel_voor(traject, *, op=None):
    """The EU threshold (a Drempelwaarde) valid on `op` (today) for this kind of service."""
    op = op or timezone.localdate()
    soort = (
        DrempelSoort.SOCIAAL
        if traject.dienst_soort == DienstSoort.SOCIAAL
        else DrempelSoort.DIENSTEN
    )
    return (
        Drempelwaarde.objects.filter(soort=soort, geldig_vanaf__lte=op, geldig_tot__gte=op)
        .order_by("-geldig_vanaf")
        .first()
    )


def bevindingen(traject, *, nu=None):
    """What the proportionality check says about `traject`, errors first."""
    nu = nu or timezone.now()
    toelichtingen = _toelichtingen(traject)
    gevonden = []
    for eis in _eisen(traject):
        gevonden.extend(_eis_bevindingen(traject, eis))
    gevonden.extend(_contractduur(traject))
    gevonden.extend(_termijn(traject, nu))
    gevonden.extend(_eu_drempel(traject, nu))
    volgorde = {FOUT: 0, WAARSCHUWING: 1, INFO: 2}
    resultaat = [
        Bevinding(b.code, b.niveau, b.titel, b.reden, toelichtingen.get(b.code) or None)
        for b in gevonden
    ]
    return sorted(resultaat, key=lambda b: volgorde[b.niveau])


def open_bevindingen(traject, *, nu=None):
    """The errors and warnings without explanation: these block publication."""
    return [b for b in bevindingen(traject, nu=nu) if b.is_open]


def codes_die_toelichting_vragen(traject, *, nu=None):
    return {b.code for b in bevindingen(traject, nu=nu) if b.vraagt_toelichting}


def _eis_bevindingen(traject, eis):
    code = f"{eis.soort}:{eis.pk}"
    if eis.soort == EisSoort.OMZET:
        yield _omzet(traject, eis, code)
    elif eis.soort == EisSoort.ANBI:
        yield Bevinding(
            code,
            WAARSCHUWING,
            _("ANBI status required"),
            _(
                "Asking for ANBI status excludes most small parties: %(procent)s%% of social "
                "entrepreneurs do not have it. Only ask for it if you can explain why it is "
                "needed."
            )
            % {"procent": ANBI_UITGESLOTEN_PROCENT},
        )
    elif eis.soort == EisSoort.ERVARING_MA:
        yield Bevinding(
            code,
            WAARSCHUWING,
            _("Experience with social procurement required"),
            _(
                "Asking for experience with social procurement excludes new parties: "
                "%(procent)s%% of social entrepreneurs do not have it yet."
            )
            % {"procent": ERVARING_UITGESLOTEN_PROCENT},
        )
    elif eis.soort == EisSoort.REFERENTIE and eis.jaren and eis.jaren > MAX_REFERENTIE_JAREN:
        yield Bevinding(
            code,
            FOUT,
            _("Reference projects too far back"),
            _(
                "You ask for reference projects from the last %(jaren)s years. For services "
                "that may be at most %(max)s years."
            )
            % {"jaren": eis.jaren, "max": MAX_REFERENTIE_JAREN},
        )
    elif eis.soort == EisSoort.CERTIFICAAT and not (eis.risico or "").strip():
        yield Bevinding(
            code,
            WAARSCHUWING,
            _("Certificate without a stated risk"),
            _(
                "Only ask for a certificate (ISO and the like) when it covers a real risk. "
                "Write down which risk this certificate covers."
            ),
        )


def _omzet(traject, eis, code):
    titel = _("Turnover requirement")
    if eis.perceel_id:
        waarde = eis.perceel.budget
        waarvan = _("the budget of lot %(perceel)s") % {"perceel": eis.perceel.nummer}
    else:
        waarde = traject.waarde
        waarvan = _("the value of the trajectory")
    basis = _(
        "By default there is no turnover requirement: %(procent)s%% of social entrepreneurs "
        "cannot meet one. If you set one, it needs heavy reasons."
    ) % {"procent": OMZET_UITGESLOTEN_PROCENT}
    if eis.bedrag is None or not waarde:
        return Bevinding(code, WAARSCHUWING, titel, basis)
    procent = (Decimal(eis.bedrag) * 100 / Decimal(waarde)).quantize(
        Decimal("1"), rounding=ROUND_HALF_UP
    )
    getallen = _("The requirement of %(bedrag)s is %(procent)s%% of %(waarvan)s (%(waarde)s).") % {
        "bedrag": weergave.geld(eis.bedrag),
        "procent": procent,
        "waarvan": waarvan,
        "waarde": weergave.geld(waarde),
    }
    if Decimal(eis.bedrag) * 100 > Decimal(waarde) * MAX_OMZET_PROCENT:
        return Bevinding(
            code,
            FOUT,
            titel,
            f"{getallen} "
            + _("That is more than the maximum of %(max)s%%.") % {"max": MAX_OMZET_PROCENT},
        )
    return Bevinding(code, WAARSCHUWING, titel, f"{basis} {getallen}")


def _contractduur(traject):
    minimum = traject.gemeente.minimale_contractduur_maanden
    duur = traject.contractduur_maanden
    if duur is not None and minimum and duur < minimum:
        yield Bevinding(
            "contractduur",
            WAARSCHUWING,
            _("Contract shorter than the minimum"),
            _(
                "The contract runs %(duur)s months. Your municipality advises at least "
                "%(minimum)s months, so that partners can build a network."
            )
            % {"duur": duur, "minimum": minimum},
        )


def _termijn(traject, nu):
    minimum = MINIMUM_INSCHRIJFTERMIJN_DAGEN.get(traject.procedure)
    if minimum is None or traject.inschrijving_sluit is None:
        return
    begin = traject.gepubliceerd_op or nu
    # Calendar days in Dutch time, so that a change to summer time costs no day.
    dagen = (timezone.localdate(traject.inschrijving_sluit) - timezone.localdate(begin)).days
    if dagen < minimum:
        if traject.gepubliceerd_op:
            reden = _(
                "There are %(dagen)s days between publication and the bid deadline. "
                "For the %(procedure)s that must be at least %(minimum)s days."
            )
        else:
            reden = _(
                "If you publish today, there are %(dagen)s days until the bid deadline. "
                "For the %(procedure)s that must be at least %(minimum)s days."
            )
        yield Bevinding(
            "termijn",
            FOUT,
            _("Too little time to bid"),
            reden
            % {
                "dagen": dagen,
                "procedure": traject.get_procedure_display().lower(),
                "minimum": minimum,
            },
        )


def _eu_drempel(traject, nu):
    waarde = traject.waarde
    if waarde is None:
        return
    drempel = drempel_voor(traject, op=timezone.localdate(nu))
    if drempel is None:
        yield Bevinding(
            "eu_drempel",
            WAARSCHUWING,
            _("EU threshold unknown"),
            _(
                "There is no EU threshold on record for today, so the platform cannot tell "
                "whether EU publication is mandatory. Ask the platform administrator to add "
                "the current thresholds."
            ),
        )
        return
    if waarde < drempel.bedrag:
        return
    getallen = {
        "waarde": weergave.geld(waarde),
        "drempel": weergave.geld(drempel.bedrag),
        "soort": drempel.get_soort_display().lower(),
    }
    if traject.procedure in EU_PROCEDURES:
        yield Bevinding(
            "eu_drempel",
            INFO,
            _("EU publication is mandatory"),
            _(
                "The value of %(waarde)s is at or above the EU threshold of %(drempel)s "
                "for %(soort)s. The call must be announced across Europe, and so must the award."
            )
            % getallen,
        )
    elif traject.vorm == Vorm.AANBESTEDING:
        yield Bevinding(
            "eu_drempel",
            FOUT,
            _("EU procedure needed"),
            _(
                "The value of %(waarde)s is at or above the EU threshold of %(drempel)s "
                "for %(soort)s. Choose a European procedure: this procedure is not allowed "
                "above the threshold."
            )
            % getallen,
        )
    else:
        yield Bevinding(
            "eu_drempel",
            INFO,
            _("Above the EU threshold"),
            _(
                "The value of %(waarde)s is at or above the EU threshold of %(drempel)s "
                "for %(soort)s. If this is in fact a procurement, EU publication is mandatory."
            )
            % getallen,
        )
