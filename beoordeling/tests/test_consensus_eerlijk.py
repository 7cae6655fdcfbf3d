"""Issue 13, rules 6, 7 and 9: the consensus belongs to the committee (the chair records
who attended; it closes when the chair and a majority of the members without a conflict
have each confirmed it, and confirmations lapse when it changes), equal weights for every
bid of a lot on a weighted award, and no award before the consensus of the final stage."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent, Notificatie
from beoordeling import permissions
from beoordeling.constants import Ronde
from beoordeling.models import (
    Consensusbevestiging,
    ConsensusOverleg,
    ConsensusScore,
    Gunning,
    VervallenCriterium,
)
from beoordeling.selectors import consensus as sel
from beoordeling.services import commissie as cs
from beoordeling.services import consensus as s
from beoordeling.services import gunning as gs
from beoordeling.tests.factories import BodFactory, KluisOpeningFactory, verklaren
from beoordeling.tests.factories_gesprekken import ConsensusOverlegFactory
from beoordeling.tests.test_commissie_services import (
    alles_scoren,
    maak_wereld,
    tekenen_en_indienen,
)
from beoordeling.tests.test_consensus_services import plannen, vastleggen
from beoordeling.tests.test_gunning_services import KENMERKEN, MOTIVATIE
from beoordeling.tests.test_gunning_services import maak_wereld as gunningswereld
from trajecten.constants import Gunningswijze

pytestmark = pytest.mark.django_db

HL = Ronde.HOOFDLIJNEN.value


@pytest.fixture
def w(gemeente, medewerker):
    """Two bids, five members: the chair and three who assess everything; the fifth
    declared a conflict for the second bid (recused for the stage). Four members may
    confirm, so the majority is 3. The meeting is planned and the consensus complete."""
    wereld = maak_wereld(gemeente, medewerker, biedingen=2, leden=5)
    voorzitter = cs.voorzitter_instellen(actor=medewerker, lid=wereld.leden[0])
    a, b = wereld.biedingen
    for lid in wereld.leden[:4]:
        for bod in (a, b):
            tekenen_en_indienen(lid, bod, wereld.criteria)
    gewraakt = wereld.leden[4]
    # A conflict is declared per lot and recuses from every bid of it (issue 13, rule 5).
    verklaren(actor=gewraakt.user, bod=a, conflict=True)
    overleg = plannen(wereld)
    vastleggen(medewerker, a, wereld.criteria, [8, 4])
    vastleggen(medewerker, b, wereld.criteria, [6, 3])
    wereld.extra.update(voorzitter=voorzitter, gewraakt=gewraakt, overleg=overleg)
    return wereld


def _aanwezig(w, leden=None):
    return s.aanwezigheid_vastleggen(
        actor=w.extra["voorzitter"].user,
        overleg=w.extra["overleg"],
        aanwezigen=leden if leden is not None else w.leden,
    )


def _overleg(w):
    return ConsensusOverleg.objects.get(pk=w.extra["overleg"].pk)


# --- rule 6: the consensus belongs to the committee -------------------------------------


def test_a_medewerker_alone_can_no_longer_close_the_consensus(w):
    _aanwezig(w)
    with pytest.raises(NotAllowed):
        s.consensus_bevestigen(actor=w.medewerker, overleg=w.extra["overleg"])
    assert not hasattr(s, "consensus_vaststellen")
    with pytest.raises(NoReverseMatch):
        reverse("beoordeling:consensus_vaststellen", args=[w.traject.pk, HL])
    assert _overleg(w).vastgesteld_op is None


def test_who_may_confirm_are_the_members_without_a_conflict(w):
    stemgerechtigd = sel.stemgerechtigden(w.extra["overleg"])
    assert stemgerechtigd[0].pk == w.extra["voorzitter"].pk  # the chair first
    assert {x.pk for x in stemgerechtigd} == {x.pk for x in w.leden[:4]}
    assert sel.meerderheid(len(stemgerechtigd)) == 3
    assert [sel.meerderheid(n) for n in (1, 2, 3, 4, 5)] == [1, 2, 2, 3, 3]


def test_it_closes_when_the_chair_and_a_majority_of_the_non_recused_have_confirmed(w):
    voorzitter, een, twee, drie = w.leden[:4]
    overleg = w.extra["overleg"]
    with pytest.raises(DomainError, match="wie er bij het overleg waren"):
        s.consensus_bevestigen(actor=voorzitter.user, overleg=overleg)
    with pytest.raises(NotAllowed):  # only the chair records the attendance
        s.aanwezigheid_vastleggen(actor=w.medewerker, overleg=overleg, aanwezigen=w.leden)
    _aanwezig(w, w.leden[:3])
    assert [x.pk for x in _overleg(w).aanwezigen.order_by("pk")] == [x.pk for x in w.leden[:3]]
    with pytest.raises(DomainError, match="voorzitter de consensus"):  # the chair first
        s.consensus_bevestigen(actor=een.user, overleg=overleg)
    with pytest.raises(NotAllowed, match="belangenconflict"):
        s.consensus_bevestigen(actor=w.extra["gewraakt"].user, overleg=overleg)

    s.consensus_bevestigen(actor=voorzitter.user, overleg=overleg)
    s.consensus_bevestigen(actor=een.user, overleg=overleg)
    s.consensus_bevestigen(actor=een.user, overleg=overleg)  # a double click: nothing more
    assert Consensusbevestiging.objects.count() == 2
    assert _overleg(w).vastgesteld_op is None  # 2 of the 3 needed
    s.consensus_bevestigen(actor=twee.user, overleg=overleg)
    gesloten = _overleg(w)
    assert gesloten.vastgesteld_op is not None
    bevestigd = AuditEvent.objects.filter(event_type=AuditEventType.CONSENSUS_BEVESTIGD)
    assert [e.detail["bevestigd"] for e in bevestigd.order_by("pk")] == [1, 2, 3]
    assert {e.detail["nodig"] for e in bevestigd} == {3}
    assert AuditEvent.objects.filter(event_type=AuditEventType.CONSENSUS_VASTGESTELD).count() == 1
    with pytest.raises(DomainError, match="vastgesteld"):
        s.consensus_bevestigen(actor=drie.user, overleg=overleg)


def test_members_are_told_the_consensus_waits_for_their_confirmation(w):
    _aanwezig(w)
    s.consensus_bevestigen(actor=w.extra["voorzitter"].user, overleg=w.extra["overleg"])
    onderwerp = f"De consensus wacht op uw bevestiging: {w.traject.titel}"
    gemeld = set(Notificatie.objects.filter(onderwerp=onderwerp).values_list("user", flat=True))
    assert gemeld == {x.user_id for x in w.leden[1:4]}  # not the chair, not the recused


def test_confirmations_lapse_when_the_consensus_changes_after_some_confirmed(w):
    voorzitter, een, twee = w.leden[:3]
    overleg = w.extra["overleg"]
    _aanwezig(w)
    s.consensus_bevestigen(actor=voorzitter.user, overleg=overleg)
    s.consensus_bevestigen(actor=een.user, overleg=overleg)
    s.consensus_score_vastleggen(
        actor=w.medewerker,
        bod=w.biedingen[0],
        criterium=w.criteria[0],
        waarde=9,
        motivatie="Na het overleg toch een negen.",
    )
    assert not Consensusbevestiging.objects.exists()
    event = AuditEvent.objects.filter(event_type=AuditEventType.CONSENSUS_VASTGELEGD).last()
    assert event.detail["bevestigingen_vervallen"] == 2
    # They confirmed another text: the chair confirms again first.
    with pytest.raises(DomainError, match="voorzitter de consensus"):
        s.consensus_bevestigen(actor=twee.user, overleg=overleg)
    s.consensus_bevestigen(actor=voorzitter.user, overleg=overleg)
    s.consensus_bevestigen(actor=een.user, overleg=overleg)
    # Changing who attended makes them lapse too.
    _aanwezig(w, w.leden[:2])
    assert not Consensusbevestiging.objects.exists()
    assert _overleg(w).vastgesteld_op is None


def test_a_member_confirms_only_after_submitting_every_bid(gemeente, medewerker):
    wereld = maak_wereld(gemeente, medewerker, biedingen=2, leden=2)
    voorzitter = cs.voorzitter_instellen(actor=medewerker, lid=wereld.leden[0])
    a, b = wereld.biedingen
    for bod in (a, b):
        tekenen_en_indienen(voorzitter, bod, wereld.criteria)
    tekenen_en_indienen(wereld.leden[1], a, wereld.criteria)
    verklaren(actor=wereld.leden[1].user, bod=b, conflict=False)
    overleg = plannen(wereld)
    vastleggen(medewerker, a, wereld.criteria, [8, 4])
    vastleggen(medewerker, b, wereld.criteria, [6, 3])
    s.aanwezigheid_vastleggen(actor=voorzitter.user, overleg=overleg, aanwezigen=wereld.leden)
    s.consensus_bevestigen(actor=voorzitter.user, overleg=overleg)
    with pytest.raises(DomainError, match="eigen beoordeling"):
        s.consensus_bevestigen(actor=wereld.leden[1].user, overleg=overleg)
    alles_scoren(wereld.leden[1], b, wereld.criteria)
    cs.beoordeling_indienen(actor=wereld.leden[1].user, bod=b)
    s.consensus_bevestigen(actor=wereld.leden[1].user, overleg=overleg)
    overleg.refresh_from_db()
    assert overleg.vastgesteld_op is not None  # 2 of 2


def test_the_page_shows_who_confirmed_and_offers_the_button_by_the_rules(client, w):
    _aanwezig(w)
    url = reverse("beoordeling:consensus", args=[w.traject.pk])
    bevestigen = reverse("beoordeling:consensus_bevestigen", args=[w.traject.pk, HL])
    client.force_login(w.medewerker)
    tekst = client.get(url).content.decode()
    assert bevestigen not in tekst  # an officer does not confirm
    assert "meerderheid van de 4 leden zonder belangenconflict (3)" in tekst
    client.force_login(w.leden[1].user)
    tekst = client.get(url).content.decode()
    assert bevestigen not in tekst
    assert "Eerst bevestigt de voorzitter de consensus." in tekst
    client.force_login(w.extra["voorzitter"].user)
    client.post(bevestigen)
    tekst = client.get(url).content.decode()
    rij = tekst.split(f'data-lid="{w.extra["voorzitter"].pk}"')[1].split("</li>")[0]
    assert "bevestigd" in rij and "nog niet" not in rij
    client.force_login(w.leden[1].user)
    assert bevestigen in client.get(url).content.decode()


# --- rule 7: equal weights for every bid ------------------------------------------------


def test_not_applicable_for_one_bid_while_another_has_a_value_is_refused(w):
    a, b = w.biedingen
    draagvlak = w.criteria[1]
    assert ConsensusScore.objects.get(bod=a, criterium=draagvlak).waarde == 4
    with pytest.raises(DomainError) as fout:
        s.consensus_score_vastleggen(
            actor=w.medewerker,
            bod=b,
            criterium=draagvlak,
            niet_van_toepassing=True,
            motivatie="Past niet bij dit plan.",
        )
    assert str(fout.value) == (
        "Bij gunning met wegingen telt Draagvlak mee voor elk bod op dit perceel, of voor "
        'geen enkel bod. Het kan dus niet "niet van toepassing" zijn voor één bod. Geef een '
        "score, of laat het criterium vervallen voor het hele perceel, met een reden."
    )
    assert fout.value.veld == s.criterium_veld(draagvlak)
    assert ConsensusScore.objects.get(bod=b, criterium=draagvlak).waarde == 3


def test_a_criterion_dropped_for_the_lot_counts_for_no_bid(w):
    a, b = w.biedingen
    waarde, draagvlak = w.criteria
    with pytest.raises(DomainError, match="Schrijf op waarom"):
        s.criterium_laten_vervallen(
            actor=w.medewerker, perceel=w.perceel, ronde=HL, criterium=draagvlak, reden=" "
        )
    with pytest.raises(NotAllowed):  # a member who is not the chair
        s.criterium_laten_vervallen(
            actor=w.leden[1].user, perceel=w.perceel, ronde=HL, criterium=draagvlak, reden="x"
        )
    s.criterium_laten_vervallen(
        actor=w.extra["voorzitter"].user,
        perceel=w.perceel,
        ronde=HL,
        criterium=draagvlak,
        reden="Draagvlak is voor geen van beide plannen te beoordelen.",
    )
    assert VervallenCriterium.objects.count() == 1
    assert not ConsensusScore.objects.filter(criterium=draagvlak).exists()
    event = AuditEvent.objects.get(event_type=AuditEventType.CONSENSUS_CRITERIUM_VERVALLEN)
    assert event.detail["scores_verwijderd"] == 2
    with pytest.raises(DomainError, match="telt voor dit perceel niet mee, voor geen enkel bod"):
        s.consensus_score_vastleggen(
            actor=w.medewerker, bod=a, criterium=draagvlak, waarde=2, motivatie="Toch."
        )
    # Only the first criterion counts, for both: 8 -> 7/9 = 77.8; 6 -> 5/9 = 55.6.
    regels = sel.rangorde(w.traject, HL)[w.perceel.pk]
    assert [(r.bod, r.totaal) for r in regels] == [(a, Decimal("77.8")), (b, Decimal("55.6"))]
    assert all(r.compleet for r in regels)


def test_the_page_and_the_ranking_say_a_dropped_criterion_counts_for_no_bid(client, w):
    draagvlak = w.criteria[1]
    client.force_login(w.extra["voorzitter"].user)
    url = reverse("beoordeling:consensus", args=[w.traject.pk])
    pagina = client.get(url)
    assert pagina.context["percelen"][0].vervallen_form is not None
    vervallen = reverse(
        "beoordeling:consensus_criterium_vervallen", args=[w.traject.pk, HL, w.perceel.pk]
    )
    prefix = f"vervallen-{w.perceel.pk}"
    fout = client.post(vervallen, {f"{prefix}-criterium": draagvlak.pk})
    assert fout.status_code == 200
    assert "utrecht-form-field-error-message" in fout.content.decode()
    response = client.post(
        vervallen,
        {f"{prefix}-criterium": draagvlak.pk, f"{prefix}-reden": "Niet te beoordelen."},
    )
    assert response.status_code == 302
    tekst = client.get(url).content.decode()
    zin = "Criterium Draagvlak telt voor dit perceel niet mee, voor geen enkel bod."
    assert zin in tekst and "Niet te beoordelen." in tekst
    assert f'data-rangorde-vervallen="{draagvlak.pk}"' in tekst
    assert 'data-consensus="vervallen"' in tekst
    bod_pagina = client.get(reverse("beoordeling:consensus_bod", args=[w.biedingen[0].pk]))
    assert f'name="c{draagvlak.pk}-waarde"' not in bod_pagina.content.decode()


def test_a_dropped_criterion_can_count_again_through_the_page(client, w):
    draagvlak = w.criteria[1]
    s.criterium_laten_vervallen(
        actor=w.medewerker, perceel=w.perceel, ronde=HL, criterium=draagvlak, reden="Vergissing."
    )
    meetellen = reverse(
        "beoordeling:consensus_criterium_meetellen",
        args=[w.traject.pk, HL, w.perceel.pk, draagvlak.pk],
    )
    client.force_login(w.leden[1].user)  # a member who is not the chair: nothing happens
    client.post(meetellen)
    assert VervallenCriterium.objects.exists()
    client.force_login(w.extra["voorzitter"].user)
    url = reverse("beoordeling:consensus", args=[w.traject.pk])
    assert meetellen in client.get(url).content.decode()
    client.post(meetellen)
    assert not VervallenCriterium.objects.exists()
    assert AuditEvent.objects.filter(event_type=AuditEventType.CONSENSUS_CRITERIUM_HERSTELD)
    # It counts again: both bids need a consensus score on it before it is complete.
    regels = sel.rangorde(w.traject, HL)[w.perceel.pk]
    assert not any(r.compleet for r in regels)
    assert client.post(meetellen).status_code == 404  # nothing left to undo


def test_a_members_not_applicable_never_counts_as_zero(client, gemeente, medewerker):
    wereld = maak_wereld(gemeente, medewerker, biedingen=1, leden=2)
    bod = wereld.biedingen[0]
    waarde = wereld.criteria[0]
    tekenen_en_indienen(wereld.leden[0], bod, wereld.criteria)  # 10 on 1..10
    verklaren(actor=wereld.leden[1].user, bod=bod, conflict=False)
    alles_scoren(wereld.leden[1], bod, wereld.criteria)
    cs.score_opslaan(
        actor=wereld.leden[1].user,
        bod=bod,
        criterium=waarde,
        niet_van_toepassing=True,
        motivatie="Kan ik niet beoordelen.",
    )
    cs.beoordeling_indienen(actor=wereld.leden[1].user, bod=bod)
    client.force_login(medewerker)
    tekst = client.get(reverse("beoordeling:consensus", args=[wereld.traject.pk])).content
    assert b'data-gemiddelde="10.0"' in tekst  # not 5.0


def test_dropping_is_only_for_a_weighted_award(gemeente, medewerker):
    wereld = maak_wereld(gemeente, medewerker, gunningswijze=Gunningswijze.KWALITEIT)
    plannen(wereld)
    with pytest.raises(DomainError):
        s.criterium_laten_vervallen(
            actor=medewerker,
            perceel=wereld.perceel,
            ronde=HL,
            criterium=wereld.criteria[0],
            reden="Past niet.",
        )


# --- rule 9: no award before the consensus ---------------------------------------------


def _besluiten(w):
    return gs.gunning_besluiten(
        actor=w.medewerker,
        perceel=w.perceel,
        winnend_bod=w.biedingen[0],
        motivatie=MOTIVATIE,
        kenmerken=KENMERKEN,
    )


def test_the_award_is_refused_before_the_consensus_is_closed(gemeente, medewerker):
    w = gunningswereld(gemeente, medewerker, consensus=False)
    with pytest.raises(DomainError) as fout:
        _besluiten(w)
    assert str(fout.value).startswith(
        "De commissie heeft de consensus van de laatste ronde (Bod op hoofdlijnen) nog niet "
        "vastgesteld."
    )
    overleg = ConsensusOverlegFactory(traject=w.traject, aangemaakt_door=medewerker)
    with pytest.raises(DomainError):  # planned, not closed
        _besluiten(w)
    ConsensusOverleg.objects.filter(pk=overleg.pk).update(vastgesteld_op=timezone.now())
    assert _besluiten(w).winnend_bod == w.biedingen[0]


def test_with_two_stages_the_final_stage_is_the_elaborated_plan(gemeente, medewerker):
    w = gunningswereld(gemeente, medewerker)  # the outline's consensus is closed
    w.traject.uitwerking_sluit = timezone.now() - timedelta(days=1)
    w.traject.save()
    assert permissions.laatste_ronde(w.traject) == Ronde.UITWERKING
    with pytest.raises(DomainError, match="laatste ronde \\(Uitwerking\\)"):
        _besluiten(w)
    uitwerking = BodFactory(
        perceel=w.perceel,
        organisatie=w.biedingen[0].organisatie,
        ingediend=True,
        ronde="uitwerking",
    )
    KluisOpeningFactory(traject=w.traject, ronde=Ronde.UITWERKING, geopend=True)
    ConsensusOverlegFactory(
        traject=w.traject, ronde=Ronde.UITWERKING, aangemaakt_door=medewerker, vastgesteld=True
    )
    gunning = gs.gunning_besluiten(
        actor=medewerker,
        perceel=w.perceel,
        winnend_bod=uitwerking,
        motivatie=MOTIVATIE,
        kenmerken=KENMERKEN,
    )
    assert gunning.winnend_bod == uitwerking


def test_the_award_page_says_why_the_form_is_not_there_yet(client, gemeente, medewerker):
    w = gunningswereld(gemeente, medewerker, consensus=False)
    client.force_login(medewerker)
    url = reverse("beoordeling:gunning", args=[w.traject.pk])
    tekst = client.get(url).content.decode()
    besluiten_url = reverse("beoordeling:gunning_besluiten", args=[w.traject.pk, w.perceel.pk])
    assert besluiten_url not in tekst
    assert 'data-waarschuwing="geen-consensus"' in tekst
    assert "nog niet vastgesteld" in tekst
    prefix = f"besluit-{w.perceel.pk}"
    client.post(
        besluiten_url,
        {
            f"{prefix}-winnend_bod": w.biedingen[0].pk,
            f"{prefix}-motivatie": MOTIVATIE,
            f"{prefix}-kenmerken": KENMERKEN,
        },
    )
    assert not Gunning.objects.exists()
    ConsensusOverlegFactory(traject=w.traject, aangemaakt_door=medewerker, vastgesteld=True)
    tekst = client.get(url).content.decode()
    assert besluiten_url in tekst and 'data-waarschuwing="geen-consensus"' not in tekst
