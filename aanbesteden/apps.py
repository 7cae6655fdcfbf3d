from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanbestedenConfig(AppConfig):
    name = "aanbesteden"
    verbose_name = _("Platform")

    def ready(self):
        from aanbesteden import dashboards
        from aanbesteden.views import beheer_panel

        dashboards.register("aanbesteden.beheer", beheer_panel, order=90)
