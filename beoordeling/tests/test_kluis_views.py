"""The officer's vault page and the opened bids, for each role."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from beoordeling.constants import Ronde
from beoordeling.models import KluisOpening
from beoordeling.selectors import kluis as sel
from beoordeling.tests.factories import (
    BodFactory,
    CommissielidFactory,
    KluisOpeningFactory,
    alles_verklaard,
)
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory
from trajecten.tests.factories import PerceelFactory, TrajectFactory

pytestmark = pytest.mark.django_db

MARKER = "GEHEIM-PLAN-7f3a"


@pytest.fixture
def traject(gemeente):
    return TrajectFactory(gemeente=gemeente, volledig=True, gepubliceerd=True)


@pytest.fixture
def bod(traject):
    return BodFactory(
        perceel=traject.percelen.first(),
        organisatie=OrganisatieFactory(naam="Stichting Verborgen Naam"),
        concept={"plan": MARKER, "begroting": [{"partner": MARKER, "bedrag": "1"}]},
        ingediend=True,
    )


@pytest.fixture
def rollen(traject, bod, andere_gemeente, medewerker, beheerder):
    return {
        "anoniem": None,
        "burger": UserFactory(),
        "bieder": LidmaatschapFactory(organisatie=bod.organisatie, beheerder=True).user,
        "ander_lid": LidmaatschapFactory(organisatie=OrganisatieFactory()).user,
        "commissielid": CommissielidFactory(traject=traject).user,
        "medewerker": medewerker,
        "medewerker_andere_gemeente": MedewerkerFactory(gemeente=andere_gemeente).user,
        "beheerder": beheerder,
    }


def _get(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("naam", ["kluis", "geopende_biedingen"])
def test_only_medewerkers_of_the_gemeente(client, traject, rollen, naam):
    url = reverse(f"beoordeling:{naam}", args=[traject.pk])
    for rol, user in rollen.items():
        response = _get(client, user, url)
        if rol == "anoniem":
            assert response.status_code == 302
            assert "/accounts/login/" in response["Location"]
        elif rol == "medewerker":
            assert response.status_code == 200
        else:
            assert response.status_code == 404, rol


def test_draft_trajectory_of_other_gemeente_is_404(client, andere_gemeente):
    concept = TrajectFactory(gemeente=andere_gemeente)
    client.force_login(MedewerkerFactory(gemeente=andere_gemeente).user)
    assert client.get(reverse("beoordeling:kluis", args=[concept.pk])).status_code == 200
    client.force_login(UserFactory())
    assert client.get(reverse("beoordeling:kluis", args=[concept.pk])).status_code == 404


def test_before_deadline_only_the_count(client, traject, bod, medewerker):
    BodFactory(perceel=traject.percelen.first(), ingediend=True)
    BodFactory(perceel=traject.percelen.first())  # a draft does not count
    client.force_login(medewerker)
    response = client.get(reverse("beoordeling:kluis", args=[traject.pk]))
    html = response.content.decode()
    assert 'data-testid="aantal-hoofdlijnen">2<' in html
    assert 'data-testid="aantal-uitwerking">0<' in html
    assert MARKER not in html
    assert "Stichting Verborgen Naam" not in html
    assert reverse("beoordeling:kluis_starten", args=[traject.pk, "hoofdlijnen"]) not in html
    deadline = traject.inschrijving_sluit

    assert timezone.localtime(deadline).strftime("%H:%M:%S") in html


def test_start_before_deadline_refused_by_page(client, traject, medewerker):
    client.force_login(medewerker)
    url = reverse("beoordeling:kluis_starten", args=[traject.pk, "hoofdlijnen"])
    response = client.post(url)
    assert response.status_code == 302
    assert not KluisOpening.objects.exists()
    assert client.get(url).status_code == 405
    assert (
        client.post(reverse("beoordeling:kluis_starten", args=[traject.pk, "onzin"])).status_code
        == 404
    )


def test_open_the_vault_through_the_pages(
    client, traject, bod, medewerker, gemeente, django_capture_on_commit_callbacks
):
    collega = MedewerkerFactory(gemeente=gemeente).user
    kluis_url = reverse("beoordeling:kluis", args=[traject.pk])
    with time_machine.travel(traject.inschrijving_sluit + timedelta(seconds=1), tick=False):
        client.force_login(medewerker)
        html = client.get(kluis_url).content.decode()
        starten = reverse("beoordeling:kluis_starten", args=[traject.pk, "hoofdlijnen"])
        assert starten in html
        assert MARKER not in html and "Stichting Verborgen Naam" not in html
        response = client.post(starten)
        assert response.status_code == 302 and response["Location"] == kluis_url
        opening = KluisOpening.objects.get()
        bevestigen = reverse("beoordeling:kluis_bevestigen", args=[traject.pk, opening.pk])
        # The starter sees no confirm button, and posting is refused.
        assert bevestigen not in client.get(kluis_url).content.decode()
        client.post(bevestigen)
        assert not sel.is_geopend(traject, Ronde.HOOFDLIJNEN)

        client.force_login(collega)
        assert bevestigen in client.get(kluis_url).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(bevestigen)
        assert response.status_code == 302
        assert response["Location"] == reverse("beoordeling:geopende_biedingen", args=[traject.pk])
    assert sel.is_geopend(traject, Ronde.HOOFDLIJNEN)
    # Issue 13, rule 5: the bids show after the officer's declarations.
    assert MARKER not in client.get(response["Location"]).content.decode()
    alles_verklaard(collega, traject)
    html = client.get(response["Location"]).content.decode()
    assert MARKER in html
    assert "Stichting Verborgen Naam" in html
    assert bod.versies.get().sha256 in html
    html = client.get(kluis_url).content.decode()
    opening.refresh_from_db()
    assert str(opening.proces_verbaal.uuid) in html


def test_confirm_opening_of_another_trajectory_is_404(client, traject, gemeente, medewerker):
    ander = TrajectFactory(gemeente=gemeente, volledig=True, gepubliceerd=True)
    opening = KluisOpeningFactory(traject=ander)
    client.force_login(medewerker)
    url = reverse("beoordeling:kluis_bevestigen", args=[traject.pk, opening.pk])
    assert client.post(url).status_code == 404


def test_opened_bids_before_opening_show_nothing(client, traject, bod, medewerker):
    client.force_login(medewerker)
    with time_machine.travel(traject.inschrijving_sluit + timedelta(days=1), tick=False):
        KluisOpeningFactory(traject=traject)  # started, not confirmed
        html = client.get(
            reverse("beoordeling:geopende_biedingen", args=[traject.pk])
        ).content.decode()
    assert MARKER not in html
    assert "Stichting Verborgen Naam" not in html


def _biedingen(traject, n):
    percelen = [traject.percelen.first(), PerceelFactory(traject=traject)]
    for i in range(n):
        BodFactory(perceel=percelen[i % 2], ingediend=True)


@pytest.mark.parametrize("n", [5, 50])
def test_kluis_query_count(client, traject, medewerker, count_queries, n):
    _biedingen(traject, n)
    KluisOpeningFactory(traject=traject, geopend=True)
    client.force_login(medewerker)
    url = reverse("beoordeling:kluis", args=[traject.pk])
    client.get(url)
    assert count_queries(lambda: client.get(url)) == 8


@pytest.mark.parametrize("n", [5, 50])
def test_geopende_biedingen_query_count(client, traject, medewerker, count_queries, n):
    _biedingen(traject, n)
    KluisOpeningFactory(traject=traject, geopend=True)
    alles_verklaard(medewerker, traject)
    client.force_login(medewerker)
    url = reverse("beoordeling:geopende_biedingen", args=[traject.pk])
    response = client.get(url)
    assert response.content.decode().count('class="ma-bod"') == n
    # 11: one for the officer's committee membership (issue 11, point 7: an officer on the
    # committee follows the committee's rules, see beoordeling.permissions).
    assert count_queries(lambda: client.get(url)) == 11
