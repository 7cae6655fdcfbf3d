"""Coalitions: organisations that bid together on one or more lots of a trajectory.

    coalitie_vormen                       an organisation forms a coalition and leads it
    coalitie_wijzigen                     the lead changes its name, lots or plan
    partner_uitnodigen                    the lead invites an organisation (partner, subcontractor)
    uitnodiging_beantwoorden              the invited organisation accepts or declines (also
                                          while locked: it then joins from the next version)
    partner_wijzigen                      the lead changes a partner's role, contribution, shares
    coalitie_verlaten                     a partner (not the lead) leaves
    coalitie_vergrendelen                 issue 6: the bid is submitted, the coalition is locked
    coalitie_openen_voor_nieuwe_versie    issue 6: opened again for a new version of the bid

Every service locks the coalition row first (`select_for_update`), so a change that races
a lock waits for it and is then refused. Every change refuses a locked coalition, except
answering an invitation (issue 11, point 6). Each
writes one audit event with the coalition as target (so it shows in the coalition's
history) and notifies the other side; mails go after commit (notify() defers them).

    toezegging_opslaan                    issue 13: a key party writes its commitment
    onafhankelijkheid_verklaren           issue 13: a subcontractor signs, per lot, that it
                                          shares no information between its coalitions

The competition rule (issue 13, rule 1) is per LOT: an organisation is an (invited or
accepted) partner in one coalition per lot at most; it may take part in coalitions on
different lots of one trajectory. Exceptions: a key party (`Sleutelpartij`) of the
trajectory, which supports coalitions with a commitment (role `sleutelpartij`), and a
subcontractor that signed a declaration of independence for the lot
(`Onafhankelijkheidsverklaring`) and serves each coalition on it as subcontractor. Neither
ever reads a bid (`beoordeling.selectors.kluis._bieder_q`). The rule is checked when a
coalition is formed, an organisation invited, an invitation accepted, the lots of a
coalition changed and a partner's role changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanbesteden import notifications
from aanbesteden.constants import TEKST_MIDDEL
from aanbesteden.exceptions import DomainError
from coalities import events
from coalities.constants import (
    ACTIEVE_STATUSSEN,
    LEIDENDE_ROLLEN,
    CoalitieStatus,
    PartnerRol,
    PartnerStatus,
    Toezegging,
)
from coalities.models import (
    Coalitie,
    CoalitiePartner,
    Onafhankelijkheidsverklaring,
    Organisatie,
    Sleutelpartij,
)
from coalities.permissions import (
    coalities_op_route,
    concurrentie_toegestaan,
    mag_coalitie_leiden,
    mag_coalitie_verlaten,
    mag_coalitie_vormen,
    mag_coalitie_wijzigen,
    mag_onafhankelijkheid_verklaren,
    mag_toezegging_schrijven,
    mag_uitnodiging_beantwoorden,
    perceelnamen,
)
from coalities.selectors import beheerders_van
from trajecten.constants import TrajectStatus
from trajecten.models import Perceel, Traject

# The same organisation forming a coalition with the same name on the same trajectory
# within this time is a double click: the first one is returned.
DUBBEL_BINNEN = timedelta(minutes=1)

PARTNER_VELDEN = ("rol", "bijdrage", "aandeel_budget", "aandeel_zeggenschap")


# Helpers


def _lock_coalitie(coalitie: Coalitie) -> Coalitie:
    return (
        Coalitie.objects.select_for_update(of=("self",))
        .select_related("traject__gemeente")
        .get(pk=coalitie.pk)
    )


def _lock_partner(partner: CoalitiePartner, coalitie: Coalitie) -> CoalitiePartner:
    partner = (
        CoalitiePartner.objects.select_for_update(of=("self",))
        .select_related("organisatie")
        .get(pk=partner.pk)
    )
    if partner.coalitie_id != coalitie.pk:  # pragma: no cover - guarded by the callers
        raise DomainError(_("This partner is not in this coalition."))
    partner.coalitie = coalitie
    return partner


def _leider(coalitie: Coalitie) -> CoalitiePartner | None:
    return (
        CoalitiePartner.objects.filter(
            coalitie=coalitie, rol__in=LEIDENDE_ROLLEN, status__in=ACTIEVE_STATUSSEN
        )
        .select_related("organisatie")
        .first()
    )


def _procent(waarde: Any) -> Decimal:
    try:
        getal = Decimal(str(waarde if waarde not in (None, "") else 0))
    except InvalidOperation as exc:
        raise DomainError(_("A share is a percentage between 0 and 100.")) from exc
    if not getal.is_finite() or getal < 0 or getal > 100:
        raise DomainError(_("A share is a percentage between 0 and 100."))
    return getal.quantize(Decimal("0.01"))


def _percelen_van(traject: Traject, percelen: Iterable[Any] | None) -> list[Perceel]:
    """The chosen lots, all of this trajectory; at least one when the trajectory has lots."""
    ids = {getattr(p, "pk", p) for p in percelen or ()}
    gekozen = list(Perceel.objects.filter(traject=traject, pk__in=ids))
    if len(gekozen) != len(ids):
        raise DomainError(_("Choose lots of this trajectory only."))
    if not gekozen and Perceel.objects.filter(traject=traject).exists():
        raise DomainError(_("Choose at least one lot."))
    return gekozen


def is_sleutelpartij(traject: Traject, organisatie: Organisatie) -> bool:
    return Sleutelpartij.objects.filter(traject=traject, organisatie=organisatie).exists()


def _perceelnamen(percelen: Iterable[Perceel | None]) -> str:
    return perceelnamen(percelen)


def _concurrentie_check(
    traject: Traject,
    organisatie: Organisatie,
    *,
    rol: str,
    percelen: Iterable[Perceel],
    behalve_coalitie: Coalitie | None = None,
) -> None:
    """Issue 13, rule 1: the competition rule per lot. `organisatie` wants to take part in a
    coalition on `percelen` (none: a trajectory without lots) in the role `rol`. Loads what
    the rule needs and asks the one predicate `permissions.concurrentie_toegestaan` (the
    invitation list and the partner board ask it too, issue 14 point 7); raises its reason.
    The caller holds a lock on the organisation row, so two invitations at once are checked
    one after the other.
    """
    if is_sleutelpartij(traject, organisatie):
        return
    elders = (
        CoalitiePartner.objects.filter(
            organisatie=organisatie, status__in=ACTIEVE_STATUSSEN, coalitie__traject=traject
        )
        .select_related("coalitie")
        .prefetch_related("coalitie__percelen")
        .order_by("coalitie__naam", "pk")
    )
    if behalve_coalitie is not None:
        elders = elders.exclude(coalitie=behalve_coalitie)
    elders_lijst = list(elders)
    getekend: set[int | None] = set()
    if elders_lijst and rol == PartnerRol.ONDERAANNEMER:
        getekend = set(
            Onafhankelijkheidsverklaring.objects.filter(
                organisatie=organisatie, traject=traject
            ).values_list("perceel_id", flat=True)
        )
    concurrentie_toegestaan(
        organisatie, rol=rol, percelen=percelen, elders=elders_lijst, getekend=getekend
    ).vereisen()


def _rol_check(traject: Traject, organisatie: Organisatie, rol: str) -> None:
    """Issue 13, rule 1: a key party of the trajectory takes part only as key party (it
    supports with a commitment and never reads the bid); no other organisation does."""
    if is_sleutelpartij(traject, organisatie):
        if rol != PartnerRol.SLEUTELPARTIJ:
            raise DomainError(
                _(
                    "%(organisatie)s is a key party of this trajectory. Invite it as key party: "
                    "it supports the coalition with a commitment and does not read the bid."
                )
                % {"organisatie": organisatie.naam}
            )
    elif rol == PartnerRol.SLEUTELPARTIJ:
        raise DomainError(
            _("Only an organisation that the municipality made a key party takes this role.")
        )


def _lock_organisatie(organisatie: Organisatie | int) -> Organisatie:
    return Organisatie.objects.select_for_update().get(pk=getattr(organisatie, "pk", organisatie))


def _informeer(
    organisatie_id: int,
    *,
    onderwerp: Promise,
    template: str,
    coalitie: Coalitie,
    context: dict[str, Any],
    behalve: Any = None,
) -> None:
    """Notify the administrators of one organisation (subjects and mails are Dutch)."""
    with translation.override("nl"):
        titel = str(onderwerp) % {"naam": coalitie.naam}
    for user in beheerders_van(organisatie_id, behalve=behalve):
        notifications.notify(
            user,
            onderwerp=titel,
            template=template,
            context={"coalitie": coalitie, "traject": coalitie.traject, **context},
            url=coalitie.get_absolute_url(),
        )


# Forming and changing a coalition


def coalitie_vormen(
    *,
    actor: Any,
    traject: Traject,
    organisatie: Organisatie,
    naam: str,
    percelen: Iterable[Any],
    rol: str,
    plan: str = "",
    bijdrage: str = "",
    aandeel_budget: Any = 0,
    aandeel_zeggenschap: Any = 0,
) -> Coalitie:
    """An administrator forms a coalition; its organisation becomes the accepted lead."""
    naam = (naam or "").strip()
    if not naam:
        raise DomainError(_("Give the coalition a name."))
    if rol not in LEIDENDE_ROLLEN:
        raise DomainError(_("The organisation that forms the coalition leads it."))
    aandeel_budget = _procent(aandeel_budget)
    aandeel_zeggenschap = _procent(aandeel_zeggenschap)
    with transaction.atomic():
        coalities_op_route(traject).vereisen()
        organisatie = _lock_organisatie(organisatie)
        mag_coalitie_vormen(actor, organisatie.pk).vereisen()
        dubbel = (
            Coalitie.objects.filter(
                traject=traject,
                naam=naam,
                partners__organisatie=organisatie,
                partners__rol__in=LEIDENDE_ROLLEN,
                created_at__gte=timezone.now() - DUBBEL_BINNEN,
            )
            .order_by("pk")
            .first()
        )
        if dubbel is not None:
            return dubbel
        if traject.status != TrajectStatus.GEPUBLICEERD:
            raise DomainError(_("A coalition can only be formed for a published trajectory."))
        if traject.inschrijving_sluit is not None and traject.inschrijving_sluit <= timezone.now():
            raise DomainError(_("Bids for this trajectory have closed."))
        gekozen = _percelen_van(traject, percelen)
        if is_sleutelpartij(traject, organisatie):
            raise DomainError(
                _(
                    "A key party supports coalitions with a commitment and does not form or "
                    "lead one."
                )
            )
        _concurrentie_check(traject, organisatie, rol=rol, percelen=gekozen)
        coalitie = Coalitie.objects.create(
            traject=traject, naam=naam, plan=plan or "", aangemaakt_door=actor
        )
        coalitie.percelen.set(gekozen)
        partner = CoalitiePartner.objects.create(
            coalitie=coalitie,
            organisatie=organisatie,
            rol=rol,
            bijdrage=bijdrage or "",
            aandeel_budget=aandeel_budget,
            aandeel_zeggenschap=aandeel_zeggenschap,
            status=PartnerStatus.GEACCEPTEERD,
            uitgenodigd_door=actor,
            beantwoord_op=timezone.now(),
        )
        events.coalitie_gevormd(actor=actor, coalitie=coalitie, leider=partner, percelen=gekozen)
    return coalitie


_ONGEZET = object()


def coalitie_wijzigen(
    *,
    actor: Any,
    coalitie: Coalitie,
    naam: Any = _ONGEZET,
    percelen: Any = _ONGEZET,
    plan: Any = _ONGEZET,
) -> Coalitie:
    """The lead changes the coalition's name, lots or plan."""
    with transaction.atomic():
        coalitie = _lock_coalitie(coalitie)
        mag_coalitie_wijzigen(actor, coalitie).vereisen()
        voor: dict[str, Any] = {}
        na: dict[str, Any] = {}
        if naam is not _ONGEZET:
            naam = (naam or "").strip()
            if not naam:
                raise DomainError(_("Give the coalition a name."))
            if naam != coalitie.naam:
                voor["naam"], na["naam"] = coalitie.naam, naam
                coalitie.naam = naam
        if plan is not _ONGEZET and (plan or "") != coalitie.plan:
            voor["plan"], na["plan"] = coalitie.plan, plan or ""
            coalitie.plan = plan or ""
        if percelen is not _ONGEZET:
            gekozen = _percelen_van(coalitie.traject, percelen)
            oud = sorted(coalitie.percelen.values_list("pk", flat=True))
            nieuw = sorted(p.pk for p in gekozen)
            if oud != nieuw:
                _partners_check(coalitie, gekozen)
                voor["percelen"], na["percelen"] = oud, nieuw
                coalitie.percelen.set(gekozen)
        if not na:
            return coalitie
        coalitie.save()
        events.coalitie_gewijzigd(actor=actor, coalitie=coalitie, voor=voor, na=na)
    return coalitie


def _partners_check(coalitie: Coalitie, percelen: list[Perceel]) -> None:
    """The competition rule for every organisation taking part in `coalitie`, on its new
    lots (issue 13, rule 1). The organisation rows are locked in a fixed order."""
    partners = list(
        CoalitiePartner.objects.filter(coalitie=coalitie, status__in=ACTIEVE_STATUSSEN).order_by(
            "organisatie_id"
        )
    )
    for partner in partners:
        organisatie = _lock_organisatie(partner.organisatie_id)
        _concurrentie_check(
            coalitie.traject,
            organisatie,
            rol=partner.rol,
            percelen=percelen,
            behalve_coalitie=coalitie,
        )


# Partners


def partner_uitnodigen(
    *,
    actor: Any,
    coalitie: Coalitie,
    organisatie: Organisatie,
    rol: str,
    bijdrage: str = "",
    aandeel_budget: Any = 0,
    aandeel_zeggenschap: Any = 0,
) -> CoalitiePartner:
    """The lead invites an organisation as partner or subcontractor.

    It counts only after it has accepted. A declined or departed organisation can be invited
    again: its row is reused. Inviting an organisation that is already invited changes nothing
    (a double click).
    """
    if rol in LEIDENDE_ROLLEN:
        raise DomainError(
            _("A coalition has one lead. Invite this organisation as partner or subcontractor.")
        )
    if rol not in PartnerRol.values:
        raise DomainError(_("Choose a role."))
    aandeel_budget = _procent(aandeel_budget)
    aandeel_zeggenschap = _procent(aandeel_zeggenschap)
    with transaction.atomic():
        coalitie = _lock_coalitie(coalitie)
        mag_coalitie_wijzigen(actor, coalitie).vereisen()
        organisatie = _lock_organisatie(organisatie)
        bestaand = (
            CoalitiePartner.objects.select_for_update()
            .filter(coalitie=coalitie, organisatie=organisatie)
            .first()
        )
        if bestaand is not None and bestaand.status == PartnerStatus.UITGENODIGD:
            return bestaand
        if bestaand is not None and bestaand.status == PartnerStatus.GEACCEPTEERD:
            raise DomainError(
                _("%(organisatie)s is already a partner in this coalition.")
                % {"organisatie": organisatie.naam}
            )
        _rol_check(coalitie.traject, organisatie, rol)
        _concurrentie_check(
            coalitie.traject,
            organisatie,
            rol=rol,
            percelen=list(coalitie.percelen.all()),
            behalve_coalitie=coalitie,
        )
        velden: dict[str, Any] = {
            "rol": rol,
            "bijdrage": bijdrage or "",
            "aandeel_budget": aandeel_budget,
            "aandeel_zeggenschap": aandeel_zeggenschap,
            "status": PartnerStatus.UITGENODIGD,
            "uitgenodigd_door": actor,
            "toegezegd_op": None,
        }
        if bestaand is None:
            partner = CoalitiePartner.objects.create(
                coalitie=coalitie, organisatie=organisatie, **velden
            )
            vorige = ""
        else:
            partner = bestaand
            vorige = partner.status
            for key, value in velden.items():
                setattr(partner, key, value)
            partner.uitgenodigd_op = timezone.now()
            partner.beantwoord_op = None
            partner.save()
        partner.organisatie = organisatie
        events.coalitie_partner_uitgenodigd(
            actor=actor, coalitie=coalitie, partner=partner, vorige=vorige
        )
        _informeer(
            organisatie.pk,
            onderwerp=gettext_lazy("Invitation to join the coalition %(naam)s"),
            template="coalities/mail/coalitie_uitgenodigd.txt",
            coalitie=coalitie,
            context={"partner": partner, "organisatie": organisatie},
            behalve=actor,
        )
    return partner


def uitnodiging_beantwoorden(
    *, actor: Any, partner: CoalitiePartner, accepteren: bool
) -> CoalitiePartner:
    """An administrator of the invited organisation accepts or declines.

    Always possible while the invitation is open, also when a submitted bid has locked the
    coalition (issue 11, point 6). Declining is then simply recorded. Accepting is recorded
    too, but the bid was submitted without this organisation: it stays invited (it does not
    count and sees nothing of the bid) and joins when the coalition opens for a new version
    of the bid (`coalitie_openen_voor_nieuwe_versie`). So the organisations of a submitted
    bid never change after it was submitted.
    """
    nieuw = PartnerStatus.GEACCEPTEERD if accepteren else PartnerStatus.AFGEWEZEN
    with transaction.atomic():
        coalitie = _lock_coalitie(partner.coalitie)
        partner = _lock_partner(partner, coalitie)
        mag_uitnodiging_beantwoorden(actor, partner).vereisen()
        if partner.status == nieuw or (accepteren and partner.is_toegezegd):
            return partner  # a double click
        if partner.status != PartnerStatus.UITGENODIGD:
            raise DomainError(_("This invitation has already been answered."))
        if accepteren:
            organisatie = _lock_organisatie(partner.organisatie)
            _rol_check(coalitie.traject, organisatie, partner.rol)
            _concurrentie_check(
                coalitie.traject,
                organisatie,
                rol=partner.rol,
                percelen=list(coalitie.percelen.all()),
                behalve_coalitie=coalitie,
            )
        van = Toezegging.TOEGEZEGD if partner.is_toegezegd else PartnerStatus.UITGENODIGD
        if accepteren and coalitie.is_vergrendeld:
            partner.toegezegd_op = timezone.now()
            partner.save(update_fields=["toegezegd_op"])
            events.coalitie_partner_geaccepteerd(
                actor=actor,
                coalitie=coalitie,
                partner=partner,
                vorige=van,
                nieuwe=Toezegging.TOEGEZEGD,
                vanaf_versie=coalitie.versie + 1,
            )
        else:
            partner.status = nieuw
            partner.beantwoord_op = timezone.now()
            partner.toegezegd_op = None
            partner.save(update_fields=["status", "beantwoord_op", "toegezegd_op"])
            if accepteren:
                events.coalitie_partner_geaccepteerd(
                    actor=actor, coalitie=coalitie, partner=partner, vorige=van, nieuwe=nieuw
                )
            else:
                events.coalitie_partner_afgewezen(
                    actor=actor, coalitie=coalitie, partner=partner, vorige=van
                )
        leider = _leider(coalitie)
        if leider is not None:
            _informeer(
                leider.organisatie_id,
                onderwerp=gettext_lazy("An organisation accepted: %(naam)s")
                if accepteren
                else gettext_lazy("An organisation declined: %(naam)s"),
                template="coalities/mail/coalitie_geaccepteerd.txt"
                if accepteren
                else "coalities/mail/coalitie_afgewezen.txt",
                coalitie=coalitie,
                context={
                    "partner": partner,
                    "organisatie": partner.organisatie,
                    "toegezegd": partner.is_toegezegd,
                },
                behalve=actor,
            )
    return partner


def partner_wijzigen(*, actor: Any, partner: CoalitiePartner, **velden: Any) -> CoalitiePartner:
    """The lead changes a partner's role, contribution or shares (old and new values audited).

    The lead itself may switch between lead partner and facilitating lead; no other partner
    can become a lead.
    """
    onbekend = set(velden) - set(PARTNER_VELDEN)
    if onbekend:
        raise TypeError(f"partner_wijzigen() got unexpected fields: {sorted(onbekend)}")
    with transaction.atomic():
        coalitie = _lock_coalitie(partner.coalitie)
        partner = _lock_partner(partner, coalitie)
        mag_coalitie_wijzigen(actor, coalitie).vereisen()
        if partner.status not in ACTIEVE_STATUSSEN:
            raise DomainError(_("This organisation no longer takes part in the coalition."))
        if "rol" in velden:
            rol = velden["rol"]
            if rol not in PartnerRol.values:
                raise DomainError(_("Choose a role."))
            if partner.rol in LEIDENDE_ROLLEN and rol not in LEIDENDE_ROLLEN:
                raise DomainError(
                    _("The lead stays the lead: choose lead partner or facilitating lead.")
                )
            if partner.rol not in LEIDENDE_ROLLEN and rol in LEIDENDE_ROLLEN:
                raise DomainError(_("A coalition has one lead."))
            if rol != partner.rol:
                organisatie = _lock_organisatie(partner.organisatie_id)
                _rol_check(coalitie.traject, organisatie, rol)
                _concurrentie_check(
                    coalitie.traject,
                    organisatie,
                    rol=rol,
                    percelen=list(coalitie.percelen.all()),
                    behalve_coalitie=coalitie,
                )
        for veld in ("aandeel_budget", "aandeel_zeggenschap"):
            if veld in velden:
                velden[veld] = _procent(velden[veld])
        if "bijdrage" in velden:
            velden["bijdrage"] = velden["bijdrage"] or ""
        voor: dict[str, Any] = {}
        na: dict[str, Any] = {}
        for veld, waarde in velden.items():
            oud = getattr(partner, veld)
            if oud != waarde:
                voor[veld] = str(oud) if isinstance(oud, Decimal) else oud
                na[veld] = str(waarde) if isinstance(waarde, Decimal) else waarde
                setattr(partner, veld, waarde)
        if not na:
            return partner
        partner.save(update_fields=list(na))
        events.coalitie_partner_gewijzigd(
            actor=actor, coalitie=coalitie, partner=partner, voor=voor, na=na
        )
    return partner


def coalitie_verlaten(*, actor: Any, partner: CoalitiePartner) -> CoalitiePartner:
    """An administrator of a partner (not the lead) takes its organisation out of the coalition."""
    with transaction.atomic():
        coalitie = _lock_coalitie(partner.coalitie)
        partner = _lock_partner(partner, coalitie)
        mag_coalitie_verlaten(actor, partner, coalitie=coalitie).vereisen()
        if partner.status == PartnerStatus.VERTROKKEN:
            return partner  # a double click
        partner.status = PartnerStatus.VERTROKKEN
        partner.save(update_fields=["status"])
        events.coalitie_partner_vertrokken(actor=actor, coalitie=coalitie, partner=partner)
        leider = _leider(coalitie)
        if leider is not None:
            _informeer(
                leider.organisatie_id,
                onderwerp=gettext_lazy("An organisation left the coalition %(naam)s"),
                template="coalities/mail/coalitie_vertrokken.txt",
                coalitie=coalitie,
                context={"partner": partner, "organisatie": partner.organisatie},
                behalve=actor,
            )
    return partner


# Issue 6: the bid locks the coalition


def coalitie_vergrendelen(*, actor: Any, coalitie: Coalitie) -> Coalitie:
    """The bid is submitted: the coalition is locked. Locking a locked coalition changes nothing."""
    with transaction.atomic():
        coalitie = _lock_coalitie(coalitie)
        mag_coalitie_leiden(actor, coalitie).vereisen()
        if coalitie.is_vergrendeld:
            return coalitie
        coalitie.status = CoalitieStatus.VERGRENDELD
        coalitie.save(update_fields=["status", "gewijzigd_op"])
        events.coalitie_vergrendeld(actor=actor, coalitie=coalitie)
    return coalitie


def coalitie_openen_voor_nieuwe_versie(*, actor: Any, coalitie: Coalitie) -> Coalitie:
    """Open a locked coalition for a new version of its bid (versie + 1).

    Opening an open coalition changes nothing, so a double click raises the version once.
    """
    with transaction.atomic():
        coalitie = _lock_coalitie(coalitie)
        mag_coalitie_leiden(actor, coalitie).vereisen()
        if coalitie.status == CoalitieStatus.OPEN:
            return coalitie
        coalitie.status = CoalitieStatus.OPEN
        coalitie.versie += 1
        coalitie.save(update_fields=["status", "versie", "gewijzigd_op"])
        events.coalitie_geopend(actor=actor, coalitie=coalitie)
        # Issue 11, point 6: who accepted while the coalition was locked joins now.
        nu = timezone.now()
        for partner in (
            CoalitiePartner.objects.select_for_update(of=("self",))
            .select_related("organisatie")
            .filter(coalitie=coalitie, status=PartnerStatus.UITGENODIGD, toegezegd_op__isnull=False)
            .order_by("pk")
        ):
            partner.status = PartnerStatus.GEACCEPTEERD
            partner.beantwoord_op = nu
            partner.save(update_fields=["status", "beantwoord_op"])
            events.coalitie_partner_geaccepteerd(
                actor=actor,
                coalitie=coalitie,
                partner=partner,
                vorige=Toezegging.TOEGEZEGD,
                nieuwe=PartnerStatus.GEACCEPTEERD,
                versie=coalitie.versie,
                toegezegd_op=partner.toegezegd_op,
            )
    return coalitie


# Issue 13, rule 1: key parties and subcontractors


def toezegging_opslaan(*, actor: Any, partner: CoalitiePartner, tekst: str) -> CoalitiePartner:
    """An administrator of a key party writes what it offers the coalition (its commitment).
    The lead's administrators are told. Saving the same text again changes nothing."""
    tekst = (tekst or "").strip()
    if not tekst:
        raise DomainError(_("Write what your organisation offers this coalition."), veld="tekst")
    if len(tekst) > TEKST_MIDDEL:
        raise DomainError(_("The commitment is too long."), veld="tekst")
    with transaction.atomic():
        coalitie = _lock_coalitie(partner.coalitie)
        partner = _lock_partner(partner, coalitie)
        mag_toezegging_schrijven(actor, partner, coalitie=coalitie).vereisen()
        if partner.toezegging == tekst:
            return partner
        nieuw = not partner.toezegging
        partner.toezegging = tekst
        partner.toezegging_op = timezone.now()
        partner.save(update_fields=["toezegging", "toezegging_op"])
        events.coalitie_toezegging(actor=actor, coalitie=coalitie, partner=partner, nieuw=nieuw)
        leider = _leider(coalitie)
        if leider is not None:
            _informeer(
                leider.organisatie_id,
                onderwerp=gettext_lazy("A key party wrote its commitment: %(naam)s"),
                template="coalities/mail/coalitie_toezegging.txt",
                coalitie=coalitie,
                context={"partner": partner, "organisatie": partner.organisatie},
                behalve=actor,
            )
    return partner


def onafhankelijkheid_verklaren(
    *, actor: Any, organisatie: Organisatie, traject: Traject, perceel: Perceel | None
) -> Onafhankelijkheidsverklaring:
    """An administrator of a subcontractor signs that it shares no information between the
    coalitions it serves on `perceel` of `traject` (None: a trajectory without lots). Signing
    again returns the signed declaration."""
    with transaction.atomic():
        organisatie = _lock_organisatie(organisatie)
        mag_onafhankelijkheid_verklaren(actor, organisatie.pk).vereisen()
        if perceel is not None and perceel.traject_id != traject.pk:
            raise DomainError(_("Choose lots of this trajectory only."))
        if perceel is None and Perceel.objects.filter(traject=traject).exists():
            raise DomainError(_("Choose at least one lot."))
        bestaand = Onafhankelijkheidsverklaring.objects.filter(
            organisatie=organisatie, traject=traject, perceel=perceel
        ).first()
        if bestaand is not None:
            return bestaand
        if traject.status != TrajectStatus.GEPUBLICEERD:
            raise DomainError(_("A coalition can only be formed for a published trajectory."))
        with translation.override("nl"):
            tekst = str(ONAFHANKELIJKHEID_TEKST) % {
                "organisatie": organisatie.naam,
                "perceel": _perceelnamen([perceel]),
                "titel": traject.titel,
            }
        verklaring = Onafhankelijkheidsverklaring.objects.create(
            organisatie=organisatie,
            traject=traject,
            perceel=perceel,
            tekst=tekst[:TEKST_MIDDEL],
            getekend_door=actor,
        )
        events.onafhankelijkheid_verklaard(actor=actor, verklaring=verklaring)
    return verklaring


ONAFHANKELIJKHEID_TEKST = gettext_lazy(
    "%(organisatie)s serves more than one coalition as subcontractor on lot %(perceel)s of "
    '"%(titel)s". We declare that we share no information between these coalitions: not '
    "their plans, prices, partners or bids, and nothing one coalition tells us. We keep "
    "the people who work for each coalition apart where we can, and we tell the "
    "municipality at once if information reached another coalition after all."
)
