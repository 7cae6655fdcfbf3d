"""The municipality's role and the contact rules (issue 5, items 5 and 6): set in the frames,
shown on the trajectory page and in the call, and after publication only by a correction."""

import pytest
from django.urls import reverse

from trajecten import constants as c
from trajecten.inhoud import snapshot
from trajecten.models import Rectificatie
from trajecten.services.opstellen import sectie_opslaan
from trajecten.tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db


def test_role_and_contact_rules_are_shown_on_the_trajectory_page(client, gemeente, medewerker):
    traject = TrajectFactory(gemeente=gemeente, aangemaakt_door=medewerker, volledig=True)
    page = client.get(reverse("trajecten:detail", args=[traject.pk]))
    assert page.status_code == 404  # a draft
    sectie_opslaan(
        actor=medewerker,
        traject=traject,
        sectie="kaders",
        wijzigingen={
            "gemeente_rol": c.GemeenteRol.FACILITATOR,
            "contact_toegestaan": False,
            "contact_regels": "Alleen via de informatiebijeenkomsten.",
        },
    )
    traject.refresh_from_db()
    traject.status = c.TrajectStatus.GEPUBLICEERD
    traject.gepubliceerd_op = traject.created_at
    traject.save()
    text = client.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
    assert "Facilitator" in text
    assert "Alleen via de informatiebijeenkomsten." in text
    kaders = snapshot(traject)["kaders"]
    assert kaders["contact_regels"] == "Alleen via de informatiebijeenkomsten."
    assert kaders["gemeente_rol"] == "Facilitator"


def test_after_publication_changing_the_contact_rules_is_a_correction(gemeente, medewerker):
    traject = TrajectFactory(
        gemeente=gemeente, aangemaakt_door=medewerker, volledig=True, gepubliceerd=True
    )
    sectie_opslaan(
        actor=medewerker,
        traject=traject,
        sectie="kaders",
        wijzigingen={"contact_toegestaan": True, "contact_regels": "Bel de wijkcoördinator."},
        reden="Bewoners vroegen om rechtstreeks contact.",
    )
    (rectificatie,) = Rectificatie.objects.filter(traject=traject)
    velden = {w["veld"] for w in rectificatie.wijzigingen}
    assert velden == {"contact", "contact_regels"}
