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


class QueryCount(int):
    """A query count that also carries the SQL it counted.

    `assert count_queries(...) == 7` still compares numbers; when it fails, the report lists
    the captured SQL, numbered (see `pytest_assertrepr_compare` below), as Zulip's helper does.
    """

    def __new__(cls, queries):
        count = super().__new__(cls, len(queries))
        count.queries = [q["sql"] for q in queries]
        return count

    def sql_lines(self):
        return [f"{i}. {sql}" for i, sql in enumerate(self.queries, start=1)]

    def __repr__(self):
        return "\n".join([f"{int(self)} queries:", *self.sql_lines()])


class QueryCounter:
    """Count the queries of one call: `n = count_queries(lambda: client.get(url))`."""

    def __call__(self, func):
        with CaptureQueriesContext(connection) as ctx:
            func()
        return QueryCount(ctx.captured_queries)


@pytest.fixture
def count_queries():
    return QueryCounter()


def _query_counts(value):
    if isinstance(value, QueryCount):
        return [value]
    if isinstance(value, (tuple, list)):
        return [v for v in value if isinstance(v, QueryCount)]
    return []


def _plain(value):
    if isinstance(value, QueryCount):
        return int(value)
    if isinstance(value, (tuple, list)):
        return type(value)(_plain(v) for v in value)
    return value


def pytest_assertrepr_compare(config, op, left, right):
    """Show the captured SQL in full when a query count (or a tuple of them) is wrong.

    pytest shortens a long repr to one line, so the SQL is added here, not left to `repr`.
    """
    counts = _query_counts(left) + _query_counts(right)
    if op != "==" or not counts:
        return None
    lines = [f"{_plain(left)!r} == {_plain(right)!r}"]
    for n, count in enumerate(counts, start=1):
        lines.append(f"Count {n}: {int(count)} queries:")
        lines.extend(f"  {line}" for line in count.sql_lines())
    return lines
