"""Organisations that showed interest or are in a coalition are told what changes in a
trajectory, through the registry that trajecten offers (it may not import coalities)."""

from datetime import timedelta

import pytest

from aanbesteden.deadlines import registered_sources
from aanbesteden.models import Notificatie
from coalities.tests.factories import (
    CoalitieFactory,
    CoalitiePartnerFactory,
    InteresseFactory,
    LidmaatschapFactory,
)
from trajecten.extensions import DETAIL_SECTIES
from trajecten.selectors.publicatie import belanghebbenden, belanghebbenden_per_traject
from trajecten.services.opstellen import sectie_opslaan
from trajecten.tests.factories import TrajectFactory, VolgerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def traject(gemeente, medewerker):
    return TrajectFactory(
        gemeente=gemeente, aangemaakt_door=medewerker, volledig=True, gepubliceerd=True
    )


def test_administrators_of_interested_and_coalition_organisations_are_registered_parties(
    traject,
):
    interesse = InteresseFactory(traject=traject)
    beheerder = LidmaatschapFactory(organisatie=interesse.organisatie, beheerder=True).user
    LidmaatschapFactory(organisatie=interesse.organisatie)  # a plain member: not told
    partner = CoalitiePartnerFactory(coalitie=CoalitieFactory(traject=traject))
    partner_beheerder = LidmaatschapFactory(organisatie=partner.organisatie, beheerder=True).user
    elders = InteresseFactory()  # interest in another trajectory
    LidmaatschapFactory(organisatie=elders.organisatie, beheerder=True)

    assert {u.pk for u in belanghebbenden(traject)} == {beheerder.pk, partner_beheerder.pk}
    assert {u.pk for u in belanghebbenden_per_traject([traject.pk])[traject.pk]} == {
        beheerder.pk,
        partner_beheerder.pk,
    }


def test_a_correction_tells_an_interested_administrator_once(traject, medewerker):
    interesse = InteresseFactory(traject=traject)
    beheerder = LidmaatschapFactory(organisatie=interesse.organisatie, beheerder=True).user
    VolgerFactory(traject=traject, user=beheerder)  # also follows: still one message
    sectie_opslaan(
        actor=medewerker,
        traject=traject,
        sectie="planning",
        wijzigingen={"inschrijving_sluit": traject.inschrijving_sluit + timedelta(days=7)},
        reden="Meer tijd om coalities te vormen.",
    )
    assert Notificatie.objects.filter(user=beheerder).count() == 1


def test_phase_b_registers_its_reminders_and_its_section_of_the_trajectory_page():
    assert "coalities.open_uitnodigingen" in {bron.naam for bron in registered_sources()}
    assert "coalities/partnerbord/_op_traject.html" in DETAIL_SECTIES
