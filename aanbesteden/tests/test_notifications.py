from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from aanbesteden import notifications
from aanbesteden.constants import EmailStatus
from aanbesteden.models import AuditEvent, Notificatie, UitgaandeMail
from aanbesteden.tasks import sweep_reminders
from aanbesteden.tests.factories import UserFactory


def _notify(user, **kwargs):
    with transaction.atomic():
        return notifications.notify(
            user,
            onderwerp=kwargs.pop("onderwerp", "Nieuwe vraag beantwoord"),
            tekst=kwargs.pop("tekst", "Er is een nieuwe nota van inlichtingen."),
            url="/trajecten/",
            **kwargs,
        )


@pytest.mark.django_db
def test_email_in_dutch_with_plain_text_and_html(django_capture_on_commit_callbacks):
    user = UserFactory(naam="Fatima de Vries", email="fatima@voorbeeld.nl")
    with django_capture_on_commit_callbacks(execute=True):
        notificatie = _notify(user)
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["fatima@voorbeeld.nl"]
    assert bericht.subject == "Nieuwe vraag beantwoord"
    assert "Beste Fatima de Vries," in bericht.body
    assert "http://127.0.0.1:8000/trajecten/" in bericht.body
    html, mimetype = bericht.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="nl">' in html
    assert "Er is een nieuwe nota van inlichtingen." in html
    notificatie.refresh_from_db()
    assert notificatie.email_status == EmailStatus.VERZONDEN


@pytest.mark.django_db
def test_in_app_only_sends_no_email(django_capture_on_commit_callbacks):
    user = UserFactory(alleen_app=True)
    with django_capture_on_commit_callbacks(execute=True):
        notificatie = _notify(user)
    assert mail.outbox == []
    assert notificatie.email_status == EmailStatus.NIET_NODIG


@pytest.mark.django_db
def test_sending_twice_sends_one_email(burger, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notificatie = _notify(burger)
    notifications.send_email(notificatie_id=notificatie.pk)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_unread_count_in_header_and_mark_read(client, burger):
    for i in range(3):
        _notify(burger, onderwerp=f"Melding {i}")
    client.force_login(burger)
    page = client.get(reverse("notificaties")).content.decode()
    assert "(3 ongelezen)" in page
    assert "Melding 2" in page
    eerste = Notificatie.objects.get(onderwerp="Melding 0")
    client.post(reverse("notificaties_gelezen"), {"notificatie": eerste.pk})
    assert "(2 ongelezen)" in client.get(reverse("home")).content.decode()
    client.post(reverse("notificaties_gelezen"))
    assert "ongelezen)" not in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_one_user_cannot_mark_anothers_notifications(client, burger):
    other = UserFactory()
    notificatie = _notify(other)
    client.force_login(burger)
    client.post(reverse("notificaties_gelezen"), {"notificatie": notificatie.pk})
    notificatie.refresh_from_db()
    assert notificatie.gelezen_op is None
    assert "Nieuwe vraag beantwoord" not in client.get(reverse("notificaties")).content.decode()


@pytest.mark.django_db
def test_choose_in_app_only(client, burger):
    client.force_login(burger)
    response = client.post(reverse("notificatie_voorkeur"), {"notificatie_voorkeur": "app"})
    assert response.status_code == 302
    burger.refresh_from_db()
    assert burger.notificatie_voorkeur == "app"

    event = AuditEvent.objects.get(event_type="gebruiker.voorkeur_gewijzigd")
    assert (event.actor, event.from_state, event.to_state) == (burger, "email", "app")
    response = client.post(reverse("notificatie_voorkeur"), {"notificatie_voorkeur": "fax"})
    assert response.status_code == 400
    assert 'aria-describedby="id_notificatie_voorkeur-fout"' in response.content.decode()


@pytest.mark.django_db
def test_notification_page_asks_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("notificaties"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_notification_page_queries_do_not_grow_with_rows(client, burger, count_queries):
    client.force_login(burger)
    for i in range(5):
        _notify(burger, onderwerp=f"Melding {i}")
    few = count_queries(lambda: client.get(reverse("notificaties")))
    for i in range(45):
        _notify(burger, onderwerp=f"Extra {i}")
    many = count_queries(lambda: client.get(reverse("notificaties")))
    assert few == many == 6


# E-mail to an address without an account (invitations)


@pytest.mark.django_db
def test_mail_to_an_address_is_sent_after_commit_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            uitgaand = notifications.mail_aan_adres(
                aan="nieuw@voorbeeld.nl",
                onderwerp="Uitnodiging",
                template="aanbesteden/mail/notificatie.txt",
                context={"notificatie": {"tekst": "Welkom"}, "link": "", "site_url": ""},
            )
            assert mail.outbox == []  # nothing leaves before the commit
    assert [(m.subject, m.to) for m in mail.outbox] == [("Uitnodiging", ["nieuw@voorbeeld.nl"])]
    uitgaand.refresh_from_db()
    assert uitgaand.status == EmailStatus.VERZONDEN and uitgaand.pogingen == 1
    notifications.send_uitgaande_mail(mail_id=uitgaand.pk)  # a second delivery of the task
    assert len(mail.outbox) == 1
    assert UitgaandeMail.objects.count() == 1


@pytest.mark.django_db
def test_the_sweep_sends_a_mail_a_lost_broker_left_waiting(time_machine):
    start = datetime(2026, 6, 1, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    time_machine.move_to(start, tick=False)
    UitgaandeMail.objects.create(aan="nieuw@voorbeeld.nl", onderwerp="Wachtend", tekst="Hallo")
    sweep_reminders.apply()
    assert mail.outbox == []  # not yet: the task may still be on its way
    time_machine.move_to(start + notifications.EMAIL_RETRY_AFTER, tick=False)
    sweep_reminders.apply()
    assert [m.subject for m in mail.outbox] == ["Wachtend"]
    assert UitgaandeMail.objects.get().status == EmailStatus.VERZONDEN
