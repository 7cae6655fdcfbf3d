"""Test data for the residents' budget (issue 14, burgeraanbesteding)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from aanbesteden.tests.factories import UserFactory
from beoordeling.constants import OpdrachtStatus
from beoordeling.models import Offerte, Opdracht, Verplichting
from trajecten.constants import Vorm
from trajecten.models import Bestedingsregels, Vertegenwoordiger
from trajecten.tests.factories import PerceelFactory, TrajectFactory


def buurt_traject(gemeente, *, gepubliceerd=True, budget=Decimal("20000.00"), **regels):
    """A burgeraanbesteding of `gemeente` with one lot (a village) and its spending rules:
    3 quotes from EUR 5.000 (1 below), at most EUR 10.000 without approval."""
    traject = TrajectFactory(
        gemeente=gemeente,
        vorm=Vorm.BURGERAANBESTEDING,
        gepubliceerd=gepubliceerd,
        titel="Groen in de Wijk",
    )
    perceel = PerceelFactory(traject=traject, nummer=1, naam="Klazienaveen", budget=budget)
    Bestedingsregels.objects.create(
        traject=traject,
        **{
            "besteding": "Groen, spelen en ontmoeting in het dorp.",
            "offerte_drempel": Decimal("5000"),
            "offertes_boven": 3,
            "offertes_onder": 1,
            "max_zonder_goedkeuring": Decimal("10000"),
            **regels,
        },
    )
    return traject, perceel


def vertegenwoordiger(perceel, user=None, **kwargs):
    user = user or UserFactory()
    Vertegenwoordiger.objects.create(
        perceel=perceel, user=user, hoe_gekozen=kwargs.get("hoe_gekozen", "Dorpsraad")
    )
    return user


def opdracht_met_offertes(perceel, door, *, bedragen=(Decimal("4000"),), gekozen=None):
    """An assignment with quotes (amounts received); `gekozen`: index of the chosen one,
    committed in the ledger."""
    opdracht = Opdracht.objects.create(
        perceel=perceel,
        omschrijving="Bankjes bij de speeltuin",
        geraamd_bedrag=max(bedragen),
        aangemaakt_door=door,
    )
    vandaag = timezone.localdate()
    offertes = [
        Offerte.objects.create(
            opdracht=opdracht,
            leverancier=f"Hoveniersbedrijf {i}",
            gevraagd_op=vandaag - timedelta(days=5),
            bedrag=bedrag,
            ontvangen_op=vandaag,
            gevraagd_door=door,
        )
        for i, bedrag in enumerate(bedragen, start=1)
    ]
    if gekozen is not None:
        opdracht.gekozen_offerte = offertes[gekozen]
        opdracht.keuze_reden = "Goedkoopst en uit het dorp."
        opdracht.status = OpdrachtStatus.GEKOZEN
        opdracht.gekozen_door = door
        opdracht.gekozen_op = timezone.now()
        opdracht.save()
        Verplichting.objects.create(
            perceel=perceel,
            opdracht=opdracht,
            bedrag=offertes[gekozen].bedrag,
            vastgelegd_op=timezone.now(),
        )
    return opdracht, offertes
