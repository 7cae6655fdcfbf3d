"""Celery tasks of the core. They take ids, call a service and are idempotent."""

from celery import shared_task

from aanbesteden import deadlines, documents, notifications
from aanbesteden.constants import MAX_POGINGEN, DocumentStatus

# documents and notifications import this module to queue its tasks: names from them are
# looked up when a task runs, never at import.


@shared_task(bind=True, max_retries=MAX_POGINGEN - 1, acks_late=True)
def render_document(self, document_id):
    document = documents.render(document_id=document_id)
    if document.status == DocumentStatus.MISLUKT:
        raise self.retry(countdown=documents.retry_delay(document.pogingen))
    return document.status


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_email(notificatie_id):
    notifications.send_email(notificatie_id=notificatie_id)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_outgoing_email(mail_id):
    notifications.send_uitgaande_mail(mail_id=mail_id)


@shared_task
def sweep_reminders():
    """Beat, every few minutes: reminders that are due, and work a lost broker left behind."""
    sent = deadlines.sweep()
    for notificatie_id in notifications.waiting_email_ids():
        notifications.enqueue_email(notificatie_id)
    for mail_id in notifications.waiting_uitgaande_mail_ids():
        notifications.enqueue_uitgaande_mail(mail_id)
    for document_id in documents.stale_document_ids():
        documents.enqueue(document_id)
    return sent
