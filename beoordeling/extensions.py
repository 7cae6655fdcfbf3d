"""What beoordeling adds to the core and to trajecten (see aanbesteden/extensions.py)."""

from __future__ import annotations

from aanbesteden import dashboards, deadlines
from aanbesteden.admin import verzegeld_registreren
from aanbesteden.constants import AuditEventType
from aanbesteden.extensions import DEMO
from beoordeling import demo
from beoordeling.constants import BodStatus, Ronde
from beoordeling.deadlines import SOURCES
from beoordeling.models import Bod
from beoordeling.selectors import buurtbudget
from beoordeling.selectors import convenant as convenant_selectors
from beoordeling.selectors.gunning import op_traject_context
from beoordeling.services import convenant as convenant_services
from beoordeling.views import buurtbudget as buurtbudget_views
from beoordeling.views import commissie
from trajecten import extensions as trajecten


def _uitgenodigd_voor_uitwerking(traject, user) -> bool:
    """Whether `user` is a member of a bidder invited to elaborate on `traject` (the
    selection sent). Issue 13, rule 18: such a user still asks questions in stage two."""
    return Bod.objects.filter(
        traject=traject,
        ronde=Ronde.HOOFDLIJNEN,
        status=BodStatus.INGEDIEND,
        uitgenodigd_voor_uitwerking=True,
        selectie_verstuurd_op__isnull=False,
        organisatie__lidmaatschappen__user=user,
    ).exists()


def registreren() -> None:
    # Bids stay out of the admin. A bid locks its coalition and a new version opens it
    # again: those events tell who submitted and when, so the admin never shows them either.
    verzegeld_registreren("beoordeling.")
    verzegeld_registreren(
        event_types=[AuditEventType.COALITIE_VERGRENDELD, AuditEventType.COALITIE_GEOPEND]
    )
    dashboards.register("beoordeling.commissie", commissie.commissie_panel, order=20)
    dashboards.register(
        "beoordeling.buurtbudget", buurtbudget_views.vertegenwoordiger_panel, order=25
    )
    for source in SOURCES:
        deadlines.register(source())
    trajecten.DETAIL_SECTIES.add("beoordeling/commissie/_op_traject.html", order=40)
    trajecten.DETAIL_SECTIES.add("beoordeling/gunning/_op_traject.html", order=41)
    trajecten.DETAIL_CONTEXT.add(op_traject_context)
    # Issue 14, point 3: the covenant route.
    trajecten.DETAIL_SECTIES.add("beoordeling/convenant/_op_traject.html", order=39)
    trajecten.DETAIL_CONTEXT.add(convenant_selectors.op_traject_context)
    trajecten.UITDAGING_AANVAARD.add(convenant_services.na_uitdaging_aanvaard)
    # Issue 14, burgeraanbesteding: the public ledger and the representatives' pages.
    trajecten.DETAIL_SECTIES.add("beoordeling/buurtbudget/_op_traject.html", order=42)
    trajecten.DETAIL_CONTEXT.add(buurtbudget.op_traject_context)
    trajecten.UITGENODIGDE_BRONNEN.add(_uitgenodigd_voor_uitwerking)
    DEMO.add(demo.demo_commissie, order=25)
    DEMO.add(demo.demo_bijdrage, order=40)
