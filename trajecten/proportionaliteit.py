"""The proportionality check ("comply or explain"), DOMAIN.md "Rules of the game".

`bevindingen(traject)` lists what the check says about a trajectory: each
finding with a stable code, a level (fout, waarschuwing, info), a plain Dutch
reason that names the numbers, and the officer's explanation if there is one.
`open_bevindingen(traject)` are the errors and warnings nobody explained yet:
they block publication.

Findings that are law (issue 13, rule 17) carry their legal source in `wet`: they
block publication whatever the explanation, and the page offers no "explain" for
them. Guidance (the Gids Proportionaliteit, the survey) stays comply-or-explain.

`raming(traject)` is the estimated value over the whole term, with options and
extensions and the lots added up (issue 13, rule 15), with its working; the EU
thresholds and the turnover rules are measured against it.

The check runs a fixed number of queries, whatever the number of
requirements: prefetch `eisen` (with `perceel`) and `toelichtingen` on the
trajectory (see `trajecten.selectors.opstellen.traject_voor_beheer`), or the
check fetches them once itself.
"""

from dataclasses import dataclass, field
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
    Procedure,
)
from trajecten.models import Drempelwaarde
from trajecten.routes import CONTRACTVORM, GUNNINGSCRITERIA, PROCEDURE, route_van

FOUT = "fout"
WAARSCHUWING = "waarschuwing"
INFO = "info"

# Gids Proportionaliteit: a turnover requirement may not exceed 300% of the (lot) value.
MAX_OMZET_PROCENT = 300
# Directive 2014/24 art. 58(3): in an EU procedure at most twice the value, unless the
# reason is stated in the call.
MAX_OMZET_PROCENT_ZONDER_REDEN = 200
# Reference projects for services reach back at most this many years.
MAX_REFERENTIE_JAREN = 3
# The survey of social entrepreneurs in DOMAIN.md: share that cannot meet the requirement.
ANBI_UITGESLOTEN_PROCENT = 62
ERVARING_UITGESLOTEN_PROCENT = 60
OMZET_UITGESLOTEN_PROCENT = 70

# The legal sources of the findings that are law (issue 13, rule 17). Shown with the
# finding, not translated: they are names of articles.
WET_TERMIJN = "Richtlijn 2014/24/EU art. 27-30, zoals omgezet in de Aanbestedingswet 2012"
WET_OMZET_MAXIMUM = "Gids Proportionaliteit 3.5 C; Aanbestedingswet 2012 art. 2.90"
WET_OMZET_TWEEMAAL = "Richtlijn 2014/24/EU art. 58 lid 3; Aanbestedingswet 2012 art. 2.90"
WET_GESCHIKTHEID = "Richtlijn 2014/24/EU art. 58 lid 1; Aanbestedingswet 2012 art. 2.90"
WET_DREMPEL = "Aanbestedingswet 2012 art. 2.1; richtlijn 2014/24/EU art. 4 en 26"
WET_LICHT_REGIME = "Aanbestedingswet 2012 art. 2.38-2.39; richtlijn 2014/24/EU art. 74-76"


@dataclass(frozen=True)
class Bevinding:
    code: str
    niveau: str
    titel: str
    reden: str
    toelichting: str | None = None
    # The legal source when the finding is law: no explanation can clear it.
    wet: str = ""
    # Lines of working (how a value was computed), shown under the reason.
    regels: tuple[str, ...] = field(default=())

    @property
    def is_open(self):
        """An error or warning without explanation, or any finding that is law: it blocks
        publication."""
        if self.niveau not in (FOUT, WAARSCHUWING):
            return False
        return bool(self.wet) or not self.toelichting

    @property
    def vraagt_toelichting(self):
        """Guidance can be explained (comply or explain); the law cannot."""
        return self.niveau in (FOUT, WAARSCHUWING) and not self.wet


@dataclass(frozen=True)
class Raming:
    """The estimated value over the whole term (issue 13, rule 15), with its working.

    The budget (of the trajectory and of each lot) is for the contract duration;
    extensions count at the same amount per month; options are added on top; the lots
    are added up. An estimate the officer gives counts unless the computed value is
    higher.
    """

    totaal: Decimal | None
    regels: tuple[str, ...]
    percelen: dict[int, Decimal]


def _factor(traject):
    """(factor for extensions, line of working or None)."""
    duur = traject.contractduur_maanden
    verlenging = traject.verlenging_maanden or 0
    if not verlenging:
        return Decimal(1), None
    if not duur:
        return Decimal(1), _(
            "The contract may be extended by %(verlenging)s months, but the contract duration "
            "is not given: the extensions cannot be counted yet."
        ) % {"verlenging": verlenging}
    return Decimal(duur + verlenging) / Decimal(duur), None


def _percelen_lijst(traject):
    return sorted(traject.percelen.all(), key=lambda p: p.nummer)


def raming(traject):
    """The estimated value of `traject` over the whole term, lot by lot, with the working.

    No query when `percelen` is prefetched (see `traject_voor_beheer`).
    """
    factor, waarschuwing = _factor(traject)
    percelen = _percelen_lijst(traject)
    per_perceel = {
        p.pk: (Decimal(p.budget) * factor).quantize(Decimal("0.01"))
        for p in percelen
        if p.budget is not None
    }
    regels = []
    som_percelen = sum((Decimal(p.budget) for p in percelen if p.budget is not None), Decimal(0))
    basis = None
    if traject.budget is not None:
        basis = Decimal(traject.budget)
        regels.append(
            _("Budget for the contract duration: %(bedrag)s.") % {"bedrag": weergave.geld(basis)}
        )
    if per_perceel and (basis is None or som_percelen > basis):
        basis = som_percelen
        regels.append(
            _("The budgets of the lots added up: %(som)s.") % {"som": weergave.geld(som_percelen)}
        )
    berekend = None
    if basis is not None:
        berekend = basis
        if factor != 1:
            verlenging = (basis * (factor - 1)).quantize(Decimal("0.01"))
            berekend += verlenging
            regels.append(
                _(
                    "Extensions: %(verlenging)s months at the same amount per month as the "
                    "%(duur)s months of the contract: %(bedrag)s."
                )
                % {
                    "verlenging": traject.verlenging_maanden,
                    "duur": traject.contractduur_maanden,
                    "bedrag": weergave.geld(verlenging),
                }
            )
    if factor != 1:
        regels.extend(
            _("Lot %(nummer)s over the whole term: %(bedrag)s.")
            % {"nummer": p.nummer, "bedrag": weergave.geld(per_perceel[p.pk])}
            for p in percelen
            if p.pk in per_perceel
        )
    if traject.opties_waarde:
        berekend = (berekend or Decimal(0)) + Decimal(traject.opties_waarde)
        regels.append(_("Options: %(bedrag)s.") % {"bedrag": weergave.geld(traject.opties_waarde)})
    if waarschuwing:
        regels.append(waarschuwing)
    totaal = berekend
    if berekend is not None:
        regels.append(
            _("Total over the whole term: %(bedrag)s.") % {"bedrag": weergave.geld(berekend)}
        )
    if traject.geraamde_waarde is not None:
        eigen = Decimal(traject.geraamde_waarde)
        regels.append(
            _("Your own estimate of the total: %(bedrag)s.") % {"bedrag": weergave.geld(eigen)}
        )
        if berekend is not None and berekend > eigen:
            regels.append(
                _("The computed total is higher than your estimate: the higher one counts.")
            )
        else:
            totaal = eigen
    return Raming(totaal, tuple(regels), per_perceel)


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
    waarde = raming(traject)
    # Issue 14: each check only where it fits the route of the form (`trajecten.routes`):
    # requirements where they are asked, the contract duration where there is a contract, the
    # findings of procurement law (bid term, EU procedure) only on procurement.
    route = route_van(traject)
    gevonden = []
    if route.heeft(GUNNINGSCRITERIA):
        for eis in _eisen(traject):
            gevonden.extend(_eis_bevindingen(traject, eis, waarde))
    if route.heeft(CONTRACTVORM):  # a contract's minimum, not a subsidy or covenant term
        gevonden.extend(_contractduur(traject))
    if route.heeft(PROCEDURE):  # the term of a procedure: only with a procedure chosen
        gevonden.extend(_termijn(traject, nu))
    gevonden.extend(_eu_drempel(traject, nu, waarde))
    volgorde = {FOUT: 0, WAARSCHUWING: 1, INFO: 2}
    resultaat = [
        Bevinding(
            b.code,
            b.niveau,
            b.titel,
            b.reden,
            None if b.wet else (toelichtingen.get(b.code) or None),
            b.wet,
            b.regels,
        )
        for b in gevonden
    ]
    return sorted(resultaat, key=lambda b: volgorde[b.niveau])


def open_bevindingen(traject, *, nu=None):
    """The errors and warnings without explanation: these block publication."""
    return [b for b in bevindingen(traject, nu=nu) if b.is_open]


def codes_die_toelichting_vragen(traject, *, nu=None):
    return {b.code for b in bevindingen(traject, nu=nu) if b.vraagt_toelichting}


def _eis_bevindingen(traject, eis, waarde):
    code = f"{eis.soort}:{eis.pk}"
    if eis.soort == EisSoort.OMZET:
        yield _omzet(traject, eis, code, waarde)
    elif eis.soort == EisSoort.ANBI and _is_aanbesteding(traject):
        yield Bevinding(
            code,
            FOUT,
            _("ANBI status required"),
            _(
                "In a procurement the law lists what a bidder may be asked to show: "
                "suitability to do the work, financial standing and professional ability. "
                "ANBI status is a tax status, not one of them. Remove this requirement."
            ),
            wet=WET_GESCHIKTHEID,
        )
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


def _omzet(traject, eis, code, raming_):
    titel = _("Turnover requirement")
    if eis.perceel_id:
        waarde = raming_.percelen.get(eis.perceel_id)
        waarvan = _("the value of lot %(perceel)s over the whole term") % {
            "perceel": eis.perceel.nummer
        }
    else:
        waarde = raming_.totaal
        waarvan = _("the value of the trajectory over the whole term")
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
            wet=WET_OMZET_MAXIMUM,
        )
    reden_gegeven = bool((eis.risico or "").strip())
    if (
        traject.procedure in EU_PROCEDURES
        and Decimal(eis.bedrag) * 100 > Decimal(waarde) * MAX_OMZET_PROCENT_ZONDER_REDEN
        and not reden_gegeven
    ):
        return Bevinding(
            code,
            FOUT,
            titel,
            f"{getallen} "
            + _(
                "In an EU procedure a turnover requirement above twice the value needs a "
                "reason stated in the call. Write down which risk it covers, or lower it."
            ),
            wet=WET_OMZET_TWEEMAAL,
        )
    return Bevinding(code, WAARSCHUWING, titel, f"{basis} {getallen}")


def _is_aanbesteding(traject):
    """A form is chosen and its route is a procurement (a procedure of the Aanbestedingswet):
    the findings of procurement law apply. Until the form is chosen they do not."""
    return bool(traject.vorm) and route_van(traject).heeft(PROCEDURE)


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
        wet = WET_TERMIJN if traject.procedure in EU_PROCEDURES else ""
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
            wet=wet,
        )


def _eu_drempel(traject, nu, raming_):
    waarde = raming_.totaal
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
            regels=raming_.regels,
        )
        return
    if waarde < drempel.bedrag:
        return
    getallen = {
        "waarde": weergave.geld(waarde),
        "drempel": weergave.geld(drempel.bedrag),
        "soort": drempel.get_soort_display().lower(),
    }
    licht = traject.dienst_soort == DienstSoort.SOCIAAL
    # Issue 14: the procurement-law findings only on procurement; on another route only the
    # note that a procurement in disguise would need EU publication.
    aanbesteding = _is_aanbesteding(traject)
    if aanbesteding and not (traject.tenderned_kenmerk or "").strip():
        yield Bevinding(
            "eu_aankondiging",
            FOUT,
            _("EU announcement missing"),
            _(
                "Above the EU threshold the call is announced across Europe, through "
                "TenderNed, and after the award so is the award notice. Announce the call on "
                "TenderNed and fill in its TenderNed reference (section 'Form')."
            ),
            wet=WET_LICHT_REGIME if licht else WET_DREMPEL,
        )
    if traject.procedure in EU_PROCEDURES or (licht and traject.procedure == Procedure.EIGEN):
        if licht:
            reden = _(
                "The value of %(waarde)s over the whole term is at or above the EU threshold "
                "of %(drempel)s for %(soort)s: the light regime applies. You may design your "
                "own procedure; the call and the award are announced across Europe."
            )
        else:
            reden = _(
                "The value of %(waarde)s over the whole term is at or above the EU threshold "
                "of %(drempel)s for %(soort)s. The call must be announced across Europe, and "
                "so must the award."
            )
        yield Bevinding(
            "eu_drempel",
            INFO,
            _("EU publication is mandatory"),
            reden % getallen,
            regels=raming_.regels,
        )
    elif aanbesteding:
        if licht:
            reden = _(
                "The value of %(waarde)s over the whole term is at or above the EU threshold "
                "of %(drempel)s for %(soort)s. Choose a European procedure, or an own-design "
                "procedure under the light regime: this procedure is not allowed above the "
                "threshold."
            )
        else:
            reden = _(
                "The value of %(waarde)s over the whole term is at or above the EU threshold "
                "of %(drempel)s for %(soort)s. Choose a European procedure: this procedure is "
                "not allowed above the threshold."
            )
        yield Bevinding(
            "eu_drempel",
            FOUT,
            _("EU procedure needed"),
            reden % getallen,
            wet=WET_LICHT_REGIME if licht else WET_DREMPEL,
            regels=raming_.regels,
        )
    else:
        yield Bevinding(
            "eu_drempel",
            INFO,
            _("Above the EU threshold"),
            _(
                "The value of %(waarde)s over the whole term is at or above the EU threshold "
                "of %(drempel)s for %(soort)s. If this is in fact a procurement, EU "
                "publication is mandatory."
            )
            % getallen,
            regels=raming_.regels,
        )
