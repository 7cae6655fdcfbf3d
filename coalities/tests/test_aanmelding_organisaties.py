"""Coalities tells trajecten which organisations a person belongs to, for the limit per
organisation of a session (issue 11, point 13)."""

import pytest

from aanbesteden.exceptions import DomainError
from aanbesteden.tests.factories import UserFactory
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory
from trajecten.selectors.dialoog import organisaties_van
from trajecten.services import dialoog
from trajecten.tests.factories import BijeenkomstFactory

pytestmark = pytest.mark.django_db


def test_the_members_own_organisations_are_offered():
    lid = LidmaatschapFactory(organisatie=OrganisatieFactory(naam="Buurtkracht Woensel")).user
    LidmaatschapFactory(user=lid, organisatie=OrganisatieFactory(naam="Atelier Oost"))
    OrganisatieFactory(naam="Niet van mij")
    assert [naam for _sleutel, naam in organisaties_van(lid)] == [
        "Atelier Oost",
        "Buurtkracht Woensel",
    ]
    assert organisaties_van(UserFactory()) == []


def test_the_limit_counts_members_of_the_same_organisation():
    organisatie = OrganisatieFactory(naam="Buurtkracht Woensel")
    een, twee = (LidmaatschapFactory(organisatie=organisatie).user for _ in range(2))
    bijeenkomst = BijeenkomstFactory(max_per_organisatie=1)
    ((sleutel, _naam),) = organisaties_van(een)
    dialoog.aanmelden(
        bijeenkomst=bijeenkomst, naam="", email="", organisatie_sleutel=sleutel, user=een
    )
    with pytest.raises(DomainError, match="Buurtkracht Woensel"):
        dialoog.aanmelden(
            bijeenkomst=bijeenkomst, naam="", email="", organisatie_sleutel=sleutel, user=twee
        )
    # Someone who is not a member cannot claim it.
    with pytest.raises(DomainError):
        dialoog.aanmelden(
            bijeenkomst=bijeenkomst,
            naam="",
            email="",
            organisatie_sleutel=sleutel,
            user=UserFactory(),
        )
