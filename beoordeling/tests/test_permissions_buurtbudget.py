"""The predicates of the residents' budget (issue 14, burgeraanbesteding), allowed and
refused with their reason, per role."""

from decimal import Decimal

import pytest

from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from beoordeling import permissions
from beoordeling.constants import OpdrachtStatus
from beoordeling.models import Betrokkenheid
from beoordeling.tests.factories_buurtbudget import (
    buurt_traject,
    opdracht_met_offertes,
    vertegenwoordiger,
)
from trajecten.constants import Vorm
from trajecten.tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(gemeente):
    traject, perceel = buurt_traject(gemeente)
    return traject, perceel, vertegenwoordiger(perceel)


def test_mag_besteden_per_role(w, medewerker, burger):
    _traject, perceel, anna = w
    assert permissions.mag_besteden(anna, perceel)
    for wie in (burger, medewerker, MedewerkerFactory().user):
        antwoord = permissions.mag_besteden(wie, perceel)
        assert not antwoord and antwoord.fout is NotAllowed
        assert "representatives" in antwoord.reden or "vertegenwoordigers" in antwoord.reden


def test_mag_besteden_refuses_a_draft_and_another_route(gemeente):
    concept, perceel = buurt_traject(gemeente, gepubliceerd=False)
    anna = vertegenwoordiger(perceel)
    antwoord = permissions.mag_besteden(anna, perceel)
    assert not antwoord and antwoord.fout is DomainError
    aanbesteding = TrajectFactory(gemeente=gemeente, volledig=True, vorm=Vorm.AANBESTEDING)
    antwoord = permissions.buurtbudget_open(aanbesteding)
    assert not antwoord and antwoord.fout is DomainError


def test_mag_keuze_beoordelen_per_role_and_state(w, medewerker):
    _traject, perceel, anna = w
    opdracht, _offertes = opdracht_met_offertes(
        perceel, anna, bedragen=(Decimal("100"),), gekozen=0
    )
    antwoord = permissions.mag_keuze_beoordelen(medewerker, opdracht)
    assert not antwoord and antwoord.fout is DomainError  # nothing waits
    opdracht.status = OpdrachtStatus.WACHT_OP_GOEDKEURING
    assert permissions.mag_keuze_beoordelen(medewerker, opdracht)
    for wie in (anna, UserFactory(), MedewerkerFactory().user):
        antwoord = permissions.mag_keuze_beoordelen(wie, opdracht)
        assert not antwoord and antwoord.fout is NotAllowed


def test_keuze_past_checks_every_rule(w):
    traject, perceel, anna = w
    regels = traject.bestedingsregels
    opdracht, offertes = opdracht_met_offertes(perceel, anna, bedragen=(Decimal("6000"),))

    def past(**kwargs):
        return permissions.keuze_past(
            regels,
            opdracht,
            kwargs.pop("offerte", offertes[0]),
            **{
                "aantal_gevraagd": 3,
                "reden_minder": "",
                "betrokkenheden": [],
                "over": Decimal("20000"),
                **kwargs,
            },
        )

    assert past()
    assert not past(aantal_gevraagd=2)
    assert not past(over=Decimal("5999"))
    betrokken = Betrokkenheid(leverancier="HOVENIERSBEDRIJF 1")
    assert not past(betrokkenheden=[betrokken])
    offertes[0].bedrag = None
    assert not past()
    assert permissions.goedkeuring_nodig(
        regels, opdracht_met_offertes(perceel, anna, bedragen=(Decimal("10000.01"),))[1][0]
    )
