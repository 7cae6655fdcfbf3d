from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from trajecten.constants import TrajectStatus


class Traject(models.Model):
    """One run of the process for one social task, owned by a gemeente.

    The foundation holds only what the core mechanisms need; phase A (issue 4)
    adds the task, frames, lots, planning and the call.
    """

    gemeente = models.ForeignKey(
        "aanbesteden.Gemeente", on_delete=models.PROTECT, related_name="trajecten"
    )
    titel = models.CharField(_("title"), max_length=200)
    opgave = models.TextField(_("the social task"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TrajectStatus.choices, default=TrajectStatus.CONCEPT
    )
    inschrijving_sluit = models.DateTimeField(
        _("bids close at"),
        null=True,
        blank=True,
        help_text=_("Date and time in Dutch time (Europe/Amsterdam)."),
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    gepubliceerd_op = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "inschrijving_sluit"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="gepubliceerd")
                | models.Q(gepubliceerd_op__isnull=False),
                name="traject_gepubliceerd_heeft_moment",
            ),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("trajecten:detail", args=[self.pk])

    @property
    def is_gepubliceerd(self):
        return self.status == TrajectStatus.GEPUBLICEERD
