"""The residents' budget of a burgeraanbesteding (issue 14, point 3; Emmen): the
representatives of a lot ask quotes themselves for an assignment, choose one with a reason,
and the choice is a commitment in the lot's ledger.

The budget of a lot is `Perceel.budget` (printed in the call); its ledger is the commitments
(`Verplichting`) made against it. The set-up (rules and representatives) is in
`trajecten.models.buurtbudget`. Payments and the yearly public ledger come with the
agreement (phase D).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_KORT, TEKST_MIDDEL
from beoordeling.constants import OpdrachtStatus

MONEY = {"max_digits": 12, "decimal_places": 2}


class Betrokkenheid(models.Model):
    """A representative's declared involvement in a supplier (family, work, a board seat):
    the representative may not choose that supplier's quote."""

    vertegenwoordiger = models.ForeignKey(
        "trajecten.Vertegenwoordiger", on_delete=models.CASCADE, related_name="betrokkenheden"
    )
    leverancier = models.CharField(_("supplier"), max_length=200)
    organisatie = models.ForeignKey(
        "coalities.Organisatie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation on the platform"),
    )
    toelichting = models.TextField(_("how you are involved"), blank=True, max_length=TEKST_KORT)
    gemeld_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("declared involvement")
        verbose_name_plural = _("declared involvements")
        ordering = ["id"]

    def __str__(self):
        return self.leverancier


class Opdracht(models.Model):
    """An assignment the representatives of a lot want done, paid from its budget."""

    perceel = models.ForeignKey(
        "trajecten.Perceel", on_delete=models.PROTECT, related_name="opdrachten"
    )
    omschrijving = models.TextField(_("what must be done"), max_length=TEKST_MIDDEL)
    geraamd_bedrag = models.DecimalField(_("estimated amount (euro)"), **MONEY)
    status = models.CharField(
        _("status"), max_length=30, choices=OpdrachtStatus.choices, default=OpdrachtStatus.OPEN
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gekozen_offerte = models.ForeignKey(
        "Offerte", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    keuze_reden = models.TextField(_("why this quote"), blank=True, max_length=TEKST_MIDDEL)
    reden_minder_offertes = models.TextField(
        _("why fewer quotes were asked"), blank=True, max_length=TEKST_KORT
    )
    gekozen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gekozen_op = models.DateTimeField(null=True, blank=True)
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    goedgekeurd_op = models.DateTimeField(null=True, blank=True)
    afwijzing_reden = models.TextField(
        _("why the municipality did not approve"), blank=True, max_length=TEKST_KORT
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["perceel", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(geraamd_bedrag__gt=0), name="opdracht_bedrag_positief"
            ),
            models.CheckConstraint(
                condition=models.Q(status=OpdrachtStatus.OPEN)
                | models.Q(gekozen_offerte__isnull=False),
                name="opdracht_keuze_heeft_offerte",
            ),
        ]

    def __str__(self):
        return self.omschrijving[:60]


class Offerte(models.Model):
    """A quote the representatives asked for an assignment; its amount when received."""

    opdracht = models.ForeignKey(Opdracht, on_delete=models.CASCADE, related_name="offertes")
    leverancier = models.CharField(_("supplier"), max_length=200)
    organisatie = models.ForeignKey(
        "coalities.Organisatie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation on the platform"),
    )
    gevraagd_op = models.DateField(_("asked on"))
    bedrag = models.DecimalField(_("amount of the quote (euro)"), null=True, blank=True, **MONEY)
    ontvangen_op = models.DateField(_("received on"), null=True, blank=True)
    gevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["opdracht", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bedrag__isnull=True) | models.Q(bedrag__gt=0),
                name="offerte_bedrag_positief",
            ),
        ]

    def __str__(self):
        return self.leverancier


class Verplichting(models.Model):
    """A commitment in a lot's ledger: the chosen quote of an assignment, against the budget."""

    perceel = models.ForeignKey(
        "trajecten.Perceel", on_delete=models.PROTECT, related_name="verplichtingen"
    )
    opdracht = models.OneToOneField(Opdracht, on_delete=models.PROTECT, related_name="verplichting")
    bedrag = models.DecimalField(_("amount (euro)"), **MONEY)
    vastgelegd_op = models.DateTimeField()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["perceel", "vastgelegd_op", "id"]

    def __str__(self):
        return f"{self.opdracht}: € {self.bedrag}"
