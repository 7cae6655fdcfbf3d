import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_MIDDEL
from coalities.constants import LidRol, OrganisatieType, Rechtsvorm


class Organisatie(models.Model):
    """A party on the bidding side. No field is required that a residents' group cannot fill in.

    The profile is reused for every bid.
    """

    naam = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=30, choices=OrganisatieType.choices)
    beschrijving = models.TextField(_("what you do"), blank=True, max_length=TEKST_MIDDEL)
    werkgebied = models.CharField(
        _("where you work"),
        max_length=255,
        blank=True,
        help_text=_("For example a city, a district or a neighbourhood."),
    )
    kvk_nummer = models.CharField(
        _("KvK number"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("A KvK number has 8 digits."))],
        help_text=_("Optional. Not every group is registered with the Chamber of Commerce."),
    )
    rechtsvorm = models.CharField(
        _("legal form"), max_length=20, choices=Rechtsvorm.choices, blank=True
    )
    mensen = models.TextField(
        _("who we are"),
        blank=True,
        help_text=_("The people behind the organisation: how many, and what they can do."),
        max_length=TEKST_MIDDEL,
    )
    referenties = models.TextField(
        _("references"),
        blank=True,
        help_text=_("Optional. Earlier work that shows what you can do."),
        max_length=TEKST_MIDDEL,
    )
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["naam", "id"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("coalities:organisatie", args=[self.pk])


class Lidmaatschap(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    rol = models.CharField(_("role"), max_length=20, choices=LidRol.choices, default=LidRol.LID)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisatie"], name="lidmaatschap_uniek"),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisatie}"


class Uitnodiging(models.Model):
    """An administrator invites a colleague by e-mail; the link in the mail holds the token."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.CASCADE, related_name="uitnodigingen"
    )
    email = models.EmailField(_("e-mail address"))
    rol = models.CharField(_("role"), max_length=20, choices=LidRol.choices, default=LidRol.LID)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uitgenodigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    aangenomen_op = models.DateTimeField(null=True, blank=True)
    aangenomen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ingetrokken_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation to an organisation")
        verbose_name_plural = _("invitations to an organisation")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "email"],
                condition=models.Q(aangenomen_op__isnull=True, ingetrokken_op__isnull=True),
                name="uitnodiging_open_eenmaal",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.organisatie}"

    @property
    def is_open(self):
        return self.aangenomen_op is None and self.ingetrokken_op is None

    @staticmethod
    def geldigheid():
        """How long an invitation's link works (ORGANISATIE_UITNODIGING_DAGEN)."""
        return timedelta(days=settings.ORGANISATIE_UITNODIGING_DAGEN)

    @property
    def verloopt_op(self):
        return self.created_at + self.geldigheid()

    @property
    def is_verlopen(self):
        return timezone.now() >= self.verloopt_op
