"""Issue 14, point 9: the development fee (ontwikkelvergoeding) per bid invited to
elaborate, recorded for payment."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beoordeling.constants import VergoedingStatus


class Ontwikkelvergoeding(models.Model):
    """The fee the call offers one outline bid invited to elaborate: made when the selection
    is sent (`services.selectie.selectie_versturen`), with the amount of the call at that
    moment; paid by an officer once the elaborated plan of the same bidder and lot is
    submitted and its vault opened (`services.vergoeding.betaling_vastleggen`)."""

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.PROTECT, related_name="+")
    bod = models.OneToOneField(
        "beoordeling.Bod",
        on_delete=models.PROTECT,
        related_name="ontwikkelvergoeding",
        help_text="The invited outline bid.",
    )
    organisatie = models.ForeignKey(
        "coalities.Organisatie", on_delete=models.PROTECT, related_name="ontwikkelvergoedingen"
    )
    bedrag = models.DecimalField(_("amount (euro)"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=VergoedingStatus.choices,
        default=VergoedingStatus.TE_BETALEN,
    )
    toegekend_op = models.DateTimeField(_("granted at"))
    betaald_op = models.DateField(_("paid on"), null=True, blank=True)
    betaald_vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("development fee")
        verbose_name_plural = _("development fees")
        ordering = ["traject", "bod__perceel__nummer", "organisatie__naam", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bedrag__gt=0), name="ontwikkelvergoeding_positief"
            ),
            models.CheckConstraint(
                condition=models.Q(status="te_betalen", betaald_op__isnull=True)
                | models.Q(status="betaald", betaald_op__isnull=False),
                name="ontwikkelvergoeding_betaald_heeft_datum",
            ),
        ]

    def __str__(self):
        return f"{self.organisatie_id} {self.bedrag}"
