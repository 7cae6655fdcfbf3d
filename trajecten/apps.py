from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectenConfig(AppConfig):
    name = "trajecten"
    verbose_name = _("Trajectories")

    def ready(self):
        from aanbesteden import dashboards, deadlines
        from trajecten.deadlines import SOURCES
        from trajecten.views import portaal as views
        from trajecten.views import uitdaging as uitdaging_views

        for source in SOURCES:
            deadlines.register(source())
        dashboards.register("trajecten.portal", views.portal_panel, order=10, anonymous=True)
        dashboards.register("trajecten.medewerker", views.medewerker_panel, order=10)
        dashboards.register("trajecten.uitdaging", uitdaging_views.uitdaging_panel, order=15)
        dashboards.register("trajecten.ontdekken", views.ontdekken_panel, order=80)
