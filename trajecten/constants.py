from django.db import models
from django.utils.translation import gettext_lazy as _


class TrajectStatus(models.TextChoices):
    CONCEPT = "concept", _("Draft")
    GEPUBLICEERD = "gepubliceerd", _("Published")
