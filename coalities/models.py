from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coalities.constants import LidRol, OrganisatieType


class Organisatie(models.Model):
    """A party on the bidding side. No field is required that a residents' group cannot fill in."""

    naam = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=30, choices=OrganisatieType.choices)
    beschrijving = models.TextField(_("what you do and where"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("coalities:organisatie", args=[self.pk])


class Lidmaatschap(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    rol = models.CharField(_("role"), max_length=20, choices=LidRol.choices, default=LidRol.LID)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisatie"], name="lidmaatschap_uniek"),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisatie}"
