"""Before the suite: do PostgreSQL and Redis answer? Say which does not, and how to start it."""

import os
import sys

import psycopg
import redis

database_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/aanbesteden")
redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
problems = []

try:
    # Connect to the server's maintenance database: the test database is made by the suite.
    server_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server_url, connect_timeout=5) as conn:
        conn.execute("SELECT 1")
except Exception as exc:  # noqa: BLE001
    problems.append(
        f"PostgreSQL is not reachable at {database_url} ({exc}).\n"
        "  Start it, for example: pg_ctlcluster --skip-systemctl-redirect "
        "$(ls /etc/postgresql) main start\n"
        "  or point DATABASE_URL at a running server."
    )

try:
    redis.Redis.from_url(redis_url, socket_connect_timeout=5).ping()
except Exception as exc:  # noqa: BLE001
    problems.append(
        f"Redis is not reachable at {redis_url} ({exc}).\n"
        "  Start it, for example: redis-server --daemonize yes --bind 127.0.0.1 --port 6379\n"
        "  or point REDIS_URL at a running server."
    )

if problems:
    print(
        "The test suite needs real PostgreSQL and Redis:\n" + "\n".join(problems), file=sys.stderr
    )
    sys.exit(1)
print("PostgreSQL and Redis answer.")
