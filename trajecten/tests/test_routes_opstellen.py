"""Issue 14: the set-up asks only what the route of the form asks (sections, fields and the
completeness check), for each role on the new subsidy section, with fixed queries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from aanbesteden.tests.factories import MedewerkerFactory
from tests.helpers import status_als, verwacht_per_rol
from trajecten.constants import Verdeelregel, Vorm
from trajecten.selectors.opstellen import ontbrekende_onderdelen, secties_status
from trajecten.tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db


def sectie_url(traject, sectie):
    return reverse("trajecten:sectie", args=[traject.pk, sectie])


@pytest.mark.parametrize(
    "vorm,gevraagd,niet_gevraagd",
    [
        (Vorm.AANBESTEDING, {"gunning", "planning", "percelen"}, {"subsidie"}),
        (Vorm.SUBSIDIE, {"gunning", "subsidie"}, set()),
        (Vorm.CONVENANT, {"planning", "percelen"}, {"gunning", "subsidie"}),
        (Vorm.BURGERAANBESTEDING, {"planning"}, {"gunning", "subsidie"}),
    ],
)
def test_each_form_asks_its_own_sections(gemeente, vorm, gevraagd, niet_gevraagd):
    traject = TrajectFactory(gemeente=gemeente, volledig=True, vorm=vorm, procedure="")
    slugs = {s.slug for s in secties_status(traject)}
    assert gevraagd <= slugs
    assert not (niet_gevraagd & slugs)


def test_a_covenant_is_not_asked_for_criteria_bid_deadlines_or_a_contract_form(gemeente):
    traject = TrajectFactory(
        gemeente=gemeente,
        vorm=Vorm.CONVENANT,
        contractduur_maanden=24,
        vragen_sluit=None,
        inschrijving_sluit=None,
    )
    ontbrekend = " ".join(ontbrekende_onderdelen(traject))
    assert "gunningscriterium" not in ontbrekend.lower()
    assert "biedingen sluiten" not in ontbrekend.lower()
    assert "contractvorm" not in ontbrekend.lower()
    assert "perceel" not in ontbrekend.lower()


ROLLEN = ["anoniem", "burger", "medewerker", "medewerker_andere_gemeente", "beheerder"]


def test_each_role_on_the_subsidy_section(
    client, gemeente, andere_gemeente, medewerker, burger, beheerder
):
    traject = TrajectFactory(gemeente=gemeente, vorm=Vorm.SUBSIDIE, aangemaakt_door=medewerker)
    users = {
        "anoniem": None,
        "burger": burger,
        "medewerker": medewerker,
        "medewerker_andere_gemeente": MedewerkerFactory(gemeente=andere_gemeente).user,
        "beheerder": beheerder,
    }
    gekregen = {
        rol: status_als(client, u, sectie_url(traject, "subsidie")) for rol, u in users.items()
    }
    assert gekregen == verwacht_per_rol(ROLLEN, medewerker=200)
    # Not a section of a procurement.
    aanbesteding = TrajectFactory(gemeente=gemeente, vorm=Vorm.AANBESTEDING)
    assert status_als(client, medewerker, sectie_url(aanbesteding, "subsidie")) == 404


def test_the_subsidy_section_saves_and_shows_errors(client, gemeente, medewerker):
    traject = TrajectFactory(gemeente=gemeente, vorm=Vorm.SUBSIDIE)
    client.force_login(medewerker)
    html = client.get(sectie_url(traject, "subsidie")).content.decode()
    assert "Subsidieplafond en verdeling" in html
    assert "Op volgorde van binnenkomst" in html
    response = client.post(
        sectie_url(traject, "subsidie"), {"subsidieplafond": "0", "verdeelregel": "binnenkomst"}
    )
    assert response.status_code == 200
    assert "Het subsidieplafond moet meer dan nul zijn." in response.content.decode()
    response = client.post(
        sectie_url(traject, "subsidie"),
        {"subsidieplafond": "75000", "verdeelregel": Verdeelregel.RANGSCHIKKING},
    )
    assert response.status_code == 302
    traject.refresh_from_db()
    assert (traject.subsidieplafond, traject.verdeelregel) == (
        Decimal("75000"),
        Verdeelregel.RANGSCHIKKING,
    )


def test_the_subsidy_section_queries_are_fixed(
    client, gemeente, medewerker, django_assert_num_queries, count_queries
):
    traject = TrajectFactory(gemeente=gemeente, vorm=Vorm.SUBSIDIE)
    client.force_login(medewerker)
    url = sectie_url(traject, "subsidie")
    client.get(url)
    aantal = count_queries(lambda: client.get(url))
    with django_assert_num_queries(aantal):
        client.get(url)
    assert aantal == SUBSIDIE_SECTIE


# session, user, gemeenten, TOTP, trajectory, sections status (lots, criteria, ...),
# proportionality findings, unread count: fixed for the section page.
SUBSIDIE_SECTIE = 14  # with the outline questions of the call (issue 14, point 4)
