import factory

from aanbesteden.tests.factories import UserFactory
from beoordeling.models import Commissielid
from trajecten.tests.factories import TrajectFactory


class CommissielidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commissielid

    traject = factory.SubFactory(TrajectFactory, gepubliceerd=True)
    user = factory.SubFactory(UserFactory)
    is_bewoner = True

    class Params:
        ambtenaar = factory.Trait(is_bewoner=False)
