"""Fixtures for the whole suite: real PostgreSQL and Redis (see aanbesteden/settings/test.py)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from aanbesteden.tests import inloggen
from aanbesteden.tests.factories import GemeenteFactory, MedewerkerFactory, UserFactory

# `client.force_login(user)` is a complete login, second step included (see
# aanbesteden/tests/inloggen.py); `inloggen.alleen_wachtwoord` makes a password-only session.
Client.force_login = inloggen.volledig


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def gemeente(db):
    return GemeenteFactory(naam="Eindhoven", slug="eindhoven")


@pytest.fixture
def andere_gemeente(db):
    return GemeenteFactory(naam="Zwolle", slug="zwolle")


@pytest.fixture
def medewerker(gemeente):
    return MedewerkerFactory(gemeente=gemeente).user


@pytest.fixture
def burger(db):
    return UserFactory()


@pytest.fixture
def beheerder(db):
    return UserFactory(beheerder=True, met_totp=True)


class QueryCounter:
    """Count the queries of one call: `n = count_queries(lambda: client.get(url))`."""

    def __call__(self, func):
        with CaptureQueriesContext(connection) as ctx:
            func()
        return len(ctx.captured_queries)


@pytest.fixture
def count_queries():
    return QueryCounter()
