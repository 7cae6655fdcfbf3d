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
from beoordeling.tests.kluisteam import in_team
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory
from trajecten.tests.factories import PerceelFactory, TrajectFactory

pytestmark = pytest.mark.django_db

MARKER = "GEHEIM-PLAN-7f3a"


@pytest.fixture
def traject(gemeente, medewerker):
    traject = TrajectFactory(gemeente=gemeente, volledig=True, gepubliceerd=True)
    in_team(traject, medewerker)
    return traject


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


def test_before_the_opening_no_medewerker_sees_how_many_bids_arrived(
    client, traject, bod, medewerker
):
    """Issue 13, rule 3: before the deadline, and after it until the opening, the vault page
    shows no number of bids; after the opening it does."""
    BodFactory(perceel=traject.percelen.first(), ingediend=True)
    BodFactory(perceel=traject.percelen.first())  # a draft does not count
    client.force_login(medewerker)
    url = reverse("beoordeling:kluis", args=[traject.pk])
    for moment in (timezone.now(), traject.inschrijving_sluit + timedelta(minutes=1)):
        with time_machine.travel(moment, tick=False):
            client.force_login(medewerker)
            html = client.get(url).content.decode()
        assert 'data-testid="aantal-' not in html
        assert "Ingediende inschrijvingen" not in html
        assert "Voor de opening ziet niemand hoeveel biedingen er zijn" in html
        assert MARKER not in html
        assert "Stichting Verborgen Naam" not in html
    deadline = traject.inschrijving_sluit
    assert timezone.localtime(deadline).strftime("%H:%M:%S") in html

    KluisOpeningFactory(traject=traject, geopend=True)
    client.force_login(medewerker)
    html = client.get(url).content.decode()
    assert 'data-testid="aantal-hoofdlijnen">2<' in html
    assert 'data-testid="aantal-uitwerking"' not in html


def test_a_medewerker_outside_the_team_gets_no_start_button_and_reads_why(
    client, traject, bod, gemeente
):
    """Issue 13, rule 2: an officer of the gemeente who is not in the trajectory's team sees
    the vault page without the start button, with the reason, and the POST is refused."""
    buiten_team = MedewerkerFactory(gemeente=gemeente).user
    with time_machine.travel(traject.inschrijving_sluit + timedelta(minutes=1), tick=False):
        client.force_login(buiten_team)
        html = client.get(reverse("beoordeling:kluis", args=[traject.pk])).content.decode()
        starten = reverse("beoordeling:kluis_starten", args=[traject.pk, "hoofdlijnen"])
        assert starten not in html
        assert "Alleen leden van het team van dit traject openen de kluis." in html
        client.post(starten)
    assert not KluisOpening.objects.exists()


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
    in_team(traject, collega)
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
    # 9: one for whether the officer is in the trajectory's team (issue 13, rule 2).
    assert count_queries(lambda: client.get(url)) == 9


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
    # committee follows the committee's rules, see beoordeling.permissions); 12: one for
    # whether the officer still has to sign declarations (issue 13, rule 5).
    assert count_queries(lambda: client.get(url)) == 12


def test_a_medewerker_who_has_not_signed_is_shown_the_way_to_the_declarations(
    client, traject, medewerker
):
    """Issue 13, rule 5: before the declarations the opened bids stay hidden, and the page
    says why and links to the declarations; once signed, the notice is gone."""
    _biedingen(traject, 2)
    KluisOpeningFactory(traject=traject, geopend=True)
    client.force_login(medewerker)
    url = reverse("beoordeling:geopende_biedingen", args=[traject.pk])
    html = client.get(url).content.decode()
    assert 'class="ma-bod"' not in html
    assert "U leest de biedingen pas als u de verklaringen hebt getekend" in html
    assert reverse("beoordeling:verklaringen", args=[traject.pk]) in html
    alles_verklaard(medewerker, traject)
    html = client.get(url).content.decode()
    assert html.count('class="ma-bod"') == 2
    assert 'id="nog-verklaren"' not in html
