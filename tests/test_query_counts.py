"""Pages run the same number of queries for 5 and for 50 rows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from aanbesteden.models import Gemeente
from aanbesteden.tests.factories import (
    DocumentFactory,
    GemeenteFactory,
    MedewerkerFactory,
    UserFactory,
)
from beoordeling.tests.factories import CommissielidFactory
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory
from trajecten.constants import Domein, Vorm
from trajecten.models import Rectificatie, UitvraagVersie
from trajecten.tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    NotaFactory,
    PerceelFactory,
    TrajectFactory,
    VraagFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db


def _rows(gemeente, user, n):
    for _ in range(n):
        traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
        TrajectFactory(gemeente=gemeente)  # a draft
        CommissielidFactory(traject=traject, user=user)
        LidmaatschapFactory(user=user)
        GemeenteFactory()


def _measure(client, count_queries, user, url, gemeente):
    if user is not None:
        client.force_login(user)
    _rows(gemeente, user or UserFactory(), 5)
    few = count_queries(lambda: client.get(url))
    _rows(gemeente, user or UserFactory(), 45)
    many = count_queries(lambda: client.get(url))
    return few, many


@pytest.mark.parametrize(
    "rol,expected",
    [
        ("anoniem", 1),
        ("burger", 9),  # issue 14: whether they hold a residents' budget
        ("medewerker", 10),
        ("beheerder", 10),
    ],
)
def test_dashboard_queries(client, count_queries, rol, expected):
    gemeente = GemeenteFactory()
    user = {
        "anoniem": lambda: None,
        "burger": UserFactory,
        "medewerker": lambda: MedewerkerFactory(gemeente=gemeente).user,
        "beheerder": lambda: UserFactory(beheerder=True, met_totp=True),
    }[rol]()
    few, many = _measure(client, count_queries, user, reverse("home"), gemeente)
    assert (few, many) == (expected, expected)


def test_trajecten_list_queries(client, count_queries):
    gemeente = GemeenteFactory()
    few, many = _measure(client, count_queries, None, reverse("trajecten:lijst"), gemeente)
    # count, page, districts of the page, and the choices of the filter form
    # (municipalities, district names)
    assert (few, many) == (5, 5)


def _traject_url(gemeente):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    return reverse("trajecten:detail", args=[traject.pk])


def _document_url(gemeente):
    document = DocumentFactory(gemeente=gemeente, klaar=True)
    return reverse("document_detail", args=[document.uuid])


# 19: the call's own questions for the outline bid (issue 14, point 4).
@pytest.mark.parametrize("make_url,expected", [(_traject_url, 19), (_document_url, 6)])
def test_medewerker_object_page_queries(client, count_queries, make_url, expected):
    medewerker = MedewerkerFactory()
    url = make_url(medewerker.gemeente)
    few, many = _measure(client, count_queries, medewerker.user, url, medewerker.gemeente)
    assert (few, many) == (expected, expected)


def test_organisation_page_queries(client, count_queries):
    organisatie = OrganisatieFactory()
    url = reverse("coalities:organisatie", args=[organisatie.pk])
    few, many = _measure(client, count_queries, None, url, GemeenteFactory())
    assert (few, many) == (1, 1)


# --- the portal (issue 4): list with filters, and the trajectory page -------------------------


def _portaal_rows(gemeente, n):
    """Published trajectories that match the filters below, with districts and lots; drafts;
    trajectories of other municipalities."""
    wijk = WijkFactory(gemeente=gemeente, naam="Centrum")
    for i in range(n):
        traject = TrajectFactory(
            gemeente=gemeente,
            titel=f"Buurthuis {i}",
            gepubliceerd=True,
            domein=Domein.SOCIAAL,
            vorm=Vorm.SUBSIDIE,
        )
        traject.wijken.add(wijk, WijkFactory(gemeente=gemeente, naam=f"Buurt {i}"))
        PerceelFactory(traject=traject, nummer=1)
        PerceelFactory(traject=traject, nummer=2)
        TrajectFactory(gemeente=gemeente, titel=f"Buurthuis concept {i}")
        anders = TrajectFactory(gepubliceerd=True, domein=Domein.SOCIAAL)
        anders.wijken.add(WijkFactory(gemeente=anders.gemeente, naam="Centrum"))


LIJST_FILTERS = {
    "gemeente": "eindhoven",
    "wijk": "Centrum",
    "domein": "sociaal",
    "vorm": "subsidie",
    "fase": "A",
    "open": "on",
    "sluit_voor": "2099-12-31",
    "q": "buurthuis",
    "sortering": "sluit",
}


@pytest.mark.parametrize(
    "params,expected,per_rij",
    [
        # count, page, districts, municipalities and district names for the filter form
        ({}, 5, 2),
        ({"sortering": "nieuw"}, 5, 2),
        # + the chosen municipality, validated by the form
        (LIJST_FILTERS, 6, 1),
    ],
)
def test_portaal_list_queries_with_filters(client, count_queries, params, expected, per_rij):
    gemeente = GemeenteFactory(naam="Eindhoven", slug="eindhoven")
    url = reverse("trajecten:lijst")
    _portaal_rows(gemeente, 5)
    few = count_queries(lambda: client.get(url, params))
    assert client.get(url, params).context["page"].paginator.count == 5 * per_rij
    _portaal_rows(gemeente, 45)
    many = count_queries(lambda: client.get(url, params))
    assert client.get(url, params).context["page"].paginator.count == 50 * per_rij
    assert (few, many) == (expected, expected)


def _vul_traject(traject, *, stuks, vragen):
    """Give `traject` `stuks` lots, sessions (upcoming and past) and corrections, and
    `vragen` answered questions spread over published notas; tops up what is there."""
    medewerker = traject.aangemaakt_door
    if not traject.uitvraagversies.exists():
        UitvraagVersie.objects.create(
            traject=traject,
            versie=1,
            aanleiding="publicatie",
            document=DocumentFactory(gemeente=traject.gemeente, openbaar=True, klaar=True),
            inhoud_hash="0" * 64,
            openbaar=True,
        )
    for _ in range(traject.percelen.count(), stuks):
        nummer = traject.percelen.count() + 100
        perceel = PerceelFactory(traject=traject, nummer=nummer)
        perceel.wijken.add(WijkFactory(gemeente=traject.gemeente, naam=f"Wijk {nummer}"))
    for nummer in range(traject.rectificaties.count() + 1, stuks + 1):
        Rectificatie.objects.create(
            traject=traject, nummer=nummer, reden="Een datum schuift.", gepubliceerd_door=medewerker
        )
        bijeenkomst = BijeenkomstFactory(traject=traject, capaciteit=20)
        AanmeldingFactory(bijeenkomst=bijeenkomst)
        begin = timezone.now() - timedelta(days=nummer)
        BijeenkomstFactory(
            traject=traject,
            begint_op=begin,
            eindigt_op=begin + timedelta(hours=1),
            verslag="Verslag",
            verslag_gepubliceerd_op=timezone.now(),
        )
    for nummer in range(traject.vragen.count() + 1, vragen + 1):
        nota = traject.notas.order_by("-nummer").first()
        if nota is None or nota.vragen.count() >= 5:
            nota = NotaFactory(traject=traject, nummer=(nota.nummer + 1) if nota else 1)
        VraagFactory(traject=traject, beantwoord=True, nota=nota, nummer=nummer)
        VraagFactory(traject=traject)  # not yet answered or published
    traject.vragen.filter(nota__isnull=True).delete()


def _detail_user(rol, gemeente):
    if rol == "anoniem":
        return None
    if rol == "burger":
        return UserFactory()
    return MedewerkerFactory(gemeente=gemeente).user


# anonymous: the trajectory and its 10 prefetches (districts, lots, districts of the lots,
# criteria, requirements, public call versions, corrections, notas, their questions,
# sessions) and the awards sent (beoordeling's section); logged in: + session, user,
# gemeenten, unread count, follows; the medewerker: + two-factor check, documents, audit timeline.
# Issue 14: + the trajectory's own questions for the outline bid (one more prefetch).
DETAIL_EXPECTED = {"anoniem": 13, "burger": 18, "medewerker": 21}


@pytest.mark.parametrize("rol", list(DETAIL_EXPECTED))
def test_portaal_detail_queries_do_not_grow_with_trajectories(client, count_queries, rol):
    gemeente = GemeenteFactory()
    user = _detail_user(rol, gemeente)
    traject = TrajectFactory(gemeente=gemeente, volledig=True, gepubliceerd=True)
    _vul_traject(traject, stuks=3, vragen=3)
    url = reverse("trajecten:detail", args=[traject.pk])
    few, many = _measure(client, count_queries, user, url, gemeente)
    assert (few, many) == (DETAIL_EXPECTED[rol], DETAIL_EXPECTED[rol])


@pytest.mark.parametrize("rol", list(DETAIL_EXPECTED))
def test_portaal_detail_queries_do_not_grow_with_content(client, count_queries, rol):
    gemeente = GemeenteFactory()
    user = _detail_user(rol, gemeente)
    if user is not None:
        client.force_login(user)
    traject = TrajectFactory(gemeente=gemeente, volledig=True, gepubliceerd=True)
    url = reverse("trajecten:detail", args=[traject.pk])
    _vul_traject(traject, stuks=1, vragen=1)
    one = count_queries(lambda: client.get(url))
    _vul_traject(traject, stuks=10, vragen=20)
    assert traject.percelen.count() == 10
    assert traject.rectificaties.count() == 10
    assert traject.bijeenkomsten.count() == 20
    assert traject.vragen.filter(nota__isnull=False).count() == 20
    many = count_queries(lambda: client.get(url))
    assert (one, many) == (DETAIL_EXPECTED[rol], DETAIL_EXPECTED[rol])


def test_registration_confirmation_page_queries(client, count_queries):
    """The link mailed to someone who registered without an account (issue 11, point 13):
    one query for the registration with its session, trajectory and gemeente, whatever
    else the session holds."""
    bijeenkomst = BijeenkomstFactory(capaciteit=100)
    aanmelding = AanmeldingFactory(bijeenkomst=bijeenkomst, onbevestigd=True)
    url = reverse("trajecten:aanmelding_bevestigen", args=[aanmelding.token])
    AanmeldingFactory.create_batch(5, bijeenkomst=bijeenkomst)
    few = count_queries(lambda: client.get(url))
    AanmeldingFactory.create_batch(45, bijeenkomst=bijeenkomst)
    AanmeldingFactory.create_batch(5, bijeenkomst=bijeenkomst, onbevestigd=True)
    many = count_queries(lambda: client.get(url))
    assert (few, many) == (1, 1)


def test_a_wrong_count_shows_the_sql_it_saw(count_queries, request):
    count = count_queries(lambda: list(Gemeente.objects.filter(slug="x")))
    assert count == 1
    assert repr(count).startswith("1 queries:\n1. SELECT")
    assert 'FROM "aanbesteden_gemeente"' in repr(count)
    # What pytest prints when `assert (few, many) == (2, 2)` fails:
    reports = request.config.hook.pytest_assertrepr_compare(
        config=request.config, op="==", left=(count, count), right=(2, 2)
    )
    lines = next(r for r in reports if r)
    assert lines[0] == "(1, 1) == (2, 2)"
    assert any('FROM "aanbesteden_gemeente"' in line for line in lines[1:])
