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

from django.utils import formats, translation
from django.utils.translation import gettext as _

from aanbesteden import weergave
from trajecten import sroi
from trajecten.constants import VERDEELREGEL_UITLEG, CommissieMandaat, ConsultatieSectie, Procedure
from trajecten.models import Consultatie, Traject
from trajecten.routes import (
    BUURTBUDGET,
    GUNNINGSCRITERIA,
    PROCEDURE,
    SUBSIDIEPLAFOND,
    route_van,
    veld_past,
)
from trajecten.selectors import bestedingsregels_van, vertegenwoordigers_van
from trajecten.subsidie import aanvragen_sluiten, beslissen_uiterlijk


def _wijken(wijken):
    return ", ".join(sorted(w.naam for w in wijken))


def snapshot(traject, *, met_consultatie=True):
    """The content of `traject`, section by section: what the call and a correction show.

    Runs a fixed number of queries (lots, their districts, criteria,
    requirements, explanations, team, outline questions, the consultation and its report),
    whatever their
    number. `met_consultatie=False`: without the consultation's report (the public page of
    the draft in consultation).
    """
    with translation.override("nl"):
        inhoud = _snapshot(traject)
        if met_consultatie:
            inhoud.update(_consultatie_sleutel(traject))
        return inhoud


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
    if route_van(traject).heeft(PROCEDURE):
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
    route = route_van(traject)

    def past(veld, waarde):
        """Issue 14: a field of another route is kept but not printed."""
        return waarde if veld_past(traject, veld) else ""

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
            # Issue 14, point 8: social return, a condition of the agreement.
            "sroi": sroi.voorwaarde(traject, percelen),
        },
        "route": {
            "vorm": traject.get_vorm_display(),
            "onderdelen": sorted(route.onderdelen),
            "uitkomst": str(route.uitkomst),
            "uitleg_bewoner": str(route.uitleg_bewoner),
            "uitleg_bieder": str(route.uitleg_bieder),
        },
        "vorm": {
            "vorm": traject.get_vorm_display(),
            "procedure": past("procedure", traject.get_procedure_display()),
            "contractvorm": past("contractvorm", traject.get_contractvorm_display()),
            "bekostiging": past("bekostiging", traject.get_bekostiging_display()),
            "contractduur_maanden": past(
                "contractduur_maanden",
                str(traject.contractduur_maanden) if traject.contractduur_maanden else "",
            ),
            "tenderned_kenmerk": past("tenderned_kenmerk", traject.tenderned_kenmerk),
            "eigen_procedure": past(
                "eigen_procedure",
                traject.eigen_procedure if traject.procedure == Procedure.EIGEN else "",
            ),
            "rondes": rondes_regel(traject) if route.mededinging else "",
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
        "planning": {
            veld: weergave.moment(getattr(traject, veld))
            for veld in traject.MIJLPALEN
            if veld_past(traject, veld)
        },
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
        # Issue 14, point 4: the trajectory's own questions for the outline bid.
        "schetsvragen": [
            {"vraag": v.vraag, "toelichting": v.toelichting}
            for v in traject.schetsvragen.order_by("volgorde", "id")
        ],
        "team": [{"naam": str(t.medewerker.user), "rol": t.get_rol_display()} for t in team],
        # Issue 14, point 2: the residents' mandate (empty on a route without a committee).
        "bewoners": bewoners(traject),
        # Issue 14, point 9: the development fee and its condition.
        "ontwikkelvergoeding": ontwikkelvergoeding(traject),
    }
    if not route.heeft(GUNNINGSCRITERIA):
        del inhoud["gunning"]
    if route.heeft(SUBSIDIEPLAFOND):
        inhoud["subsidie"] = _subsidie(traject)
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
    regels = bestedingsregels_van(traject)
    vertegenwoordigers = vertegenwoordigers_van(traject)
    if regels.offerte_drempel is not None:
        offertes = _(
            "From %(drempel)s: at least %(boven)s quotes. Below that amount: at least %(laag)s."
        ) % {
            "drempel": weergave.geld(regels.offerte_drempel),
            "boven": regels.offertes_boven,
            "laag": regels.offertes_onder,
        }
    else:
        offertes = _("At least %(laag)s quotes for every assignment.") % {
            "laag": regels.offertes_onder
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


def bewoners(traject):
    """The residents' mandate as the call prints it: who sits on the committee and how they
    are found, whether it advises or decides (with what that means), and what happens when
    the college departs from its advice. Empty values on a route without a committee."""
    leeg = {
        "commissie_samenstelling": "",
        "commissie_mandaat": "",
        "mandaat_uitleg": "",
        "afwijken_van_advies": "",
    }
    if not route_van(traject).mededinging:
        return leeg
    return {
        "commissie_samenstelling": traject.commissie_samenstelling,
        "commissie_mandaat": traject.get_commissie_mandaat_display(),
        "mandaat_uitleg": mandaat_uitleg(traject.commissie_mandaat),
        "afwijken_van_advies": traject.afwijken_van_advies,
    }


def mandaat_uitleg(mandaat):
    """What the committee's choice is worth, in plain words (docs/decisions.md, issue 14,
    the residents' mandate)."""
    if mandaat == CommissieMandaat.ADVISEERT:
        return _(
            "The committee advises the municipal executive (college). The college takes the "
            "decision. It may depart from the advice only with reasons, which it makes public."
        )
    if mandaat == CommissieMandaat.BESLIST:
        return _(
            "The committee decides. The municipal executive (college) still takes the formal "
            "decision, because the law makes it responsible for it. In this call the college "
            "commits itself to follow the committee's "
            "choice. It departs from it only when following it would break the law or the "
            "rules of this call, for example when the chosen bid turns out to be invalid or a "
            "member had a conflict of interest. It then gives its reasons in public."
        )
    return ""


def ontwikkelvergoeding(traject):
    """The development fee the call offers, with its condition; empty values without one."""
    if traject.ontwikkelvergoeding is None:
        return {"ontwikkelvergoeding": "", "voorwaarde": ""}
    return {
        "ontwikkelvergoeding": weergave.geld(traject.ontwikkelvergoeding),
        "voorwaarde": _(
            "Every bidder invited to elaborate its plan on a lot receives this fixed amount "
            "for that lot, whether or not it wins, because forming a coalition and writing a "
            "plan costs time. The fee is paid after the elaborated plan has been submitted "
            "before the deadline and the bids have been opened. A bidder that submits no "
            "elaborated plan, or withdraws it, receives no fee."
        ),
    }


def _subsidie(traject):
    """Issue 14, the subsidy route: the ceiling, the distribution rule, the application
    period and the decision term (Awb art. 4:13, 4:25-4:27), as the call states them."""
    sluit = aanvragen_sluiten(traject)
    uiterlijk = beslissen_uiterlijk(traject)
    return {
        "subsidieplafond": weergave.geld(traject.subsidieplafond),
        "verdeelregel": traject.get_verdeelregel_display(),
        "verdeelregel_uitleg": str(VERDEELREGEL_UITLEG.get(traject.verdeelregel, "")),
        "aanvraagperiode": (
            _("From the publication of this call until %(moment)s (Dutch time).")
            % {"moment": weergave.moment(sluit)}
            if sluit
            else ""
        ),
        "compleet": _(
            "An application is complete at the closing of the period: nothing can be "
            "added after it."
        ),
        "beslistermijn_weken": str(traject.gemeente.subsidie_beslistermijn_weken),
        "beslissen_uiterlijk": (
            _("You get a decision on your application by %(datum)s at the latest.")
            % {"datum": formats.date_format(uiterlijk, "j F Y")}
            if uiterlijk
            else ""
        ),
    }


def consultatie_van(traject):
    """The consultation of `traject`, or None (one query the first time, then cached)."""
    try:
        return traject.consultatie
    except Consultatie.DoesNotExist:
        return None


def _consultatie_sleutel(traject):
    # Only a trajectory with a consultation has the key, so the content (and the hash) of
    # every other trajectory stays what it was.
    consultatie = consultatie_van(traject)
    if consultatie is None:
        return {}
    return {"consultatie": consultatieverslag(consultatie)}


def consultatieverslag(consultatie):
    """The report of a consultation (issue 14, point 1), as the call prints it: what was
    asked, what was said per section, what the municipality answered and took over, and why
    not otherwise. ANONYMISED: no name, organisation or e-mail address of who reacted; only
    confirmed reactions count. Two queries (reactions, sessions)."""
    with translation.override("nl"):
        reacties = list(
            consultatie.reacties.bevestigd()
            .only("sectie", "tekst", "antwoord", "overgenomen", "waarom", "consultatie_id")
            .order_by("ingediend_op", "id")
        )
        per_sectie = {}
        for reactie in reacties:
            per_sectie.setdefault(reactie.sectie, []).append(
                {
                    "tekst": reactie.tekst,
                    "antwoord": reactie.antwoord,
                    "overgenomen": reactie.get_overgenomen_display() if reactie.overgenomen else "",
                    "waarom": reactie.waarom,
                }
            )
        # The sessions of the consultation: planned before it closed, starting before its
        # closing moment. A session planned after publication never changes the report.
        sessies = consultatie.traject.bijeenkomsten.filter(begint_op__lt=consultatie.sluit_op)
        if consultatie.gesloten_op is not None:
            sessies = sessies.filter(created_at__lte=consultatie.gesloten_op)
        sessies = sessies.order_by("begint_op", "id")
        return {
            "gevraagd": consultatie.gevraagd,
            "kenmerk": consultatie.marktconsultatie_kenmerk,
            "geopend_op": weergave.moment(consultatie.geopend_op),
            "sluit_op": weergave.moment(consultatie.sluit_op),
            "aantal": len(reacties),
            "secties": [
                {"sectie": str(label), "reacties": per_sectie[waarde]}
                for waarde, label in ConsultatieSectie.choices
                if waarde in per_sectie
            ],
            "sessies": [
                {
                    "titel": b.titel,
                    "soort": b.get_soort_display(),
                    "moment": weergave.moment(b.begint_op),
                }
                for b in sessies
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
            "bewoners": _("The role of residents"),
            "mandaat_uitleg": _("What the committee's choice means"),
            "voorwaarde": _("Condition of the development fee"),
            "sroi": _("Social return"),
            "schetsvragen": _("Questions for the outline bid"),
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
