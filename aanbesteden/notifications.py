"""Notifications: one call writes the in-app row and, if the user wants it, an e-mail.

    notifications.notify(user, onderwerp=..., template="trajecten/mail/x.txt",
                         context={...}, url=traject.get_absolute_url())

Must run inside the caller's transaction; the e-mail is sent by a Celery task
after commit. A notification whose e-mail is still waiting is picked up again by
the reminder sweep, so a broker that was down loses nothing.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from aanbesteden import tasks
from aanbesteden.constants import TEKST_GEGENEREERD, EmailStatus, NotificatieVoorkeur
from aanbesteden.models import Notificatie, UitgaandeMail

# How long an e-mail may wait before the sweep hands it to a worker again.
EMAIL_RETRY_AFTER = timedelta(minutes=3)


def notify(user, *, onderwerp, template=None, tekst=None, context=None, url=""):
    """Create a notification for `user`; send it by e-mail after commit if they want that."""
    if tekst is None:
        with translation.override("nl"):
            tekst = render_to_string(template, {"user": user, **(context or {})}).strip()
    # Composed from fields that are limited themselves; the cut is a last safety net.
    tekst = tekst[:TEKST_GEGENEREERD]
    wants_email = user.notificatie_voorkeur == NotificatieVoorkeur.EMAIL and user.is_active
    notificatie = Notificatie.objects.create(
        user=user,
        onderwerp=str(onderwerp)[:255],
        tekst=tekst,
        url=url,
        email_status=EmailStatus.WACHT if wants_email else EmailStatus.NIET_NODIG,
    )
    if wants_email:
        transaction.on_commit(lambda: enqueue_email(notificatie.pk))
    return notificatie


def enqueue_email(notificatie_id):
    try:
        tasks.send_notification_email.delay(notificatie_id)
    except Exception:  # noqa: BLE001 - broker down: the sweep will retry from the database
        logging.getLogger(__name__).warning(
            "Broker unreachable; e-mail for notification %s waits for the sweep.", notificatie_id
        )


def nederlands(message, **values):
    """A text for a notification or e-mail: Dutch, whoever's request sends it. `message` is
    a lazy msgid (gettext_lazy) with %(name)s placeholders filled from `values`."""
    with translation.override("nl"):
        return str(message) % values if values else str(message)


def absolute_url(path):
    if not path or path.startswith("http"):
        return path
    return settings.SITE_URL.rstrip("/") + path


def send_email(*, notificatie_id):
    """Send the e-mail of one notification, once. Idempotent."""
    with transaction.atomic():
        notificatie = (
            Notificatie.objects.select_for_update().select_related("user").get(pk=notificatie_id)
        )
        if notificatie.email_status != EmailStatus.WACHT:
            return notificatie
        context = {
            "notificatie": notificatie,
            "user": notificatie.user,
            "link": absolute_url(notificatie.url),
            "site_url": settings.SITE_URL,
        }
        with translation.override("nl"):
            text = render_to_string("aanbesteden/mail/notificatie.txt", context)
            html = render_to_string("aanbesteden/mail/notificatie.html", context)
        message = EmailMultiAlternatives(
            subject=notificatie.onderwerp,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[notificatie.user.email],
        )
        message.attach_alternative(html, "text/html")
        message.send()
        notificatie.email_status = EmailStatus.VERZONDEN
        notificatie.email_verzonden_op = timezone.now()
        notificatie.save(update_fields=["email_status", "email_verzonden_op"])
        return notificatie


def waiting_email_ids(now=None):
    """Notifications whose e-mail has waited too long: the broker may have been down."""
    now = now or timezone.now()
    return list(
        Notificatie.objects.filter(
            email_status=EmailStatus.WACHT, created_at__lte=now - EMAIL_RETRY_AFTER
        ).values_list("pk", flat=True)[:500]
    )


def mail_aan_adres(*, aan, onderwerp, template, context=None):
    """An e-mail to an address that may have no account (an invitation), in Dutch.

    Must run inside the caller's transaction: the mail is written now and sent by a task
    after commit; a mail the broker lost is sent by the sweep. Returns the UitgaandeMail.
    """
    with translation.override("nl"):
        tekst = render_to_string(template, context or {}).strip()
    mail = UitgaandeMail.objects.create(
        aan=aan, onderwerp=str(onderwerp)[:255], tekst=tekst[:TEKST_GEGENEREERD]
    )
    transaction.on_commit(lambda: enqueue_uitgaande_mail(mail.pk))
    return mail


def enqueue_uitgaande_mail(mail_id):
    try:
        tasks.send_outgoing_email.delay(mail_id)
    except Exception:  # noqa: BLE001 - broker down: the sweep will retry from the database
        logging.getLogger(__name__).warning(
            "Broker unreachable; outgoing e-mail %s waits for the sweep.", mail_id
        )


def send_uitgaande_mail(*, mail_id):
    """Send one outgoing e-mail, once. Idempotent."""
    with transaction.atomic():
        mail = UitgaandeMail.objects.select_for_update().get(pk=mail_id)
        if mail.status != EmailStatus.WACHT:
            return mail
        mail.pogingen += 1
        EmailMultiAlternatives(
            subject=mail.onderwerp,
            body=mail.tekst,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[mail.aan],
        ).send()
        mail.status = EmailStatus.VERZONDEN
        mail.verzonden_op = timezone.now()
        mail.save(update_fields=["status", "pogingen", "verzonden_op"])
        return mail


def waiting_uitgaande_mail_ids(now=None):
    """Outgoing e-mails that have waited too long: the broker may have been down."""
    now = now or timezone.now()
    return list(
        UitgaandeMail.objects.filter(
            status=EmailStatus.WACHT, created_at__lte=now - EMAIL_RETRY_AFTER
        ).values_list("pk", flat=True)[:500]
    )


def mark_read(*, user, notificatie_id=None):
    """Mark one notification (or all) of `user` as read."""
    qs = Notificatie.objects.filter(user=user, gelezen_op__isnull=True)
    if notificatie_id is not None:
        qs = qs.filter(pk=notificatie_id)
    return qs.update(gelezen_op=timezone.now())
