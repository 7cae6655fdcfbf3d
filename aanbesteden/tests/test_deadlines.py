"""Reminders derived from state: once per user, on the Amsterdam wall clock, safe under races."""

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.db import connection as thread_connection

from aanbesteden import deadlines
from aanbesteden.constants import AuditEventType, EmailStatus
from aanbesteden.models import AuditEvent, Notificatie, VerzondenHerinnering
from aanbesteden.tasks import sweep_reminders
from aanbesteden.tests.factories import MedewerkerFactory
from trajecten.tests.factories import TrajectFactory

AMS = ZoneInfo("Europe/Amsterdam")


def ams(*args):
    return datetime(*args, tzinfo=AMS)


@pytest.fixture
def traject(gemeente):
    MedewerkerFactory(gemeente=gemeente, user__email="team1@eindhoven.nl")
    MedewerkerFactory(gemeente=gemeente, user__email="team2@eindhoven.nl")
    return TrajectFactory(
        gemeente=gemeente,
        gepubliceerd=True,
        titel="Buurthuis",
        inschrijving_sluit=ams(2026, 3, 29, 12),
    )


def test_deadline_is_stored_in_utc_and_shown_in_amsterdam_time(traject):
    traject.refresh_from_db()
    with connection.cursor() as cursor:
        cursor.execute("SHOW TIME ZONE")
        assert cursor.fetchone()[0] == "UTC"
    # 12:00 summer time (CEST, UTC+2) is 10:00 UTC.
    assert traject.inschrijving_sluit == datetime(2026, 3, 29, 10, tzinfo=ZoneInfo("UTC"))


@pytest.mark.django_db
def test_one_day_before_across_the_change_to_summer_time(traject, time_machine):
    # The clocks go forward on 29 March 2026 at 02:00. "One day before" a deadline
    # at 12:00 CEST is 12:00 CET on the 28th: 23 real hours, not 24.
    assert deadlines.remind_at(traject.inschrijving_sluit, timedelta(days=1)) == ams(
        2026, 3, 28, 12
    )

    time_machine.move_to(ams(2026, 3, 28, 11, 59), tick=False)
    deadlines.sweep()
    assert not VerzondenHerinnering.objects.filter(sleutel__endswith="PT86400S").exists()

    time_machine.move_to(ams(2026, 3, 28, 12, 0), tick=False)
    assert deadlines.sweep() == 2
    bericht = Notificatie.objects.filter(user__email="team1@eindhoven.nl").latest("id")
    assert "zondag 29 maart 2026, 12:00" in bericht.tekst
    assert bericht.onderwerp == "De inschrijving sluit binnenkort: Buurthuis"


@pytest.mark.django_db
def test_one_day_before_across_the_change_to_winter_time(gemeente, time_machine):
    MedewerkerFactory(gemeente=gemeente)
    # The clocks go back on 25 October 2026 at 03:00: that day has 25 hours.
    traject = TrajectFactory(
        gemeente=gemeente, gepubliceerd=True, inschrijving_sluit=ams(2026, 10, 25, 12)
    )
    assert deadlines.remind_at(traject.inschrijving_sluit, timedelta(days=1)) == ams(
        2026, 10, 24, 12
    )
    time_machine.move_to(ams(2026, 10, 24, 11, 59, 59), tick=False)
    assert deadlines.sweep() == 1  # the 7-day reminder, due since 18 October
    assert deadlines.sweep() == 0
    time_machine.move_to(ams(2026, 10, 24, 12, 0, 0), tick=False)
    assert deadlines.sweep() == 1
    assert "zondag 25 oktober 2026, 12:00" in Notificatie.objects.latest("id").tekst


@pytest.mark.django_db
def test_each_reminder_is_sent_once(traject, time_machine, django_capture_on_commit_callbacks):
    time_machine.move_to(ams(2026, 3, 22, 12, 0), tick=False)  # 7 days before
    with django_capture_on_commit_callbacks(execute=True):
        assert deadlines.sweep() == 2
    assert deadlines.sweep() == 0
    time_machine.move_to(ams(2026, 3, 25, 9, 0), tick=False)
    assert deadlines.sweep() == 0
    time_machine.move_to(ams(2026, 3, 28, 12, 5), tick=False)  # 1 day before
    with django_capture_on_commit_callbacks(execute=True):
        assert deadlines.sweep() == 2
    assert deadlines.sweep() == 0
    assert Notificatie.objects.count() == 4
    assert len(mail.outbox) == 4
    assert AuditEvent.objects.filter(event_type=AuditEventType.HERINNERING_VERSTUURD).count() == 4


@pytest.mark.django_db
def test_missed_reminders_are_not_sent_late(traject, time_machine):
    # The platform was down from 8 days until 20 hours before: only "1 day" goes out.
    time_machine.move_to(ams(2026, 3, 28, 16, 0), tick=False)
    assert deadlines.sweep() == 2
    assert set(VerzondenHerinnering.objects.values_list("sleutel", flat=True)) == {
        f"trajecten.inschrijving_sluit:traject:{traject.pk}:2026-03-29T10:00:00+00:00:PT86400S"
    }


@pytest.mark.django_db
def test_passed_deadlines_and_drafts_remind_nobody(gemeente, time_machine):
    MedewerkerFactory(gemeente=gemeente)
    TrajectFactory(gemeente=gemeente, inschrijving_sluit=ams(2026, 5, 2, 12))  # draft
    TrajectFactory(gemeente=gemeente, gepubliceerd=True, inschrijving_sluit=ams(2026, 5, 1, 12))
    time_machine.move_to(ams(2026, 5, 1, 12, 0, 1), tick=False)
    assert deadlines.sweep() == 0


@pytest.mark.django_db
def test_a_moved_deadline_is_reminded_again(traject, time_machine):
    time_machine.move_to(ams(2026, 3, 28, 12, 0), tick=False)
    assert deadlines.sweep() == 2
    traject.inschrijving_sluit = ams(2026, 3, 29, 18)  # extended by a correction
    traject.save()
    time_machine.move_to(ams(2026, 3, 28, 18, 0), tick=False)
    assert deadlines.sweep() == 2


@pytest.mark.django_db
def test_reminder_respects_in_app_only_choice(
    gemeente, time_machine, django_capture_on_commit_callbacks
):
    MedewerkerFactory(gemeente=gemeente, user__notificatie_voorkeur="app")
    TrajectFactory(gemeente=gemeente, gepubliceerd=True, inschrijving_sluit=ams(2026, 6, 10, 9))
    time_machine.move_to(ams(2026, 6, 9, 9, 30), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert deadlines.sweep() == 1
    assert Notificatie.objects.get().email_status == EmailStatus.NIET_NODIG
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_the_same_time_send_nothing_twice(gemeente, time_machine):
    for i in range(5):
        MedewerkerFactory(gemeente=gemeente, user__email=f"parallel{i}@eindhoven.nl")
    for dag in (10, 11, 12):
        TrajectFactory(
            gemeente=gemeente, gepubliceerd=True, inschrijving_sluit=ams(2026, 6, dag, 12)
        )
    time_machine.move_to(ams(2026, 6, 9, 12, 30), tick=False)

    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(deadlines.sweep())
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sum(results) == 15  # 3 deadlines x 5 officers, split between the two sweeps
    assert VerzondenHerinnering.objects.count() == 15
    assert Notificatie.objects.count() == 15
    assert len(mail.outbox) == 15


@pytest.mark.django_db
def test_sweep_task_resends_mail_a_lost_broker_left_waiting(burger, time_machine):
    time_machine.move_to(ams(2026, 6, 1, 12, 0), tick=False)
    Notificatie.objects.create(user=burger, onderwerp="Wachtende mail", tekst="Hallo")
    time_machine.move_to(ams(2026, 6, 1, 12, 10), tick=False)
    sweep_reminders.apply()
    assert [m.subject for m in mail.outbox] == ["Wachtende mail"]
    assert Notificatie.objects.get().email_status == EmailStatus.VERZONDEN
