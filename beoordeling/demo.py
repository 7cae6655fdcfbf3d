"""Demo data of phase C, through the services: "Buurthuis De Boomgaard" after its deadline.

Two organisations submitted an outline bid before the deadline (made at that moment
with time-machine), two officers opened the vault, and the committee (two residents
and an official) is halfway: one resident declared and scored one bid, the other bid
is still waiting. Consensus and the award are not built yet (issue 6 continues).
"""

from datetime import timedelta

import time_machine
from django.utils import timezone

from beoordeling.constants import Ronde
from beoordeling.models import Bod, Commissielid
from beoordeling.services import bieden, commissie, kluis
from coalities.models import Organisatie
from trajecten.models import Traject

INHOUD = {
    "Buurtkracht Woensel": {
        "plan": "Een buurthuis waar bewoners zelf het programma maken, met een vaste gastvrouw.",
        "wie": "Buurtkracht coördineert; vrijwilligers uit de wijk doen de ontvangst.",
        "planning": "Open vanaf de start; na zes maanden een tussenevaluatie met de buurt.",
        "verdienmodel": "Zaalverhuur aan buurtgroepen en een kleine bijdrage per maaltijd.",
        "resultaten": "Het aantal activiteiten dat bewoners zelf organiseren, en hun oordeel.",
    },
    "Bewonersgroep Vlierstraat": {
        "plan": "Wij openen De Boomgaard elke dag, met koffie, de moestuin en huiswerkhulp.",
        "wie": "Twaalf buren draaien diensten; een coördinator voor twaalf uur per week.",
        "planning": "Eerst drie dagen per week, na drie maanden elke dag.",
        "verdienmodel": "Een buurtfonds en de opbrengst van de moestuin.",
        "resultaten": "Bezoekers per week en een jaarlijkse buurtavond over wat beter kan.",
    },
}


def build(*, beleid, inkoop, bewoner):
    traject = Traject.objects.get(titel="Buurthuis De Boomgaard")
    if Bod.objects.filter(traject=traject).exists():
        return
    perceel = traject.percelen.get()
    deadline = traject.inschrijving_sluit
    with time_machine.travel(deadline - timedelta(days=2), tick=False):
        for naam, inhoud in INHOUD.items():
            organisatie = Organisatie.objects.get(naam=naam)
            beheerder = organisatie.lidmaatschappen.filter(rol="beheerder").first().user
            nu = timezone.now()
            bod = bieden.bod_starten(
                actor=beheerder,
                traject=traject,
                perceel=perceel,
                organisatie=organisatie,
                ronde=Ronde.HOOFDLIJNEN,
                ontvangen_op=nu,
            )
            for stap, tekst in inhoud.items():
                bieden.concept_opslaan(
                    actor=beheerder, bod=bod, stap=stap, gegevens={stap: tekst}, ontvangen_op=nu
                )
            bieden.concept_opslaan(
                actor=beheerder,
                bod=bod,
                stap="begroting",
                gegevens={"begroting": [{"partner": naam, "jaar": 2027, "bedrag": "75000"}]},
                ontvangen_op=nu,
            )
            bieden.concept_opslaan(
                actor=beheerder,
                bod=bod,
                stap="financiering",
                gegevens={"financiering": [{"bron": "gemeente", "bedrag": "75000"}]},
                ontvangen_op=nu,
            )
            bieden.bod_indienen(actor=beheerder, bod=bod, ontvangen_op=nu)

    opening = kluis.kluis_opening_starten(actor=beleid, traject=traject, ronde=Ronde.HOOFDLIJNEN)
    kluis.kluis_openen(actor=inkoop, opening=opening)

    rita = commissie.commissielid_uitnodigen(
        actor=beleid, traject=traject, naam="Rita Bewoner", email="rita@kruidenbuurt.demo"
    )
    commissie.commissielid_toevoegen(actor=beleid, traject=traject, user=inkoop, is_bewoner=False)
    lid = Commissielid.objects.get(traject=traject, user=bewoner)
    commissie.gegevens_wijzigen(
        actor=bewoner, lid=lid, leeftijdsgroep="45_65", buurt="Woensel-Noord"
    )
    commissie.voorzitter_instellen(actor=beleid, lid=lid)

    # Halfway: Bas declared both bids and submitted his assessment of one.
    biedingen = list(Bod.objects.filter(traject=traject).order_by("pk"))
    for bod in biedingen:
        commissie.verklaring_tekenen(actor=bewoner, bod=bod, conflict=False)
    eerste = biedingen[0]
    for criterium in traject.criteria.all():
        commissie.score_opslaan(
            actor=bewoner,
            bod=eerste,
            criterium=criterium,
            waarde=criterium.schaal_max - 2,
            motivatie="Sterk verankerd in de buurt; het programma kan concreter.",
        )
    commissie.beoordeling_indienen(
        actor=bewoner,
        bod=eerste,
        oordeel="Een goed plan met veel eigen kracht van de buurt.",
        rang=1,
    )
    return rita
