"""Bid pages for each role, the flows through them (the deadline decided by the request's
moment), and exact query counts for 5 and 50 rows."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aanbesteden.tests.factories import DocumentFactory, MedewerkerFactory
from beoordeling.constants import BodStatus, Ronde
from beoordeling.models import Bijlage, Bod, BodVersie
from beoordeling.services import bieden as s
from beoordeling.tests.factories import INHOUD, BodFactory, BodVersieFactory
from beoordeling.tests.test_bieden_services import (
    BEGIN,
    NA,
    PDF,
    PNG,
    VOOR,
    maak_bod,
    maak_wereld,
)
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory
from tests.helpers import COALITIE_ROLLEN, LOGIN, verwacht_per_rol
from trajecten.tests.factories import PerceelFactory, SchetsvraagFactory, TrajectFactory

pytestmark = pytest.mark.django_db

ROLLEN = COALITIE_ROLLEN
# The page of one step of a bid (issue 14: the questions step, however many questions).
STAP_QUERIES = 9
BIEDERS = ["a_beheerder", "a_lid", "b_beheerder", "b_lid"]


@pytest.fixture
def w(gemeente, andere_gemeente, medewerker, burger, time_machine):
    time_machine.move_to(BEGIN, tick=False)
    wereld = maak_wereld(gemeente)
    wereld.users.update(
        anoniem=None,
        burger=burger,
        medewerker=medewerker,
        andere=MedewerkerFactory(gemeente=andere_gemeente).user,
    )
    wereld.bod = maak_bod(wereld)
    wereld.bijlage = s.bijlage_toevoegen(
        actor=wereld.a_lid, bod=wereld.bod, bestand=SimpleUploadedFile("plan.pdf", PDF)
    )
    versie = s.bod_indienen(actor=wereld.a_beheerder, bod=wereld.bod, ontvangen_op=BEGIN)
    BodVersie.objects.filter(pk=versie.pk).update(
        ontvangstbewijs=DocumentFactory(klaar=True, gemeente=None)
    )
    wereld.concept_traject = TrajectFactory(gemeente=gemeente)
    return wereld


ALLEEN_BIEDERS = verwacht_per_rol(ROLLEN, 404, **dict.fromkeys(BIEDERS, 200))

CASES = [
    ("bod", lambda w: reverse("beoordeling:bod", args=[w.bod.pk]), ALLEEN_BIEDERS),
    (
        "bod_stap",
        lambda w: reverse("beoordeling:bod_stap", args=[w.bod.pk, "plan"]),
        ALLEEN_BIEDERS,
    ),
    (
        "bod_stap bijlagen",
        lambda w: reverse("beoordeling:bod_stap", args=[w.bod.pk, "bijlagen"]),
        ALLEEN_BIEDERS,
    ),
    (
        "bod_stap globale_begroting",
        lambda w: reverse("beoordeling:bod_stap", args=[w.bod.pk, "globale_begroting"]),
        ALLEEN_BIEDERS,
    ),
    (
        "bod_stap financiering not in the outline",
        lambda w: reverse("beoordeling:bod_stap", args=[w.bod.pk, "financiering"]),
        verwacht_per_rol(ROLLEN, 404),
    ),
    (
        "bod_stap vragen without questions",
        lambda w: reverse("beoordeling:bod_stap", args=[w.bod.pk, "vragen"]),
        verwacht_per_rol(ROLLEN, 404),
    ),
    (
        "bod_stap sroi below the threshold",
        lambda w: reverse("beoordeling:bod_stap", args=[w.bod.pk, "sroi"]),
        verwacht_per_rol(ROLLEN, 404),
    ),
    ("bijlage", lambda w: reverse("beoordeling:bijlage", args=[w.bijlage.pk]), ALLEEN_BIEDERS),
    (
        "ontvangstbewijs",
        lambda w: reverse("beoordeling:ontvangstbewijs", args=[w.bod.pk, 1]),
        ALLEEN_BIEDERS,
    ),
    (
        "mijn_biedingen",
        lambda w: reverse("beoordeling:mijn_biedingen"),
        verwacht_per_rol(ROLLEN, 200),
    ),
    (
        "bod_nieuw",
        lambda w: reverse("beoordeling:bod_nieuw", args=[w.traject.pk]),
        verwacht_per_rol(ROLLEN, 200),
    ),
    (
        "bod_nieuw draft trajectory",
        lambda w: reverse("beoordeling:bod_nieuw", args=[w.concept_traject.pk]),
        verwacht_per_rol(ROLLEN, 404),
    ),
]


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize(("naam", "url", "verwacht"), CASES, ids=[c[0] for c in CASES])
def test_access_per_role(client, w, rol, naam, url, verwacht):
    user = w.users[rol]
    if user is not None:
        client.force_login(user)
    response = client.get(url(w))
    if verwacht[rol] == LOGIN:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == verwacht[rol], (naam, rol)


def test_bod_page_shows_steps_versions_and_deadline(client, w):
    client.force_login(w.b_lid)
    response = client.get(reverse("beoordeling:bod", args=[w.bod.pk]))
    html = response.content.decode()
    assert "12:00:00" in html  # the deadline to the second
    assert w.bod.versies.get().sha256 in html
    assert reverse("beoordeling:ontvangstbewijs", args=[w.bod.pk, 1]) in html
    assert reverse("beoordeling:bijlage", args=[w.bijlage.pk]) in html
    indienen = reverse("beoordeling:bod_indienen", args=[w.bod.pk])
    intrekken = reverse("beoordeling:bod_intrekken", args=[w.bod.pk])
    assert f'action="{indienen}"' not in html  # a plain partner cannot submit
    client.force_login(w.a_beheerder)
    html = client.get(reverse("beoordeling:bod", args=[w.bod.pk])).content.decode()
    assert f'action="{indienen}"' in html and f'action="{intrekken}"' in html


def test_a_bijlage_downloads_as_an_attachment(client, w):
    client.force_login(w.b_lid)
    response = client.get(reverse("beoordeling:bijlage", args=[w.bijlage.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="plan.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF


# --- submitting through the page: the request's moment decides ---------------------------------


@pytest.fixture
def concept(w):
    return BodFactory(
        perceel=w.perceel2,
        traject=w.traject,
        organisatie=w.e,
        concept={**INHOUD, "sroi": "Twee leerwerkplekken."},
    )


def test_submitting_through_the_page_one_second_before_the_deadline(
    client, w, concept, time_machine
):
    time_machine.move_to(VOOR, tick=False)
    client.force_login(w.e_beheerder)
    response = client.post(reverse("beoordeling:bod_indienen", args=[concept.pk]), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    versie = concept.versies.get()
    assert versie.ingediend_op == VOOR
    concept.refresh_from_db()
    assert concept.status == BodStatus.INGEDIEND


def test_submitting_through_the_page_one_second_after_the_deadline(
    client, w, concept, time_machine
):
    time_machine.move_to(NA, tick=False)
    client.force_login(w.e_beheerder)
    response = client.post(reverse("beoordeling:bod_indienen", args=[concept.pk]), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "12:00:00" in html and "12:00:01" in html
    assert not concept.versies.exists()
    concept.refresh_from_db()
    assert concept.status == BodStatus.CONCEPT


def test_a_plain_member_does_not_submit(client, w, concept):
    client.force_login(w.e_lid)
    response = client.post(reverse("beoordeling:bod_indienen", args=[concept.pk]))
    assert response.status_code == 302
    assert not concept.versies.exists()


def test_withdrawing_through_the_page(client, w):
    client.force_login(w.a_beheerder)
    response = client.post(reverse("beoordeling:bod_intrekken", args=[w.bod.pk]))
    assert response.status_code == 302
    w.bod.refresh_from_db()
    assert w.bod.status == BodStatus.INGETROKKEN


# --- the steps --------------------------------------------------------------------------------


def test_saving_a_step_without_javascript_and_on_to_the_next(client, w):
    client.force_login(w.b_lid)
    url = reverse("beoordeling:bod_stap", args=[w.bod.pk, "plan"])
    response = client.post(url, {"plan": "  Een nieuw plan.  ", "na": "volgende"})
    assert response.status_code == 302
    assert response["Location"] == reverse("beoordeling:bod_stap", args=[w.bod.pk, "wie"])
    w.bod.refresh_from_db()
    assert w.bod.concept["plan"] == "Een nieuw plan."
    # The submitted version is not touched; the page says the change is not submitted yet.
    assert w.bod.versies.get().inhoud["plan"] != "Een nieuw plan."
    html = client.get(reverse("beoordeling:bod", args=[w.bod.pk])).content.decode()
    assert "ma-status--ingediend" in html and "utrecht-alert--warning" in html


def test_step_autosave_with_htmx(client, w):
    client.force_login(w.a_lid)
    url = reverse("beoordeling:bod_stap", args=[w.bod.pk, "plan"])
    response = client.post(url, {"plan": "Start in mei."}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    w.bod.refresh_from_db()
    assert w.bod.concept["plan"] == "Start in mei."


def test_the_who_step_per_partner(client, w):
    client.force_login(w.a_lid)
    url = reverse("beoordeling:bod_stap", args=[w.bod.pk, "wie"])
    html = client.get(url).content.decode()
    assert f'name="partner_{w.a.pk}"' in html and f'name="partner_{w.b.pk}"' in html
    assert f'name="partner_{w.c.pk}"' not in html  # only invited
    client.post(url, {f"partner_{w.a.pk}": "Leiding.", f"partner_{w.b.pk}": "Koken."})
    w.bod.refresh_from_db()
    assert w.bod.concept["wie"] == [
        {"organisatie": w.a.pk, "partner": w.a.naam, "tekst": "Leiding."},
        {"organisatie": w.b.pk, "partner": w.b.naam, "tekst": "Koken."},
    ]


def _formset(prefix, rijen, totaal=None):
    data = {
        f"{prefix}-TOTAL_FORMS": str(totaal or len(rijen)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, rij in enumerate(rijen):
        for key, value in rij.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


@pytest.fixture
def uitwerking(w):
    """A draft elaborated plan of the coalition (issue 14: the full plan)."""
    return BodFactory(
        perceel=w.perceel,
        traject=w.traject,
        organisatie=w.a,
        coalitie=w.coalitie,
        ronde=Ronde.UITWERKING,
        concept={},
    )


def test_the_budget_and_financing_steps(client, w, uitwerking):
    w.bod = uitwerking  # the elaborated plan asks them (issue 14, point 4)
    client.force_login(w.a_lid)
    url = reverse("beoordeling:bod_stap", args=[w.bod.pk, "begroting"])
    data = _formset(
        "begroting",
        [
            {"partner": w.a.naam, "jaar": "2027", "bedrag": "1234.50"},
            {"partner": w.b.naam, "jaar": "2028", "bedrag": "800"},
            {"partner": "", "jaar": "", "bedrag": ""},
        ],
    )
    assert client.post(url, data).status_code == 302
    w.bod.refresh_from_db()
    assert w.bod.concept["begroting"] == [
        {"partner": w.a.naam, "jaar": 2027, "bedrag": "1234.50"},
        {"partner": w.b.naam, "jaar": 2028, "bedrag": "800"},
    ]
    # A half-filled row is an error and saves nothing.
    half = _formset("begroting", [{"partner": w.a.naam, "jaar": "", "bedrag": "5"}])
    response = client.post(url, half)
    assert response.status_code == 200 and "utrecht-alert--error" in response.content.decode()
    w.bod.refresh_from_db()
    assert len(w.bod.concept["begroting"]) == 2

    url = reverse("beoordeling:bod_stap", args=[w.bod.pk, "financiering"])
    data = _formset("financiering", [{"bron": "fondsen", "bedrag": "2500"}])
    assert client.post(url, data).status_code == 302
    w.bod.refresh_from_db()
    assert w.bod.concept["financiering"] == [{"bron": "fondsen", "bedrag": "2500"}]


def test_social_return_is_no_step_of_the_outline_bid(client, w, concept):
    """Issue 14, point 8: above the threshold too, the outline bid does not ask it."""
    client.force_login(w.e_lid)
    url = reverse("beoordeling:bod_stap", args=[concept.pk, "sroi"])
    assert client.get(url).status_code == 404
    html = client.get(reverse("beoordeling:bod", args=[concept.pk])).content.decode()
    assert "stap/sroi/" not in html


def test_the_elaborated_plan_may_say_how_it_meets_social_return(client, w):
    uitwerking = BodFactory(
        perceel=w.perceel2, traject=w.traject, organisatie=w.e, ronde=Ronde.UITWERKING
    )
    client.force_login(w.e_lid)
    url = reverse("beoordeling:bod_stap", args=[uitwerking.pk, "sroi"])
    html = client.get(url).content.decode()
    assert "Social return is een voorwaarde in de overeenkomst: 5% van de opdrachtwaarde" in html
    assert "niet verplicht" in html
    client.post(url, {"sroi": "Drie stageplekken."})
    uitwerking.refresh_from_db()
    assert uitwerking.concept["sroi"] == "Drie stageplekken."


def test_a_step_after_the_deadline(client, w, time_machine):
    time_machine.move_to(NA, tick=False)
    client.force_login(w.a_lid)
    url = reverse("beoordeling:bod_stap", args=[w.bod.pk, "plan"])
    html = client.get(url).content.decode()
    assert 'name="na"' not in html  # no save buttons
    response = client.post(url, {"plan": "Te laat."})
    assert response.status_code == 200
    w.bod.refresh_from_db()
    assert w.bod.concept["plan"] != "Te laat."


def test_bijlagen_step_adds_refuses_and_removes(client, w):
    client.force_login(w.b_lid)
    url = reverse("beoordeling:bod_stap", args=[w.bod.pk, "bijlagen"])
    response = client.post(url, {"bestand": SimpleUploadedFile("foto.png", PNG)})
    assert response.status_code == 302
    assert Bijlage.objects.filter(bod=w.bod, naam="foto.png", mime="image/png").exists()
    response = client.post(url, {"bestand": SimpleUploadedFile("nep.pdf", PNG)})
    assert response.status_code == 200 and "PNG" in response.content.decode()
    assert not Bijlage.objects.filter(naam="nep.pdf").exists()
    verwijderen = reverse("beoordeling:bijlage_verwijderen", args=[w.bod.pk, w.bijlage.pk])
    response = client.post(verwijderen)
    assert response.status_code == 302
    w.bijlage.refresh_from_db()
    assert w.bijlage.verwijderd_op is not None
    # Another bid's attachment cannot be removed from here.
    ander = Bijlage.objects.create(
        bod=BodFactory(),
        bestand="biedingen/x.pdf",
        naam="x.pdf",
        mime="application/pdf",
        grootte=3,
        sha256="0" * 64,
        geupload_door=w.b_lid,
    )
    verwijderen = reverse("beoordeling:bijlage_verwijderen", args=[w.bod.pk, ander.pk])
    assert client.post(verwijderen).status_code == 404


# --- starting ---------------------------------------------------------------------------------


def test_new_bod_for_the_coalitie_and_a_double_click(client, w):
    client.force_login(w.a_lid)
    url = reverse("beoordeling:bod_nieuw", args=[w.traject.pk])
    html = client.get(url).content.decode()
    assert f'value="c{w.coalitie.pk}"' in html and f'value="o{w.a.pk}"' in html
    data = {"perceel": w.perceel2.pk, "bieder": f"c{w.coalitie.pk}"}
    eerste = client.post(url, data)
    tweede = client.post(url, data)
    bod = Bod.objects.get(perceel=w.perceel2, organisatie=w.a)
    assert eerste["Location"] == tweede["Location"] == reverse("beoordeling:bod", args=[bod.pk])
    assert bod.coalitie == w.coalitie


def test_new_bod_a_partner_does_not_see_the_coalitie(client, w):
    client.force_login(w.b_beheerder)
    html = client.get(reverse("beoordeling:bod_nieuw", args=[w.traject.pk])).content.decode()
    assert f'value="c{w.coalitie.pk}"' not in html and f'value="o{w.b.pk}"' in html


def test_starting_the_uitwerking_from_the_bod(client, w):
    Bod.objects.filter(pk=w.bod.pk).update(uitgenodigd_voor_uitwerking=True)
    client.force_login(w.a_lid)
    starten = reverse("beoordeling:uitwerking_starten", args=[w.bod.pk])
    # Until the selection is sent the bidder sees nothing of the invitation.
    html = client.get(reverse("beoordeling:bod", args=[w.bod.pk])).content.decode()
    assert f'action="{starten}"' not in html
    Bod.objects.filter(pk=w.bod.pk).update(selectie_verstuurd_op=BEGIN)
    html = client.get(reverse("beoordeling:bod", args=[w.bod.pk])).content.decode()
    assert f'action="{starten}"' in html
    response = client.post(starten)
    uitwerking = Bod.objects.get(ronde=Ronde.UITWERKING)
    assert response["Location"] == reverse("beoordeling:bod", args=[uitwerking.pk])
    # Someone else cannot start it from this bid.
    client.force_login(w.e_beheerder)
    response = client.post(starten)
    assert response.status_code == 404


# --- query counts -----------------------------------------------------------------------------


def _vul_bod(w, aantal):
    for n in range(aantal):
        Bijlage.objects.create(
            bod=w.bod,
            bestand=f"biedingen/b{n}.pdf",
            naam=f"b{n}.pdf",
            mime="application/pdf",
            grootte=100,
            sha256=f"{n:064d}",
            geupload_door=w.a_lid,
        )
        BodVersieFactory(
            bod=w.bod,
            nummer=n + 2,
            ontvangstbewijs=DocumentFactory(klaar=True, gemeente=None),
        )


@pytest.mark.parametrize("aantal", [5, 50])
def test_bod_page_queries(client, w, count_queries, aantal):
    _vul_bod(w, aantal)
    client.force_login(w.a_beheerder)
    url = reverse("beoordeling:bod", args=[w.bod.pk])
    client.get(url)
    response = None

    def get():
        nonlocal response
        response = client.get(url)

    # 12: the vault's `Inzage` is computed once for the page (issue 12): the bidder's
    # access is no longer asked five times (it was 17). 13: whether the call has a price
    # criterion, so the bid asks its price (issue 13, rule 8). 14: the call's own questions
    # for the outline bid (issue 14, point 4). 15: the coalition's open invitations, to
    # warn the lead before submitting (issue 14, point 5).
    assert count_queries(get) == 15
    assert response.content.decode().count("ontvangstbewijs/") == aantal + 1


def _vul_biedingen(w, aantal):
    organisatie = w.e
    for n in range(aantal):
        perceel = PerceelFactory(traject=w.traject, nummer=n + 10)
        bod = BodFactory(perceel=perceel, traject=w.traject, organisatie=organisatie)
        if n % 2:
            BodVersieFactory(bod=bod)
            Bod.objects.filter(pk=bod.pk).update(status=BodStatus.INGEDIEND)
    return organisatie


@pytest.mark.parametrize("aantal", [5, 50])
def test_my_bids_page_queries(client, w, count_queries, aantal):
    _vul_biedingen(w, aantal)
    client.force_login(w.e_beheerder)
    url = reverse("beoordeling:mijn_biedingen")
    client.get(url)
    response = None

    def get():
        nonlocal response
        response = client.get(url)

    assert count_queries(get) == 6
    assert response.content.decode().count('class="ma-status ma-status--') == aantal


def test_my_bids_shows_only_own_bids(client, w):
    vreemd = BodFactory(organisatie=OrganisatieFactory())
    LidmaatschapFactory(organisatie=vreemd.organisatie)
    client.force_login(w.b_lid)
    html = client.get(reverse("beoordeling:mijn_biedingen")).content.decode()
    assert reverse("beoordeling:bod", args=[w.bod.pk]) in html
    assert reverse("beoordeling:bod", args=[vreemd.pk]) not in html


# --- issue 14, point 4: the light outline bid ------------------------------------------------


def test_the_outline_bid_page_lists_only_the_outline_steps(client, w):
    client.force_login(w.a_lid)
    html = client.get(reverse("beoordeling:bod", args=[w.bod.pk])).content.decode()
    for slug in ("plan", "wie", "globale_begroting", "bijlagen"):
        assert reverse("beoordeling:bod_stap", args=[w.bod.pk, slug]) in html
    for slug in ("planning", "begroting", "financiering", "verdienmodel", "resultaten", "sroi"):
        assert reverse("beoordeling:bod_stap", args=[w.bod.pk, slug]) not in html
    assert "Plan op hoofdlijnen" in html and "Globale begroting" in html
    assert "Financieringsbronnen" not in html


def test_the_rough_budget_step(client, w):
    client.force_login(w.b_lid)
    url = reverse("beoordeling:bod_stap", args=[w.bod.pk, "globale_begroting"])
    html = client.get(url).content.decode()
    assert 'name="totaal"' in html and 'name="regels"' in html
    assert "per partner en per jaar" in html  # what comes later
    response = client.post(url, {"totaal": "45.000", "regels": "Mensen € 30.000", "na": "x"})
    assert response.status_code == 302
    w.bod.refresh_from_db()
    assert w.bod.concept["globale_begroting"] == {"totaal": "45000.00", "regels": "Mensen € 30.000"}
    response = client.post(url, {"totaal": "veel", "regels": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "utrecht-form-field-error-message" in html


@pytest.fixture
def vragen(w):
    return [
        SchetsvraagFactory(
            traject=w.traject, vraag="Wie kent u al in de wijk?", toelichting="Noem namen."
        ),
        SchetsvraagFactory(traject=w.traject, vraag="Hoe begint u klein?", toelichting=""),
    ]


@pytest.mark.parametrize("rol", ROLLEN)
def test_the_questions_step_per_role(client, w, vragen, rol):
    user = w.users[rol]
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("beoordeling:bod_stap", args=[w.bod.pk, "vragen"]))
    verwacht = ALLEEN_BIEDERS[rol]
    if verwacht == LOGIN:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == verwacht


def test_the_questions_of_the_municipality_are_answered_in_the_outline(client, w, vragen):
    client.force_login(w.a_lid)
    url = reverse("beoordeling:bod_stap", args=[w.bod.pk, "vragen"])
    html = client.get(url).content.decode()
    assert "Vragen van de gemeente" in html
    assert "Wie kent u al in de wijk?" in html and "Noem namen." in html
    assert "Hoe begint u klein?" in html
    eerste, tweede = vragen
    client.post(url, {f"vraag_{eerste.pk}": "De buurtvereniging.", f"vraag_{tweede.pk}": ""})
    w.bod.refresh_from_db()
    assert w.bod.concept["vragen"][0] == {
        "vraag": eerste.pk,
        "tekst": "Wie kent u al in de wijk?",
        "antwoord": "De buurtvereniging.",
    }
    # One answer is missing: the page says the step is not complete, submitting is refused.
    client.force_login(w.a_beheerder)
    response = client.post(reverse("beoordeling:bod_indienen", args=[w.bod.pk]), follow=True)
    assert "Vragen van de gemeente" in " ".join(str(m) for m in response.context["messages"])
    client.post(
        url,
        {f"vraag_{eerste.pk}": "De buurtvereniging.", f"vraag_{tweede.pk}": "Eén middag."},
    )
    response = client.post(reverse("beoordeling:bod_indienen", args=[w.bod.pk]), follow=True)
    assert w.bod.versies.order_by("-nummer").first().inhoud["vragen"][1]["antwoord"] == (
        "Eén middag."
    )


@pytest.mark.parametrize("aantal", [1, 5])
def test_step_page_queries_do_not_grow_with_questions(client, w, django_assert_num_queries, aantal):
    for _n in range(aantal):
        SchetsvraagFactory(traject=w.traject)
    client.force_login(w.a_lid)
    url = reverse("beoordeling:bod_stap", args=[w.bod.pk, "vragen"])
    client.get(url)
    with django_assert_num_queries(STAP_QUERIES):
        response = client.get(url)
    assert response.content.decode().count('name="vraag_') == aantal
