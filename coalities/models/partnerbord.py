import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_KORT, TEKST_MIDDEL
from coalities.models.organisatie import Organisatie


class Interesse(models.Model):
    """On the partner board: "we want to take part; we offer ...; we look for ..."."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="interesses"
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.CASCADE, related_name="interesses"
    )
    percelen = models.ManyToManyField(
        "trajecten.Perceel",
        blank=True,
        related_name="interesses",
        verbose_name=_("lots"),
        help_text=_("Empty: interested in the whole trajectory."),
    )
    bieden = models.TextField(_("we offer"), max_length=TEKST_KORT)
    zoeken = models.TextField(_("we look for"), blank=True, max_length=TEKST_KORT)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ["-gewijzigd_op", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "organisatie"], name="interesse_eenmaal")
        ]

    def __str__(self):
        return f"{self.organisatie} → {self.traject}"


class Gesprek(models.Model):
    """Contact between two organisations about one trajectory, through the platform.

    E-mail addresses stay hidden until the organisation that was contacted answers.
    """

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="gesprekken"
    )
    van = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="+")
    aan = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    beantwoord_op = models.DateTimeField(
        _("answered at"),
        null=True,
        blank=True,
        help_text=_("From this moment both sides see each other's e-mail addresses."),
    )

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "van", "aan"], name="gesprek_eenmaal"),
            models.CheckConstraint(condition=~models.Q(van=models.F("aan")), name="gesprek_twee"),
        ]

    def __str__(self):
        return f"{self.van} → {self.aan}"


class Bericht(models.Model):
    gesprek = models.ForeignKey(Gesprek, on_delete=models.CASCADE, related_name="berichten")
    afzender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    namens = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="+")
    tekst = models.TextField(_("message"), max_length=TEKST_MIDDEL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["gesprek", "created_at", "id"]

    def __str__(self):
        return self.tekst[:60]


class TrajectUitnodiging(models.Model):
    """The officer invites a party that is not yet on the platform ("unusual suspects")."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="uitnodigingen"
    )
    naam = models.CharField(_("name of the organisation or group"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    bericht = models.TextField(_("personal message"), blank=True, max_length=TEKST_KORT)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uitgenodigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    bekeken_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation to a trajectory")
        verbose_name_plural = _("invitations to a trajectory")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "email"], name="traject_uitnodiging_eenmaal")
        ]

    def __str__(self):
        return f"{self.naam} → {self.traject}"


class Sleutelpartij(models.Model):
    """A key party of a trajectory (the local school, the supermarket): it may join every
    coalition and is not counted as a competitor."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="sleutelpartijen"
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.CASCADE, related_name="sleutelrollen"
    )
    reden = models.TextField(_("why this is a key party"), blank=True, max_length=TEKST_KORT)
    aangewezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("key party")
        verbose_name_plural = _("key parties")
        constraints = [
            models.UniqueConstraint(fields=["traject", "organisatie"], name="sleutelpartij_eenmaal")
        ]

    def __str__(self):
        return f"{self.organisatie} ({self.traject})"


class Onafhankelijkheidsverklaring(models.Model):
    """Issue 13, rule 1: a subcontractor declares, per lot of a trajectory, that it shares no
    information between the coalitions it serves on that lot. Signed by an administrator of
    the organisation, before it may serve a second coalition on the lot. `perceel` empty:
    the trajectory has no lots (the whole trajectory)."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="onafhankelijkheidsverklaringen"
    )
    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.PROTECT, related_name="onafhankelijkheidsverklaringen"
    )
    perceel = models.ForeignKey(
        "trajecten.Perceel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="onafhankelijkheidsverklaringen",
        verbose_name=_("lot"),
    )
    tekst = models.TextField(_("the declaration as signed"), max_length=TEKST_MIDDEL)
    getekend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    getekend_op = models.DateTimeField(_("signed on"), auto_now_add=True)

    class Meta:
        verbose_name = _("declaration of independence")
        verbose_name_plural = _("declarations of independence")
        ordering = ["traject", "perceel", "organisatie", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "traject", "perceel"],
                name="onafhankelijkheid_eenmaal_per_perceel",
            ),
            models.UniqueConstraint(
                fields=["organisatie", "traject"],
                condition=models.Q(perceel__isnull=True),
                name="onafhankelijkheid_eenmaal_zonder_perceel",
            ),
        ]

    def __str__(self):
        return f"{self.organisatie} ({self.traject}, {self.perceel or '-'})"
