"""Factories for the core, with traits for lifecycle states.

UserFactory(met_totp=True)          staff member with two-factor set up
MedewerkerFactory(gemeente=g)       an officer of g (with TOTP)
DocumentFactory(klaar=True)         a rendered document
"""

import hashlib

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.base import ContentFile
from django.utils import timezone

from aanbesteden.constants import DocumentStatus, Functie
from aanbesteden.models import Document, Gemeente, Medewerker, User

PASSWORD = "Geheim-wachtwoord-1"
# A 1x1 PNG, for a gemeente's logo.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4b4"
    "0000000049454e44ae426082"
)
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@voorbeeld.nl")
    naam = factory.Faker("name", locale="nl_NL")
    password = factory.django.Password(PASSWORD)

    class Params:
        beheerder = factory.Trait(is_platformbeheerder=True, is_staff=True, is_superuser=True)
        alleen_app = factory.Trait(notificatie_voorkeur="app")

    @factory.post_generation
    def geverifieerd(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def met_totp(self, create, extracted, **kwargs):
        if create and extracted:
            TOTP.activate(self, TOTP_SECRET)


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("slug",)

    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    slug = factory.Sequence(lambda n: f"gemeente-{n}")
    design_tokens = factory.LazyFunction(lambda: {"primary": "#0b6ea8"})
    # Award letters need the complaints desk (issue 13, point 12).
    klachtenmeldpunt_adres = "Postbus 1\n1000 AA Gemeentestad"
    klachtenmeldpunt_email = "klachten@gemeente.example"


class MedewerkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Medewerker

    user = factory.SubFactory(UserFactory, met_totp=True)
    gemeente = factory.SubFactory(GemeenteFactory)
    functie = Functie.BELEID


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    titel = "Testdocument"
    template_name = "aanbesteden/pdf/test.html"
    context = factory.LazyFunction(lambda: {"tekst": "Hallo"})
    gemeente = factory.SubFactory(GemeenteFactory)

    class Params:
        klaar = factory.Trait(
            status=DocumentStatus.KLAAR,
            sha256=hashlib.sha256(b"%PDF-1.7 test").hexdigest(),
            bestand=factory.LazyFunction(lambda: ContentFile(b"%PDF-1.7 test", name="test.pdf")),
            gereed_op=factory.LazyFunction(timezone.now),
            pogingen=1,
        )
        mislukt = factory.Trait(status=DocumentStatus.MISLUKT, pogingen=1, fout="ValueError: kapot")
