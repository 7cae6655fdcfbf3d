from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_LANG, TEKST_MIDDEL
from trajecten.constants import UitdagingStatus, Vorm
from trajecten.models.traject import Traject


class Uitdaging(models.Model):
    """A right-to-challenge proposal: residents or entrepreneurs propose to take over a task."""

    gemeente = models.ForeignKey(
        "aanbesteden.Gemeente", on_delete=models.PROTECT, related_name="uitdagingen"
    )
    indiener = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="uitdagingen"
    )
    titel = models.CharField(_("which task do you want to take over?"), max_length=200)
    wat = models.TextField(_("what would you do?"), max_length=TEKST_LANG)
    waar = models.CharField(_("where (district or neighbourhood)?"), max_length=255)
    waarom = models.TextField(
        _("why can you do it better or differently?"), max_length=TEKST_MIDDEL
    )
    wie = models.TextField(_("who are you?"), max_length=TEKST_MIDDEL)
    nodig = models.TextField(_("what do you need from the municipality?"), max_length=TEKST_MIDDEL)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=UitdagingStatus.choices,
        default=UitdagingStatus.INGEDIEND,
    )
    reactie = models.TextField(_("answer of the municipality"), blank=True, max_length=TEKST_MIDDEL)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beantwoord_op = models.DateTimeField(_("answered at"), null=True, blank=True)
    traject = models.OneToOneField(
        Traject, on_delete=models.SET_NULL, null=True, blank=True, related_name="uitdaging"
    )
    # Issue 14, point 3: the last day of the gemeente's decision term (its participation
    # bylaw, `Gemeente.uitdaging_beslistermijn_weken`), set at submission and moved on by the
    # days the municipality waited for a supplement; the route chosen on acceptance.
    beslist_uiterlijk = models.DateField(_("the municipality decides by"), null=True, blank=True)
    gekozen_vorm = models.CharField(
        _("route chosen"), max_length=30, choices=Vorm.choices, blank=True, db_default=""
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("right-to-challenge proposal")
        verbose_name_plural = _("right-to-challenge proposals")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("trajecten:uitdaging", args=[self.pk])

    @property
    def wacht_op_besluit(self) -> bool:
        """Submitted or waiting for a supplement: the municipality has not decided yet."""
        return self.status in (UitdagingStatus.INGEDIEND, UitdagingStatus.MEER_INFORMATIE)

    def termijn_verstreken(self, vandaag=None) -> bool:
        """Whether the decision term ran out without a decision (shown on the pages)."""
        if not self.wacht_op_besluit or self.beslist_uiterlijk is None:
            return False
        return (vandaag or timezone.localdate()) > self.beslist_uiterlijk
