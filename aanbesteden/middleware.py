from allauth.account.internal.flows.login import get_authentication_records, record_authentication
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from aanbesteden.selectors import is_staff_user


class RequestMomentMiddleware:
    """Stamps `request.ontvangen_op`: the moment the request reached the server, taken first.

    Deadlines are decided by this moment (a bid one second late is late), not by when a
    view, a lock or a worker gets to it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.ontvangen_op = timezone.now()
        return self.get_response(request)


def ontvangen_op(request):
    """The moment `request` reached the server (now, for a request made outside the stack)."""
    return getattr(request, "ontvangen_op", None) or timezone.now()


# Paths a staff member may reach before two-factor login is set up.
OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/health/", "/favicon.ico")
# Paths anyone may reach, also a session that has not passed the second step.
ALWAYS_OPEN_PREFIXES = ("/static/", "/i18n/", "/health/", "/favicon.ico")


def must_use_two_factor(user):
    """Municipal staff, platform administrators and anyone with Django's staff or superuser
    flag: their sessions count only after the second step (TOTP)."""
    return user.is_authenticated and (user.is_staff or user.is_superuser or is_staff_user(user))


def passed_second_factor(request, user):
    """Did this session's login include the second factor (TOTP or a recovery code)?

    allauth keeps a record of each authentication step of the session; the password
    alone, Django's own login or a login by e-mailed code leave no "mfa" record.
    """
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


class StaffMustUseTwoFactorMiddleware:
    """Municipal staff and platform administrators reach nothing without the second step.

    - Without a TOTP device yet: only the account pages, to set it up.
    - With one, a session whose login did not include it (however it was made) is ended and
      sent to the site's login, on every path.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and not request.path.startswith(ALWAYS_OPEN_PREFIXES)
            and must_use_two_factor(user)
        ):
            if not has_totp(user):
                if not request.path.startswith(OPEN_PREFIXES):
                    return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
            elif not passed_second_factor(request, user):
                logout(request)
                messages.warning(
                    request, _("Log in again with your password and the code from your app.")
                )
                return redirect(reverse("account_login"))
        return self.get_response(request)


def record_second_factor_on_activation(sender, request, user, authenticator, **kwargs):
    """Setting up TOTP proves the device with a valid code: that session has passed the
    second step (allauth itself records only a second step at login)."""
    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
        user._has_totp = True


def has_totp(user):
    cached = getattr(user, "_has_totp", None)
    if cached is None:
        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._has_totp = cached
    return cached


class DutchFirstLocaleMiddleware:
    """Dutch unless the visitor chose another language with the switch in the header.

    Django's LocaleMiddleware would follow the browser's Accept-Language; a Dutch
    government site speaks Dutch first, so only the language cookie counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response
