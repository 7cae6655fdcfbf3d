"""Performance benchmark: public pages and the reminder sweep against N trajectories.

    DJANGO_SETTINGS_MODULE=aanbesteden.settings.test .venv/bin/python bench/run.py

Creates a throwaway PostgreSQL database (bench_<name>), fills it with N
published trajectories for N in 10, 100, 1000, times the anonymous portal `/`,
the list `/trajecten/` and `aanbesteden.deadlines.sweep(now=...)`, prints a
table and drops the database again. Not part of the test suite; see README.md.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aanbesteden.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
    teardown_test_environment,
)
from django.utils import timezone  # noqa: E402

from aanbesteden import deadlines  # noqa: E402
from aanbesteden.models import Gemeente, Medewerker, User  # noqa: E402
from trajecten.models import Traject  # noqa: E402

# The factories need factory_boy (a test dependency); without it the benchmark creates the
# same rows itself.
try:
    from aanbesteden.tests.factories import GemeenteFactory, MedewerkerFactory, UserFactory
    from trajecten.tests.factories import TrajectFactory
except ImportError:
    GemeenteFactory = MedewerkerFactory = UserFactory = TrajectFactory = None

PAGES = ("/", "/trajecten/")
GEMEENTEN = 3


class _Rollback(Exception):
    """Raised to undo one sweep, so that every repetition sends the same reminders."""


def timed(func, repeat):
    """Run `func` once to warm up, then `repeat` times; return (median s, min s, queries)."""
    func()
    with CaptureQueriesContext(connection) as ctx:
        func()
    queries = len(ctx.captured_queries)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), queries


def make_world():
    """Gemeenten, each with one officer who receives the reminders, and an author."""
    if GemeenteFactory is None:
        gemeenten = [
            Gemeente.objects.create(naam=f"Benchgemeente {i}", slug=f"bench-{i}")
            for i in range(GEMEENTEN)
        ]
        for i, gemeente in enumerate(gemeenten):
            user = User.objects.create_user(f"medewerker{i}@bench.invalid", "Bench-wachtwoord-1")
            Medewerker.objects.create(user=user, gemeente=gemeente)
        auteur = User.objects.create_user("auteur@bench.invalid", "Bench-wachtwoord-1")
        return gemeenten, auteur

    gemeenten = [
        GemeenteFactory(naam=f"Benchgemeente {i}", slug=f"bench-{i}") for i in range(GEMEENTEN)
    ]
    for gemeente in gemeenten:
        MedewerkerFactory(gemeente=gemeente)
    return gemeenten, UserFactory()


def add_trajecten(count, *, gemeenten, auteur, now, offset):
    """`count` published trajectories whose bids close within a day of `now`."""
    fields = []
    for i in range(offset, offset + count):
        fields.append(
            {
                "gemeente": gemeenten[i % len(gemeenten)],
                "titel": f"Benchtraject {i}",
                "opgave": "Hoe houden ouderen in de wijk zo lang mogelijk regie over hun leven?",
                "aangemaakt_door": auteur,
                "status": "gepubliceerd",
                "gepubliceerd_op": now - timedelta(days=30, minutes=i),
                # One day before is the last reminder; these are all due at `now`.
                "inschrijving_sluit": now + timedelta(hours=23, minutes=i % 60),
            }
        )
    if TrajectFactory is None:
        Traject.objects.bulk_create([Traject(**f) for f in fields])
    else:
        for f in fields:
            TrajectFactory(**f)


def sweep_once(now):
    """One full sweep (every reminder due is sent), then rolled back. Returns how many."""
    sent = 0
    try:
        with transaction.atomic():
            sent = deadlines.sweep(now=now)
            raise _Rollback
    except _Rollback:
        pass
    return sent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="comma-separated N values")
    parser.add_argument("--repeat", type=int, default=7, help="timed repetitions per case")
    args = parser.parse_args()
    sizes = sorted(int(n) for n in args.sizes.split(","))

    if connection.vendor != "postgresql":
        sys.exit(f"The benchmark wants PostgreSQL, not {connection.vendor}.")

    # A database of its own, so that a test run at the same time is not disturbed.
    connection.settings_dict["TEST"]["NAME"] = "bench_" + connection.settings_dict["NAME"]
    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False, serialized_aliases=set())
    rows = []
    try:
        now = timezone.now().replace(microsecond=0)
        gemeenten, auteur = make_world()
        client = Client()
        created = 0
        for n in sizes:
            add_trajecten(n - created, gemeenten=gemeenten, auteur=auteur, now=now, offset=created)
            created = n
            for path in PAGES:

                def get(path=path):
                    response = client.get(path)
                    if response.status_code != 200:
                        raise RuntimeError(f"GET {path}: HTTP {response.status_code}")

                median, fastest, queries = timed(get, args.repeat)
                rows.append((n, f"GET {path}", median, fastest, queries, ""))

            sent = sweep_once(now)
            median, fastest, queries = timed(lambda: sweep_once(now), args.repeat)
            rows.append((n, "deadlines.sweep()", median, fastest, queries, f"{sent} sent"))
    finally:
        teardown_databases(old_config, verbosity=0)
        teardown_test_environment()

    print()
    print(f"{'N':>6}  {'case':<20} {'median ms':>10} {'min ms':>9} {'queries':>8}  note")
    print(f"{'-' * 6}  {'-' * 20} {'-' * 10} {'-' * 9} {'-' * 8}  {'-' * 10}")
    for n, case, median, fastest, queries, note in rows:
        print(
            f"{n:>6}  {case:<20} {median * 1000:>10.1f} {fastest * 1000:>9.1f} {queries:>8}  {note}"
        )
    print(f"\n{args.repeat} timed repetitions per case after one warm-up run.")


if __name__ == "__main__":
    main()
