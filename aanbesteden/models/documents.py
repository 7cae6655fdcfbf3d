import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_KORT, DocumentStatus


class Document(models.Model):
    """A PDF made from a template and a frozen context by the one document path.

    Requested by a service, rendered by a Celery task (never inside a request),
    stored with its SHA-256. The context is a snapshot taken at the moment of the
    request, so a document shows the state it was asked for.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    titel = models.CharField(_("title"), max_length=255)
    template_name = models.CharField(max_length=200)
    context = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    gemeente = models.ForeignKey(
        "aanbesteden.Gemeente", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    openbaar = models.BooleanField(_("public"), default=False)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DocumentStatus.choices,
        default=DocumentStatus.IN_WACHTRIJ,
    )
    pogingen = models.PositiveSmallIntegerField(_("attempts"), default=0)
    fout = models.TextField(_("last error"), blank=True, max_length=TEKST_KORT)
    bestand = models.FileField(_("file"), upload_to="documenten/%Y/%m/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    grootte = models.PositiveIntegerField(_("size in bytes"), default=0)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    gereed_op = models.DateTimeField(_("ready at"), null=True, blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="klaar") | ~models.Q(sha256=""),
                name="document_klaar_heeft_hash",
            ),
        ]

    def __str__(self):
        return self.titel

    @property
    def is_klaar(self):
        return self.status == DocumentStatus.KLAAR
