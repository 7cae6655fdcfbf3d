"""Whether a coalition's bid was submitted is sealed too: what an officer sees of a coalition
does not change when its bid locks it (issue 6, "nothing else that anyone sees changes")."""

import re

import pytest
from django.urls import reverse

from aanbesteden.tests.factories import MedewerkerFactory
from coalities.services.coalitie import coalitie_vergrendelen
from coalities.tests.factories import (
    CoalitieFactory,
    CoalitiePartnerFactory,
    LidmaatschapFactory,
)

pytestmark = pytest.mark.django_db


def _zonder_token(html):
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", html)


def test_a_medewerker_sees_the_same_coalition_before_and_after_the_lock(client):
    coalitie = CoalitieFactory()
    leider = CoalitiePartnerFactory(coalitie=coalitie, penvoerder=True)
    beheerder = LidmaatschapFactory(organisatie=leider.organisatie, beheerder=True).user
    medewerker = MedewerkerFactory(gemeente=coalitie.traject.gemeente).user
    client.force_login(medewerker)
    urls = [
        coalitie.get_absolute_url(),
        reverse("coalities:coalities_traject", args=[coalitie.traject.pk]),
    ]
    voor = [_zonder_token(client.get(url).content.decode()) for url in urls]
    coalitie_vergrendelen(actor=beheerder, coalitie=coalitie)
    na = [_zonder_token(client.get(url).content.decode()) for url in urls]
    assert voor == na
    # The coalition's own members do see it.
    client.force_login(beheerder)
    assert "Bod ingediend" in client.get(coalitie.get_absolute_url()).content.decode()
