"""Demo data: two municipalities and a user for every role.

Each app adds its own part through `aanbesteden.extensions.DEMO` (in its
extensions.py), so that the demo always shows every feature and the core imports no
phase. Safe to run twice: everything is looked up before it is made.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

from aanbesteden import extensions, services
from aanbesteden.constants import Functie
from aanbesteden.models import Gemeente, User

DEMO_PASSWORD = "Demo-wachtwoord-2026"
# Fixed TOTP secrets, so that a tester can add them to an authenticator app
# (or run `manage.py totp_code <e-mail>`) and the browser test can log in.
TOTP_SECRETS = {
    "beleid@eindhoven.demo": "JBSWY3DPEHPK3PXPEINDHOVEN",
    "inkoop@eindhoven.demo": "JBSWY3DPEHPK3PXPINKOOPEHV",
    "beleid@zwolle.demo": "JBSWY3DPEHPK3PXPZWOLLEBEL",
    "beheer@platform.demo": "JBSWY3DPEHPK3PXPBEHEERPLA",
}


@dataclass
class DemoLogin:
    rol: str
    email: str
    password: str
    totp_secret: str = ""


def _user(email, naam, **extra):
    user, created = User.objects.get_or_create(email=email, defaults={"naam": naam, **extra})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    secret = TOTP_SECRETS.get(email)
    if (
        secret
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    ):
        TOTP.activate(user, _b32(secret))
    return user


def _b32(secret):
    """Pad the readable demo secret to a valid base32 string (letters A-Z and 2-7 only)."""
    cleaned = "".join(ch for ch in secret.upper() if ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    return (cleaned + "A" * 32)[:32]


def totp_secret_for(email):
    secret = TOTP_SECRETS.get(email)
    return _b32(secret) if secret else ""


def _gemeente(beheerder, naam, slug, tokens):
    gemeente = Gemeente.objects.filter(slug=slug).first()
    if gemeente is None:
        gemeente = services.gemeente_aanmaken(
            actor=beheerder,
            naam=naam,
            slug=slug,
            design_tokens=tokens,
            # The complaints desk printed in every award letter (issue 13, point 12).
            klachtenmeldpunt_adres=f"Klachtenmeldpunt aanbesteden\nPostbus 1\n{naam}",
            klachtenmeldpunt_email=f"klachtenmeldpunt@{slug}.demo",
        )
    return gemeente


@transaction.atomic
def build():
    """The core's users and gemeenten, then each app's part (`aanbesteden.extensions.DEMO`),
    in order, sharing one context; returns every login."""
    beheerder = _user(
        "beheer@platform.demo",
        "Pim Platformbeheer",
        is_platformbeheerder=True,
        is_staff=True,
        is_superuser=True,
    )
    eindhoven = _gemeente(
        beheerder,
        "Eindhoven",
        "eindhoven",
        {"primary": "#b3122e", "header_background": "#5c0a18", "header_text": "#ffffff"},
    )
    zwolle = _gemeente(
        beheerder,
        "Zwolle",
        "zwolle",
        {"primary": "#005a8c", "header_background": "#00324d", "header_text": "#ffffff"},
    )
    beleid = _user("beleid@eindhoven.demo", "Bente Beleid")
    inkoop = _user("inkoop@eindhoven.demo", "Ivo Inkoop")
    zwolle_beleid = _user("beleid@zwolle.demo", "Zara Zwolle")
    services.medewerker_toevoegen(actor=beheerder, gemeente=eindhoven, user=beleid)
    services.medewerker_toevoegen(
        actor=beheerder, gemeente=eindhoven, user=inkoop, functie=Functie.INKOOP
    )
    services.medewerker_toevoegen(actor=beheerder, gemeente=zwolle, user=zwolle_beleid)
    ondernemer = _user("ondernemer@buurtkracht.demo", "Sam Sociaal Ondernemer")
    bewoner = _user("bewoner@commissie.demo", "Bas Bewoner")

    ctx = {
        "beheerder": beheerder,
        "eindhoven": eindhoven,
        "zwolle": zwolle,
        "beleid": beleid,
        "inkoop": inkoop,
        "zwolle_beleid": zwolle_beleid,
        "ondernemer": ondernemer,
        "bewoner": bewoner,
    }
    app_logins = []
    for bijdrage in extensions.DEMO:
        app_logins.extend(bijdrage(ctx) or [])

    return [
        DemoLogin(
            "platformbeheerder", beheerder.email, DEMO_PASSWORD, totp_secret_for(beheerder.email)
        ),
        DemoLogin(
            "beleidsmedewerker Eindhoven",
            beleid.email,
            DEMO_PASSWORD,
            totp_secret_for(beleid.email),
        ),
        DemoLogin("inkoper Eindhoven", inkoop.email, DEMO_PASSWORD, totp_secret_for(inkoop.email)),
        DemoLogin(
            "beleidsmedewerker Zwolle",
            zwolle_beleid.email,
            DEMO_PASSWORD,
            totp_secret_for(zwolle_beleid.email),
        ),
        DemoLogin("lid van een organisatie", ondernemer.email, DEMO_PASSWORD),
        DemoLogin("lid selectiecommissie (ook: inloggen met code)", bewoner.email, DEMO_PASSWORD),
        *app_logins,
    ]
