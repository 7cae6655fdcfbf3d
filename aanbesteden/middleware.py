from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

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


class StaffMustUseTwoFactorMiddleware:
    """Municipal staff and platform administrators set up TOTP before they reach their work."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and is_staff_user(user)
            and not has_totp(user)
        ):
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)


def has_totp(user):
    from allauth.mfa.models import Authenticator

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
        from django.conf import settings
        from django.utils import translation
        from django.utils.cache import patch_vary_headers

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response
