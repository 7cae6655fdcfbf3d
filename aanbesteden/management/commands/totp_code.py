import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from aanbesteden import demo


def current_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


class Command(BaseCommand):
    help = "Toont de huidige TOTP-code van een demogebruiker (alleen voor demo's)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if not settings.DEMO_ALLOWED:
            raise CommandError("Alleen beschikbaar met demo-instellingen.")
        secret = demo.totp_secret_for(email)
        if not secret:
            raise CommandError(f"{email} is geen demogebruiker met TOTP.")
        self.stdout.write(current_code(secret))
