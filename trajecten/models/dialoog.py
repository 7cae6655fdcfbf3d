from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_KORT, TEKST_LANG, TEKST_MIDDEL
from trajecten.constants import BijeenkomstSoort
from trajecten.models.traject import Perceel, Traject


class Bijeenkomst(models.Model):
    """A dialogue session with potential bidders or the target group."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="bijeenkomsten")
    titel = models.CharField(_("title"), max_length=200)
    soort = models.CharField(
        _("kind"),
        max_length=20,
        choices=BijeenkomstSoort.choices,
        default=BijeenkomstSoort.INFORMATIE,
    )
    omschrijving = models.TextField(_("description"), blank=True, max_length=TEKST_MIDDEL)
    begint_op = models.DateTimeField(_("starts at"))
    eindigt_op = models.DateTimeField(_("ends at"))
    locatie = models.CharField(_("place"), max_length=255, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    capaciteit = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    max_per_organisatie = models.PositiveSmallIntegerField(
        _("places per organisation"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    verslag = models.TextField(_("report"), blank=True, max_length=TEKST_LANG)
    verslag_gepubliceerd_op = models.DateTimeField(_("report published at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["traject", "begint_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(eindigt_op__gt=models.F("begint_op")),
                name="bijeenkomst_eindigt_na_begin",
            ),
            models.CheckConstraint(
                condition=~models.Q(locatie="") | ~models.Q(online_link=""),
                name="bijeenkomst_plaats_of_link",
            ),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("trajecten:bijeenkomst", args=[self.traject_id, self.pk])


class AanmeldingQuerySet(models.QuerySet):
    def bevestigd(self):
        """The registrations that count: capacity, organisation limit, attendees, reminders."""
        return self.filter(bevestigd_op__isnull=False)


class Aanmelding(models.Model):
    """A registration for a session. Without an account, a light account is made from
    the name and e-mail address, so reminders go through the one notification path.

    A registration made without logging in is *unconfirmed* (`bevestigd_op` empty) until
    the person opens the link with `token` sent to that address (issue 11, point 13): only
    confirmed registrations count, get the online link and are shown as attendees. An
    unconfirmed one lapses at `verloopt_op` (48 hours, or the start of the session if
    that is sooner).
    """

    bijeenkomst = models.ForeignKey(
        Bijeenkomst, on_delete=models.CASCADE, related_name="aanmeldingen"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="aanmeldingen"
    )
    naam = models.CharField(_("name"), max_length=200)
    organisatie = models.CharField(_("organisation"), max_length=200, blank=True)
    organisatie_sleutel = models.CharField(
        max_length=80,
        blank=True,
        help_text="The organisation the registering user belongs to (from the registry of "
        "trajecten.selectors.dialoog); only these count for the limit per organisation.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    bevestigd_op = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    verloopt_op = models.DateTimeField(_("unconfirmed until"), null=True, blank=True)

    objects = AanmeldingQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["bijeenkomst", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["bijeenkomst", "user"], name="aanmelding_eenmaal"),
            models.CheckConstraint(
                condition=models.Q(bevestigd_op__isnull=False)
                | models.Q(token__isnull=False, verloopt_op__isnull=False),
                name="aanmelding_bevestigd_of_met_link",
            ),
        ]

    def __str__(self):
        return f"{self.naam} → {self.bijeenkomst}"

    @property
    def is_bevestigd(self):
        return self.bevestigd_op is not None


class Nota(models.Model):
    """A nota van inlichtingen: answers published together, numbered, without names."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="notas")
    nummer = models.PositiveSmallIntegerField(_("number"))
    gepubliceerd_op = models.DateTimeField(_("published at"))
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    document = models.OneToOneField(
        "aanbesteden.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Issue 13, rule 18: the municipality's own rule, not the law (see Gemeente).
    minimum_dagen = models.PositiveSmallIntegerField(
        _("municipal rule: days before the bid deadline")
    )
    te_laat = models.BooleanField(_("published later than the municipal rule"), default=False)

    class Meta:
        verbose_name = _("Q&A note")
        verbose_name_plural = _("Q&A notes")
        ordering = ["traject", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "nummer"], name="nota_nummer_uniek")
        ]

    def __str__(self):
        return f"{self.traject} nota {self.nummer}"


class Vraag(models.Model):
    """A question about the call. The asker's name is never published."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="vragen")
    perceel = models.ForeignKey(
        Perceel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vragen",
        verbose_name=_("lot"),
    )
    gesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="gestelde_vragen"
    )
    tekst = models.TextField(_("question"), max_length=TEKST_KORT)
    gesteld_op = models.DateTimeField(_("asked at"), auto_now_add=True)
    antwoord = models.TextField(_("answer"), blank=True, max_length=TEKST_MIDDEL)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beantwoord_op = models.DateTimeField(_("answered at"), null=True, blank=True)
    nota = models.ForeignKey(
        Nota, on_delete=models.PROTECT, null=True, blank=True, related_name="vragen"
    )
    nummer = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["traject", "nummer", "gesteld_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nota__isnull=True) | ~models.Q(antwoord=""),
                name="vraag_in_nota_heeft_antwoord",
            ),
            models.UniqueConstraint(
                fields=["traject", "nummer"],
                condition=models.Q(nummer__isnull=False),
                name="vraag_nummer_uniek",
            ),
        ]

    def __str__(self):
        return self.tekst[:60]
