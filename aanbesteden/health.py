"""The checks behind /health/, each with a short time budget.

/health/ must answer within a few seconds even when Redis or the database is
down: a load balancer or compose healthcheck waits for it. Every check gets a
budget of about a second (django-health-check gives a check its `timeout` plus
one second before it reports "timed out"), and the clients it uses give up on
their own within that budget, so no thread keeps hanging afterwards.
"""

import contextlib
import dataclasses
import datetime
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from health_check.checks import Cache, Database
from health_check.contrib.celery import Ping
from health_check.contrib.redis import Redis
from health_check.exceptions import ServiceUnavailable
from kombu.exceptions import OperationalError
from redis.asyncio import Redis as RedisClient
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

# Seconds a client may spend connecting to or waiting for Redis.
REDIS_SOCKET_TIMEOUT = 1
BUDGET = datetime.timedelta(seconds=1)


@dataclasses.dataclass
class SnelleDatabase(Database):
    timeout = BUDGET


def _broker_client():
    return RedisClient.from_url(
        settings.CELERY_BROKER_URL,
        socket_connect_timeout=REDIS_SOCKET_TIMEOUT,
        socket_timeout=REDIS_SOCKET_TIMEOUT,
        retry=Retry(NoBackoff(), 0),
    )


@dataclasses.dataclass
class SnellePing(Ping):
    """A worker ping on a connection that tries the broker once, briefly.

    Celery's own `control.ping` retries a broker that is down for several
    seconds; here a broker that does not answer within a second is an error.
    """

    timeout: datetime.timedelta = dataclasses.field(default=BUDGET, repr=False)

    def run(self):
        seconds = self.timeout.total_seconds()
        try:
            with self.app.connection_for_write(connect_timeout=seconds) as connection:
                connection.ensure_connection(
                    max_retries=1, interval_start=0, interval_step=0, timeout=seconds
                )
                ping_result = self.app.control.ping(
                    timeout=seconds, limit=self.limit, connection=connection
                )
        except (OSError, OperationalError) as e:
            raise ServiceUnavailable("Broker unreachable") from e
        if not ping_result:
            raise ServiceUnavailable("Celery workers unavailable")
        self.check_active_queues(*self.active_workers(ping_result))


def checks():
    """(name, check) pairs for the current settings."""
    pairs = [
        ("database", SnelleDatabase()),
        # The probe key lives BUDGET long; that is also the check's budget.
        ("cache", Cache(timeout=BUDGET)),
    ]
    if settings.REDIS_URL:
        broker = Redis(client_factory=_broker_client)
        broker.timeout = BUDGET
        pairs += [("broker", broker), ("worker", SnellePing())]
    return pairs


@contextlib.contextmanager
def executor_zonder_wachten():
    """Threads for the synchronous checks; leaving does not wait for a hung one."""
    executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="health")
    try:
        yield executor
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
