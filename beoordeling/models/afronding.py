"""After the scores: the consensus meeting, the conversations with bidders, and the award
with its letters, standstill and objections."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_LANG, TEKST_MIDDEL
from beoordeling.constants import BezwaarSoort, Ronde

# --- consensus ------------------------------------------------------------------------


class ConsensusOverleg(models.Model):
    """The committee's consensus meeting for one stage of a trajectory."""

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE, related_name="+")
    ronde = models.CharField(_("stage"), max_length=20, choices=Ronde.choices)
    gepland_op = models.DateTimeField(_("meeting at"))
    locatie = models.CharField(_("place or link"), max_length=300, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Who attended, recorded by the chair (issue 13, rule 6). Empty until recorded.
    aanwezigen = models.ManyToManyField(
        "beoordeling.Commissielid", blank=True, related_name="+", verbose_name=_("present")
    )
    aanwezigheid_vastgelegd_op = models.DateTimeField(
        _("attendance recorded at"), null=True, blank=True
    )
    # Set when the chair and a majority of the members entitled to confirm have confirmed
    # the consensus (`Consensusbevestiging`): then it is on record as is.
    vastgesteld_op = models.DateTimeField(_("agreed at"), null=True, blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("consensus meeting")
        verbose_name_plural = _("consensus meetings")
        constraints = [
            models.UniqueConstraint(fields=["traject", "ronde"], name="consensusoverleg_eenmaal")
        ]

    def __str__(self):
        return f"{self.traject_id} {self.ronde}"


class Consensusbevestiging(models.Model):
    """One committee member's confirmation that the recorded consensus of a stage is what
    the committee agreed (issue 13, rule 6). It lapses (the row is removed, the audit log
    keeps it) when the consensus or the attendance changes afterwards: the member
    confirmed another text."""

    overleg = models.ForeignKey(
        ConsensusOverleg, on_delete=models.CASCADE, related_name="bevestigingen"
    )
    commissielid = models.ForeignKey(
        "beoordeling.Commissielid", on_delete=models.CASCADE, related_name="+"
    )
    bevestigd_op = models.DateTimeField(_("confirmed at"))

    class Meta:
        verbose_name = _("consensus confirmation")
        verbose_name_plural = _("consensus confirmations")
        constraints = [
            models.UniqueConstraint(
                fields=["overleg", "commissielid"], name="consensusbevestiging_eenmaal"
            )
        ]

    def __str__(self):
        return f"{self.overleg_id} {self.commissielid_id}"


class VervallenCriterium(models.Model):
    """On a weighted award, a criterion the committee dropped in the consensus for every
    bid of one lot and stage, with the reason (issue 13, rule 7): it counts for no bid of
    that lot, so the weights stay equal between the bids."""

    perceel = models.ForeignKey("trajecten.Perceel", on_delete=models.CASCADE, related_name="+")
    ronde = models.CharField(_("stage"), max_length=20, choices=Ronde.choices)
    criterium = models.ForeignKey("trajecten.Criterium", on_delete=models.CASCADE, related_name="+")
    reden = models.TextField(_("reason"), max_length=TEKST_MIDDEL)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("dropped criterion")
        verbose_name_plural = _("dropped criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["perceel", "ronde", "criterium"], name="vervallencriterium_eenmaal"
            )
        ]

    def __str__(self):
        return f"{self.perceel_id} {self.ronde} {self.criterium_id}"


class ConsensusScore(models.Model):
    """The committee's agreed score of one bid on one criterion, with its motivation.
    The members' own scores stay on record beside it. "Not applicable" is not a zero."""

    bod = models.ForeignKey("beoordeling.Bod", on_delete=models.CASCADE, related_name="+")
    criterium = models.ForeignKey("trajecten.Criterium", on_delete=models.CASCADE, related_name="+")
    waarde = models.SmallIntegerField(_("consensus score"), null=True, blank=True)
    niet_van_toepassing = models.BooleanField(_("not applicable"), default=False)
    motivatie = models.TextField(_("motivation"), max_length=TEKST_MIDDEL)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consensus score")
        verbose_name_plural = _("consensus scores")
        constraints = [
            models.UniqueConstraint(fields=["bod", "criterium"], name="consensusscore_eenmaal"),
            models.CheckConstraint(
                condition=~(models.Q(niet_van_toepassing=True) & models.Q(waarde__isnull=False)),
                name="consensusscore_nvt_zonder_waarde",
            ),
        ]

    def __str__(self):
        return f"{self.bod_id} {self.criterium_id}: {self.waarde}"


class ConsensusOordeel(models.Model):
    """The committee's agreed judgement of a bid as a whole, and (for "quality only") its
    agreed rank within its lot."""

    bod = models.OneToOneField(
        "beoordeling.Bod", on_delete=models.CASCADE, related_name="consensus_oordeel"
    )
    oordeel = models.TextField(_("judgement"), blank=True, max_length=TEKST_MIDDEL)
    rang = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consensus judgement")
        verbose_name_plural = _("consensus judgements")

    def __str__(self):
        return f"{self.bod_id}: {self.rang}"


# --- conversations with bidders -------------------------------------------------------


class Bodgesprek(models.Model):
    """A conversation of the committee with a bidder about its bid, before the final
    judgement (Utrecht: talk with the partners, not only read paper)."""

    bod = models.OneToOneField("beoordeling.Bod", on_delete=models.CASCADE, related_name="gesprek")
    gepland_op = models.DateTimeField(_("conversation at"))
    locatie = models.CharField(_("place or link"), max_length=300, blank=True)
    toelichting = models.TextField(
        _("what we want to talk about"), blank=True, max_length=TEKST_MIDDEL
    )
    gepland_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    geannuleerd_op = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Issue 13, rule 11: after the conversation an officer records what was clarified; the
    # bidder receives it. It clarifies the bid and never changes it.
    verslag = models.TextField(
        _("record of what was clarified"), blank=True, max_length=TEKST_MIDDEL
    )
    verslag_op = models.DateTimeField(_("record sent at"), null=True, blank=True)
    verslag_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("conversation with a bidder")
        verbose_name_plural = _("conversations with bidders")

    def __str__(self):
        return f"Gesprek {self.bod_id}"


class Gespreksnotitie(models.Model):
    """A note of a committee member (or officer) on a conversation with a bidder."""

    gesprek = models.ForeignKey(Bodgesprek, on_delete=models.CASCADE, related_name="notities")
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tekst = models.TextField(_("note"), max_length=TEKST_MIDDEL)
    created_at = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("conversation note")
        verbose_name_plural = _("conversation notes")
        ordering = ["gesprek", "created_at", "id"]

    def __str__(self):
        return f"Notitie {self.pk}"


# --- award ----------------------------------------------------------------------------


class Gunning(models.Model):
    """The award decision for one lot: the winning bid and the reasons. Sent to every
    bidder of the lot at one moment; on the procurement route the standstill runs to the
    end of `standstill_tot` (20 calendar days from the day after sending)."""

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.PROTECT, related_name="+")
    perceel = models.OneToOneField(
        "trajecten.Perceel", on_delete=models.PROTECT, related_name="gunning"
    )
    winnend_bod = models.ForeignKey("beoordeling.Bod", on_delete=models.PROTECT, related_name="+")
    motivatie = models.TextField(_("reasons for the decision"), max_length=TEKST_LANG)
    kenmerken = models.TextField(
        _("features and advantages of the winning bid"), max_length=TEKST_LANG
    )
    toelichting_buurt = models.TextField(
        _("the committee's explanation to the neighbourhood"), blank=True, max_length=TEKST_MIDDEL
    )
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    besloten_op = models.DateTimeField(_("decided at"))
    verstuurd_op = models.DateTimeField(_("letters sent at"), null=True, blank=True)
    standstill_tot = models.DateField(_("standstill until (inclusive)"), null=True, blank=True)
    ondertekend_op = models.DateTimeField(_("signed at"), null=True, blank=True)
    ondertekend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["traject", "perceel__nummer"]

    def __str__(self):
        return f"Gunning {self.perceel_id}"


class Gunningsbrief(models.Model):
    """One award letter to one bidder of the lot, as a PDF through the core path."""

    gunning = models.ForeignKey(Gunning, on_delete=models.PROTECT, related_name="brieven")
    bod = models.ForeignKey("beoordeling.Bod", on_delete=models.PROTECT, related_name="+")
    is_winnaar = models.BooleanField(default=False)
    document = models.OneToOneField(
        "aanbesteden.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verstuurd_op = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("award letter")
        verbose_name_plural = _("award letters")
        ordering = ["gunning", "-is_winnaar", "id"]
        constraints = [
            models.UniqueConstraint(fields=["gunning", "bod"], name="gunningsbrief_eenmaal")
        ]

    def __str__(self):
        return f"Brief {self.gunning_id}/{self.bod_id}"


class Bezwaar(models.Model):
    """An objection to an award decision: a complaint (klacht) to the gemeente's complaints
    desk, recorded and answered, which by itself does not pause signing; or a summary court
    case (kort geding) announced within the standstill, which pauses signing until its
    judgment is recorded (issue 13, point 14)."""

    gunning = models.ForeignKey(Gunning, on_delete=models.PROTECT, related_name="bezwaren")
    bod = models.ForeignKey(
        "beoordeling.Bod", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    soort = models.CharField(
        _("kind"), max_length=20, choices=BezwaarSoort.choices, default=BezwaarSoort.KLACHT
    )
    ontvangen_op = models.DateTimeField(_("received at"))
    # A court case: the day the bidder announced it (summoned the gemeente), and its judgment.
    aangekondigd_op = models.DateField(_("announced on"), null=True, blank=True)
    uitspraak_op = models.DateField(_("judgment on"), null=True, blank=True)
    omschrijving = models.TextField(_("what the objection is about"), max_length=TEKST_MIDDEL)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    afgehandeld_op = models.DateTimeField(_("settled at"), null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The answer to a complaint, or the outcome of the court's judgment.
    uitkomst = models.TextField(_("outcome"), blank=True, max_length=TEKST_MIDDEL)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["gunning", "ontvangen_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(soort=BezwaarSoort.KORT_GEDING, aangekondigd_op__isnull=False)
                | models.Q(
                    soort=BezwaarSoort.KLACHT,
                    aangekondigd_op__isnull=True,
                    uitspraak_op__isnull=True,
                ),
                name="bezwaar_kort_geding_met_datum",
            ),
        ]

    def __str__(self):
        return f"Bezwaar {self.pk}"

    @property
    def is_kort_geding(self) -> bool:
        return self.soort == BezwaarSoort.KORT_GEDING

    @property
    def schort_op(self) -> bool:
        """Whether this pauses signing: a court case without a recorded judgment."""
        return self.is_kort_geding and self.uitspraak_op is None
