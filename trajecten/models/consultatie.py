"""Consultation of a draft call (issue 14, point 1): the field reacts before publication.

A draft trajectory is opened for consultation with a closing moment; residents and
organisations react per section, with an account or with a name and an e-mail address
(confirmed by a link, as a session registration); the officer answers each reaction and
says what was taken over. The report of it is published with the call, anonymised.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_KORT, TEKST_MIDDEL
from trajecten.constants import ConsultatieSectie, Overgenomen
from trajecten.models.traject import Traject


class Consultatie(models.Model):
    """The consultation of one draft trajectory. Open from `geopend_op` until `sluit_op`
    (derived from the clock) or until it was closed early or at publication (`gesloten_op`)."""

    traject = models.OneToOneField(Traject, on_delete=models.CASCADE, related_name="consultatie")
    sluit_op = models.DateTimeField(_("reactions close at"))
    gevraagd = models.TextField(_("what reactions are asked for"), max_length=TEKST_MIDDEL)
    marktconsultatie_kenmerk = models.CharField(
        _("TenderNed reference of the market consultation"), max_length=100, blank=True
    )
    geopend_op = models.DateTimeField(_("opened at"))
    geopend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gesloten_op = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self):
        return f"{self.traject} (consultatie)"

    def is_open(self, nu=None):
        nu = nu or timezone.now()
        return self.gesloten_op is None and nu < self.sluit_op

    @property
    def einde(self):
        """When reactions stopped (or will stop): closed early, or the closing moment."""
        if self.gesloten_op is not None and self.gesloten_op < self.sluit_op:
            return self.gesloten_op
        return self.sluit_op


class ReactieQuerySet(models.QuerySet):
    def bevestigd(self):
        """The reactions that count: made logged in, or confirmed with the mailed link."""
        return self.filter(bevestigd_op__isnull=False)


class Reactie(models.Model):
    """A reaction to one section of a draft call. Who reacted (`user`, `naam`) is for the
    officers only; the report and every public page show the text without any name, and no
    page ever shows the e-mail address (it is only on the account, for the link and news).
    """

    consultatie = models.ForeignKey(Consultatie, on_delete=models.CASCADE, related_name="reacties")
    sectie = models.CharField(_("section"), max_length=20, choices=ConsultatieSectie.choices)
    tekst = models.TextField(_("reaction"), max_length=TEKST_MIDDEL)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="consultatiereacties"
    )
    naam = models.CharField(_("name"), max_length=200)
    ingediend_op = models.DateTimeField(_("sent at"), default=timezone.now)
    bevestigd_op = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    verloopt_op = models.DateTimeField(_("unconfirmed until"), null=True, blank=True)
    antwoord = models.TextField(_("answer"), blank=True, max_length=TEKST_MIDDEL)
    overgenomen = models.CharField(
        _("taken over"), max_length=10, choices=Overgenomen.choices, blank=True
    )
    waarom = models.TextField(_("why not otherwise"), blank=True, max_length=TEKST_KORT)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beantwoord_op = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = ReactieQuerySet.as_manager()

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        ordering = ["consultatie", "ingediend_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bevestigd_op__isnull=False)
                | models.Q(token__isnull=False, verloopt_op__isnull=False),
                name="reactie_bevestigd_of_met_link",
            ),
            models.CheckConstraint(
                condition=models.Q(antwoord="") | ~models.Q(overgenomen=""),
                name="reactie_antwoord_met_overgenomen",
            ),
        ]

    def __str__(self):
        return self.tekst[:60]

    @property
    def is_bevestigd(self):
        return self.bevestigd_op is not None

    @property
    def is_beantwoord(self):
        return bool(self.antwoord)
