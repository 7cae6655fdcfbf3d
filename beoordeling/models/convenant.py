"""The covenant route (issue 14, point 3): the plan that the gemeente and one existing
initiative write together, in versions, until both sides agree to the same version.

Here (and not in trajecten) because the initiative is a `coalities.Organisatie`.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from beoordeling.constants import ConvenantPartij, ConvenantSectie


class Convenant(models.Model):
    """The covenant of a trajectory on the covenant route, with the initiative it is written
    with. `vastgesteld_op` and `vastgestelde_versie` are set once both sides agreed to the
    same version: the concept-convenant for the agreement (phase D)."""

    traject = models.OneToOneField(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="convenant"
    )
    initiatief = models.ForeignKey(
        "coalities.Organisatie", on_delete=models.PROTECT, related_name="convenanten"
    )
    benoemd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    benoemd_op = models.DateTimeField(_("initiative named at"))
    vastgesteld_op = models.DateTimeField(_("agreed at"), null=True, blank=True)
    vastgestelde_versie = models.ForeignKey(
        "ConvenantVersie", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("covenant")
        verbose_name_plural = _("covenants")

    def __str__(self):
        return f"{self.traject} – {self.initiatief}"

    def get_absolute_url(self):
        return reverse("beoordeling:convenant", args=[self.traject_id])

    @property
    def is_vastgesteld(self) -> bool:
        return self.vastgesteld_op is not None


class ConvenantVersie(models.Model):
    """One saved version of the plan: the whole text per section (`inhoud`, keyed by
    `ConvenantSectie`), which sections this save changed, who and when. Never changed."""

    convenant = models.ForeignKey(Convenant, on_delete=models.CASCADE, related_name="versies")
    nummer = models.PositiveIntegerField(_("version"))
    inhoud = models.JSONField(_("text per section"), default=dict)
    gewijzigd = models.JSONField(_("sections changed"), default=list)
    samengevoegd = models.BooleanField(
        _("merged with a newer version"),
        default=False,
        help_text=_("Saved on an older version; the other sections came from the newer one."),
    )
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    partij = models.CharField(_("side"), max_length=20, choices=ConvenantPartij.choices)
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("version of a covenant plan")
        verbose_name_plural = _("versions of a covenant plan")
        ordering = ["convenant", "-nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["convenant", "nummer"], name="convenantversie_nummer_uniek"
            )
        ]

    def __str__(self):
        return f"{self.convenant} v{self.nummer}"

    def tekst(self, sectie: str) -> str:
        return str(self.inhoud.get(sectie, ""))

    def secties(self) -> list[tuple[str, str, str]]:
        """(slug, name, text) per section, in order."""
        return [(s.value, str(s.label), self.tekst(s.value)) for s in ConvenantSectie]


class ConvenantAkkoord(models.Model):
    """One side agrees to one version. A newer version lapses it: only agreements on the
    newest version count."""

    versie = models.ForeignKey(ConvenantVersie, on_delete=models.CASCADE, related_name="akkoorden")
    partij = models.CharField(_("side"), max_length=20, choices=ConvenantPartij.choices)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    gegeven_op = models.DateTimeField(_("agreed at"))

    class Meta:
        verbose_name = _("agreement to a covenant plan")
        verbose_name_plural = _("agreements to a covenant plan")
        constraints = [
            models.UniqueConstraint(fields=["versie", "partij"], name="convenantakkoord_uniek")
        ]

    def __str__(self):
        return f"{self.versie} – {self.get_partij_display()}"
