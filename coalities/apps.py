from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitiesConfig(AppConfig):
    name = "coalities"
    verbose_name = _("Coalitions")

    def ready(self):
        from aanbesteden import dashboards
        from coalities import views

        dashboards.register("coalities.organisaties", views.organisatie_panel, order=30)
