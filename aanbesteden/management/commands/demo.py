from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from aanbesteden import demo


class Command(BaseCommand):
    help = (
        "Maakt demogegevens: twee gemeenten en een gebruiker voor elke rol. "
        "Veilig om twee keer te draaien."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_ALLOWED:
            raise CommandError("Demogegevens zijn uitgeschakeld met deze instellingen (productie).")
        logins = demo.build()
        self.stdout.write(self.style.SUCCESS("Demogegevens staan klaar. Inloggen kan met:"))
        breed = max((len(login.email) for login in logins), default=30)
        for login in logins:
            line = f"  {login.rol:<48} {login.email:<{breed}} wachtwoord: {login.password}"
            if login.totp_secret:
                line += f"  TOTP-geheim: {login.totp_secret}"
            self.stdout.write(line)
        self.stdout.write(
            "Medewerkers en de beheerder loggen in met een tweede stap (TOTP). Voeg het geheim "
            "toe aan een authenticator-app, of vraag de huidige code op met:\n"
            "  python manage.py totp_code <e-mailadres>"
        )
