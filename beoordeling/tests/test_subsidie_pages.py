"""Issue 14: the decisions page of a subsidy tender (officers of the gemeente only), the
decision on the applicant's bid page once sent, and the route on the trajectory page."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from aanbesteden.tests.factories import MedewerkerFactory
from beoordeling.constants import Afwijzingsgrond, SubsidieUitkomst
from beoordeling.models import Subsidiebesluit
from beoordeling.services import subsidie as services
from beoordeling.tests.factories import BodFactory, BodVersieFactory, CommissielidFactory
from beoordeling.tests.test_gunning_services import maak_wereld
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory
from tests.helpers import status_als, verwacht_per_rol
from trajecten.constants import Verdeelregel, Vorm

pytestmark = pytest.mark.django_db

ROLLEN = [
    "anoniem",
    "burger",
    "bieder",
    "lid",
    "medewerker",
    "medewerker_andere_gemeente",
    "beheerder",
]


def subsidiewereld(gemeente, medewerker, **kwargs):
    w = maak_wereld(gemeente, medewerker, vorm=Vorm.SUBSIDIE, consensus=False, **kwargs)
    w.traject.subsidieplafond = Decimal("100000")
    w.traject.verdeelregel = Verdeelregel.BINNENKOMST
    w.traject.save()
    return w


@pytest.fixture
def w(gemeente, andere_gemeente, medewerker, burger, beheerder):
    wereld = subsidiewereld(gemeente, medewerker)
    wereld.extra["users"] = {
        "anoniem": None,
        "burger": burger,
        "bieder": wereld.bieders[1],
        "lid": CommissielidFactory(traject=wereld.traject).user,
        "medewerker": medewerker,
        "medewerker_andere_gemeente": MedewerkerFactory(gemeente=andere_gemeente).user,
        "beheerder": beheerder,
    }
    return wereld


def url(w):
    return reverse("beoordeling:subsidie", args=[w.traject.pk])


def test_each_role_on_the_decisions_page(client, w):
    gekregen = {rol: status_als(client, u, url(w)) for rol, u in w.extra["users"].items()}
    assert gekregen == verwacht_per_rol(ROLLEN, medewerker=200)


def test_the_page_shows_the_ceiling_the_proposal_and_the_decisions(client, w, medewerker):
    client.force_login(medewerker)
    html = client.get(url(w)).content.decode()
    # Three applications of 40.000 each (the factory's budget) under a ceiling of 100.000.
    assert "€ 100.000,00" in html
    assert html.count('data-voorstel="toegekend"') == 2
    assert html.count('data-voorstel="deels"') == 1
    assert "Besluiten op de aanvragen" in html
    services.subsidiebesluit_vastleggen(
        actor=medewerker, bod=w.biedingen[0], uitkomst=SubsidieUitkomst.TOEGEKEND, bedrag=40000
    )
    html = client.get(url(w)).content.decode()
    assert "<dd data-toegekend>€ 40.000,00</dd>" in html
    assert "<dd data-over>€ 60.000,00</dd>" in html
    # Not every application has a decision: no send button yet.
    assert reverse("beoordeling:subsidie_versturen", args=[w.traject.pk]) not in html


def test_a_refused_post_shows_the_error_summary_at_its_form(client, w, medewerker):
    client.force_login(medewerker)
    bod = w.biedingen[0]
    post_url = reverse("beoordeling:subsidie_besluit", args=[w.traject.pk, bod.pk])
    response = client.post(
        post_url,
        {f"besluit-{bod.pk}-uitkomst": "toegekend", f"besluit-{bod.pk}-bedrag": "150000"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="foutoverzicht-{bod.pk}"' in html
    assert "Het besluit is nog niet opgeslagen." in html
    assert not Subsidiebesluit.objects.exists()
    response = client.post(
        post_url,
        {f"besluit-{bod.pk}-uitkomst": "toegekend", f"besluit-{bod.pk}-bedrag": "40000"},
    )
    assert response.status_code == 302
    assert Subsidiebesluit.objects.get().bedrag == Decimal("40000")


def test_posts_by_others_change_nothing(client, w):
    bod = w.biedingen[0]
    post_url = reverse("beoordeling:subsidie_besluit", args=[w.traject.pk, bod.pk])
    for rol in ("bieder", "lid", "medewerker_andere_gemeente", "beheerder", "burger"):
        client.force_login(w.extra["users"][rol])
        response = client.post(
            post_url,
            {f"besluit-{bod.pk}-uitkomst": "toegekend", f"besluit-{bod.pk}-bedrag": "1000"},
        )
        assert response.status_code == 404
    assert not Subsidiebesluit.objects.exists()


def test_the_applicant_sees_its_decision_once_sent(client, w, medewerker):
    for bod in w.biedingen[:2]:
        services.subsidiebesluit_vastleggen(
            actor=medewerker, bod=bod, uitkomst=SubsidieUitkomst.TOEGEKEND, bedrag=40000
        )
    services.subsidiebesluit_vastleggen(
        actor=medewerker,
        bod=w.biedingen[2],
        uitkomst=SubsidieUitkomst.AFGEWEZEN,
        grond=Afwijzingsgrond.CRITERIA,
        reden="Het plan past niet bij de wijk.",
    )
    client.force_login(w.bieders[2])
    bod_url = reverse("beoordeling:bod", args=[w.biedingen[2].pk])
    assert "Het plan past niet bij de wijk." not in client.get(bod_url).content.decode()
    services.subsidiebesluiten_versturen(
        actor=medewerker, traject=w.traject, ontvangen_op=timezone.now()
    )
    html = client.get(bod_url).content.decode()
    assert 'data-besluit="afgewezen"' in html
    assert "Het plan past niet bij de wijk." in html
    assert "Afgewezen" in html


def test_the_trajectory_page_explains_the_route(client, w):
    html = client.get(w.traject.get_absolute_url()).content.decode()
    assert 'data-route="subsidie"' in html
    assert "De gemeente geeft subsidie aan initiatieven" in html  # for a resident
    assert "U vraagt aan vóór de deadline" in html  # for a bidder
    assert "€ 100.000,00" in html
    assert "Op volgorde van binnenkomst" in html


def _meer_aanvragen(w, n):
    for _i in range(n):
        organisatie = OrganisatieFactory()
        LidmaatschapFactory(organisatie=organisatie)
        bod = BodFactory(perceel=w.perceel, organisatie=organisatie, status="ingediend")
        BodVersieFactory(bod=bod)


# session, user, gemeenten, TOTP, trajectory, the opened bids with their latest versions
# (3), the decisions, unread count: fixed, whatever the number of applications.
DECISIONS_PAGE = 9


def test_decisions_page_queries_do_not_grow_with_applications(
    client, count_queries, gemeente, medewerker, django_assert_num_queries
):
    w = subsidiewereld(gemeente, medewerker, biedingen=1)
    client.force_login(medewerker)
    few = count_queries(lambda: client.get(url(w)))
    _meer_aanvragen(w, 20)
    many = count_queries(lambda: client.get(url(w)))
    assert few == many == DECISIONS_PAGE
    with django_assert_num_queries(DECISIONS_PAGE):
        response = client.get(url(w))
    assert len(response.context["blad"].aanvragen) == 21
