import pgtrigger
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import AuditEventType


class AuditEvent(models.Model):
    """One row per transition: who, when, what, from which state to which, and a detail.

    Append-only: PostgreSQL itself refuses UPDATE and DELETE on this table
    (django-pgtrigger). Rows are written by `aanbesteden.audit.record` inside the
    transition's own transaction, so a rolled-back transition leaves no row.
    """

    created_at = models.DateTimeField(_("moment"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    event_type = models.CharField(_("event"), max_length=60, choices=AuditEventType.choices)
    gemeente = models.ForeignKey(
        "aanbesteden.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    from_state = models.CharField(_("from"), max_length=60, blank=True)
    to_state = models.CharField(_("to"), max_length=60, blank=True)
    detail = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["target_type", "target_id", "created_at"])]
        triggers = [
            pgtrigger.Protect(
                name="audit_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            ),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.event_type}"
