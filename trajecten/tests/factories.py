"""Phase A objects in each lifecycle state.

TrajectFactory()                          a draft with only a title and task
TrajectFactory(gepubliceerd=True)         published, bids close in 20 days
TrajectFactory(volledig=True)             every section filled in (one lot, one criterion)
PerceelFactory(traject=t)                 a lot
BijeenkomstFactory(traject=t)             a session in 10 days, 2 hours, in a community centre
AanmeldingFactory(bijeenkomst=b)          a (confirmed) registration by a user
AanmeldingFactory(onbevestigd=True)       made without logging in, link not opened yet
VraagFactory(traject=t)                   an open question; (beantwoord=True) answered
NotaFactory(traject=t)                    a published Q&A note
UitdagingFactory()                        a right-to-challenge proposal, just submitted
SchetsvraagFactory(traject=t)             an own question for the outline bid
"""

import uuid
from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from aanbesteden.tests.factories import GemeenteFactory, UserFactory
from trajecten import constants as c
from trajecten import models as m


def _over(days, hour=None):
    def make():
        moment = timezone.localtime(timezone.now() + timedelta(days=days)).replace(
            second=0, microsecond=0
        )
        if hour is not None:
            moment = moment.replace(hour=hour, minute=0)
        return moment

    return factory.LazyFunction(make)


class WijkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Wijk
        django_get_or_create = ("gemeente", "naam")

    gemeente = factory.SubFactory(GemeenteFactory)
    naam = factory.Sequence(lambda n: f"Wijk {n}")


class TrajectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Traject
        # The RelatedFactory hooks save their own rows; this row needs no second save.
        skip_postgeneration_save = True

    gemeente = factory.SubFactory(GemeenteFactory)
    titel = factory.Sequence(lambda n: f"Traject {n}")
    opgave = "Hoe houden ouderen in de wijk zo lang mogelijk regie over hun leven?"
    aangemaakt_door = factory.SubFactory(UserFactory)
    inschrijving_sluit = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=20)).replace(microsecond=0)
    )
    # Issue 14, point 8: as `traject_aanmaken`, the call states the gemeente's condition.
    sroi_percentage = factory.LazyAttribute(lambda o: o.gemeente.sroi_percentage)
    sroi_drempel = factory.LazyAttribute(lambda o: o.gemeente.sroi_drempel)

    class Params:
        gepubliceerd = factory.Trait(
            status=c.TrajectStatus.GEPUBLICEERD,
            gepubliceerd_op=factory.LazyFunction(timezone.now),
        )
        volledig = factory.Trait(
            wensbeeld="Ouderen voelen zich thuis in hun buurt en weten elkaar te vinden.",
            domein=c.Domein.SOCIAAL,
            beleidskaders="Koers Sociaal Domein 2026-2030.",
            budget=Decimal("180000.00"),
            juridisch_kader="Subsidieverordening Welzijn.",
            bestaande_verplichtingen="Geen.",
            belangen="Bewoners willen een plek dichtbij; de gemeente wil minder zware zorg.",
            transitie="Huidige aanbieders mogen meedoen; afspraken lopen door tot de start.",
            vorm=c.Vorm.AANBESTEDING,
            procedure=c.Procedure.NATIONAAL,
            contractvorm=c.Contractvorm.RELATIONEEL,
            bekostiging=c.Bekostiging.RESULTAAT,
            contractduur_maanden=48,
            vragen_sluit=_over(10, 12),
            inschrijving_sluit=_over(30, 12),
            uitwerking_sluit=_over(60, 12),
            beoordeling_op=_over(70, 10),
            gunning_op=_over(80, 10),
            start_op=_over(120, 9),
            gunningswijze=c.Gunningswijze.KWALITEIT,
            # Issue 14, point 2: the residents' mandate.
            commissie_samenstelling="Vijf bewoners van de wijk, geloot uit wie zich meldde.",
            commissie_mandaat=c.CommissieMandaat.ADVISEERT,
            afwijken_van_advies="Het college legt in het openbaar uit waarom.",
            perceel=factory.RelatedFactory(
                "trajecten.tests.factories.PerceelFactory", factory_related_name="traject"
            ),
            criterium=factory.RelatedFactory(
                "trajecten.tests.factories.CriteriumFactory", factory_related_name="traject"
            ),
        )


class PerceelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Perceel

    traject = factory.SubFactory(TrajectFactory)
    nummer = factory.Sequence(lambda n: n + 1)
    naam = factory.Sequence(lambda n: f"Perceel {n + 1}")
    beschrijving = "Een buurthuis dat open is voor iedereen."
    budget = Decimal("90000.00")


class CriteriumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Criterium

    traject = factory.SubFactory(TrajectFactory)
    volgorde = factory.Sequence(lambda n: n + 1)
    naam = "Maatschappelijke waarde"
    omschrijving = "Wat levert het plan op voor de mensen in de wijk?"
    schaal_min = 1
    schaal_max = 10


class EisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Eis

    traject = factory.SubFactory(TrajectFactory)
    soort = c.EisSoort.OVERIG
    omschrijving = "Een verklaring omtrent het gedrag voor wie met kinderen werkt."


class VolgerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Volger

    traject = factory.SubFactory(TrajectFactory, gepubliceerd=True)
    user = factory.SubFactory(UserFactory)


class BijeenkomstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Bijeenkomst

    traject = factory.SubFactory(TrajectFactory, gepubliceerd=True)
    titel = "Informatiebijeenkomst"
    soort = c.BijeenkomstSoort.INFORMATIE
    begint_op = _over(10, 19)
    eindigt_op = factory.LazyAttribute(lambda o: o.begint_op + timedelta(hours=2))
    locatie = "Wijkcentrum De Boomgaard, Boomgaardlaan 1"


class AanmeldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Aanmelding

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)
    user = factory.SubFactory(UserFactory)
    naam = factory.LazyAttribute(lambda o: o.user.get_full_name() or o.user.email)
    bevestigd_op = factory.LazyFunction(timezone.now)

    class Params:
        # Made without logging in, the link in the mail not opened yet (48 hours to go).
        onbevestigd = factory.Trait(
            bevestigd_op=None,
            token=factory.LazyFunction(uuid.uuid4),
            verloopt_op=factory.LazyFunction(lambda: timezone.now() + timedelta(hours=48)),
        )


class NotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Nota

    traject = factory.SubFactory(TrajectFactory, gepubliceerd=True)
    nummer = factory.Sequence(lambda n: n + 1)
    gepubliceerd_op = factory.LazyFunction(timezone.now)
    gepubliceerd_door = factory.SubFactory(UserFactory)
    minimum_dagen = 6


class VraagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Vraag

    traject = factory.SubFactory(TrajectFactory, gepubliceerd=True)
    gesteld_door = factory.SubFactory(UserFactory)
    tekst = "Mogen bewonersgroepen zonder rechtsvorm meedoen?"

    class Params:
        beantwoord = factory.Trait(
            antwoord="Ja. Een rechtsvorm is niet nodig om mee te doen.",
            beantwoord_door=factory.SubFactory(UserFactory),
            beantwoord_op=factory.LazyFunction(timezone.now),
        )


class UitdagingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Uitdaging

    gemeente = factory.SubFactory(GemeenteFactory)
    indiener = factory.SubFactory(UserFactory)
    titel = "Beheer van het speeltuintje aan de Vlierstraat"
    wat = "Wij willen het speeltuintje zelf beheren en er activiteiten organiseren."
    waar = "Woensel-Noord"
    waarom = "Wij wonen ernaast en zien wat nodig is."
    wie = "Bewonersgroep Vlierstraat, twaalf buren."
    nodig = "Het onderhoudsbudget van de gemeente en een sleutel van het hek."


class SchetsvraagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Schetsvraag

    traject = factory.SubFactory(TrajectFactory)
    volgorde = factory.Sequence(lambda n: n + 1)
    vraag = factory.Sequence(lambda n: f"Hoe betrekt u bewoners bij de start? ({n})")
    toelichting = "Een paar zinnen is genoeg."
