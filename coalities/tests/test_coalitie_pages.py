"""Coalition pages for each role, the flows through them, and exact query counts."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from aanbesteden.models import User
from aanbesteden.tests.factories import MedewerkerFactory
from coalities.constants import CoalitieStatus, PartnerRol, PartnerStatus
from coalities.models import Coalitie, CoalitiePartner
from coalities.services import coalitie as s
from coalities.tests.factories import (
    CoalitieFactory,
    CoalitiePartnerFactory,
    InteresseFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    SleutelpartijFactory,
)
from coalities.tests.test_coalitie_services import maak_wereld
from tests.helpers import COALITIE_ROLLEN, LOGIN, verwacht_per_rol
from trajecten.tests.factories import PerceelFactory, TrajectFactory

pytestmark = pytest.mark.django_db

ROLLEN = COALITIE_ROLLEN


@pytest.fixture
def w(gemeente, andere_gemeente, medewerker, burger):
    wereld = maak_wereld(gemeente)
    wereld.users.update(
        anoniem=None,
        burger=burger,
        medewerker=medewerker,
        andere=MedewerkerFactory(gemeente=andere_gemeente).user,
    )
    wereld.concept = TrajectFactory(gemeente=gemeente)
    return wereld


ZICHTBAAR = {
    **dict.fromkeys(ROLLEN, 404),
    **dict.fromkeys(
        ["a_beheerder", "a_lid", "b_beheerder", "b_lid", "c_beheerder", "medewerker"], 200
    ),
    # The link in an invitation's e-mail: someone not logged in is asked to log in first.
    "anoniem": LOGIN,
}

CASES = [
    ("coalitie", lambda w: reverse("coalities:coalitie", args=[w.coalitie.pk]), ZICHTBAAR),
    (
        "coalitie_nieuw",
        lambda w: reverse("coalities:coalitie_nieuw", args=[w.traject.pk]),
        verwacht_per_rol(ROLLEN, 200),
    ),
    (
        "coalitie_nieuw concept",
        lambda w: reverse("coalities:coalitie_nieuw", args=[w.concept.pk]),
        verwacht_per_rol(ROLLEN, 404, medewerker=200),
    ),
    (
        "coalitie_partner_uitnodigen",
        lambda w: reverse("coalities:coalitie_partner_uitnodigen", args=[w.coalitie.pk]),
        verwacht_per_rol(ROLLEN, 404, a_beheerder=200),
    ),
    (
        "coalitie_bewerken",
        lambda w: reverse("coalities:coalitie_bewerken", args=[w.coalitie.pk]),
        verwacht_per_rol(ROLLEN, 404, a_beheerder=200),
    ),
    (
        "coalitie_partner",
        lambda w: reverse("coalities:coalitie_partner", args=[w.coalitie.pk, w.b.pk]),
        verwacht_per_rol(ROLLEN, 404, a_beheerder=200),
    ),
    (
        "coalitie_partner of another coalition",
        lambda w: reverse(
            "coalities:coalitie_partner",
            args=[w.coalitie.pk, CoalitiePartnerFactory().pk],
        ),
        verwacht_per_rol(ROLLEN, 404),
    ),
    (
        "coalitie_verlaten",
        lambda w: reverse("coalities:coalitie_verlaten", args=[w.coalitie.pk]),
        verwacht_per_rol(ROLLEN, 404, b_beheerder=200),
    ),
    (
        "coalitie_accepteren GET",
        lambda w: reverse("coalities:coalitie_accepteren", args=[w.coalitie.pk]),
        dict.fromkeys(ROLLEN, 405),
    ),
    (
        "coalitie_afwijzen GET",
        lambda w: reverse("coalities:coalitie_afwijzen", args=[w.coalitie.pk]),
        dict.fromkeys(ROLLEN, 405),
    ),
    (
        "coalities_traject",
        lambda w: reverse("coalities:coalities_traject", args=[w.traject.pk]),
        verwacht_per_rol(ROLLEN, 404, medewerker=200),
    ),
]


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("naam,make_url,expected", CASES, ids=[c[0] for c in CASES])
def test_permissions(client, w, rol, naam, make_url, expected):
    user = w.users[rol]
    if user is not None:
        client.force_login(user)
    response = client.get(make_url(w))
    if expected[rol] == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == expected[rol]


@pytest.mark.parametrize(
    "rol", ["burger", "a_lid", "b_beheerder", "c_beheerder", "e_beheerder", "medewerker", "andere"]
)
def test_others_cannot_change_the_coalition_through_the_pages(client, w, rol):
    """A member of one organisation cannot change a coalition it is not (the lead of)."""
    client.force_login(w.users[rol])
    c = w.coalitie
    antwoorden = {
        "coalitie_partner_uitnodigen": (
            reverse("coalities:coalitie_partner_uitnodigen", args=[c.pk]),
            {
                "organisatie": w.orgs["e"].pk,
                "rol": "partner",
                "aandeel_budget": 1,
                "aandeel_zeggenschap": 1,
            },
        ),
        "coalitie_partner": (
            reverse("coalities:coalitie_partner", args=[c.pk, w.b.pk]),
            {"rol": "partner", "aandeel_budget": 99, "aandeel_zeggenschap": 99},
        ),
        "coalitie_bewerken": (
            reverse("coalities:coalitie_bewerken", args=[c.pk]),
            {"naam": "Overgenomen", "percelen": [w.percelen[0].pk]},
        ),
    }
    for url, data in antwoorden.values():
        assert client.post(url, data).status_code == 404
    if rol != "c_beheerder":  # the invited administrator answers (tested below)
        response = client.post(
            reverse("coalities:coalitie_accepteren", args=[c.pk]),
            {"partner": w.c.pk},
        )
        assert response.status_code == 404
    if rol != "b_beheerder":
        response = client.post(
            reverse("coalities:coalitie_verlaten", args=[c.pk]), {"partner": w.b.pk}
        )
        assert response.status_code == 404
    c.refresh_from_db()
    w.b.refresh_from_db()
    w.c.refresh_from_db()
    assert c.naam == "Samen in De Boog"
    assert (w.b.status, w.b.aandeel_budget) == (PartnerStatus.GEACCEPTEERD, Decimal("30"))
    assert w.c.status == PartnerStatus.UITGENODIGD
    assert not CoalitiePartner.objects.filter(organisatie=w.orgs["e"]).exists()


def test_anonymous_posts_go_to_login(client, w):
    for naam in (
        "coalitie_accepteren",
        "coalitie_afwijzen",
        "coalitie_verlaten",
        "coalitie_partner_uitnodigen",
    ):
        response = client.post(reverse(f"coalities:{naam}", args=[w.coalitie.pk]), {})
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


class TestForming:
    def test_form_a_coalition(self, client, w):
        client.force_login(w.users["e_beheerder"])
        url = reverse("coalities:coalitie_nieuw", args=[w.traject.pk])
        data = {
            "organisatie": w.orgs["e"].pk,
            "naam": "Wijk aan zet",
            "percelen": [w.percelen[1].pk],
            "plan": "Samen de wijk in.",
            "rol": PartnerRol.FACILITEREND,
            "bijdrage": "We organiseren",
            "aandeel_budget": "10",
            "aandeel_zeggenschap": "25",
        }
        response = client.post(url, data)
        coalitie = Coalitie.objects.get(naam="Wijk aan zet")
        assert response.status_code == 302 and response.url == coalitie.get_absolute_url()
        leider = coalitie.partners.get()
        assert (leider.organisatie, leider.rol, leider.status) == (
            w.orgs["e"],
            PartnerRol.FACILITEREND,
            PartnerStatus.GEACCEPTEERD,
        )
        assert client.post(url, data).url == coalitie.get_absolute_url()  # a double click
        assert Coalitie.objects.filter(naam="Wijk aan zet").count() == 1

    def test_at_least_one_lot(self, client, w):
        client.force_login(w.users["e_beheerder"])
        response = client.post(
            reverse("coalities:coalitie_nieuw", args=[w.traject.pk]),
            {"organisatie": w.orgs["e"].pk, "naam": "Zonder perceel", "rol": "penvoerder"},
        )
        assert response.status_code == 200
        assert "percelen" in response.context["form"].errors
        assert not Coalitie.objects.filter(naam="Zonder perceel").exists()

    def test_a_domain_error_shows_on_the_form(self, client, w):
        client.force_login(w.users["b_beheerder"])  # B is already a partner on this trajectory
        response = client.post(
            reverse("coalities:coalitie_nieuw", args=[w.traject.pk]),
            {
                "organisatie": w.orgs["b"].pk,
                "naam": "Concurrent",
                "percelen": [w.percelen[0].pk],  # issue 13: the rule is per lot
                "rol": "penvoerder",
                "aandeel_budget": "0",
                "aandeel_zeggenschap": "0",
            },
        )
        assert response.status_code == 200
        assert "Samen in De Boog" in str(response.context["form"].non_field_errors())

    def test_only_own_administered_organisations_can_be_chosen(self, client, w):
        client.force_login(w.users["e_beheerder"])
        response = client.post(
            reverse("coalities:coalitie_nieuw", args=[w.traject.pk]),
            {
                "organisatie": w.orgs["a"].pk,
                "naam": "Namens A",
                "percelen": [w.percelen[1].pk],
                "rol": "penvoerder",
                "aandeel_budget": "0",
                "aandeel_zeggenschap": "0",
            },
        )
        assert response.status_code == 200
        assert "organisatie" in response.context["form"].errors

    def test_one_lot_is_preselected(self, client, gemeente):
        traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
        perceel = PerceelFactory(traject=traject)
        lid = LidmaatschapFactory(beheerder=True)
        client.force_login(lid.user)
        response = client.get(reverse("coalities:coalitie_nieuw", args=[traject.pk]))
        html = response.content.decode()
        assert re.search(rf'<input[^>]*value="{perceel.pk}"[^>]*checked', html)

    def test_without_an_organisation_no_form(self, client, w):
        client.force_login(w.users["burger"])
        response = client.get(reverse("coalities:coalitie_nieuw", args=[w.traject.pk]))
        assert response.status_code == 200
        assert not response.context["heeft_organisatie"]
        assert 'name="naam"' not in response.content.decode()


class TestInviting:
    def test_interested_organisations_first_then_search(self, client, w):
        InteresseFactory(traject=w.traject, organisatie=w.orgs["e"])
        zuid = OrganisatieFactory(naam="Wijkteam Zuid")
        client.force_login(w.users["a_beheerder"])
        url = reverse("coalities:coalitie_partner_uitnodigen", args=[w.coalitie.pk])
        response = client.get(url)
        assert response.context["geinteresseerd"] == [w.orgs["e"]]
        assert response.context["gevonden"] == []
        response = client.get(url, {"zoek": "zuid"})
        assert response.context["gevonden"] == [zuid]
        html = response.content.decode()
        assert html.index("Organisatie E") < html.index("Wijkteam Zuid")
        # organisations already in the coalition are not offered
        response = client.get(url, {"zoek": "Organisatie"})
        assert w.orgs["b"] not in response.context["gevonden"]

        response = client.post(
            f"{url}?zoek=zuid",
            {
                "organisatie": zuid.pk,
                "rol": "onderaannemer",
                "bijdrage": "Twee jongerenwerkers",
                "aandeel_budget": "7.5",
                "aandeel_zeggenschap": "5",
            },
        )
        assert response.status_code == 302 and response.url == w.coalitie.get_absolute_url()
        partner = CoalitiePartner.objects.get(coalitie=w.coalitie, organisatie=zuid)
        assert (partner.status, partner.rol, partner.aandeel_budget) == (
            PartnerStatus.UITGENODIGD,
            PartnerRol.ONDERAANNEMER,
            Decimal("7.50"),
        )

    def test_competition_rule_shows_on_the_form_and_key_party_passes(self, client, w):
        tweede = s.coalitie_vormen(
            actor=w.users["e_beheerder"],
            traject=w.traject,
            organisatie=w.orgs["e"],
            naam="Tweede",
            percelen=[w.percelen[0]],  # issue 13: the same lot
            rol=PartnerRol.PENVOERDER,
        )
        client.force_login(w.users["e_beheerder"])
        url = reverse("coalities:coalitie_partner_uitnodigen", args=[tweede.pk])
        data = {
            "organisatie": w.orgs["b"].pk,
            "rol": "partner",
            "aandeel_budget": "10",
            "aandeel_zeggenschap": "10",
        }
        response = client.post(f"{url}?zoek=Organisatie B", data)
        assert response.status_code == 200
        assert "Samen in De Boog" in str(response.context["form"].non_field_errors())
        SleutelpartijFactory(traject=w.traject, organisatie=w.orgs["b"])
        response = client.post(f"{url}?zoek=Organisatie B", data)
        assert response.status_code == 200  # issue 13: a key party joins as key party
        assert "sleutelpartij" in str(response.context["form"].non_field_errors())
        response = client.post(f"{url}?zoek=Organisatie B", {**data, "rol": "sleutelpartij"})
        assert response.status_code == 302
        assert CoalitiePartner.objects.filter(coalitie=tweede, organisatie=w.orgs["b"]).exists()

    def test_a_lead_role_is_not_offered(self, client, w):
        client.force_login(w.users["a_beheerder"])
        response = client.post(
            reverse("coalities:coalitie_partner_uitnodigen", args=[w.coalitie.pk]),
            {
                "organisatie": w.orgs["e"].pk,
                "rol": "penvoerder",
                "aandeel_budget": "0",
                "aandeel_zeggenschap": "0",
            },
        )
        assert response.status_code == 200
        assert "rol" in response.context["form"].errors


class TestAnswering:
    def url(self, w, antwoord):
        return reverse(f"coalities:coalitie_{antwoord}", args=[w.coalitie.pk])

    def test_accept(self, client, w):
        client.force_login(w.users["c_beheerder"])
        page = client.get(w.coalitie.get_absolute_url())
        assert page.context["overzicht"].te_beantwoorden == [w.c]
        response = client.post(self.url(w, "accepteren"), {"partner": w.c.pk})
        assert response.status_code == 302 and response.url == w.coalitie.get_absolute_url()
        w.c.refresh_from_db()
        assert w.c.status == PartnerStatus.GEACCEPTEERD

    def test_decline(self, client, w):
        client.force_login(w.users["c_beheerder"])
        response = client.post(self.url(w, "afwijzen"), {"partner": w.c.pk})
        assert response.status_code == 302 and response.url == w.traject.get_absolute_url()
        w.c.refresh_from_db()
        assert w.c.status == PartnerStatus.AFGEWEZEN
        # no longer a member: the coalition is hidden now
        assert client.get(w.coalitie.get_absolute_url()).status_code == 404

    @pytest.mark.parametrize("wie", ["c_lid", "a_beheerder", "b_beheerder"])
    def test_others_cannot_answer(self, client, w, wie):
        client.force_login(w.users[wie])
        response = client.post(self.url(w, "accepteren"), {"partner": w.c.pk})
        assert response.status_code == 404
        w.c.refresh_from_db()
        assert w.c.status == PartnerStatus.UITGENODIGD

    def test_nonsense_partner_is_404(self, client, w):
        client.force_login(w.users["c_beheerder"])
        assert client.post(self.url(w, "accepteren"), {"partner": "x"}).status_code == 404
        assert client.post(self.url(w, "afwijzen"), {"partner": "x"}).status_code == 404


class TestPartnerAndLeaving:
    def test_lead_changes_a_partner(self, client, w):
        client.force_login(w.users["a_beheerder"])
        url = reverse("coalities:coalitie_partner", args=[w.coalitie.pk, w.b.pk])
        response = client.get(url)
        rollen = [k for k, _v in response.context["form"].fields["rol"].choices]
        assert rollen == ["partner", "onderaannemer", "sleutelpartij"]
        response = client.post(
            url,
            {
                "rol": "onderaannemer",
                "bijdrage": "Koken",
                "aandeel_budget": "20",
                "aandeel_zeggenschap": "15",
            },
        )
        assert response.status_code == 302
        w.b.refresh_from_db()
        assert (w.b.rol, w.b.aandeel_budget, w.b.aandeel_zeggenschap) == (
            PartnerRol.ONDERAANNEMER,
            Decimal("20"),
            Decimal("15"),
        )

    def test_lead_role_choices_for_the_lead(self, client, w):
        client.force_login(w.users["a_beheerder"])
        url = reverse("coalities:coalitie_partner", args=[w.coalitie.pk, w.leider.pk])
        rollen = [k for k, _v in client.get(url).context["form"].fields["rol"].choices]
        assert rollen == ["penvoerder", "facilitator"]

    def test_partner_leaves(self, client, w):
        client.force_login(w.users["b_beheerder"])
        url = reverse("coalities:coalitie_verlaten", args=[w.coalitie.pk])
        assert client.get(url).context["te_verlaten"] == [w.b]
        response = client.post(url, {"partner": w.b.pk})
        assert response.status_code == 302 and response.url == w.traject.get_absolute_url()
        w.b.refresh_from_db()
        assert w.b.status == PartnerStatus.VERTROKKEN

    def test_lead_edits_the_coalition(self, client, w):
        client.force_login(w.users["a_beheerder"])
        url = reverse("coalities:coalitie_bewerken", args=[w.coalitie.pk])
        assert client.get(url).context["form"].initial["naam"] == "Samen in De Boog"
        response = client.post(
            url, {"naam": "De Boog", "percelen": [p.pk for p in w.percelen], "plan": "Nieuw plan"}
        )
        assert response.status_code == 302
        w.coalitie.refresh_from_db()
        assert (w.coalitie.naam, w.coalitie.plan, w.coalitie.percelen.count()) == (
            "De Boog",
            "Nieuw plan",
            2,
        )


class TestLocked:
    def test_after_submission_the_pages_change_nothing(self, client, w):
        s.coalitie_vergrendelen(actor=w.users["a_beheerder"], coalitie=w.coalitie)
        client.force_login(w.users["a_beheerder"])
        page = client.get(w.coalitie.get_absolute_url()).content.decode()
        assert reverse("coalities:coalitie_partner_uitnodigen", args=[w.coalitie.pk]) not in page
        assert reverse("coalities:coalitie_partner", args=[w.coalitie.pk, w.b.pk]) not in page
        response = client.post(
            reverse("coalities:coalitie_partner", args=[w.coalitie.pk, w.b.pk]),
            {"rol": "partner", "aandeel_budget": "99", "aandeel_zeggenschap": "99"},
        )
        assert response.status_code == 200
        assert 'name="aandeel_budget"' not in response.content.decode()
        client.force_login(w.users["b_beheerder"])
        page = client.get(w.coalitie.get_absolute_url()).content.decode()
        assert reverse("coalities:coalitie_verlaten", args=[w.coalitie.pk]) not in page
        response = client.post(
            reverse("coalities:coalitie_verlaten", args=[w.coalitie.pk]), {"partner": w.b.pk}
        )
        assert response.status_code == 302
        client.force_login(w.users["c_beheerder"])
        response = client.post(
            reverse("coalities:coalitie_accepteren", args=[w.coalitie.pk]),
            {"partner": w.c.pk},
        )
        assert response.status_code == 302
        w.b.refresh_from_db()
        w.c.refresh_from_db()
        assert (w.b.status, w.b.aandeel_budget, w.c.status) == (
            PartnerStatus.GEACCEPTEERD,
            Decimal("30"),
            PartnerStatus.UITGENODIGD,
        )
        w.coalitie.refresh_from_db()
        assert w.coalitie.status == CoalitieStatus.VERGRENDELD


class TestCoalitionPage:
    def test_shows_the_split_of_accepted_partners_and_waiting_ones(self, client, w):
        client.force_login(w.users["a_lid"])
        response = client.get(w.coalitie.get_absolute_url())
        o = response.context["overzicht"]
        assert [st.naam for st in o.staven] == ["Organisatie A", "Organisatie B"]
        assert [(st.breedte_budget, st.breedte_zeggenschap) for st in o.staven] == [
            ("50.00", "40.00"),
            ("30.00", "30.00"),
        ]
        assert [p.organisatie.naam for p in o.wachtend] == ["Organisatie C"]
        html = response.content.decode()
        assert 'width="50.00"' in html and 'aria-hidden="true"' in html
        assert html.count("utrecht-alert--warning") == 2  # budget 80 and say 70: not 100
        for user in User.objects.all():
            assert user.email not in html

    @pytest.mark.parametrize(
        "instelling,leider,vlag", [(60, 60, False), (60, 61, True), (80, 61, False), (80, 81, True)]
    )
    def test_the_lead_flag(self, client, w, instelling, leider, vlag):
        s.uitnodiging_beantwoorden(actor=w.users["c_beheerder"], partner=w.c, accepteren=True)
        gemeente = w.traject.gemeente
        gemeente.penvoerder_max_aandeel = instelling
        gemeente.save()
        CoalitiePartner.objects.filter(pk=w.leider.pk).update(aandeel_budget=leider)
        CoalitiePartner.objects.filter(pk=w.b.pk).update(aandeel_budget=100 - leider)
        CoalitiePartner.objects.filter(pk=w.c.pk).update(aandeel_budget=0)
        client.force_login(w.users["medewerker"])
        html = client.get(w.coalitie.get_absolute_url()).content.decode()
        assert html.count("utrecht-alert--warning") == (1 if vlag else 0)
        if vlag:
            alert = html[html.index("utrecht-alert--warning") :][:400]
            assert f"{leider}%" in alert and f"{instelling}%" in alert
        overzicht = client.get(reverse("coalities:coalities_traject", args=[w.traject.pk])).context[
            "rijen"
        ]
        assert [r.penvoerder_te_groot for r in overzicht] == [vlag]

    def test_history_for_members_only(self, client, w):
        client.force_login(w.users["b_lid"])
        response = client.get(w.coalitie.get_absolute_url())
        assert len(response.context["overzicht"].geschiedenis) == 4
        assert 'id="geschiedenis-kop"' in response.content.decode()
        client.force_login(w.users["medewerker"])
        response = client.get(w.coalitie.get_absolute_url())
        assert response.context["overzicht"].geschiedenis == []
        assert 'id="geschiedenis-kop"' not in response.content.decode()

    def test_medewerker_sees_no_actions(self, client, w):
        client.force_login(w.users["medewerker"])
        html = client.get(w.coalitie.get_absolute_url()).content.decode()
        assert "/uitnodigen/" not in html and "/partners/" not in html and "/verlaten/" not in html
        assert "/antwoord/" not in html


def _partners(coalitie, n):
    statussen = [PartnerStatus.GEACCEPTEERD, PartnerStatus.UITGENODIGD, PartnerStatus.AFGEWEZEN]
    for i in range(n):
        CoalitiePartnerFactory(coalitie=coalitie, status=statussen[i % 3], aandeel_budget=1)


def test_coalition_page_queries(client, count_queries, w):
    client.force_login(w.users["a_beheerder"])
    url = w.coalitie.get_absolute_url()
    _partners(w.coalitie, 2)  # 5 partners in all
    few = count_queries(lambda: client.get(url))
    _partners(w.coalitie, 45)  # 50
    for i in range(20):
        s.partner_wijzigen(actor=w.users["a_beheerder"], partner=w.b, aandeel_budget=i)
    assert w.coalitie.partners.count() == 50
    many = count_queries(lambda: client.get(url))
    assert (few, many) == (11, 11)


def test_coalities_traject_queries(client, count_queries, w):
    client.force_login(w.users["medewerker"])
    url = reverse("coalities:coalities_traject", args=[w.traject.pk])

    def coalities(n):
        for _ in range(n):
            coalitie = CoalitieFactory(traject=w.traject)
            coalitie.percelen.set(w.percelen)
            CoalitiePartnerFactory(coalitie=coalitie, penvoerder=True)
            CoalitiePartnerFactory(coalitie=coalitie, geaccepteerd=True)
            CoalitiePartnerFactory(coalitie=coalitie)

    coalities(4)  # 5 with the world's one
    few = count_queries(lambda: client.get(url))
    coalities(45)
    response = client.get(url)
    assert len(response.context["rijen"]) == 50
    many = count_queries(lambda: client.get(url))
    assert (few, many) == (9, 9)


def _zonder_csrf(html):
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", html)


class TestInvitedSeesOnlyTheInvitation:
    """Issue 11, point 6: an invited organisation that has not accepted sees its invitation,
    can always answer it, and sees nothing of the bid (status, version, times, history, the
    split of the partners)."""

    # What only the coalition's members see: the status and version line, the lock, the
    # split and partner tables, the history.
    NIET = (
        "ma-status--",
        'id="verdeling-kop"',
        'id="partners-kop"',
        'id="geschiedenis-kop"',
        "Organisatie B",  # another partner and its shares
        "<time",
    )

    def _pagina(self, client, w):
        return _zonder_csrf(client.get(w.coalitie.get_absolute_url()).content.decode())

    def test_the_same_page_before_and_after_the_lock_with_working_buttons(self, client, w):
        client.force_login(w.users["c_beheerder"])
        voor = self._pagina(client, w)
        s.coalitie_vergrendelen(actor=w.users["a_beheerder"], coalitie=w.coalitie)
        na = self._pagina(client, w)
        assert voor == na
        main = na.split("<main", 1)[-1]
        for teken in self.NIET:
            assert teken not in main, teken
        # What it needs to decide: the coalition, its lead, trajectory, lot, what is asked.
        for teken in ("Samen in De Boog", "Organisatie A", "Buurthuis De Boog", "20%"):
            assert teken in main, teken
        assert 'id="uitnodiging"' in main
        accepteren = reverse("coalities:coalitie_accepteren", args=[w.coalitie.pk])
        afwijzen = reverse("coalities:coalitie_afwijzen", args=[w.coalitie.pk])
        assert accepteren in main and afwijzen in main

        response = client.post(
            reverse("coalities:coalitie_accepteren", args=[w.coalitie.pk]),
            {"partner": w.c.pk},
            follow=True,
        )
        assert response.status_code == 200
        w.c.refresh_from_db()
        assert w.c.status == PartnerStatus.UITGENODIGD and w.c.toegezegd_op is not None
        page = response.content.decode()
        assert f'id="toegezegd-{w.c.pk}"' in page
        main = page.split("<main", 1)[-1]
        assert 'id="geschiedenis-kop"' not in main and "Organisatie B" not in main
        # It can still decline, and does.
        assert afwijzen in main and accepteren not in main
        response = client.post(
            reverse("coalities:coalitie_afwijzen", args=[w.coalitie.pk]),
            {"partner": w.c.pk},
        )
        assert response.status_code == 302
        w.c.refresh_from_db()
        assert w.c.status == PartnerStatus.AFGEWEZEN

    def test_a_plain_member_of_the_invited_organisation_sees_the_invitation_only(self, client, w):
        s.coalitie_vergrendelen(actor=w.users["a_beheerder"], coalitie=w.coalitie)
        client.force_login(w.users["c_lid"])
        main = self._pagina(client, w).split("<main", 1)[-1]
        for teken in self.NIET:
            assert teken not in main, teken
        accepteren = reverse("coalities:coalitie_accepteren", args=[w.coalitie.pk])
        assert 'id="uitnodiging"' in main and accepteren not in main

    def test_once_it_takes_part_it_sees_the_coalition(self, client, w):
        a = w.users["a_beheerder"]
        s.coalitie_vergrendelen(actor=a, coalitie=w.coalitie)
        s.uitnodiging_beantwoorden(actor=w.users["c_beheerder"], partner=w.c, accepteren=True)
        # The lead sees that C waits for the next version.
        client.force_login(a)
        with translation.override("nl"):
            uitleg = gettext("accepted, takes part from the next version of the bid")
        assert uitleg in client.get(w.coalitie.get_absolute_url()).content.decode()
        s.coalitie_openen_voor_nieuwe_versie(actor=a, coalitie=w.coalitie)
        client.force_login(w.users["c_beheerder"])
        main = self._pagina(client, w).split("<main", 1)[-1]
        assert 'id="geschiedenis-kop"' in main and "Organisatie B" in main
