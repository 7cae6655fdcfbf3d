"""Phase C objects in each lifecycle state.

CommissielidFactory(traject=t)                 a resident member; (ambtenaar=True) an official
BodFactory(perceel=p, organisatie=o)            a draft bid (traject from the lot)
BodFactory(..., ingediend=True)                 submitted, with version 1 (no receipt PDF)
KluisOpeningFactory(traject=t, geopend=True)    the outline stage's vault, opened by two officers
BelangenverklaringFactory(commissielid=c, bod=b)  the lot's declaration of b (and the
                                                confidentiality one), no conflict; (conflict=True)
verklaren(actor=u, bod=b, conflict=False)       both declarations through the services
ScoreFactory(commissielid=c, bod=b, criterium=k)  a score of 7 with a motivation
"""

import hashlib
import json

import factory
from django.utils import timezone

from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from beoordeling import models as m
from beoordeling.constants import BodStatus, Ronde
from beoordeling.services import commissie
from coalities.tests.factories import OrganisatieFactory
from trajecten.tests.factories import PerceelFactory, TrajectFactory

INHOUD = {
    "plan": "Een huiskamer in de wijk, vijf dagen per week open.",
    "wie": "De bewonersgroep doet de ontvangst; de stichting de coördinatie.",
    # Issue 14, point 4: the outline's rough budget.
    "globale_begroting": {"totaal": "40000", "regels": ""},
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
    """The declaration of a bid's lot by a member (`commissielid`, `bod`) or by any user
    (`user`, `bod`); it signs the confidentiality declaration too (`geheimhouding=False`:
    not). One per user and lot: a second for the same lot returns the first."""

    class Meta:
        model = m.Belangenverklaring
        django_get_or_create = ("user", "perceel")
        skip_postgeneration_save = True

    class Params:
        commissielid = factory.SubFactory(CommissielidFactory)
        bod = factory.SubFactory(BodFactory, ingediend=True)

    user = factory.LazyAttribute(lambda o: o.commissielid.user)
    perceel = factory.LazyAttribute(lambda o: o.bod.perceel)
    traject = factory.LazyAttribute(lambda o: o.bod.traject)
    conflict = False
    organisaties = factory.LazyAttribute(
        lambda o: [{"naam": o.bod.organisatie.naam, "rol": "bieder", "bod": o.bod.pk}]
    )

    @factory.post_generation
    def geheimhouding(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted is not False:
            m.Geheimhoudingsverklaring.objects.get_or_create(traject=obj.traject, user=obj.user)


def alles_verklaard(user, traject, *, conflict_op=()):
    """`user` (an officer) signed the confidentiality declaration of `traject` and the
    declaration of each of its lots, without conflict except for the lots `conflict_op`."""
    m.Geheimhoudingsverklaring.objects.get_or_create(traject=traject, user=user)
    conflict_ids = {getattr(p, "pk", p) for p in conflict_op}
    for perceel in traject.percelen.all():
        m.Belangenverklaring.objects.get_or_create(
            user=user,
            perceel=perceel,
            defaults={"traject": traject, "conflict": perceel.pk in conflict_ids},
        )


def verklaren(*, actor, bod, conflict=False, toelichting=""):
    """Both declarations before reading `bod` through the services: the confidentiality
    declaration of its trajectory and the conflict-of-interest declaration of its lot."""
    commissie.geheimhouding_tekenen(actor=actor, traject=bod.traject)
    return commissie.verklaring_tekenen(
        actor=actor, perceel=bod.perceel, conflict=conflict, toelichting=toelichting
    )


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Score

    commissielid = factory.SubFactory(CommissielidFactory)
    bod = factory.SubFactory(BodFactory, ingediend=True)
    criterium = factory.SubFactory("trajecten.tests.factories.CriteriumFactory")
    waarde = 7
    motivatie = "Sterk plan, goed verankerd in de buurt."
