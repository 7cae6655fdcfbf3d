"""Issue 11, point 9: a huge, negative or non-numeric id in a form or a POST/GET value is a
validation error or a 404, never a 500, and never reaches the database (where SQLite, the
demo's database, raises OverflowError on it)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanbesteden.invoer import MAX_ID, id_uit
from aanbesteden.models import Notificatie
from coalities.models import Coalitie, CoalitiePartner
from coalities.tests.test_coalitie_services import maak_wereld

pytestmark = pytest.mark.django_db

GROOT = "99999999999999999999999999999"


@pytest.mark.parametrize(
    "waarde,verwacht",
    [
        ("12", 12),
        (12, 12),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        (GROOT, None),
        ("-1", None),
        ("0", None),
        ("abc", None),
        ("1.5", None),
        ("", None),
        (None, None),
        ("١٢", None),  # Arabic-Indic digits: isdigit() but not an id
        (True, None),
    ],
)
def test_id_uit(waarde, verwacht):
    assert id_uit(waarde) == verwacht


def _vraag(client, methode, url, data):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, methode)(url, data)
    gelekt = [q["sql"] for q in queries.captured_queries if GROOT in q["sql"]]
    return response, gelekt


def _client(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def w(gemeente, medewerker):
    wereld = maak_wereld(gemeente)
    wereld.medewerker = medewerker
    return wereld


def _gevallen(w):
    traject, coalitie = w.traject, w.coalitie
    aandelen = {"aandeel_budget": "10", "aandeel_zeggenschap": "10"}
    return [
        (
            "e_beheerder",
            "post",
            reverse("coalities:coalitie_nieuw", args=[traject.pk]),
            {"organisatie": GROOT, "naam": "N", "rol": "penvoerder", **aandelen},
            200,
        ),
        (
            "e_beheerder",
            "post",
            reverse("coalities:coalitie_nieuw", args=[traject.pk]),
            {
                "organisatie": w.orgs["e"].pk,
                "naam": "N",
                "percelen": [GROOT],
                "rol": "penvoerder",
                **aandelen,
            },
            200,
        ),
        (
            "a_beheerder",
            "post",
            reverse("coalities:coalitie_bewerken", args=[coalitie.pk]),
            {"naam": "N", "percelen": [w.percelen[0].pk, GROOT]},
            200,
        ),
        (
            "a_beheerder",
            "post",
            reverse("coalities:coalitie_partner_uitnodigen", args=[coalitie.pk]),
            {"organisatie": GROOT, "rol": "partner", **aandelen},
            200,
        ),
        (
            "c_beheerder",
            "post",
            reverse("coalities:coalitie_accepteren", args=[coalitie.pk]),
            {"partner": GROOT},
            404,
        ),
        (
            "b_beheerder",
            "post",
            reverse("coalities:coalitie_verlaten", args=[coalitie.pk]),
            {"partner": GROOT},
            404,
        ),
        (
            "medewerker",
            "post",
            reverse("coalities:sleutelpartijen", args=[traject.pk]),
            {"organisatie": GROOT, "reden": "R"},
            200,
        ),
        (
            "medewerker",
            "post",
            reverse("coalities:sleutelpartij_intrekken", args=[traject.pk]),
            {"sleutelpartij": GROOT},
            404,
        ),
    ]


@pytest.mark.parametrize("nummer", range(8))
def test_a_huge_id_is_a_form_error_or_404_and_never_reaches_the_database(w, nummer):
    rol, methode, url, data, verwacht = _gevallen(w)[nummer]
    user = w.medewerker if rol == "medewerker" else w.users[rol]
    aantal = (Coalitie.objects.count(), CoalitiePartner.objects.count())
    response, gelekt = _vraag(_client(user), methode, url, data)
    assert response.status_code == verwacht
    assert gelekt == []
    assert (Coalitie.objects.count(), CoalitiePartner.objects.count()) == aantal
    if verwacht == 200:
        assert response.context["form"].errors


@pytest.mark.parametrize("waarde", ["-5", "abc", "0"])
def test_other_ids_that_are_no_ids_are_a_404(w, waarde):
    client = _client(w.users["c_beheerder"])
    response = client.post(
        reverse("coalities:coalitie_accepteren", args=[w.coalitie.pk]),
        {"partner": waarde},
    )
    assert response.status_code == 404


def test_the_notification_button_with_a_huge_id_marks_nothing(w):
    user = w.users["c_beheerder"]
    Notificatie.objects.create(user=user, onderwerp="Test", url="/")
    ongelezen = Notificatie.objects.filter(user=user, gelezen_op__isnull=True).count()
    assert ongelezen >= 1
    response, gelekt = _vraag(
        _client(user), "post", reverse("notificaties_gelezen"), {"notificatie": GROOT}
    )
    assert response.status_code == 302 and gelekt == []
    assert Notificatie.objects.filter(user=user, gelezen_op__isnull=True).count() == ongelezen
