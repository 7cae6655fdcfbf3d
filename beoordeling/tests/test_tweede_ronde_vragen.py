"""Issue 13, rule 18: bidders invited to the second stage still ask questions, through the
registry `trajecten.extensions.UITGENODIGDE_BRONNEN` that beoordeling fills."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from aanbesteden.tests.factories import UserFactory
from beoordeling.tests.factories import BodFactory
from coalities.tests.factories import LidmaatschapFactory
from trajecten import constants as c
from trajecten import permissions
from trajecten.tests.factories import PerceelFactory, TrajectFactory

NU = timezone.make_aware(timezone.datetime(2026, 5, 4, 10, 0))


@pytest.fixture(autouse=True)
def _vaste_tijd():
    with time_machine.travel(NU, tick=False):
        yield


@pytest.fixture
def traject(gemeente):
    return TrajectFactory(
        gemeente=gemeente,
        gepubliceerd=True,
        actieve_fase=c.Fase.C,
        procedure=c.Procedure.NATIONAAL,
        vragen_sluit=NU - timedelta(days=30),
        inschrijving_sluit=NU - timedelta(days=20),
        uitwerking_sluit=NU + timedelta(days=30),
    )


def _bod(traject, **velden):
    lid = UserFactory()
    bod = BodFactory(perceel=PerceelFactory(traject=traject), ingediend=True, **velden)
    LidmaatschapFactory(user=lid, organisatie=bod.organisatie)
    return lid


def test_only_members_of_an_invited_bidder_ask_questions_in_the_second_stage(client, traject):
    uitgenodigd = _bod(traject, uitgenodigd_voor_uitwerking=True, selectie_verstuurd_op=NU)
    afgewezen = _bod(traject, uitgenodigd_voor_uitwerking=False, selectie_verstuurd_op=NU)
    nog_niet_verstuurd = _bod(traject, uitgenodigd_voor_uitwerking=True)
    assert permissions.vragen_open(traject, user=uitgenodigd)
    assert not permissions.vragen_open(traject, user=afgewezen)
    assert not permissions.vragen_open(traject, user=nog_niet_verstuurd)

    client.force_login(uitgenodigd)
    url = reverse("trajecten:vragen", args=[traject.pk])
    formulier = f'action="{reverse("trajecten:vraag_stellen", args=[traject.pk])}"'
    html = client.get(url).content.decode()
    assert "Is uw bod op hoofdlijnen uitgenodigd voor de uitwerking?" in html
    assert formulier in html
    client.force_login(afgewezen)
    html = client.get(url).content.decode()
    assert formulier not in html
