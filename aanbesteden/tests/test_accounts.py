import re

import pytest
from django.core import mail
from django.urls import reverse

from aanbesteden.models import User
from aanbesteden.tests.factories import PASSWORD, MedewerkerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_without_totp_must_set_it_up_before_reaching_their_work(client):
    medewerker = MedewerkerFactory(user=UserFactory(met_totp=False)).user
    response = client.post(
        reverse("account_login"), {"login": medewerker.email, "password": PASSWORD}
    )
    for url in (reverse("home"), reverse("notificaties"), reverse("trajecten:lijst")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_platform_administrator_without_totp_is_sent_to_set_it_up(client):
    client.force_login(UserFactory(beheerder=True))
    assert client.get(reverse("home"))["Location"].startswith(reverse("mfa_activate_totp"))


def test_staff_with_totp_and_other_users_reach_their_dashboard(client, medewerker, burger):
    client.force_login(medewerker)
    assert client.get(reverse("home")).status_code == 200
    client.force_login(burger)
    assert client.get(reverse("home")).status_code == 200


def test_staff_password_login_asks_for_the_second_step(client, medewerker):
    response = client.post(
        reverse("account_login"), {"login": medewerker.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")


def test_login_with_e_mail_address_and_password(client, burger):
    response = client.post(reverse("account_login"), {"login": burger.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_sign_up_asks_to_verify_the_e_mail_address(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "nieuw@buurt.nl",
            "password1": "Lange-zin-als-wachtwoord",
            "password2": "Lange-zin-als-wachtwoord",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email="nieuw@buurt.nl").exists()
    assert mail.outbox and mail.outbox[0].to == ["nieuw@buurt.nl"]
    # Without verification the account cannot log in yet.
    response = client.post(
        reverse("account_login"),
        {"login": "nieuw@buurt.nl", "password": "Lange-zin-als-wachtwoord"},
    )
    assert response["Location"] == reverse("account_email_verification_sent")


def test_password_reset_sends_a_link(client, burger):
    response = client.post(reverse("account_reset_password"), {"email": burger.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_resident_without_password_logs_in_with_an_e_mailed_code(client):
    bewoner = UserFactory(password=None)
    bewoner.set_unusable_password()
    bewoner.save()
    response = client.post(reverse("account_request_login_code"), {"email": bewoner.email})
    assert response.status_code == 302
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[0].body, re.M).group(1)
    response = client.post(response["Location"], {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == bewoner
