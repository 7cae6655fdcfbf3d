"""The set-up of a burgeraanbesteding (issue 14, point 3; Emmen): the spending rules of the
residents' budget and the representatives per lot. Both are printed in the call
(`trajecten.inhoud`, key ``buurtbudget``); the quotes and the ledger live in
`beoordeling.models.buurtbudget` (trajecten may not import beoordeling).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_KORT, TEKST_MIDDEL
from trajecten.models.traject import MONEY, Perceel, Traject


class Bestedingsregels(models.Model):
    """The rules of the call for spending a residents' budget: one set per trajectory."""

    traject = models.OneToOneField(
        Traject, on_delete=models.CASCADE, related_name="bestedingsregels"
    )
    besteding = models.TextField(
        _("what the budget may be spent on"), blank=True, max_length=TEKST_MIDDEL
    )
    offerte_drempel = models.DecimalField(
        _("amount from which more quotes are needed (euro)"),
        null=True,
        blank=True,
        help_text=_("For example 5000: from this amount the representatives ask more quotes."),
        **MONEY,
    )
    offertes_boven = models.PositiveSmallIntegerField(
        _("number of quotes from that amount"), default=3
    )
    offertes_onder = models.PositiveSmallIntegerField(
        _("number of quotes below that amount"), default=1
    )
    minder_offertes_met_reden = models.BooleanField(
        _("fewer quotes are allowed with a stated reason"),
        default=False,
        help_text=_(
            "Not ticked: a choice with too few quotes is refused. Ticked: it is allowed when "
            "the representatives write why (for example: only one supplier in the village)."
        ),
    )
    max_zonder_goedkeuring = models.DecimalField(
        _("maximum per assignment without approval of the municipality (euro)"),
        null=True,
        blank=True,
        help_text=_("Above this amount an officer approves the choice first. Empty: no maximum."),
        **MONEY,
    )
    overhevelen = models.BooleanField(
        _("what is left may be carried over to the next year"), default=False
    )
    belangenregel = models.TextField(
        _("conflict of interest"),
        blank=True,
        max_length=TEKST_MIDDEL,
        help_text=_(
            "How representatives declare what they are involved in. The platform always "
            "refuses a choice for a supplier the representative declared."
        ),
    )

    class Meta:
        verbose_name = _("spending rules")
        verbose_name_plural = _("spending rules")

    def __str__(self):
        return f"{self.traject}"

    def offertes_nodig(self, bedrag):
        """How many quotes the call asks for an assignment of `bedrag`."""
        if (
            self.offerte_drempel is not None
            and bedrag is not None
            and bedrag >= self.offerte_drempel
        ):
            return self.offertes_boven
        return self.offertes_onder


class Vertegenwoordiger(models.Model):
    """A resident who represents a lot (a district or village) and spends its budget."""

    perceel = models.ForeignKey(
        Perceel, on_delete=models.CASCADE, related_name="vertegenwoordigers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="vertegenwoordigingen"
    )
    hoe_gekozen = models.TextField(
        _("how this representative was chosen"), blank=True, max_length=TEKST_KORT
    )

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        ordering = ["perceel", "id"]
        constraints = [
            models.UniqueConstraint(fields=["perceel", "user"], name="vertegenwoordiger_uniek")
        ]

    def __str__(self):
        return f"{self.user} ({self.perceel})"
