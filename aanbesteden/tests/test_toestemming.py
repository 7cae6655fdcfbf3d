"""The core's permission shape and its one officer guard (aanbesteden/permissions.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.permissions import (
    TOEGESTAAN,
    Toestemming,
    alle,
    als_ingelogd,
    als_medewerker,
    geweigerd,
    is_medewerker,
)
from aanbesteden.selectors import gemeente_ids_van
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory

STANDAARD = "Alleen medewerkers van deze gemeente mogen dit doen."


@pytest.fixture(autouse=True)
def _nederlands():
    with translation.override("nl"):
        yield


def test_a_medewerker_of_the_gemeente_is_allowed(medewerker, gemeente):
    toestemming = als_medewerker(medewerker, gemeente)
    assert toestemming and toestemming.reden == ""
    toestemming.vereisen()  # raises nothing
    assert is_medewerker(medewerker, gemeente) and is_medewerker(medewerker, gemeente.pk)


@pytest.mark.parametrize("wie", ["ander", "burger", "anoniem", "geen"])
def test_anyone_else_is_refused_with_the_reason(wie, gemeente, andere_gemeente, burger):
    user = {
        "ander": MedewerkerFactory(gemeente=andere_gemeente).user,
        "burger": burger,
        "anoniem": AnonymousUser(),
        "geen": None,
    }[wie]
    toestemming = als_medewerker(user, gemeente)
    assert not toestemming
    assert toestemming.reden == STANDAARD
    with pytest.raises(NotAllowed, match=STANDAARD):
        toestemming.vereisen()


def test_a_predicate_gives_its_own_reason(burger, gemeente):
    toestemming = als_medewerker(burger, gemeente, "Alleen de gemeente publiceert.")
    assert toestemming.reden == "Alleen de gemeente publiceert."


def test_no_gemeente_is_never_allowed(medewerker):
    assert not als_medewerker(medewerker, None)


def test_a_refusal_about_the_data_keeps_its_error_class_and_field():
    toestemming = geweigerd("De termijn is voorbij.", veld="sluit_op", fout=DomainError)
    with pytest.raises(DomainError) as info:
        toestemming.vereisen()
    assert not isinstance(info.value, NotAllowed)
    assert str(info.value) == "De termijn is voorbij." and info.value.veld == "sluit_op"


def test_alle_gives_the_first_refusal():
    eerste, tweede = geweigerd("eerste"), geweigerd("tweede")
    assert alle(TOEGESTAAN, eerste, tweede) is eerste
    assert alle(TOEGESTAAN, TOEGESTAAN) is TOEGESTAAN
    assert alle() == Toestemming(True)


def test_the_medewerker_guard_asks_once(django_assert_num_queries, gemeente):
    user = UserFactory()
    with django_assert_num_queries(1):
        als_medewerker(user, gemeente)


def test_a_page_that_read_the_users_gemeenten_asks_nothing_more(
    django_assert_num_queries, medewerker, gemeente, andere_gemeente
):
    gemeente_ids_van(medewerker)
    with django_assert_num_queries(0):
        assert als_medewerker(medewerker, gemeente)
        assert not als_medewerker(medewerker, andere_gemeente)


def test_the_account_guard_allows_a_logged_in_user_only(burger):
    assert als_ingelogd(burger, "Log eerst in.")
    for user in (AnonymousUser(), None):
        toestemming = als_ingelogd(user, "Log eerst in.")
        assert not toestemming and toestemming.reden == "Log eerst in."
