"""Logging in in tests.

`client.force_login(user)` stands for a complete login: the root conftest makes it record both
steps (password and TOTP) in the session, as allauth does after a real login, because the
two-factor middleware refuses a staff session without the second step.
`alleen_wachtwoord(client, user)` makes the session an attacker would have with the password
alone (Django's own login), for the tests that prove such a session reaches nothing.
"""

import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from django.test import Client

_force_login = Client.force_login


def _stappen_vastleggen(client, user, methods):
    session = client.session
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": method, "at": time.time(), **extra} for method, extra in methods
    ]
    session.save()


def volledig(client, user, backend=None):
    _force_login(client, user, backend)
    _stappen_vastleggen(
        client, user, [("password", {"email": user.email}), ("mfa", {"type": "totp"})]
    )


def alleen_wachtwoord(client, user, backend=None):
    _force_login(client, user, backend)
    _stappen_vastleggen(client, user, [("password", {"email": user.email})])
