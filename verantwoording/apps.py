from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerantwoordingConfig(AppConfig):
    name = "verantwoording"
    verbose_name = _("Accountability")
