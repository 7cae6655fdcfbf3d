"""Organisation pages for each role: the directory, registering, the profile, members,
invitations and "my organisations"; e-mail addresses on the profile; exact query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from aanbesteden.constants import TEKST_MIDDEL
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from aanbesteden.tests.lengte import MILJOEN, assert_te_lang
from coalities.constants import LidRol, OrganisatieType, Rechtsvorm
from coalities.models import Lidmaatschap, Organisatie, Uitnodiging
from coalities.tests.factories import (
    LidmaatschapFactory,
    OrganisatieFactory,
    UitnodigingFactory,
)

pytestmark = pytest.mark.django_db

ROLLEN = ["anoniem", "burger", "beheerder", "lid", "lid_elders", "medewerker", "medewerker_elders"]
LOGIN = "login"


@pytest.fixture
def wereld(gemeente, andere_gemeente, medewerker, burger):
    organisatie = OrganisatieFactory(
        naam="Buurtkracht",
        type=OrganisatieType.SOCIAAL_ONDERNEMER,
        kvk_nummer="12345678",
        rechtsvorm=Rechtsvorm.GEEN,
        mensen="Drie buurtbewoners.",
        website="https://buurtkracht.example",
    )
    beheerder = LidmaatschapFactory(
        organisatie=organisatie,
        beheerder=True,
        user=UserFactory(naam="Bea Beheer", email="bea@buurtkracht.nl"),
    ).user
    lid = LidmaatschapFactory(
        organisatie=organisatie, user=UserFactory(naam="Lex Lid", email="lex@buurtkracht.nl")
    ).user
    andere = OrganisatieFactory(naam="Ander Collectief")
    lid_elders = LidmaatschapFactory(organisatie=andere, beheerder=True).user
    return {
        "organisatie": organisatie,
        "andere": andere,
        "uitnodiging": UitnodigingFactory(organisatie=organisatie, uitgenodigd_door=beheerder),
        "users": {
            "anoniem": None,
            "burger": burger,
            "beheerder": beheerder,
            "lid": lid,
            "lid_elders": lid_elders,
            "medewerker": medewerker,
            "medewerker_elders": MedewerkerFactory(gemeente=andere_gemeente).user,
        },
    }


def _login(client, user):
    if user is not None:
        client.force_login(user)


def _is_login_redirect(response, url):
    return (
        response.status_code == 302
        and response.url.startswith("/accounts/login/")
        and f"next={url}" in response.url.replace("%2F", "/")
    )


def test_urls_are_fixed():
    assert reverse("coalities:lijst") == "/organisaties/"
    assert reverse("coalities:nieuw") == "/organisaties/nieuw/"
    assert reverse("coalities:mijn") == "/organisaties/mijn/"
    assert reverse("coalities:organisatie", args=[3]) == "/organisaties/3/"
    assert reverse("coalities:bewerken", args=[3]) == "/organisaties/3/bewerken/"
    assert reverse("coalities:leden", args=[3]) == "/organisaties/3/leden/"
    token = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
    assert reverse("coalities:uitnodiging", args=[token]) == f"/organisaties/uitnodiging/{token}/"


# The permission matrix: every page for every role --------------------------------------------

MATRIX = {
    # role: lijst, nieuw, organisatie, bewerken, leden, uitnodiging, mijn
    "anoniem": (200, LOGIN, 200, LOGIN, LOGIN, 200, LOGIN),
    "burger": (200, 200, 200, 404, 404, 200, 200),
    "beheerder": (200, 200, 200, 200, 200, 200, 200),
    "lid": (200, 200, 200, 404, 200, 200, 200),
    "lid_elders": (200, 200, 200, 404, 404, 200, 200),
    "medewerker": (200, 200, 200, 404, 404, 200, 200),
    "medewerker_elders": (200, 200, 200, 404, 404, 200, 200),
}


def _pagina_urls(w):
    pk = w["organisatie"].pk
    return [
        reverse("coalities:lijst"),
        reverse("coalities:nieuw"),
        reverse("coalities:organisatie", args=[pk]),
        reverse("coalities:bewerken", args=[pk]),
        reverse("coalities:leden", args=[pk]),
        reverse("coalities:uitnodiging", args=[w["uitnodiging"].token]),
        reverse("coalities:mijn"),
    ]


@pytest.mark.parametrize("rol", ROLLEN)
def test_each_page_answers_each_role(client, wereld, rol):
    _login(client, wereld["users"][rol])
    for url, verwacht in zip(_pagina_urls(wereld), MATRIX[rol], strict=True):
        response = client.get(url)
        if verwacht == LOGIN:
            assert _is_login_redirect(response, url), url
        else:
            assert response.status_code == verwacht, url


def test_unknown_organisation_and_invitation_are_404(client, wereld):
    _login(client, wereld["users"]["beheerder"])
    assert client.get(reverse("coalities:organisatie", args=[999999])).status_code == 404
    assert client.get(reverse("coalities:leden", args=[999999])).status_code == 404
    url = reverse("coalities:uitnodiging", args=["1b4e28ba-2fa1-11d2-883f-0016d3cca427"])
    assert client.get(url).status_code == 404


ACTIES = {
    # role: invite (POST leden), change role, remove member, withdraw invitation
    "anoniem": (LOGIN, LOGIN, LOGIN, LOGIN),
    "burger": (404, 404, 404, 404),
    "beheerder": (302, 302, 302, 302),
    "lid": (404, 404, 404, 404),
    "lid_elders": (404, 404, 404, 404),
    "medewerker": (404, 404, 404, 404),
    "medewerker_elders": (404, 404, 404, 404),
}


@pytest.mark.parametrize("rol", ROLLEN)
def test_each_action_answers_each_role(client, wereld, rol, django_capture_on_commit_callbacks):
    w = wereld
    pk = w["organisatie"].pk
    ander_lid = LidmaatschapFactory(organisatie=w["organisatie"])
    derde_lid = LidmaatschapFactory(organisatie=w["organisatie"])
    acties = [
        (reverse("coalities:leden", args=[pk]), {"email": "nieuw@collega.nl", "rol": "lid"}),
        (
            reverse("coalities:lid_rol", args=[pk, ander_lid.pk]),
            {f"lid-{ander_lid.pk}-rol": "beheerder"},
        ),
        (reverse("coalities:lid_verwijderen", args=[pk, derde_lid.pk]), {}),
        (reverse("coalities:uitnodiging_intrekken", args=[pk, w["uitnodiging"].pk]), {}),
    ]
    _login(client, w["users"][rol])
    for (url, data), verwacht in zip(acties, ACTIES[rol], strict=True):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
        if verwacht == LOGIN:
            assert _is_login_redirect(response, url), url
        else:
            assert response.status_code == verwacht, url
    gelukt = rol == "beheerder"
    assert Uitnodiging.objects.filter(email="nieuw@collega.nl").exists() == gelukt
    ander_lid.refresh_from_db()
    assert (ander_lid.rol == LidRol.BEHEERDER) == gelukt
    assert Lidmaatschap.objects.filter(pk=derde_lid.pk).exists() != gelukt
    w["uitnodiging"].refresh_from_db()
    assert (w["uitnodiging"].ingetrokken_op is not None) == gelukt


def test_a_member_of_one_organisation_cannot_change_another_through_the_pages(client, wereld):
    w = wereld
    _login(client, w["users"]["beheerder"])  # administrator of Buurtkracht, not of the other
    andere = w["andere"]
    lid_elders = Lidmaatschap.objects.get(organisatie=andere)
    url = reverse("coalities:bewerken", args=[andere.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"type": "bedrijf", "naam": "Kaping"}).status_code == 404
    assert client.post(reverse("coalities:leden", args=[andere.pk]), {}).status_code == 404
    url = reverse("coalities:lid_verwijderen", args=[andere.pk, lid_elders.pk])
    assert client.post(url).status_code == 404
    url = reverse("coalities:lid_rol", args=[andere.pk, lid_elders.pk])
    assert client.post(url, {f"lid-{lid_elders.pk}-rol": "lid"}).status_code == 404
    # a membership of the other organisation through the own organisation's address
    url = reverse("coalities:lid_verwijderen", args=[w["organisatie"].pk, lid_elders.pk])
    assert client.post(url).status_code == 404
    andere.refresh_from_db()
    assert andere.naam == "Ander Collectief"
    assert Lidmaatschap.objects.filter(pk=lid_elders.pk, rol=LidRol.BEHEERDER).exists()


# Registering --------------------------------------------------------------------------------


def test_a_residents_group_registers_with_only_type_and_name(client, burger):
    client.force_login(burger)
    response = client.post(
        reverse("coalities:nieuw"),
        {"type": OrganisatieType.INFORMEEL, "naam": "Bewoners Vlierstraat"},
    )
    organisatie = Organisatie.objects.get()
    assert response.status_code == 302
    assert response.url == organisatie.get_absolute_url()
    assert Lidmaatschap.objects.get(organisatie=organisatie, user=burger).rol == LidRol.BEHEERDER
    # a double click: still one
    client.post(
        reverse("coalities:nieuw"),
        {"type": OrganisatieType.INFORMEEL, "naam": "Bewoners Vlierstraat"},
    )
    assert Organisatie.objects.count() == 1


def test_registering_shows_errors_for_missing_type_and_name(client, burger):
    client.force_login(burger)
    response = client.post(reverse("coalities:nieuw"), {"kvk_nummer": "12"})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"type", "naam", "kvk_nummer"}
    assert not Organisatie.objects.exists()


def test_the_form_explains_each_type(client, burger):
    client.force_login(burger)
    page = client.get(reverse("coalities:nieuw")).content.decode()
    for waarde in OrganisatieType.values:
        assert f'value="{waarde}"' in page
    assert 'type="radio"' in page


# The profile --------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ROLLEN)
def test_the_profile_never_shows_e_mail_addresses(client, wereld, rol):
    _login(client, wereld["users"][rol])
    page = client.get(reverse("coalities:organisatie", args=[wereld["organisatie"].pk]))
    html = page.content.decode()
    assert "Buurtkracht" in html and "12345678" in html and "Drie buurtbewoners." in html
    assert "https://buurtkracht.example" in html
    assert "bea@buurtkracht.nl" not in html
    assert "lex@buurtkracht.nl" not in html
    lid = rol in ("beheerder", "lid")
    # members see their colleagues' names; the public does not see the member list
    assert ("Lex Lid" in html) == lid
    assert ("Bea Beheer" in html) == lid
    bewerken = reverse("coalities:bewerken", args=[wereld["organisatie"].pk])
    leden = reverse("coalities:leden", args=[wereld["organisatie"].pk])
    assert (bewerken in html) == (rol == "beheerder")
    assert (leden in html) == lid


def test_an_administrator_changes_the_profile(client, wereld):
    organisatie = wereld["organisatie"]
    client.force_login(wereld["users"]["beheerder"])
    response = client.post(
        reverse("coalities:bewerken", args=[organisatie.pk]),
        {"type": OrganisatieType.INFORMEEL, "naam": "Buurtkracht Woensel", "rechtsvorm": "geen"},
    )
    assert response.status_code == 302
    organisatie.refresh_from_db()
    assert organisatie.naam == "Buurtkracht Woensel"
    assert organisatie.type == OrganisatieType.INFORMEEL
    assert organisatie.kvk_nummer == ""


def test_a_plain_member_cannot_change_the_profile_by_post(client, wereld):
    organisatie = wereld["organisatie"]
    client.force_login(wereld["users"]["lid"])
    url = reverse("coalities:bewerken", args=[organisatie.pk])
    assert client.post(url, {"type": "bedrijf", "naam": "Kaping"}).status_code == 404
    organisatie.refresh_from_db()
    assert organisatie.naam == "Buurtkracht"


# Members and invitations --------------------------------------------------------------------


def test_inviting_through_the_page_mails_the_link(
    client, wereld, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://aanbesteden.example"
    organisatie = wereld["organisatie"]
    client.force_login(wereld["users"]["beheerder"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("coalities:leden", args=[organisatie.pk]),
            {"email": "nieuw@collega.nl", "rol": "lid"},
        )
    assert response.status_code == 302
    uitnodiging = Uitnodiging.objects.get(email="nieuw@collega.nl")
    [mail] = mailoutbox
    assert f"https://aanbesteden.example/organisaties/uitnodiging/{uitnodiging.token}/" in mail.body
    page = client.get(reverse("coalities:leden", args=[organisatie.pk])).content.decode()
    assert "nieuw@collega.nl" in page


def test_inviting_a_member_shows_an_error(client, wereld):
    organisatie = wereld["organisatie"]
    client.force_login(wereld["users"]["beheerder"])
    response = client.post(
        reverse("coalities:leden", args=[organisatie.pk]),
        {"email": "lex@buurtkracht.nl", "rol": "lid"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Uitnodiging.objects.filter(email="lex@buurtkracht.nl").exists()


def test_the_last_administrator_cannot_step_down_through_the_page(client, wereld):
    organisatie = wereld["organisatie"]
    beheerder = wereld["users"]["beheerder"]
    eigen = Lidmaatschap.objects.get(user=beheerder, organisatie=organisatie)
    client.force_login(beheerder)
    response = client.post(
        reverse("coalities:lid_rol", args=[organisatie.pk, eigen.pk]),
        {f"lid-{eigen.pk}-rol": "lid"},
    )
    assert response.status_code == 302
    response = client.post(reverse("coalities:lid_verwijderen", args=[organisatie.pk, eigen.pk]))
    assert response.status_code == 302
    eigen.refresh_from_db()
    assert eigen.rol == LidRol.BEHEERDER


def test_a_member_leaves(client, wereld):
    organisatie = wereld["organisatie"]
    lid = wereld["users"]["lid"]
    eigen = Lidmaatschap.objects.get(user=lid, organisatie=organisatie)
    client.force_login(lid)
    response = client.post(reverse("coalities:lid_verwijderen", args=[organisatie.pk, eigen.pk]))
    assert response.status_code == 302 and response.url == reverse("coalities:mijn")
    assert not Lidmaatschap.objects.filter(pk=eigen.pk).exists()


def test_members_see_names_only_administrators_see_addresses(client, wereld):
    url = reverse("coalities:leden", args=[wereld["organisatie"].pk])
    client.force_login(wereld["users"]["lid"])
    page = client.get(url).content.decode()
    assert "Bea Beheer" in page and "bea@buurtkracht.nl" not in page
    client.force_login(wereld["users"]["beheerder"])
    page = client.get(url).content.decode()
    assert "Lex Lid" in page and "lex@buurtkracht.nl" in page


# Accepting an invitation --------------------------------------------------------------------


def test_an_anonymous_visitor_gets_login_and_signup_links(client, wereld):
    url = reverse("coalities:uitnodiging", args=[wereld["uitnodiging"].token])
    page = client.get(url).content.decode()
    assert "Buurtkracht" in page
    assert f"/accounts/login/?next={url}" in page.replace("%2F", "/")
    assert f"/accounts/signup/?next={url}" in page.replace("%2F", "/")
    response = client.post(url)
    assert _is_login_redirect(response, url)
    assert Lidmaatschap.objects.count() == 3


def test_a_logged_in_user_accepts_with_one_button(client, wereld, burger):
    uitnodiging = UitnodigingFactory(organisatie=wereld["organisatie"], email=burger.email)
    url = reverse("coalities:uitnodiging", args=[uitnodiging.token])
    client.force_login(burger)
    assert 'method="post"' in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == wereld["organisatie"].get_absolute_url()
    assert Lidmaatschap.objects.filter(user=burger, organisatie=wereld["organisatie"]).exists()
    # the profile now shows the member list to the new member
    page = client.get(response.url).content.decode()
    assert "Bea Beheer" in page


def test_a_withdrawn_invitation_cannot_be_accepted(client, wereld, burger):
    uitnodiging = wereld["uitnodiging"]
    client.force_login(wereld["users"]["beheerder"])
    client.post(
        reverse("coalities:uitnodiging_intrekken", args=[wereld["organisatie"].pk, uitnodiging.pk])
    )
    url = reverse("coalities:uitnodiging", args=[uitnodiging.token])
    client.force_login(burger)
    response = client.get(url)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" not in response.content.decode().split("<main", 1)[-1]
    response = client.post(url)
    assert response.status_code == 302
    assert not Lidmaatschap.objects.filter(user=burger).exists()


def _in_main(response):
    return response.content.decode().split("<main", 1)[-1]


def test_an_invitation_for_another_address_shows_why_and_refuses(client, wereld, burger):
    """Issue 11, point 14: the link works only for the invited address."""
    uitnodiging = UitnodigingFactory(organisatie=wereld["organisatie"], email="werk@werk.nl")
    url = reverse("coalities:uitnodiging", args=[uitnodiging.token])
    client.force_login(burger)
    page = _in_main(client.get(url))
    assert 'id="uitnodiging-ander-adres"' in page
    assert "w***@werk.nl" in page and "werk@werk.nl" not in page
    assert "csrfmiddlewaretoken" not in page
    response = client.post(url, follow=True)
    with translation.override("nl"):
        melding = gettext(
            "This invitation is for another e-mail address (%(adres)s). Log in with "
            "that address, or add it to your account and confirm it."
        ) % {"adres": "w***@werk.nl"}
    assert melding in response.content.decode()
    assert not Lidmaatschap.objects.filter(user=burger).exists()


def test_an_expired_invitation_shows_why_and_refuses(client, wereld):
    user = UserFactory(email="werk@werk.nl")
    uitnodiging = UitnodigingFactory(organisatie=wereld["organisatie"], email="werk@werk.nl")
    # Sent 15 days ago (the default validity is 14 days).
    Uitnodiging.objects.filter(pk=uitnodiging.pk).update(
        created_at=timezone.now() - timedelta(days=15)
    )
    url = reverse("coalities:uitnodiging", args=[uitnodiging.token])
    client.force_login(user)
    page = _in_main(client.get(url))
    assert 'id="uitnodiging-verlopen"' in page and "csrfmiddlewaretoken" not in page
    response = client.post(url, follow=True)
    with translation.override("nl"):
        melding = gettext(
            "This invitation has expired. Ask the administrator of the organisation "
            "for a new invitation."
        )
    assert melding in response.content.decode()
    assert not Lidmaatschap.objects.filter(user=user).exists()


# My organisations and the dashboard panel ---------------------------------------------------


def test_my_organisations_with_roles_and_invitations(client, wereld):
    burger = UserFactory(email="nieuwkomer@thuis.nl")
    LidmaatschapFactory(user=burger, organisatie=wereld["andere"])
    uitnodiging = UitnodigingFactory(organisatie=wereld["organisatie"], email="nieuwkomer@thuis.nl")
    client.force_login(burger)
    response = client.get(reverse("coalities:mijn"))
    page = response.content.decode()
    assert "Ander Collectief" in page
    assert reverse("coalities:uitnodiging", args=[uitnodiging.token]) in page
    assert reverse("coalities:nieuw") in page


@pytest.mark.parametrize(
    "rol,panel",
    [
        ("burger", "organisatie"),
        ("beheerder", "organisatielid"),
        ("lid", "organisatielid"),
        ("medewerker", None),
    ],
)
def test_the_dashboard_panel(client, wereld, rol, panel):
    client.force_login(wereld["users"][rol])
    page = client.get(reverse("home")).content.decode()
    for naam in ("organisatie", "organisatielid"):
        assert (f'data-rol="{naam}"' in page) == (naam == panel)
    if panel:
        assert reverse("coalities:nieuw") in page
        assert reverse("coalities:mijn") in page


# The directory ------------------------------------------------------------------------------


def test_the_directory_filters_by_type_and_words(client, wereld):
    OrganisatieFactory(
        naam="Bakkerij De Korenaar", type=OrganisatieType.BEDRIJF, werkgebied="Strijp"
    )
    url = reverse("coalities:lijst")
    namen = lambda r: [o.naam for o in r.context["page"].object_list]  # noqa: E731
    assert namen(client.get(url, {"type": "bedrijf"})) == ["Bakkerij De Korenaar"]
    assert namen(client.get(url, {"q": "strijp"})) == ["Bakkerij De Korenaar"]
    assert namen(client.get(url, {"q": "buurt"})) == ["Buurtkracht"]
    assert len(namen(client.get(url))) == 3


# Exact query counts -------------------------------------------------------------------------


def _lijst_rijen(n):
    for i in range(n):
        OrganisatieFactory(naam=f"Organisatie {i}", type=OrganisatieType.INFORMEEL)


@pytest.mark.parametrize("params", [{}, {"type": "informeel", "q": "Woensel"}])
def test_directory_queries(client, count_queries, params):
    url = reverse("coalities:lijst")
    _lijst_rijen(5)
    few = count_queries(lambda: client.get(url, params))
    _lijst_rijen(45)
    many = count_queries(lambda: client.get(url, params))
    assert client.get(url, params).context["page"].paginator.count == 50
    # the count and the page
    assert (few, many) == (2, 2)


def _leden(organisatie, n):
    for _ in range(n):
        LidmaatschapFactory(organisatie=organisatie)
        UitnodigingFactory(organisatie=organisatie)


# anonymous: the organisation; logged in: the base four, the own membership, then the member
# list (member) or the organisation (not a member)
@pytest.mark.parametrize("rol,expected", [("anoniem", 1), ("lid", 6), ("buiten", 6)])
def test_profile_queries(client, count_queries, rol, expected):
    beheer = LidmaatschapFactory(beheerder=True)
    organisatie = beheer.organisatie
    user = {
        "anoniem": None,
        "lid": beheer.user,
        "buiten": UserFactory(),
    }[rol]
    _login(client, user)
    url = reverse("coalities:organisatie", args=[organisatie.pk])
    _leden(organisatie, 5)
    few = count_queries(lambda: client.get(url))
    _leden(organisatie, 45)
    many = count_queries(lambda: client.get(url))
    assert (few, many) == (expected, expected)


# Every logged-in page: session, user, the user's gemeenten, the unread count.
@pytest.mark.parametrize("rol,expected", [("beheerder", 7), ("lid", 6)])
def test_members_page_queries(client, count_queries, rol, expected):
    organisatie = OrganisatieFactory()
    lid = LidmaatschapFactory(organisatie=organisatie, beheerder=rol == "beheerder")
    if rol != "beheerder":
        LidmaatschapFactory(organisatie=organisatie, beheerder=True)
    client.force_login(lid.user)
    url = reverse("coalities:leden", args=[organisatie.pk])
    _leden(organisatie, 5)
    few = count_queries(lambda: client.get(url))
    _leden(organisatie, 45)
    many = count_queries(lambda: client.get(url))
    assert (few, many) == (expected, expected)


def test_my_organisations_queries(client, count_queries):
    user = UserFactory()
    client.force_login(user)

    def rijen(n):
        for _ in range(n):
            LidmaatschapFactory(user=user)
            UitnodigingFactory(email=user.email)

    url = reverse("coalities:mijn")
    rijen(5)
    few = count_queries(lambda: client.get(url))
    rijen(45)
    many = count_queries(lambda: client.get(url))
    # the base four, memberships with their organisations, open invitations
    assert (few, many) == (6, 6)


# Length limits (issue 11, point 10) ---------------------------------------------------------


def test_an_organisation_description_of_a_million_characters_is_refused_on_the_field(
    client, wereld
):
    organisatie = wereld["organisatie"]
    oud = organisatie.beschrijving
    client.force_login(wereld["users"]["beheerder"])
    response = client.post(
        reverse("coalities:bewerken", args=[organisatie.pk]),
        {"type": OrganisatieType.INFORMEEL, "naam": "Buurtkracht", "beschrijving": MILJOEN},
    )
    assert_te_lang(response, response.context["form"], "beschrijving", TEKST_MIDDEL)
    organisatie.refresh_from_db()
    assert (
        organisatie.beschrijving == oud and organisatie.type == OrganisatieType.SOCIAAL_ONDERNEMER
    )


def test_registering_with_a_description_of_a_million_characters_is_refused(client, burger):
    client.force_login(burger)
    response = client.post(
        reverse("coalities:nieuw"),
        {"type": OrganisatieType.INFORMEEL, "naam": "Bewoners Zuid", "beschrijving": MILJOEN},
    )
    assert_te_lang(response, response.context["form"], "beschrijving", TEKST_MIDDEL)
    assert not Organisatie.objects.filter(naam="Bewoners Zuid").exists()
