"""The sealed vault (issue 6, "Done when"): every URL of the site, the admin included, asked
as every role other than the bidder, never shows a bid's content before the vault of its
stage is opened: not before the deadline, and not after it until two officers open it.

A submitted bid carries a unique marker in every content field, in its attachment's name
and in its attachment's bytes. The URL list comes from Django's resolver, so a page added
later is asked too; path parameters are filled with every id that matters (the bid, its
version, attachment, trajectory, lot, organisations, coalition, documents, ...; every pk of
the model for the admin's pages; every uuid that exists).

Also: nothing else that anyone sees changes when a bid is submitted, changed or withdrawn.
"""

import itertools
import re
import uuid
from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern
from django.utils import timezone
from django.utils.html import escape

from aanbesteden.exceptions import DomainError
from aanbesteden.models import Document, Notificatie
from aanbesteden.tests import inloggen
from aanbesteden.tests.factories import PASSWORD, GemeenteFactory, MedewerkerFactory, UserFactory
from beoordeling.constants import Ronde
from beoordeling.models import Bijlage, Bod, BodVersie, KluisOpening
from beoordeling.selectors import kluis
from beoordeling.services import bieden as bieden_services
from beoordeling.services import commissie as commissie_services
from beoordeling.services import kluis as kluis_services
from beoordeling.services.bieden import bod_url
from beoordeling.tests.factories import (
    BelangenverklaringFactory,
    CommissielidFactory,
    alles_verklaard,
    verklaren,
)
from beoordeling.tests.kluisteam import in_team
from coalities.constants import PartnerRol, PartnerStatus
from coalities.models import CoalitiePartner, Lidmaatschap
from coalities.services import coalitie as coalitie_services
from coalities.tests.factories import (
    CoalitieFactory,
    CoalitiePartnerFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    SleutelpartijFactory,
)
from trajecten.models import Rectificatie, Traject
from trajecten.services.opstellen import sectie_opslaan
from trajecten.tests.factories import TrajectFactory

MARKER = f"ZEGEL{uuid.uuid4().hex[:12]}"
BIJLAGE_MARKER = f"BIJLAGEBYTES{uuid.uuid4().hex[:12]}"

ROLLEN = [
    "anoniem",
    "burger",
    "lid_andere_organisatie",
    "commissielid",
    "medewerker",
    "medewerker_andere_gemeente",
    "beheerder",
]


def _inhoud(stap):
    """Content for each step of the form, the marker in every field."""
    return {
        "plan": {"plan": f"Plan {MARKER}"},
        "wie": {"wie": f"Wie {MARKER}"},
        # Issue 14, point 4: the outline's rough budget.
        "globale_begroting": {"globale_begroting": {"totaal": "1000", "regels": f"R {MARKER}"}},
        "planning": {"planning": f"Planning {MARKER}"},
        "begroting": {"begroting": [{"partner": f"P {MARKER}", "jaar": 2027, "bedrag": "1000"}]},
        "financiering": {
            "financiering": [{"bron": "gemeente", "bedrag": "1000", "toelichting": MARKER}]
        },
        "verdienmodel": {"verdienmodel": f"Verdienmodel {MARKER}"},
        "resultaten": {"resultaten": f"Resultaten {MARKER}"},
        "sroi": {"sroi": f"SROI {MARKER}"},
    }.get(stap, {})


def _pdf_met_marker():
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% "
        + BIJLAGE_MARKER.encode()
        + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


def _indienen(bod, actor, moment, captured):
    moment = moment or timezone.now()
    with captured(execute=True):
        return bieden_services.bod_indienen(actor=actor, bod=bod, ontvangen_op=moment)


@pytest.fixture
def wereld(db, django_capture_on_commit_callbacks):
    gemeente = GemeenteFactory(naam="Eindhoven", slug="eindhoven")
    zwolle = GemeenteFactory(naam="Zwolle", slug="zwolle")
    medewerker = MedewerkerFactory(gemeente=gemeente).user
    traject = TrajectFactory(
        gemeente=gemeente, volledig=True, gepubliceerd=True, aangemaakt_door=medewerker
    )
    perceel = traject.percelen.first()
    organisatie = OrganisatieFactory(naam="Stichting De Bieder")
    bieder = LidmaatschapFactory(organisatie=organisatie, beheerder=True).user
    partner_organisatie = OrganisatieFactory(naam="Buurtvereniging De Partner")
    partnerlid = LidmaatschapFactory(organisatie=partner_organisatie).user
    coalitie = CoalitieFactory(traject=traject, naam="Coalitie Samen")
    CoalitiePartnerFactory(
        coalitie=coalitie, organisatie=organisatie, penvoerder=True, geaccepteerd=True
    )
    CoalitiePartnerFactory(coalitie=coalitie, organisatie=partner_organisatie, geaccepteerd=True)
    andere_organisatie = OrganisatieFactory()
    commissielid = CommissielidFactory(traject=traject)
    users = {
        "anoniem": None,
        "burger": UserFactory(),
        "lid_andere_organisatie": LidmaatschapFactory(
            organisatie=andere_organisatie, beheerder=True
        ).user,
        "commissielid": commissielid.user,
        "medewerker": medewerker,
        "medewerker_andere_gemeente": MedewerkerFactory(gemeente=zwolle).user,
        "beheerder": UserFactory(beheerder=True, met_totp=True),
    }
    return {
        "gemeente": gemeente,
        "traject": traject,
        "perceel": perceel,
        "organisatie": organisatie,
        "coalitie": coalitie,
        "bieder": bieder,
        "partnerlid": partnerlid,
        "commissielid": commissielid,
        "users": users,
        "captured": django_capture_on_commit_callbacks,
    }


def _bod_maken(w, moment, *, bieder=None, organisatie=None, coalitie=None):
    """Start, fill every step, add an attachment, submit: through the bidders' services."""
    traject, bieder = w["traject"], bieder or w["bieder"]
    bod = bieden_services.bod_starten(
        actor=bieder,
        traject=traject,
        perceel=w["perceel"],
        organisatie=organisatie or w["organisatie"],
        coalitie=coalitie or w["coalitie"],
        ontvangen_op=moment,
    )
    for stap in bieden_services.stappen_voor(traject, w["perceel"], bod.ronde):
        if _inhoud(stap.slug):
            bieden_services.concept_opslaan(
                actor=bieder, bod=bod, stap=stap.slug, gegevens=_inhoud(stap.slug)
            )
    bieden_services.bijlage_toevoegen(
        actor=bieder,
        bod=bod,
        bestand=SimpleUploadedFile(
            f"begroting-{MARKER}.pdf", _pdf_met_marker(), content_type="application/pdf"
        ),
        ontvangen_op=moment,
    )
    _indienen(bod, bieder, moment, w["captured"])
    bod.refresh_from_db()
    return bod


def _kluis_openen(w, medewerker, collega):
    """Five minutes after the deadline, two officers open the vault of the outline bids."""
    traject = w["traject"]
    in_team(traject, medewerker, collega)  # issue 13, rule 2: the trajectory's team opens it
    with time_machine.travel(traject.inschrijving_sluit + timedelta(minutes=5), tick=False):
        opening = kluis_services.kluis_opening_starten(
            actor=medewerker, traject=traject, ronde=Ronde.HOOFDLIJNEN
        )
        with w["captured"](execute=True):
            kluis_services.kluis_openen(actor=collega, opening=opening)


@pytest.fixture
def ingediend(wereld):
    """A submitted bid with a receipt, well before the deadline; the committee member has
    even signed a declaration without conflict for it."""
    bod = _bod_maken(wereld, None)
    assert bod.status == "ingediend"
    assert bod.versies.get().ontvangstbewijs is not None
    BelangenverklaringFactory(commissielid=wereld["commissielid"], bod=bod)
    wereld["bod"] = bod
    return wereld


# --- every URL of the site ---------------------------------------------------------------

ROUTE_PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<naam>[^>]+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<naam>\w+)>(?P<patroon>[^)]*)\)")


def _patronen():
    """Every URL pattern of the site as a list of pieces (the resolver's patterns)."""

    def walk(patterns, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, [*prefix, p.pattern])
            else:
                yield [*prefix, p.pattern], p

    yield from walk(get_resolver().url_patterns, [])


def _tokens(pieces):
    """("lit", text) and ("param", converter, name, regex-pattern) tokens of a URL."""
    tokens = []
    for piece in pieces:
        text = str(piece)
        if isinstance(piece, RegexPattern):
            text = text.removeprefix("^").removesuffix("$")
            pos = 0
            for m in REGEX_GROUP.finditer(text):
                tokens.append(("lit", text[pos : m.start()].replace("\\", "")))
                tokens.append(("param", "regex", m["naam"], m["patroon"]))
                pos = m.end()
            tokens.append(("lit", text[pos:].replace("\\", "")))
        else:
            pos = 0
            for m in ROUTE_PARAM.finditer(text):
                tokens.append(("lit", text[pos : m.start()]))
                tokens.append(("param", m["conv"] or "str", m["naam"], ""))
                pos = m.end()
            tokens.append(("lit", text[pos:]))
    return tokens


def _alle_uuids():
    waarden = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.UUIDField):
                waarden += [str(v) for v in model.objects.values_list(field.name, flat=True)]
    return waarden


class Waarden:
    """The values tried for each path parameter."""

    def __init__(self, w):
        bod = w["bod"]
        versies = list(BodVersie.objects.filter(bod=bod))
        self.bod_ids = [bod.pk]
        self.kern = sorted(
            {
                bod.pk,
                *(v.pk for v in versies),
                *Bijlage.objects.filter(bod=bod).values_list("pk", flat=True),
                *(v.ontvangstbewijs_id for v in versies if v.ontvangstbewijs_id),
                *KluisOpening.objects.filter(traject=w["traject"]).values_list("pk", flat=True),
            }
        )
        self.alle = sorted(
            {
                *self.kern,
                w["traject"].pk,
                w["perceel"].pk,
                w["organisatie"].pk,
                w["coalitie"].pk,
                w["commissielid"].pk,
                *w["coalitie"].partners.values_list("pk", flat=True),
                *w["organisatie"].lidmaatschappen.values_list("pk", flat=True),
                *Document.objects.values_list("pk", flat=True),
            }
        )
        self.hints = {
            "traject_pk": [w["traject"].pk],
            "bod_pk": self.bod_ids,
            "lid_pk": [
                w["commissielid"].pk,
                *w["organisatie"].lidmaatschappen.values_list("pk", flat=True),
            ],
            "organisatie_pk": [w["organisatie"].pk],
            "partner_pk": list(w["coalitie"].partners.values_list("pk", flat=True)),
            "nummer": [1, 2],
        }
        self.uuids = _alle_uuids()
        self.slugs = {
            "slug": [w["gemeente"].slug],
            "ronde": list(Ronde.values),
            "stap": list(bieden_services.STAP_SLUGS),
        }
        self.content_types = [
            ContentType.objects.get_for_model(m).pk for m in (Bod, BodVersie, Bijlage, Document)
        ]

    def voor(self, token, tokens, eerste_int):
        _, conv, naam, patroon = token
        if conv == "regex":
            if re.fullmatch(r"[\w|]+", patroon):
                return patroon.split("|")  # the admin's app labels
            return ["x"]
        if conv == "int":
            if eerste_int:
                return self.alle
            return self.hints.get(naam, self.kern)
        if conv == "uuid":
            return self.uuids
        if conv == "slug":
            return self.slugs.get(naam, ["x"])
        if conv == "path" and naam == "content_type_id":
            return self.content_types
        if naam in ("object_id", "id"):
            model = self._admin_model(tokens)
            if model is not None:
                return [str(pk) for pk in model.objects.values_list("pk", flat=True)[:500]]
            return [str(pk) for pk in self.kern]
        return ["x"]

    @staticmethod
    def _admin_model(tokens):
        tekst = "".join(t[1] for t in tokens if t[0] == "lit")
        m = re.match(r"beheer/(\w+)/(\w+)/", tekst)
        if not m:
            return None
        try:
            return apps.get_model(m[1], m[2])
        except LookupError:
            return None


def _urls(waarden):
    """Every concrete URL to ask (GET), from every pattern of the resolver."""
    urls = []
    for pieces, pattern in _patronen():
        naam = pattern.name or ""
        tokens = _tokens(pieces)
        tekst = "".join(t[1] for t in tokens if t[0] == "lit")
        if "logout" in naam or "logout" in tekst:
            continue
        if tekst.startswith("health/"):
            continue  # the infrastructure probe: no data; it pings the broker and a worker
        if any(t[0] == "param" and t[2] == "url" and t[3] == ".*" for t in tokens):
            continue  # the admin's catch-all
        params = [t for t in tokens if t[0] == "param"]
        keuzes = []
        eerste_int = True
        for t in params:
            keuzes.append(waarden.voor(t, tokens, eerste_int))
            if t[1] == "int":
                eerste_int = False
        for combinatie in itertools.product(*keuzes):
            delen, i = [], 0
            for t in tokens:
                if t[0] == "lit":
                    delen.append(t[1])
                else:
                    delen.append(str(combinatie[i]))
                    i += 1
            urls.append("/" + "".join(delen))
    return sorted(set(urls))


def _body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _vind(client, urls, zoek):
    """The URLs whose answer contains one of the byte strings in `zoek`, and the count."""
    gevonden = []
    for url in urls:
        response = client.get(url)
        body = _body(response)
        for z in zoek:
            if z in body:
                gevonden.append((url, response.status_code, z.decode()))
    return gevonden


def _client(user):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


ZOEK = [MARKER.encode(), BIJLAGE_MARKER.encode()]


def _sweep_niemand_ziet_iets(w):
    urls = _urls(Waarden(w))
    assert len(urls) > 200
    for rol in ROLLEN:
        gevonden = _vind(_client(w["users"][rol]), urls, ZOEK)
        assert gevonden == [], f"{rol} sees bid content at {gevonden}"
    return urls


@pytest.mark.django_db
def test_nobody_sees_the_content_before_the_deadline(ingediend):
    w = ingediend
    assert not kluis.is_verlopen(w["traject"], Ronde.HOOFDLIJNEN)
    _sweep_niemand_ziet_iets(w)


@pytest.mark.django_db
def test_nobody_sees_the_content_after_the_deadline_before_the_opening(ingediend):
    w = ingediend
    traject = w["traject"]
    in_team(traject, w["users"]["medewerker"])
    with time_machine.travel(traject.inschrijving_sluit + timedelta(minutes=5), tick=False):
        # One officer has started the opening; nobody has confirmed it yet.
        kluis_services.kluis_opening_starten(
            actor=w["users"]["medewerker"], traject=traject, ronde=Ronde.HOOFDLIJNEN
        )
        assert kluis.is_verlopen(traject, Ronde.HOOFDLIJNEN)
        assert not kluis.is_geopend(traject, Ronde.HOOFDLIJNEN)
        _sweep_niemand_ziet_iets(w)


@pytest.mark.django_db
def test_positive_controls(ingediend):
    """The sweep would see the content where it is allowed: the bidders (their own bid)
    and, after the opening, an officer of the gemeente and the declared committee member."""
    w = ingediend
    bod, traject = w["bod"], w["traject"]
    for user in (w["bieder"], w["partnerlid"]):
        assert kluis.mag_inhoud_zien(user, bod)
        assert MARKER in str(kluis.inhoud_van(user, bod))
    try:
        bod_url = reverse("beoordeling:bod", args=[bod.pk])
    except NoReverseMatch:
        bod_url = None
    if bod_url is not None:
        response = _client(w["bieder"]).get(bod_url)
        assert response.status_code == 200
        assert MARKER.encode() in response.content

    medewerker = w["users"]["medewerker"]
    collega = MedewerkerFactory(gemeente=w["gemeente"]).user
    _kluis_openen(w, medewerker, collega)
    # Issue 13, rule 5: an officer reads after both declarations.
    assert not kluis.mag_inhoud_zien(medewerker, bod)
    alles_verklaard(medewerker, traject)
    assert kluis.mag_inhoud_zien(medewerker, bod)
    assert kluis.mag_inhoud_zien(w["commissielid"].user, bod)
    assert not kluis.mag_inhoud_zien(w["users"]["beheerder"], bod)
    assert not kluis.mag_inhoud_zien(w["users"]["medewerker_andere_gemeente"], bod)

    # The same sweep finds the content for the officer now: it really asks the pages.
    urls = _urls(Waarden(w))
    url = reverse("beoordeling:geopende_biedingen", args=[traject.pk])
    assert url in urls
    gevonden = _vind(_client(medewerker), urls, [MARKER.encode()])
    assert url in {g[0] for g in gevonden}
    # And still nothing for the platform administrator or another gemeente.
    for rol in ("beheerder", "medewerker_andere_gemeente", "anoniem", "burger"):
        assert _vind(_client(w["users"][rol]), urls, ZOEK) == [], rol


# --- nothing else changes -------------------------------------------------------------------

# CSRF tokens differ per request: the form field, the meta tag and htmx's header.
CSRF = re.compile(rb'(csrfmiddlewaretoken" value="|X-CSRFToken": "|csrf-token" content=")[^"]*')


def _schoon(body):
    return CSRF.sub(rb"\1CSRF", body)


def _paginas(w):
    traject = w["traject"]
    users = w["users"]
    paginas = [
        ("anoniem", reverse("trajecten:detail", args=[traject.pk])),
        ("burger", reverse("trajecten:detail", args=[traject.pk])),
        ("medewerker", reverse("trajecten:detail", args=[traject.pk])),
        ("lid_andere_organisatie", reverse("coalities:partnerbord", args=[traject.pk])),
        ("medewerker", reverse("coalities:partnerbord", args=[traject.pk])),
        ("medewerker", reverse("trajecten:beheer", args=[traject.pk])),
        # Issue 13, rule 3: not even the vault page tells the officers how many bids arrived.
        ("medewerker", reverse("beoordeling:kluis", args=[traject.pk])),
        ("commissielid", reverse("trajecten:detail", args=[traject.pk])),
        # The admin's audit log: no trace of who submitted, changed or withdrew, or when.
        ("beheerder", "/beheer/aanbesteden/auditevent/"),
        ("beheerder", "/beheer/aanbesteden/auditevent/?event_type=coalitie.vergrendeld"),
        ("beheerder", "/beheer/aanbesteden/document/"),
    ]
    result = {}
    for rol, url in paginas:
        response = _client(users[rol]).get(url)
        assert response.status_code == 200, (rol, url)
        result[(rol, url)] = _schoon(response.content)
    return result


@pytest.mark.django_db
def test_nothing_else_changes_when_a_bid_is_submitted_changed_or_withdrawn(wereld):
    w = wereld
    moment = w["traject"].inschrijving_sluit - timedelta(days=3)
    with time_machine.travel(moment, tick=False):
        voor = _paginas(w)
        bod = _bod_maken(w, moment)
        assert _paginas(w) == voor, "a submission changed a page"

        bieden_services.concept_opslaan(
            actor=w["bieder"], bod=bod, stap="plan", gegevens={"plan": f"Nieuw {MARKER}"}
        )
        versie = _indienen(bod, w["bieder"], moment, w["captured"])
        assert versie.nummer == 2
        assert _paginas(w) == voor, "a new version changed a page"

        with w["captured"](execute=True):
            bieden_services.bod_intrekken(actor=w["bieder"], bod=bod, ontvangen_op=moment)
        assert _paginas(w) == voor, "a withdrawal changed a page"


# --- the doors of issue 11 -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_administrator_without_the_second_step_reaches_nothing(ingediend):
    """Through /beheer/login/ and through the site's login with the password alone, the
    platform administrator gets no session that reaches the admin or a bid."""
    w = ingediend
    beheerder = w["users"]["beheerder"]
    urls = ["/beheer/", "/beheer/aanbesteden/auditevent/", "/meldingen/"] + [
        reverse("beoordeling:bod", args=[w["bod"].pk])
    ]

    admin_login = Client()
    admin_login.post("/beheer/login/", {"username": beheerder.email, "password": PASSWORD})
    site_login = Client()
    response = site_login.post(
        reverse("account_login"), {"login": beheerder.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    alleen_wachtwoord = Client()
    inloggen.alleen_wachtwoord(alleen_wachtwoord, beheerder)

    for client in (admin_login, site_login, alleen_wachtwoord):
        for url in urls:
            response = client.get(url)
            assert response.status_code == 302, url
            assert "/login/" in response["Location"], url
            assert MARKER.encode() not in _body(response)
        assert "_auth_user_id" not in client.session


def bieder_email(w):
    return escape(str(w["bieder"]))


@pytest.mark.django_db
def test_the_administrator_cannot_make_itself_a_member_of_the_bidding_organisation(ingediend):
    w = ingediend
    beheerder, organisatie = w["users"]["beheerder"], w["organisatie"]
    client = _client(beheerder)
    change = f"/beheer/coalities/organisatie/{organisatie.pk}/change/"
    response = client.get(change)
    assert response.status_code == 200
    # The members are shown, but there is no field to add or change one.
    assert bieder_email(w).encode() in response.content
    assert b'name="lidmaatschappen-0-user"' not in response.content
    assert b'name="lidmaatschappen-__prefix__-user"' not in response.content
    aantal = Lidmaatschap.objects.filter(organisatie=organisatie).count()
    response = client.post(
        change,
        {
            "naam": organisatie.naam,
            "type": organisatie.type,
            "lidmaatschappen-TOTAL_FORMS": "1",
            "lidmaatschappen-INITIAL_FORMS": "0",
            "lidmaatschappen-0-user": str(beheerder.pk),
            "lidmaatschappen-0-rol": "beheerder",
        },
    )
    assert response.status_code == 403
    for path in ("/beheer/coalities/lidmaatschap/add/", "/beheer/coalities/coalitiepartner/add/"):
        assert client.get(path).status_code == 404, path
    assert Lidmaatschap.objects.filter(organisatie=organisatie).count() == aantal
    assert not Lidmaatschap.objects.filter(user=beheerder).exists()
    assert not kluis.mag_inhoud_zien(beheerder, w["bod"])


# --- a declared conflict (issue 11, point 7) -------------------------------------------------


@pytest.mark.django_db
def test_conflict_declared_stops_all_access_to_that_bid(wereld):
    """The committee member, an officer who sits on the committee and an officer who does
    not declare a conflict of interest for the bid's lot once the vault is opened: then no
    page or download shows any of its markers to any of them; nor to a member and an
    officer who signed only one of the two declarations (issue 13, rule 5). An officer who
    signed both without conflict sees them (so the sweep really finds them)."""
    w = wereld
    traject = w["traject"]
    bod = _bod_maken(w, None)
    w["bod"] = bod
    buiten_commissie = w["users"]["medewerker"]
    medewerker = MedewerkerFactory(gemeente=w["gemeente"]).user
    CommissielidFactory(traject=traject, user=medewerker, is_bewoner=False)
    collega = MedewerkerFactory(gemeente=w["gemeente"]).user
    _kluis_openen(w, buiten_commissie, collega)
    assert kluis.is_geopend(traject, Ronde.HOOFDLIJNEN)
    alles_verklaard(buiten_commissie, traject)
    medewerker_gewraakt = MedewerkerFactory(gemeente=w["gemeente"]).user
    gewraakt = (w["commissielid"].user, medewerker, medewerker_gewraakt)
    for user in gewraakt:
        verklaren(
            actor=user, bod=bod, conflict=True, toelichting="Mijn buurvrouw zit in het bestuur."
        )
        assert not kluis.mag_inhoud_zien(user, bod)

    urls = _urls(Waarden(w))
    beoordeling_urls = [u for u in urls if u.startswith("/beoordeling/")]
    assert len(beoordeling_urls) > 30
    # The positive control: the officer not on the committee finds the markers.
    gevonden = _vind(_client(buiten_commissie), urls, ZOEK)
    assert {z for _u, _s, z in gevonden} == {MARKER, BIJLAGE_MARKER}
    # Only one of the two declarations: nothing either.
    alleen_geheim = MedewerkerFactory(gemeente=w["gemeente"]).user
    commissie_services.geheimhouding_tekenen(actor=alleen_geheim, traject=traject)
    alleen_perceel = CommissielidFactory(traject=traject)
    BelangenverklaringFactory(commissielid=alleen_perceel, bod=bod, geheimhouding=False)
    for user in (alleen_geheim, alleen_perceel.user):
        assert not kluis.mag_inhoud_zien(user, bod)
    for user in (*gewraakt, alleen_geheim, alleen_perceel.user):
        assert _vind(_client(user), urls, ZOEK) == [], user


# --- the deadline cannot move earlier (issue 11, point 4) -------------------------------------


@pytest.mark.django_db
def test_bid_deadline_cannot_move_earlier_after_publication(wereld):
    """Two officers cannot open the vault early by moving the bid deadline to a few minutes
    from now through a correction: the page and the service refuse, the deadline stays."""
    w = wereld
    traject = w["traject"]
    _bod_maken(w, None)
    medewerker = w["users"]["medewerker"]
    collega = MedewerkerFactory(gemeente=w["gemeente"]).user
    oud = traject.inschrijving_sluit
    binnenkort = timezone.now() + timedelta(minutes=5)

    # Through the correction page, as the trajectory's officer.
    data = {
        veld: timezone.localtime(getattr(traject, veld)).strftime("%Y-%m-%dT%H:%M")
        for veld in Traject.MIJLPALEN
    }
    # The questions close a minute earlier still, so the order of the milestones holds.
    vragen = binnenkort - timedelta(minutes=1)
    data["vragen_sluit"] = timezone.localtime(vragen).strftime("%Y-%m-%dT%H:%M")
    data["inschrijving_sluit"] = timezone.localtime(binnenkort).strftime("%Y-%m-%dT%H:%M")
    data["rectificatie-reden"] = "Eerder sluiten"
    response = _client(medewerker).post(
        reverse("trajecten:sectie", args=[traject.pk, "planning"]), data
    )
    assert response.status_code == 200
    fouten = response.context["onderdelen"][0][1].errors
    assert {"vragen_sluit", "inschrijving_sluit"} & set(fouten)
    # And through the service itself.
    with pytest.raises(DomainError):
        sectie_opslaan(
            actor=medewerker,
            traject=traject,
            sectie="planning",
            wijzigingen={"vragen_sluit": vragen, "inschrijving_sluit": binnenkort},
            reden="Eerder sluiten",
        )
    with pytest.raises(DomainError):
        sectie_opslaan(
            actor=medewerker,
            traject=traject,
            sectie="planning",
            wijzigingen={"inschrijving_sluit": oud - timedelta(days=1)},
            reden="Een dag eerder",
        )
    traject.refresh_from_db()
    assert traject.inschrijving_sluit == oud
    assert not Rectificatie.objects.filter(traject=traject).exists()

    # A few minutes later the vault is still sealed: it opens only after the original deadline.
    in_team(traject, medewerker, collega)
    with time_machine.travel(binnenkort + timedelta(minutes=1), tick=False):
        assert not kluis.is_verlopen(traject, Ronde.HOOFDLIJNEN)
        with pytest.raises(DomainError):
            kluis_services.kluis_opening_starten(
                actor=medewerker, traject=traject, ronde=Ronde.HOOFDLIJNEN
            )
    assert not KluisOpening.objects.filter(traject=traject).exists()
    assert not kluis.mag_inhoud_zien(collega, Bod.objects.get(traject=traject))


# --- issue 11, point 6: an invited partner that has not accepted --------------------------


class _WaardenZonderBod(Waarden):
    """The values of `Waarden` for pages that exist before any bid: the coalition's ids."""

    def __init__(self, w, organisaties):
        coalitie = w["coalitie"]
        partners = list(coalitie.partners.values_list("pk", flat=True))
        leden = [
            lid.pk for o in [w["organisatie"], *organisaties] for lid in o.lidmaatschappen.all()
        ]
        ids = sorted(
            {
                w["traject"].pk,
                w["perceel"].pk,
                coalitie.pk,
                *partners,
                *leden,
                w["organisatie"].pk,
                *(o.pk for o in organisaties),
            }
        )
        self.bod_ids = []
        self.kern = self.alle = ids
        self.hints = {
            "traject_pk": [w["traject"].pk],
            "lid_pk": leden,
            "organisatie_pk": [w["organisatie"].pk, *(o.pk for o in organisaties)],
            "partner_pk": partners,
            "nummer": [1, 2],
        }
        self.uuids = _alle_uuids()
        self.slugs = {"slug": [w["gemeente"].slug], "ronde": list(Ronde.values), "stap": ["x"]}
        self.content_types = []


@pytest.mark.django_db
def test_invited_partner_that_has_not_accepted_sees_nothing_of_the_bid(wereld):
    """An organisation invited to the bidding coalition, not (yet) accepted: every coalities
    page it can reach is the same before the bid, after its submission, after a new version,
    after a withdrawal and after submitting again; and it can still accept or decline."""
    w = wereld
    traject, coalitie = w["traject"], w["coalitie"]
    # One stage: its bid locks the coalition. (Issue 14, point 5: in a two-stage trajectory
    # an invited partner may still join between the outline bid and the elaborated plan.)
    type(traject).objects.filter(pk=traject.pk).update(uitwerking_sluit=None)
    traject.uitwerking_sluit = None
    uitgenodigd = OrganisatieFactory(naam="Wijkteam Nog Niet Geaccepteerd")
    beheerder = LidmaatschapFactory(organisatie=uitgenodigd, beheerder=True).user
    partner = CoalitiePartnerFactory(
        coalitie=coalitie, organisatie=uitgenodigd, bijdrage="Koffie en een ruimte"
    )
    assert partner.status == PartnerStatus.UITGENODIGD
    moment = traject.inschrijving_sluit - timedelta(days=3)
    with time_machine.travel(moment, tick=False):
        urls = sorted(
            u for u in _urls(_WaardenZonderBod(w, [uitgenodigd])) if u.startswith("/organisaties/")
        )
        assert coalitie.get_absolute_url() in urls and len(urls) > 20
        client = _client(beheerder)

        def paginas():
            uit = {}
            for url in urls:
                response = client.get(url)
                uit[url] = (response.status_code, _schoon(_body(response)))
            return uit

        voor = paginas()
        assert voor[coalitie.get_absolute_url()][0] == 200
        pagina = voor[coalitie.get_absolute_url()][1].decode()
        assert reverse("coalities:coalitie_accepteren", args=[coalitie.pk]) in pagina
        assert reverse("coalities:coalitie_afwijzen", args=[coalitie.pk]) in pagina
        assert "Koffie en een ruimte" in pagina  # what is asked of it

        bod = _bod_maken(w, moment)
        coalitie.refresh_from_db()
        assert coalitie.is_vergrendeld
        assert paginas() == voor, "a submission changed what the invited partner sees"

        bieden_services.concept_opslaan(
            actor=w["bieder"], bod=bod, stap="plan", gegevens={"plan": f"Nieuw {MARKER}"}
        )
        assert _indienen(bod, w["bieder"], moment, w["captured"]).nummer == 2
        assert paginas() == voor, "a new version changed what the invited partner sees"

        with w["captured"](execute=True):
            bieden_services.bod_intrekken(actor=w["bieder"], bod=bod, ontvangen_op=moment)
        assert paginas() == voor, "a withdrawal changed what the invited partner sees"

        _indienen(bod, w["bieder"], moment, w["captured"])
        coalitie.refresh_from_db()
        assert coalitie.is_vergrendeld and coalitie.versie == 2
        assert paginas() == voor, "submitting again changed what the invited partner sees"
        for _status, body in voor.values():
            assert MARKER.encode() not in body and BIJLAGE_MARKER.encode() not in body

        # It can still answer: accepting is recorded (it joins from the next version) ...
        accepteren = reverse("coalities:coalitie_accepteren", args=[coalitie.pk])
        response = client.post(accepteren, {"partner": partner.pk})
        assert response.status_code == 302
        partner.refresh_from_db()
        assert partner.status == PartnerStatus.UITGENODIGD
        assert partner.toegezegd_op == timezone.now()
        assert not kluis.mag_inhoud_zien(beheerder, bod)
        # ... and declining too.
        afwijzen = reverse("coalities:coalitie_afwijzen", args=[coalitie.pk])
        response = client.post(afwijzen, {"partner": partner.pk})
        assert response.status_code == 302
        partner.refresh_from_db()
        assert partner.status == PartnerStatus.AFGEWEZEN


# --- issue 13, rule 1: a key party and a subcontractor of two coalitions on one lot ---------

TOEZEGGING = "Twee middagen per week het speellokaal en hulp bij het bereiken van ouders."


class _WaardenTweeCoalities(Waarden):
    """The values of `Waarden` for both bids, both coalitions and every organisation."""

    def __init__(self, w):
        super().__init__(w)
        biedingen = [w["bod"], w["tweede_bod"]]
        coalities = [w["coalitie"], w["tweede_coalitie"]]
        versies = list(BodVersie.objects.filter(bod__in=biedingen))
        partners = list(CoalitiePartner.objects.filter(coalitie__in=coalities))
        organisatie_ids = {p.organisatie_id for p in partners}
        leden = list(
            Lidmaatschap.objects.filter(organisatie_id__in=organisatie_ids).values_list(
                "pk", flat=True
            )
        )
        self.bod_ids = [b.pk for b in biedingen]
        self.kern = sorted(
            {
                *self.kern,
                *self.bod_ids,
                *(v.pk for v in versies),
                *Bijlage.objects.filter(bod__in=biedingen).values_list("pk", flat=True),
                *(v.ontvangstbewijs_id for v in versies if v.ontvangstbewijs_id),
            }
        )
        self.alle = sorted(
            {
                *self.alle,
                *self.kern,
                *(c.pk for c in coalities),
                *(p.pk for p in partners),
                *organisatie_ids,
                *leden,
            }
        )
        self.hints = {
            **self.hints,
            "bod_pk": self.bod_ids,
            "lid_pk": [w["commissielid"].pk, *leden],
            "organisatie_pk": sorted(organisatie_ids),
            "partner_pk": [p.pk for p in partners],
            "perceel_pk": [w["perceel"].pk, 0],
        }
        self.uuids = _alle_uuids()


def _deelnemen(coalitie, organisatie, rol, leider, beheerder):
    """The lead invites, the organisation's administrator accepts: through the services."""
    partner = coalitie_services.partner_uitnodigen(
        actor=leider, coalitie=coalitie, organisatie=organisatie, rol=rol
    )
    return coalitie_services.uitnodiging_beantwoorden(
        actor=beheerder, partner=partner, accepteren=True
    )


@pytest.fixture
def twee_coalities(wereld):
    """Two coalitions on the same lot, each with a submitted bid; a key party supports both
    (with a commitment to the first) and a subcontractor serves both (after signing its
    declaration of independence for the lot). All through the services."""
    w = wereld
    traject, perceel = w["traject"], w["perceel"]
    w["coalitie"].percelen.set([perceel])
    concurrent = OrganisatieFactory(naam="Stichting De Concurrent")
    concurrent_beheerder = LidmaatschapFactory(organisatie=concurrent, beheerder=True).user
    tweede = coalitie_services.coalitie_vormen(
        actor=concurrent_beheerder,
        traject=traject,
        organisatie=concurrent,
        naam="Coalitie Anders",
        percelen=[perceel],
        rol=PartnerRol.PENVOERDER,
    )
    sleutel = OrganisatieFactory(naam="Basisschool De Sleutel")
    sleutel_beheerder = LidmaatschapFactory(organisatie=sleutel, beheerder=True).user
    sleutel_lid = LidmaatschapFactory(organisatie=sleutel).user
    SleutelpartijFactory(traject=traject, organisatie=sleutel)
    onder = OrganisatieFactory(naam="Schoonmaakbedrijf De Onderaannemer")
    onder_beheerder = LidmaatschapFactory(organisatie=onder, beheerder=True).user
    onder_lid = LidmaatschapFactory(organisatie=onder).user
    coalitie_services.onafhankelijkheid_verklaren(
        actor=onder_beheerder, organisatie=onder, traject=traject, perceel=perceel
    )
    for coalitie, leider in ((w["coalitie"], w["bieder"]), (tweede, concurrent_beheerder)):
        sleutelpartner = _deelnemen(
            coalitie, sleutel, PartnerRol.SLEUTELPARTIJ, leider, sleutel_beheerder
        )
        _deelnemen(coalitie, onder, PartnerRol.ONDERAANNEMER, leider, onder_beheerder)
        if coalitie == w["coalitie"]:
            coalitie_services.toezegging_opslaan(
                actor=sleutel_beheerder, partner=sleutelpartner, tekst=TOEZEGGING
            )
    w["bod"] = _bod_maken(w, None)
    w["tweede_bod"] = _bod_maken(
        w, None, bieder=concurrent_beheerder, organisatie=concurrent, coalitie=tweede
    )
    assert w["tweede_bod"].status == "ingediend"
    w["tweede_coalitie"] = tweede
    w["concurrent_beheerder"] = concurrent_beheerder
    w["buiten_de_kluis"] = {
        "sleutelpartij_beheerder": sleutel_beheerder,
        "sleutelpartij_lid": sleutel_lid,
        "onderaannemer_beheerder": onder_beheerder,
        "onderaannemer_lid": onder_lid,
    }
    return w


@pytest.mark.django_db
def test_a_key_party_and_a_subcontractor_of_two_coalitions_on_one_lot_read_no_bid(
    twee_coalities,
):
    """Issue 13, rule 1 ("Done when"): every URL, asked before the deadline by the members of
    a key party and of a subcontractor that take part in both coalitions on one lot (both
    with a submitted bid), shows no content of either bid. The lead and a partner of each
    coalition do see their own bid's content (so the sweep finds the markers)."""
    w = twee_coalities
    assert not kluis.is_verlopen(w["traject"], Ronde.HOOFDLIJNEN)
    urls = _urls(_WaardenTweeCoalities(w))
    assert len(urls) > 200
    assert Notificatie.objects.filter(user=w["bieder"], url=bod_url(w["bod"])).exists()
    # The positive control: the bidders of each coalition, and a partner, find the markers.
    for bieder in (w["bieder"], w["concurrent_beheerder"], w["partnerlid"]):
        assert {z for _u, _s, z in _vind(_client(bieder), urls, ZOEK)} == {
            MARKER,
            BIJLAGE_MARKER,
        }
    for rol, user in w["buiten_de_kluis"].items():
        for bod in (w["bod"], w["tweede_bod"]):
            assert not kluis.is_bieder(user, bod), rol
            assert not kluis.mag_inhoud_zien(user, bod), rol
        assert not kluis.eigen_biedingen(user).exists(), rol
        # Nor are they told of the submissions (the bidder's people are).
        for bod in (w["bod"], w["tweede_bod"]):
            assert not Notificatie.objects.filter(user=user, url=bod_url(bod)).exists(), rol
        gevonden = _vind(_client(user), urls, ZOEK)
        assert gevonden == [], f"{rol} sees bid content at {gevonden}"


@pytest.mark.django_db
def test_the_key_partys_commitment_shows_to_its_coalition_and_after_the_opening(
    twee_coalities,
):
    """Issue 13, rule 1: the commitment shows on its coalition's page to the coalition, not to
    the other coalition; after the opening it shows to the officers with the bid."""
    w = twee_coalities
    eigen = _client(w["partnerlid"]).get(w["coalitie"].get_absolute_url())
    assert TOEZEGGING in eigen.content.decode()
    ander = _client(w["concurrent_beheerder"]).get(w["tweede_coalitie"].get_absolute_url())
    assert ander.status_code == 200 and TOEZEGGING not in ander.content.decode()
    medewerker = w["users"]["medewerker"]
    geopend_url = reverse("beoordeling:geopende_biedingen", args=[w["traject"].pk])
    assert TOEZEGGING not in _client(medewerker).get(geopend_url).content.decode()
    _kluis_openen(w, medewerker, MedewerkerFactory(gemeente=w["gemeente"]).user)
    alles_verklaard(medewerker, w["traject"])  # rule 5: officers declare before reading
    with time_machine.travel(w["traject"].inschrijving_sluit + timedelta(minutes=10)):
        html = _client(medewerker).get(geopend_url).content.decode()
    assert html.count(TOEZEGGING) == 1
    assert "Basisschool De Sleutel" in html
    # ... and to the committee with the bid it scores, once its declarations are signed.
    lid = w["commissielid"].user
    scoren_url = reverse("beoordeling:scoren", args=[w["bod"].pk])
    with time_machine.travel(w["traject"].inschrijving_sluit + timedelta(minutes=10)):
        assert TOEZEGGING not in _client(lid).get(scoren_url).content.decode()
        alles_verklaard(lid, w["traject"])
        scoren = _client(lid).get(scoren_url)
    assert scoren.status_code == 200 and TOEZEGGING in scoren.content.decode()
