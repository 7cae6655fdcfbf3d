import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter


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
            from allauth.account.internal.flows.login import get_authentication_records

            from aanbesteden.middleware import has_totp

            records = get_authentication_records(request, request.user)
            if (
                not has_totp(request.user)
                and records
                and time.time() - records[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT
            ):
                return False
        return super().is_reauthentication_required(app=app, **kwargs)
