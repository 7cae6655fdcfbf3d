"""A world for the selection for the elaborated plan.

maak_selectiewereld(gemeente)   the bid world of test_bieden_services (bids close
    28 December 2026 12:00, the elaborated plan 26 February 2027 12:00; a coalition led by
    A with partner B, C only invited; E alone) after the deadline, with three submitted
    outline bids (A's coalition and E on lot 1, F on lot 2; received 1 December 2026 9:00), a
    draft of C on lot 2, an officer, and the outline vault opened (geopend=False: not yet).
"""

from datetime import timedelta

from aanbesteden.tests.factories import MedewerkerFactory
from beoordeling.constants import Ronde
from beoordeling.tests.factories import BodFactory, KluisOpeningFactory
from beoordeling.tests.test_bieden_services import BEGIN, SLUIT, maak_bod, maak_wereld
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory

# After the outline deadline: the vault may be opened and the selection made.
NA_SLUIT = SLUIT + timedelta(days=2)
UITWERKING_SLUIT = SLUIT + timedelta(days=60)


def maak_selectiewereld(gemeente, time_machine, *, geopend=True):
    """Bids made at BEGIN (before the deadline); the clock then stands at NA_SLUIT."""
    time_machine.move_to(BEGIN, tick=False)
    w = maak_wereld(gemeente)
    w.medewerker = MedewerkerFactory(gemeente=gemeente).user
    w.bod_a = maak_bod(w, ingediend=True)
    w.bod_e = BodFactory(perceel=w.perceel, traject=w.traject, organisatie=w.e, ingediend=True)
    w.f = OrganisatieFactory(naam="Organisatie F")
    w.f_beheerder = LidmaatschapFactory(organisatie=w.f, beheerder=True).user
    w.bod_f = BodFactory(perceel=w.perceel2, traject=w.traject, organisatie=w.f, ingediend=True)
    w.concept_c = BodFactory(perceel=w.perceel2, traject=w.traject, organisatie=w.c)
    time_machine.move_to(NA_SLUIT, tick=False)
    w.opening = KluisOpeningFactory(traject=w.traject, geopend=True) if geopend else None
    return w


def opened_bids(w):
    return [w.bod_a, w.bod_e, w.bod_f]


def uitwerking_van(w, bod, **kwargs):
    """A bid of the elaborated stage following `bod` (made directly, as a fixture)."""
    return BodFactory(
        perceel=bod.perceel,
        traject=w.traject,
        organisatie=bod.organisatie,
        coalitie=bod.coalitie,
        ronde=Ronde.UITWERKING,
        **kwargs,
    )


__all__ = [
    "NA_SLUIT",
    "UITWERKING_SLUIT",
    "maak_selectiewereld",
    "opened_bids",
    "uitwerking_van",
]
