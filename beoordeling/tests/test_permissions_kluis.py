"""The predicates of the vault (`beoordeling.permissions`, section kluis) and the vault's
`Inzage`: allowed, and refused with its reason, for each role."""

import pytest
from django.utils import translation

from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from beoordeling import permissions
from beoordeling.selectors import kluis
from beoordeling.tests.factories import (
    BelangenverklaringFactory,
    BodFactory,
    CommissielidFactory,
    KluisOpeningFactory,
    alles_verklaard,
)
from beoordeling.tests.kluisteam import in_team
from coalities.tests.factories import LidmaatschapFactory

pytestmark = pytest.mark.django_db

OPENEN = "Only officers of the municipality open the vault."
TEAM = (
    "Only members of this trajectory's team open the vault. Ask a colleague in the team, or "
    "ask to be added to the team."
)
VIER_OGEN = "Another officer must confirm the opening (four eyes)."


@pytest.fixture(autouse=True)
def _engels():
    with translation.override("en"):
        yield


def test_mag_kluis_openen_per_role(gemeente, medewerker):
    bod = BodFactory(ingediend=True, perceel__traject__gemeente=gemeente)
    traject = bod.traject
    in_team(traject, medewerker)
    rollen = {
        "medewerker": (medewerker, True),
        "medewerker_elders": (MedewerkerFactory().user, False),
        "bieder": (LidmaatschapFactory(organisatie=bod.organisatie).user, False),
        "commissielid": (CommissielidFactory(traject=traject).user, False),
        "ander": (UserFactory(), False),
        "anoniem": (None, False),
    }
    for rol, (user, verwacht) in rollen.items():
        toestemming = permissions.mag_kluis_openen(user, traject)
        assert bool(toestemming) is verwacht, rol
        if not verwacht:
            assert toestemming.reden == OPENEN


def test_only_a_member_of_the_trajectorys_team_may_open_the_vault(gemeente, medewerker):
    """Issue 13, rule 2: an officer of the gemeente outside the team is refused, with why."""
    bod = BodFactory(ingediend=True, perceel__traject__gemeente=gemeente)
    refused = permissions.mag_kluis_openen(medewerker, bod.traject)
    assert not refused and refused.reden == TEAM
    assert not permissions.mag_kluis_openen(medewerker, bod.traject, teamlid=False)
    in_team(bod.traject, medewerker)
    assert permissions.is_teamlid(medewerker, bod.traject)
    assert permissions.mag_kluis_openen(medewerker, bod.traject)
    # A team of another trajectory does not count.
    ander = BodFactory(ingediend=True, perceel__traject__gemeente=gemeente).traject
    assert not permissions.mag_kluis_openen(medewerker, ander)


def test_mag_opening_bevestigen_four_eyes(gemeente, medewerker):
    opening = KluisOpeningFactory(traject__gemeente=gemeente, gestart_door=medewerker)
    assert permissions.mag_opening_bevestigen(MedewerkerFactory(gemeente=gemeente).user, opening)
    refused = permissions.mag_opening_bevestigen(medewerker, opening)
    assert not refused and refused.reden == VIER_OGEN


def test_inzage_per_role(gemeente, medewerker):
    bod = BodFactory(ingediend=True, perceel__traject__gemeente=gemeente)
    traject = bod.traject
    bieder = LidmaatschapFactory(organisatie=bod.organisatie).user
    lid = CommissielidFactory(traject=traject)
    gewraakt = CommissielidFactory(traject=traject)
    BelangenverklaringFactory(commissielid=lid, bod=bod)
    BelangenverklaringFactory(commissielid=gewraakt, bod=bod, conflict=True)
    anderen = {
        "medewerker": medewerker,
        "lid": lid.user,
        "gewraakt": gewraakt.user,
        "medewerker_elders": MedewerkerFactory().user,
        "ander": UserFactory(),
        "anoniem": None,
    }
    # Before the opening only the bidder.
    assert kluis.inzage(bieder, bod).is_bieder and kluis.inzage(bieder, bod).inhoud
    for rol, user in anderen.items():
        assert not kluis.inzage(user, bod).inhoud, rol
    KluisOpeningFactory(traject=traject, geopend=True)
    # Issue 13, rule 5: an officer reads only after both declarations.
    assert kluis.inzage(medewerker, bod).staat == permissions.VERKLAREN
    alles_verklaard(medewerker, traject)
    verwacht = {"medewerker": permissions.INZIEN, "lid": permissions.SCOREN}
    for rol, user in anderen.items():
        inzage = kluis.inzage(user, bod)
        assert inzage.inhoud is (rol in verwacht), rol
        assert not inzage.is_bieder
        if rol in verwacht:
            assert inzage.staat == verwacht[rol]
    assert kluis.inzage(gewraakt.user, bod).staat == permissions.CONFLICT


def test_inzage_computed_once_serves_every_read(gemeente, django_assert_num_queries):
    bod = BodFactory(perceel__traject__gemeente=gemeente)
    bieder = LidmaatschapFactory(organisatie=bod.organisatie).user
    inzage = kluis.inzage(bieder, bod, bieder=True)
    with django_assert_num_queries(0):
        assert kluis.inhoud_van(bieder, bod, inzage=inzage) == bod.concept
        assert kluis.mag_inhoud_zien(bieder, bod, inzage=inzage)
    with django_assert_num_queries(1):
        assert kluis.bijlagen_van(bieder, bod, inzage=inzage) == []
    with pytest.raises(ValueError):
        kluis.inhoud_van(bieder, BodFactory(), inzage=inzage)
