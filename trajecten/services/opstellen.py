"""Setting up a trajectory: create it, fill it in section by section (issue 4, items 1, 2, 5, 9).

`sectie_opslaan` is the one entry point for the content sections. After
publication it is also the only way the rules of the game change: the change
is compared with the content before (`trajecten.inhoud`) and, when anything
differs, published as a correction (rectificatie) with its reason, in the same
transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbesteden import weergave
from aanbesteden.exceptions import DomainError
from aanbesteden.models import Gemeente, Medewerker, User
from aanbesteden.permissions import is_medewerker
from trajecten import events, inhoud, permissions
from trajecten.constants import (
    Bekostiging,
    CommissieMandaat,
    Contractvorm,
    DienstSoort,
    Domein,
    EisSoort,
    Fase,
    GemeenteRol,
    GesprekVorm,
    Gunningswijze,
    Prijsformule,
    Procedure,
    TeamRol,
    Verdeelregel,
    Vorm,
)
from trajecten.models import (
    Bestedingsregels,
    Criterium,
    Eis,
    Perceel,
    Schetsvraag,
    TeamLid,
    Toelichting,
    Traject,
    Vertegenwoordiger,
    Wijk,
)
from trajecten.models.traject import MAX_SCHETSVRAGEN
from trajecten.proportionaliteit import codes_die_toelichting_vragen
from trajecten.routes import BUURTBUDGET, PROCEDURE, route_van, sectie_past
from trajecten.selectors.opstellen import weging_fouten
from trajecten.services import traject_vergrendeld
from trajecten.services.publicatie import rectificatie_fase_staat_toe, rectificatie_publiceren

# The spending rules of a residents' budget (issue 14, burgeraanbesteding).
BESTEDINGSREGEL_VELDEN = (
    "besteding",
    "offerte_drempel",
    "offertes_boven",
    "offertes_onder",
    "minder_offertes_met_reden",
    "max_zonder_goedkeuring",
    "overhevelen",
    "belangenregel",
)

# Fields of Traject that each section sets (plus the related rows named below).
SECTIE_VELDEN = {
    "opgave": ("titel", "opgave", "wensbeeld", "domein", "wijken", "nieuwe_wijken"),
    "kaders": (
        "beleidskaders",
        "budget",
        "geen_budgetplafond",
        "geraamde_waarde",
        "verlenging_maanden",
        "opties_waarde",
        "dienst_soort",
        "juridisch_kader",
        "bestaande_verplichtingen",
        "belangen",
        "transitie",
        "gemeente_rol",
        "contact_toegestaan",
        "contact_regels",
        "sroi_percentage",
        "sroi_drempel",
    ),
    "vorm": (
        "vorm",
        "procedure",
        "contractvorm",
        "bekostiging",
        "contractduur_maanden",
        "tenderned_kenmerk",
        "eigen_procedure",
    ),
    "percelen": ("percelen",),
    # Issue 14, point 9: the development fee is set with the second stage's deadline.
    "planning": (*Traject.MIJLPALEN, "ontwikkelvergoeding"),
    "gunning": (
        "gunningswijze",
        "criteria",
        "eisen",
        "prijsformule",
        "bodgesprekken",
        "gesprek_vorm",
        "gesprek_duur_minuten",
    ),
    "subsidie": ("subsidieplafond", "verdeelregel"),
    # Issue 14, point 2: the residents' mandate.
    "bewoners": ("commissie_samenstelling", "commissie_mandaat", "afwijken_van_advies"),
    # Issue 14, point 4: the trajectory's own questions for the outline bid.
    "schetsvragen": ("schetsvragen",),
    # Issue 14, burgeraanbesteding: the spending rules and the representatives per lot.
    "buurtbudget": (*BESTEDINGSREGEL_VELDEN, "vertegenwoordigers"),
}
# After publication, changes to these sections are published as a correction.
RECTIFICATIE_SECTIES = frozenset(SECTIE_VELDEN)

KEUZES = {
    "domein": Domein,
    "dienst_soort": DienstSoort,
    "gemeente_rol": GemeenteRol,
    "vorm": Vorm,
    "procedure": Procedure,
    "contractvorm": Contractvorm,
    "bekostiging": Bekostiging,
    "gunningswijze": Gunningswijze,
    "prijsformule": Prijsformule,
    "gesprek_vorm": GesprekVorm,
    "verdeelregel": Verdeelregel,
    "commissie_mandaat": CommissieMandaat,
}


class MijlpaalFout(DomainError):
    """A milestone of the planning refused; `veld` names it, so a form can show the
    message on that field."""

    def __init__(self, veld: str, message: str) -> None:
        super().__init__(message, veld=veld)


# Fields traject_aanmaken may set besides the title and task (e.g. from a right-to-challenge).
_NIET_BIJ_AANMAKEN = {
    "id",
    "gemeente",
    "status",
    "actieve_fase",
    "aangemaakt_door",
    "created_at",
    "gewijzigd_op",
    "gepubliceerd_op",
}


def traject_aanmaken(
    *, actor: User, gemeente: Gemeente, titel: str, opgave: str = "", **velden: Any
) -> Traject:
    """A new draft trajectory of `gemeente`; `velden` may pre-fill other fields (and `wijken`)."""
    permissions.mag_traject_aanmaken(actor, gemeente).vereisen()
    titel = (titel or "").strip()
    if not titel:
        raise DomainError(_("Give the trajectory a title."))
    wijken = velden.pop("wijken", None)
    toegestaan = {f.name for f in Traject._meta.concrete_fields} - _NIET_BIJ_AANMAKEN
    onbekend = set(velden) - toegestaan
    if onbekend:
        raise TypeError(f"traject_aanmaken: unknown fields {sorted(onbekend)}")
    # Issue 14, point 8: the call states the gemeente's social return condition, unless
    # set otherwise; the officer may change it in the frames section.
    velden.setdefault("sroi_percentage", gemeente.sroi_percentage)
    velden.setdefault("sroi_drempel", gemeente.sroi_drempel)
    with transaction.atomic():
        traject = Traject.objects.create(
            gemeente=gemeente, titel=titel, opgave=opgave, aangemaakt_door=actor, **velden
        )
        if wijken:
            traject.wijken.set(_wijken_van_gemeente(gemeente, wijken))
        events.traject_aangemaakt(actor=actor, traject=traject)
    return traject


def sectie_opslaan(
    *, actor: User, traject: Traject, sectie: str, wijzigingen: dict[str, Any], reden: str = ""
) -> list[dict[str, Any]]:
    """Save one section of `traject`: a draft saves as it is; after publication a change
    needs a reason and is published as a correction (rectificatie), all in one transaction.

    `wijzigingen` holds only the keys to change (see SECTIE_VELDEN). Lots, criteria and
    requirements are lists of dicts, each with an optional `id` (existing row) and
    `verwijderen` (remove it). Returns the list of changes (empty when nothing changed).
    """
    if sectie not in SECTIE_VELDEN:
        raise DomainError(_("This section does not exist."))
    onbekend = set(wijzigingen) - set(SECTIE_VELDEN[sectie])
    if onbekend:
        raise ValueError(f"sectie_opslaan({sectie}): unknown keys {sorted(onbekend)}")
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        permissions.mag_traject_wijzigen(actor, traject).vereisen()
        if not sectie_past(traject, sectie):
            raise DomainError(
                _("This section is not part of the route of a %(vorm)s.")
                % {"vorm": traject.get_vorm_display().lower()}
            )
        gepubliceerd = traject.is_gepubliceerd
        voor = inhoud.snapshot(traject)
        oude_mijlpalen = {veld: getattr(traject, veld) for veld in Traject.MIJLPALEN}
        oude_regels = {veld: getattr(traject, veld) for veld in _PROCEDURE_VELDEN}
        velden = _TOEPASSEN[sectie](traject, dict(wijzigingen))
        _controleer_traject(
            traject, sectie, oude_mijlpalen, gepubliceerd=gepubliceerd, oude_regels=oude_regels
        )
        if velden:
            traject.save(update_fields=[*velden, "gewijzigd_op"])
        wijzigingen_lijst = inhoud.verschillen(voor, inhoud.snapshot(traject))
        if not wijzigingen_lijst:
            return []
        rectificatie = gepubliceerd and sectie in RECTIFICATIE_SECTIES
        if rectificatie:
            if not rectificatie_fase_staat_toe(traject, wijzigingen_lijst):
                raise DomainError(
                    _(
                        "In the phase '%(fase)s' the rules of the game can no longer be "
                        "changed with a correction."
                    )
                    % {"fase": traject.get_actieve_fase_display()}
                )
            if not (reden or "").strip():
                raise DomainError(
                    _(
                        "This trajectory is published. Give the reason for the change: it is "
                        "published as a correction."
                    )
                )
        events.traject_gewijzigd(
            actor=actor,
            traject=traject,
            sectie=sectie,
            velden={w["veld"] for w in wijzigingen_lijst},
            rectificatie=rectificatie,
        )
        if rectificatie:
            rectificatie_publiceren(
                actor=actor, traject=traject, reden=reden.strip(), wijzigingen=wijzigingen_lijst
            )
    return wijzigingen_lijst


# --- applying a section -------------------------------------------------------------------


def _keuze(veld: str, waarde: Any) -> str:
    waarde = waarde or ""
    if waarde and waarde not in KEUZES[veld].values:
        raise DomainError(_("Choose one of the options for '%(veld)s'.") % {"veld": _label(veld)})
    return waarde


def _label(veld: str) -> str:
    return str(Traject._meta.get_field(veld).verbose_name)  # type: ignore[union-attr]


def _tekst(waarde: Any) -> str:
    return (waarde or "").strip()


def _bedrag(veld: str, waarde: Any) -> Decimal | None:
    if waarde in (None, ""):
        return None
    waarde = Decimal(waarde)
    if waarde < 0:
        raise DomainError(_("'%(veld)s' cannot be negative.") % {"veld": _label(veld)})
    return waarde


def _zet(traject: Any, veld: str, waarde: Any, gewijzigd: list[str]) -> None:
    if getattr(traject, veld) != waarde:
        setattr(traject, veld, waarde)
        gewijzigd.append(veld)


def _wijken_van_gemeente(gemeente: Gemeente, wijken: Iterable[Any]) -> list[Wijk]:
    ids = {w.pk if isinstance(w, Wijk) else int(w) for w in wijken}
    gevonden = list(Wijk.objects.filter(gemeente=gemeente, pk__in=ids))
    if len(gevonden) != len(ids):
        raise DomainError(_("Choose districts of this municipality only."))
    return gevonden


def _nieuwe_wijken(gemeente: Gemeente, namen: Any) -> list[Wijk]:
    if isinstance(namen, str):
        namen = namen.split(",")
    wijken = []
    for naam in namen:
        naam = " ".join(naam.split())
        if not naam:
            continue
        if len(naam) > (Wijk._meta.get_field("naam").max_length or 0):
            raise DomainError(_("The name of a district is too long: %(naam)s") % {"naam": naam})
        wijk = Wijk.objects.filter(gemeente=gemeente, naam__iexact=naam).first()
        if wijk is None:
            wijk, _nieuw = Wijk.objects.get_or_create(gemeente=gemeente, naam=naam)
        wijken.append(wijk)
    return wijken


def _opgave(traject: Traject, w: dict[str, Any]) -> list[str]:
    gewijzigd: list[str] = []
    if "titel" in w:
        titel = _tekst(w["titel"])
        if not titel:
            raise DomainError(_("Give the trajectory a title."))
        _zet(traject, "titel", titel, gewijzigd)
    for veld in ("opgave", "wensbeeld"):
        if veld in w:
            _zet(traject, veld, _tekst(w[veld]), gewijzigd)
    if "domein" in w:
        _zet(traject, "domein", _keuze("domein", w["domein"]), gewijzigd)
    if "wijken" in w or "nieuwe_wijken" in w:
        wijken = (
            _wijken_van_gemeente(traject.gemeente, w["wijken"])
            if "wijken" in w
            else list(traject.wijken.all())
        )
        wijken += _nieuwe_wijken(traject.gemeente, w.get("nieuwe_wijken") or [])
        traject.wijken.set({wijk.pk for wijk in wijken})
    return gewijzigd


def _kaders(traject: Traject, w: dict[str, Any]) -> list[str]:
    gewijzigd: list[str] = []
    for veld in (
        "beleidskaders",
        "juridisch_kader",
        "bestaande_verplichtingen",
        "belangen",
        "transitie",
        "contact_regels",
    ):
        if veld in w:
            _zet(traject, veld, _tekst(w[veld]), gewijzigd)
    if "gemeente_rol" in w:
        _zet(traject, "gemeente_rol", _keuze("gemeente_rol", w["gemeente_rol"]), gewijzigd)
    if "contact_toegestaan" in w:
        _zet(traject, "contact_toegestaan", bool(w["contact_toegestaan"]), gewijzigd)
    for veld in ("budget", "geraamde_waarde", "opties_waarde"):
        if veld in w:
            _zet(traject, veld, _bedrag(veld, w[veld]), gewijzigd)
    if "verlenging_maanden" in w:
        maanden = w["verlenging_maanden"]
        maanden = None if maanden in (None, "") else int(maanden)
        if maanden is not None and maanden < 0:
            raise DomainError(_("Extensions cannot be negative."), veld="verlenging_maanden")
        _zet(traject, "verlenging_maanden", maanden or None, gewijzigd)
    if "geen_budgetplafond" in w:
        _zet(traject, "geen_budgetplafond", bool(w["geen_budgetplafond"]), gewijzigd)
    if "dienst_soort" in w:
        _zet(traject, "dienst_soort", _keuze("dienst_soort", w["dienst_soort"]), gewijzigd)
    _sroi(traject, w, gewijzigd)
    return gewijzigd


def _sroi(traject: Traject, w: dict[str, Any], gewijzigd: list[str]) -> None:
    """Issue 14, point 8: the social return condition the call states."""
    if "sroi_percentage" in w:
        procent = _bedrag("sroi_percentage", w["sroi_percentage"])
        if procent is not None and procent > 100:
            raise DomainError(
                _("Social return is a percentage from 0 to 100."), veld="sroi_percentage"
            )
        _zet(traject, "sroi_percentage", procent, gewijzigd)
    if "sroi_drempel" in w:
        _zet(traject, "sroi_drempel", _bedrag("sroi_drempel", w["sroi_drempel"]), gewijzigd)


def _vorm(traject: Traject, w: dict[str, Any]) -> list[str]:
    gewijzigd: list[str] = []
    for veld in ("vorm", "procedure", "contractvorm", "bekostiging"):
        if veld in w:
            _zet(traject, veld, _keuze(veld, w[veld]), gewijzigd)
    if "contractduur_maanden" in w:
        duur = w["contractduur_maanden"]
        duur = None if duur in (None, "") else int(duur)
        if duur is not None and duur <= 0:
            raise DomainError(_("The contract duration must be at least one month."))
        _zet(traject, "contractduur_maanden", duur, gewijzigd)
    for veld in ("tenderned_kenmerk", "eigen_procedure"):
        if veld in w:
            _zet(traject, veld, _tekst(w[veld]), gewijzigd)
    if not route_van(traject).heeft(PROCEDURE):
        if w.get("procedure"):
            raise DomainError(
                _("A procedure belongs to a procurement only. Leave it empty."), veld="procedure"
            )
        # Issue 14: a form without a procedure (not a procurement) clears the procedure and
        # its own design, whose rules are checked on them. Everything else of another route
        # is kept, not asked and not printed (docs/decisions.md).
        _zet(traject, "procedure", "", gewijzigd)
        _zet(traject, "eigen_procedure", "", gewijzigd)
    return gewijzigd


def _subsidie(traject: Traject, w: dict[str, Any]) -> list[str]:
    """Issue 14: the subsidy ceiling and the distribution rule (Awb art. 4:25, 4:26)."""
    gewijzigd: list[str] = []
    if "subsidieplafond" in w:
        plafond = _bedrag("subsidieplafond", w["subsidieplafond"])
        if plafond is not None and plafond <= 0:
            raise DomainError(
                _("The subsidy ceiling must be more than zero."), veld="subsidieplafond"
            )
        _zet(traject, "subsidieplafond", plafond, gewijzigd)
    if "verdeelregel" in w:
        _zet(traject, "verdeelregel", _keuze("verdeelregel", w["verdeelregel"]), gewijzigd)
    return gewijzigd


def _planning(traject: Traject, w: dict[str, Any]) -> list[str]:
    gewijzigd: list[str] = []
    for veld in Traject.MIJLPALEN:
        if veld in w:
            moment = w[veld]
            if moment is not None and timezone.is_naive(moment):
                raise ValueError("Milestones must be aware datetimes.")
            _zet(traject, veld, moment, gewijzigd)
    if "ontwikkelvergoeding" in w:
        bedrag = _bedrag("ontwikkelvergoeding", w["ontwikkelvergoeding"])
        if bedrag is not None and bedrag <= 0:
            raise DomainError(
                _("A development fee is more than € 0. Leave the field empty for no fee."),
                veld="ontwikkelvergoeding",
            )
        _zet(traject, "ontwikkelvergoeding", bedrag, gewijzigd)
    return gewijzigd


def _bewoners(traject: Traject, w: dict[str, Any]) -> list[str]:
    """Issue 14, point 2: who sits on the committee, whether it advises or decides, and what
    happens when the college departs from its advice (required when it advises)."""
    gewijzigd: list[str] = []
    for veld in ("commissie_samenstelling", "afwijken_van_advies"):
        if veld in w:
            _zet(traject, veld, _tekst(w[veld]), gewijzigd)
    if "commissie_mandaat" in w:
        _zet(
            traject,
            "commissie_mandaat",
            _keuze("commissie_mandaat", w["commissie_mandaat"]),
            gewijzigd,
        )
    permissions.bewoners_mandaat_toegestaan(traject).vereisen()
    return gewijzigd


def _rijen(
    model: Any, traject: Traject, rijen: Iterable[dict[str, Any]]
) -> tuple[
    list[tuple[Any, dict[str, Any]]], list[dict[str, Any]], list[tuple[Any, dict[str, Any]]]
]:
    """Split rows into (existing rows to change, new rows, rows to delete).

    Existing rows that are not named stay as they are.
    """
    bestaand = {obj.pk: obj for obj in model.objects.filter(traject=traject)}
    houden: list[tuple[Any, dict[str, Any]]] = []
    nieuw: list[dict[str, Any]] = []
    weg: list[tuple[Any, dict[str, Any]]] = []
    for rij in rijen:
        pk = rij.get("id")
        if pk:
            obj = bestaand.get(int(pk))
            if obj is None:
                raise DomainError(_("This row no longer exists. Reload the page."))
            (weg if rij.get("verwijderen") else houden).append((obj, rij))
        elif not rij.get("verwijderen"):
            nieuw.append(rij)
    return houden, nieuw, weg


def _percelen(traject: Traject, w: dict[str, Any]) -> list[str]:
    if "percelen" not in w:
        return []
    houden, nieuw, weg = _rijen(Perceel, traject, w["percelen"])
    genoemd = {obj.pk for obj, _rij in [*houden, *weg]}
    nummers = [p.nummer for p in Perceel.objects.filter(traject=traject).exclude(pk__in=genoemd)]
    nummers += [int(rij["nummer"]) for _obj, rij in houden] + [int(rij["nummer"]) for rij in nieuw]
    if len(nummers) != len(set(nummers)):
        raise DomainError(_("Every lot needs its own number."))
    if any(n < 1 for n in nummers):
        raise DomainError(_("Lot numbers start at 1."))
    for _obj, rij in [*houden, *((None, r) for r in nieuw)]:
        if not _tekst(rij.get("naam")):
            raise DomainError(_("Give every lot a name."))
    alle_wijken = {
        wijk.pk: wijk
        for wijk in _wijken_van_gemeente(
            traject.gemeente,
            {
                wijk.pk if isinstance(wijk, Wijk) else int(wijk)
                for _obj, rij in [*houden, *((None, r) for r in nieuw)]
                for wijk in rij.get("wijken") or []
            },
        )
    }

    def wijk_ids(rij: dict[str, Any]) -> set[int]:
        return {w.pk if isinstance(w, Wijk) else int(w) for w in rij.get("wijken") or []}

    for obj, _rij in weg:
        obj.delete()
    # Numbers are unique per trajectory: park the renumbered lots first, then number them.
    for index, (obj, rij) in enumerate(houden):
        if obj.nummer != int(rij["nummer"]):
            obj.nummer = 30000 + index
            obj.save(update_fields=["nummer"])
    for obj, rij in houden:
        obj.nummer = int(rij["nummer"])
        obj.naam = _tekst(rij["naam"])
        obj.beschrijving = _tekst(rij.get("beschrijving"))
        obj.budget = _bedrag("budget", rij.get("budget"))
        obj.save()
        obj.wijken.set([alle_wijken[pk] for pk in wijk_ids(rij)])
    for rij in nieuw:
        perceel = Perceel.objects.create(
            traject=traject,
            nummer=int(rij["nummer"]),
            naam=_tekst(rij["naam"]),
            beschrijving=_tekst(rij.get("beschrijving")),
            budget=_bedrag("budget", rij.get("budget")),
        )
        perceel.wijken.set([alle_wijken[pk] for pk in wijk_ids(rij)])
    return []


def _criterium_waarden(rij: dict[str, Any], volgorde: int) -> dict[str, Any]:
    naam = _tekst(rij.get("naam"))
    if not naam:
        raise DomainError(_("Give every criterion a name."))
    ruwe_weging: Any = rij.get("weging")
    weging = None if ruwe_weging in (None, "") else int(ruwe_weging)
    if weging is not None and not 0 < weging <= 100:
        raise DomainError(_("A weight lies between 1 and 100%."))
    schaal_min = int(rij.get("schaal_min", 1))
    schaal_max = int(rij.get("schaal_max", 10))
    if schaal_max <= schaal_min:
        raise DomainError(_("The highest score must be higher than the lowest score."))
    return {
        "volgorde": volgorde,
        "naam": naam,
        "omschrijving": _tekst(rij.get("omschrijving")),
        "weging": weging,
        "schaal_min": schaal_min,
        "schaal_max": schaal_max,
        "is_prijs": bool(rij.get("is_prijs")),
    }


def _eis_waarden(
    traject: Traject, rij: dict[str, Any], percelen: dict[int, Perceel]
) -> dict[str, Any]:
    soort = rij.get("soort")
    if soort not in EisSoort.values:
        raise DomainError(_("Choose the kind of requirement."))
    omschrijving = _tekst(rij.get("omschrijving"))
    if not omschrijving:
        raise DomainError(_("Describe every requirement."))
    perceel: Any = rij.get("perceel")
    if perceel not in (None, ""):
        perceel = percelen.get(perceel.pk if isinstance(perceel, Perceel) else int(perceel))
        if perceel is None:
            raise DomainError(_("Choose a lot of this trajectory."))
    else:
        perceel = None
    jaren: Any = rij.get("jaren")
    return {
        "soort": soort,
        "omschrijving": omschrijving,
        "perceel": perceel,
        "bedrag": _bedrag("budget", rij.get("bedrag")),
        "jaren": None if jaren in (None, "") else int(jaren),
        "risico": _tekst(rij.get("risico")),
    }


def _gunning(traject: Traject, w: dict[str, Any]) -> list[str]:
    gewijzigd: list[str] = []
    if "gunningswijze" in w:
        _zet(traject, "gunningswijze", _keuze("gunningswijze", w["gunningswijze"]), gewijzigd)
    _gesprekken_en_prijsformule(traject, w, gewijzigd)
    if "criteria" in w:
        houden, nieuw, weg = _rijen(Criterium, traject, w["criteria"])
        for obj, _rij in weg:
            obj.delete()
        volgorde = 0
        for obj, rij in houden:
            volgorde += 1
            for veld, waarde in _criterium_waarden(rij, volgorde).items():
                setattr(obj, veld, waarde)
            obj.save()
        for rij in nieuw:
            volgorde += 1
            Criterium.objects.create(traject=traject, **_criterium_waarden(rij, volgorde))
    fouten = weging_fouten(traject.gunningswijze, list(traject.criteria.all()))
    if fouten:
        # The form lists every fault at once (`forms.opstellen`); the service refuses with
        # the first, at the award approach.
        raise DomainError(fouten[0], veld="gunningswijze")
    if "eisen" in w:
        percelen = {p.pk: p for p in traject.percelen.all()}
        houden, nieuw, weg = _rijen(Eis, traject, w["eisen"])
        for obj, _rij in weg:
            obj.delete()
        for obj, rij in houden:
            for veld, waarde in _eis_waarden(traject, rij, percelen).items():
                setattr(obj, veld, waarde)
            obj.save()
        for rij in nieuw:
            Eis.objects.create(traject=traject, **_eis_waarden(traject, rij, percelen))
    return gewijzigd


def _gesprekken_en_prijsformule(traject: Traject, w: dict[str, Any], gewijzigd: list[str]) -> None:
    """Issue 13, rules 8 and 11: the price formula, and whether the call announces
    conversations with bidders, with their format and length (the same for every bidder)."""
    if "prijsformule" in w:
        formule = _keuze("prijsformule", w["prijsformule"]) or Prijsformule.LAAGSTE_GEDEELD
        _zet(traject, "prijsformule", formule, gewijzigd)
    if "bodgesprekken" in w:
        _zet(traject, "bodgesprekken", bool(w["bodgesprekken"]), gewijzigd)
    if "gesprek_vorm" in w:
        _zet(traject, "gesprek_vorm", _keuze("gesprek_vorm", w["gesprek_vorm"]), gewijzigd)
    if "gesprek_duur_minuten" in w:
        duur = w["gesprek_duur_minuten"] or None
        if duur is not None and not 10 <= int(duur) <= 240:
            raise DomainError(
                _("A conversation lasts from 10 to 240 minutes."), veld="gesprek_duur_minuten"
            )
        _zet(traject, "gesprek_duur_minuten", duur, gewijzigd)
    if traject.bodgesprekken and not (traject.gesprek_vorm and traject.gesprek_duur_minuten):
        raise DomainError(
            _("Give the format and the length of the conversations, for the call."),
            veld="gesprek_vorm",
        )


def _schetsvragen(traject: Traject, w: dict[str, Any]) -> list[str]:
    """Issue 14, point 4: at most a handful of own questions for the outline bid, each a
    short question with optional guidance; rows as for lots (`id`, `verwijderen`)."""
    if "schetsvragen" not in w:
        return []
    houden, nieuw, weg = _rijen(Schetsvraag, traject, w["schetsvragen"])
    genoemd = {obj.pk for obj, _rij in [*houden, *weg]}
    blijven = Schetsvraag.objects.filter(traject=traject).exclude(pk__in=genoemd).count()
    if blijven + len(houden) + len(nieuw) > MAX_SCHETSVRAGEN:
        raise DomainError(
            _(
                "A call has at most %(max)s questions of its own for the outline bid. "
                "Remove a question first."
            )
            % {"max": MAX_SCHETSVRAGEN}
        )
    for _obj, rij in [*houden, *((None, r) for r in nieuw)]:
        if not _tekst(rij.get("vraag")):
            raise DomainError(_("Write every question, or remove it."))
        if len(_tekst(rij.get("vraag"))) > 300:
            raise DomainError(_("A question is at most 300 characters. Make it shorter."))
    for obj, _rij in weg:
        obj.delete()
    volgorde = 0
    for obj, rij in houden:
        volgorde += 1
        obj.volgorde = volgorde
        obj.vraag = _tekst(rij["vraag"])
        obj.toelichting = _tekst(rij.get("toelichting"))
        obj.save()
    for rij in nieuw:
        volgorde += 1
        Schetsvraag.objects.create(
            traject=traject,
            volgorde=volgorde,
            vraag=_tekst(rij["vraag"]),
            toelichting=_tekst(rij.get("toelichting")),
        )
    return []


def _buurtbudget(traject: Traject, w: dict[str, Any]) -> list[str]:
    """Issue 14, burgeraanbesteding: the spending rules of the call and the representatives
    of each lot (residents with an account, chosen by their e-mail address, with how they
    were chosen). Only on a route with a residents' budget."""
    permissions.op_route(traject, BUURTBUDGET).vereisen()
    regels, _nieuw = Bestedingsregels.objects.get_or_create(traject=traject)
    gewijzigd: list[str] = []
    for veld in ("besteding", "belangenregel"):
        if veld in w:
            _zet(regels, veld, _tekst(w[veld]), gewijzigd)
    for veld in ("offerte_drempel", "max_zonder_goedkeuring"):
        if veld in w:
            _zet(regels, veld, _bedrag("budget", w[veld]), gewijzigd)
    for veld in ("offertes_boven", "offertes_onder"):
        if veld in w:
            aantal = int(w[veld] if w[veld] not in (None, "") else 1)
            if not 1 <= aantal <= 10:
                raise DomainError(_("Ask for 1 to 10 quotes."), veld=veld)
            _zet(regels, veld, aantal, gewijzigd)
    for veld in ("minder_offertes_met_reden", "overhevelen"):
        if veld in w:
            _zet(regels, veld, bool(w[veld]), gewijzigd)
    if regels.offertes_boven < regels.offertes_onder:
        raise DomainError(
            _("From the amount, at least as many quotes are needed as below it."),
            veld="offertes_boven",
        )
    if gewijzigd:
        regels.save(update_fields=gewijzigd)
    if "vertegenwoordigers" in w:
        _vertegenwoordigers(traject, w["vertegenwoordigers"])
    return []


def _vertegenwoordigers(traject: Traject, rijen: Iterable[dict[str, Any]]) -> None:
    percelen = {p.pk: p for p in traject.percelen.all()}
    bestaand = {v.pk: v for v in Vertegenwoordiger.objects.filter(perceel__traject=traject)}
    for rij in rijen:
        pk = rij.get("id")
        vertegenwoordiger = None
        if pk:
            vertegenwoordiger = bestaand.get(int(pk))
            if vertegenwoordiger is None:
                raise DomainError(_("This row no longer exists. Reload the page."))
            if rij.get("verwijderen"):
                vertegenwoordiger.delete()
                continue
        elif rij.get("verwijderen"):
            continue
        perceel_id: Any = rij.get("perceel")
        perceel = percelen.get(int(perceel_id)) if perceel_id not in (None, "") else None
        if perceel is None:
            raise DomainError(_("Choose the lot (district or village) of every representative."))
        email = (rij.get("email") or "").strip()
        user = User.objects.filter(email__iexact=email, is_active=True).first() if email else None
        if user is None:
            raise DomainError(
                _(
                    "There is no account with the e-mail address %(email)s. Ask the resident "
                    "to make an account first, then choose them here."
                )
                % {"email": email or "–"}
            )
        if is_medewerker(user, traject.gemeente):
            raise DomainError(_("An officer of the municipality cannot represent the residents."))
        dubbel = Vertegenwoordiger.objects.filter(perceel=perceel, user=user)
        if vertegenwoordiger is not None:
            dubbel = dubbel.exclude(pk=vertegenwoordiger.pk)
        if dubbel.exists():
            raise DomainError(_("%(email)s already represents this lot.") % {"email": user.email})
        hoe_gekozen = _tekst(rij.get("hoe_gekozen"))
        if not hoe_gekozen:
            raise DomainError(_("Say how every representative was chosen."))
        if vertegenwoordiger is None:
            Vertegenwoordiger.objects.create(perceel=perceel, user=user, hoe_gekozen=hoe_gekozen)
        else:
            vertegenwoordiger.perceel = perceel
            vertegenwoordiger.user = user
            vertegenwoordiger.hoe_gekozen = hoe_gekozen
            vertegenwoordiger.save(update_fields=["perceel", "user", "hoe_gekozen"])


_TOEPASSEN = {
    "opgave": _opgave,
    "kaders": _kaders,
    "vorm": _vorm,
    "percelen": _percelen,
    "planning": _planning,
    "gunning": _gunning,
    "subsidie": _subsidie,
    "bewoners": _bewoners,
    "schetsvragen": _schetsvragen,
    "buurtbudget": _buurtbudget,
}


# The fields the procedure rules (issue 13, rules 10 and 16) and the development fee
# (issue 14, point 9) look at: they are checked when one of them changes, so an older
# trajectory can still be corrected otherwise.
_PROCEDURE_VELDEN = (
    "vorm",
    "procedure",
    "dienst_soort",
    "eigen_procedure",
    "uitwerking_sluit",
    "ontwikkelvergoeding",
)


def _controleer_traject(
    traject: Traject,
    sectie: str,
    oude_mijlpalen: dict[str, Any],
    *,
    gepubliceerd: bool,
    oude_regels: dict[str, Any] | None = None,
) -> None:
    """The rules of a section, and the deadline rules, checked on the changed trajectory."""
    if traject.budget is not None and traject.geen_budgetplafond:
        raise DomainError(_("Give a budget or choose no budget cap, not both."))
    if sectie == "vorm":
        route = route_van(traject)
        if traject.procedure and not route.heeft(PROCEDURE):
            raise DomainError(_("A procedure belongs to a procurement only. Leave it empty."))
        if route.heeft(PROCEDURE) and traject.vorm and not traject.procedure:
            raise DomainError(_("Choose the procedure for the procurement."))
    # Issue 13, rules 10 and 16: the procedure decides whether stages and an own design
    # are allowed; the refusal names the field of the section being saved.
    oud = oude_regels or {}

    def gewijzigd(*namen: str) -> bool:
        return oude_regels is None or any(getattr(traject, n) != oud[n] for n in namen)

    if gewijzigd("vorm", "procedure", "dienst_soort", "eigen_procedure"):
        permissions.procedure_toegestaan(
            traject, veld="dienst_soort" if sectie == "kaders" else "procedure"
        ).vereisen()
    nieuwe_tweede_ronde = oude_regels is None or oud["uitwerking_sluit"] is None
    if traject.uitwerking_sluit is not None and (
        gewijzigd("vorm", "procedure") or nieuwe_tweede_ronde
    ):
        permissions.twee_rondes_toegestaan(
            traject, veld="procedure" if sectie == "vorm" else "uitwerking_sluit"
        ).vereisen()
    # Issue 14, point 9: a development fee only with a second stage (on a route with bids).
    if traject.ontwikkelvergoeding is not None and gewijzigd(
        "ontwikkelvergoeding", "uitwerking_sluit", "vorm"
    ):
        permissions.ontwikkelvergoeding_toegestaan(
            traject, veld="ontwikkelvergoeding" if sectie == "planning" else None
        ).vereisen()
    nu = timezone.now()
    for veld in Traject.MIJLPALEN:
        oud, nieuw = oude_mijlpalen[veld], getattr(traject, veld)
        if oud == nieuw:
            continue
        voorbij = oud is not None and oud <= nu
        if gepubliceerd and voorbij and veld in Traject.PLANNINGSDATA and nieuw is not None:
            # Issue 13, rule 19: a planning date is a plan, not a deadline; a correction
            # moves it, earlier or later, also once it passed.
            continue
        if gepubliceerd and voorbij:
            raise MijlpaalFout(
                veld,
                _(
                    "'%(mijlpaal)s' (%(moment)s) has passed. A moment that has passed "
                    "cannot be moved."
                )
                % {"mijlpaal": _label(veld), "moment": weergave.moment(oud)},
            )
        if nieuw is None and gepubliceerd:
            raise MijlpaalFout(
                veld,
                _("'%(mijlpaal)s' is published and cannot be removed. You can move it.")
                % {"mijlpaal": _label(veld)},
            )
        if (
            gepubliceerd
            and veld in Traject.DEADLINES_ALLEEN_LATER
            and oud is not None
            and nieuw < oud
        ):
            raise MijlpaalFout(
                veld,
                _(
                    "'%(mijlpaal)s' is now %(moment)s. After publication this deadline can "
                    "only move later, not earlier: bidders rely on it, and the bids may only "
                    "be opened after it. Choose this moment or a later one."
                )
                % {"mijlpaal": _label(veld), "moment": weergave.moment(oud)},
            )
        if nieuw is not None and nieuw <= nu:
            raise MijlpaalFout(
                veld, _("'%(mijlpaal)s' cannot be in the past.") % {"mijlpaal": _label(veld)}
            )
    vorige = None
    for veld in Traject.MIJLPALEN:
        moment = getattr(traject, veld)
        if moment is None:
            continue
        if vorige is not None and moment < getattr(traject, vorige):
            raise MijlpaalFout(
                veld,
                _("'%(later)s' cannot be before '%(eerder)s'.")
                % {"later": _label(veld), "eerder": _label(vorige)},
            )
        vorige = veld


# --- team -----------------------------------------------------------------------------------


def teamlid_toevoegen(
    *, actor: User, traject: Traject, medewerker: Medewerker | int, rol: str
) -> TeamLid:
    """Add a colleague of the same gemeente to the team, or change their role."""
    if rol not in TeamRol.values:
        raise DomainError(_("Choose a role."))
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        permissions.mag_traject_wijzigen(actor, traject).vereisen()
        collega = (
            medewerker
            if isinstance(medewerker, Medewerker)
            else Medewerker.objects.select_related("user").filter(pk=medewerker).first()
        )
        if collega is None or collega.gemeente_id != traject.gemeente_id:
            raise DomainError(_("Only colleagues of this municipality can join the team."))
        lid, nieuw = TeamLid.objects.get_or_create(
            traject=traject, medewerker=collega, defaults={"rol": rol}
        )
        if not nieuw and lid.rol == rol:
            return lid
        vorige_rol = "" if nieuw else lid.rol
        if not nieuw:
            lid.rol = rol
            lid.save(update_fields=["rol"])
        events.teamlid_gezet(
            actor=actor, traject=traject, medewerker=collega, vorige_rol=vorige_rol, rol=rol
        )
    return lid


def teamlid_verwijderen(*, actor: User, traject: Traject, teamlid: TeamLid | int) -> bool:
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        permissions.mag_traject_wijzigen(actor, traject).vereisen()
        pk = teamlid.pk if isinstance(teamlid, TeamLid) else int(teamlid)
        lid = (
            TeamLid.objects.select_related("medewerker__user")
            .filter(pk=pk, traject=traject)
            .first()
        )
        if lid is None:
            return False
        lid.delete()
        events.teamlid_verwijderd(
            actor=actor, traject=traject, medewerker=lid.medewerker, rol=lid.rol
        )
    return True


# --- comply or explain, phases --------------------------------------------------------------


def toelichting_geven(*, actor: User, traject: Traject, code: str, tekst: str) -> Toelichting:
    """Explain a proportionality finding ("comply or explain"); only while the trajectory is
    a draft, because the explanation is printed in the call."""
    tekst = (tekst or "").strip()
    if not tekst:
        raise DomainError(_("Write the explanation."))
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        permissions.mag_traject_wijzigen(actor, traject).vereisen()
        if traject.is_gepubliceerd:
            raise DomainError(
                _(
                    "This trajectory is published: the explanations are in the published "
                    "call and can no longer be changed."
                )
            )
        if code not in codes_die_toelichting_vragen(traject):
            raise DomainError(_("The check has no such finding (any more). Reload the page."))
        toelichting, nieuw = Toelichting.objects.update_or_create(
            traject=traject, code=code, defaults={"tekst": tekst, "door": actor}
        )
        events.toelichting_gegeven(actor=actor, traject=traject, code=code, nieuw=nieuw)
    return toelichting


def fase_wijzigen(*, actor: User, traject: Traject, fase: str) -> Traject:
    """Move the active phase of a published trajectory (phases need not go in order)."""
    if fase not in Fase.values:
        raise DomainError(_("Choose one of the five phases."))
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        permissions.mag_traject_wijzigen(actor, traject).vereisen()
        if not traject.is_gepubliceerd:
            raise DomainError(_("Publish the trajectory first; then you can move its phase."))
        vorige = traject.actieve_fase
        if vorige == fase:
            return traject
        traject.actieve_fase = fase
        traject.save(update_fields=["actieve_fase", "gewijzigd_op"])
        events.fase_gewijzigd(actor=actor, traject=traject, vorige=vorige, fase=fase)
    return traject
