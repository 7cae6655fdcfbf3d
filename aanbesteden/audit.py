"""The append-only audit log: the one helper every service calls.

with transaction.atomic():
    traject = Traject.objects.select_for_update().get(pk=pk)
    ...
    audit.record(AuditEventType.TRAJECT_GEPUBLICEERD, actor=user, target=traject,
                 from_state="concept", to_state="gepubliceerd")
"""

from django.db import connection

from aanbesteden.models import AuditEvent


class AuditOutsideTransaction(RuntimeError):
    """Raised when a service writes an audit event outside its transaction."""


def target_label(obj):
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def record(
    event_type, *, actor, target=None, gemeente=None, from_state="", to_state="", detail=None
):
    """Write one audit event in the caller's transaction.

    Refuses to run outside `transaction.atomic`, so that a transition and its
    audit row always commit or roll back together.
    """
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction(
            "audit.record must be called inside the transition's transaction.atomic block."
        )
    if gemeente is None and target is not None:
        gemeente = getattr(target, "gemeente", None)
    return AuditEvent.objects.create(
        event_type=event_type,
        actor=actor if (actor is not None and actor.is_authenticated) else None,
        gemeente=gemeente,
        target_type=target_label(target) if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        from_state=from_state or "",
        to_state=to_state or "",
        detail=detail or {},
    )


def events_for(target):
    """The timeline of one object, oldest first."""
    return AuditEvent.objects.filter(
        target_type=target_label(target), target_id=str(target.pk)
    ).select_related("actor")
