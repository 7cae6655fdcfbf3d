"""Issue 14, the subsidy route (Awb title 4.2): the decision on each application.

An application is a bid (`Bod`) of the final stage; the decision grants it (an amount),
grants it in part (a lower amount, with the reason) or refuses it (with the ground and the
reason). The amounts granted under one call together never exceed its subsidy ceiling
(`Traject.subsidieplafond`; the service checks it with the trajectory locked). Sending
tells every applicant at one moment; the formal beschikking follows with the agreement.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_MIDDEL
from beoordeling.constants import Afwijzingsgrond, SubsidieUitkomst

MONEY = {"max_digits": 12, "decimal_places": 2}


class Subsidiebesluit(models.Model):
    """The decision on one subsidy application (one submitted bid of the final stage)."""

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.PROTECT, related_name="+")
    bod = models.OneToOneField(
        "beoordeling.Bod", on_delete=models.PROTECT, related_name="subsidiebesluit"
    )
    uitkomst = models.CharField(_("decision"), max_length=20, choices=SubsidieUitkomst.choices)
    bedrag = models.DecimalField(_("amount granted (euro)"), null=True, blank=True, **MONEY)
    grond = models.CharField(
        _("ground for refusal"), max_length=20, choices=Afwijzingsgrond.choices, blank=True
    )
    reden = models.TextField(_("reason"), blank=True, max_length=TEKST_MIDDEL)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    besloten_op = models.DateTimeField(_("decided at"))
    verstuurd_op = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("subsidy decision")
        verbose_name_plural = _("subsidy decisions")
        ordering = ["traject", "bod"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(uitkomst="afgewezen", bedrag__isnull=True)
                    | (~models.Q(uitkomst="afgewezen") & models.Q(bedrag__gt=0))
                ),
                name="subsidiebesluit_bedrag_bij_toekenning",
            ),
            models.CheckConstraint(
                condition=models.Q(uitkomst="afgewezen") | models.Q(grond=""),
                name="subsidiebesluit_grond_bij_afwijzing",
            ),
        ]

    def __str__(self):
        return f"Subsidiebesluit {self.bod_id}"

    @property
    def is_toekenning(self) -> bool:
        return self.uitkomst != SubsidieUitkomst.AFGEWEZEN
