"""Phase C objects in each lifecycle state.

CommissielidFactory(traject=t)                 a resident member; (ambtenaar=True) an official
BodFactory(perceel=p, organisatie=o)            a draft bid (traject from the lot)
BodFactory(..., ingediend=True)                 submitted, with version 1 (no receipt PDF)
KluisOpeningFactory(traject=t, geopend=True)    the outline stage's vault, opened by two officers
BelangenverklaringFactory(commissielid=c, bod=b)  signed, no conflict; (conflict=True)
ScoreFactory(commissielid=c, bod=b, criterium=k)  a score of 7 with a motivation
"""

import hashlib
import json

import factory
from django.utils import timezone

from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from beoordeling import models as m
from beoordeling.constants import BodStatus, Ronde
from coalities.tests.factories import OrganisatieFactory
from trajecten.tests.factories import PerceelFactory, TrajectFactory

INHOUD = {
    "plan": "Een huiskamer in de wijk, vijf dagen per week open.",
    "wie": "De bewonersgroep doet de ontvangst; de stichting de coördinatie.",
    "planning": "Start in april; na een half jaar een tussenevaluatie.",
    "begroting": [{"partner": "Bewonersgroep", "jaar": 2027, "bedrag": "40000"}],
    "financiering": [{"bron": "gemeente", "bedrag": "40000"}],
    "verdienmodel": "Een kleine bijdrage per maaltijd.",
    "resultaten": "Het aantal vaste bezoekers en wat zij ervan vinden.",
    "sroi": "",
}


def inhoud_hash(inhoud):
    return hashlib.sha256(
        json.dumps(inhoud, sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()


class CommissielidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Commissielid

    traject = factory.SubFactory(TrajectFactory, gepubliceerd=True)
    user = factory.SubFactory(UserFactory)
    is_bewoner = True

    class Params:
        ambtenaar = factory.Trait(is_bewoner=False)


class BodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Bod
        # The RelatedFactory hooks save their own rows; this row needs no second save.
        skip_postgeneration_save = True

    perceel = factory.SubFactory(
        PerceelFactory, traject=factory.SubFactory(TrajectFactory, volledig=True, gepubliceerd=True)
    )
    traject = factory.LazyAttribute(lambda o: o.perceel.traject)
    ronde = Ronde.HOOFDLIJNEN
    organisatie = factory.SubFactory(OrganisatieFactory)
    concept = factory.LazyFunction(lambda: dict(INHOUD))
    aangemaakt_door = factory.SubFactory(UserFactory)

    class Params:
        ingediend = factory.Trait(
            status=BodStatus.INGEDIEND,
            versie=factory.RelatedFactory(
                "beoordeling.tests.factories.BodVersieFactory", factory_related_name="bod"
            ),
        )


class BodVersieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.BodVersie

    bod = factory.SubFactory(BodFactory)
    nummer = 1
    inhoud = factory.LazyAttribute(lambda o: dict(o.bod.concept))
    sha256 = factory.LazyAttribute(lambda o: inhoud_hash(o.inhoud))
    ingediend_op = factory.LazyFunction(timezone.now)
    ingediend_door = factory.LazyAttribute(lambda o: o.bod.aangemaakt_door)


class KluisOpeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.KluisOpening

    traject = factory.SubFactory(TrajectFactory, volledig=True, gepubliceerd=True)
    ronde = Ronde.HOOFDLIJNEN
    gestart_door = factory.LazyAttribute(
        lambda o: MedewerkerFactory(gemeente=o.traject.gemeente).user
    )
    gestart_op = factory.LazyFunction(timezone.now)

    class Params:
        geopend = factory.Trait(
            bevestigd_door=factory.LazyAttribute(
                lambda o: MedewerkerFactory(gemeente=o.traject.gemeente).user
            ),
            geopend_op=factory.LazyFunction(timezone.now),
        )


class BelangenverklaringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Belangenverklaring

    commissielid = factory.SubFactory(CommissielidFactory)
    bod = factory.SubFactory(BodFactory, ingediend=True)
    conflict = False


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Score

    commissielid = factory.SubFactory(CommissielidFactory)
    bod = factory.SubFactory(BodFactory, ingediend=True)
    criterium = factory.SubFactory("trajecten.tests.factories.CriteriumFactory")
    waarde = 7
    motivatie = "Sterk plan, goed verankerd in de buurt."
