from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_LANG, TEKST_MIDDEL
from coalities.constants import CoalitieStatus, PartnerRol, PartnerStatus
from coalities.models.organisatie import Organisatie


class Coalitie(models.Model):
    """Organisations that bid together on one or more lots of a trajectory."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.PROTECT, related_name="coalities"
    )
    naam = models.CharField(_("name of the coalition"), max_length=200)
    percelen = models.ManyToManyField(
        "trajecten.Perceel", related_name="coalities", verbose_name=_("lots")
    )
    plan = models.TextField(_("what we want to do together"), blank=True, max_length=TEKST_LANG)
    status = models.CharField(
        _("status"), max_length=20, choices=CoalitieStatus.choices, default=CoalitieStatus.OPEN
    )
    versie = models.PositiveSmallIntegerField(
        _("version"), default=1, help_text="Raised each time a new bid version opens it."
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")
        ordering = ["traject", "naam", "id"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("coalities:coalitie", args=[self.pk])

    @property
    def is_vergrendeld(self):
        return self.status == CoalitieStatus.VERGRENDELD


class CoalitiePartner(models.Model):
    """An organisation in a coalition, with its role, contribution and agreed shares.

    An invited organisation counts only after it has accepted.
    """

    coalitie = models.ForeignKey(Coalitie, on_delete=models.CASCADE, related_name="partners")
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="coalitiepartnerschappen"
    )
    rol = models.CharField(_("role"), max_length=20, choices=PartnerRol.choices)
    bijdrage = models.TextField(_("contribution"), blank=True, max_length=TEKST_MIDDEL)
    aandeel_budget = models.DecimalField(
        _("share of the budget (%)"), max_digits=5, decimal_places=2, default=0
    )
    aandeel_zeggenschap = models.DecimalField(
        _("share of the say (%)"), max_digits=5, decimal_places=2, default=0
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PartnerStatus.choices, default=PartnerStatus.UITGENODIGD
    )
    uitgenodigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uitgenodigd_op = models.DateTimeField(auto_now_add=True)
    beantwoord_op = models.DateTimeField(null=True, blank=True)
    # Issue 11, point 6: accepted while the coalition was locked by a submitted bid. The bid
    # was submitted without this organisation, so it stays invited (it does not count, sees
    # nothing of the bid) until the coalition opens for a new version of the bid; then it
    # becomes an accepted partner. Declining stays possible until then.
    toegezegd_op = models.DateTimeField(
        _("accepted for the next version on"), null=True, blank=True
    )
    # Issue 13, rule 1: what a key party (role `sleutelpartij`) offers this coalition, written
    # by the key party's administrators. Seen by the coalition's members and, after the
    # opening of the vault, by the committee and the officers; not by other coalitions.
    toezegging = models.TextField(_("commitment"), blank=True, max_length=TEKST_MIDDEL)
    toezegging_op = models.DateTimeField(_("commitment written on"), null=True, blank=True)

    class Meta:
        verbose_name = _("coalition partner")
        verbose_name_plural = _("coalition partners")
        ordering = ["coalitie", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalitie", "organisatie"], name="coalitiepartner_eenmaal"
            ),
            models.UniqueConstraint(
                fields=["coalitie"],
                condition=models.Q(rol__in=["penvoerder", "facilitator"])
                & models.Q(status__in=["uitgenodigd", "geaccepteerd"]),
                name="coalitie_een_leider",
            ),
            models.CheckConstraint(
                condition=models.Q(aandeel_budget__gte=0, aandeel_budget__lte=100)
                & models.Q(aandeel_zeggenschap__gte=0, aandeel_zeggenschap__lte=100),
                name="coalitiepartner_aandeel_procent",
            ),
        ]

    def __str__(self):
        return f"{self.organisatie} in {self.coalitie} ({self.get_rol_display()})"

    @property
    def is_toegezegd(self):
        return self.status == PartnerStatus.UITGENODIGD and self.toegezegd_op is not None
