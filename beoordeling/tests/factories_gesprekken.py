"""Conversations with bidders in each state, and a world to test them in.

BodgesprekFactory(bod=b)                         planned in a week by an officer of the gemeente
BodgesprekFactory(bod=b, geannuleerd=True)       cancelled
GespreksnotitieFactory(gesprek=g, auteur=u)      a note
ConsensusOverlegFactory(traject=t, vastgesteld=True)  the outline stage's consensus, closed
maak_wereld(gemeente, medewerker)                a trajectory with an opened vault and people
"""

from dataclasses import dataclass, field
from datetime import timedelta

import factory
from django.utils import timezone

from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from beoordeling import models as m
from beoordeling.constants import Ronde
from beoordeling.tests.factories import (
    BelangenverklaringFactory,
    BodFactory,
    CommissielidFactory,
    KluisOpeningFactory,
    alles_verklaard,
)
from coalities.tests.factories import (
    CoalitieFactory,
    CoalitiePartnerFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
)
from trajecten.tests.factories import PerceelFactory, TrajectFactory


class BodgesprekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Bodgesprek

    bod = factory.SubFactory(BodFactory, ingediend=True)
    gepland_op = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    locatie = "Buurthuis De Boomgaard, zaal 2"
    toelichting = "Hoe betrekt u de jongeren uit de buurt?"
    gepland_door = factory.LazyAttribute(
        lambda o: MedewerkerFactory(gemeente=o.bod.traject.gemeente).user
    )

    class Params:
        geannuleerd = factory.Trait(geannuleerd_op=factory.LazyFunction(timezone.now))


class GespreksnotitieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Gespreksnotitie

    gesprek = factory.SubFactory(BodgesprekFactory)
    auteur = factory.SubFactory(UserFactory)
    tekst = factory.Sequence(lambda n: f"Notitie {n}: de bieder kent de buurt goed.")


class ConsensusOverlegFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ConsensusOverleg

    traject = factory.SubFactory(TrajectFactory, gepubliceerd=True)
    ronde = Ronde.HOOFDLIJNEN
    gepland_op = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    aangemaakt_door = factory.LazyAttribute(
        lambda o: MedewerkerFactory(gemeente=o.traject.gemeente).user
    )

    class Params:
        vastgesteld = factory.Trait(
            vastgesteld_op=factory.LazyFunction(timezone.now),
            vastgesteld_door=factory.SelfAttribute("aangemaakt_door"),
        )


@dataclass
class Wereld:
    traject: object
    perceel: object
    medewerker: object
    bod: object  # a single organisation's bid
    coalitiebod: object  # a coalition's bid
    biedingen: list
    bieder: object  # administrator of the single organisation
    bieder_lid: object  # plain member of the single organisation
    penvoerder: object  # member of the coalition's lead
    partnerlid: object  # member of an accepted partner
    uitgenodigd_lid: object  # member of a partner that did not accept (not told)
    lid: object  # committee member, signed without conflict for both bids
    gewraakt: object  # committee member with a conflict for `bod`
    ongetekend: object  # committee member who signed nothing
    extra: dict = field(default_factory=dict)


def maak_wereld(gemeente, medewerker, *, geopend=True, extra_biedingen=0, aangekondigd=True):
    """A published trajectory of `gemeente` with one lot and two submitted outline bids (one
    of a single organisation, one of a coalition with an accepted and an invited partner),
    the vault opened (by default), and three committee members. The call announces the
    conversations (in person, 45 minutes) unless `aangekondigd=False`."""
    traject = TrajectFactory(
        gemeente=gemeente,
        gepubliceerd=True,
        aangemaakt_door=medewerker,
        **(
            {"bodgesprekken": True, "gesprek_vorm": "op_locatie", "gesprek_duur_minuten": 45}
            if aangekondigd
            else {}
        ),
    )
    perceel = PerceelFactory(traject=traject)
    organisatie = OrganisatieFactory(naam="Stichting Buurtkracht")
    bod = BodFactory(perceel=perceel, organisatie=organisatie, ingediend=True)
    bieder = LidmaatschapFactory(organisatie=organisatie, beheerder=True).user
    bieder_lid = LidmaatschapFactory(organisatie=organisatie).user

    lead = OrganisatieFactory(naam="Wijkcoöperatie Oost")
    partner = OrganisatieFactory(naam="Sportclub Oost")
    uitgenodigd = OrganisatieFactory(naam="Zorg Oost")
    coalitie = CoalitieFactory(traject=traject, naam="Samen Oost")
    CoalitiePartnerFactory(coalitie=coalitie, organisatie=lead, penvoerder=True)
    CoalitiePartnerFactory(coalitie=coalitie, organisatie=partner, geaccepteerd=True)
    CoalitiePartnerFactory(coalitie=coalitie, organisatie=uitgenodigd)
    coalitiebod = BodFactory(perceel=perceel, organisatie=lead, coalitie=coalitie, ingediend=True)
    penvoerder = LidmaatschapFactory(organisatie=lead, beheerder=True).user
    partnerlid = LidmaatschapFactory(organisatie=partner).user
    uitgenodigd_lid = LidmaatschapFactory(organisatie=uitgenodigd).user

    biedingen = [bod, coalitiebod]
    biedingen += [BodFactory(perceel=perceel, ingediend=True) for _ in range(extra_biedingen)]
    if geopend:
        KluisOpeningFactory(traject=traject, geopend=True)
        alles_verklaard(medewerker, traject)
    lid = CommissielidFactory(traject=traject)
    gewraakt = CommissielidFactory(traject=traject)
    ongetekend = CommissielidFactory(traject=traject)
    for b in (bod, coalitiebod):
        BelangenverklaringFactory(commissielid=lid, bod=b)
    # Issue 13: a conflict recuses the member from the whole lot (both bids).
    BelangenverklaringFactory(commissielid=gewraakt, bod=bod, conflict=True)
    return Wereld(
        traject=traject,
        perceel=perceel,
        medewerker=medewerker,
        bod=bod,
        coalitiebod=coalitiebod,
        biedingen=biedingen,
        bieder=bieder,
        bieder_lid=bieder_lid,
        penvoerder=penvoerder,
        partnerlid=partnerlid,
        uitgenodigd_lid=uitgenodigd_lid,
        lid=lid,
        gewraakt=gewraakt,
        ongetekend=ongetekend,
    )
