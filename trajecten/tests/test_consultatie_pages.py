"""Pages of the consultation of a draft call (issue 14, point 1): each role, exact query
counts that do not grow with rows, what a user sees, and well-formed HTML."""

from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from tests.helpers import LOGIN, response_status, status_als
from trajecten import inhoud
from trajecten.models import Reactie
from trajecten.services import consultatie as services
from trajecten.tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    PerceelFactory,
    TrajectFactory,
    WijkFactory,
)

AMS = ZoneInfo("Europe/Amsterdam")
ROLLEN = ["anoniem", "burger", "organisatie", "medewerker", "andere"]


def ams(*args):
    return datetime(*args, tzinfo=AMS)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Controle(HTMLParser):
    """Every element closed in order, and every id once: enough to catch a broken template."""

    def __init__(self):
        super().__init__()
        self.stapel, self.ids, self.fouten = [], set(), []

    def handle_starttag(self, tag, attrs):
        for naam, waarde in attrs:
            if naam == "id":
                if waarde in self.ids:
                    self.fouten.append(f"id {waarde} twice")
                self.ids.add(waarde)
        if tag not in VOID:
            self.stapel.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stapel or self.stapel[-1] != tag:
            self.fouten.append(f"</{tag}> closes {self.stapel[-1:]}")
            return
        self.stapel.pop()


def assert_goede_html(response):
    controle = _Controle()
    controle.feed(response.content.decode())
    assert controle.fouten == [] and controle.stapel == [], (controle.fouten, controle.stapel)


@pytest.fixture
def nu(time_machine):
    moment = ams(2026, 6, 1, 10, 0)
    time_machine.move_to(moment, tick=False)
    return moment


@pytest.fixture
def wereld(gemeente, andere_gemeente, medewerker, burger, nu):
    concept = TrajectFactory(gemeente=gemeente, volledig=True, titel="Ontmoeten in Woensel")
    concept.wijken.add(WijkFactory(gemeente=gemeente, naam="Woensel"))
    services.consultatie_openen(
        actor=medewerker,
        traject=concept,
        sluit_op=ams(2026, 6, 15, 17),
        gevraagd="Zijn de percelen klein genoeg voor buurtinitiatieven?",
        marktconsultatie_kenmerk="TN-555",
    )
    geheim = TrajectFactory(gemeente=gemeente, titel="Geheim concept")
    sessie = BijeenkomstFactory(
        traject=concept, titel="Ontwerpsessie percelen", begint_op=ams(2026, 6, 8, 19)
    )
    return {
        "concept": concept,
        "geheim": geheim,
        "sessie": sessie,
        "users": {
            "anoniem": None,
            "burger": burger,
            "organisatie": UserFactory(),
            "medewerker": medewerker,
            "andere": MedewerkerFactory(gemeente=andere_gemeente).user,
        },
    }


def _reactie(traject, user, tekst="Kleinere percelen graag.", sectie="percelen"):
    return services.reageren(traject=traject, sectie=sectie, tekst=tekst, user=user)


@pytest.mark.django_db
def test_the_public_draft_page_is_for_everyone_and_other_drafts_stay_hidden(client, wereld):
    concept, geheim = wereld["concept"], wereld["geheim"]
    for rol, user in wereld["users"].items():
        assert status_als(client, user, reverse("trajecten:consultatie", args=[concept.pk])) == 200
        assert status_als(client, user, reverse("trajecten:consultatie", args=[geheim.pk])) == 404
        # The sessions of the draft in consultation are public; the draft itself is not.
        sessie_url = reverse("trajecten:bijeenkomst", args=[concept.pk, wereld["sessie"].pk])
        assert status_als(client, user, sessie_url) == 200
        verwacht = 200 if rol == "medewerker" else 404
        assert status_als(client, user, reverse("trajecten:detail", args=[concept.pk])) == verwacht


@pytest.mark.django_db
def test_the_medewerkers_page_is_for_the_medewerkers_of_its_gemeente(client, wereld):
    url = reverse("trajecten:consultatie_beheer", args=[wereld["concept"].pk])
    verwacht = {
        "anoniem": LOGIN,
        "burger": 404,
        "organisatie": 404,
        "medewerker": 200,
        "andere": 404,
    }
    assert {rol: status_als(client, u, url) for rol, u in wereld["users"].items()} == verwacht
    open_url = reverse("trajecten:consultatie_openen", args=[wereld["geheim"].pk])
    for rol, user in wereld["users"].items():
        client.logout()
        if user is not None:
            client.force_login(user)
        status = response_status(client.post(open_url, {}))
        assert status == {"anoniem": LOGIN, "medewerker": 200}.get(rol, 404), rol


@pytest.mark.django_db
def test_the_draft_page_is_marked_as_a_draft_and_shows_no_team(client, wereld, medewerker):
    response = client.get(reverse("trajecten:consultatie", args=[wereld["concept"].pk]))
    tekst = response.content.decode()
    assert "Concept ter consultatie" in tekst
    assert "Dit is een concept, niet de uitvraag." in tekst
    assert "Zijn de percelen klein genoeg voor buurtinitiatieven?" in tekst
    assert "TN-555" in tekst
    assert "Ontwerpsessie percelen" in tekst
    assert "U kunt reageren tot maandag 15 juni 2026, 17:00" in tekst
    assert str(medewerker) not in tekst and medewerker.email not in tekst
    assert_goede_html(response)


@pytest.mark.django_db
def test_a_resident_reacts_without_account_and_no_address_is_ever_shown(client, wereld):
    concept = wereld["concept"]
    url = reverse("trajecten:consultatie_reageren", args=[concept.pk])
    data = {
        "sectie": "planning",
        "tekst": "Start liever na de zomer.",
        "naam": "Fatima Bakker",
        "email": "fatima@example.nl",
    }
    response = client.post(url, data, follow=True)
    assert "Kijk in uw e-mail om uw reactie te bevestigen." in response.content.decode()
    reactie = Reactie.objects.get()
    assert not reactie.is_bevestigd
    link = reverse("trajecten:reactie_bevestigen", args=[reactie.token])
    pagina = client.get(link)
    assert "Mijn reactie bevestigen" in pagina.content.decode()
    assert_goede_html(pagina)
    bevestigd = client.post(link, follow=True).content.decode()
    assert "Uw reactie is bevestigd." in bevestigd
    client.force_login(wereld["users"]["medewerker"])
    beheer = client.get(reverse("trajecten:consultatie_beheer", args=[concept.pk]))
    tekst = beheer.content.decode()
    assert "Start liever na de zomer." in tekst and "Fatima Bakker" in tekst
    assert "fatima@example.nl" not in tekst
    assert_goede_html(beheer)


@pytest.mark.django_db
def test_a_reaction_form_with_errors_shows_a_summary(client, wereld):
    url = reverse("trajecten:consultatie_reageren", args=[wereld["concept"].pk])
    response = client.post(url, {"sectie": "planning", "tekst": ""})
    tekst = response.content.decode()
    assert "Nog niet opgeslagen. Kijk naar:" in tekst
    assert 'href="#id_tekst"' in tekst
    assert Reactie.objects.count() == 0
    assert_goede_html(response)


@pytest.mark.django_db
def test_after_the_closing_moment_the_page_and_the_service_refuse(
    client, wereld, burger, time_machine
):
    concept = wereld["concept"]
    time_machine.move_to(ams(2026, 6, 15, 17), tick=False)
    client.force_login(burger)
    pagina = client.get(reverse("trajecten:consultatie", args=[concept.pk])).content.decode()
    assert "De consultatie is gesloten." in pagina
    assert "Mijn reactie versturen" not in pagina
    response = client.post(
        reverse("trajecten:consultatie_reageren", args=[concept.pk]),
        {"sectie": "opgave", "tekst": "Te laat"},
    )
    assert Reactie.objects.count() == 0
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_logged_in_reactor_sees_only_their_own_reactions_without_answers(
    client, wereld, burger, medewerker
):
    concept = wereld["concept"]
    eigen = _reactie(concept, burger, tekst="Mijn eigen reactie.")
    _reactie(concept, wereld["users"]["organisatie"], tekst="Reactie van een ander.")
    services.reactie_beantwoorden(
        actor=medewerker, reactie=eigen, antwoord="Geheim antwoord.", overgenomen="ja"
    )
    client.force_login(burger)
    tekst = client.get(reverse("trajecten:consultatie", args=[concept.pk])).content.decode()
    assert "Mijn eigen reactie." in tekst
    assert "Reactie van een ander." not in tekst
    assert "Geheim antwoord." not in tekst


@pytest.mark.django_db
def test_the_medewerker_answers_on_the_page_and_a_missing_reason_is_refused(
    client, wereld, burger, medewerker
):
    concept = wereld["concept"]
    reactie = _reactie(concept, burger)
    client.force_login(medewerker)
    url = reverse("trajecten:reactie_beantwoorden", args=[concept.pk, reactie.pk])
    p = str(reactie.pk)
    fout = client.post(url, {f"{p}-antwoord": "Nee.", f"{p}-overgenomen": "nee"})
    assert "Zeg waarom de uitvraag de reactie niet (helemaal) volgt." in fout.content.decode()
    client.post(
        url,
        {
            f"{p}-antwoord": "We maken drie percelen.",
            f"{p}-overgenomen": "deels",
            f"{p}-waarom": "Vier is te veel werk voor de commissie.",
        },
    )
    reactie.refresh_from_db()
    assert reactie.overgenomen == "deels"
    # Closing early from the page.
    client.post(reverse("trajecten:consultatie_sluiten", args=[concept.pk]))
    concept.consultatie.refresh_from_db()
    assert concept.consultatie.gesloten_op is not None


@pytest.mark.django_db
def test_the_session_page_of_a_draft_in_consultation_offers_registration(client, wereld):
    sessie = wereld["sessie"]
    tekst = client.get(sessie.get_absolute_url()).content.decode()
    assert "Aanmelden" in tekst or "aanmelden" in tekst
    assert "Aanmelden kan zodra het traject is gepubliceerd." not in tekst
    assert reverse("trajecten:consultatie", args=[wereld["concept"].pk]) in tekst


@pytest.mark.django_db
def test_the_report_is_on_the_published_trajectory_page_and_in_the_call(
    client, wereld, burger, medewerker
):
    concept = wereld["concept"]
    reactie = _reactie(concept, burger)
    services.reactie_beantwoorden(
        actor=medewerker,
        reactie=reactie,
        antwoord="Er komt een derde perceel.",
        overgenomen="ja",
    )
    snapshot = inhoud.snapshot(concept)
    with translation.override("nl"):
        pdf = render_to_string("trajecten/pdf/_consultatie.html", {"inhoud": snapshot})
    assert "Verslag van de consultatie" in pdf
    assert "Kleinere percelen graag." in pdf and "Er komt een derde perceel." in pdf
    assert burger.email not in pdf and str(burger) not in pdf
    concept.status = "gepubliceerd"
    concept.gepubliceerd_op = ams(2026, 6, 1, 10)
    concept.save()
    response = client.get(reverse("trajecten:detail", args=[concept.pk]))
    tekst = response.content.decode()
    assert "Verslag van de consultatie" in tekst
    assert "Er komt een derde perceel." in tekst
    assert str(burger) not in tekst
    assert_goede_html(response)
    # The public draft page now leads to the trajectory's page.
    oud = client.get(reverse("trajecten:consultatie", args=[concept.pk]))
    assert oud.status_code == 302 and oud["Location"].endswith("#consultatie-kop")


def _veel(traject, n):
    for i in range(n):
        _reactie(traject, UserFactory(), tekst=f"Reactie {i}", sectie=["opgave", "kaders"][i % 2])
        PerceelFactory(traject=traject)
        sessie = BijeenkomstFactory(traject=traject, begint_op=ams(2026, 6, 9 + i % 5, 19))
        AanmeldingFactory(bijeenkomst=sessie)


@pytest.mark.django_db
def test_public_page_queries_do_not_grow(client, count_queries, wereld, burger):
    concept = wereld["concept"]
    client.force_login(burger)
    _reactie(concept, burger)
    url = reverse("trajecten:consultatie", args=[concept.pk])
    few = count_queries(lambda: client.get(url))
    _veel(concept, 8)
    _reactie(concept, burger, tekst="Nog een.")
    many = count_queries(lambda: client.get(url))
    # 15: with the outline questions of the call (issue 14, point 4).
    assert (few, many) == (15, 15)


@pytest.mark.django_db
def test_medewerkers_page_queries_do_not_grow(client, count_queries, wereld, burger, medewerker):
    concept = wereld["concept"]
    client.force_login(medewerker)
    _reactie(concept, burger)
    url = reverse("trajecten:consultatie_beheer", args=[concept.pk])
    few = count_queries(lambda: client.get(url))
    _veel(concept, 8)
    many = count_queries(lambda: client.get(url))
    assert (few, many) == (8, 8)


@pytest.mark.django_db
def test_the_reaction_mail_holds_the_link_and_the_page_never_the_address(
    client, wereld, django_capture_on_commit_callbacks
):
    concept = wereld["concept"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("trajecten:consultatie_reageren", args=[concept.pk]),
            {"sectie": "algemeen", "tekst": "Mooi.", "naam": "Jan", "email": "jan@example.nl"},
        )
    (bericht,) = mail.outbox
    reactie = Reactie.objects.get()
    assert str(reactie.token) in bericht.body
    tekst = client.get(reverse("trajecten:consultatie", args=[concept.pk])).content.decode()
    assert "jan@example.nl" not in tekst


@pytest.mark.django_db
def test_trajectory_page_with_the_report_queries_do_not_grow(client, count_queries, wereld):
    concept = wereld["concept"]
    _reactie(concept, UserFactory())
    concept.status = "gepubliceerd"
    concept.gepubliceerd_op = ams(2026, 6, 1, 10)
    concept.save()
    url = reverse("trajecten:detail", args=[concept.pk])
    few = count_queries(lambda: client.get(url))
    for i in range(6):
        Reactie.objects.create(
            consultatie=concept.consultatie,
            user=UserFactory(),
            naam="Iemand",
            tekst=f"Reactie {i}",
            sectie=["opgave", "gunning"][i % 2],
            bevestigd_op=ams(2026, 6, 1, 10),
        )
    many = count_queries(lambda: client.get(url))
    assert few == many
    assert "Reactie 5" in client.get(url).content.decode()
