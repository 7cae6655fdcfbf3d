import pytest
from django.db import connection, transaction
from django.db.utils import ProgrammingError

from aanbesteden import audit
from aanbesteden.constants import AuditEventType
from aanbesteden.models import AuditEvent
from aanbesteden.services import gemeente_aanmaken


def _event(user=None):
    with transaction.atomic():
        return audit.record(AuditEventType.GEMEENTE_GEWIJZIGD, actor=user, detail={"a": 1})


@pytest.mark.django_db
def test_record_writes_who_what_and_states(beheerder):
    gemeente = gemeente_aanmaken(actor=beheerder, naam="Oss", slug="oss")
    event = AuditEvent.objects.get(event_type=AuditEventType.GEMEENTE_AANGEMAAKT)
    assert event.actor == beheerder
    assert event.gemeente == gemeente
    assert (event.target_type, event.target_id) == ("aanbesteden.gemeente", str(gemeente.pk))
    assert event.detail == {"naam": "Oss", "slug": "oss"}
    assert list(audit.events_for(gemeente)) == [event]


@pytest.mark.django_db
def test_record_refuses_outside_a_transaction(settings):
    # pytest-django wraps each test in a transaction; leave it to see the guard.
    connection.in_atomic_block, saved = False, connection.in_atomic_block
    try:
        with pytest.raises(audit.AuditOutsideTransaction):
            audit.record(AuditEventType.GEMEENTE_GEWIJZIGD, actor=None)
    finally:
        connection.in_atomic_block = saved


@pytest.mark.django_db
def test_rolled_back_transition_leaves_no_audit_row(beheerder):
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            audit.record(AuditEventType.GEMEENTE_GEWIJZIGD, actor=beheerder)
            raise RuntimeError("transition failed")
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_postgresql_refuses_update_through_the_orm():
    event = _event()
    with pytest.raises(ProgrammingError, match="Cannot update or delete"):
        with transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).update(to_state="vervalst")
    event.refresh_from_db()
    assert event.to_state == ""


@pytest.mark.django_db
def test_postgresql_refuses_update_and_delete_in_raw_sql():
    event = _event()
    table = AuditEvent._meta.db_table
    for sql in (
        f"UPDATE {table} SET detail = '{{}}' WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
    ):
        with pytest.raises(ProgrammingError):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_model_delete_is_refused():
    event = _event()
    with pytest.raises(ProgrammingError):
        with transaction.atomic():
            event.delete()
    assert AuditEvent.objects.count() == 1
