"""What coalities adds to the core and to trajecten (see aanbesteden/extensions.py)."""

from __future__ import annotations

from aanbesteden import dashboards, deadlines
from aanbesteden.extensions import DEMO
from coalities import demo
from coalities.deadlines import OpenUitnodigingenSource
from coalities.selectors.belanghebbenden import beheerders_van_betrokken_organisaties
from coalities.selectors.organisaties import organisaties_voor_aanmelding
from coalities.views import organisaties
from trajecten import extensions as trajecten


def registreren() -> None:
    trajecten.BELANGHEBBENDEN_BRONNEN.add(beheerders_van_betrokken_organisaties)
    trajecten.ORGANISATIE_BRONNEN.add(organisaties_voor_aanmelding)
    trajecten.DETAIL_SECTIES.add("coalities/partnerbord/_op_traject.html", order=30)
    deadlines.register(OpenUitnodigingenSource())
    dashboards.register("coalities.organisaties", organisaties.organisatie_panel, order=30)
    DEMO.add(demo.demo_organisatie, order=10)
    DEMO.add(demo.demo_bijdrage, order=30)
