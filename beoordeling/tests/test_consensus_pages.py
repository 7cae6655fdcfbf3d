"""The consensus meeting's pages for each role, what a member sees before and after their
own submission, the chair's form, closing, and exact query counts (5 and 50 bids)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from aanbesteden.models import Notificatie
from aanbesteden.tests.factories import MedewerkerFactory
from beoordeling.constants import Ronde
from beoordeling.models import (
    Beoordeling,
    Consensusbevestiging,
    ConsensusOverleg,
    ConsensusScore,
    Score,
    VervallenCriterium,
)
from beoordeling.services import commissie as cs
from beoordeling.tests.factories import (
    BelangenverklaringFactory,
    BodFactory,
    CommissielidFactory,
    verklaren,
)
from beoordeling.tests.test_commissie_services import (
    alles_scoren,
    maak_wereld,
    tekenen_en_indienen,
)
from beoordeling.tests.test_consensus_services import plannen, vastleggen
from coalities.tests.factories import LidmaatschapFactory
from tests.helpers import COMMISSIE_ROLLEN as ROLLEN
from tests.helpers import status_als, verwacht_per_rol
from trajecten.constants import Gunningswijze
from trajecten.tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db

HL = Ronde.HOOFDLIJNEN.value


@pytest.fixture
def w(gemeente, andere_gemeente, medewerker, burger, beheerder):
    """Bid 0: the member and the chair submitted (the member with a telling motivation);
    the third member signed without conflict but has not submitted. A meeting is planned."""
    wereld = maak_wereld(gemeente, medewerker, biedingen=2, leden=3)
    lid, voorzitter, traag = wereld.leden
    cs.voorzitter_instellen(actor=medewerker, lid=voorzitter)
    bod = wereld.biedingen[0]
    tekenen_en_indienen(voorzitter, bod, wereld.criteria)
    verklaren(actor=lid.user, bod=bod, conflict=False)
    for criterium in wereld.criteria:
        cs.score_opslaan(
            actor=lid.user,
            bod=bod,
            criterium=criterium,
            waarde=criterium.schaal_min,
            motivatie="Zwak punt: ZICHTBAAR-NA-INDIENEN.",
        )
    cs.beoordeling_indienen(actor=lid.user, bod=bod)
    verklaren(actor=traag.user, bod=bod, conflict=False)
    plannen(wereld)
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


def test_roles_cover_all_seven(w):
    assert set(w.extra["users"]) == set(ROLLEN)


@pytest.mark.parametrize(
    "naam,verwacht",
    [
        ("consensus", verwacht_per_rol(ROLLEN, lid=200, voorzitter=200, medewerker=200)),
        ("consensus_ronde", verwacht_per_rol(ROLLEN, lid=200, voorzitter=200, medewerker=200)),
        ("consensus_plannen", verwacht_per_rol(ROLLEN, medewerker=200)),
        ("consensus_bod", verwacht_per_rol(ROLLEN, lid=200, voorzitter=200, medewerker=200)),
    ],
)
def test_each_role(client, w, naam, verwacht):
    args = {
        "consensus": [w.traject.pk],
        "consensus_ronde": [w.traject.pk, HL],
        "consensus_plannen": [w.traject.pk, HL],
        "consensus_bod": [w.biedingen[0].pk],
    }[naam]
    url = reverse(f"beoordeling:{naam}", args=args)
    gekregen = {rol: status_als(client, user, url) for rol, user in w.extra["users"].items()}
    assert gekregen == verwacht


@pytest.mark.parametrize("rol", [r for r in ROLLEN if r not in ("medewerker", "voorzitter")])
def test_only_the_chair_and_medewerkers_record_and_close(client, w, rol):
    user = w.extra["users"][rol]
    if user is not None:
        client.force_login(user)
    bod = w.biedingen[0]
    waarde = w.criteria[0]
    client.post(
        reverse("beoordeling:consensus_bod", args=[bod.pk]),
        {f"c{waarde.pk}-waarde": "5", f"c{waarde.pk}-motivatie": "Vijf."},
    )
    client.post(reverse("beoordeling:consensus_bevestigen", args=[w.traject.pk, HL]))
    client.post(
        reverse("beoordeling:consensus_aanwezigheid", args=[w.traject.pk, HL]),
        {"aanwezig-aanwezigen": [x.pk for x in w.leden]},
    )
    prefix = f"vervallen-{w.perceel.pk}"
    client.post(
        reverse("beoordeling:consensus_criterium_vervallen", args=[w.traject.pk, HL, w.perceel.pk]),
        {f"{prefix}-criterium": waarde.pk, f"{prefix}-reden": "Past niet."},
    )
    client.post(
        reverse("beoordeling:consensus_plannen", args=[w.traject.pk, HL]),
        {"gepland_op": "2031-01-01T10:00", "locatie": "Elders"},
    )
    assert not ConsensusScore.objects.exists()
    overleg = ConsensusOverleg.objects.get()
    assert overleg.vastgesteld_op is None and overleg.locatie != "Elders"
    assert overleg.aanwezigheid_vastgelegd_op is None
    assert not Consensusbevestiging.objects.exists()
    assert not VervallenCriterium.objects.exists()


def test_a_stage_that_does_not_exist_is_404(client, w):
    client.force_login(w.medewerker)
    url = reverse("beoordeling:consensus_ronde", args=[w.traject.pk, "derde"])
    assert client.get(url).status_code == 404


def test_nothing_to_discuss_before_the_opening(client, gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, geopend=False)
    for user in (medewerker, w.leden[0].user):
        client.force_login(user)
        response = client.get(reverse("beoordeling:consensus", args=[w.traject.pk]))
        tekst = response.content.decode()
        assert response.status_code == 200
        assert "gesloten kluis" in tekst
        for bod in w.biedingen:
            assert bod.organisatie.naam not in tekst
    client.force_login(medewerker)
    url = reverse("beoordeling:consensus_plannen", args=[w.traject.pk, HL])
    assert client.get(url).status_code == 404


# --- what a member sees -------------------------------------------------------------------


def test_the_medewerker_sees_every_score_side_by_side_with_the_average(client, w):
    client.force_login(w.medewerker)
    response = client.get(reverse("beoordeling:consensus", args=[w.traject.pk]))
    tekst = response.content.decode()
    assert "ZICHTBAAR-NA-INDIENEN" in tekst
    lid, voorzitter, traag = w.leden
    # Names as the page writes them (escaped: a generated name may hold an apostrophe).
    assert escape(lid.user.get_full_name()) in tekst
    assert escape(voorzitter.user.get_full_name()) in tekst
    # 1..10: the member gave 1, the chair 10 -> 5.5; 0..5: 0 and 5 -> 2.5
    assert 'data-gemiddelde="5.5"' in tekst and 'data-gemiddelde="2.5"' in tekst
    # who has not submitted yet
    blad = response.context["blad"].bladen[0]
    assert [x.pk for x in blad.nog_niet] == [traag.pk]
    assert escape(traag.user.get_full_name()) in tekst
    # the second bid: nobody submitted, yet the officer sees it (without scores)
    assert escape(w.biedingen[1].organisatie.naam) in tekst


def test_a_member_sees_the_scores_only_after_submitting_their_own(client, w):
    traag, bod = w.leden[2], w.biedingen[0]
    client.force_login(traag.user)
    url = reverse("beoordeling:consensus", args=[w.traject.pk])
    tekst = client.get(url).content.decode()
    assert "ZICHTBAAR-NA-INDIENEN" not in tekst
    assert "data-gemiddelde" not in tekst
    assert "eigen beoordeling" in tekst
    assert client.get(reverse("beoordeling:consensus_bod", args=[bod.pk])).status_code == 404

    for criterium in w.criteria:
        cs.score_opslaan(
            actor=traag.user, bod=bod, criterium=criterium, waarde=3, motivatie="Matig."
        )
    cs.beoordeling_indienen(actor=traag.user, bod=bod)
    tekst = client.get(url).content.decode()
    assert "ZICHTBAAR-NA-INDIENEN" in tekst
    assert client.get(reverse("beoordeling:consensus_bod", args=[bod.pk])).status_code == 200


def test_a_recused_member_sees_only_that_they_are_recused(client, gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, biedingen=1, leden=2)
    gewraakt, ander = w.leden
    bod = w.biedingen[0]
    verklaren(actor=gewraakt.user, bod=bod, conflict=True)
    tekenen_en_indienen(ander, bod, w.criteria)
    client.force_login(gewraakt.user)
    tekst = client.get(reverse("beoordeling:consensus", args=[w.traject.pk])).content.decode()
    assert "belangenconflict" in tekst
    assert "Goed plan." not in tekst  # the other member's motivation
    assert "data-gemiddelde" not in tekst
    assert client.get(reverse("beoordeling:consensus_bod", args=[bod.pk])).status_code == 404


def test_a_member_who_did_not_sign_is_asked_to_sign_first(client, w):
    client.force_login(CommissielidFactory(traject=w.traject).user)
    tekst = client.get(reverse("beoordeling:consensus", args=[w.traject.pk])).content.decode()
    assert reverse("beoordeling:verklaring", args=[w.biedingen[1].pk]) in tekst


# --- planning, recording, closing through the pages ----------------------------------------


def test_medewerker_plans_through_the_page(client, gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, leden=2)
    client.force_login(medewerker)
    url = reverse("beoordeling:consensus_plannen", args=[w.traject.pk, HL])
    assert "Plan" in client.get(url).content.decode()
    verleden = client.post(url, {"gepland_op": "2001-01-01T10:00", "locatie": "Zaal"})
    assert verleden.status_code == 200
    assert not ConsensusOverleg.objects.exists()
    moment = timezone.localtime(timezone.now() + timedelta(days=10)).replace(
        hour=19, minute=30, second=0, microsecond=0
    )
    response = client.post(
        url, {"gepland_op": moment.strftime("%Y-%m-%dT%H:%M"), "locatie": "Wijkcentrum Oost"}
    )
    assert response.status_code == 302
    overleg = ConsensusOverleg.objects.get()
    assert overleg.gepland_op == moment
    assert Notificatie.objects.filter(user=w.leden[0].user).count() == 1
    tekst = client.get(response["Location"]).content.decode()
    assert "Wijkcentrum Oost" in tekst and "19:30" in tekst


def test_the_chair_records_a_consensus_with_errors_at_their_field(client, w):
    voorzitter, bod = w.leden[1], w.biedingen[0]
    waarde, draagvlak = w.criteria
    client.force_login(voorzitter.user)
    url = reverse("beoordeling:consensus_bod", args=[bod.pk])
    pagina = client.get(url).content.decode()
    assert "ZICHTBAAR-NA-INDIENEN" in pagina and f'name="c{waarde.pk}-waarde"' in pagina
    fout = client.post(
        url,
        {
            f"c{waarde.pk}-waarde": "7",
            f"c{waarde.pk}-motivatie": "Samen: zeven.",
            f"c{draagvlak.pk}-waarde": "4",
            f"c{draagvlak.pk}-motivatie": "",
            "oordeel-oordeel": "Een sterk plan.",
        },
    )
    assert fout.status_code == 200
    assert fout.context["score_forms"][1].errors["waarde"]
    assert not ConsensusScore.objects.exists()
    response = client.post(
        url,
        {
            f"c{waarde.pk}-waarde": "7",
            f"c{waarde.pk}-motivatie": "Samen: zeven.",
            f"c{draagvlak.pk}-waarde": "3",
            f"c{draagvlak.pk}-motivatie": "Redelijk.",
            "oordeel-oordeel": "Een sterk plan.",
        },
    )
    assert response.status_code == 302
    tekst = client.get(url).content.decode()
    assert 'data-consensus="7"' in tekst and 'data-consensus="3"' in tekst
    # a weighted award: the consensus form offers no "not applicable" for one bid
    assert 'value="nvt"' not in tekst
    assert "Samen: zeven." in tekst and "Een sterk plan." in tekst
    # individual scores stay as they were
    assert set(
        Score.objects.filter(bod=bod, criterium=waarde).values_list("waarde", flat=True)
    ) == {
        1,
        10,
    }


def test_a_member_who_is_not_the_chair_sees_no_form(client, w):
    client.force_login(w.leden[0].user)
    tekst = client.get(reverse("beoordeling:consensus_bod", args=[w.biedingen[0].pk])).content
    assert b'name="oordeel-oordeel"' not in tekst


def test_confirming_through_the_page_closes_it_and_then_no_form(client, w):
    """Issue 13, rule 6: the chair records who attended and confirms; the member's
    confirmation makes the majority (2 of the 3 members without a conflict) and closes it."""
    lid, voorzitter, traag = w.leden
    url = reverse("beoordeling:consensus", args=[w.traject.pk])
    bevestigen = reverse("beoordeling:consensus_bevestigen", args=[w.traject.pk, HL])
    aanwezigheid = reverse("beoordeling:consensus_aanwezigheid", args=[w.traject.pk, HL])
    for x in (lid, voorzitter, traag):
        tekenen_en_indienen(x, w.biedingen[1], w.criteria)
    alles_scoren(traag, w.biedingen[0], w.criteria)
    cs.beoordeling_indienen(actor=traag.user, bod=w.biedingen[0])
    client.force_login(voorzitter.user)
    response = client.post(bevestigen, follow=True)
    assert not Consensusbevestiging.objects.exists()
    assert "Eerst legt de voorzitter vast wie er bij het overleg waren." in (
        response.content.decode()
    )
    fout = client.post(aanwezigheid, {})
    assert fout.status_code == 200 and "utrecht-form-field-error-message" in fout.content.decode()
    client.post(aanwezigheid, {"aanwezig-aanwezigen": [lid.pk, voorzitter.pk]})
    tekst = client.get(url).content.decode()
    assert lid.user.get_full_name() in tekst.split('id="aanwezigen"')[1].split("</p>")[0]
    assert "De consensus van 2 biedingen is nog niet compleet." in tekst
    vastleggen(w.medewerker, w.biedingen[0], w.criteria, [8, 4])
    vastleggen(w.medewerker, w.biedingen[1], w.criteria, [9, 5])
    tekst = client.get(url).content.decode()
    assert bevestigen in tekst
    client.post(bevestigen)
    assert ConsensusOverleg.objects.get().vastgesteld_op is None  # 1 of 2
    assert Notificatie.objects.filter(
        user=lid.user, onderwerp__startswith="De consensus wacht op uw bevestiging"
    ).exists()

    client.force_login(lid.user)
    tekst = client.get(url).content.decode()
    assert bevestigen in tekst and "Ik bevestig deze consensus" in tekst
    client.post(bevestigen)
    assert ConsensusOverleg.objects.get().vastgesteld_op is not None
    client.force_login(voorzitter.user)
    response = client.get(url)
    tekst = response.content.decode()
    assert bevestigen not in tekst and aanwezigheid not in tekst
    # the chair sees the ranking of the bid they assessed: 8 and 4 -> 46.7 + 32 = 78.7
    assert 'data-totaal="78.7"' in tekst
    bod_pagina = client.get(reverse("beoordeling:consensus_bod", args=[w.biedingen[0].pk]))
    assert b'name="oordeel-oordeel"' not in bod_pagina.content


def test_the_ranking_and_method_for_quality_only(client, gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, biedingen=2, gunningswijze=Gunningswijze.KWALITEIT)
    plannen(w)
    a, b = w.biedingen
    vastleggen(medewerker, a, w.criteria, [9, 5], rang=2)
    vastleggen(medewerker, b, w.criteria, [3, 1], rang=1)
    client.force_login(medewerker)
    response = client.get(reverse("beoordeling:consensus", args=[w.traject.pk]))
    tekst = response.content.decode()
    assert "Alleen kwaliteit, met een vast budget" in tekst
    assert tekst.index(f'data-bod="{b.pk}" data-rang="1"') < tekst.index(
        f'data-bod="{a.pk}" data-rang="2"'
    )
    form = client.get(reverse("beoordeling:consensus_bod", args=[a.pk])).content.decode()
    assert 'name="oordeel-rang"' in form


# --- query counts -----------------------------------------------------------------------


def _biedingen(w, n, leden):
    """n opened bids, each signed, scored and submitted by `leden`, with a consensus."""
    for _ in range(n):
        bod = BodFactory(perceel=w.perceel, ingediend=True)
        for lid in leden:
            BelangenverklaringFactory(commissielid=lid, bod=bod)
            for criterium in w.criteria:
                Score.objects.create(
                    commissielid=lid, bod=bod, criterium=criterium, waarde=3, motivatie="Ok."
                )
            Beoordeling.objects.create(commissielid=lid, bod=bod, ingediend_op=timezone.now())
        for criterium in w.criteria:
            ConsensusScore.objects.create(
                bod=bod,
                criterium=criterium,
                waarde=4,
                motivatie="Ok.",
                vastgelegd_door=w.medewerker,
            )


@pytest.mark.parametrize("rol", ["medewerker", "lid"])
def test_meeting_page_queries_do_not_grow_with_bids(
    client, count_queries, gemeente, medewerker, rol
):
    w = maak_wereld(gemeente, medewerker, biedingen=0, leden=3)
    plannen(w)
    leden = w.leden[:2]
    client.force_login(medewerker if rol == "medewerker" else leden[0].user)
    url = reverse("beoordeling:consensus", args=[w.traject.pk])
    _biedingen(w, 5, leden)
    few = count_queries(lambda: client.get(url))
    _biedingen(w, 45, leden)
    for _ in range(5):
        extra = CommissielidFactory(traject=w.traject)
        _biedingen(w, 0, [extra])
    response = client.get(url)
    assert len(response.context["blad"].bladen) == 50
    assert (
        response.content.decode().count(
            'data-staat="ingediend"' if rol == "lid" else 'data-staat="inzien"'
        )
        == 50
    )
    many = count_queries(lambda: client.get(url))
    # session, user, gemeenten (two-factor check), [TOTP for the officer], trajectory,
    # membership, opened stages, bids with their latest versions (2), meeting, criteria,
    # members, declarations, submitted assessments, scores, consensus scores and
    # judgements (2), the criteria dropped per lot, who may confirm, the confirmations,
    # who attended, and the layout's unread count; issue 13: the members' lots and the
    # user's own declarations per lot (one query)
    verwacht = 24 if rol == "medewerker" else 23
    assert (few, many) == (verwacht, verwacht)


def test_bid_page_queries_do_not_grow_with_members(client, count_queries, w):
    client.force_login(w.medewerker)
    url = reverse("beoordeling:consensus_bod", args=[w.biedingen[0].pk])
    few = count_queries(lambda: client.get(url))
    for _ in range(8):
        tekenen_en_indienen(CommissielidFactory(traject=w.traject), w.biedingen[0], w.criteria)
    many = count_queries(lambda: client.get(url))
    assert few == many


def test_bid_page_exact_queries(client, count_queries, w):
    """The consensus form of one bid, for the officer and the chair: a fixed number."""
    url = reverse("beoordeling:consensus_bod", args=[w.biedingen[0].pk])
    # Issue 13: + the members' lots, + the user's declarations (one query, per lot),
    # + the criteria dropped per lot.
    for rol, verwacht in (("medewerker", 23), ("voorzitter", 22)):
        client.force_login(w.extra["users"][rol])
        few = count_queries(lambda: client.get(url))
        tekenen_en_indienen(CommissielidFactory(traject=w.traject), w.biedingen[0], w.criteria)
        many = count_queries(lambda: client.get(url))
        assert (rol, few, many) == (rol, verwacht, verwacht)
