"""The deadlines of phase C, one module per part; `SOURCES` are registered in
beoordeling/extensions.py."""

from beoordeling.deadlines.bieden import BodConceptSource
from beoordeling.deadlines.commissie import BeoordelingOpSource
from beoordeling.deadlines.consensus import ConsensusOverlegSource
from beoordeling.deadlines.gesprekken import BodgesprekSource
from beoordeling.deadlines.gunning import StandstillSource
from beoordeling.deadlines.subsidie import SubsidieBeslistermijnSource

SOURCES = (
    BeoordelingOpSource,
    BodConceptSource,
    ConsensusOverlegSource,
    BodgesprekSource,
    StandstillSource,
    SubsidieBeslistermijnSource,
)
