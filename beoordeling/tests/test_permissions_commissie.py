"""The predicates of the committee and the selection (`beoordeling.permissions`, sections
commissie and selectie): allowed, and refused with its reason, for each role."""

import pytest
from django.utils import translation

from aanbesteden.exceptions import DomainError
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from beoordeling import permissions
from beoordeling.models import Commissielid
from beoordeling.tests.factories import (
    BelangenverklaringFactory,
    BodFactory,
    CommissielidFactory,
)
from coalities.tests.factories import LidmaatschapFactory

pytestmark = pytest.mark.django_db

SAMENSTELLEN = "Only officers of the municipality compose the committee."
SELECTEREN = "Only officers of the municipality make the selection."
GEGEVENS = "Only the member can change their own details."
LEDEN = "Only members of the committee can do this."
TEKENEN = "First sign the declarations for this lot."
CONFLICT = "You declared a conflict of interest for this lot: you do not assess its bids."


@pytest.fixture(autouse=True)
def _engels():
    with translation.override("en"):
        yield


@pytest.fixture
def w(gemeente, medewerker):
    bod = BodFactory(ingediend=True, perceel__traject__gemeente=gemeente)
    lid = CommissielidFactory(traject=bod.traject)
    medewerker_lid = CommissielidFactory(
        traject=bod.traject, ambtenaar=True, user=MedewerkerFactory(gemeente=gemeente).user
    )
    rollen = {
        "medewerker": medewerker,
        "medewerker_in_commissie": medewerker_lid.user,
        "medewerker_elders": MedewerkerFactory().user,
        "commissielid": lid.user,
        "bieder": LidmaatschapFactory(organisatie=bod.organisatie).user,
        "ander": UserFactory(),
        "anoniem": None,
    }
    return bod, lid, rollen


@pytest.mark.parametrize(
    "predicaat,reden",
    [
        (permissions.mag_commissie_samenstellen, SAMENSTELLEN),
        (permissions.mag_selecteren, SELECTEREN),
    ],
)
def test_medewerker_predicates_per_role(w, predicaat, reden):
    bod, _lid, rollen = w
    for rol, user in rollen.items():
        toestemming = predicaat(user, bod.traject)
        verwacht = rol in ("medewerker", "medewerker_in_commissie")
        assert bool(toestemming) is verwacht, rol
        if not toestemming:
            assert toestemming.reden == reden, rol


def test_mag_gegevens_wijzigen_only_the_member(w):
    _bod, lid, rollen = w
    for rol, user in rollen.items():
        toestemming = permissions.mag_gegevens_wijzigen(user, lid)
        assert bool(toestemming) is (rol == "commissielid"), rol
        if not toestemming:
            assert toestemming.reden == GEGEVENS


def test_is_commissielid(w):
    _bod, lid, rollen = w
    assert permissions.is_commissielid(lid.user, lid)
    for user in (rollen["ander"], rollen["anoniem"]):
        refused = permissions.is_commissielid(user, None)
        assert not refused and refused.reden == LEDEN


def test_mag_scoren_after_a_declaration_without_conflict(w):
    bod, lid, _rollen = w
    refused = permissions.mag_scoren(lid, bod)
    assert not refused and refused.reden == TEKENEN
    # Issue 13, rule 5: the lot's declaration without the confidentiality one is not enough.
    BelangenverklaringFactory(commissielid=lid, bod=bod, geheimhouding=False)
    refused = permissions.mag_scoren(lid, bod)
    assert not refused and refused.reden == TEKENEN
    BelangenverklaringFactory(commissielid=lid, bod=bod)
    assert permissions.mag_scoren(lid, bod)
    gewraakt = CommissielidFactory(traject=bod.traject)
    BelangenverklaringFactory(commissielid=gewraakt, bod=bod, conflict=True)
    refused = permissions.mag_scoren(gewraakt, bod)
    assert not refused and refused.reden == CONFLICT


def test_mag_lid_verwijderen_until_the_member_started(w):
    bod, lid, _rollen = w
    gestart = Commissielid.objects.annotate(gestart=permissions.beoordeling_gestart())
    assert permissions.mag_lid_verwijderen(lid, gestart=gestart.get(pk=lid.pk).gestart)
    BelangenverklaringFactory(commissielid=lid, bod=bod)
    refused = permissions.mag_lid_verwijderen(lid, gestart=gestart.get(pk=lid.pk).gestart)
    assert not refused and refused.reden.startswith("This member has already started")
    assert refused.fout is DomainError


VOORTGANG = "Only officers of the municipality and the committee's chair can do this."


@pytest.mark.parametrize(
    "rol,mag",
    [
        ("medewerker", True),
        ("medewerker_in_commissie", True),
        ("voorzitter", True),
        ("commissielid", False),
        ("medewerker_elders", False),
        ("bieder", False),
        ("ander", False),
    ],
)
@pytest.mark.parametrize(
    "predicaat", [permissions.mag_voortgang_zien, permissions.mag_toelichting_schrijven]
)
def test_progress_and_explanation_for_medewerkers_and_the_chair(w, rol, mag, predicaat):
    bod, lid, rollen = w
    voorzitter = CommissielidFactory(traject=bod.traject, is_voorzitter=True)
    user = voorzitter.user if rol == "voorzitter" else rollen[rol]
    toestemming = predicaat(user, bod.traject)
    assert bool(toestemming) is mag
    if not mag:
        assert toestemming.reden == VOORTGANG
    # The page passes the membership it has: the same answer without asking for it again.
    eigen = Commissielid.objects.filter(traject=bod.traject, user=user).first()
    assert bool(predicaat(user, bod.traject, lid=eigen)) is mag
