"""Trajectories in each lifecycle state.

TrajectFactory()                       a draft
TrajectFactory(gepubliceerd=True)      published, bids close in 20 days
"""

from datetime import timedelta

import factory
from django.utils import timezone

from aanbesteden.tests.factories import GemeenteFactory, UserFactory
from trajecten.constants import TrajectStatus
from trajecten.models import Traject


class TrajectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Traject

    gemeente = factory.SubFactory(GemeenteFactory)
    titel = factory.Sequence(lambda n: f"Traject {n}")
    opgave = "Hoe houden ouderen in de wijk zo lang mogelijk regie over hun leven?"
    aangemaakt_door = factory.SubFactory(UserFactory)
    inschrijving_sluit = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=20)).replace(microsecond=0)
    )

    class Params:
        gepubliceerd = factory.Trait(
            status=TrajectStatus.GEPUBLICEERD,
            gepubliceerd_op=factory.LazyFunction(timezone.now),
        )
