from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanbestedenConfig(AppConfig):
    name = "aanbesteden"
    verbose_name = _("Platform")

    def ready(self):
        # These import models, which can only be imported once the app registry is ready.
        from allauth.mfa.signals import authenticator_added  # noqa: PLC0415  (models)

        from aanbesteden import extensions  # noqa: PLC0415  (imports models)
        from aanbesteden.middleware import (  # noqa: PLC0415  (imports models)
            record_second_factor_on_activation,
        )

        extensions.registreren()
        authenticator_added.connect(record_second_factor_on_activation)
