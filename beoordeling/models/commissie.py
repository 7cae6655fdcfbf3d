from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_MIDDEL
from beoordeling.constants import Leeftijdsgroep


class Commissielid(models.Model):
    """A member of a trajectory's selection committee: mostly residents of the area."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="commissieleden"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commissielidmaatschappen"
    )
    is_bewoner = models.BooleanField(_("resident"), default=True)
    is_voorzitter = models.BooleanField(_("chair"), default=False)
    # Self-declared, so that the committee's representativeness can be discussed.
    leeftijdsgroep = models.CharField(
        _("age group"), max_length=20, choices=Leeftijdsgroep.choices, blank=True
    )
    buurt = models.CharField(_("neighbourhood"), max_length=120, blank=True)
    # Issue 13, rule 4: the lots this member judges; empty = the whole trajectory.
    percelen = models.ManyToManyField(
        "trajecten.Perceel", blank=True, related_name="+", verbose_name=_("lots")
    )
    toegevoegd_op = models.DateTimeField(auto_now_add=True, null=True)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.UniqueConstraint(fields=["traject", "user"], name="commissielid_uniek"),
        ]

    def __str__(self):
        return f"{self.user} – {self.traject}"


class Geheimhoudingsverklaring(models.Model):
    """Issue 13, rule 5: signed once per trajectory by every member and every officer who
    will read its bids, before any bid is shown."""

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    getekend_op = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("confidentiality declaration")
        verbose_name_plural = _("confidentiality declarations")
        constraints = [
            models.UniqueConstraint(fields=["traject", "user"], name="geheimhouding_eenmaal")
        ]

    def __str__(self):
        return f"{self.user_id} / {self.traject_id}"


class Belangenverklaring(models.Model):
    """Signed by a member or an officer for one lot before seeing its bids (issue 13, rule
    5). It lists by name every organisation of every bid on the lot, as shown at signing
    (`organisaties`). A conflict recuses the signer from the whole lot."""

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE, related_name="+")
    perceel = models.ForeignKey("trajecten.Perceel", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="belangenverklaringen"
    )
    conflict = models.BooleanField(_("I have a conflict of interest with this lot"))
    toelichting = models.TextField(_("explanation"), blank=True, max_length=TEKST_MIDDEL)
    # The organisations shown at signing: [{"naam": ..., "rol": ..., "bod": id}], so the
    # record stays true when a coalition changes later.
    organisaties = models.JSONField(_("organisations shown"), default=list, blank=True)
    getekend_op = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")
        constraints = [
            models.UniqueConstraint(fields=["user", "perceel"], name="verklaring_eenmaal_perceel")
        ]

    def __str__(self):
        return f"{self.user_id} / {self.perceel_id}"


class Score(models.Model):
    """One member's score of one bid on one criterion. "Not applicable" is not a zero."""

    commissielid = models.ForeignKey(Commissielid, on_delete=models.CASCADE, related_name="scores")
    bod = models.ForeignKey("beoordeling.Bod", on_delete=models.CASCADE, related_name="+")
    criterium = models.ForeignKey(
        "trajecten.Criterium", on_delete=models.CASCADE, related_name="scores"
    )
    waarde = models.SmallIntegerField(_("score"), null=True, blank=True)
    niet_van_toepassing = models.BooleanField(_("not applicable"), default=False)
    motivatie = models.TextField(_("motivation"), blank=True, max_length=TEKST_MIDDEL)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["commissielid", "bod", "criterium"], name="score_eenmaal"
            ),
            models.CheckConstraint(
                condition=~(models.Q(niet_van_toepassing=True) & models.Q(waarde__isnull=False)),
                name="score_nvt_zonder_waarde",
            ),
        ]

    def __str__(self):
        return f"{self.commissielid} {self.criterium}: {self.waarde}"


class Beoordeling(models.Model):
    """A member's assessment of one bid as a whole: the overall judgement (for "quality
    only"), the rank, and when the member submitted it (then the others' scores show)."""

    commissielid = models.ForeignKey(
        Commissielid, on_delete=models.CASCADE, related_name="beoordelingen"
    )
    bod = models.ForeignKey("beoordeling.Bod", on_delete=models.CASCADE, related_name="+")
    oordeel = models.TextField(_("judgement"), blank=True, max_length=TEKST_MIDDEL)
    rang = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    ingediend_op = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["commissielid", "bod"], name="beoordeling_eenmaal")
        ]

    def __str__(self):
        return f"{self.commissielid} / {self.bod_id}"
