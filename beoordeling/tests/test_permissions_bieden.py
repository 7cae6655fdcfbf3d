"""The predicates of bieden (`beoordeling.permissions`, section bieden): allowed, and refused
with its reason, for each role."""

import pytest
from django.utils import translation

from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from beoordeling import permissions
from beoordeling.constants import BodStatus
from beoordeling.selectors import kluis
from beoordeling.tests.factories import BodFactory
from coalities.tests.factories import (
    CoalitieFactory,
    CoalitiePartnerFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
)

pytestmark = pytest.mark.django_db

WIJZIGEN = "Only the organisations of this bid may change it."
INDIENEN = "Only an administrator of the bidding organisation may submit or withdraw the bid."
BIEDEN = "You can only bid for an organisation you are a member of."
LEIDER = "Only the lead of the coalition bids for it."
INTREKKEN = "There is no submitted bid to withdraw."


@pytest.fixture(autouse=True)
def _engels():
    with translation.override("en"):
        yield


@pytest.fixture
def w(gemeente):
    """A coalition bid: lead organisation A (an administrator and a member), accepted
    partner B (a member), invited partner C (a member), an officer of the gemeente, an
    officer of another gemeente and someone else."""
    bod = BodFactory(ingediend=True, perceel__traject__gemeente=gemeente)
    coalitie = CoalitieFactory(traject=bod.traject)
    a = bod.organisatie
    CoalitiePartnerFactory(coalitie=coalitie, organisatie=a, penvoerder=True)
    b, c = OrganisatieFactory(), OrganisatieFactory()
    CoalitiePartnerFactory(coalitie=coalitie, organisatie=b, geaccepteerd=True)
    CoalitiePartnerFactory(coalitie=coalitie, organisatie=c)
    bod.coalitie = coalitie
    bod.save(update_fields=["coalitie"])
    rollen = {
        "beheerder": LidmaatschapFactory(organisatie=a, beheerder=True).user,
        "lid": LidmaatschapFactory(organisatie=a).user,
        "partner": LidmaatschapFactory(organisatie=b).user,
        "uitgenodigd": LidmaatschapFactory(organisatie=c).user,
        "medewerker": MedewerkerFactory(gemeente=gemeente).user,
        "medewerker_elders": MedewerkerFactory().user,
        "anoniem": None,
        "ander": UserFactory(),
    }
    return bod, coalitie, a, b, c, rollen


def _ja_nee(toestemming, reden):
    if toestemming:
        return True
    assert toestemming.reden == reden
    return False


def test_mag_bod_wijzigen_per_role(w):
    bod, *_rest, rollen = w
    verwacht = {"beheerder": True, "lid": True, "partner": True}
    for rol, user in rollen.items():
        toestemming = permissions.mag_bod_wijzigen(user, bod)
        assert _ja_nee(toestemming, WIJZIGEN) is verwacht.get(rol, False), rol
        assert toestemming.fout is NotAllowed


def test_mag_bod_wijzigen_uses_the_given_inzage(w, django_assert_num_queries):
    bod, *_rest, rollen = w
    inzage = kluis.inzage(rollen["lid"], bod, bieder=True)
    with django_assert_num_queries(0):
        assert permissions.mag_bod_wijzigen(rollen["lid"], bod, inzage=inzage)


def test_mag_indienen_per_role(w):
    bod, *_rest, rollen = w
    for rol, user in rollen.items():
        toestemming = permissions.mag_indienen(user, bod)
        assert _ja_nee(toestemming, INDIENEN) is (rol == "beheerder"), rol


def test_mag_intrekken_only_a_submitted_bid(w):
    bod, *_rest, rollen = w
    assert permissions.mag_intrekken(rollen["beheerder"], bod)
    refused = permissions.mag_intrekken(rollen["lid"], bod)
    assert not refused and refused.reden == INDIENEN
    bod.status = BodStatus.INGETROKKEN
    refused = permissions.mag_intrekken(rollen["beheerder"], bod)
    assert not refused and refused.reden == INTREKKEN and refused.fout is DomainError
    with pytest.raises(DomainError, match=INTREKKEN):
        refused.vereisen()


def test_mag_bieden_voor_per_role(w):
    _bod, _coalitie, a, *_rest, rollen = w
    for rol, user in rollen.items():
        toestemming = permissions.mag_bieden_voor(user, a)
        assert _ja_nee(toestemming, BIEDEN) is (rol in ("beheerder", "lid")), rol


def test_mag_bieden_namens_only_the_accepted_lead(w):
    _bod, coalitie, a, b, c, _rollen = w
    assert permissions.mag_bieden_namens(coalitie, a)
    for organisatie in (b, c, OrganisatieFactory()):
        refused = permissions.mag_bieden_namens(coalitie, organisatie)
        assert not refused and refused.reden == LEIDER
