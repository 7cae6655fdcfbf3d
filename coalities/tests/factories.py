import factory

from aanbesteden.tests.factories import UserFactory
from coalities.constants import LidRol, OrganisatieType
from coalities.models import Lidmaatschap, Organisatie


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Buurtcoöperatie {n}")
    type = OrganisatieType.INFORMEEL


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    user = factory.SubFactory(UserFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    rol = LidRol.LID

    class Params:
        beheerder = factory.Trait(rol=LidRol.BEHEERDER)
