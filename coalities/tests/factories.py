"""Phase B objects in each lifecycle state.

OrganisatieFactory()                          an informal group
LidmaatschapFactory(beheerder=True)           an administrator of an organisation
UitnodigingFactory(organisatie=o)             an open invitation to a colleague
InteresseFactory(traject=t)                   interest on the partner board (t published)
GesprekFactory(traject=t, van=a, aan=b)       contact, not yet answered
SleutelpartijFactory(traject=t)               a key party
CoalitieFactory(traject=t)                    a coalition being formed (no partners)
CoalitiePartnerFactory(coalitie=c)  an invited partner; (geaccepteerd=True); (penvoerder=True)
"""

from decimal import Decimal

import factory

from aanbesteden.tests.factories import UserFactory
from coalities import models as m
from coalities.constants import LidRol, OrganisatieType, PartnerRol, PartnerStatus
from trajecten.tests.factories import TrajectFactory


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Organisatie

    naam = factory.Sequence(lambda n: f"Buurtcoöperatie {n}")
    type = OrganisatieType.INFORMEEL
    beschrijving = "Bewoners die elkaar helpen met boodschappen en klussen."
    werkgebied = "Woensel-Noord"


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Lidmaatschap

    user = factory.SubFactory(UserFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    rol = LidRol.LID

    class Params:
        beheerder = factory.Trait(rol=LidRol.BEHEERDER)


class UitnodigingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Uitnodiging

    organisatie = factory.SubFactory(OrganisatieFactory)
    email = factory.Sequence(lambda n: f"collega{n}@voorbeeld.nl")
    uitgenodigd_door = factory.SubFactory(UserFactory)


class InteresseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Interesse

    traject = factory.SubFactory(TrajectFactory, gepubliceerd=True)
    organisatie = factory.SubFactory(OrganisatieFactory)
    bieden = "Vrijwilligers en een ruimte in de wijk."
    zoeken = "Een partner met ervaring in jongerenwerk."
    door = factory.SubFactory(UserFactory)


class GesprekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Gesprek

    traject = factory.SubFactory(TrajectFactory, gepubliceerd=True)
    van = factory.SubFactory(OrganisatieFactory)
    aan = factory.SubFactory(OrganisatieFactory)


class SleutelpartijFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Sleutelpartij

    traject = factory.SubFactory(TrajectFactory, gepubliceerd=True)
    organisatie = factory.SubFactory(OrganisatieFactory, type=OrganisatieType.INSTELLING)
    reden = "De basisschool in de wijk: elke coalitie heeft haar nodig."
    aangewezen_door = factory.SubFactory(UserFactory)


class CoalitieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Coalitie

    traject = factory.SubFactory(TrajectFactory, gepubliceerd=True)
    naam = factory.Sequence(lambda n: f"Coalitie {n}")
    aangemaakt_door = factory.SubFactory(UserFactory)


class CoalitiePartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.CoalitiePartner

    coalitie = factory.SubFactory(CoalitieFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    rol = PartnerRol.PARTNER
    bijdrage = "Vrijwilligers en een ruimte."
    aandeel_budget = Decimal("20")
    aandeel_zeggenschap = Decimal("20")
    uitgenodigd_door = factory.SubFactory(UserFactory)

    class Params:
        geaccepteerd = factory.Trait(status=PartnerStatus.GEACCEPTEERD)
        penvoerder = factory.Trait(
            rol=PartnerRol.PENVOERDER,
            status=PartnerStatus.GEACCEPTEERD,
            aandeel_budget=Decimal("50"),
            aandeel_zeggenschap=Decimal("40"),
        )
