"""Pages of the dialogue, for each role, with exact query counts."""

import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from aanbesteden.constants import TEKST_KORT, TEKST_MIDDEL
from aanbesteden.models import User
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from aanbesteden.tests.lengte import MILJOEN, assert_te_lang
from trajecten import extensions
from trajecten.constants import Procedure
from trajecten.models import Aanmelding, Bijeenkomst, Nota, Vraag
from trajecten.services.dialoog import nota_publiceren
from trajecten.tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    NotaFactory,
    PerceelFactory,
    TrajectFactory,
    VraagFactory,
)

AMS = ZoneInfo("Europe/Amsterdam")
LINK = "https://meet.example.nl/boomgaard"


def ams(*args):
    return datetime(*args, tzinfo=AMS)


@pytest.fixture
def nu(time_machine):
    moment = ams(2026, 6, 1, 10, 0)
    time_machine.move_to(moment, tick=False)
    return moment


@pytest.fixture
def wereld(gemeente, andere_gemeente, medewerker, burger, nu):
    gepubliceerd = TrajectFactory(
        gemeente=gemeente,
        gepubliceerd=True,
        procedure=Procedure.NATIONAAL,
        vragen_sluit=ams(2026, 6, 10, 12),
        inschrijving_sluit=ams(2026, 6, 30, 12),
    )
    concept = TrajectFactory(gemeente=gemeente, vragen_sluit=ams(2026, 6, 10, 12))
    sessie = BijeenkomstFactory(
        traject=gepubliceerd,
        begint_op=ams(2026, 6, 5, 19),
        eindigt_op=ams(2026, 6, 5, 21),
        online_link=LINK,
    )
    concept_sessie = BijeenkomstFactory(traject=concept, begint_op=ams(2026, 6, 5, 19))
    vraag = VraagFactory(traject=gepubliceerd, beantwoord=True)
    nota = NotaFactory(traject=gepubliceerd, nummer=1)
    vraag.nota, vraag.nummer = nota, 1
    vraag.save()
    return {
        "gepubliceerd": gepubliceerd,
        "concept": concept,
        "sessie": sessie,
        "concept_sessie": concept_sessie,
        "nota": nota,
        "users": {
            "anoniem": None,
            "burger": burger,
            "medewerker": medewerker,
            "andere": MedewerkerFactory(gemeente=andere_gemeente).user,
        },
    }


LOGIN = "login"


def _pagina(naam, traject_key, sessie_key=None, nummer=None):
    def url(w):
        traject = w[traject_key]
        if sessie_key:
            return reverse(f"trajecten:{naam}", args=[traject.pk, w[sessie_key].pk])
        if nummer is not None:
            return reverse(f"trajecten:{naam}", args=[traject.pk, nummer])
        return reverse(f"trajecten:{naam}", args=[traject.pk])

    return url


ALLEN = {"anoniem": 200, "burger": 200, "medewerker": 200, "andere": 200}
ALLEEN_MEDEWERKER = {"anoniem": 404, "burger": 404, "medewerker": 200, "andere": 404}
BEHEER = {"anoniem": LOGIN, "burger": 404, "medewerker": 200, "andere": 404}

CASES = [
    ("bijeenkomst", _pagina("bijeenkomst", "gepubliceerd", "sessie"), ALLEN),
    ("bijeenkomst concept", _pagina("bijeenkomst", "concept", "concept_sessie"), ALLEEN_MEDEWERKER),
    ("bijeenkomst_nieuw", _pagina("bijeenkomst_nieuw", "gepubliceerd"), BEHEER),
    ("bijeenkomst_nieuw concept", _pagina("bijeenkomst_nieuw", "concept"), BEHEER),
    ("bewerken", _pagina("bijeenkomst_bewerken", "gepubliceerd", "sessie"), BEHEER),
    ("bewerken concept", _pagina("bijeenkomst_bewerken", "concept", "concept_sessie"), BEHEER),
    ("verslag", _pagina("verslag", "gepubliceerd", "sessie"), BEHEER),
    ("verslag concept", _pagina("verslag", "concept", "concept_sessie"), BEHEER),
    ("vragen", _pagina("vragen", "gepubliceerd"), ALLEN),
    ("vragen concept", _pagina("vragen", "concept"), ALLEEN_MEDEWERKER),
    ("nota", _pagina("nota", "gepubliceerd", nummer=1), ALLEN),
    (
        "nota onbekend",
        _pagina("nota", "gepubliceerd", nummer=2),
        dict.fromkeys(ALLEN, 404),
    ),
    ("nota concept", _pagina("nota", "concept", nummer=1), dict.fromkeys(ALLEN, 404)),
]


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["anoniem", "burger", "medewerker", "andere"])
@pytest.mark.parametrize("naam,make_url,expected", CASES, ids=[c[0] for c in CASES])
def test_permissions(client, wereld, rol, naam, make_url, expected):
    user = wereld["users"][rol]
    if user is not None:
        client.force_login(user)
    url = make_url(wereld)
    response = client.get(url)
    if expected[rol] == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == expected[rol]


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["burger", "andere"])
def test_medewerker_posts_are_refused_for_others(client, wereld, rol):
    client.force_login(wereld["users"][rol])
    t = wereld["gepubliceerd"]
    VraagFactory(traject=t, beantwoord=True)
    assert client.post(reverse("trajecten:nota_publiceren", args=[t.pk])).status_code == 404
    assert not Nota.objects.filter(nummer=2).exists()
    response = client.post(
        reverse("trajecten:bijeenkomst_nieuw", args=[t.pk]), {"titel": "Stiekem"}
    )
    assert response.status_code == 404


# Sessions


@pytest.mark.django_db
class TestBijeenkomstPage:
    def url(self, w):
        return w["sessie"].get_absolute_url()

    def test_online_link_only_for_registered_people_and_medewerkers(self, client, wereld):
        url = self.url(wereld)
        anoniem = client.get(url).content.decode()
        assert LINK not in anoniem and wereld["sessie"].locatie in anoniem
        client.force_login(wereld["users"]["burger"])
        assert LINK not in client.get(url).content.decode()
        AanmeldingFactory(bijeenkomst=wereld["sessie"], user=wereld["users"]["burger"])
        assert LINK in client.get(url).content.decode()
        client.force_login(wereld["users"]["medewerker"])
        assert LINK in client.get(url).content.decode()

    def test_register_without_account(self, client, wereld):
        response = client.post(
            self.url(wereld),
            {"naam": "Kees de Vries", "email": "Kees@Buurt.nl", "organisatie": "Buurtteam"},
        )
        assert response.status_code == 302 and response.url == self.url(wereld)
        aanmelding = Aanmelding.objects.get()
        assert aanmelding.user.email == "kees@buurt.nl"
        assert (aanmelding.naam, aanmelding.organisatie) == ("Kees de Vries", "Buurtteam")
        assert not aanmelding.user.has_usable_password()

    def test_register_without_account_asks_to_confirm_by_mail(
        self, client, wereld, django_capture_on_commit_callbacks
    ):
        """Issue 11, point 13: the page says to check the e-mail; the place is not taken,
        the online link not shown, and the officer does not see the registration yet."""
        sessie = wereld["sessie"]
        sessie.capaciteit = 10
        sessie.save()
        page = client.get(self.url(wereld))
        assert b'id="bevestigen-uitleg"' in page.content
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                self.url(wereld), {"naam": "Kees de Vries", "email": "kees@buurt.nl"}, follow=True
            )
        melding = translation.gettext(
            "Check your e-mail to confirm your registration. Your place is held only after "
            "you confirm."
        )
        body = response.content.decode()
        assert escape(melding) in body
        assert response.context["vrije_plaatsen"] == 10
        assert LINK not in body
        aanmelding = Aanmelding.objects.get()
        assert not aanmelding.is_bevestigd
        (bericht,) = mail.outbox
        link = reverse("trajecten:aanmelding_bevestigen", args=[aanmelding.token])
        assert link in bericht.body
        client.force_login(wereld["users"]["medewerker"])
        assert "Kees de Vries" not in client.get(self.url(wereld)).content.decode()

    def test_the_link_confirms_after_one_click(self, client, wereld):
        aanmelding = AanmeldingFactory(
            bijeenkomst=wereld["sessie"], onbevestigd=True, naam="Kees de Vries"
        )
        url = reverse("trajecten:aanmelding_bevestigen", args=[aanmelding.token])
        # Opening the link (or a mail scanner opening it) confirms nothing yet.
        page = client.get(url)
        assert page.status_code == 200 and page.context["status"] == "open"
        assert LINK not in page.content.decode()
        aanmelding.refresh_from_db()
        assert not aanmelding.is_bevestigd
        response = client.post(url)
        assert response.status_code == 302 and response.url == url
        page = client.get(url)
        assert page.context["status"] == "bevestigd"
        assert LINK in page.content.decode()
        aanmelding.refresh_from_db()
        assert aanmelding.is_bevestigd
        # A second click is harmless and says the same.
        assert client.post(url).status_code == 302
        assert client.get(url).context["status"] == "bevestigd"
        client.force_login(wereld["users"]["medewerker"])
        assert "Kees de Vries" in client.get(self.url(wereld)).content.decode()

    def test_the_link_says_full_or_expired(self, client, wereld, time_machine):
        sessie = wereld["sessie"]
        sessie.capaciteit = 1
        sessie.save()
        laat = AanmeldingFactory(bijeenkomst=sessie, onbevestigd=True)
        AanmeldingFactory(bijeenkomst=sessie)
        url = reverse("trajecten:aanmelding_bevestigen", args=[laat.token])
        response = client.post(url)
        assert response.status_code == 200 and response.context["status"] == "vol"
        assert 'data-status="vol"' in response.content.decode()
        laat.refresh_from_db()
        assert not laat.is_bevestigd

        verlopen = AanmeldingFactory(bijeenkomst=sessie, onbevestigd=True)
        url = reverse("trajecten:aanmelding_bevestigen", args=[verlopen.token])
        time_machine.move_to(verlopen.verloopt_op, tick=False)
        assert client.get(url).context["status"] == "verlopen"
        response = client.post(url)
        assert response.context["status"] == "verlopen"
        verlopen.refresh_from_db()
        assert not verlopen.is_bevestigd

    def test_unknown_link_is_404(self, client, wereld):
        url = reverse("trajecten:aanmelding_bevestigen", args=[uuid.uuid4()])
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404

    def test_logged_in_member_chooses_one_of_their_organisations(self, client, wereld, monkeypatch):
        burger = wereld["users"]["burger"]
        monkeypatch.setattr(
            extensions,
            "ORGANISATIE_BRONNEN",
            [lambda user: [("org:7", "Buurtteam Oost")] if user == burger else []],
        )
        client.force_login(burger)
        form = client.get(self.url(wereld)).context["form"]
        assert "organisatie" not in form.fields
        assert ("org:7", "Buurtteam Oost") in form.fields["organisatie_sleutel"].choices
        response = client.post(self.url(wereld), {"naam": "B", "organisatie_sleutel": "org:8"})
        assert response.status_code == 200 and not Aanmelding.objects.exists()
        response = client.post(self.url(wereld), {"naam": "B", "organisatie_sleutel": "org:7"})
        assert response.status_code == 302
        aanmelding = Aanmelding.objects.get()
        assert (aanmelding.organisatie, aanmelding.organisatie_sleutel) == (
            "Buurtteam Oost",
            "org:7",
        )
        assert aanmelding.is_bevestigd

    def test_register_without_account_needs_an_email(self, client, wereld):
        response = client.post(self.url(wereld), {"naam": "Kees"})
        assert response.status_code == 200
        assert response.context["form"].errors["email"]
        assert not Aanmelding.objects.exists()

    def test_logged_in_registers_with_one_click_and_cancels(self, client, wereld):
        burger = wereld["users"]["burger"]
        client.force_login(burger)
        page = client.get(self.url(wereld))
        assert "email" not in page.context["form"].fields
        assert page.context["form"]["naam"].value() == burger.naam
        response = client.post(self.url(wereld), {"naam": burger.naam, "organisatie": ""})
        assert response.status_code == 302
        assert Aanmelding.objects.get().user == burger
        client.post(
            reverse(
                "trajecten:bijeenkomst_afmelden",
                args=[wereld["gepubliceerd"].pk, wereld["sessie"].pk],
            )
        )
        assert not Aanmelding.objects.exists()

    def test_full_session_shows_the_refusal(self, client, wereld):
        sessie = wereld["sessie"]
        sessie.capaciteit = 1
        sessie.save()
        AanmeldingFactory(bijeenkomst=sessie)
        page = client.get(self.url(wereld))
        assert page.context["vrije_plaatsen"] == 0
        response = client.post(self.url(wereld), {"naam": "X", "email": "x@buurt.nl"})
        assert response.status_code == 200
        assert response.context["form"].non_field_errors()
        assert Aanmelding.objects.count() == 1

    def test_medewerker_sees_registrations(self, client, wereld):
        AanmeldingFactory(bijeenkomst=wereld["sessie"], naam="Zichtbaar Voorbeeld")
        anoniem = client.get(self.url(wereld)).content.decode()
        assert "Zichtbaar Voorbeeld" not in anoniem
        client.force_login(wereld["users"]["medewerker"])
        assert "Zichtbaar Voorbeeld" in client.get(self.url(wereld)).content.decode()

    def test_medewerker_plans_and_changes_a_session(self, client, wereld):
        client.force_login(wereld["users"]["medewerker"])
        t = wereld["gepubliceerd"]
        data = {
            "titel": "Verdiepingsavond",
            "soort": "verdieping",
            "omschrijving": "",
            "begint_op": "2026-06-12T19:30",
            "eindigt_op": "2026-06-12T21:30",
            "locatie": "",
            "online_link": "",
            "capaciteit": "20",
            "max_per_organisatie": "",
        }
        response = client.post(reverse("trajecten:bijeenkomst_nieuw", args=[t.pk]), data)
        assert response.status_code == 200  # neither place nor link
        assert response.context["form"].errors["locatie"]
        data["locatie"] = "Bibliotheek"
        response = client.post(reverse("trajecten:bijeenkomst_nieuw", args=[t.pk]), data)
        nieuw = Bijeenkomst.objects.get(titel="Verdiepingsavond")
        assert response.status_code == 302 and response.url == nieuw.get_absolute_url()
        assert nieuw.begint_op == ams(2026, 6, 12, 19, 30)  # Dutch time
        assert nieuw.capaciteit == 20 and nieuw.max_per_organisatie is None

        bewerken = reverse("trajecten:bijeenkomst_bewerken", args=[t.pk, nieuw.pk])
        assert client.get(bewerken).context["form"].initial["locatie"] == "Bibliotheek"
        data["locatie"] = "Buurthuis"
        assert client.post(bewerken, data).status_code == 302
        nieuw.refresh_from_db()
        assert nieuw.locatie == "Buurthuis"

    def test_report_is_published_and_shown(self, client, wereld, time_machine):
        client.force_login(wereld["users"]["medewerker"])
        url = reverse("trajecten:verslag", args=[wereld["gepubliceerd"].pk, wereld["sessie"].pk])
        response = client.post(url, {"verslag": "Twintig bewoners dachten mee."})
        assert response.status_code == 200 and response.context["form"].non_field_errors()
        time_machine.move_to(ams(2026, 6, 6, 9), tick=False)
        response = client.post(url, {"verslag": "Twintig bewoners dachten mee."})
        assert response.status_code == 302
        client.logout()
        assert "Twintig bewoners dachten mee." in client.get(self.url(wereld)).content.decode()


# Questions and notas


@pytest.mark.django_db
class TestVragenPage:
    def url(self, w):
        return reverse("trajecten:vragen", args=[w["gepubliceerd"].pk])

    def stellen_url(self, w):
        return reverse("trajecten:vraag_stellen", args=[w["gepubliceerd"].pk])

    def antwoord_url(self, w, vraag):
        return reverse("trajecten:vraag_beantwoorden", args=[w["gepubliceerd"].pk, vraag.pk])

    def nota_url(self, w):
        return reverse("trajecten:nota_publiceren", args=[w["gepubliceerd"].pk])

    def test_anonymous_sees_notas_and_no_form(self, client, wereld):
        response = client.get(self.url(wereld))
        assert "vraag_form" not in response.context
        assert list(response.context["notas"]) == [wereld["nota"]]
        assert reverse("account_login") in response.content.decode()
        post = client.post(self.stellen_url(wereld), {"tekst": "Hallo?"})
        assert post.status_code == 302 and post.url.startswith(reverse("account_login"))
        assert Vraag.objects.count() == 1

    def test_citizen_asks_about_a_lot_and_sees_the_status(self, client, wereld):
        burger = wereld["users"]["burger"]
        perceel = PerceelFactory(traject=wereld["gepubliceerd"])
        client.force_login(burger)
        response = client.post(
            self.stellen_url(wereld),
            {"tekst": "Hoe groot is perceel 1?", "perceel": perceel.pk},
        )
        assert response.status_code == 302
        vraag = Vraag.objects.get(gesteld_door=burger)
        assert vraag.perceel == perceel
        page = client.get(self.url(wereld))
        assert list(page.context["eigen_vragen"]) == [vraag]
        assert "vraag_form" in page.context

    def test_after_the_deadline_the_form_is_gone_and_a_post_is_refused(
        self, client, wereld, time_machine
    ):
        client.force_login(wereld["users"]["burger"])
        time_machine.move_to(ams(2026, 6, 10, 12, 0, 0), tick=False)
        page = client.get(self.url(wereld))
        assert "vraag_form" not in page.context and page.context["open"] is False
        response = client.post(self.stellen_url(wereld), {"tekst": "Nog eentje?"})
        assert response.status_code == 200
        assert "12:00:00" in str(response.context["vraag_form"].non_field_errors())
        assert Vraag.objects.count() == 1

    def test_medewerker_answers_and_publishes_a_nota(self, client, wereld):
        t = wereld["gepubliceerd"]
        asker = UserFactory(naam="Anoniem Blijven", email="vrager@geheim.nl")
        vraag = VraagFactory(traject=t, gesteld_door=asker, tekst="Is er een budgetplafond?")
        client.force_login(wereld["users"]["medewerker"])
        page = client.get(self.url(wereld))
        assert [v.pk for v in page.context["alle_vragen"]][-1] == vraag.pk
        assert page.context["nu_te_laat"] is False
        assert "vrager@geheim.nl" not in page.content.decode()

        response = client.post(
            self.antwoord_url(wereld, vraag), {"vraag": vraag.pk, f"{vraag.pk}-antwoord": ""}
        )
        assert response.status_code == 200  # an empty answer is an error on its form
        response = client.post(
            self.antwoord_url(wereld, vraag),
            {"vraag": vraag.pk, f"{vraag.pk}-antwoord": "Nee, 180.000 euro."},
        )
        assert response.status_code == 302
        vraag.refresh_from_db()
        assert vraag.antwoord == "Nee, 180.000 euro."

        response = client.post(self.nota_url(wereld))
        assert response.status_code == 302
        assert response.url == reverse("trajecten:nota", args=[t.pk, 2])
        vraag.refresh_from_db()
        assert (vraag.nota.nummer, vraag.nummer) == (2, 2)

        client.logout()
        nota_page = client.get(response.url).content.decode()
        assert "Is er een budgetplafond?" in nota_page and "Nee, 180.000 euro." in nota_page
        assert "Anoniem Blijven" not in nota_page and "vrager@geheim.nl" not in nota_page

    def test_answer_to_a_question_of_another_trajectory_is_404(self, client, wereld):
        client.force_login(wereld["users"]["medewerker"])
        vreemd = VraagFactory()
        response = client.post(
            self.antwoord_url(wereld, vreemd),
            {"vraag": vreemd.pk, f"{vreemd.pk}-antwoord": "x"},
        )
        assert response.status_code == 404

    def test_publish_form_warns_when_now_is_late(self, client, wereld, time_machine):
        VraagFactory(traject=wereld["gepubliceerd"], beantwoord=True)
        time_machine.move_to(ams(2026, 6, 24, 12, 0, 1), tick=False)  # 6 days before 30 June 12:00
        client.force_login(wereld["users"]["medewerker"])
        page = client.get(self.url(wereld))
        assert page.context["nu_te_laat"] is True
        assert 'class="utrecht-alert utrecht-alert--warning" role="alert"' in page.content.decode()
        response = client.post(self.nota_url(wereld), follow=True)
        assert response.context["nota"].te_laat is True

    def test_nota_page_flags_a_late_nota(self, client, wereld):
        wereld["nota"].te_laat = True
        wereld["nota"].save()
        page = client.get(reverse("trajecten:nota", args=[wereld["gepubliceerd"].pk, 1]))
        assert page.context["nota"].te_laat is True
        assert "utrecht-alert--warning" in page.content.decode()


# Query counts


def _vragen(traject, n):
    """n questions in every state: published, answered, open."""
    for i in range(n):
        if i % 3 == 0:
            VraagFactory(traject=traject, beantwoord=True, perceel=PerceelFactory(traject=traject))
        elif i % 3 == 1:
            VraagFactory(traject=traject, beantwoord=True)
        else:
            VraagFactory(traject=traject)


@pytest.mark.django_db
def test_vragen_medewerker_queries(client, count_queries, wereld):
    t = wereld["gepubliceerd"]
    medewerker = wereld["users"]["medewerker"]
    client.force_login(medewerker)
    url = reverse("trajecten:vragen", args=[t.pk])
    few = count_queries(lambda: client.get(url))  # the fixture's one published question
    _vragen(t, 19)
    nota_publiceren(actor=medewerker, traject=t)
    _vragen(t, 10)
    many = count_queries(lambda: client.get(url))
    assert Vraag.objects.filter(traject=t).count() == 30
    assert (few, many) == (8, 8)


@pytest.mark.django_db
def test_vragen_citizen_queries(client, count_queries, wereld):
    t = wereld["gepubliceerd"]
    burger = wereld["users"]["burger"]
    client.force_login(burger)
    url = reverse("trajecten:vragen", args=[t.pk])
    PerceelFactory(traject=t)  # with lots the form offers a choice: one query
    VraagFactory(traject=t, gesteld_door=burger)
    few = count_queries(lambda: client.get(url))
    for _ in range(19):
        VraagFactory(traject=t, gesteld_door=burger, perceel=PerceelFactory(traject=t))
    many = count_queries(lambda: client.get(url))
    assert (few, many) == (9, 9)


@pytest.mark.django_db
def test_nota_queries(client, count_queries, wereld):
    t = wereld["gepubliceerd"]
    medewerker = wereld["users"]["medewerker"]
    VraagFactory(traject=t, beantwoord=True, perceel=PerceelFactory(traject=t))
    een = nota_publiceren(actor=medewerker, traject=t)
    _vragen(t, 30)
    twintig = nota_publiceren(actor=medewerker, traject=t)
    assert (een.vragen.count(), twintig.vragen.count()) == (1, 20)
    few = count_queries(lambda: client.get(reverse("trajecten:nota", args=[t.pk, een.nummer])))
    many = count_queries(lambda: client.get(reverse("trajecten:nota", args=[t.pk, twintig.nummer])))
    assert (few, many) == (3, 3)


@pytest.mark.django_db
# Logged in: one query for the user's own organisations (the registration form).
@pytest.mark.parametrize("rol,expected", [("anoniem", 2), ("burger", 8), ("medewerker", 10)])
def test_bijeenkomst_queries(client, count_queries, wereld, rol, expected):
    sessie = wereld["sessie"]
    user = wereld["users"][rol]
    if user is not None:
        client.force_login(user)
    AanmeldingFactory.create_batch(5, bijeenkomst=sessie)
    few = count_queries(lambda: client.get(sessie.get_absolute_url()))
    AanmeldingFactory.create_batch(45, bijeenkomst=sessie, organisatie="Stichting")
    AanmeldingFactory.create_batch(5, bijeenkomst=sessie, onbevestigd=True)
    many = count_queries(lambda: client.get(sessie.get_absolute_url()))
    assert (few, many) == (expected, expected)


@pytest.mark.django_db
def test_light_accounts_are_not_doubled_through_the_page(client, wereld):
    t = wereld["gepubliceerd"]
    ander = BijeenkomstFactory(traject=t, begint_op=ams(2026, 6, 7, 19))
    for sessie in (wereld["sessie"], ander):
        client.post(sessie.get_absolute_url(), {"naam": "Jo", "email": "jo@buurt.nl"})
        client.post(sessie.get_absolute_url(), {"naam": "Jo", "email": "JO@buurt.nl"})
    assert User.objects.filter(email="jo@buurt.nl").count() == 1
    assert Aanmelding.objects.filter(user__email="jo@buurt.nl").count() == 2


# Length limits (issue 11, point 10)


@pytest.mark.django_db
def test_a_public_question_of_a_million_characters_is_refused_on_the_field(client, wereld):
    client.force_login(wereld["users"]["burger"])
    url = reverse("trajecten:vraag_stellen", args=[wereld["gepubliceerd"].pk])
    response = client.post(url, {"tekst": MILJOEN})
    assert_te_lang(response, response.context["vraag_form"], "tekst", TEKST_KORT)
    assert Vraag.objects.count() == 1  # only the one of the set-up


@pytest.mark.django_db
def test_a_session_description_of_a_million_characters_is_refused_on_the_field(client, wereld):
    client.force_login(wereld["users"]["medewerker"])
    t = wereld["gepubliceerd"]
    data = {
        "titel": "Verdiepingsavond",
        "soort": "verdieping",
        "omschrijving": MILJOEN,
        "begint_op": "2026-06-12T19:30",
        "eindigt_op": "2026-06-12T21:30",
        "locatie": "Bibliotheek",
        "online_link": "",
        "capaciteit": "",
        "max_per_organisatie": "",
    }
    response = client.post(reverse("trajecten:bijeenkomst_nieuw", args=[t.pk]), data)
    assert_te_lang(response, response.context["form"], "omschrijving", TEKST_MIDDEL)
    assert not Bijeenkomst.objects.filter(titel="Verdiepingsavond").exists()


def test_the_public_link_to_a_published_report_opens_it(client, wereld, nu):
    """The trajectory page linked the report to the officer's editing page (a 404 for the
    public); it links to the session's page, where the report is."""
    sessie = wereld["sessie"]
    sessie.begint_op, sessie.eindigt_op = nu - timedelta(days=3), nu - timedelta(days=3, hours=-2)
    sessie.verslag, sessie.verslag_gepubliceerd_op = "Wat we hoorden", nu - timedelta(days=1)
    sessie.save()
    pagina = client.get(reverse("trajecten:detail", args=[wereld["gepubliceerd"].pk]))
    links = re.findall(r'href="([^"]*)"', pagina.content.decode())
    [link] = [link for link in links if f"/bijeenkomsten/{sessie.pk}/#" in link]
    response = client.get(link)
    assert response.status_code == 200
    assert "Wat we hoorden" in response.content.decode()
