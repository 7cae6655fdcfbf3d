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
    BeoordelingStatus,
    BezwaarStatus,
    BodStatus,
    CommissieRol,
    ConsensusStatus,
    GesprekStatus,
    GunningStatus,
    KluisStatus,
    NotitieStatus,
    OpdrachtStatus,
    Ronde,
    SelectieKeuze,
    SelectieStatus,
    SubsidiebesluitStatus,
    ToelichtingStatus,
    VergoedingStatus,
    VerklaringUitkomst,
)

if TYPE_CHECKING:
    from beoordeling.models import (
        Belangenverklaring,
        Beoordeling,
        Betrokkenheid,
        Bezwaar,
        Bijlage,
        Bod,
        Bodgesprek,
        BodVersie,
        Commissielid,
        ConsensusOverleg,
        Convenant,
        ConvenantAkkoord,
        ConvenantVersie,
        Geheimhoudingsverklaring,
        Gespreksnotitie,
        Gunning,
        KluisOpening,
        Offerte,
        Ontwikkelvergoeding,
        Opdracht,
        Score,
        Subsidiebesluit,
    )
    from trajecten.models import Criterium, Perceel, Traject

# --- bieden ---------------------------------------------------------------------------
# Recorded on the bid; never its content: step names, version numbers, hashes, moments.


def bod_gestart(*, actor: User, bod: Bod, ronde: Ronde) -> AuditEvent:
    """A draft bid is started (event type bod.concept_opgeslagen, to CONCEPT).
    detail: stap ("gestart"), ronde, perceel (id)."""
    return audit.record(
        AuditEventType.BOD_CONCEPT_OPGESLAGEN,
        actor=actor,
        target=bod,
        to_state=BodStatus.CONCEPT,
        detail={"stap": "gestart", "ronde": Ronde(ronde).value, "perceel": bod.perceel_id},
    )


def bod_concept_opgeslagen(*, actor: User, bod: Bod, stap: str) -> AuditEvent:
    """One step of the draft is saved. detail: stap (its slug)."""
    return audit.record(
        AuditEventType.BOD_CONCEPT_OPGESLAGEN, actor=actor, target=bod, detail={"stap": stap}
    )


def bod_bijlage_toegevoegd(*, actor: User, bod: Bod, bijlage: Bijlage) -> AuditEvent:
    """detail: bijlage (id), sha256, grootte (bytes)."""
    return audit.record(
        AuditEventType.BOD_BIJLAGE_TOEGEVOEGD,
        actor=actor,
        target=bod,
        detail={"bijlage": bijlage.pk, "sha256": bijlage.sha256, "grootte": bijlage.grootte},
    )


def bod_bijlage_verwijderd(*, actor: User, bod: Bod, bijlage: Bijlage) -> AuditEvent:
    """detail: bijlage (id), sha256."""
    return audit.record(
        AuditEventType.BOD_BIJLAGE_VERWIJDERD,
        actor=actor,
        target=bod,
        detail={"bijlage": bijlage.pk, "sha256": bijlage.sha256},
    )


def bod_te_laat(*, actor: User, bod: Bod, deadline: datetime, ontvangen_op: datetime) -> AuditEvent:
    """A submission arrived after the deadline and was refused.
    detail: deadline, ontvangen_op (ISO 8601)."""
    return audit.record(
        AuditEventType.BOD_TE_LAAT,
        actor=actor,
        target=bod,
        detail={"deadline": deadline.isoformat(), "ontvangen_op": ontvangen_op.isoformat()},
    )


def bod_ingediend(*, actor: User, bod: Bod, versie: BodVersie, vorige_status: str) -> AuditEvent:
    """A version is submitted: bod.ingediend for the first, bod.gewijzigd for a later one.
    States: BodStatus (from the previous status to INGEDIEND).
    detail: versie (number), sha256, ingediend_op (ISO 8601)."""
    return audit.record(
        AuditEventType.BOD_INGEDIEND if versie.nummer == 1 else AuditEventType.BOD_GEWIJZIGD,
        actor=actor,
        target=bod,
        from_state=vorige_status,
        to_state=BodStatus.INGEDIEND,
        detail={
            "versie": versie.nummer,
            "sha256": versie.sha256,
            "ingediend_op": versie.ingediend_op.isoformat(),
        },
    )


def bod_ingetrokken(*, actor: User, bod: Bod, ingetrokken_op: datetime) -> AuditEvent:
    """States: BodStatus (INGEDIEND to INGETROKKEN). detail: ingetrokken_op (ISO 8601)."""
    return audit.record(
        AuditEventType.BOD_INGETROKKEN,
        actor=actor,
        target=bod,
        from_state=BodStatus.INGEDIEND,
        to_state=BodStatus.INGETROKKEN,
        detail={"ingetrokken_op": ingetrokken_op.isoformat()},
    )


# --- kluis ----------------------------------------------------------------------------
# Recorded on the trajectory.


def kluis_opening_gestart(*, actor: User, traject: Traject, opening: KluisOpening) -> AuditEvent:
    """The first officer started the opening of a stage's vault. detail: ronde, opening (id)."""
    return audit.record(
        AuditEventType.KLUIS_OPENING_GESTART,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        detail={"ronde": Ronde(opening.ronde).value, "opening": opening.pk},
    )


def kluis_geopend(
    *, actor: User, traject: Traject, opening: KluisOpening, aantal_ingediend: int
) -> AuditEvent:
    """A second officer confirmed: the vault is open. States: KluisStatus (GESLOTEN to
    GEOPEND). detail: ronde, opening (id), gestart_door (e-mail address of the first
    officer), aantal_ingediend (submitted bids of the stage)."""
    return audit.record(
        AuditEventType.KLUIS_GEOPEND,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        from_state=KluisStatus.GESLOTEN,
        to_state=KluisStatus.GEOPEND,
        detail={
            "ronde": opening.ronde,
            "opening": opening.pk,
            "gestart_door": opening.gestart_door.email,
            "aantal_ingediend": aantal_ingediend,
        },
    )


# --- commissie ------------------------------------------------------------------------
# Composition on the trajectory; declarations and scores on the member (`Commissielid`),
# never on the bid (its timeline may be shown to its bidder).


def commissielid_toegevoegd(
    *, actor: User, traject: Traject, user: User, is_bewoner: bool, percelen: list[Perceel]
) -> AuditEvent:
    """An officer added someone with an account. detail: user (e-mail address), bewoner,
    percelen (lot numbers; empty: the whole trajectory)."""
    return audit.record(
        AuditEventType.COMMISSIELID_TOEGEVOEGD,
        actor=actor,
        target=traject,
        detail={
            "user": user.email,
            "bewoner": is_bewoner,
            "percelen": sorted(p.nummer for p in percelen),
        },
    )


def commissielid_uitgenodigd(
    *, actor: User, traject: Traject, user: User, is_bewoner: bool, percelen: list[Perceel]
) -> AuditEvent:
    """An officer invited someone by e-mail (event type commissie.lid_toegevoegd).
    detail: user (e-mail address), bewoner, uitgenodigd (always true), percelen (lot
    numbers; empty: the whole trajectory)."""
    return audit.record(
        AuditEventType.COMMISSIELID_TOEGEVOEGD,
        actor=actor,
        target=traject,
        detail={
            "user": user.email,
            "bewoner": is_bewoner,
            "uitgenodigd": True,
            "percelen": sorted(p.nummer for p in percelen),
        },
    )


def voorzitter_gewijzigd(*, actor: User, lid: Commissielid, is_voorzitter: bool) -> AuditEvent:
    """A member became the chair or stopped being it (event type commissie.lid_gewijzigd).
    States: CommissieRol (LID to VOORZITTER or back). detail: user (e-mail address)."""
    vorige, nieuwe = (
        (CommissieRol.LID, CommissieRol.VOORZITTER)
        if is_voorzitter
        else (CommissieRol.VOORZITTER, CommissieRol.LID)
    )
    return audit.record(
        AuditEventType.COMMISSIELID_GEWIJZIGD,
        actor=actor,
        target=lid.traject,
        from_state=vorige,
        to_state=nieuwe,
        detail={"user": lid.user.email},
    )


def commissielid_verwijderd(*, actor: User, lid: Commissielid) -> AuditEvent:
    """detail: user (e-mail address), bewoner."""
    return audit.record(
        AuditEventType.COMMISSIELID_VERWIJDERD,
        actor=actor,
        target=lid.traject,
        detail={"user": lid.user.email, "bewoner": lid.is_bewoner},
    )


def commissielid_gegevens_gewijzigd(
    *, actor: User, lid: Commissielid, velden: list[str]
) -> AuditEvent:
    """A member changed their own details (event type commissie.lid_gewijzigd).
    detail: velden (the names of the changed fields; never their values)."""
    return audit.record(
        AuditEventType.COMMISSIELID_GEWIJZIGD,
        actor=actor,
        target=lid.traject,
        detail={"velden": velden},
    )


def verklaring_getekend(*, actor: User, verklaring: Belangenverklaring) -> AuditEvent:
    """A member or officer signed the declaration for a lot (on the declaration).
    States: VerklaringUitkomst (to CONFLICT or GEEN_CONFLICT). detail: perceel (id),
    conflict, organisaties (how many names were shown)."""
    return audit.record(
        AuditEventType.VERKLARING_GETEKEND,
        actor=actor,
        target=verklaring,
        gemeente=verklaring.traject.gemeente,
        to_state=(
            VerklaringUitkomst.CONFLICT if verklaring.conflict else VerklaringUitkomst.GEEN_CONFLICT
        ),
        detail={
            "perceel": verklaring.perceel_id,
            "conflict": bool(verklaring.conflict),
            "organisaties": len(verklaring.organisaties),
        },
    )


def geheimhouding_getekend(
    *, actor: User, verklaring: Geheimhoudingsverklaring, traject: Traject
) -> AuditEvent:
    """A member or officer signed the confidentiality declaration (on the declaration).
    detail: traject (id)."""
    return audit.record(
        AuditEventType.GEHEIMHOUDING_GETEKEND,
        actor=actor,
        target=verklaring,
        gemeente=traject.gemeente,
        detail={"traject": traject.pk},
    )


def commissielid_percelen_gewijzigd(
    *, actor: User, lid: Commissielid, percelen: list[Perceel]
) -> AuditEvent:
    """An officer bound a member to lots (event type commissie.lid_gewijzigd).
    detail: user (e-mail address), velden (["percelen"]), percelen (lot numbers; empty:
    the whole trajectory)."""
    return audit.record(
        AuditEventType.COMMISSIELID_GEWIJZIGD,
        actor=actor,
        target=lid.traject,
        detail={
            "user": lid.user.email,
            "velden": ["percelen"],
            "percelen": sorted(p.nummer for p in percelen),
        },
    )


def score_opgeslagen(*, actor: User, lid: Commissielid, bod: Bod, score: Score) -> AuditEvent:
    """A member saved the score of one criterion.
    detail: bod (id), criterium (id), waarde (or null), niet_van_toepassing."""
    return audit.record(
        AuditEventType.SCORE_OPGESLAGEN,
        actor=actor,
        target=lid,
        gemeente=lid.traject.gemeente,
        detail={
            "bod": bod.pk,
            "criterium": score.criterium_id,
            "waarde": score.waarde,
            "niet_van_toepassing": bool(score.niet_van_toepassing),
        },
    )


def oordeel_opgeslagen(
    *, actor: User, lid: Commissielid, bod: Bod, beoordeling: Beoordeling
) -> AuditEvent:
    """A member saved the overall judgement and rank ("quality only"; event type
    commissie.score). detail: bod (id), oordeel (always true; never the text), rang."""
    return audit.record(
        AuditEventType.SCORE_OPGESLAGEN,
        actor=actor,
        target=lid,
        gemeente=lid.traject.gemeente,
        detail={"bod": bod.pk, "oordeel": True, "rang": beoordeling.rang},
    )


def beoordeling_ingediend(
    *, actor: User, lid: Commissielid, bod: Bod, beoordeling: Beoordeling
) -> AuditEvent:
    """States: BeoordelingStatus (to INGEDIEND). detail: bod (id), rang (or null)."""
    return audit.record(
        AuditEventType.BEOORDELING_INGEDIEND,
        actor=actor,
        target=lid,
        gemeente=lid.traject.gemeente,
        to_state=BeoordelingStatus.INGEDIEND,
        detail={"bod": bod.pk, "rang": beoordeling.rang},
    )


# --- selectie -------------------------------------------------------------------------
# Recorded on the trajectory (its timeline is for officers), never with the feedback.


def _keuze(uitgenodigd: bool) -> SelectieKeuze:
    return SelectieKeuze.UITGENODIGD if uitgenodigd else SelectieKeuze.NIET_UITGENODIGD


def selectie_opgeslagen(
    *, actor: User, traject: Traject, bod: Bod, vorige_keuze: bool
) -> AuditEvent:
    """The draft decision for one outline bid is saved. States: SelectieKeuze (the previous
    and the new decision). detail: bod (id), perceel (id), terugkoppeling (whether there is
    feedback; never its text)."""
    return audit.record(
        AuditEventType.SELECTIE_OPGESLAGEN,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        from_state=_keuze(vorige_keuze),
        to_state=_keuze(bod.uitgenodigd_voor_uitwerking),
        detail={
            "bod": bod.pk,
            "perceel": bod.perceel_id,
            "terugkoppeling": bool(bod.terugkoppeling),
        },
    )


def selectie_verstuurd(
    *,
    actor: User,
    traject: Traject,
    biedingen: list[Bod],
    verstuurd_op: datetime,
    uitwerking_sluit: datetime,
) -> AuditEvent:
    """The selection is sent to every bidder. States: SelectieStatus (CONCEPT to VERSTUURD).
    detail: verstuurd_op, uitwerking_sluit (ISO 8601), uitgenodigd, niet_uitgenodigd (bid
    ids)."""
    return audit.record(
        AuditEventType.SELECTIE_VERSTUURD,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        from_state=SelectieStatus.CONCEPT,
        to_state=SelectieStatus.VERSTUURD,
        detail={
            "verstuurd_op": verstuurd_op.isoformat(),
            "uitgenodigd": [b.pk for b in biedingen if b.uitgenodigd_voor_uitwerking],
            "niet_uitgenodigd": [b.pk for b in biedingen if not b.uitgenodigd_voor_uitwerking],
            "uitwerking_sluit": uitwerking_sluit.isoformat(),
        },
    )


# --- ontwikkelvergoeding (issue 14, point 9) ------------------------------------------


def ontwikkelvergoeding_toegekend(*, actor: User, vergoeding: Ontwikkelvergoeding) -> AuditEvent:
    """A development fee is recorded for an invited bid when the selection is sent. On the
    trajectory. States: to VergoedingStatus.TE_BETALEN. detail: vergoeding (id), bod (id),
    perceel (id), organisatie (id), bedrag (string)."""
    return audit.record(
        AuditEventType.ONTWIKKELVERGOEDING_TOEGEKEND,
        actor=actor,
        target=vergoeding.traject,
        gemeente=vergoeding.traject.gemeente,
        to_state=VergoedingStatus.TE_BETALEN,
        detail={
            "vergoeding": vergoeding.pk,
            "bod": vergoeding.bod_id,
            "perceel": vergoeding.bod.perceel_id,
            "organisatie": vergoeding.organisatie_id,
            "bedrag": str(vergoeding.bedrag),
        },
    )


def ontwikkelvergoeding_betaald(*, actor: User, vergoeding: Ontwikkelvergoeding) -> AuditEvent:
    """An officer recorded the payment of a development fee. On the trajectory. States:
    VergoedingStatus.TE_BETALEN to BETAALD. detail: vergoeding (id), organisatie (id),
    bedrag (string), betaald_op (ISO date)."""
    return audit.record(
        AuditEventType.ONTWIKKELVERGOEDING_BETAALD,
        actor=actor,
        target=vergoeding.traject,
        gemeente=vergoeding.traject.gemeente,
        from_state=VergoedingStatus.TE_BETALEN,
        to_state=VergoedingStatus.BETAALD,
        detail={
            "vergoeding": vergoeding.pk,
            "organisatie": vergoeding.organisatie_id,
            "bedrag": str(vergoeding.bedrag),
            "betaald_op": vergoeding.betaald_op.isoformat() if vergoeding.betaald_op else None,
        },
    )


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
    vervallen: int = 0,
) -> AuditEvent:
    """The consensus score of one bid on one criterion. States: the previous value ("nvt"
    for not applicable, "" when new) and the new one. detail: bod, criterium (ids), waarde,
    niet_van_toepassing, bevestigingen_vervallen (how many confirmations lapsed)."""
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
            "bevestigingen_vervallen": vervallen,
        },
    )


def consensus_oordeel_vastgelegd(
    *,
    actor: User,
    traject: Traject,
    bod: Bod,
    vorige_rang: int | None,
    rang: int | None,
    vervallen: int = 0,
) -> AuditEvent:
    """The committee's judgement of one bid (same event type as a score). States: the
    previous rank and the new one ("" for none). detail: bod (id), oordeel (True), rang,
    bevestigingen_vervallen."""
    return audit.record(
        AuditEventType.CONSENSUS_VASTGELEGD,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        from_state="" if vorige_rang is None else str(vorige_rang),
        to_state="" if rang is None else str(rang),
        detail={"bod": bod.pk, "oordeel": True, "rang": rang, "bevestigingen_vervallen": vervallen},
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


def consensus_aanwezigheid_vastgelegd(
    *,
    actor: User,
    traject: Traject,
    overleg: ConsensusOverleg,
    aanwezig: list[int],
    vervallen: int,
) -> AuditEvent:
    """The chair recorded who attended the meeting. detail: ronde, overleg (id), aanwezig
    (Commissielid ids, sorted), bevestigingen_vervallen."""
    return audit.record(
        AuditEventType.CONSENSUS_AANWEZIGHEID,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        detail={
            "ronde": overleg.ronde,
            "overleg": overleg.pk,
            "aanwezig": sorted(aanwezig),
            "bevestigingen_vervallen": vervallen,
        },
    )


def consensus_bevestigd(
    *,
    actor: User,
    traject: Traject,
    overleg: ConsensusOverleg,
    lid: Commissielid,
    bevestigd: int,
    nodig: int,
) -> AuditEvent:
    """A member confirmed the recorded consensus of a stage. detail: ronde, overleg,
    commissielid (ids), voorzitter (whether the chair), bevestigd (confirmations now),
    nodig (the majority needed)."""
    return audit.record(
        AuditEventType.CONSENSUS_BEVESTIGD,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        detail={
            "ronde": overleg.ronde,
            "overleg": overleg.pk,
            "commissielid": lid.pk,
            "voorzitter": lid.is_voorzitter,
            "bevestigd": bevestigd,
            "nodig": nodig,
        },
    )


def consensus_criterium_vervallen(
    *,
    actor: User,
    traject: Traject,
    perceel_id: int,
    ronde: str,
    criterium: Criterium,
    verwijderd: int,
    vervallen: int,
) -> AuditEvent:
    """A criterion dropped for every bid of a lot in a stage's consensus (weighted award).
    detail: perceel, criterium (ids), ronde, scores_verwijderd (consensus scores removed),
    bevestigingen_vervallen. Never the reason's text."""
    return audit.record(
        AuditEventType.CONSENSUS_CRITERIUM_VERVALLEN,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        detail={
            "perceel": perceel_id,
            "criterium": criterium.pk,
            "ronde": ronde,
            "scores_verwijderd": verwijderd,
            "bevestigingen_vervallen": vervallen,
        },
    )


def consensus_criterium_hersteld(
    *,
    actor: User,
    traject: Traject,
    perceel_id: int,
    ronde: str,
    criterium_id: int,
    vervallen: int,
) -> AuditEvent:
    """A dropped criterion counts again for every bid of its lot (the drop was a mistake).
    detail: perceel, criterium (ids), ronde, bevestigingen_vervallen."""
    return audit.record(
        AuditEventType.CONSENSUS_CRITERIUM_HERSTELD,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        detail={
            "perceel": perceel_id,
            "criterium": criterium_id,
            "ronde": ronde,
            "bevestigingen_vervallen": vervallen,
        },
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


def bodgesprek_verslag(*, actor: User, traject: Traject, gesprek: Bodgesprek) -> AuditEvent:
    """The record of what was clarified sent to the bidder (issue 13, rule 11; never its
    text). States: GesprekStatus (GEPLAND to GEVOERD). detail: bod (id), gepland_op (ISO)."""
    return audit.record(
        AuditEventType.BODGESPREK_VERSLAG,
        actor=actor,
        target=gesprek,
        gemeente=traject.gemeente,
        from_state=GesprekStatus.GEPLAND,
        to_state=GesprekStatus.GEVOERD,
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
    the objection is from someone else), soort (BezwaarSoort), aangekondigd_op (ISO date
    of a court case's announcement, or None)."""
    return audit.record(
        AuditEventType.BEZWAAR_VASTGELEGD,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        to_state=BezwaarStatus.OPEN,
        detail={
            "gunning": bezwaar.gunning_id,
            "bezwaar": bezwaar.pk,
            "bod": bezwaar.bod_id,
            "soort": bezwaar.soort,
            "aangekondigd_op": bezwaar.aangekondigd_op.isoformat()
            if bezwaar.aangekondigd_op
            else None,
        },
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


def uitspraak_vastgelegd(*, actor: User, traject: Traject, bezwaar: Bezwaar) -> AuditEvent:
    """The judgment of a summary court case. States: BezwaarStatus (OPEN to AFGEHANDELD).
    detail: gunning, bezwaar (ids), uitspraak_op (ISO date)."""
    assert bezwaar.uitspraak_op is not None
    return audit.record(
        AuditEventType.UITSPRAAK_VASTGELEGD,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        from_state=BezwaarStatus.OPEN,
        to_state=BezwaarStatus.AFGEHANDELD,
        detail={
            "gunning": bezwaar.gunning_id,
            "bezwaar": bezwaar.pk,
            "uitspraak_op": bezwaar.uitspraak_op.isoformat(),
        },
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


# --- subsidie (issue 14) --------------------------------------------------------------
# Recorded on the trajectory (the officers' timeline): amounts and grounds, no bid content.


def subsidiebesluit_vastgelegd(
    *, actor: User, traject: Traject, besluit: Subsidiebesluit, nieuw: bool
) -> AuditEvent:
    """Decided or changed before sending. States: SubsidiebesluitStatus ("" when new, or
    VASTGELEGD, to VASTGELEGD). detail: besluit, bod, perceel (ids), uitkomst
    (SubsidieUitkomst), bedrag (string or None), grond (Afwijzingsgrond or "")."""
    return audit.record(
        AuditEventType.SUBSIDIEBESLUIT_VASTGELEGD,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        from_state="" if nieuw else SubsidiebesluitStatus.VASTGELEGD,
        to_state=SubsidiebesluitStatus.VASTGELEGD,
        detail={
            "besluit": besluit.pk,
            "bod": besluit.bod_id,
            "perceel": besluit.bod.perceel_id,
            "uitkomst": besluit.uitkomst,
            "bedrag": None if besluit.bedrag is None else str(besluit.bedrag),
            "grond": besluit.grond,
        },
    )


def subsidiebesluit_verstuurd(
    *, actor: User, traject: Traject, besluit: Subsidiebesluit
) -> AuditEvent:
    """Sent to the applicant. States: SubsidiebesluitStatus (VASTGELEGD to VERSTUURD).
    detail: besluit, bod (ids), uitkomst, verstuurd_op (ISO)."""
    assert besluit.verstuurd_op is not None
    return audit.record(
        AuditEventType.SUBSIDIEBESLUIT_VERSTUURD,
        actor=actor,
        target=traject,
        gemeente=traject.gemeente,
        from_state=SubsidiebesluitStatus.VASTGELEGD,
        to_state=SubsidiebesluitStatus.VERSTUURD,
        detail={
            "besluit": besluit.pk,
            "bod": besluit.bod_id,
            "uitkomst": besluit.uitkomst,
            "verstuurd_op": besluit.verstuurd_op.isoformat(),
        },
    )


# --- convenant (issue 14, point 3) -------------------------------------------------------
# Recorded on the covenant: who named whom, version numbers and changed sections (the text
# itself is in the versions), who agreed for which side.


def convenant_initiatief_benoemd(
    *, actor: User, convenant: Convenant, vorige: int | None
) -> AuditEvent:
    """detail: traject (id), initiatief (id and name), vorige (id of the organisation named
    before, or None)."""
    return audit.record(
        AuditEventType.CONVENANT_INITIATIEF_BENOEMD,
        actor=actor,
        target=convenant,
        gemeente=convenant.traject.gemeente,
        detail={
            "traject": convenant.traject_id,
            "initiatief": convenant.initiatief_id,
            "naam": convenant.initiatief.naam,
            "vorige": vorige,
        },
    )


def convenant_plan_opgeslagen(
    *, actor: User, convenant: Convenant, versie: ConvenantVersie, basis: int
) -> AuditEvent:
    """detail: versie (number), basis (the version the author started from), gewijzigd
    (section slugs), samengevoegd, partij."""
    return audit.record(
        AuditEventType.CONVENANT_PLAN_OPGESLAGEN,
        actor=actor,
        target=convenant,
        gemeente=convenant.traject.gemeente,
        detail={
            "versie": versie.nummer,
            "basis": basis,
            "gewijzigd": list(versie.gewijzigd),
            "samengevoegd": versie.samengevoegd,
            "partij": versie.partij,
        },
    )


def convenant_akkoord(
    *, actor: User, convenant: Convenant, akkoord: ConvenantAkkoord
) -> AuditEvent:
    """detail: versie (number), partij."""
    return audit.record(
        AuditEventType.CONVENANT_AKKOORD,
        actor=actor,
        target=convenant,
        gemeente=convenant.traject.gemeente,
        detail={"versie": akkoord.versie.nummer, "partij": akkoord.partij},
    )


def convenant_vastgesteld(*, actor: User, convenant: Convenant) -> AuditEvent:
    """States: to "vastgesteld". detail: versie (number)."""
    return audit.record(
        AuditEventType.CONVENANT_VASTGESTELD,
        actor=actor,
        target=convenant,
        gemeente=convenant.traject.gemeente,
        to_state="vastgesteld",
        detail={
            "versie": convenant.vastgestelde_versie.nummer
            if convenant.vastgestelde_versie
            else None
        },
    )


# --- buurtbudget (issue 14, burgeraanbesteding) ------------------------------------------
# Recorded on the assignment (or the representative); amounts and names of businesses, never
# e-mail addresses.


def buurtbudget_betrokkenheid(*, actor: User, betrokkenheid: Betrokkenheid) -> AuditEvent:
    """A representative declared an involvement in a supplier. detail: perceel (id),
    leverancier, organisatie (id or None)."""
    vertegenwoordiger = betrokkenheid.vertegenwoordiger
    return audit.record(
        AuditEventType.BUURTBUDGET_BETROKKENHEID,
        actor=actor,
        target=vertegenwoordiger,
        gemeente=vertegenwoordiger.perceel.traject.gemeente,
        detail={
            "perceel": vertegenwoordiger.perceel_id,
            "leverancier": betrokkenheid.leverancier,
            "organisatie": betrokkenheid.organisatie_id,
        },
    )


def buurtbudget_opdracht(*, actor: User, opdracht: Opdracht) -> AuditEvent:
    """An assignment added. States: OpdrachtStatus ("" to OPEN). detail: perceel (id),
    geraamd_bedrag."""
    return audit.record(
        AuditEventType.BUURTBUDGET_OPDRACHT,
        actor=actor,
        target=opdracht,
        gemeente=opdracht.perceel.traject.gemeente,
        to_state=OpdrachtStatus.OPEN,
        detail={"perceel": opdracht.perceel_id, "geraamd_bedrag": str(opdracht.geraamd_bedrag)},
    )


def buurtbudget_offerte_gevraagd(*, actor: User, offerte: Offerte) -> AuditEvent:
    """A quote asked. detail: offerte (id), leverancier, organisatie (id or None),
    gevraagd_op (ISO date), aantal_gevraagd (quotes asked for the assignment so far)."""
    opdracht = offerte.opdracht
    return audit.record(
        AuditEventType.BUURTBUDGET_OFFERTE_GEVRAAGD,
        actor=actor,
        target=opdracht,
        gemeente=opdracht.perceel.traject.gemeente,
        detail={
            "offerte": offerte.pk,
            "leverancier": offerte.leverancier,
            "organisatie": offerte.organisatie_id,
            "gevraagd_op": offerte.gevraagd_op.isoformat(),
            "aantal_gevraagd": opdracht.offertes.count(),
        },
    )


def buurtbudget_offerte_ontvangen(*, actor: User, offerte: Offerte) -> AuditEvent:
    """A quote's amount recorded. detail: offerte (id), bedrag, ontvangen_op (ISO date)."""
    opdracht = offerte.opdracht
    return audit.record(
        AuditEventType.BUURTBUDGET_OFFERTE_ONTVANGEN,
        actor=actor,
        target=opdracht,
        gemeente=opdracht.perceel.traject.gemeente,
        detail={
            "offerte": offerte.pk,
            "bedrag": str(offerte.bedrag),
            "ontvangen_op": offerte.ontvangen_op.isoformat() if offerte.ontvangen_op else None,
        },
    )


def buurtbudget_keuze(
    *, actor: User, opdracht: Opdracht, aantal_gevraagd: int, nodig: int
) -> AuditEvent:
    """The representatives chose a quote. States: OpdrachtStatus (OPEN to GEKOZEN, or to
    WACHT_OP_GOEDKEURING above the maximum). detail: offerte (id), leverancier, bedrag,
    aantal_gevraagd, nodig (quotes the call asks), minder_met_reden (bool)."""
    offerte = opdracht.gekozen_offerte
    assert offerte is not None
    return audit.record(
        AuditEventType.BUURTBUDGET_KEUZE,
        actor=actor,
        target=opdracht,
        gemeente=opdracht.perceel.traject.gemeente,
        from_state=OpdrachtStatus.OPEN,
        to_state=opdracht.status,
        detail={
            "offerte": offerte.pk,
            "leverancier": offerte.leverancier,
            "bedrag": str(offerte.bedrag),
            "aantal_gevraagd": aantal_gevraagd,
            "nodig": nodig,
            "minder_met_reden": bool(opdracht.reden_minder_offertes),
        },
    )


def buurtbudget_goedgekeurd(*, actor: User, opdracht: Opdracht) -> AuditEvent:
    """An officer approved a choice above the maximum. States: OpdrachtStatus
    (WACHT_OP_GOEDKEURING to GEKOZEN). detail: offerte (id), bedrag."""
    offerte = opdracht.gekozen_offerte
    assert offerte is not None
    return audit.record(
        AuditEventType.BUURTBUDGET_GOEDGEKEURD,
        actor=actor,
        target=opdracht,
        gemeente=opdracht.perceel.traject.gemeente,
        from_state=OpdrachtStatus.WACHT_OP_GOEDKEURING,
        to_state=OpdrachtStatus.GEKOZEN,
        detail={"offerte": offerte.pk, "bedrag": str(offerte.bedrag)},
    )


def buurtbudget_afgewezen(*, actor: User, opdracht: Opdracht, offerte: Offerte) -> AuditEvent:
    """An officer did not approve a choice: the assignment is open again. States:
    OpdrachtStatus (WACHT_OP_GOEDKEURING to OPEN). detail: offerte (id), bedrag."""
    return audit.record(
        AuditEventType.BUURTBUDGET_AFGEWEZEN,
        actor=actor,
        target=opdracht,
        gemeente=opdracht.perceel.traject.gemeente,
        from_state=OpdrachtStatus.WACHT_OP_GOEDKEURING,
        to_state=OpdrachtStatus.OPEN,
        detail={"offerte": offerte.pk, "bedrag": str(offerte.bedrag)},
    )
