"""The audit events of coalities: one typed writer per event type (see aanbesteden/events.py).

Services call these, never `audit.record` itself; docs/architecture.md lists each event's
detail fields. Organisation events have the organisation as target; coalition events the
coalition (so that they show in its history) and the trajectory's gemeente; partner-board
events the interest, conversation, invitation or key party.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from aanbesteden import audit
from aanbesteden.constants import AuditEventType
from aanbesteden.models import AuditEvent, User
from coalities.constants import (
    CoalitieStatus,
    PartnerStatus,
    UitnodigingStatus,
    Wijziging,
)
from coalities.models import (
    Bericht,
    Coalitie,
    CoalitiePartner,
    Gesprek,
    Interesse,
    Onafhankelijkheidsverklaring,
    Organisatie,
    Sleutelpartij,
    TrajectUitnodiging,
    Uitnodiging,
)
from trajecten.models import Perceel, Traject

# Organisations


def organisatie_aangemaakt(*, actor: User, organisatie: Organisatie) -> AuditEvent:
    """detail: naam, type."""
    return audit.record(
        AuditEventType.ORGANISATIE_AANGEMAAKT,
        actor=actor,
        target=organisatie,
        detail={"naam": organisatie.naam, "type": str(organisatie.type)},
    )


def organisatie_gewijzigd(
    *, actor: User, organisatie: Organisatie, velden: Sequence[str]
) -> AuditEvent:
    """detail: velden (the names of the changed profile fields)."""
    return audit.record(
        AuditEventType.ORGANISATIE_GEWIJZIGD,
        actor=actor,
        target=organisatie,
        detail={"velden": list(velden)},
    )


def organisatie_lid_toegevoegd(
    *, actor: User, organisatie: Organisatie, user: User, rol: str
) -> AuditEvent:
    """detail: user (e-mail address), rol (LidRol)."""
    return audit.record(
        AuditEventType.ORGANISATIE_LID_TOEGEVOEGD,
        actor=actor,
        target=organisatie,
        detail={"user": user.email, "rol": rol},
    )


def organisatie_lid_uitgenodigd(
    *, actor: User, organisatie: Organisatie, uitnodiging: Uitnodiging
) -> AuditEvent:
    """States: UitnodigingStatus (to OPEN). detail: uitnodiging (id), rol (LidRol)."""
    return audit.record(
        AuditEventType.ORGANISATIE_LID_UITGENODIGD,
        actor=actor,
        target=organisatie,
        to_state=UitnodigingStatus.OPEN,
        detail={"uitnodiging": uitnodiging.pk, "rol": str(uitnodiging.rol)},
    )


def organisatie_uitnodiging_ingetrokken(
    *, actor: User, organisatie: Organisatie, uitnodiging: Uitnodiging, reden: str | None = None
) -> AuditEvent:
    """States: UitnodigingStatus (OPEN to INGETROKKEN). detail: uitnodiging (id), and reden
    ("verlopen") only when the invitation was closed because it expired."""
    return audit.record(
        AuditEventType.ORGANISATIE_UITNODIGING_INGETROKKEN,
        actor=actor,
        target=organisatie,
        from_state=UitnodigingStatus.OPEN,
        to_state=UitnodigingStatus.INGETROKKEN,
        detail={"uitnodiging": uitnodiging.pk, **({"reden": reden} if reden else {})},
    )


def organisatie_uitnodiging_aangenomen(
    *, actor: User, organisatie: Organisatie, uitnodiging: Uitnodiging, rol: str, al_lid: bool
) -> AuditEvent:
    """States: UitnodigingStatus (OPEN to AANGENOMEN). detail: uitnodiging (id), rol (the
    member's LidRol), al_lid (was already a member)."""
    return audit.record(
        AuditEventType.ORGANISATIE_UITNODIGING_AANGENOMEN,
        actor=actor,
        target=organisatie,
        from_state=UitnodigingStatus.OPEN,
        to_state=UitnodigingStatus.AANGENOMEN,
        detail={"uitnodiging": uitnodiging.pk, "rol": rol, "al_lid": al_lid},
    )


def organisatie_lid_rol_gewijzigd(
    *, actor: User, organisatie: Organisatie, lid: int, vorige: str, nieuwe: str
) -> AuditEvent:
    """States: LidRol before and after. detail: velden (["rol"]), lid (user id)."""
    return audit.record(
        AuditEventType.ORGANISATIE_LID_ROL_GEWIJZIGD,
        actor=actor,
        target=organisatie,
        from_state=vorige,
        to_state=nieuwe,
        detail={"velden": ["rol"], "lid": lid},
    )


def organisatie_lid_verwijderd(
    *, actor: User, organisatie: Organisatie, lid: int, rol: str, zelf: bool
) -> AuditEvent:
    """States: from the member's LidRol. detail: lid (user id), zelf (the member left)."""
    return audit.record(
        AuditEventType.ORGANISATIE_LID_VERWIJDERD,
        actor=actor,
        target=organisatie,
        from_state=rol,
        detail={"lid": lid, "zelf": zelf},
    )


# Coalitions


def _coalitie_record(
    event_type: str,
    *,
    actor: User,
    coalitie: Coalitie,
    from_state: str = "",
    to_state: str = "",
    detail: dict[str, Any],
) -> AuditEvent:
    return audit.record(
        event_type,
        actor=actor,
        target=coalitie,
        gemeente=coalitie.traject.gemeente,
        from_state=from_state,
        to_state=to_state,
        detail=detail,
    )


def partner_detail(partner: CoalitiePartner) -> dict[str, Any]:
    """The partner fields of a partner event: partner (id), organisatie_id, organisatie (name),
    rol, bijdrage, aandeel_budget, aandeel_zeggenschap (percentages as strings)."""
    return {
        "partner": partner.pk,
        "organisatie_id": partner.organisatie_id,
        "organisatie": partner.organisatie.naam,
        "rol": partner.rol,
        "bijdrage": partner.bijdrage,
        "aandeel_budget": str(partner.aandeel_budget),
        "aandeel_zeggenschap": str(partner.aandeel_zeggenschap),
    }


def coalitie_gevormd(
    *, actor: User, coalitie: Coalitie, leider: CoalitiePartner, percelen: Iterable[Perceel]
) -> AuditEvent:
    """States: CoalitieStatus (to OPEN). detail: naam, percelen (ids), plan, and the partner
    fields of the lead (see `partner_detail`)."""
    return _coalitie_record(
        AuditEventType.COALITIE_GEVORMD,
        actor=actor,
        coalitie=coalitie,
        to_state=CoalitieStatus.OPEN,
        detail={
            "naam": coalitie.naam,
            "percelen": [p.pk for p in percelen],
            "plan": coalitie.plan,
            **partner_detail(leider),
        },
    )


def coalitie_gewijzigd(
    *, actor: User, coalitie: Coalitie, voor: dict[str, Any], na: dict[str, Any]
) -> AuditEvent:
    """detail: voor, na (the changed fields among naam, plan, percelen (ids))."""
    return _coalitie_record(
        AuditEventType.COALITIE_GEWIJZIGD,
        actor=actor,
        coalitie=coalitie,
        detail={"voor": voor, "na": na},
    )


def coalitie_partner_uitgenodigd(
    *, actor: User, coalitie: Coalitie, partner: CoalitiePartner, vorige: str
) -> AuditEvent:
    """States: PartnerStatus (from the previous one, or none, to UITGENODIGD). detail: the
    partner fields (see `partner_detail`)."""
    return _coalitie_record(
        AuditEventType.COALITIE_PARTNER_UITGENODIGD,
        actor=actor,
        coalitie=coalitie,
        from_state=vorige,
        to_state=PartnerStatus.UITGENODIGD,
        detail=partner_detail(partner),
    )


def coalitie_partner_geaccepteerd(
    *,
    actor: User,
    coalitie: Coalitie,
    partner: CoalitiePartner,
    vorige: str,
    nieuwe: str,
    vanaf_versie: int | None = None,
    versie: int | None = None,
    toegezegd_op: datetime | None = None,
) -> AuditEvent:
    """States: PartnerStatus.UITGENODIGD or Toezegging.TOEGEZEGD, to GEACCEPTEERD or (while
    the coalition is locked) TOEGEZEGD. detail: the partner fields (see `partner_detail`);
    accepted while locked also vanaf_versie; joining when the coalition opens for a new
    version also versie and toegezegd_op (ISO time)."""
    detail = partner_detail(partner)
    if vanaf_versie is not None:
        detail["vanaf_versie"] = vanaf_versie
    if versie is not None:
        detail["versie"] = versie
    if toegezegd_op is not None:
        detail["toegezegd_op"] = toegezegd_op.isoformat()
    return _coalitie_record(
        AuditEventType.COALITIE_PARTNER_GEACCEPTEERD,
        actor=actor,
        coalitie=coalitie,
        from_state=vorige,
        to_state=nieuwe,
        detail=detail,
    )


def coalitie_partner_afgewezen(
    *, actor: User, coalitie: Coalitie, partner: CoalitiePartner, vorige: str
) -> AuditEvent:
    """States: PartnerStatus.UITGENODIGD or Toezegging.TOEGEZEGD, to AFGEWEZEN. detail: the
    partner fields (see `partner_detail`)."""
    return _coalitie_record(
        AuditEventType.COALITIE_PARTNER_AFGEWEZEN,
        actor=actor,
        coalitie=coalitie,
        from_state=vorige,
        to_state=PartnerStatus.AFGEWEZEN,
        detail=partner_detail(partner),
    )


def coalitie_partner_gewijzigd(
    *,
    actor: User,
    coalitie: Coalitie,
    partner: CoalitiePartner,
    voor: dict[str, Any],
    na: dict[str, Any],
) -> AuditEvent:
    """detail: partner (id), organisatie_id, organisatie (name), voor, na (the changed fields
    among rol, bijdrage, aandeel_budget, aandeel_zeggenschap)."""
    return _coalitie_record(
        AuditEventType.COALITIE_PARTNER_GEWIJZIGD,
        actor=actor,
        coalitie=coalitie,
        detail={
            "partner": partner.pk,
            "organisatie_id": partner.organisatie_id,
            "organisatie": partner.organisatie.naam,
            "voor": voor,
            "na": na,
        },
    )


def coalitie_partner_vertrokken(
    *, actor: User, coalitie: Coalitie, partner: CoalitiePartner
) -> AuditEvent:
    """States: PartnerStatus (GEACCEPTEERD to VERTROKKEN). detail: the partner fields (see
    `partner_detail`)."""
    return _coalitie_record(
        AuditEventType.COALITIE_PARTNER_VERTROKKEN,
        actor=actor,
        coalitie=coalitie,
        from_state=PartnerStatus.GEACCEPTEERD,
        to_state=PartnerStatus.VERTROKKEN,
        detail=partner_detail(partner),
    )


def coalitie_vergrendeld(*, actor: User, coalitie: Coalitie) -> AuditEvent:
    """States: CoalitieStatus (OPEN to VERGRENDELD). detail: versie."""
    return _coalitie_record(
        AuditEventType.COALITIE_VERGRENDELD,
        actor=actor,
        coalitie=coalitie,
        from_state=CoalitieStatus.OPEN,
        to_state=CoalitieStatus.VERGRENDELD,
        detail={"versie": coalitie.versie},
    )


def coalitie_geopend(*, actor: User, coalitie: Coalitie) -> AuditEvent:
    """States: CoalitieStatus (VERGRENDELD to OPEN). detail: versie (the new version)."""
    return _coalitie_record(
        AuditEventType.COALITIE_GEOPEND,
        actor=actor,
        coalitie=coalitie,
        from_state=CoalitieStatus.VERGRENDELD,
        to_state=CoalitieStatus.OPEN,
        detail={"versie": coalitie.versie},
    )


def coalitie_toezegging(
    *, actor: User, coalitie: Coalitie, partner: CoalitiePartner, nieuw: bool
) -> AuditEvent:
    """Issue 13, rule 1: a key party wrote or changed its commitment to the coalition.
    States: Wijziging (to NIEUW or GEWIJZIGD). detail: the partner fields (see
    `partner_detail`); never the commitment's text."""
    return _coalitie_record(
        AuditEventType.COALITIE_TOEZEGGING,
        actor=actor,
        coalitie=coalitie,
        to_state=Wijziging.NIEUW if nieuw else Wijziging.GEWIJZIGD,
        detail=partner_detail(partner),
    )


def onafhankelijkheid_verklaard(
    *, actor: User, verklaring: Onafhankelijkheidsverklaring
) -> AuditEvent:
    """Issue 13, rule 1: a subcontractor signed its declaration of independence for a lot.
    Target: the organisation. detail: traject (id), perceel (id or null)."""
    return audit.record(
        AuditEventType.ONAFHANKELIJKHEID_VERKLAARD,
        actor=actor,
        target=verklaring.organisatie,
        gemeente=verklaring.traject.gemeente,
        detail={"traject": verklaring.traject_id, "perceel": verklaring.perceel_id},
    )


# The partner board


def interesse_getoond(
    *,
    actor: User,
    interesse: Interesse,
    traject: Traject,
    percelen: Iterable[Perceel],
    nieuw: bool,
) -> AuditEvent:
    """States: Wijziging (to NIEUW or GEWIJZIGD). detail: traject (id), organisatie (id),
    percelen (the lot numbers, sorted)."""
    return audit.record(
        AuditEventType.INTERESSE_GETOOND,
        actor=actor,
        target=interesse,
        gemeente=traject.gemeente,
        to_state=Wijziging.NIEUW if nieuw else Wijziging.GEWIJZIGD,
        detail={
            "traject": traject.pk,
            "organisatie": interesse.organisatie_id,
            "percelen": sorted(p.nummer for p in percelen),
        },
    )


def interesse_ingetrokken(*, actor: User, interesse: Interesse) -> AuditEvent:
    """detail: traject (id), organisatie (id)."""
    return audit.record(
        AuditEventType.INTERESSE_INGETROKKEN,
        actor=actor,
        target=interesse,
        gemeente=interesse.traject.gemeente,
        detail={"traject": interesse.traject_id, "organisatie": interesse.organisatie_id},
    )


def bericht_verstuurd(*, actor: User, gesprek: Gesprek, bericht: Bericht) -> AuditEvent:
    """Target: the conversation. detail: traject (id), van (the organisation written for,
    id), bericht (id)."""
    return audit.record(
        AuditEventType.BERICHT_VERSTUURD,
        actor=actor,
        target=gesprek,
        gemeente=gesprek.traject.gemeente,
        detail={"traject": gesprek.traject_id, "van": bericht.namens_id, "bericht": bericht.pk},
    )


def traject_uitnodiging_verstuurd(*, actor: User, uitnodiging: TrajectUitnodiging) -> AuditEvent:
    """detail: traject (id), naam, email (of the invited party)."""
    return audit.record(
        AuditEventType.TRAJECT_UITNODIGING_VERSTUURD,
        actor=actor,
        target=uitnodiging,
        gemeente=uitnodiging.traject.gemeente,
        detail={
            "traject": uitnodiging.traject_id,
            "naam": uitnodiging.naam,
            "email": uitnodiging.email,
        },
    )


def sleutelpartij_aangewezen(
    *, actor: User, sleutelpartij: Sleutelpartij, traject: Traject, nieuw: bool
) -> AuditEvent:
    """States: Wijziging (to NIEUW or REDEN_GEWIJZIGD). detail: traject (id), organisatie
    (id), reden."""
    return audit.record(
        AuditEventType.SLEUTELPARTIJ_AANGEWEZEN,
        actor=actor,
        target=sleutelpartij,
        gemeente=traject.gemeente,
        to_state=Wijziging.NIEUW if nieuw else Wijziging.REDEN_GEWIJZIGD,
        detail={
            "traject": traject.pk,
            "organisatie": sleutelpartij.organisatie_id,
            "reden": sleutelpartij.reden,
        },
    )


def sleutelpartij_ingetrokken(*, actor: User, sleutelpartij: Sleutelpartij) -> AuditEvent:
    """detail: traject (id), organisatie (id)."""
    return audit.record(
        AuditEventType.SLEUTELPARTIJ_INGETROKKEN,
        actor=actor,
        target=sleutelpartij,
        gemeente=sleutelpartij.traject.gemeente,
        detail={"traject": sleutelpartij.traject_id, "organisatie": sleutelpartij.organisatie_id},
    )
