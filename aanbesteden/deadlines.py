"""Deadlines and reminders, derived from state.

Each app declares its deadlines in its own `deadlines.py` with a
`DeadlineSource` and registers it (in its AppConfig.ready). A Celery beat task
runs `sweep()` every few minutes: it asks each source for the deadlines ahead,
works out which reminder is due, and sends each one exactly once per user,
guarded by the unique `VerzondenHerinnering` row written in the same
transaction as the notification. Two sweeps at once: the second one's insert
waits for the first to commit, then fails on the unique constraint and sends
nothing. A broker that was down: the next sweep reads the database and finds
what is due.

Moments are aware datetimes, stored in UTC. "One day before" is counted on the
wall clock in Europe/Amsterdam: a deadline at 12:00 is reminded at 12:00 the
day before, also across the change to or from daylight-saving time.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from aanbesteden import events, notifications
from aanbesteden.models import VerzondenHerinnering

logger = logging.getLogger(__name__)

_sources = {}


@dataclass(frozen=True)
class Deadline:
    """One moment that people must be reminded of."""

    sleutel: str  # stable identity within its source, e.g. "traject:42:inschrijving"
    moment: object  # aware datetime
    ontvangers: tuple  # users
    onderwerp: str
    template: str  # plain-text message template; gets `deadline`, `moment` and `context`
    url: str = ""
    context: dict = field(default_factory=dict)
    target: object = None


class DeadlineSource:
    """Subclass per kind of deadline. `deadlines(van, tot)` yields `Deadline`s in (van, tot]."""

    naam = ""
    # How long before the deadline people are reminded, on the Amsterdam wall clock.
    herinneringen = (timedelta(days=7), timedelta(days=1))

    def deadlines(self, *, van, tot):
        raise NotImplementedError


def register(source):
    if not source.naam:
        raise ValueError("A DeadlineSource needs a naam.")
    _sources[source.naam] = source
    return source


def registered_sources():
    return list(_sources.values())


def remind_at(moment, before):
    """The moment to remind: `before` earlier on the Europe/Amsterdam wall clock."""
    local = timezone.localtime(moment)
    wall = local.replace(tzinfo=None) - before
    return timezone.make_aware(wall)


def format_offset(before):
    seconds = int(before.total_seconds())
    return f"PT{seconds}S"


def due_offset(source, moment, now):
    """The most recent reminder of `source` whose time has come, or None.

    Earlier reminders that were missed (the platform was down) are not sent late:
    only the latest due one is, so nobody gets "7 days left" one day before.
    """
    passed = [before for before in source.herinneringen if remind_at(moment, before) <= now]
    return min(passed) if passed else None


def sweep(now=None):
    """Send every reminder that is due and not yet sent. Returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    with translation.override("nl"):
        for source in registered_sources():
            sent += _sweep_source(source, now)
    return sent


def _sweep_source(source, now):
    sent = 0
    horizon = now + max(source.herinneringen) + timedelta(days=1)
    for deadline in source.deadlines(van=now, tot=horizon):
        if deadline.moment <= now:
            continue
        before = due_offset(source, deadline.moment, now)
        if before is None:
            continue
        sleutel = (
            f"{source.naam}:{deadline.sleutel}:{deadline.moment.isoformat()}:"
            f"{format_offset(before)}"
        )
        for user in deadline.ontvangers:
            if _send_once(sleutel, user, deadline, before):
                sent += 1
    return sent


def _send_once(sleutel, user, deadline, before):
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = VerzondenHerinnering.objects.create(
                    sleutel=sleutel[:200], user=user, deadline=deadline.moment
                )
        except IntegrityError:
            return False
        notificatie = notifications.notify(
            user,
            onderwerp=deadline.onderwerp,
            template=deadline.template,
            context={
                "deadline": deadline,
                "moment": deadline.moment,
                "voor": before,
                **deadline.context,
            },
            url=deadline.url,
        )
        record.notificatie = notificatie
        record.save(update_fields=["notificatie"])
        events.herinnering_verstuurd(
            target=deadline.target, sleutel=sleutel, user=user, deadline=deadline.moment
        )
    return True
