import base64
import hashlib
import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet
from django.conf import settings

from aanbesteden.middleware import has_totp


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are open to anyone: residents, entrepreneurs and officers alike.

    Roles are not chosen at sign-up; they come from the rows that give them
    (an officer is added by a colleague or the platform administrator).
    """

    def is_open_for_signup(self, request):
        return True

    def is_reauthentication_required(self, *, app, **kwargs):
        """Staff who must set up two-factor login right after logging in are not asked
        for their password a second time; any later change to it still asks."""
        request = getattr(self, "request", None)
        if app == "allauth.mfa" and request is not None and request.user.is_authenticated:
            records = get_authentication_records(request, request.user)
            if (
                not has_totp(request.user)
                and records
                and time.time() - records[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT
            ):
                return False
        return super().is_reauthentication_required(app=app, **kwargs)


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds are stored encrypted (Fernet), with a key that
    lives outside the database: `MFA_ENCRYPTION_KEY`, or by default one derived from
    `SECRET_KEY`. A database dump or the admin's password alone never yields anyone's
    second factor."""

    PREFIX = "fernet:"

    def encrypt(self, text):
        return self.PREFIX + _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text):
        if not encrypted_text.startswith(self.PREFIX):
            # Written before encryption (the migration encrypts these rows).
            return encrypted_text
        return _fernet().decrypt(encrypted_text.removeprefix(self.PREFIX).encode()).decode()


def _fernet():
    key = getattr(settings, "MFA_ENCRYPTION_KEY", "")
    if not key:
        digest = hashlib.sha256(b"aanbesteden-mfa:" + settings.SECRET_KEY.encode()).digest()
        key = base64.urlsafe_b64encode(digest).decode()
    return Fernet(key)
