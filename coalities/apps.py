from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitiesConfig(AppConfig):
    name = "coalities"
    verbose_name = _("Coalitions")

    def ready(self):
        from coalities import extensions  # apps.py: imported once the app registry is ready

        extensions.registreren()
