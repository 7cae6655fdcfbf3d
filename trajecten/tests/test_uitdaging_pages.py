"""Right to challenge: the pages for each role, the officer's answers, panels, query counts."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from aanbesteden import dashboards
from aanbesteden.models import Medewerker
from aanbesteden.tests.factories import GemeenteFactory, MedewerkerFactory, UserFactory
from trajecten.constants import TrajectStatus, UitdagingStatus, Vorm
from trajecten.models import Traject, Uitdaging
from trajecten.tests.factories import UitdagingFactory
from trajecten.views import uitdaging as views

pytestmark = pytest.mark.django_db

S = UitdagingStatus
FORM_URL = "/trajecten/uitdagen/"
LIJST_URL = "/trajecten/uitdagen/overzicht/"

VOORSTEL = {
    "titel": "Groenonderhoud Vlierstraat",
    "wat": "Wij maaien het gras en snoeien de struiken, elke maand.",
    "waar": "Woensel-Noord",
    "waarom": "Wij wonen er en zien direct wat nodig is.",
    "wie": "Bewonersgroep Vlierstraat.",
    "nodig": "Gereedschap en het groenbudget voor deze straat.",
}


def test_urls_are_fixed():
    assert reverse("trajecten:uitdagen") == FORM_URL
    assert reverse("trajecten:uitdagingen") == LIJST_URL
    assert reverse("trajecten:uitdaging", args=[7]) == "/trajecten/uitdagen/7/"


@pytest.fixture
def wereld(gemeente, andere_gemeente, medewerker, burger, beheerder):
    uitdaging = UitdagingFactory(gemeente=gemeente, indiener=burger)
    beheerder_en_medewerker = UserFactory(beheerder=True, met_totp=True)
    Medewerker.objects.create(user=beheerder_en_medewerker, gemeente=gemeente)
    return {
        "uitdaging": uitdaging,
        "users": {
            "anoniem": None,
            "indiener": burger,
            "andere_burger": UserFactory(),
            "medewerker": medewerker,
            "medewerker_elders": MedewerkerFactory(gemeente=andere_gemeente).user,
            "beheerder": beheerder,
            "beheerder_en_medewerker": beheerder_en_medewerker,
        },
    }


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


def _is_login_redirect(response, url):
    return (
        response.status_code == 302
        and response.url.startswith("/accounts/login/")
        and (f"next={url}" in response.url.replace("%2F", "/"))
    )


# Permission matrix ------------------------------------------------------------

MATRIX = {
    # role: (form page, proposal page, officer's list)
    "anoniem": (200, "login", "login"),
    "indiener": (200, 200, 404),
    "andere_burger": (200, 404, 404),
    "medewerker": (200, 200, 200),
    "medewerker_elders": (200, 404, 200),
    "beheerder": (200, 404, 404),
    "beheerder_en_medewerker": (200, 200, 200),
}


@pytest.mark.parametrize("rol", list(MATRIX))
def test_permission_matrix(client, wereld, rol):
    user = wereld["users"][rol]
    uitdaging = wereld["uitdaging"]
    urls = (FORM_URL, f"/trajecten/uitdagen/{uitdaging.pk}/", LIJST_URL)
    for url, expected in zip(urls, MATRIX[rol], strict=True):
        response = _get(client, user, url)
        if expected == "login":
            assert _is_login_redirect(response, url), (url, response)
        else:
            assert response.status_code == expected, url
    if rol == "medewerker_elders":
        response = client.get(LIJST_URL)
        assert uitdaging.titel not in response.content.decode()


@pytest.mark.parametrize("rol", ["andere_burger", "medewerker_elders", "beheerder"])
def test_outsiders_cannot_post_to_a_proposal(client, wereld, rol):
    uitdaging = wereld["uitdaging"]
    client.force_login(wereld["users"][rol])
    for actie in ("accepteren", "afwijzen", "aanvullen"):
        response = client.post(
            f"/trajecten/uitdagen/{uitdaging.pk}/{actie}/", {"afwijzen-reden": "Nee"}
        )
        assert response.status_code == 404
    uitdaging.refresh_from_db()
    assert uitdaging.status == S.INGEDIEND


# The form page -------------------------------------------------------------------


def test_anonymous_visitor_reads_the_explanation_and_is_asked_to_log_in(client, gemeente):
    response = client.get(FORM_URL)
    html = response.content.decode()
    assert "Wet versterking participatie op decentraal niveau" in html
    assert f'{reverse("account_login")}?next=/trajecten/uitdagen/"' in html
    assert f'{reverse("account_signup")}?next=/trajecten/uitdagen/"' in html
    assert 'name="titel"' not in html


def test_anonymous_post_goes_to_login(client, gemeente):
    response = client.post(FORM_URL, {"gemeente": gemeente.pk, **VOORSTEL})
    assert _is_login_redirect(response, FORM_URL)
    assert not Uitdaging.objects.exists()


def test_logged_in_visitor_sees_the_form_and_only_their_proposals(client, gemeente, burger):
    eigen = UitdagingFactory(gemeente=gemeente, indiener=burger, titel="Mijn eigen voorstel")
    UitdagingFactory(gemeente=gemeente, titel="Voorstel van een ander")
    client.force_login(burger)
    html = client.get(FORM_URL).content.decode()
    for veld in ("gemeente", "titel", "wat", "waar", "waarom", "wie", "nodig"):
        assert f'name="{veld}"' in html
    assert f'<option value="{gemeente.pk}">Eindhoven</option>' in html
    assert "Mijn eigen voorstel" in html
    assert eigen.get_absolute_url() in html
    assert "Voorstel van een ander" not in html


def test_submitting_and_a_double_click(
    client, gemeente, medewerker, burger, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(burger)
    data = {"gemeente": gemeente.pk, **VOORSTEL}
    with django_capture_on_commit_callbacks(execute=True):
        eerste = client.post(FORM_URL, data)
        tweede = client.post(FORM_URL, data)
    uitdaging = Uitdaging.objects.get()
    assert eerste.status_code == tweede.status_code == 302
    assert eerste.url == tweede.url == f"/trajecten/uitdagen/{uitdaging.pk}/"
    assert (uitdaging.indiener, uitdaging.gemeente, uitdaging.titel) == (
        burger,
        gemeente,
        VOORSTEL["titel"],
    )
    assert sorted(m.to[0] for m in mailoutbox) == sorted([medewerker.email, burger.email])


def test_invalid_form_is_shown_again(client, gemeente, burger):
    client.force_login(burger)
    response = client.post(FORM_URL, {"gemeente": gemeente.pk, **VOORSTEL, "waarom": ""})
    assert response.status_code == 400
    assert 'id="id_waarom_error"' in response.content.decode()
    assert not Uitdaging.objects.exists()


# The proposal page -------------------------------------------------------------------


def _url(uitdaging):
    return f"/trajecten/uitdagen/{uitdaging.pk}/"


def _actie_url(uitdaging, actie):
    """One URL per answer (the page's URL stays the proposal's)."""
    return f"/trajecten/uitdagen/{uitdaging.pk}/{actie.replace('_', '-')}/"


def test_proposer_follows_a_question_and_supplements(client, gemeente, medewerker, burger):
    uitdaging = UitdagingFactory(gemeente=gemeente, indiener=burger)
    client.force_login(medewerker)
    html = client.get(_url(uitdaging)).content.decode()
    for actie in ("accepteren", "meer_informatie_vragen", "afwijzen"):
        assert f'action="{_actie_url(uitdaging, actie)}"' in html
    assert burger.email in html  # the officer can contact the proposer

    vragen_url = _actie_url(uitdaging, "meer_informatie_vragen")
    response = client.post(vragen_url, {"vraag-vraag": ""})
    assert response.status_code == 400
    response = client.post(vragen_url, {"vraag-vraag": "Welke dagen?"})
    assert response.status_code == 302
    assert response.url == _url(uitdaging)
    uitdaging.refresh_from_db()
    assert uitdaging.status == S.MEER_INFORMATIE

    client.force_login(burger)
    html = client.get(_url(uitdaging)).content.decode()
    assert "Welke dagen?" in html
    assert f'action="{_actie_url(uitdaging, "aanvullen")}"' in html
    assert _actie_url(uitdaging, "accepteren") not in html
    response = client.post(
        _actie_url(uitdaging, "aanvullen"), {"aanvullen-aanvulling": "Op dinsdag."}
    )
    assert response.status_code == 302
    uitdaging.refresh_from_db()
    assert uitdaging.status == S.INGEDIEND
    assert uitdaging.wat.endswith("Op dinsdag.")


def test_proposer_cannot_answer_for_the_municipality(client, gemeente, burger):
    uitdaging = UitdagingFactory(gemeente=gemeente, indiener=burger)
    client.force_login(burger)
    response = client.post(_actie_url(uitdaging, "accepteren"), follow=True)
    assert response.redirect_chain == [(_url(uitdaging), 302)]
    assert len(list(response.context["messages"])) == 1
    uitdaging.refresh_from_db()
    assert uitdaging.status == S.INGEDIEND
    assert not Traject.objects.exists()


def test_medewerker_accepts_it_on_a_route(client, gemeente, medewerker, burger):
    uitdaging = UitdagingFactory(gemeente=gemeente, indiener=burger)
    client.force_login(medewerker)
    # Without a route: the page again, with the error; nothing made.
    response = client.post(_actie_url(uitdaging, "accepteren"))
    assert response.status_code == 400
    assert not Traject.objects.exists()
    # The old form is not a route to choose.
    response = client.post(
        _actie_url(uitdaging, "accepteren"), {"accepteren-vorm": Vorm.RIGHT_TO_CHALLENGE}
    )
    assert response.status_code == 400
    response = client.post(_actie_url(uitdaging, "accepteren"), {"accepteren-vorm": Vorm.SUBSIDIE})
    traject = Traject.objects.get()
    assert response.status_code == 302
    assert response.url == f"/trajecten/{traject.pk}/beheer/"
    assert traject.vorm == Vorm.SUBSIDIE
    uitdaging.refresh_from_db()
    assert uitdaging.traject == traject

    # A second click finds the proposal closed: a message, no second trajectory.
    response = client.post(_actie_url(uitdaging, "accepteren"), {"accepteren-vorm": Vorm.SUBSIDIE})
    assert response.status_code == 302
    assert response.url == _url(uitdaging)
    assert Traject.objects.count() == 1

    html = client.get(_url(uitdaging)).content.decode()
    assert f'href="/trajecten/{traject.pk}/beheer/"' in html

    # The proposer is not sent to the draft ...
    client.force_login(burger)
    html = client.get(_url(uitdaging)).content.decode()
    assert f"/trajecten/{traject.pk}/" not in html
    # ... until it is published.
    Traject.objects.filter(pk=traject.pk).update(
        status=TrajectStatus.GEPUBLICEERD, gepubliceerd_op=timezone.now()
    )
    html = client.get(_url(uitdaging)).content.decode()
    assert f'href="/trajecten/{traject.pk}/"' in html
    assert "/beheer/" not in html


def test_declined_proposal_shows_the_reasons(client, gemeente, medewerker, burger):
    uitdaging = UitdagingFactory(gemeente=gemeente, indiener=burger)
    client.force_login(medewerker)
    response = client.post(
        _actie_url(uitdaging, "afwijzen"), {"afwijzen-reden": "Dit doet de gemeente zelf."}
    )
    assert response.status_code == 302
    client.force_login(burger)
    html = client.get(_url(uitdaging)).content.decode()
    assert "Dit doet de gemeente zelf." in html
    assert 'value="aanvullen"' not in html


# The officer's list ------------------------------------------------------------------


def test_list_shows_own_gemeenten_newest_first_and_filters(
    client, gemeente, andere_gemeente, medewerker
):
    oud = UitdagingFactory(gemeente=gemeente, titel="Oud voorstel")
    nieuw = UitdagingFactory(gemeente=gemeente, titel="Nieuw voorstel", status=S.AFGEWEZEN)
    UitdagingFactory(gemeente=andere_gemeente, titel="Voorstel in Zwolle")
    Uitdaging.objects.filter(pk=oud.pk).update(created_at=timezone.now() - timedelta(days=3))
    client.force_login(medewerker)

    response = client.get(LIJST_URL)
    assert [u.pk for u in response.context["page"].object_list] == [nieuw.pk, oud.pk]
    assert "Voorstel in Zwolle" not in response.content.decode()

    response = client.get(LIJST_URL, {"status": S.AFGEWEZEN})
    assert [u.pk for u in response.context["page"].object_list] == [nieuw.pk]
    response = client.get(LIJST_URL, {"status": "onzin"})
    assert len(response.context["page"].object_list) == 2


def test_list_is_paginated_and_keeps_the_filter(client, gemeente, medewerker):
    UitdagingFactory.create_batch(views.LIJST_GROOTTE + 1, gemeente=gemeente)
    client.force_login(medewerker)
    response = client.get(LIJST_URL, {"status": S.INGEDIEND})
    assert response.context["page"].paginator.num_pages == 2
    assert "?status=ingediend&amp;page=2" in response.content.decode()
    response = client.get(LIJST_URL, {"status": S.INGEDIEND, "page": 2})
    assert len(response.context["page"].object_list) == 1


# Dashboard panel ------------------------------------------------------------------------


def _panel(user):
    request = RequestFactory().get("/")
    request.user = user
    return views.uitdaging_panel(request)


def test_panel_for_medewerkers_counts_what_waits(gemeente, andere_gemeente, medewerker):
    UitdagingFactory.create_batch(2, gemeente=gemeente)
    UitdagingFactory(gemeente=gemeente, status=S.MEER_INFORMATIE)
    UitdagingFactory(gemeente=andere_gemeente)
    panel = _panel(medewerker)
    assert panel.role == "beleidsmedewerker"
    assert panel.context["aantal_wachtend"] == 2


def test_panel_for_proposers_lists_their_proposals(gemeente, burger):
    eigen = UitdagingFactory(gemeente=gemeente, indiener=burger)
    UitdagingFactory(gemeente=gemeente)
    panel = _panel(burger)
    assert panel.role == "indiener"
    assert list(panel.context["uitdagingen"]) == [eigen]


@pytest.fixture
def panel_registered():
    saved = list(dashboards._providers)
    dashboards.register("trajecten.uitdaging", views.uitdaging_panel, order=20)
    yield
    dashboards._providers[:] = saved


@pytest.mark.usefixtures("panel_registered")
def test_panel_on_the_dashboard(client, gemeente, medewerker, burger):
    eigen = UitdagingFactory(gemeente=gemeente, indiener=burger, titel="Mijn speeltuin")
    client.force_login(medewerker)
    html = client.get("/").content.decode()
    assert 'id="uitdagingen-wachtend"' in html
    assert f'href="{LIJST_URL}"' in html
    client.force_login(burger)
    html = client.get("/").content.decode()
    assert "Mijn speeltuin" in html
    assert eigen.get_absolute_url() in html


# Query counts -------------------------------------------------------------------------


def _rows(gemeente, indiener, n):
    for i in range(n):
        status = list(S)[i % 4]
        UitdagingFactory(gemeente=gemeente, indiener=indiener, status=status)
        UitdagingFactory(gemeente=GemeenteFactory())  # another gemeente's


def _measure(client, count_queries, user, url, gemeente, indiener=None):
    client.force_login(user)
    indiener = indiener or UserFactory()
    _rows(gemeente, indiener, 5)
    few = count_queries(lambda: client.get(url))
    _rows(gemeente, indiener, 45)
    many = count_queries(lambda: client.get(url))
    return few, many


def test_medewerker_list_queries(client, count_queries, gemeente, medewerker):
    assert _measure(client, count_queries, medewerker, LIJST_URL, gemeente) == (7, 7)


def test_proposal_page_queries(client, count_queries, gemeente, medewerker, burger):
    uitdaging = UitdagingFactory(gemeente=gemeente, indiener=burger)
    assert _measure(client, count_queries, medewerker, _url(uitdaging), gemeente) == (6, 6)
    assert _measure(client, count_queries, burger, _url(uitdaging), gemeente, burger) == (5, 5)


def test_form_page_queries(client, count_queries, gemeente, burger):
    # Issue 14: + the municipalities with their term and criteria (one query for all).
    assert _measure(client, count_queries, burger, FORM_URL, gemeente, burger) == (7, 7)
    GemeenteFactory.create_batch(3)
    assert count_queries(lambda: client.get(FORM_URL)) == 7
