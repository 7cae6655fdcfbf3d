from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitiesConfig(AppConfig):
    name = "coalities"
    verbose_name = _("Coalitions")

    def ready(self):
        from aanbesteden import dashboards, deadlines
        from coalities.deadlines import OpenUitnodigingenSource
        from coalities.selectors.belanghebbenden import beheerders_van_betrokken_organisaties
        from coalities.selectors.organisaties import organisaties_voor_aanmelding
        from coalities.views import organisaties as views
        from trajecten.selectors.dialoog import organisaties_bron_registreren
        from trajecten.selectors.publicatie import belanghebbenden_bron_registreren
        from trajecten.views.portaal import detail_sectie_registreren

        belanghebbenden_bron_registreren(beheerders_van_betrokken_organisaties)
        organisaties_bron_registreren(organisaties_voor_aanmelding)
        detail_sectie_registreren("coalities/partnerbord/_op_traject.html")
        deadlines.register(OpenUitnodigingenSource())

        dashboards.register("coalities.organisaties", views.organisatie_panel, order=30)
