from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_MIDDEL
from aanbesteden.storage import prive_opslag
from beoordeling.constants import BodStatus, Ronde


class Bod(models.Model):
    """A bid on one lot in one stage, by a coalition (or a single organisation).

    Its content is sealed: it is read only through `beoordeling.selectors.kluis`, which
    shows it to the bidding organisations before the deadline and to the committee and
    officers only after the vault of its stage is opened.
    """

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.PROTECT, related_name="+")
    perceel = models.ForeignKey("trajecten.Perceel", on_delete=models.PROTECT, related_name="+")
    ronde = models.CharField(_("stage"), max_length=20, choices=Ronde.choices)
    organisatie = models.ForeignKey(
        "coalities.Organisatie",
        on_delete=models.PROTECT,
        related_name="biedingen",
        help_text="The bidder: the coalition's lead, or the single organisation.",
    )
    coalitie = models.ForeignKey(
        "coalities.Coalitie", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BodStatus.choices, default=BodStatus.CONCEPT
    )
    concept = models.JSONField(_("draft"), default=dict, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    # Second stage: invited to elaborate, with feedback (set after the outline bids).
    uitgenodigd_voor_uitwerking = models.BooleanField(default=False)
    terugkoppeling = models.TextField(_("feedback"), blank=True, max_length=TEKST_MIDDEL)
    # When the selection (invited or not, with the feedback) was sent to the bidder; until
    # then the two fields above are the officer's draft and the bidder sees neither.
    selectie_verstuurd_op = models.DateTimeField(_("selection sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        ordering = ["traject", "perceel", "ronde", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["perceel", "ronde", "organisatie"], name="bod_eenmaal_per_perceel"
            ),
        ]

    def __str__(self):
        return f"Bod {self.pk}"


class BodVersie(models.Model):
    """A submitted version: the content frozen with its SHA-256 and the exact moment the
    submitting request reached the server. Earlier versions stay."""

    bod = models.ForeignKey(Bod, on_delete=models.PROTECT, related_name="versies")
    nummer = models.PositiveSmallIntegerField(_("version"))
    inhoud = models.JSONField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    ingediend_op = models.DateTimeField(_("received at"))
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ontvangstbewijs = models.OneToOneField(
        "aanbesteden.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Issue 14, point 5: the coalition as it was when this version was submitted (a coalition
    # may still change between the stages): per organisation that had accepted, its id, name,
    # role and shares of budget and say. Not part of the content's SHA-256.
    samenstelling = models.JSONField(_("composition"), default=list, blank=True)

    class Meta:
        verbose_name = _("bid version")
        verbose_name_plural = _("bid versions")
        ordering = ["bod", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["bod", "nummer"], name="bodversie_nummer_uniek")
        ]

    def __str__(self):
        return f"Bod {self.bod_id} v{self.nummer}"


class Bijlage(models.Model):
    """An attachment of a bid, checked by its content, kept outside the public media."""

    bod = models.ForeignKey(Bod, on_delete=models.PROTECT, related_name="bijlagen")
    bestand = models.FileField(_("file"), upload_to="biedingen/%Y/%m/", storage=prive_opslag)
    naam = models.CharField(_("file name"), max_length=255)
    mime = models.CharField(max_length=100)
    grootte = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    verwijderd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["bod", "created_at", "id"]

    def __str__(self):
        return self.naam


class KluisOpening(models.Model):
    """The opening of a stage's vault after its deadline: two officers, the second within
    the time window; then the proces-verbaal van opening."""

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.PROTECT, related_name="+")
    ronde = models.CharField(_("stage"), max_length=20, choices=Ronde.choices)
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gestart_op = models.DateTimeField(_("started at"))
    bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    geopend_op = models.DateTimeField(_("opened at"), null=True, blank=True)
    proces_verbaal = models.OneToOneField(
        "aanbesteden.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("opening of the vault")
        verbose_name_plural = _("openings of the vault")
        ordering = ["traject", "ronde", "-gestart_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "ronde"],
                condition=models.Q(geopend_op__isnull=False),
                name="kluis_eenmaal_geopend",
            ),
            models.CheckConstraint(
                condition=models.Q(bevestigd_door__isnull=True)
                | ~models.Q(bevestigd_door=models.F("gestart_door")),
                name="kluis_vier_ogen",
            ),
        ]

    def __str__(self):
        return f"{self.traject} {self.ronde}"
