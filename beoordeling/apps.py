from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeoordelingConfig(AppConfig):
    name = "beoordeling"
    verbose_name = _("Assessment")

    def ready(self):
        from aanbesteden import dashboards
        from beoordeling.views import commissie as views

        dashboards.register("beoordeling.commissie", views.commissie_panel, order=20)
