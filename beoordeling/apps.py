from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeoordelingConfig(AppConfig):
    name = "beoordeling"
    verbose_name = _("Assessment")

    def ready(self):
        from beoordeling import extensions  # apps.py: imported once the app registry is ready

        extensions.registreren()
