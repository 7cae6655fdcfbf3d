"""The one path for documents: a service asks, a Celery task renders, the file keeps its hash.

    doc = documents.request_document(
        titel="Uitvraag", template_name="trajecten/pdf/uitvraag.html",
        context={...}, actor=user, gemeente=gemeente, target=traject)

The request never waits: the task `render_document` runs after commit. It is
idempotent (a document that is ready is not rendered again), retried with a
growing pause when rendering fails, and the sweep re-queues documents that
waited too long in the queue (a broker that was down).
"""

import hashlib
import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from aanbesteden import audit, events, tasks
from aanbesteden.constants import MAX_POGINGEN, DocumentStatus
from aanbesteden.models import Document
from aanbesteden.pdf import render_pdf

logger = logging.getLogger(__name__)

REQUEUE_AFTER = timedelta(minutes=10)


def request_document(
    *, titel, template_name, context, actor, gemeente=None, target=None, openbaar=False
):
    with transaction.atomic():
        document = Document.objects.create(
            titel=titel,
            template_name=template_name,
            context=context,
            gemeente=gemeente,
            aangevraagd_door=actor if actor is not None and actor.is_authenticated else None,
            openbaar=openbaar,
            target_type=audit.target_label(target) if target is not None else "",
            target_id=str(target.pk) if target is not None else "",
        )
        events.document_aangevraagd(
            actor=actor, document=document, gemeente=gemeente, template=template_name
        )
        transaction.on_commit(lambda: enqueue(document.pk))
    return document


def enqueue(document_id):
    try:
        tasks.render_document.delay(document_id)
    except Exception:  # noqa: BLE001 - broker down: the sweep re-queues from the database
        logger.warning("Broker unreachable; document %s waits for the sweep.", document_id)


def render(*, document_id):
    """Render one document. Returns it with its new status; never raises for a render error."""
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        if document.status in (DocumentStatus.KLAAR, DocumentStatus.DEFINITIEF_MISLUKT):
            return document
        vorige = document.status
        document.pogingen += 1
        try:
            data = render_pdf(document.template_name, {**document.context, "document": document})
        except Exception as exc:  # noqa: BLE001 - any render failure is recorded and retried
            logger.exception("Document %s failed to render", document_id)
            laatste = document.pogingen >= MAX_POGINGEN
            document.status = (
                DocumentStatus.DEFINITIEF_MISLUKT if laatste else DocumentStatus.MISLUKT
            )
            document.fout = f"{type(exc).__name__}: {exc}"[: Document.fout.field.max_length]
            document.save(update_fields=["status", "pogingen", "fout"])
            events.document_mislukt(document=document, vorige=vorige)
            return document
        digest = hashlib.sha256(data).hexdigest()
        document.bestand.save(f"{document.uuid}.pdf", ContentFile(data), save=False)
        document.sha256 = digest
        document.grootte = len(data)
        document.status = DocumentStatus.KLAAR
        document.fout = ""
        document.gereed_op = timezone.now()
        document.save()
        events.document_gemaakt(document=document, vorige=vorige)
        return document


def retry_delay(pogingen):
    """Seconds to wait before the next attempt: 30 s, 2 min, 8 min."""
    return 30 * 4 ** max(pogingen - 1, 0)


def stale_document_ids(now=None):
    now = now or timezone.now()
    return list(
        Document.objects.filter(
            status=DocumentStatus.IN_WACHTRIJ, created_at__lte=now - REQUEUE_AFTER
        ).values_list("pk", flat=True)[:200]
    )
