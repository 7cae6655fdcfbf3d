from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_GEGENEREERD, EmailStatus


class Notificatie(models.Model):
    """A message to one user: always in the in-app list, by e-mail when they want it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notificaties"
    )
    created_at = models.DateTimeField(_("moment"), auto_now_add=True, db_index=True)
    onderwerp = models.CharField(_("subject"), max_length=255)
    tekst = models.TextField(_("message"), max_length=TEKST_GEGENEREERD)
    url = models.CharField(_("link"), max_length=500, blank=True)
    gelezen_op = models.DateTimeField(_("read at"), null=True, blank=True)
    email_status = models.CharField(
        max_length=20, choices=EmailStatus.choices, default=EmailStatus.WACHT
    )
    email_verzonden_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["user"],
                condition=models.Q(gelezen_op__isnull=True),
                name="notificatie_ongelezen",
            ),
            models.Index(
                fields=["created_at"],
                condition=models.Q(email_status="wacht"),
                name="notificatie_email_wacht",
            ),
        ]

    def __str__(self):
        return self.onderwerp


class VerzondenHerinnering(models.Model):
    """The unique record of a reminder that was sent: the sweep's guarantee of exactly once.

    `sleutel` names the deadline and the moment before it (for example
    "trajecten.inschrijving:42:P1D"); with the user it can exist once.
    """

    sleutel = models.CharField(max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    deadline = models.DateTimeField()
    verzonden_op = models.DateTimeField(auto_now_add=True)
    notificatie = models.ForeignKey(
        Notificatie, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(fields=["sleutel", "user"], name="herinnering_eenmalig"),
        ]

    def __str__(self):
        return f"{self.sleutel} → {self.user_id}"


class UitgaandeMail(models.Model):
    """An e-mail to an address that may have no account (an invitation), kept until sent.

    Like a notification's e-mail: written in the caller's transaction, sent by a task
    after commit, and picked up again by the sweep when the broker lost it.
    """

    aan = models.EmailField(_("to"))
    onderwerp = models.CharField(_("subject"), max_length=255)
    tekst = models.TextField(_("message"), max_length=TEKST_GEGENEREERD)
    status = models.CharField(max_length=20, choices=EmailStatus.choices, default=EmailStatus.WACHT)
    pogingen = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    verzonden_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(status="wacht"),
                name="uitgaande_mail_wacht",
            ),
        ]

    def __str__(self):
        return f"{self.onderwerp} → {self.aan}"
