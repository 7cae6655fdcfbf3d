from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanbestedenConfig(AppConfig):
    name = "aanbesteden"
    verbose_name = _("Platform")

    def ready(self):
        from aanbesteden import dashboards
        from aanbesteden.views import beheer_panel

        dashboards.register("aanbesteden.beheer", beheer_panel, order=90)

        from allauth.mfa.signals import authenticator_added

        from aanbesteden.middleware import record_second_factor_on_activation

        authenticator_added.connect(record_second_factor_on_activation)
