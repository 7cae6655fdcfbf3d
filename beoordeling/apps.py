from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeoordelingConfig(AppConfig):
    name = "beoordeling"
    verbose_name = _("Assessment")

    def ready(self):
        from aanbesteden import dashboards, deadlines
        from aanbesteden.admin import verzegeld_registreren
        from aanbesteden.constants import AuditEventType
        from beoordeling.deadlines import BodConceptSource
        from beoordeling.deadlines_commissie import BeoordelingOpSource
        from beoordeling.deadlines_consensus import ConsensusOverlegSource
        from beoordeling.deadlines_gesprekken import BodgesprekSource
        from beoordeling.deadlines_gunning import StandstillSource
        from beoordeling.selectors.gunning import op_traject_context
        from beoordeling.views import commissie as views
        from trajecten.views.portaal import detail_context_registreren, detail_sectie_registreren

        verzegeld_registreren("beoordeling.")
        # A bid locks its coalition and a new version opens it again: those events tell who
        # submitted and when, so the admin never shows them either.
        verzegeld_registreren(
            event_types=[AuditEventType.COALITIE_VERGRENDELD, AuditEventType.COALITIE_GEOPEND]
        )
        dashboards.register("beoordeling.commissie", views.commissie_panel, order=20)
        deadlines.register(BeoordelingOpSource())
        deadlines.register(BodConceptSource())
        deadlines.register(ConsensusOverlegSource())
        deadlines.register(BodgesprekSource())
        deadlines.register(StandstillSource())
        detail_sectie_registreren("beoordeling/commissie/_op_traject.html")
        detail_sectie_registreren("beoordeling/gunning/_op_traject.html")
        detail_context_registreren(op_traject_context)
