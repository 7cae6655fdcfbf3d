"""Reads of coalitions, scoped to the user who asks.

A coalition is visible to the members of its (invited or accepted) partner organisations
and to the officers of its trajectory's gemeente (read-only); to nobody else (404).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from aanbesteden import audit
from aanbesteden.constants import AuditEventType
from aanbesteden.permissions import Toestemming
from aanbesteden.selectors import gemeente_ids_van
from coalities.constants import (
    ACTIEVE_STATUSSEN,
    LEIDENDE_ROLLEN,
    LidRol,
    PartnerRol,
    PartnerStatus,
)
from coalities.models import (
    Coalitie,
    CoalitiePartner,
    Lidmaatschap,
    Onafhankelijkheidsverklaring,
    Organisatie,
    Sleutelpartij,
)
from coalities.permissions import (
    concurrentie_toegestaan,
    mag_coalitie_verlaten,
    mag_coalitie_wijzigen,
    mag_toezegging_schrijven,
    mag_uitnodiging_beantwoorden,
    perceelnamen,
)
from trajecten.models import Perceel, Traject

HONDERD = Decimal("100")
ZOEK_MAX = 25


def coalities_voor(user: Any) -> QuerySet[Coalitie]:
    """Coalitions `user` may see: as a member of a partner organisation, or as an officer."""
    if not user.is_authenticated:
        return Coalitie.objects.none()
    lid = CoalitiePartner.objects.filter(
        coalitie=OuterRef("pk"),
        status__in=ACTIEVE_STATUSSEN,
        organisatie__lidmaatschappen__user=user,
    )
    return Coalitie.objects.filter(
        Q(Exists(lid)) | Q(traject__gemeente_id__in=gemeente_ids_van(user))
    ).select_related("traject__gemeente")


def coalitie_voor(user: Any, pk: int) -> Coalitie:
    """One coalition this user may see; raises Coalitie.DoesNotExist otherwise."""
    return coalities_voor(user).get(pk=pk)


def partner_van(coalitie: Coalitie, pk: int) -> CoalitiePartner:
    """One partner row of `coalitie`; raises CoalitiePartner.DoesNotExist otherwise."""
    return CoalitiePartner.objects.select_related("organisatie").get(coalitie=coalitie, pk=pk)


def partners_beheerd_door(
    user: Any, coalitie: Coalitie, *, status: str
) -> QuerySet[CoalitiePartner]:
    """The partner rows of `coalitie` in `status` whose organisation `user` administers."""
    if not user.is_authenticated:
        return CoalitiePartner.objects.none()
    return (
        CoalitiePartner.objects.filter(
            coalitie=coalitie,
            status=status,
            organisatie__lidmaatschappen__user=user,
            organisatie__lidmaatschappen__rol=LidRol.BEHEERDER,
        )
        .select_related("organisatie")
        .order_by("organisatie__naam", "pk")
    )


def _actieve_organisatie_ids(coalitie: Coalitie) -> QuerySet[CoalitiePartner, Any]:
    return CoalitiePartner.objects.filter(coalitie=coalitie, status__in=ACTIEVE_STATUSSEN).values(
        "organisatie_id"
    )


def geinteresseerde_organisaties(coalitie: Coalitie) -> QuerySet[Organisatie]:
    """Organisations that showed interest on the trajectory's partner board, not yet in it."""
    return (
        Organisatie.objects.filter(interesses__traject_id=coalitie.traject_id)
        .exclude(pk__in=_actieve_organisatie_ids(coalitie))
        .order_by("naam", "id")
    )


def organisaties_zoeken(coalitie: Coalitie, zoekterm: str) -> QuerySet[Organisatie]:
    """Organisations on the platform whose name holds `zoekterm`, not yet in the coalition."""
    zoekterm = (zoekterm or "").strip()
    if not zoekterm:
        return Organisatie.objects.none()
    return (
        Organisatie.objects.filter(naam__icontains=zoekterm)
        .exclude(pk__in=_actieve_organisatie_ids(coalitie))
        .order_by("naam", "id")[:ZOEK_MAX]
    )


def _breedte(waarde: Decimal) -> str:
    """A percentage for a chart's width, with a dot whatever the language."""
    waarde = max(Decimal("0"), min(HONDERD, Decimal(waarde or 0)))
    return f"{waarde:.2f}"


@dataclass(frozen=True)
class Aandeelvlag:
    """Issue 14, point 6: the lead's share of the budget or of the say is above the
    gemeente's maximum (`Gemeente.penvoerder_max_aandeel`, one maximum for both shares:
    Utrecht asks 80% of the income and of the say at most). `budget`/`zeggenschap`: the
    share that is above it, or None."""

    budget: Decimal | None
    zeggenschap: Decimal | None
    maximum: int

    @property
    def tekst(self) -> str:
        waarden = {
            "aandeel": floatformat(self.budget, "-2") if self.budget is not None else "",
            "zeggenschap": floatformat(self.zeggenschap, "-2")
            if self.zeggenschap is not None
            else "",
            "max": self.maximum,
        }
        if self.budget is not None and self.zeggenschap is not None:
            return (
                _(
                    "The lead partner gets %(aandeel)s%% of the budget and %(zeggenschap)s%% of "
                    "the say; the municipality asks for no more than %(max)s%% of either."
                )
                % waarden
            )
        if self.budget is not None:
            return (
                _(
                    "The lead partner gets %(aandeel)s%% of the budget; the municipality asks "
                    "for no more than %(max)s%%."
                )
                % waarden
            )
        return (
            _(
                "The lead partner gets %(zeggenschap)s%% of the say; the municipality asks for "
                "no more than %(max)s%%."
            )
            % waarden
        )


def leider_aandeel_vlag(budget: Any, zeggenschap: Any, maximum: int | None) -> Aandeelvlag | None:
    """The flag for a lead whose share of the budget or of the say is above `maximum` (the
    gemeente's setting), or None. The one rule for the coalition page, the officer's list of
    coalitions and the committee's view of a bid (issue 14, point 6)."""
    if maximum is None:
        return None
    grens = Decimal(maximum)
    budget = Decimal(str(budget or 0))
    zeggenschap = Decimal(str(zeggenschap or 0))
    te_veel_budget = budget if budget > grens else None
    te_veel_zeggenschap = zeggenschap if zeggenschap > grens else None
    if te_veel_budget is None and te_veel_zeggenschap is None:
        return None
    return Aandeelvlag(budget=te_veel_budget, zeggenschap=te_veel_zeggenschap, maximum=maximum)


@dataclass
class Staaf:
    naam: str
    rol: str
    budget: Decimal
    zeggenschap: Decimal
    breedte_budget: str
    breedte_zeggenschap: str
    is_leider: bool


@dataclass
class Gebeurtenis:
    event: object
    organisatie: str
    wijzigingen: list = field(default_factory=list)


@dataclass
class CoalitieOverzicht:
    coalitie: Coalitie
    partners: list
    geaccepteerd: list
    wachtend: list
    vroeger: list
    leider: CoalitiePartner | None
    staven: list
    totaal_budget: Decimal
    totaal_zeggenschap: Decimal
    max_aandeel: int
    vlag: Aandeelvlag | None
    sleutelpartij_ids: set
    is_lid: bool
    is_medewerker: bool
    is_leider_beheerder: bool
    mag_wijzigen: Toestemming
    uitnodigingen: list
    te_beantwoorden: list
    te_verlaten: list
    geschiedenis: list
    # Issue 13, rule 1: the key-party rows whose commitment this user may write.
    toe_te_zeggen: list = field(default_factory=list)

    @property
    def penvoerder_te_groot(self) -> bool:
        return self.vlag is not None

    @property
    def budget_klopt(self) -> bool:
        return self.totaal_budget == HONDERD

    @property
    def zeggenschap_klopt(self) -> bool:
        return self.totaal_zeggenschap == HONDERD

    @property
    def vergrendeld(self) -> bool:
        return self.coalitie.is_vergrendeld

    @property
    def alleen_uitgenodigd(self) -> bool:
        """Issue 11, point 6: the user is here only through an invitation that is not yet
        (effectively) accepted. It sees its invitation and nothing of the bid: no status,
        version, times, history or the split of the partners."""
        return not self.is_lid and not self.is_medewerker and bool(self.uitnodigingen)


def _volgorde(partner: CoalitiePartner) -> tuple[bool, int, str, int]:
    status = (
        PartnerStatus.GEACCEPTEERD,
        PartnerStatus.UITGENODIGD,
        PartnerStatus.AFGEWEZEN,
        PartnerStatus.VERTROKKEN,
    )
    return (
        partner.rol not in LEIDENDE_ROLLEN,
        status.index(partner.status),
        partner.organisatie.naam.lower(),
        partner.pk,
    )


VELD_LABELS = {
    "naam": lambda: _("name"),
    "plan": lambda: _("plan"),
    "percelen": lambda: _("lots"),
    "rol": lambda: _("role"),
    "bijdrage": lambda: _("contribution"),
    "aandeel_budget": lambda: _("share of the budget (%)"),
    "aandeel_zeggenschap": lambda: _("share of the say (%)"),
}


def _waarde(veld: str, waarde: Any, percelen: dict[int, Perceel]) -> str:
    if veld == "rol":
        try:
            return str(PartnerRol(waarde).label)
        except ValueError:
            return waarde
    if veld == "percelen":
        return ", ".join(str(percelen.get(pk, pk)) for pk in waarde or ())
    return "" if waarde is None else str(waarde)


def geschiedenis_van(coalitie: Coalitie) -> list[Gebeurtenis]:
    """The coalition's audit events, newest first, with the changes in words."""
    percelen = {p.pk: p for p in Perceel.objects.filter(traject_id=coalitie.traject_id)}
    uit = []
    for event in audit.events_for(coalitie).order_by("-created_at", "-id"):
        detail = event.detail or {}
        wijzigingen = []
        if event.event_type in (
            AuditEventType.COALITIE_GEWIJZIGD,
            AuditEventType.COALITIE_PARTNER_GEWIJZIGD,
        ):
            voor, na = detail.get("voor", {}), detail.get("na", {})
            for veld in na:
                label = VELD_LABELS.get(veld, lambda v=veld: v)()
                wijzigingen.append(
                    (
                        label,
                        _waarde(veld, voor.get(veld), percelen),
                        _waarde(veld, na[veld], percelen),
                    )
                )
        uit.append(
            Gebeurtenis(
                event=event, organisatie=detail.get("organisatie", ""), wijzigingen=wijzigingen
            )
        )
    return uit


def coalitie_overzicht(user: Any, coalitie: Coalitie) -> CoalitieOverzicht:
    """Everything the coalition page shows to `user` (who may see `coalitie`)."""
    partners = sorted(
        CoalitiePartner.objects.filter(coalitie=coalitie).select_related("organisatie"),
        key=_volgorde,
    )
    geaccepteerd = [p for p in partners if p.status == PartnerStatus.GEACCEPTEERD]
    wachtend = [p for p in partners if p.status == PartnerStatus.UITGENODIGD]
    vroeger = [p for p in partners if p.status not in ACTIEVE_STATUSSEN]
    leider = next(
        (p for p in partners if p.rol in LEIDENDE_ROLLEN and p.status in ACTIEVE_STATUSSEN), None
    )
    organisatie_ids = {p.organisatie_id for p in partners}
    mijn = (
        dict(
            Lidmaatschap.objects.filter(user=user, organisatie_id__in=organisatie_ids).values_list(
                "organisatie_id", "rol"
            )
        )
        if user.is_authenticated and organisatie_ids
        else {}
    )
    sleutelpartij_ids = (
        set(
            Sleutelpartij.objects.filter(
                traject_id=coalitie.traject_id, organisatie_id__in=organisatie_ids
            ).values_list("organisatie_id", flat=True)
        )
        if organisatie_ids
        else set()
    )
    # A member of the coalition: of an organisation that has accepted (issue 11, point 6).
    # An invited organisation is not, even when it accepted for the next version.
    geaccepteerde_ids = {p.organisatie_id for p in geaccepteerd}
    is_lid = any(org_id in geaccepteerde_ids for org_id in mijn)
    beheert = {org_id for org_id, rol in mijn.items() if rol == LidRol.BEHEERDER}
    leider_beheerder = leider is not None and leider.organisatie_id in beheert
    max_aandeel = coalitie.traject.gemeente.penvoerder_max_aandeel
    staven = [
        Staaf(
            naam=p.organisatie.naam,
            rol=p.get_rol_display(),
            budget=p.aandeel_budget,
            zeggenschap=p.aandeel_zeggenschap,
            breedte_budget=_breedte(p.aandeel_budget),
            breedte_zeggenschap=_breedte(p.aandeel_zeggenschap),
            is_leider=p.rol in LEIDENDE_ROLLEN,
        )
        for p in geaccepteerd
    ]
    return CoalitieOverzicht(
        coalitie=coalitie,
        partners=partners,
        geaccepteerd=geaccepteerd,
        wachtend=wachtend,
        vroeger=vroeger,
        leider=leider,
        staven=staven,
        totaal_budget=sum((p.aandeel_budget for p in geaccepteerd), Decimal("0")),
        totaal_zeggenschap=sum((p.aandeel_zeggenschap for p in geaccepteerd), Decimal("0")),
        max_aandeel=max_aandeel,
        vlag=leider_aandeel_vlag(leider.aandeel_budget, leider.aandeel_zeggenschap, max_aandeel)
        if leider is not None and leider.status == PartnerStatus.GEACCEPTEERD
        else None,
        sleutelpartij_ids=sleutelpartij_ids,
        is_lid=is_lid,
        is_medewerker=coalitie.traject.gemeente_id in gemeente_ids_van(user),
        is_leider_beheerder=leider_beheerder,
        mag_wijzigen=mag_coalitie_wijzigen(user, coalitie, leider_beheerder=leider_beheerder),
        uitnodigingen=[p for p in wachtend if p.organisatie_id in mijn],
        te_beantwoorden=[
            p for p in wachtend if mag_uitnodiging_beantwoorden(user, p, beheert=beheert)
        ],
        te_verlaten=[
            p
            for p in geaccepteerd
            if mag_coalitie_verlaten(user, p, coalitie=coalitie, beheert=beheert)
        ],
        geschiedenis=geschiedenis_van(coalitie) if is_lid else [],
        toe_te_zeggen=[
            p
            for p in geaccepteerd
            if p.rol == PartnerRol.SLEUTELPARTIJ
            and mag_toezegging_schrijven(user, p, coalitie=coalitie, beheert=beheert)
        ],
    )


@dataclass
class CoalitieRij:
    coalitie: Coalitie
    leider: CoalitiePartner | None
    aantal_partners: int
    aantal_uitgenodigd: int
    totaal_budget: Decimal
    totaal_zeggenschap: Decimal
    vlag: Aandeelvlag | None

    @property
    def penvoerder_te_groot(self) -> bool:
        return self.vlag is not None

    @property
    def verdeling_klopt(self) -> bool:
        return self.totaal_budget == HONDERD and self.totaal_zeggenschap == HONDERD


def coalities_van_traject(traject: Traject) -> list[CoalitieRij]:
    """All coalitions of a trajectory for its officers, with lead, counts and flags.

    A fixed number of queries, however many coalitions and partners there are.
    """
    geaccepteerd = Q(partners__status=PartnerStatus.GEACCEPTEERD)
    leiders = CoalitiePartner.objects.filter(
        rol__in=LEIDENDE_ROLLEN, status__in=ACTIEVE_STATUSSEN
    ).select_related("organisatie")
    coalities = (
        Coalitie.objects.filter(traject=traject)
        .annotate(
            aantal_partners=Count("partners", filter=geaccepteerd),
            aantal_uitgenodigd=Count(
                "partners", filter=Q(partners__status=PartnerStatus.UITGENODIGD)
            ),
            som_budget=Sum("partners__aandeel_budget", filter=geaccepteerd),
            som_zeggenschap=Sum("partners__aandeel_zeggenschap", filter=geaccepteerd),
        )
        .prefetch_related(Prefetch("partners", queryset=leiders, to_attr="leiders"), "percelen")
        .order_by("naam", "id")
    )
    max_aandeel = traject.gemeente.penvoerder_max_aandeel
    rijen = []
    for coalitie in coalities:
        leider = coalitie.leiders[0] if coalitie.leiders else None
        rijen.append(
            CoalitieRij(
                coalitie=coalitie,
                leider=leider,
                aantal_partners=coalitie.aantal_partners,
                aantal_uitgenodigd=coalitie.aantal_uitgenodigd,
                totaal_budget=coalitie.som_budget or Decimal("0"),
                totaal_zeggenschap=coalitie.som_zeggenschap or Decimal("0"),
                vlag=leider_aandeel_vlag(
                    leider.aandeel_budget, leider.aandeel_zeggenschap, max_aandeel
                )
                if leider is not None and leider.status == PartnerStatus.GEACCEPTEERD
                else None,
            )
        )
    return rijen


# --- issue 13, rule 1: key parties' commitments and subcontractors' declarations ----------


def toezegging_partner(user: Any, coalitie: Coalitie, pk: int) -> CoalitiePartner:
    """The key-party row `pk` of `coalitie` whose organisation `user` administers; raises
    CoalitiePartner.DoesNotExist otherwise."""
    return partners_beheerd_door(user, coalitie, status=PartnerStatus.GEACCEPTEERD).get(
        pk=pk, rol=PartnerRol.SLEUTELPARTIJ
    )


@dataclass
class Verklaringsregel:
    """One lot (None: the whole trajectory) for one organisation on the declaration page."""

    perceel: Perceel | None
    verklaring: Any  # Onafhankelijkheidsverklaring or None
    coalities: list[str]  # the coalitions the organisation serves on this lot as subcontractor


@dataclass
class Verklaringsblok:
    organisatie: Organisatie
    regels: list[Verklaringsregel]


def onafhankelijkheid_overzicht(user: Any, traject: Traject) -> list[Verklaringsblok]:
    """For each organisation `user` administers: per lot of `traject` its signed declaration
    of independence (or None) and the coalitions it serves there as subcontractor. A fixed
    number of queries."""
    if not user.is_authenticated:
        return []
    organisaties = list(
        Organisatie.objects.filter(
            lidmaatschappen__user=user, lidmaatschappen__rol=LidRol.BEHEERDER
        ).order_by("naam", "pk")
    )
    if not organisaties:
        return []
    percelen: list[Perceel | None] = list(
        Perceel.objects.filter(traject=traject).order_by("nummer")
    )
    if not percelen:
        percelen = [None]
    verklaringen = {
        (v.organisatie_id, v.perceel_id): v
        for v in Onafhankelijkheidsverklaring.objects.filter(
            traject=traject, organisatie__in=organisaties
        ).select_related("getekend_door")
    }
    diensten: dict[tuple[int, int | None], list[str]] = {}
    for partner in (
        CoalitiePartner.objects.filter(
            coalitie__traject=traject,
            organisatie__in=organisaties,
            rol=PartnerRol.ONDERAANNEMER,
            status__in=ACTIEVE_STATUSSEN,
        )
        .select_related("coalitie")
        .prefetch_related("coalitie__percelen")
        .order_by("coalitie__naam", "pk")
    ):
        perceel_ids: list[int | None] = [p.pk for p in partner.coalitie.percelen.all()] or [None]
        for perceel_id in perceel_ids:
            diensten.setdefault((partner.organisatie_id, perceel_id), []).append(
                partner.coalitie.naam
            )
    return [
        Verklaringsblok(
            organisatie=o,
            regels=[
                Verklaringsregel(
                    perceel=p,
                    verklaring=verklaringen.get((o.pk, p.pk if p else None)),
                    coalities=diensten.get((o.pk, p.pk if p else None), []),
                )
                for p in percelen
            ],
        )
        for o in organisaties
    ]


# --- issue 14, point 7: who is taken, and whom a coalition can still invite ---------------


def deelnames_op_traject(
    traject: Traject | int, organisatie_ids: Iterable[int], *, behalve: Coalitie | None = None
) -> dict[int, list[CoalitiePartner]]:
    """{organisation id: its active (invited or accepted) rows in the coalitions of
    `traject`} for `organisatie_ids`, except in `behalve`; each row with its coalition and
    the coalition's lots. Two queries, however many organisations and coalitions."""
    ids = set(organisatie_ids)
    if not ids:
        return {}
    rijen = (
        CoalitiePartner.objects.filter(
            coalitie__traject=traject, organisatie_id__in=ids, status__in=ACTIEVE_STATUSSEN
        )
        .select_related("coalitie")
        .prefetch_related(
            Prefetch("coalitie__percelen", queryset=Perceel.objects.order_by("nummer"))
        )
        .order_by("coalitie__naam", "pk")
    )
    if behalve is not None:
        rijen = rijen.exclude(coalitie=behalve)
    uit: dict[int, list[CoalitiePartner]] = {}
    for rij in rijen:
        uit.setdefault(rij.organisatie_id, []).append(rij)
    return uit


@dataclass(frozen=True)
class Bezetting:
    """One lot (None: the whole trajectory) on which an organisation takes part in a
    coalition, with its role; `uitgenodigd`: invited, no answer yet."""

    perceel: Perceel | None
    coalitie: str
    rol: str
    uitgenodigd: bool

    @property
    def perceelnaam(self) -> str:
        return perceelnamen([self.perceel])


def _percelen_of_geheel(coalitie: Coalitie) -> list[Perceel | None]:
    """The coalition's lots, or [None]: the whole trajectory."""
    percelen: list[Perceel | None] = list(coalitie.percelen.all())
    return percelen or [None]


def bezetting_van(traject: Traject, organisatie_ids: Iterable[int]) -> dict[int, list[Bezetting]]:
    """Per organisation, per lot: the coalitions of `traject` it takes part in and its role
    there (the partner board, issue 14 point 7). Two queries for any number of them."""
    uit: dict[int, list[Bezetting]] = {}
    for organisatie_id, rijen in deelnames_op_traject(traject, organisatie_ids).items():
        regels = [
            Bezetting(
                perceel=perceel,
                coalitie=rij.coalitie.naam,
                rol=str(rij.get_rol_display()),
                uitgenodigd=rij.status == PartnerStatus.UITGENODIGD,
            )
            for rij in rijen
            for perceel in _percelen_of_geheel(rij.coalitie)
        ]
        regels.sort(key=lambda b: (b.perceel.nummer if b.perceel else 0, b.coalitie))
        uit[organisatie_id] = regels
    return uit


@dataclass(frozen=True)
class Kandidaat:
    """An organisation the lead may want to invite: whether it can be invited on the
    coalition's lots (`toestemming`, with the reason when not) and, when only one role is
    possible, that role (`alleen_als`)."""

    organisatie: Organisatie
    toestemming: Toestemming
    alleen_als: str = ""

    @property
    def kan(self) -> bool:
        return bool(self.toestemming)


def kandidaten(coalitie: Coalitie, organisaties: Iterable[Organisatie]) -> list[Kandidaat]:
    """Each of `organisaties` with whether `coalitie` can still invite it, asked with the
    SAME rule as the invite service (`permissions.concurrentie_toegestaan`): a key party only
    as key party; an organisation that already takes part in another coalition on a shared
    lot not, unless as subcontractor with the declaration of independence. Five queries,
    however many organisations."""
    organisaties = list(organisaties)
    if not organisaties:
        return []
    ids = [o.pk for o in organisaties]
    percelen = list(coalitie.percelen.all())
    elders = deelnames_op_traject(coalitie.traject_id, ids, behalve=coalitie)
    sleutel = set(
        Sleutelpartij.objects.filter(
            traject_id=coalitie.traject_id, organisatie_id__in=ids
        ).values_list("organisatie_id", flat=True)
    )
    getekend: dict[int, set[int | None]] = {}
    for organisatie_id, perceel_id in Onafhankelijkheidsverklaring.objects.filter(
        traject_id=coalitie.traject_id, organisatie_id__in=ids
    ).values_list("organisatie_id", "perceel_id"):
        getekend.setdefault(organisatie_id, set()).add(perceel_id)
    uit = []
    for organisatie in organisaties:
        if organisatie.pk in sleutel:
            uit.append(Kandidaat(organisatie, Toestemming(True), _("key party")))
            continue
        mijn_elders = elders.get(organisatie.pk, [])
        mijn_getekend = getekend.get(organisatie.pk, set())
        als_partner = concurrentie_toegestaan(
            organisatie,
            rol=PartnerRol.PARTNER,
            percelen=percelen,
            elders=mijn_elders,
            getekend=mijn_getekend,
        )
        if als_partner:
            uit.append(Kandidaat(organisatie, als_partner))
            continue
        als_onderaannemer = concurrentie_toegestaan(
            organisatie,
            rol=PartnerRol.ONDERAANNEMER,
            percelen=percelen,
            elders=mijn_elders,
            getekend=mijn_getekend,
        )
        if als_onderaannemer:
            uit.append(
                Kandidaat(organisatie, als_onderaannemer, str(PartnerRol.ONDERAANNEMER.label))
            )
        else:
            uit.append(Kandidaat(organisatie, als_partner))
    return uit
