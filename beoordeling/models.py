from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Commissielid(models.Model):
    """A member of a trajectory's selection committee: mostly residents of the area."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="commissieleden"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commissielidmaatschappen"
    )
    is_bewoner = models.BooleanField(_("resident"), default=True)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.UniqueConstraint(fields=["traject", "user"], name="commissielid_uniek"),
        ]

    def __str__(self):
        return f"{self.user} – {self.traject}"
