"""Pages of the residents' budget (issue 14, burgeraanbesteding): who sees what, one URL per
transition, an error summary on a refused form, and query counts that do not grow with the
number of assignments or quotes."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aanbesteden.tests.factories import GemeenteFactory, MedewerkerFactory, UserFactory
from beoordeling.constants import OpdrachtStatus
from beoordeling.models import Betrokkenheid, Offerte, Opdracht, Verplichting
from beoordeling.tests.factories_buurtbudget import (
    buurt_traject,
    opdracht_met_offertes,
    vertegenwoordiger,
)
from beoordeling.views.buurtbudget import vertegenwoordiger_panel
from coalities.tests.factories import LidmaatschapFactory
from trajecten.constants import Vorm
from trajecten.tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(gemeente):
    traject, perceel = buurt_traject(gemeente)
    anna = vertegenwoordiger(perceel, UserFactory(naam="Anna Aalders", email="anna@dorp.nl"))
    return traject, perceel, anna


def _perceel_url(perceel):
    return reverse("beoordeling:buurtbudget_perceel", args=[perceel.pk])


def _openbaar_url(traject):
    return reverse("beoordeling:buurtbudget", args=[traject.pk])


# --- the public page ----------------------------------------------------------------------


def test_the_public_page_is_for_everyone_and_shows_no_e_mail(client, w, medewerker, burger):
    traject, perceel, anna = w
    opdracht_met_offertes(perceel, anna, bedragen=(Decimal("800"),), gekozen=0)
    lid = LidmaatschapFactory().user
    for wie in (None, burger, lid, anna, medewerker, MedewerkerFactory().user):
        client.logout()
        if wie:
            client.force_login(wie)
        response = client.get(_openbaar_url(traject))
        assert response.status_code == 200
        tekst = response.content.decode()
        assert "Anna Aalders" in tekst and "Hoveniersbedrijf 1" in tekst
        assert "Goedkoopst en uit het dorp." in tekst
        assert "anna@dorp.nl" not in tekst
        assert "19.200,00" in tekst  # left of EUR 20.000
    # Only the representative gets the link to their page.
    client.force_login(anna)
    assert _perceel_url(perceel) in client.get(_openbaar_url(traject)).content.decode()
    client.force_login(burger)
    assert _perceel_url(perceel) not in client.get(_openbaar_url(traject)).content.decode()


def test_the_public_page_is_404_on_other_routes_and_drafts(client, gemeente):
    aanbesteding = TrajectFactory(gemeente=gemeente, vorm=Vorm.AANBESTEDING, gepubliceerd=True)
    concept, _perceel = buurt_traject(gemeente, gepubliceerd=False)
    for traject in (aanbesteding, concept):
        assert client.get(_openbaar_url(traject)).status_code == 404


def test_the_public_page_costs_the_same_queries_for_more_assignments(
    client, w, django_assert_num_queries
):
    traject, perceel, anna = w
    opdracht_met_offertes(perceel, anna, bedragen=(Decimal("800"),), gekozen=0)
    url = _openbaar_url(traject)
    client.get(url)
    with django_assert_num_queries(5):
        client.get(url)
    for _ in range(3):
        opdracht_met_offertes(perceel, anna, bedragen=(Decimal("1"), Decimal("2")), gekozen=1)
    vertegenwoordiger(perceel)
    with django_assert_num_queries(5):
        client.get(url)


# --- the representatives' page ------------------------------------------------------------


def test_the_representatives_page_per_role(client, w, medewerker, burger):
    traject, perceel, anna = w
    url = _perceel_url(perceel)
    assert client.get(url).status_code == 302  # anonymous: log in first
    for wie in (burger, LidmaatschapFactory().user, MedewerkerFactory().user):
        client.force_login(wie)
        assert client.get(url).status_code == 404
    client.force_login(anna)
    tekst = client.get(url).content.decode()
    assert 'name="opdracht-omschrijving"' in tekst and 'name="betrokkenheid-leverancier"' in tekst
    client.force_login(medewerker)
    tekst = client.get(url).content.decode()
    assert 'name="opdracht-omschrijving"' not in tekst  # the officer does not spend it
    assert "Residents' budget of Klazienaveen" in tekst or "Buurtbudget van Klazienaveen" in tekst


def test_a_representative_of_another_lot_or_trajectory_gets_404(client, w, gemeente):
    _traject, perceel, _anna = w
    _ander, ander_perceel = buurt_traject(gemeente)
    ander = vertegenwoordiger(ander_perceel)
    client.force_login(ander)
    assert client.get(_perceel_url(perceel)).status_code == 404


def test_the_representatives_page_costs_the_same_queries_for_more_quotes(
    client, w, django_assert_num_queries
):
    _traject, perceel, anna = w
    opdracht_met_offertes(perceel, anna, bedragen=(Decimal("800"),))
    client.force_login(anna)
    url = _perceel_url(perceel)
    client.get(url)
    with django_assert_num_queries(13):
        client.get(url)
    for _ in range(3):
        opdracht, [offerte, _b] = opdracht_met_offertes(
            perceel, anna, bedragen=(Decimal("100"), Decimal("200"))
        )
        offerte.bedrag = None
        offerte.save()
    with django_assert_num_queries(13):
        client.get(url)


def test_the_whole_flow_through_the_pages(client, w, medewerker):
    traject, perceel, anna = w
    client.force_login(anna)
    response = client.post(
        reverse("beoordeling:buurtbudget_opdracht_nieuw", args=[perceel.pk]),
        {"opdracht-omschrijving": "Bloembakken", "opdracht-geraamd_bedrag": "900"},
    )
    assert response.status_code == 302
    opdracht = Opdracht.objects.get()
    vandaag = timezone.localdate()
    response = client.post(
        reverse("beoordeling:buurtbudget_offerte_vragen", args=[opdracht.pk]),
        {
            f"o{opdracht.pk}-vragen-leverancier": "Groen BV",
            f"o{opdracht.pk}-vragen-gevraagd_op": (vandaag - timedelta(days=2)).isoformat(),
        },
    )
    assert response.status_code == 302
    offerte = Offerte.objects.get()
    response = client.post(
        reverse("beoordeling:buurtbudget_offerte_ontvangen", args=[offerte.pk]),
        {f"q{offerte.pk}-bedrag": "850", f"q{offerte.pk}-ontvangen_op": vandaag.isoformat()},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("beoordeling:buurtbudget_kiezen", args=[opdracht.pk]),
        {f"o{opdracht.pk}-kiezen-offerte": offerte.pk, f"o{opdracht.pk}-kiezen-reden": "Goed"},
    )
    assert response.status_code == 302
    assert Verplichting.objects.get().bedrag == Decimal("850")
    tekst = client.get(_perceel_url(perceel)).content.decode()
    assert "19.150,00" in tekst


def test_a_refused_choice_shows_the_error_summary_and_the_field(client, w):
    _traject, perceel, anna = w
    opdracht, [offerte] = opdracht_met_offertes(perceel, anna, bedragen=(Decimal("6000"),))
    client.force_login(anna)
    response = client.post(
        reverse("beoordeling:buurtbudget_kiezen", args=[opdracht.pk]),
        {f"o{opdracht.pk}-kiezen-offerte": offerte.pk, f"o{opdracht.pk}-kiezen-reden": "Snel"},
    )
    assert response.status_code == 400
    tekst = response.content.decode()
    assert 'id="foutmelding"' in tekst
    assert "at least 3 quotes" in tekst or "minstens 3 offertes" in tekst
    assert Opdracht.objects.get().status == OpdrachtStatus.OPEN


def test_a_resident_who_does_not_represent_the_lot_cannot_post(client, w, burger):
    _traject, perceel, anna = w
    opdracht, [offerte] = opdracht_met_offertes(perceel, anna, bedragen=(Decimal("100"),))
    client.force_login(burger)
    for url, data in (
        (reverse("beoordeling:buurtbudget_opdracht_nieuw", args=[perceel.pk]), {}),
        (reverse("beoordeling:buurtbudget_betrokkenheid", args=[perceel.pk]), {}),
        (reverse("beoordeling:buurtbudget_offerte_vragen", args=[opdracht.pk]), {}),
        (reverse("beoordeling:buurtbudget_offerte_ontvangen", args=[offerte.pk]), {}),
        (reverse("beoordeling:buurtbudget_kiezen", args=[opdracht.pk]), {}),
        (reverse("beoordeling:buurtbudget_goedkeuren", args=[opdracht.pk]), {}),
        (reverse("beoordeling:buurtbudget_afwijzen", args=[opdracht.pk]), {}),
    ):
        assert client.post(url, data).status_code == 404, url
    assert not Betrokkenheid.objects.exists()


def test_a_medewerker_approves_on_the_page(client, w, medewerker):
    _traject, perceel, anna = w
    opdracht, offertes = opdracht_met_offertes(
        perceel, anna, bedragen=(Decimal("12000"), Decimal("12100"), Decimal("12200"))
    )
    opdracht.gekozen_offerte = offertes[0]
    opdracht.keuze_reden = "Beste plan"
    opdracht.status = OpdrachtStatus.WACHT_OP_GOEDKEURING
    opdracht.save()
    client.force_login(anna)
    assert (
        client.post(reverse("beoordeling:buurtbudget_goedkeuren", args=[opdracht.pk])).status_code
        == 302
    )
    assert not Verplichting.objects.exists()  # refused: a representative does not approve
    client.force_login(medewerker)
    tekst = client.get(_perceel_url(perceel)).content.decode()
    assert reverse("beoordeling:buurtbudget_goedkeuren", args=[opdracht.pk]) in tekst
    client.post(reverse("beoordeling:buurtbudget_goedkeuren", args=[opdracht.pk]))
    assert Verplichting.objects.get().bedrag == Decimal("12000")


def test_the_trajectory_page_links_the_representative_to_their_page(client, w, burger):
    traject, perceel, anna = w
    client.force_login(anna)
    tekst = client.get(traject.get_absolute_url()).content.decode()
    assert _perceel_url(perceel) in tekst and _openbaar_url(traject) in tekst
    client.force_login(burger)
    tekst = client.get(traject.get_absolute_url()).content.decode()
    assert _perceel_url(perceel) not in tekst and _openbaar_url(traject) in tekst


# --- the set-up section -------------------------------------------------------------------


def test_the_set_up_section_only_on_its_route(client, gemeente, medewerker):
    traject, perceel = buurt_traject(gemeente, gepubliceerd=False)
    anna = UserFactory(email="anna@dorp.nl")
    aanbesteding = TrajectFactory(gemeente=gemeente, vorm=Vorm.AANBESTEDING)
    url = reverse("trajecten:sectie", args=[traject.pk, "buurtbudget"])
    client.force_login(medewerker)
    assert (
        client.get(reverse("trajecten:sectie", args=[aanbesteding.pk, "buurtbudget"])).status_code
        == 404
    )
    assert client.get(url).status_code == 200
    data = {
        "besteding": "Groen",
        "offertes_boven": "3",
        "offertes_onder": "1",
        "vertegenwoordigers-TOTAL_FORMS": "1",
        "vertegenwoordigers-INITIAL_FORMS": "0",
        "vertegenwoordigers-0-perceel": str(perceel.pk),
        "vertegenwoordigers-0-email": "anna@dorp.nl",
        "vertegenwoordigers-0-hoe_gekozen": "Gekozen op de dorpsavond",
    }
    assert client.post(url, data).status_code == 302
    assert perceel.vertegenwoordigers.get().user == anna
    # Someone without an account is refused with the reason at the top of the form.
    data["vertegenwoordigers-0-email"] = "niemand@dorp.nl"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "niemand@dorp.nl" in response.content.decode()
    for wie in (UserFactory(), MedewerkerFactory(gemeente=GemeenteFactory()).user):
        client.force_login(wie)
        assert client.get(url).status_code == 404


# --- the representative's dashboard panel -------------------------------------------------


def test_a_representative_finds_their_budget_on_the_dashboard(client, w, burger, medewerker):
    traject, perceel, anna = w
    client.force_login(anna)
    tekst = client.get(reverse("home")).content.decode()
    assert 'data-rol="vertegenwoordiger"' in tekst
    assert "Uw buurtbudget" in tekst
    assert f'href="{_perceel_url(perceel)}"' in tekst
    for ander in (burger, medewerker):
        client.force_login(ander)
        tekst = client.get(reverse("home")).content.decode()
        assert 'data-rol="vertegenwoordiger"' not in tekst
        assert _perceel_url(perceel) not in tekst


def test_the_panel_asks_one_query_however_many_lots(w, gemeente, rf):
    traject, perceel, anna = w

    def panel():
        request = rf.get("/")
        request.user = anna
        with CaptureQueriesContext(connection) as queries:
            percelen = vertegenwoordiger_panel(request).context["percelen"]
        return len(percelen), len(queries)

    panel()  # whether the user is an officer is asked once, then cached for the user
    een = panel()
    for _n in range(3):
        _traject, ander = buurt_traject(gemeente)
        vertegenwoordiger(ander, anna)
    assert (een, panel()) == ((1, 1), (4, 1))
