"""Pages run the same number of queries for 5 and for 50 rows."""

import pytest
from django.urls import reverse

from aanbesteden.tests.factories import GemeenteFactory, MedewerkerFactory, UserFactory
from beoordeling.tests.factories import CommissielidFactory
from coalities.tests.factories import LidmaatschapFactory
from trajecten.tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db


def _rows(gemeente, user, n):
    for _ in range(n):
        traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
        TrajectFactory(gemeente=gemeente)  # a draft
        CommissielidFactory(traject=traject, user=user)
        LidmaatschapFactory(user=user)
        GemeenteFactory()


def _measure(client, count_queries, user, url, gemeente):
    if user is not None:
        client.force_login(user)
    _rows(gemeente, user or UserFactory(), 5)
    few = count_queries(lambda: client.get(url))
    _rows(gemeente, user or UserFactory(), 45)
    many = count_queries(lambda: client.get(url))
    return few, many


@pytest.mark.parametrize(
    "rol,expected",
    [
        ("anoniem", 1),
        ("burger", 7),
        ("medewerker", 9),
        ("beheerder", 9),
    ],
)
def test_dashboard_queries(client, count_queries, rol, expected):
    gemeente = GemeenteFactory()
    user = {
        "anoniem": lambda: None,
        "burger": UserFactory,
        "medewerker": lambda: MedewerkerFactory(gemeente=gemeente).user,
        "beheerder": lambda: UserFactory(beheerder=True, met_totp=True),
    }[rol]()
    few, many = _measure(client, count_queries, user, reverse("home"), gemeente)
    assert (few, many) == (expected, expected)


def test_trajecten_list_queries(client, count_queries):
    gemeente = GemeenteFactory()
    few, many = _measure(client, count_queries, None, reverse("trajecten:lijst"), gemeente)
    assert (few, many) == (2, 2)


def _traject_url(gemeente):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    return reverse("trajecten:detail", args=[traject.pk])


def _document_url(gemeente):
    from aanbesteden.tests.factories import DocumentFactory

    document = DocumentFactory(gemeente=gemeente, klaar=True)
    return reverse("document_detail", args=[document.uuid])


@pytest.mark.parametrize("make_url,expected", [(_traject_url, 8), (_document_url, 6)])
def test_officer_object_page_queries(client, count_queries, make_url, expected):
    medewerker = MedewerkerFactory()
    url = make_url(medewerker.gemeente)
    few, many = _measure(client, count_queries, medewerker.user, url, medewerker.gemeente)
    assert (few, many) == (expected, expected)


def test_organisation_page_queries(client, count_queries):
    from coalities.tests.factories import OrganisatieFactory

    organisatie = OrganisatieFactory()
    url = reverse("coalities:organisatie", args=[organisatie.pk])
    few, many = _measure(client, count_queries, None, url, GemeenteFactory())
    assert (few, many) == (1, 1)
