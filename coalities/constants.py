from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisatieType(models.TextChoices):
    INSTELLING = "instelling", _("Formal institution")
    INFORMEEL = "informeel", _("Informal group or residents' initiative")
    SOCIAAL_ONDERNEMER = "sociaal_ondernemer", _("Social entrepreneur")
    BEDRIJF = "bedrijf", _("Company")


class LidRol(models.TextChoices):
    BEHEERDER = "beheerder", _("Administrator")
    LID = "lid", _("Member")
