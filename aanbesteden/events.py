"""The core's audit events: one typed writer per event type (Saleor's `order/events.py`).

A service calls the writer, never `audit.record` itself, so that every event of a type has
the same detail shape; the public timeline, the proces-verbaal documents and open data read
these details. docs/architecture.md lists each event's detail fields.

Each app has an `events.py` like this one. A writer takes keyword-only, typed arguments,
names its from/to states with the app's `TextChoices` (never a literal), and returns the
`AuditEvent` it wrote.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aanbesteden import audit
from aanbesteden.constants import AccountStatus, AuditEventType, DocumentStatus
from aanbesteden.models import AuditEvent, Document, Gemeente, Medewerker, User


def gemeente_aangemaakt(*, actor: User | None, gemeente: Gemeente) -> AuditEvent:
    """detail: naam, slug."""
    return audit.record(
        AuditEventType.GEMEENTE_AANGEMAAKT,
        actor=actor,
        target=gemeente,
        gemeente=gemeente,
        detail={"naam": gemeente.naam, "slug": gemeente.slug},
    )


def gemeente_gewijzigd(
    *, actor: User | None, gemeente: Gemeente, voor: dict[str, Any], na: dict[str, Any]
) -> AuditEvent:
    """detail: voor, na (the changed settings, a file by its name)."""
    return audit.record(
        AuditEventType.GEMEENTE_GEWIJZIGD,
        actor=actor,
        target=gemeente,
        detail={"voor": voor, "na": na},
    )


def medewerker_toegevoegd(*, actor: User | None, medewerker: Medewerker) -> AuditEvent:
    """detail: user (e-mail address), functie."""
    return audit.record(
        AuditEventType.MEDEWERKER_TOEGEVOEGD,
        actor=actor,
        target=medewerker,
        gemeente=medewerker.gemeente,
        detail={"user": medewerker.user.email, "functie": medewerker.functie},
    )


def medewerker_verwijderd(*, actor: User | None, medewerker: Medewerker) -> AuditEvent:
    """detail: user (e-mail address), functie."""
    return audit.record(
        AuditEventType.MEDEWERKER_VERWIJDERD,
        actor=actor,
        target=medewerker,
        gemeente=medewerker.gemeente,
        detail={"user": medewerker.user.email, "functie": medewerker.functie},
    )


def account_actief_gezet(*, actor: User | None, user: User, actief: bool) -> AuditEvent:
    """Blocked or unblocked. States: AccountStatus. detail: user (e-mail address)."""
    vorige, nieuwe = (
        (AccountStatus.GEBLOKKEERD, AccountStatus.ACTIEF)
        if actief
        else (AccountStatus.ACTIEF, AccountStatus.GEBLOKKEERD)
    )
    return audit.record(
        AuditEventType.ACCOUNT_GEDEBLOKKEERD if actief else AuditEventType.ACCOUNT_GEBLOKKEERD,
        actor=actor,
        target=user,
        from_state=vorige,
        to_state=nieuwe,
        detail={"user": user.email},
    )


def voorkeur_gewijzigd(*, actor: User, user: User, vorige: str, nieuwe: str) -> AuditEvent:
    """States: the notification preference before and after. detail: empty."""
    return audit.record(
        AuditEventType.VOORKEUR_GEWIJZIGD,
        actor=actor,
        target=user,
        from_state=vorige,
        to_state=nieuwe,
    )


def herinnering_verstuurd(
    *, target: Any, sleutel: str, user: User, deadline: datetime
) -> AuditEvent:
    """The sweep sent a reminder (no actor). detail: sleutel, user (id), deadline."""
    return audit.record(
        AuditEventType.HERINNERING_VERSTUURD,
        actor=None,
        target=target,
        detail={"sleutel": sleutel, "user": user.pk, "deadline": deadline},
    )


def document_aangevraagd(
    *, actor: User | None, document: Document, gemeente: Gemeente | None, template: str
) -> AuditEvent:
    """States: DocumentStatus (to IN_WACHTRIJ). detail: titel, template."""
    return audit.record(
        AuditEventType.DOCUMENT_AANGEVRAAGD,
        actor=actor,
        target=document,
        gemeente=gemeente,
        to_state=DocumentStatus.IN_WACHTRIJ,
        detail={"titel": document.titel, "template": template},
    )


def document_mislukt(*, document: Document, vorige: str) -> AuditEvent:
    """States: DocumentStatus. detail: poging (number), fout (the error, shortened)."""
    return audit.record(
        AuditEventType.DOCUMENT_MISLUKT,
        actor=None,
        target=document,
        gemeente=document.gemeente,
        from_state=vorige,
        to_state=document.status,
        detail={"poging": document.pogingen, "fout": document.fout},
    )


def document_gemaakt(*, document: Document, vorige: str) -> AuditEvent:
    """States: DocumentStatus (to KLAAR). detail: sha256, grootte (bytes)."""
    return audit.record(
        AuditEventType.DOCUMENT_GEMAAKT,
        actor=None,
        target=document,
        gemeente=document.gemeente,
        from_state=vorige,
        to_state=DocumentStatus.KLAAR,
        detail={"sha256": document.sha256, "grootte": document.grootte},
    )
