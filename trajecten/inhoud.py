"""The content of a trajectory as one plain, JSON-safe snapshot.

One function serves three needs, so that they can never disagree:

- the uitvraag PDF is rendered from it (the frozen context of the document);
- its SHA-256 (`inhoud_hash`) tells whether a ready uitvraag still matches the
  trajectory, so that publication uses the call that people will read;
- two snapshots compared (`verschillen`) give the list of changes that a
  correction (rectificatie) publishes.

Values are display strings (choices shown by their label, amounts in euro,
moments in Europe/Amsterdam time), rendered in Dutch.
"""

import hashlib
import json

from django.utils import translation
from django.utils.translation import gettext as _

from aanbesteden import weergave
from trajecten.constants import Procedure, Vorm
from trajecten.models import Bestedingsregels, Traject, Vertegenwoordiger
from trajecten.routes import BUURTBUDGET, route_van


def _wijken(wijken):
    return ", ".join(sorted(w.naam for w in wijken))


def snapshot(traject):
    """The content of `traject`, section by section: what the call and a correction show.

    Runs a fixed number of queries (lots, their districts, criteria,
    requirements, explanations, team), whatever their number.
    """
    with translation.override("nl"):
        return _snapshot(traject)


def rondes_regel(traject):
    """The staging rule the call states (issue 13, rule 10), in plain Dutch."""
    if traject.uitwerking_sluit is None:
        return _("One stage: every bid is assessed as it is submitted.")
    regel = _(
        "Two stages. First every bidder submits an outline bid. The municipality then invites "
        "a selection of the outline bids to elaborate their plan by the deadline for "
        "elaborated bids (see the planning); every bidder hears why they are or are not "
        "invited. Only invited bidders submit an elaborated bid."
    )
    if traject.vorm == Vorm.AANBESTEDING:
        regel += " " + _(
            "The selection is made on the award criteria of this call, as the procedure allows."
        )
    return regel


def _snapshot(traject):
    percelen = list(traject.percelen.prefetch_related("wijken").order_by("nummer"))
    criteria = list(traject.criteria.order_by("volgorde", "id"))
    eisen = list(traject.eisen.select_related("perceel").order_by("id"))
    toelichtingen = {t.code: t.tekst for t in traject.toelichtingen.all()}
    team = list(traject.team.select_related("medewerker__user").order_by("rol", "id"))
    inhoud = {
        "opgave": {
            "titel": traject.titel,
            "opgave": traject.opgave,
            "wensbeeld": traject.wensbeeld,
            "wijken": _wijken(traject.wijken.all()),
            "domein": traject.get_domein_display(),
        },
        "kaders": {
            "beleidskaders": traject.beleidskaders,
            "budget": _("No budget cap")
            if traject.geen_budgetplafond
            else weergave.geld(traject.budget),
            "geraamde_waarde": weergave.geld(traject.geraamde_waarde),
            "verlenging_maanden": (
                str(traject.verlenging_maanden) if traject.verlenging_maanden else ""
            ),
            "opties_waarde": weergave.geld(traject.opties_waarde),
            "dienst_soort": traject.get_dienst_soort_display(),
            "juridisch_kader": traject.juridisch_kader,
            "bestaande_verplichtingen": traject.bestaande_verplichtingen,
            "belangen": traject.belangen,
            "transitie": traject.transitie,
            "gemeente_rol": traject.get_gemeente_rol_display(),
            "contact": (
                _("Bidders may contact committee members and residents involved.")
                if traject.contact_toegestaan
                else _("Bidders do not contact committee members and residents involved.")
            ),
            "contact_regels": traject.contact_regels,
        },
        "vorm": {
            "vorm": traject.get_vorm_display(),
            "procedure": traject.get_procedure_display(),
            "contractvorm": traject.get_contractvorm_display(),
            "bekostiging": traject.get_bekostiging_display(),
            "contractduur_maanden": (
                str(traject.contractduur_maanden) if traject.contractduur_maanden else ""
            ),
            "tenderned_kenmerk": traject.tenderned_kenmerk,
            "eigen_procedure": (
                traject.eigen_procedure if traject.procedure == Procedure.EIGEN else ""
            ),
            "rondes": rondes_regel(traject),
        },
        "percelen": [
            {
                "nummer": p.nummer,
                "naam": p.naam,
                "beschrijving": p.beschrijving,
                "budget": weergave.geld(p.budget),
                "wijken": _wijken(p.wijken.all()),
            }
            for p in percelen
        ],
        "planning": {veld: weergave.moment(getattr(traject, veld)) for veld in traject.MIJLPALEN},
        "gunning": {
            "gunningswijze": traject.get_gunningswijze_display(),
            "criteria": [
                {
                    "naam": c.naam,
                    "omschrijving": c.omschrijving,
                    "weging": "" if c.weging is None else f"{c.weging}%",
                    "schaal": f"{c.schaal_min}–{c.schaal_max}",
                }
                for c in criteria
            ],
            # Issue 13, rule 8: the formula that turns a price into points.
            "prijsformule": _prijsformule(traject, criteria),
            # Issue 13, rule 11: the conversations with bidders, the same for every bidder.
            "gesprekken": _gesprekken(traject),
            "eisen": [
                {
                    "soort": e.get_soort_display(),
                    "omschrijving": e.omschrijving,
                    "perceel": str(e.perceel) if e.perceel else "",
                    "bedrag": weergave.geld(e.bedrag),
                    "jaren": str(e.jaren or ""),
                    "risico": e.risico,
                }
                for e in eisen
            ],
        },
        "toelichtingen": dict(sorted(toelichtingen.items())),
        "team": [{"naam": str(t.medewerker.user), "rol": t.get_rol_display()} for t in team],
    }
    # Issue 14, burgeraanbesteding: only on its route, so that the content (and the hash of
    # a ready call) of every other trajectory stays as it was.
    if route_van(traject).heeft(BUURTBUDGET):
        inhoud["buurtbudget"] = buurtbudget(traject)
    return inhoud


def naam_van_bewoner(user):
    """A resident's name as the call and public pages show it: never the e-mail address."""
    return user.naam or _("A resident (name not given)")


def buurtbudget(traject):
    """The spending rules of a residents' budget and the representatives per lot, as the call
    prints them (two queries). Names of representatives, never their e-mail addresses."""
    regels = Bestedingsregels.objects.filter(traject=traject).first() or Bestedingsregels()
    vertegenwoordigers = (
        Vertegenwoordiger.objects.filter(perceel__traject=traject)
        .select_related("user", "perceel")
        .order_by("perceel__nummer", "id")
    )
    if regels.offerte_drempel is not None:
        offertes = _(
            "From %(drempel)s: at least %(boven)s quotes. Below that amount: at least %(onder)s."
        ) % {
            "drempel": weergave.geld(regels.offerte_drempel),
            "boven": regels.offertes_boven,
            "onder": regels.offertes_onder,
        }
    else:
        offertes = _("At least %(onder)s quotes for every assignment.") % {
            "onder": regels.offertes_onder
        }
    if regels.minder_offertes_met_reden:
        offertes += " " + _(
            "Fewer quotes are allowed only when the representatives write down why."
        )
    else:
        offertes += " " + _("A choice with fewer quotes is not allowed.")
    if regels.max_zonder_goedkeuring is not None:
        goedkeuring = _(
            "An assignment above %(bedrag)s needs the approval of the municipality first."
        ) % {"bedrag": weergave.geld(regels.max_zonder_goedkeuring)}
    else:
        goedkeuring = _("The representatives choose without approval of the municipality.")
    return {
        "besteding": regels.besteding,
        "offertes": offertes,
        "goedkeuring": goedkeuring,
        "overhevelen": (
            _("What is left may be carried over to the next year.")
            if regels.overhevelen
            else _("What is left at the end of the year goes back to the municipality.")
        ),
        "belangenregel": " ".join(
            filter(
                None,
                [
                    _(
                        "A representative does not choose a supplier they are involved with. "
                        "They declare such an involvement on the platform; the platform then "
                        "refuses their choice for that supplier."
                    ),
                    regels.belangenregel,
                ],
            )
        ),
        "vertegenwoordigers": [
            {
                "perceel": str(v.perceel),
                "naam": naam_van_bewoner(v.user),
                "hoe_gekozen": v.hoe_gekozen,
            }
            for v in vertegenwoordigers
        ],
    }


def _prijsformule(traject, criteria):
    """The price formula in words, with the price criterion's weight; empty without a
    price criterion."""
    prijs = next((c for c in criteria if c.is_prijs), None)
    if prijs is None:
        return ""
    tekst = _(
        "%(formule)s. The points on %(criterium)s are computed by the platform from the "
        "price per lot stated in the bid: the lowest price of the valid bids on the lot, "
        "divided by this bid's price, times the weight (%(weging)s). The committee does "
        "not score price."
    ) % {
        "formule": traject.get_prijsformule_display(),
        "criterium": prijs.naam,
        "weging": prijs.weging if prijs.weging is not None else 100,
    }
    if traject.geen_budgetplafond:
        return tekst + " " + _("There is no budget cap.")
    return tekst + " " + _("A bid above the budget cap of its lot is invalid and is not ranked.")


def _gesprekken(traject):
    """Whether there are conversations with bidders, with their format and length."""
    if not traject.bodgesprekken:
        return _("There are no conversations with bidders.")
    return _(
        "The committee has a conversation with every bidder of a lot about its bid: "
        "%(vorm)s, %(duur)s minutes. A conversation clarifies the bid and never changes "
        "it; the bidder receives a short record of what was clarified."
    ) % {
        "vorm": traject.get_gesprek_vorm_display().lower(),
        "duur": traject.gesprek_duur_minuten,
    }


def inhoud_hash(inhoud):
    """SHA-256 of a snapshot; equal snapshots give equal hashes."""
    blob = json.dumps(inhoud, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


# Labels of the fields, for the list of changes in a correction.
def _labels():
    labels = {
        f.name: str(f.verbose_name)
        for f in Traject._meta.get_fields()
        if hasattr(f, "verbose_name")
    }
    labels.update(
        {
            "percelen": _("Lots"),
            "rondes": _("Stages"),
            "criteria": _("Award criteria"),
            "eisen": _("Selection requirements"),
            "toelichtingen": _("Explanations (comply or explain)"),
            "team": _("Team"),
            "besteding": _("What the budget may be spent on"),
            "offertes": _("Quotes"),
            "goedkeuring": _("Approval of the municipality"),
            "overhevelen": _("Carrying over"),
            "belangenregel": _("Conflict of interest"),
            "vertegenwoordigers": _("Representatives"),
        }
    )
    return labels


def verschillen(oud, nieuw):
    """What changed between two snapshots: [{"sectie", "veld", "label", "oud", "nieuw"}].

    Scalar fields are compared one by one; lists (lots, criteria, requirements,
    team) are compared as a whole and shown as readable text.
    """
    with translation.override("nl"):
        labels = _labels()
        wijzigingen = []
        for sectie in nieuw:
            a, b = oud.get(sectie), nieuw[sectie]
            if a == b:
                continue
            if isinstance(b, dict) and isinstance(a, dict) and sectie != "toelichtingen":
                for veld in b:
                    if isinstance(b[veld], list):
                        if a.get(veld) != b[veld]:
                            wijzigingen.append(
                                _lijst_wijziging(sectie, veld, labels, a.get(veld), b[veld])
                            )
                    elif a.get(veld) != b[veld]:
                        wijzigingen.append(
                            {
                                "sectie": sectie,
                                "veld": veld,
                                "label": labels.get(veld, veld),
                                "oud": a.get(veld) or "",
                                "nieuw": b[veld] or "",
                            }
                        )
            else:
                wijzigingen.append(_lijst_wijziging(sectie, sectie, labels, a, b))
        return wijzigingen


def _als_tekst(waarde):
    if not waarde:
        return ""
    if isinstance(waarde, dict):
        return "; ".join(f"{k}: {v}" for k, v in waarde.items())
    regels = []
    for item in waarde:
        if isinstance(item, dict):
            regels.append(" · ".join(str(v) for v in item.values() if v not in ("", None)))
        else:
            regels.append(str(item))
    return "\n".join(regels)


def _lijst_wijziging(sectie, veld, labels, oud, nieuw):
    return {
        "sectie": sectie,
        "veld": veld,
        "label": labels.get(veld, veld),
        "oud": _als_tekst(oud),
        "nieuw": _als_tekst(nieuw),
    }
