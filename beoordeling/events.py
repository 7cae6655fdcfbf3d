"""The audit events of beoordeling: one typed writer per event type (see
aanbesteden/events.py). Services call these, never `audit.record` itself;
docs/architecture.md lists each event's detail fields. One section per part of the phase.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from aanbesteden import audit
from aanbesteden.constants import AuditEventType
from aanbesteden.models import AuditEvent, User
from beoordeling.constants import (
    BezwaarStatus,
    ConsensusStatus,
    GesprekStatus,
    GunningStatus,
    NotitieStatus,
    Ronde,
    ToelichtingStatus,
)

if TYPE_CHECKING:
    from beoordeling.models import (
        Bezwaar,
        Bod,
        Bodgesprek,
        ConsensusOverleg,
        Gespreksnotitie,
        Gunning,
    )
    from trajecten.models import Criterium, Traject

# --- bieden ---------------------------------------------------------------------------

# --- kluis ----------------------------------------------------------------------------

# --- commissie ------------------------------------------------------------------------

# --- selectie -------------------------------------------------------------------------

# --- consensus ------------------------------------------------------------------------


def consensusoverleg_gepland(
    *,
    actor: User,
    traject: Traject,
    overleg: ConsensusOverleg,
    van: str,
    naar: str,
    verplaatst: bool,
) -> AuditEvent:
    """Planned or moved. States: the previous moment ("" when new) and the new one, both
    in Dutch words. detail: ronde, overleg (id), gepland_op (ISO), locatie, verplaatst."""
    return audit.record(
        AuditEventType.CONSENSUSOVERLEG_GEPLAND,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        from_state=van,
        to_state=naar,
        detail={
            "ronde": Ronde(overleg.ronde).value,
            "overleg": overleg.pk,
            "gepland_op": overleg.gepland_op.isoformat(),
            "locatie": overleg.locatie,
            "verplaatst": verplaatst,
        },
    )


def consensus_score_vastgelegd(
    *,
    actor: User,
    traject: Traject,
    bod: Bod,
    criterium: Criterium,
    vorig: str,
    waarde: int | None,
    niet_van_toepassing: bool,
) -> AuditEvent:
    """The consensus score of one bid on one criterion. States: the previous value ("nvt"
    for not applicable, "" when new) and the new one. detail: bod, criterium (ids), waarde,
    niet_van_toepassing."""
    return audit.record(
        AuditEventType.CONSENSUS_VASTGELEGD,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        from_state=vorig,
        to_state="nvt" if niet_van_toepassing else str(waarde),
        detail={
            "bod": bod.pk,
            "criterium": criterium.pk,
            "waarde": waarde,
            "niet_van_toepassing": niet_van_toepassing,
        },
    )


def consensus_oordeel_vastgelegd(
    *, actor: User, traject: Traject, bod: Bod, vorige_rang: int | None, rang: int | None
) -> AuditEvent:
    """The committee's judgement of one bid (same event type as a score). States: the
    previous rank and the new one ("" for none). detail: bod (id), oordeel (True), rang."""
    return audit.record(
        AuditEventType.CONSENSUS_VASTGELEGD,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        from_state="" if vorige_rang is None else str(vorige_rang),
        to_state="" if rang is None else str(rang),
        detail={"bod": bod.pk, "oordeel": True, "rang": rang},
    )


def consensus_vastgesteld(
    *,
    actor: User,
    traject: Traject,
    overleg: ConsensusOverleg,
    rangorde: dict[str, list[dict[str, object]]],
) -> AuditEvent:
    """The consensus of a stage closed. States: ConsensusStatus (OPEN to VASTGESTELD).
    detail: ronde, overleg (id), rangorde ({perceel id: [{bod, rang, totaal (a string or
    None)}]})."""
    return audit.record(
        AuditEventType.CONSENSUS_VASTGESTELD,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        from_state=ConsensusStatus.OPEN,
        to_state=ConsensusStatus.VASTGESTELD,
        detail={"ronde": overleg.ronde, "overleg": overleg.pk, "rangorde": rangorde},
    )


# --- gesprekken -----------------------------------------------------------------------


def bodgesprek_gepland(
    *,
    actor: User,
    traject: Traject,
    gesprek: Bodgesprek,
    vorige: str,
    vorig_moment: datetime | None,
) -> AuditEvent:
    """Planned, moved or planned again. States: GesprekStatus ("" when new, GEPLAND or
    GEANNULEERD, to GEPLAND). detail: bod (id), gepland_op (ISO), vorig_moment (ISO or
    None), locatie."""
    return audit.record(
        AuditEventType.BODGESPREK_GEPLAND,
        actor=actor,
        target=gesprek,
        gemeente=traject.gemeente,
        from_state=vorige,
        to_state=GesprekStatus.GEPLAND,
        detail={
            "bod": gesprek.bod_id,
            "gepland_op": gesprek.gepland_op.isoformat(),
            "vorig_moment": vorig_moment.isoformat() if vorig_moment else None,
            "locatie": gesprek.locatie,
        },
    )


def bodgesprek_geannuleerd(*, actor: User, traject: Traject, gesprek: Bodgesprek) -> AuditEvent:
    """States: GesprekStatus (GEPLAND to GEANNULEERD). detail: bod (id), gepland_op (ISO)."""
    return audit.record(
        AuditEventType.BODGESPREK_GEANNULEERD,
        actor=actor,
        target=gesprek,
        gemeente=traject.gemeente,
        from_state=GesprekStatus.GEPLAND,
        to_state=GesprekStatus.GEANNULEERD,
        detail={"bod": gesprek.bod_id, "gepland_op": gesprek.gepland_op.isoformat()},
    )


def gespreksnotitie_vastgelegd(
    *, actor: User, traject: Traject, notitie: Gespreksnotitie, gewijzigd: bool
) -> AuditEvent:
    """A note added or changed (never its text). States: NotitieStatus ("" to TOEGEVOEGD,
    or TOEGEVOEGD to GEWIJZIGD). detail: bod, notitie (ids)."""
    gesprek = notitie.gesprek
    return audit.record(
        AuditEventType.GESPREKSNOTITIE_VASTGELEGD,
        actor=actor,
        target=gesprek,
        gemeente=traject.gemeente,
        from_state=NotitieStatus.TOEGEVOEGD if gewijzigd else "",
        to_state=NotitieStatus.GEWIJZIGD if gewijzigd else NotitieStatus.TOEGEVOEGD,
        detail={"bod": gesprek.bod_id, "notitie": notitie.pk},
    )


# --- gunning --------------------------------------------------------------------------


def gunning_besloten(*, actor: User, traject: Traject, gunning: Gunning, nieuw: bool) -> AuditEvent:
    """Decided or changed. States: GunningStatus ("" when new, or BESLOTEN, to BESLOTEN).
    detail: gunning, perceel, winnend_bod (ids), winnaar (the organisation's name)."""
    return audit.record(
        AuditEventType.GUNNING_BESLOTEN,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        from_state="" if nieuw else GunningStatus.BESLOTEN,
        to_state=GunningStatus.BESLOTEN,
        detail={
            "gunning": gunning.pk,
            "perceel": gunning.perceel_id,
            "winnend_bod": gunning.winnend_bod_id,
            "winnaar": gunning.winnend_bod.organisatie.naam,
        },
    )


def gunning_verstuurd(
    *, actor: User, traject: Traject, gunning: Gunning, brieven: int
) -> AuditEvent:
    """The letters sent. States: GunningStatus (BESLOTEN to VERSTUURD). detail: gunning,
    perceel (ids), brieven (number), verstuurd_op (ISO), standstill_tot (ISO date or
    None)."""
    assert gunning.verstuurd_op is not None
    return audit.record(
        AuditEventType.GUNNING_VERSTUURD,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        from_state=GunningStatus.BESLOTEN,
        to_state=GunningStatus.VERSTUURD,
        detail={
            "gunning": gunning.pk,
            "perceel": gunning.perceel_id,
            "brieven": brieven,
            "verstuurd_op": gunning.verstuurd_op.isoformat(),
            "standstill_tot": gunning.standstill_tot.isoformat()
            if gunning.standstill_tot
            else None,
        },
    )


def bezwaar_vastgelegd(*, actor: User, traject: Traject, bezwaar: Bezwaar) -> AuditEvent:
    """States: BezwaarStatus (to OPEN). detail: gunning, bezwaar, bod (ids; bod None when
    the objection is from someone else)."""
    return audit.record(
        AuditEventType.BEZWAAR_VASTGELEGD,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        to_state=BezwaarStatus.OPEN,
        detail={"gunning": bezwaar.gunning_id, "bezwaar": bezwaar.pk, "bod": bezwaar.bod_id},
    )


def bezwaar_afgehandeld(*, actor: User, traject: Traject, bezwaar: Bezwaar) -> AuditEvent:
    """States: BezwaarStatus (OPEN to AFGEHANDELD). detail: gunning, bezwaar (ids)."""
    return audit.record(
        AuditEventType.BEZWAAR_AFGEHANDELD,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        from_state=BezwaarStatus.OPEN,
        to_state=BezwaarStatus.AFGEHANDELD,
        detail={"gunning": bezwaar.gunning_id, "bezwaar": bezwaar.pk},
    )


def gunning_ondertekend(*, actor: User, traject: Traject, gunning: Gunning) -> AuditEvent:
    """States: GunningStatus (VERSTUURD to ONDERTEKEND). detail: gunning, perceel (ids)."""
    return audit.record(
        AuditEventType.GUNNING_ONDERTEKEND,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        from_state=GunningStatus.VERSTUURD,
        to_state=GunningStatus.ONDERTEKEND,
        detail={"gunning": gunning.pk, "perceel": gunning.perceel_id},
    )


def toelichting_buurt_gepubliceerd(
    *, actor: User, traject: Traject, gunning: Gunning, gewijzigd: bool
) -> AuditEvent:
    """States: ToelichtingStatus ("" when new, or GEWIJZIGD, to GEPUBLICEERD). detail:
    gunning, perceel (ids)."""
    return audit.record(
        AuditEventType.TOELICHTING_BUURT_GEPUBLICEERD,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        from_state=ToelichtingStatus.GEWIJZIGD if gewijzigd else "",
        to_state=ToelichtingStatus.GEPUBLICEERD,
        detail={"gunning": gunning.pk, "perceel": gunning.perceel_id},
    )
