from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanbestedenConfig(AppConfig):
    name = "aanbesteden"
    verbose_name = _("Platform")

    def ready(self):
        # apps.py: these import models, so only once the app registry is ready.
        from allauth.mfa.signals import authenticator_added

        from aanbesteden import extensions
        from aanbesteden.middleware import record_second_factor_on_activation

        extensions.registreren()
        authenticator_added.connect(record_second_factor_on_activation)
