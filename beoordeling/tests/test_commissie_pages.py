"""The committee's pages for each role, the flows through them, and exact query counts."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from aanbesteden.constants import TEKST_MIDDEL
from aanbesteden.models import User
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from aanbesteden.tests.lengte import MILJOEN, assert_te_lang
from beoordeling.models import Belangenverklaring, Beoordeling, Commissielid, Score
from beoordeling.services import commissie as s
from beoordeling.tests.factories import (
    BelangenverklaringFactory,
    BodFactory,
    CommissielidFactory,
    KluisOpeningFactory,
    verklaren,
)
from beoordeling.tests.test_commissie_services import maak_wereld, tekenen_en_indienen
from coalities.tests.factories import LidmaatschapFactory
from tests.helpers import COMMISSIE_ROLLEN, status_als, verwacht_per_rol
from trajecten.constants import Gunningswijze
from trajecten.routes import route_van
from trajecten.tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db

ROLLEN = COMMISSIE_ROLLEN


@pytest.fixture
def w(gemeente, andere_gemeente, medewerker, burger, beheerder):
    wereld = maak_wereld(gemeente, medewerker)
    lid, voorzitter = wereld.leden[0], wereld.leden[1]
    s.voorzitter_instellen(actor=medewerker, lid=voorzitter)
    bod = wereld.biedingen[0]
    verklaren(actor=lid.user, bod=bod, conflict=False)
    verklaren(actor=voorzitter.user, bod=bod, conflict=False)
    wereld.extra["users"] = {
        "anoniem": None,
        "burger": burger,
        "bieder": LidmaatschapFactory(organisatie=bod.organisatie).user,
        "lid": lid.user,
        "voorzitter": voorzitter.user,
        "lid_ander_traject": CommissielidFactory(
            traject=TrajectFactory(gemeente=gemeente, gepubliceerd=True)
        ).user,
        "medewerker": medewerker,
        "medewerker_andere_gemeente": MedewerkerFactory(gemeente=andere_gemeente).user,
        "beheerder": beheerder,
    }
    return wereld


@pytest.mark.parametrize(
    "naam,verwacht",
    [
        ("commissie", verwacht_per_rol(ROLLEN, medewerker=200)),
        ("commissie_biedingen", verwacht_per_rol(ROLLEN, lid=200, voorzitter=200)),
        ("voortgang", verwacht_per_rol(ROLLEN, medewerker=200, voorzitter=200)),
        # Issue 13: the bid's old address leads to its lot's declaration, for members and
        # officers (who sign too).
        ("verklaring", verwacht_per_rol(ROLLEN, lid=302, voorzitter=302, medewerker=302)),
        ("verklaringen", verwacht_per_rol(ROLLEN, lid=200, voorzitter=200, medewerker=200)),
        (
            "perceel_verklaring",
            verwacht_per_rol(ROLLEN, lid=200, voorzitter=200, medewerker=200),
        ),
        ("scoren", verwacht_per_rol(ROLLEN, lid=200, voorzitter=200)),
        ("mijn_gegevens", verwacht_per_rol(ROLLEN, lid=200)),
    ],
)
def test_each_role(client, w, naam, verwacht):
    args = {
        "commissie": [w.traject.pk],
        "commissie_biedingen": [w.traject.pk],
        "voortgang": [w.traject.pk],
        "verklaring": [w.biedingen[0].pk],
        "verklaringen": [w.traject.pk],
        "perceel_verklaring": [w.traject.pk, w.perceel.pk],
        "scoren": [w.biedingen[0].pk],
        "mijn_gegevens": [w.leden[0].pk],
    }[naam]
    url = reverse(f"beoordeling:{naam}", args=args)
    gekregen = {rol: status_als(client, user, url) for rol, user in w.extra["users"].items()}
    assert gekregen == verwacht


def test_medewerker_of_a_draft_of_another_gemeente_gets_404(client, andere_gemeente, w):
    client.force_login(MedewerkerFactory(gemeente=andere_gemeente).user)
    concept = TrajectFactory(gemeente=w.traject.gemeente)
    assert client.get(reverse("beoordeling:commissie", args=[concept.pk])).status_code == 404


@pytest.mark.parametrize(
    "rol", ["burger", "lid", "medewerker_andere_gemeente", "beheerder", "anoniem"]
)
def test_only_medewerkers_change_the_committee(client, w, rol):
    user = w.extra["users"][rol]
    if user is not None:
        client.force_login(user)
    lid = w.leden[2]
    for url in (
        reverse("beoordeling:commissielid_voorzitter", args=[lid.pk]),
        reverse("beoordeling:commissielid_verwijderen", args=[lid.pk]),
    ):
        response = client.post(url, {"voorzitter": "ja"})
        assert response.status_code in (302, 404)
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"]
    response = client.post(
        reverse("beoordeling:commissie_uitnodigen", args=[w.traject.pk]),
        {"uitnodigen-naam": "X", "uitnodigen-email": "x@wijk.nl"},
    )
    assert response.status_code in (302, 404)
    lid.refresh_from_db()
    assert not lid.is_voorzitter
    assert not User.objects.filter(email="x@wijk.nl").exists()


# --- the officer's composition page ---------------------------------------------------


@pytest.mark.parametrize("bewoners,gewaarschuwd", [(3, True), (4, False)])
def test_composition_page_flags_a_committee_without_resident_majority(
    client, gemeente, medewerker, bewoners, gewaarschuwd
):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    for i in range(6):
        CommissielidFactory(traject=traject, is_bewoner=i < bewoners, buurt="Woensel" if i else "")
    client.force_login(medewerker)
    response = client.get(reverse("beoordeling:commissie", args=[traject.pk]))
    page = response.content.decode()
    assert f'data-bewoners="{bewoners}" data-aantal="6"' in page
    percentage = {3: 50, 4: 67}[bewoners]
    assert f'data-percentage="{percentage}"' in page
    assert ('data-waarschuwing="geen-meerderheid"' in page) is gewaarschuwd
    assert "utrecht-alert--warning" in page if gewaarschuwd else True
    assert "Woensel: 5" in page


def test_medewerker_invites_a_resident_and_adds_an_official(
    client, gemeente, medewerker, mailoutbox, django_capture_on_commit_callbacks
):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    collega = MedewerkerFactory(gemeente=gemeente).user
    client.force_login(medewerker)
    url = reverse("beoordeling:commissie", args=[traject.pk])
    uitnodigen = reverse("beoordeling:commissie_uitnodigen", args=[traject.pk])
    ambtenaar = reverse("beoordeling:commissie_ambtenaar", args=[traject.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            uitnodigen,
            {
                "uitnodigen-naam": "Bea Bewoner",
                "uitnodigen-email": "bea@wijk.nl",
                "uitnodigen-is_bewoner": "on",
            },
        )
    assert response.status_code == 302 and response["Location"] == url
    lid = Commissielid.objects.get(traject=traject, user__email="bea@wijk.nl")
    assert lid.is_bewoner
    assert len(mailoutbox) == 1 and "/accounts/login/code/?next=" in mailoutbox[0].body
    response = client.post(ambtenaar, {"ambtenaar-user": collega.pk})
    assert response.status_code == 302
    assert Commissielid.objects.get(traject=traject, user=collega).is_bewoner is False
    # Someone who is not an officer of the gemeente is not a choice.
    response = client.post(ambtenaar, {"ambtenaar-user": UserFactory().pk})
    assert response.status_code == 200
    assert Commissielid.objects.filter(traject=traject).count() == 2
    response = client.post(uitnodigen, {"uitnodigen-naam": "X"})
    assert (
        response.status_code == 200 and "utrecht-form-field--invalid" in response.content.decode()
    )


def test_medewerker_marks_the_chair_and_removes_a_member(client, w):
    client.force_login(w.medewerker)
    nieuw = w.leden[2]
    url = reverse("beoordeling:commissie", args=[w.traject.pk])
    response = client.post(
        reverse("beoordeling:commissielid_voorzitter", args=[nieuw.pk]), {"voorzitter": "ja"}
    )
    assert response["Location"] == url
    assert list(Commissielid.objects.filter(is_voorzitter=True)) == [nieuw]
    client.post(reverse("beoordeling:commissielid_verwijderen", args=[nieuw.pk]))
    assert not Commissielid.objects.filter(pk=nieuw.pk).exists()
    # A member who signed a declaration stays.
    client.post(reverse("beoordeling:commissielid_verwijderen", args=[w.leden[0].pk]))
    assert Commissielid.objects.filter(pk=w.leden[0].pk).exists()


# --- the member's pages ---------------------------------------------------------------


def test_member_declares_details(client, w):
    lid = w.leden[0]
    client.force_login(lid.user)
    response = client.post(
        reverse("beoordeling:mijn_gegevens", args=[lid.pk]),
        {"leeftijdsgroep": "65_plus", "buurt": "Strijp"},
    )
    assert response["Location"] == reverse("beoordeling:commissie_biedingen", args=[w.traject.pk])
    lid.refresh_from_db()
    assert (lid.leeftijdsgroep, lid.buurt) == ("65_plus", "Strijp")


def test_nothing_to_read_before_the_vault_is_opened(client, gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, geopend=False)
    client.force_login(w.leden[0].user)
    response = client.get(reverse("beoordeling:commissie_biedingen", args=[w.traject.pk]))
    assert response.status_code == 200
    assert response.context["regels"] == []
    page = response.content.decode()
    assert "utrecht-alert--info" in page
    for bod in w.biedingen:
        assert bod.organisatie.naam not in page
        assert client.get(reverse("beoordeling:verklaring", args=[bod.pk])).status_code == 404
        assert client.get(reverse("beoordeling:scoren", args=[bod.pk])).status_code == 404


def test_declarations_page_shows_every_organisation_of_the_lot_not_the_content(client, w):
    """Issue 13, rule 5: the confidentiality declaration first, then the lot's declaration
    lists every organisation of every bid on it; only then the content."""
    lid = w.leden[2]
    bod = w.biedingen[0]
    client.force_login(lid.user)
    response = client.get(reverse("beoordeling:verklaring", args=[bod.pk]))
    url = reverse("beoordeling:perceel_verklaring", args=[w.traject.pk, w.perceel.pk])
    assert response["Location"] == url
    page = client.get(url).content.decode()
    for b in w.biedingen:
        assert b.organisatie.naam in page
    assert "huiskamer" not in page  # INHOUD["plan"]
    assert "Teken eerst de geheimhoudingsverklaring." in page
    assert 'name="conflict"' not in page
    tekenen = reverse("beoordeling:perceel_verklaring_tekenen", args=[w.traject.pk, w.perceel.pk])
    response = client.post(tekenen, {"conflict": "nee"})
    assert response.status_code == 200 and not Belangenverklaring.objects.filter(user=lid.user)
    assert client.get(reverse("beoordeling:scoren", args=[bod.pk])).status_code == 404
    # The confidentiality declaration, then the lot's.
    verklaringen = reverse("beoordeling:verklaringen", args=[w.traject.pk])
    geheim = reverse("beoordeling:geheimhouding_tekenen", args=[w.traject.pk])
    response = client.post(geheim, {})
    assert "Vink het vakje aan om de verklaring te tekenen." in response.content.decode()
    assert client.post(geheim, {"akkoord": "on"})["Location"] == verklaringen
    assert client.get(reverse("beoordeling:scoren", args=[bod.pk])).status_code == 404
    assert client.post(tekenen, {"conflict": "nee"})["Location"] == verklaringen
    verklaring = Belangenverklaring.objects.get(user=lid.user, perceel=w.perceel)
    assert {o["naam"] for o in verklaring.organisaties} == {b.organisatie.naam for b in w.biedingen}
    for b in w.biedingen:
        page = client.get(reverse("beoordeling:scoren", args=[b.pk])).content.decode()
        assert "huiskamer in de wijk" in page


def test_a_conflict_recuses_the_member_from_every_bid_of_the_lot(client, w):
    lid = w.leden[2]
    bod, ander = w.biedingen
    client.force_login(lid.user)
    client.post(
        reverse("beoordeling:geheimhouding_tekenen", args=[w.traject.pk]), {"akkoord": "on"}
    )
    tekenen = reverse("beoordeling:perceel_verklaring_tekenen", args=[w.traject.pk, w.perceel.pk])
    response = client.post(tekenen, {"conflict": "ja", "toelichting": "Mijn buurvrouw werkt er."})
    assert response["Location"] == reverse("beoordeling:verklaringen", args=[w.traject.pk])
    verklaring = Belangenverklaring.objects.get(user=lid.user, perceel=w.perceel)
    assert verklaring.conflict and verklaring.toelichting == "Mijn buurvrouw werkt er."
    for b in (bod, ander):
        assert client.get(reverse("beoordeling:scoren", args=[b.pk])).status_code == 404
        response = client.post(
            reverse("beoordeling:scoren", args=[b.pk]), {f"c{w.criteria[0].pk}-waarde": "5"}
        )
        assert response.status_code == 404
    assert not Score.objects.filter(commissielid=lid).exists()
    # Signing again does not undo it.
    client.post(tekenen, {"conflict": "nee"})
    assert Belangenverklaring.objects.get(user=lid.user, perceel=w.perceel).conflict
    page = client.get(
        reverse("beoordeling:commissie_biedingen", args=[w.traject.pk])
    ).content.decode()
    for b in (bod, ander):
        assert f'data-bod="{b.pk}" data-staat="conflict"' in page


def _score_data(w, waarden, **extra):
    data = {}
    for criterium, (waarde, motivatie) in zip(w.criteria, waarden, strict=True):
        data[f"c{criterium.pk}-waarde"] = waarde
        data[f"c{criterium.pk}-motivatie"] = motivatie
    data.update(extra)
    return data


def test_scores_save_as_you_go_and_the_scale_is_checked(client, w):
    lid, bod = w.leden[0], w.biedingen[0]
    tien, vijf = w.criteria
    client.force_login(lid.user)
    url = reverse("beoordeling:scoren", args=[bod.pk])
    page = client.get(url).content.decode()
    assert 'type="radio"' in page and 'value="nvt"' in page
    response = client.post(url, _score_data(w, [("7", "Sterk plan"), ("", "")]))
    assert response["Location"] == url
    assert Score.objects.get(commissielid=lid, criterium=tien).waarde == 7
    assert not Score.objects.filter(criterium=vijf).exists()
    response = client.post(url, _score_data(w, [("11", ""), ("6", "")]))  # off the scale
    assert response.status_code == 200
    assert Score.objects.get(commissielid=lid, criterium=tien).waarde == 7
    # With htmx, a change saves and answers with a short status.
    response = client.post(
        url, _score_data(w, [("8", "Sterk plan"), ("nvt", "")]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and b"<html" not in response.content
    assert Score.objects.get(criterium=tien).waarde == 8
    assert Score.objects.get(criterium=vijf).niet_van_toepassing


def test_others_scores_only_after_own_submission(client, w):
    lid, voorzitter = w.leden[0], w.leden[1]
    bod = w.biedingen[0]
    tien, vijf = w.criteria
    # The chair scores 4 and "not applicable" and submits.
    s.score_opslaan(actor=voorzitter.user, bod=bod, criterium=tien, waarde=4, motivatie="Matig")
    s.score_opslaan(
        actor=voorzitter.user, bod=bod, criterium=vijf, niet_van_toepassing=True, motivatie="Nvt"
    )
    s.beoordeling_indienen(actor=voorzitter.user, bod=bod)
    client.force_login(lid.user)
    url = reverse("beoordeling:scoren", args=[bod.pk])
    page = client.get(url).content.decode()
    assert "scores-naast-elkaar" not in page
    assert "Matig" not in page
    indienen = reverse("beoordeling:scoren_indienen", args=[bod.pk])
    response = client.post(indienen, _score_data(w, [("8", "Goed"), ("3", "Redelijk")]))
    assert response["Location"] == url
    assert Beoordeling.objects.get(commissielid=lid, bod=bod).ingediend_op is not None
    response = client.get(url)
    page = response.content.decode()
    assert "scores-naast-elkaar" in page and "Matig" in page
    assert 'data-score="nvt"' in page
    rijen = {c.pk: (scores, gem) for c, scores, gem in response.context["blad"].rijen}
    assert str(rijen[tien.pk][1]) == "6.0"  # (4 + 8) / 2
    assert str(rijen[vijf.pk][1]) == "3.0"  # "not applicable" is not a zero
    assert 'data-gemiddelde="3.0"' in page
    # Fixed now: a POST changes nothing.
    client.post(indienen, _score_data(w, [("1", "Anders"), ("1", "Anders")]))
    assert Score.objects.get(commissielid=lid, criterium=tien).waarde == 8


def test_submission_with_missing_scores_shows_the_error(client, w):
    lid, bod = w.leden[0], w.biedingen[0]
    client.force_login(lid.user)
    indienen = reverse("beoordeling:scoren_indienen", args=[bod.pk])
    response = client.post(indienen, _score_data(w, [("8", "Goed"), ("", "")]))
    assert response.status_code == 200
    assert response.context["fout"]
    assert not Beoordeling.objects.filter(ingediend_op__isnull=False).exists()
    assert Score.objects.get(commissielid=lid).waarde == 8  # what was filled in is saved


def test_quality_only_asks_judgement_and_rank(client, gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, gunningswijze=Gunningswijze.KWALITEIT, biedingen=2)
    lid, bod = w.leden[0], w.biedingen[0]
    verklaren(actor=lid.user, bod=bod, conflict=False)
    client.force_login(lid.user)
    url = reverse("beoordeling:scoren", args=[bod.pk])
    page = client.get(url).content.decode()
    assert 'name="oordeel-oordeel"' in page and 'name="oordeel-rang"' in page
    data = _score_data(
        w,
        [("8", "Goed"), ("4", "Ok")],
        **{"oordeel-oordeel": "Mooi", "oordeel-rang": "1"},
    )
    indienen = reverse("beoordeling:scoren_indienen", args=[bod.pk])
    assert client.post(indienen, data)["Location"] == url
    beoordeling = Beoordeling.objects.get(commissielid=lid, bod=bod)
    assert (beoordeling.oordeel, beoordeling.rang) == ("Mooi", 1)
    assert beoordeling.ingediend_op is not None


def test_progress_page_for_the_chair(client, gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, biedingen=1, leden=6)
    bod = w.biedingen[0]
    s.voorzitter_instellen(actor=medewerker, lid=w.leden[0])
    for lid in w.leden[:3]:
        tekenen_en_indienen(lid, bod, w.criteria)
    verklaren(actor=w.leden[3].user, bod=bod, conflict=True)
    client.force_login(w.leden[0].user)
    page = client.get(reverse("beoordeling:voortgang", args=[w.traject.pk])).content.decode()
    assert f'data-bod="{bod.pk}" data-klaar="3" data-aantal="5"' in page
    for lid in w.leden[4:]:
        assert lid.user.get_full_name() in page
    assert w.leden[3].user.get_full_name() not in page
    assert "data-score" not in page


def test_dashboard_panel_links_to_the_list_with_progress(client, w):
    lid = w.leden[0]
    tekenen_en_indienen(lid, w.biedingen[0], w.criteria)
    client.force_login(lid.user)
    page = client.get(reverse("home")).content.decode()
    assert reverse("beoordeling:commissie_biedingen", args=[w.traject.pk]) in page
    assert 'data-klaar="1" data-te-beoordelen="2"' in page


# --- query counts ---------------------------------------------------------------------


def _biedingen(w, n):
    for _ in range(n):
        bod = BodFactory(perceel=w.perceel, ingediend=True)
        BelangenverklaringFactory(commissielid=w.leden[0], bod=bod)
        w.extra[bod.pk] = bod


def test_member_list_queries(client, count_queries, gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, biedingen=0)
    client.force_login(w.leden[0].user)
    url = reverse("beoordeling:commissie_biedingen", args=[w.traject.pk])
    _biedingen(w, 5)
    KluisOpeningFactory(traject=w.traject, ronde="uitwerking", geopend=True)
    BodFactory(perceel=w.perceel, ingediend=True, ronde="uitwerking")
    few = count_queries(lambda: client.get(url))
    _biedingen(w, 45)
    BodFactory(perceel=w.perceel, ingediend=True, ronde="uitwerking")
    response = client.get(url)
    assert len(response.context["regels"]) == 52
    many = count_queries(lambda: client.get(url))
    # session, user, the user's gemeenten (two-factor check), membership, the two stages'
    # bids with their latest versions (2 x 2), declarations, submitted assessments, and the
    # layout's unread count
    assert (few, many) == (11, 11)


def test_composition_queries(client, count_queries, gemeente, medewerker):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    client.force_login(medewerker)
    url = reverse("beoordeling:commissie", args=[traject.pk])

    def leden(n):
        for i in range(n):
            CommissielidFactory(traject=traject, is_bewoner=i % 3 != 0, buurt=f"Buurt {i % 4}")
            MedewerkerFactory(gemeente=gemeente)

    leden(5)
    few = count_queries(lambda: client.get(url))
    leden(45)
    many = count_queries(lambda: client.get(url))
    # session, user, gemeenten, TOTP, trajectory, members, unread count, and the officers
    # to choose from (whether there are any, and the select's options twice); issue 13: the
    # members' lots, the lots and the conflicts per lot
    assert (few, many) == (13, 13)


def test_progress_queries(client, count_queries, gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, biedingen=0)
    client.force_login(medewerker)
    url = reverse("beoordeling:voortgang", args=[w.traject.pk])
    _biedingen(w, 5)
    few = count_queries(lambda: client.get(url))
    _biedingen(w, 45)
    for _ in range(10):
        CommissielidFactory(traject=w.traject)
    many = count_queries(lambda: client.get(url))
    # session, user, gemeenten, TOTP, trajectory, both stages' bids (one with versions),
    # members (with their lots, issue 13), conflicts, submitted assessments, unread count
    assert (few, many) == (13, 13)


def test_scoring_page_queries_do_not_grow_with_members(client, count_queries, w):
    lid, bod = w.leden[0], w.biedingen[0]
    tekenen_en_indienen(w.leden[1], bod, w.criteria)
    tekenen_en_indienen(lid, bod, w.criteria)
    client.force_login(lid.user)
    url = reverse("beoordeling:scoren", args=[bod.pk])
    few = count_queries(lambda: client.get(url))
    for _ in range(8):
        extra = CommissielidFactory(traject=w.traject)
        tekenen_en_indienen(extra, bod, w.criteria)
    many = count_queries(lambda: client.get(url))
    assert few == many


def test_section_on_the_trajectory_page_for_medewerkers_only(w, django_assert_num_queries):
    with django_assert_num_queries(0):
        voor_medewerker = render_to_string(
            "beoordeling/commissie/_op_traject.html",
            {"traject": w.traject, "mag_beheren": True, "route": route_van(w.traject)},
        )
        voor_publiek = render_to_string(
            "beoordeling/commissie/_op_traject.html",
            {"traject": w.traject, "mag_beheren": False, "route": route_van(w.traject)},
        )
    assert reverse("beoordeling:commissie", args=[w.traject.pk]) in voor_medewerker
    assert voor_publiek.strip() == ""


def test_the_bid_list_leads_on_to_the_meeting_the_conversations_and_for_the_chair_the_explanation(
    client, w
):
    traject = w.biedingen[0].traject
    url = reverse("beoordeling:commissie_biedingen", args=[traject.pk])
    uitleg = reverse("beoordeling:gunning_toelichting", args=[traject.pk])
    for rol, ziet_uitleg in (("lid", False), ("voorzitter", True)):
        client.force_login(w.extra["users"][rol])
        html = client.get(url).content.decode()
        assert reverse("beoordeling:consensus", args=[traject.pk]) in html
        assert reverse("beoordeling:gesprekken", args=[traject.pk]) in html
        assert (uitleg in html) is ziet_uitleg
        assert ("Uitleg aan de buurt" in html) is ziet_uitleg


# Length limits (issue 11, point 10)


def test_a_score_motivation_of_a_million_characters_is_refused_on_the_field(client, w):
    lid, bod = w.leden[0], w.biedingen[0]
    tien, _vijf = w.criteria
    client.force_login(lid.user)
    url = reverse("beoordeling:scoren", args=[bod.pk])
    response = client.post(url, _score_data(w, [("7", MILJOEN), ("", "")]))
    form = next(f for f in response.context["score_forms"] if f.criterium == tien)
    assert_te_lang(response, form, "motivatie", TEKST_MIDDEL)
    assert not Score.objects.filter(commissielid=lid).exists()


def test_the_committee_reads_the_questions_with_their_answers_and_the_rough_budget(client, w):
    """Issue 14, point 4: the committee sees each question of the municipality with its
    answer, and the outline's rough budget."""
    bod = w.biedingen[0]
    versie = bod.versies.get()
    versie.inhoud = {
        **versie.inhoud,
        "globale_begroting": {"totaal": "45000.00", "regels": "Mensen € 30.000"},
        "vragen": [{"vraag": 1, "tekst": "Wie kent u al in de wijk?", "antwoord": "De school."}],
    }
    versie.save(update_fields=["inhoud"])
    client.force_login(w.leden[0].user)
    html = client.get(reverse("beoordeling:scoren", args=[bod.pk])).content.decode()
    assert "Vragen van de gemeente" in html
    assert "Wie kent u al in de wijk?" in html and "De school." in html
    assert "Globale begroting" in html and "€ 45.000,00" in html and "Mensen € 30.000" in html
