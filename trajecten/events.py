"""The audit events of trajecten: one typed writer per event type (see aanbesteden/events.py).

Services call these, never `audit.record` itself; docs/architecture.md lists each event's
detail fields. States are the TextChoices of `trajecten.constants`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from aanbesteden import audit
from aanbesteden.constants import AuditEventType
from aanbesteden.models import AuditEvent, Medewerker, User
from trajecten.constants import (
    AanmeldingStatus,
    ConsultatieStatus,
    NotaStatus,
    ReactieStatus,
    TrajectStatus,
    UitdagingStatus,
    VraagStatus,
)
from trajecten.models import (
    Aanmelding,
    Bijeenkomst,
    Consultatie,
    Nota,
    Perceel,
    Reactie,
    Traject,
    Uitdaging,
    UitvraagVersie,
    Vraag,
)

# --- setting up a trajectory ----------------------------------------------------------------


def traject_aangemaakt(*, actor: User, traject: Traject) -> AuditEvent:
    """States: TrajectStatus (to CONCEPT). detail: titel."""
    return audit.record(
        AuditEventType.TRAJECT_AANGEMAAKT,
        actor=actor,
        target=traject,
        to_state=TrajectStatus.CONCEPT,
        detail={"titel": traject.titel},
    )


def traject_gewijzigd(
    *, actor: User, traject: Traject, sectie: str, velden: Iterable[str], rectificatie: bool
) -> AuditEvent:
    """detail: sectie, velden (the changed fields, sorted), rectificatie (published as a
    correction)."""
    return audit.record(
        AuditEventType.TRAJECT_GEWIJZIGD,
        actor=actor,
        target=traject,
        detail={"sectie": sectie, "velden": sorted(velden), "rectificatie": rectificatie},
    )


def teamlid_gezet(
    *, actor: User, traject: Traject, medewerker: Medewerker, vorige_rol: str, rol: str
) -> AuditEvent:
    """TRAJECT_TEAM_GEWIJZIGD, a member added or given another role. States: TeamRol (from
    empty when added). detail: medewerker (e-mail address), rol, toegevoegd."""
    return audit.record(
        AuditEventType.TRAJECT_TEAM_GEWIJZIGD,
        actor=actor,
        target=traject,
        from_state=vorige_rol,
        to_state=rol,
        detail={"medewerker": medewerker.user.email, "rol": rol, "toegevoegd": not vorige_rol},
    )


def teamlid_verwijderd(
    *, actor: User, traject: Traject, medewerker: Medewerker, rol: str
) -> AuditEvent:
    """TRAJECT_TEAM_GEWIJZIGD, a member removed. States: TeamRol (from the member's role).
    detail: medewerker (e-mail address), verwijderd (always true)."""
    return audit.record(
        AuditEventType.TRAJECT_TEAM_GEWIJZIGD,
        actor=actor,
        target=traject,
        from_state=rol,
        detail={"medewerker": medewerker.user.email, "verwijderd": True},
    )


def toelichting_gegeven(*, actor: User, traject: Traject, code: str, nieuw: bool) -> AuditEvent:
    """TRAJECT_TOELICHTING. detail: code (of the finding), nieuw (first explanation)."""
    return audit.record(
        AuditEventType.TRAJECT_TOELICHTING,
        actor=actor,
        target=traject,
        detail={"code": code, "nieuw": nieuw},
    )


def fase_gewijzigd(*, actor: User, traject: Traject, vorige: str, fase: str) -> AuditEvent:
    """TRAJECT_FASE_GEWIJZIGD. States: Fase. detail: empty."""
    return audit.record(
        AuditEventType.TRAJECT_FASE_GEWIJZIGD,
        actor=actor,
        target=traject,
        from_state=vorige,
        to_state=fase,
    )


# --- publication ----------------------------------------------------------------------------


def uitvraag_aangevraagd(*, actor: User, traject: Traject, uitvraag: UitvraagVersie) -> AuditEvent:
    """detail: versie, aanleiding (UitvraagAanleiding), openbaar, document (uuid),
    inhoud_hash."""
    return audit.record(
        AuditEventType.UITVRAAG_AANGEVRAAGD,
        actor=actor,
        target=traject,
        detail={
            "versie": uitvraag.versie,
            "aanleiding": str(uitvraag.aanleiding),
            "openbaar": uitvraag.openbaar,
            "document": str(uitvraag.document.uuid),
            "inhoud_hash": uitvraag.inhoud_hash,
        },
    )


def traject_gepubliceerd(*, actor: User, traject: Traject, uitvraag: UitvraagVersie) -> AuditEvent:
    """States: TrajectStatus (CONCEPT to GEPUBLICEERD). detail: uitvraag_versie, sha256 (of
    the call's PDF), inhoud_hash."""
    return audit.record(
        AuditEventType.TRAJECT_GEPUBLICEERD,
        actor=actor,
        target=traject,
        from_state=TrajectStatus.CONCEPT,
        to_state=TrajectStatus.GEPUBLICEERD,
        detail={
            "uitvraag_versie": uitvraag.versie,
            "sha256": uitvraag.document.sha256,
            "inhoud_hash": uitvraag.inhoud_hash,
        },
    )


def rectificatie_gepubliceerd(
    *,
    actor: User,
    traject: Traject,
    nummer: int,
    reden: str,
    wijzigingen: list[Any],
    uitvraag: UitvraagVersie,
) -> AuditEvent:
    """detail: nummer, reden, velden (the changed fields), uitvraag_versie."""
    return audit.record(
        AuditEventType.RECTIFICATIE_GEPUBLICEERD,
        actor=actor,
        target=traject,
        detail={
            "nummer": nummer,
            "reden": reden,
            "velden": [w.get("veld", "") for w in wijzigingen if isinstance(w, dict)],
            "uitvraag_versie": uitvraag.versie,
        },
    )


def traject_gevolgd(*, actor: User, traject: Traject) -> AuditEvent:
    """detail: empty."""
    return audit.record(AuditEventType.TRAJECT_GEVOLGD, actor=actor, target=traject)


def traject_ontvolgd(*, actor: User, traject: Traject) -> AuditEvent:
    """detail: empty."""
    return audit.record(AuditEventType.TRAJECT_ONTVOLGD, actor=actor, target=traject)


# --- the dialogue ---------------------------------------------------------------------------


def bijeenkomst_gepland(*, actor: User, bijeenkomst: Bijeenkomst) -> AuditEvent:
    """detail: traject (id), titel, begint_op (ISO 8601)."""
    traject = bijeenkomst.traject
    return audit.record(
        AuditEventType.BIJEENKOMST_GEPLAND,
        actor=actor,
        target=bijeenkomst,
        gemeente=traject.gemeente,
        detail={
            "traject": traject.pk,
            "titel": bijeenkomst.titel,
            "begint_op": bijeenkomst.begint_op.isoformat(),
        },
    )


def _json(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def bijeenkomst_gewijzigd(
    *, actor: User, bijeenkomst: Bijeenkomst, gewijzigd: dict[str, tuple[Any, Any]]
) -> AuditEvent:
    """detail: traject (id), wijzigingen ({veld: [oud, nieuw]}, moments in ISO 8601)."""
    traject = bijeenkomst.traject
    return audit.record(
        AuditEventType.BIJEENKOMST_GEWIJZIGD,
        actor=actor,
        target=bijeenkomst,
        gemeente=traject.gemeente,
        detail={
            "traject": traject.pk,
            "wijzigingen": {
                veld: [_json(oud), _json(nieuw)] for veld, (oud, nieuw) in gewijzigd.items()
            },
        },
    )


def bijeenkomst_aangemeld(
    *, aanmelding: Aanmelding, bijeenkomst: Bijeenkomst, van_onbevestigd: bool
) -> AuditEvent:
    """A registration counts from now (logged in, or its link opened); the registrant is
    the actor. States: AanmeldingStatus (from ONBEVESTIGD or empty, to BEVESTIGD).
    detail: traject (id), aanmelding (id)."""
    traject = bijeenkomst.traject
    return audit.record(
        AuditEventType.BIJEENKOMST_AANGEMELD,
        actor=aanmelding.user,
        target=bijeenkomst,
        gemeente=traject.gemeente,
        from_state=AanmeldingStatus.ONBEVESTIGD if van_onbevestigd else "",
        to_state=AanmeldingStatus.BEVESTIGD,
        detail={"traject": traject.pk, "aanmelding": aanmelding.pk},
    )


def bijeenkomst_aangemeld_onbevestigd(
    *, aanmelding: Aanmelding, bijeenkomst: Bijeenkomst
) -> AuditEvent:
    """BIJEENKOMST_AANGEMELD without an account: nobody has proved yet who registered, so no
    actor until the link is opened. States: AanmeldingStatus (to ONBEVESTIGD).
    detail: traject (id), aanmelding (id)."""
    traject = bijeenkomst.traject
    return audit.record(
        AuditEventType.BIJEENKOMST_AANGEMELD,
        actor=None,
        target=bijeenkomst,
        gemeente=traject.gemeente,
        to_state=AanmeldingStatus.ONBEVESTIGD,
        detail={"traject": traject.pk, "aanmelding": aanmelding.pk},
    )


def bijeenkomst_afgemeld(
    *, actor: User, bijeenkomst: Bijeenkomst, aanmelding_pk: int
) -> AuditEvent:
    """detail: traject (id), aanmelding (id of the removed registration)."""
    return audit.record(
        AuditEventType.BIJEENKOMST_AFGEMELD,
        actor=actor,
        target=bijeenkomst,
        gemeente=bijeenkomst.traject.gemeente,
        detail={"traject": bijeenkomst.traject_id, "aanmelding": aanmelding_pk},
    )


def verslag_gepubliceerd(*, actor: User, bijeenkomst: Bijeenkomst, bijgewerkt: bool) -> AuditEvent:
    """detail: traject (id), bijgewerkt (an earlier report replaced)."""
    traject = bijeenkomst.traject
    return audit.record(
        AuditEventType.VERSLAG_GEPUBLICEERD,
        actor=actor,
        target=bijeenkomst,
        gemeente=traject.gemeente,
        detail={"traject": traject.pk, "bijgewerkt": bijgewerkt},
    )


def vraag_gesteld(*, actor: User, vraag: Vraag, perceel: Perceel | None) -> AuditEvent:
    """States: VraagStatus (to OPEN). detail: traject (id), perceel (id or null)."""
    traject = vraag.traject
    return audit.record(
        AuditEventType.VRAAG_GESTELD,
        actor=actor,
        target=vraag,
        gemeente=traject.gemeente,
        to_state=VraagStatus.OPEN,
        detail={"traject": traject.pk, "perceel": perceel.pk if perceel else None},
    )


def vraag_beantwoord(*, actor: User, vraag: Vraag, vorige: VraagStatus) -> AuditEvent:
    """States: VraagStatus (from OPEN or BEANTWOORD, to BEANTWOORD). detail: traject (id)."""
    traject = vraag.traject
    return audit.record(
        AuditEventType.VRAAG_BEANTWOORD,
        actor=actor,
        target=vraag,
        gemeente=traject.gemeente,
        from_state=vorige,
        to_state=VraagStatus.BEANTWOORD,
        detail={"traject": traject.pk},
    )


def nota_gepubliceerd(*, actor: User, nota: Nota, vragen: list[Vraag]) -> AuditEvent:
    """States: NotaStatus (to GEPUBLICEERD). detail: traject (id), nummer, vragen (their
    numbers), minimum_dagen, te_laat."""
    traject = nota.traject
    return audit.record(
        AuditEventType.NOTA_GEPUBLICEERD,
        actor=actor,
        target=nota,
        gemeente=traject.gemeente,
        to_state=NotaStatus.GEPUBLICEERD,
        detail={
            "traject": traject.pk,
            "nummer": nota.nummer,
            "vragen": [vraag.nummer for vraag in vragen],
            "minimum_dagen": nota.minimum_dagen,
            "te_laat": nota.te_laat,
        },
    )


# --- right to challenge ---------------------------------------------------------------------


def uitdaging_ingediend(*, actor: User, uitdaging: Uitdaging) -> AuditEvent:
    """States: UitdagingStatus (to INGEDIEND). detail: titel, waar."""
    return audit.record(
        AuditEventType.UITDAGING_INGEDIEND,
        actor=actor,
        target=uitdaging,
        gemeente=uitdaging.gemeente,
        to_state=UitdagingStatus.INGEDIEND,
        detail={"titel": uitdaging.titel, "waar": uitdaging.waar},
    )


def uitdaging_aangevuld(
    *, actor: User, uitdaging: Uitdaging, vraag: str, aanvulling: str
) -> AuditEvent:
    """States: UitdagingStatus (MEER_INFORMATIE to INGEDIEND). detail: vraag (the
    municipality's question), aanvulling."""
    return audit.record(
        AuditEventType.UITDAGING_AANGEVULD,
        actor=actor,
        target=uitdaging,
        from_state=UitdagingStatus.MEER_INFORMATIE,
        to_state=UitdagingStatus.INGEDIEND,
        detail={"vraag": vraag, "aanvulling": aanvulling},
    )


def uitdaging_beantwoord(
    *, actor: User, uitdaging: Uitdaging, van: str, traject: Traject | None = None
) -> AuditEvent:
    """States: UitdagingStatus (to MEER_INFORMATIE, AFGEWEZEN or OMGEZET). detail: reactie,
    and traject (id) when turned into a trajectory."""
    detail: dict[str, Any] = {"reactie": uitdaging.reactie}
    if traject is not None:
        detail["traject"] = traject.pk
    return audit.record(
        AuditEventType.UITDAGING_BEANTWOORD,
        actor=actor,
        target=uitdaging,
        from_state=van,
        to_state=uitdaging.status,
        detail=detail,
    )


# --- consultation of a draft call (issue 14, point 1) ---------------------------------------


def consultatie_geopend(*, actor: User, consultatie: Consultatie) -> AuditEvent:
    """States: ConsultatieStatus (to OPEN). detail: sluit_op (ISO 8601),
    marktconsultatie_kenmerk."""
    return audit.record(
        AuditEventType.CONSULTATIE_GEOPEND,
        actor=actor,
        target=consultatie.traject,
        to_state=ConsultatieStatus.OPEN,
        detail={
            "sluit_op": consultatie.sluit_op.isoformat(),
            "marktconsultatie_kenmerk": consultatie.marktconsultatie_kenmerk,
        },
    )


def consultatie_gesloten(
    *, actor: User, consultatie: Consultatie, bij_publicatie: bool
) -> AuditEvent:
    """Closed early by an officer, or at publication of the call. States: ConsultatieStatus
    (OPEN to GESLOTEN). detail: gesloten_op (ISO 8601), bij_publicatie."""
    assert consultatie.gesloten_op is not None
    return audit.record(
        AuditEventType.CONSULTATIE_GESLOTEN,
        actor=actor,
        target=consultatie.traject,
        from_state=ConsultatieStatus.OPEN,
        to_state=ConsultatieStatus.GESLOTEN,
        detail={
            "gesloten_op": consultatie.gesloten_op.isoformat(),
            "bij_publicatie": bij_publicatie,
        },
    )


def reactie_gegeven(*, reactie: Reactie, van_onbevestigd: bool) -> AuditEvent:
    """A reaction counts from now (logged in, or its link opened); the person who reacted is
    the actor. States: ReactieStatus (from ONBEVESTIGD or empty, to BEVESTIGD).
    detail: reactie (id), sectie."""
    return audit.record(
        AuditEventType.CONSULTATIE_REACTIE,
        actor=reactie.user,
        target=reactie.consultatie.traject,
        from_state=ReactieStatus.ONBEVESTIGD if van_onbevestigd else "",
        to_state=ReactieStatus.BEVESTIGD,
        detail={"reactie": reactie.pk, "sectie": reactie.sectie},
    )


def reactie_gegeven_onbevestigd(*, reactie: Reactie) -> AuditEvent:
    """CONSULTATIE_REACTIE without an account: nobody has proved yet who reacted, so no actor
    until the link is opened. States: ReactieStatus (to ONBEVESTIGD). detail: reactie (id),
    sectie."""
    return audit.record(
        AuditEventType.CONSULTATIE_REACTIE,
        actor=None,
        target=reactie.consultatie.traject,
        to_state=ReactieStatus.ONBEVESTIGD,
        detail={"reactie": reactie.pk, "sectie": reactie.sectie},
    )


def reactie_beantwoord(*, actor: User, reactie: Reactie, eerder_beantwoord: bool) -> AuditEvent:
    """States: ReactieStatus (BEVESTIGD or BEANTWOORD, to BEANTWOORD). detail: reactie (id),
    overgenomen (Overgenomen)."""
    return audit.record(
        AuditEventType.CONSULTATIE_REACTIE_BEANTWOORD,
        actor=actor,
        target=reactie.consultatie.traject,
        from_state=ReactieStatus.BEANTWOORD if eerder_beantwoord else ReactieStatus.BEVESTIGD,
        to_state=ReactieStatus.BEANTWOORD,
        detail={"reactie": reactie.pk, "overgenomen": reactie.overgenomen},
    )
