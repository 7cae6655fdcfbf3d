"""Every URL against every role, with the expected answer."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from aanbesteden.tests.factories import (
    PNG,
    DocumentFactory,
    GemeenteFactory,
    MedewerkerFactory,
    UserFactory,
)
from beoordeling.tests.factories import CommissielidFactory
from coalities.tests.factories import (
    CoalitieFactory,
    CoalitiePartnerFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
)
from trajecten.tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    TrajectFactory,
    UitdagingFactory,
)

ROLES = [
    "anoniem",
    "burger",
    "organisatielid",
    "commissielid",
    "medewerker",
    "medewerker_andere_gemeente",
    "beheerder",
]


@pytest.fixture
def wereld(db):
    eindhoven = GemeenteFactory(naam="Eindhoven", slug="eindhoven")
    zwolle = GemeenteFactory(naam="Zwolle", slug="zwolle")
    zwolle.logo.save("logo.png", ContentFile(PNG))
    medewerker = MedewerkerFactory(gemeente=eindhoven).user
    gepubliceerd = TrajectFactory(gemeente=eindhoven, gepubliceerd=True, aangemaakt_door=medewerker)
    concept = TrajectFactory(gemeente=eindhoven, titel="Geheim concept", aangemaakt_door=medewerker)
    organisatie = OrganisatieFactory()
    users = {
        "anoniem": None,
        "burger": UserFactory(),
        "organisatielid": LidmaatschapFactory(organisatie=organisatie, beheerder=True).user,
        "commissielid": CommissielidFactory(traject=gepubliceerd).user,
        "medewerker": medewerker,
        "medewerker_andere_gemeente": MedewerkerFactory(gemeente=zwolle).user,
        "beheerder": UserFactory(beheerder=True, met_totp=True),
    }
    coalitie = CoalitieFactory(traject=gepubliceerd)
    CoalitiePartnerFactory(coalitie=coalitie, organisatie=organisatie, penvoerder=True)
    bijeenkomst = BijeenkomstFactory(traject=gepubliceerd)
    return {
        "users": users,
        "coalitie": coalitie,
        "bijeenkomst": bijeenkomst,
        "onbevestigd": AanmeldingFactory(bijeenkomst=bijeenkomst, onbevestigd=True),
        "uitdaging": UitdagingFactory(gemeente=eindhoven, indiener=users["burger"]),
        "gepubliceerd": gepubliceerd,
        "concept": concept,
        "organisatie": organisatie,
        "document": DocumentFactory(gemeente=eindhoven, klaar=True),
        "eindhoven": eindhoven,
    }


LOGIN = "login"
ALL_200 = dict.fromkeys(ROLES, 200)


def only(role, ok=200, other=404, anon=None):
    expected = dict.fromkeys(ROLES, other)
    expected[role] = ok
    if anon is not None:
        expected["anoniem"] = anon
    return expected


def logged_in(ok=200):
    expected = dict.fromkeys(ROLES, ok)
    expected["anoniem"] = LOGIN
    return expected


CASES = [
    ("get", lambda w: reverse("home"), ALL_200),
    ("get", lambda w: reverse("trajecten:lijst"), ALL_200),
    ("get", lambda w: reverse("trajecten:detail", args=[w["gepubliceerd"].pk]), ALL_200),
    ("get", lambda w: reverse("trajecten:detail", args=[w["concept"].pk]), only("medewerker")),
    (
        "post",
        lambda w: reverse("trajecten:overzicht_pdf", args=[w["concept"].pk]),
        only("medewerker", ok=302, anon=LOGIN),
    ),
    # Phase A: the officer's pages of a trajectory
    (
        "get",
        lambda w: reverse("trajecten:nieuw"),
        {**only("medewerker", other=403, anon=LOGIN), "medewerker_andere_gemeente": 200},
    ),
    (
        "get",
        lambda w: reverse("trajecten:beheer", args=[w["gepubliceerd"].pk]),
        only("medewerker", anon=LOGIN),
    ),
    (
        "get",
        lambda w: reverse("trajecten:sectie", args=[w["concept"].pk, "opgave"]),
        only("medewerker", anon=LOGIN),
    ),
    (
        "post",
        lambda w: reverse("trajecten:publiceren", args=[w["concept"].pk]),
        only("medewerker", ok=302, anon=LOGIN),
    ),
    (
        "get",
        lambda w: reverse("trajecten:bijeenkomst_nieuw", args=[w["gepubliceerd"].pk]),
        only("medewerker", anon=LOGIN),
    ),
    # Phase A: public pages of a published trajectory, and nothing of a draft
    ("get", lambda w: reverse("trajecten:uitvraag", args=[w["gepubliceerd"].pk]), ALL_200),
    ("get", lambda w: reverse("trajecten:uitvraag", args=[w["concept"].pk]), only("medewerker")),
    ("get", lambda w: reverse("trajecten:vragen", args=[w["gepubliceerd"].pk]), ALL_200),
    ("get", lambda w: reverse("trajecten:vragen", args=[w["concept"].pk]), only("medewerker")),
    (
        "get",
        lambda w: reverse(
            "trajecten:bijeenkomst", args=[w["gepubliceerd"].pk, w["bijeenkomst"].pk]
        ),
        ALL_200,
    ),
    (
        "post",
        lambda w: reverse("trajecten:volgen", args=[w["gepubliceerd"].pk]),
        logged_in(302),
    ),
    # One URL per transition (issue 12): stop following, cancel a registration, publish a
    # nota, answer a proposal.
    (
        "post",
        lambda w: reverse("trajecten:ontvolgen", args=[w["gepubliceerd"].pk]),
        logged_in(302),
    ),
    (
        "post",
        lambda w: reverse(
            "trajecten:bijeenkomst_afmelden", args=[w["gepubliceerd"].pk, w["bijeenkomst"].pk]
        ),
        logged_in(302),
    ),
    (
        "post",
        lambda w: reverse("trajecten:nota_publiceren", args=[w["gepubliceerd"].pk]),
        only("medewerker", ok=302, anon=LOGIN),
    ),
    (
        "post",
        lambda w: reverse("trajecten:uitdaging_accepteren", args=[w["uitdaging"].pk]),
        # Without a route chosen the officer gets the page again with the error (400).
        {**only("medewerker", ok=400, anon=LOGIN), "burger": 302},
    ),
    # The link in the mail to someone who registered without an account: the token is the
    # proof of the address, so it answers whoever holds it.
    (
        "get",
        lambda w: reverse("trajecten:aanmelding_bevestigen", args=[w["onbevestigd"].token]),
        ALL_200,
    ),
    # Right to challenge: the form is public, a proposal is for its proposer and the gemeente
    ("get", lambda w: reverse("trajecten:uitdagen"), ALL_200),
    (
        "get",
        lambda w: reverse("trajecten:uitdaging", args=[w["uitdaging"].pk]),
        {**only("medewerker", anon=LOGIN), "burger": 200},
    ),
    (
        "get",
        lambda w: reverse("trajecten:uitdagingen"),
        {**only("medewerker", anon=LOGIN), "medewerker_andere_gemeente": 200},
    ),
    # Phase B: organisations, the partner board, coalitions
    ("get", lambda w: reverse("coalities:lijst"), ALL_200),
    ("get", lambda w: reverse("coalities:nieuw"), logged_in()),
    ("get", lambda w: reverse("coalities:mijn"), logged_in()),
    ("get", lambda w: reverse("coalities:gesprekken"), logged_in()),
    (
        "get",
        lambda w: reverse("coalities:bewerken", args=[w["organisatie"].pk]),
        only("organisatielid", anon=LOGIN),
    ),
    (
        "get",
        lambda w: reverse("coalities:leden", args=[w["organisatie"].pk]),
        only("organisatielid", anon=LOGIN),
    ),
    (
        "get",
        lambda w: reverse("coalities:partnerbord", args=[w["gepubliceerd"].pk]),
        ALL_200,
    ),
    (
        "get",
        lambda w: reverse("coalities:partnerbord", args=[w["concept"].pk]),
        only("medewerker"),
    ),
    (
        "get",
        lambda w: reverse("coalities:uitnodigen", args=[w["gepubliceerd"].pk]),
        only("medewerker", anon=LOGIN),
    ),
    (
        "get",
        lambda w: reverse("coalities:sleutelpartijen", args=[w["gepubliceerd"].pk]),
        only("medewerker", anon=LOGIN),
    ),
    (
        "get",
        lambda w: reverse("coalities:coalities_traject", args=[w["gepubliceerd"].pk]),
        only("medewerker", anon=LOGIN),
    ),
    (
        "get",
        lambda w: reverse("coalities:coalitie", args=[w["coalitie"].pk]),
        {**only("organisatielid", anon=LOGIN), "medewerker": 200},
    ),
    (
        "get",
        lambda w: reverse("coalities:coalitie_partner_uitnodigen", args=[w["coalitie"].pk]),
        only("organisatielid", anon=LOGIN),
    ),
    ("get", lambda w: reverse("notificaties"), logged_in()),
    ("post", lambda w: reverse("notificaties_gelezen"), logged_in(302)),
    ("get", lambda w: reverse("document_detail", args=[w["document"].uuid]), only("medewerker")),
    ("get", lambda w: reverse("document_download", args=[w["document"].uuid]), only("medewerker")),
    ("get", lambda w: reverse("coalities:organisatie", args=[w["organisatie"].pk]), ALL_200),
    ("get", lambda w: reverse("gemeente_thema", args=["eindhoven"]), ALL_200),
    # The logo is the one public upload (served by a view, never a static route).
    ("get", lambda w: reverse("gemeente_logo", args=["zwolle"]), ALL_200),
    ("get", lambda w: reverse("gemeente_logo", args=["eindhoven"]), dict.fromkeys(ROLES, 404)),
    ("get", lambda w: reverse("admin:index"), only("beheerder", other=302)),
    ("get", lambda w: reverse("admin:trajecten_traject_changelist"), only("beheerder", other=302)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "method,url,expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_url_answers_each_role_as_expected(client, wereld, role, method, url, expected):
    user = wereld["users"][role]
    if user is not None:
        client.force_login(user)
    address = url(wereld)
    response = getattr(client, method)(address)
    want = expected[role]
    if want == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == want, f"{role} {method} {address}"


@pytest.mark.parametrize("role", ROLES)
def test_drafts_of_a_gemeente_never_reach_other_roles(client, wereld, role):
    user = wereld["users"][role]
    if user is not None:
        client.force_login(user)
    dashboard = client.get(reverse("home")).content.decode()
    assert ("Geheim concept" in dashboard) == (role == "medewerker")
    # The public list shows published trajectories only, also to the officers.
    assert "Geheim concept" not in client.get(reverse("trajecten:lijst")).content.decode()


EXPECTED_PANEL = {
    "burger": None,
    "organisatielid": "organisatielid",
    "commissielid": "commissielid",
    "medewerker": "beleidsmedewerker",
    "medewerker_andere_gemeente": "beleidsmedewerker",
    "beheerder": "beheerder",
}


@pytest.mark.parametrize("role", list(EXPECTED_PANEL))
def test_each_role_gets_its_own_dashboard(client, wereld, role):
    client.force_login(wereld["users"][role])
    page = client.get(reverse("home")).content.decode()
    rollen = {"organisatielid", "commissielid", "beleidsmedewerker", "beheerder"}
    expected = EXPECTED_PANEL[role]
    for rol in rollen:
        assert (f'data-rol="{rol}"' in page) == (rol == expected), rol
    assert 'data-rol="publiek"' in page  # everyone logged in can discover open trajectories


def test_anonymous_visitors_see_the_public_portal(client, wereld):
    page = client.get(reverse("home")).content.decode()
    assert wereld["gepubliceerd"].titel in page
    assert "data-rol=" not in page
