from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectenConfig(AppConfig):
    name = "trajecten"
    verbose_name = _("Trajectories")

    def ready(self):
        from trajecten import extensions  # apps.py: imported once the app registry is ready

        extensions.registreren()
