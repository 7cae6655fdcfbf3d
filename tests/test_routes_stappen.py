"""Issue 14, done-when: the steps of one route are refused on every other route. One matrix
for the signature step of each route (a bid, the award, a subsidy decision, the covenant's
initiative, an assignment of the residents' budget), asked on a published trajectory of
every other form. Each refuses through `trajecten.permissions.op_route`, with the same
plain reason, and nothing is written."""

import pytest
from django.utils import translation

from aanbesteden.exceptions import DomainError, NotAllowed
from beoordeling.constants import SubsidieUitkomst
from beoordeling.models import Bod, Convenant, Gunning, Opdracht, Subsidiebesluit
from beoordeling.services import bieden, buurtbudget, convenant, subsidie
from beoordeling.services import gunning as gunning_services
from beoordeling.tests.factories import BodFactory
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory
from trajecten.constants import Vorm
from trajecten.tests.factories import PerceelFactory, TrajectFactory

pytestmark = pytest.mark.django_db

WEIGERING = "not part of its route"


def _bod_starten(traject, perceel, medewerker):
    organisatie = OrganisatieFactory()
    lid = LidmaatschapFactory(organisatie=organisatie, beheerder=True).user
    bieden.bod_starten(actor=lid, traject=traject, perceel=perceel, organisatie=organisatie)


def _gunnen(traject, perceel, medewerker):
    gunning_services.gunning_besluiten(
        actor=medewerker, perceel=perceel, winnend_bod=None, motivatie="Omdat.", kenmerken=""
    )


def _subsidie_besluiten(traject, perceel, medewerker):
    bod = BodFactory(traject=traject, perceel=perceel)
    subsidie.subsidiebesluit_vastleggen(
        actor=medewerker, bod=bod, uitkomst=SubsidieUitkomst.TOEGEKEND, bedrag=1000
    )


def _initiatief_benoemen(traject, perceel, medewerker):
    convenant.initiatief_benoemen(
        actor=medewerker, traject=traject, organisatie=OrganisatieFactory()
    )


def _opdracht_aanmaken(traject, perceel, medewerker):
    buurtbudget.opdracht_aanmaken(
        actor=medewerker, perceel=perceel, omschrijving="Bloembakken", geraamd_bedrag=500
    )


# {step: the forms whose route has it}
STAPPEN = {
    _bod_starten: {Vorm.AANBESTEDING, Vorm.SUBSIDIE},
    _gunnen: {Vorm.AANBESTEDING},
    _subsidie_besluiten: {Vorm.SUBSIDIE},
    _initiatief_benoemen: {Vorm.CONVENANT},
    _opdracht_aanmaken: {Vorm.BURGERAANBESTEDING},
}
VORMEN = (Vorm.AANBESTEDING, Vorm.SUBSIDIE, Vorm.CONVENANT, Vorm.BURGERAANBESTEDING)
GEVALLEN = [
    pytest.param(stap, vorm, id=f"{stap.__name__.strip('_')}-op-{vorm}")
    for stap, eigen in STAPPEN.items()
    for vorm in VORMEN
    if vorm not in eigen
]


@pytest.mark.parametrize(("stap", "vorm"), GEVALLEN)
def test_a_step_of_another_route_is_refused(gemeente, medewerker, stap, vorm):
    traject = TrajectFactory(
        gemeente=gemeente,
        volledig=True,
        gepubliceerd=True,
        vorm=vorm,
        procedure="openbaar" if vorm == Vorm.AANBESTEDING else "",
    )
    perceel = PerceelFactory(traject=traject)
    voor = (
        Bod.objects.filter(traject=traject).count(),
        Gunning.objects.count(),
        Subsidiebesluit.objects.count(),
        Convenant.objects.count(),
        Opdracht.objects.count(),
    )
    with translation.override("en"), pytest.raises((DomainError, NotAllowed), match=WEIGERING):
        stap(traject, perceel, medewerker)
    na = (
        Bod.objects.filter(traject=traject).count(),
        Gunning.objects.count(),
        Subsidiebesluit.objects.count(),
        Convenant.objects.count(),
        Opdracht.objects.count(),
    )
    # A bid made by the factory for the subsidy step is set-up, not the step itself.
    assert na[1:] == voor[1:]
    if stap is _bod_starten:
        assert na[0] == voor[0]


def test_every_route_is_in_the_matrix():
    """Each form's signature step is refused on every other form: 4 forms, 5 steps."""
    assert len(GEVALLEN) == sum(len(VORMEN) - len(eigen) for eigen in STAPPEN.values()) == 14
