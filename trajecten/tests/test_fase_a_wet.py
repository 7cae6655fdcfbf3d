"""Issue 13, phase A: value, thresholds and the law (rules 10, 15, 16, 17, 18 and 19).

Each test asserts what the officer reads (Dutch, as the test settings use nl) or what
the service refuses; each fails on the code before issue 13.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from aanbesteden.exceptions import DomainError
from aanbesteden.tests.factories import GemeenteFactory
from trajecten import constants as c
from trajecten import extensions, inhoud, permissions
from trajecten.models import Rectificatie, Toelichting, Traject
from trajecten.proportionaliteit import FOUT, INFO, bevindingen, open_bevindingen, raming
from trajecten.selectors import dialoog as dialoog_selectors
from trajecten.services.dialoog import vraag_stellen
from trajecten.services.opstellen import sectie_opslaan, toelichting_geven
from trajecten.tests.factories import EisFactory, PerceelFactory, TrajectFactory

NU = timezone.make_aware(timezone.datetime(2026, 3, 2, 10, 0))


@pytest.fixture(autouse=True)
def _vaste_tijd():
    with time_machine.travel(NU, tick=False):
        yield


def _over(dagen, uur=12):
    return timezone.localtime(NU + timedelta(days=dagen)).replace(
        hour=uur, minute=0, second=0, microsecond=0
    )


def per_code(traject):
    return {b.code: b for b in bevindingen(traject)}


@pytest.fixture
def concept(gemeente, medewerker):
    return TrajectFactory(gemeente=gemeente, aangemaakt_door=medewerker, volledig=True)


# --- rule 10: stages only where the procedure allows them -----------------------------------


@pytest.mark.parametrize("procedure", [c.Procedure.OPENBAAR, c.Procedure.NIET_OPENBAAR])
def test_an_open_or_restricted_procedure_refuses_a_second_stage_at_its_field(
    concept, medewerker, procedure
):
    sectie_opslaan(
        actor=medewerker, traject=concept, sectie="planning", wijzigingen={"uitwerking_sluit": None}
    )
    sectie_opslaan(
        actor=medewerker,
        traject=concept,
        sectie="vorm",
        wijzigingen={"vorm": c.Vorm.AANBESTEDING, "procedure": procedure},
    )
    with pytest.raises(DomainError, match="geen twee rondes") as fout:
        sectie_opslaan(
            actor=medewerker,
            traject=concept,
            sectie="planning",
            wijzigingen={"uitwerking_sluit": _over(60)},
        )
    assert fout.value.veld == "uitwerking_sluit"
    concept.refresh_from_db()
    assert concept.uitwerking_sluit is None


def test_choosing_an_open_procedure_for_a_two_stage_trajectory_is_refused_at_the_procedure(
    concept, medewerker
):
    assert concept.uitwerking_sluit is not None
    with pytest.raises(DomainError, match="openbare procedure kent geen twee rondes") as fout:
        sectie_opslaan(
            actor=medewerker,
            traject=concept,
            sectie="vorm",
            wijzigingen={"procedure": c.Procedure.OPENBAAR},
        )
    assert fout.value.veld == "procedure"
    concept.refresh_from_db()
    assert concept.procedure == c.Procedure.NATIONAAL


@pytest.mark.parametrize(
    "procedure",
    [c.Procedure.DIALOOG, c.Procedure.ONDERHANDELING_MET, c.Procedure.MEERVOUDIG_ONDERHANDS],
)
def test_procedures_that_allow_stages_keep_the_elaborated_bid_deadline(
    concept, medewerker, procedure
):
    sectie_opslaan(
        actor=medewerker, traject=concept, sectie="vorm", wijzigingen={"procedure": procedure}
    )
    concept.refresh_from_db()
    assert concept.procedure == procedure and concept.uitwerking_sluit is not None


def test_an_older_two_stage_open_procedure_can_still_change_other_sections(concept, medewerker):
    """The rule is checked when the procedure or the stages change, so a trajectory made
    before it is not locked: its officer can still correct it and choose a procedure."""
    Traject.objects.filter(pk=concept.pk).update(procedure=c.Procedure.OPENBAAR)
    sectie_opslaan(
        actor=medewerker, traject=concept, sectie="opgave", wijzigingen={"titel": "Nieuw"}
    )
    sectie_opslaan(
        actor=medewerker,
        traject=concept,
        sectie="vorm",
        wijzigingen={"procedure": c.Procedure.DIALOOG},
    )
    concept.refresh_from_db()
    assert (concept.titel, concept.procedure) == ("Nieuw", c.Procedure.DIALOOG)


def test_the_planning_page_shows_the_refusal_on_the_elaborated_bid_field(
    client, concept, medewerker
):
    concept.procedure = c.Procedure.OPENBAAR
    concept.uitwerking_sluit = None
    concept.save()
    client.force_login(medewerker)
    data = {
        veld: timezone.localtime(getattr(concept, veld)).strftime("%Y-%m-%dT%H:%M")
        for veld in Traject.MIJLPALEN
        if getattr(concept, veld)
    }
    data["uitwerking_sluit"] = _over(60).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("trajecten:sectie", args=[concept.pk, "planning"]), data)
    assert response.status_code == 200
    form = response.context["onderdelen"][0][1]
    (fout,) = form.errors["uitwerking_sluit"]
    assert "De openbare procedure kent geen twee rondes met biedingen" in fout
    assert 'id="id_uitwerking_sluit_error"' in response.content.decode()


def test_the_call_states_the_staging_rule(concept):
    assert inhoud.snapshot(concept)["vorm"]["rondes"].startswith("Twee rondes.")
    concept.uitwerking_sluit = None
    assert inhoud.snapshot(concept)["vorm"]["rondes"] == (
        "Eén ronde: elk bod wordt beoordeeld zoals het is ingediend."
    )


# --- rule 15: value over the whole term ------------------------------------------------------


@pytest.fixture
def sociaal(gemeente):
    return TrajectFactory(
        gemeente=gemeente,
        vorm=c.Vorm.AANBESTEDING,
        procedure=c.Procedure.NATIONAAL,
        dienst_soort=c.DienstSoort.SOCIAAL,
        budget=Decimal("500000"),
        contractduur_maanden=24,
        inschrijving_sluit=NU + timedelta(days=60),
    )


def test_extensions_bring_the_value_over_the_light_regime_threshold(sociaal):
    assert "eu_drempel" not in per_code(sociaal)  # € 500.000 < € 750.000
    sociaal.verlenging_maanden = 24
    sociaal.save()
    assert raming(sociaal).totaal == Decimal("1000000.00")
    bevinding = per_code(sociaal)["eu_drempel"]
    assert bevinding.niveau == FOUT
    assert "€ 1.000.000,00 over de hele looptijd" in bevinding.reden
    assert bevinding.regels == (
        "Budget voor de duur van het contract: € 500.000,00.",
        "Verlengingen: 24 maanden, met hetzelfde bedrag per maand als de 24 maanden van het "
        "contract: € 500.000,00.",
        "Totaal over de hele looptijd: € 1.000.000,00.",
    )


def test_options_and_the_lots_added_up_count_towards_the_threshold(sociaal):
    sociaal.budget = None
    sociaal.opties_waarde = Decimal("100000")
    sociaal.save()
    PerceelFactory(traject=sociaal, nummer=1, budget=Decimal("350000"))
    PerceelFactory(traject=sociaal, nummer=2, budget=Decimal("350000"))
    waarde = raming(sociaal)
    assert waarde.totaal == Decimal("800000")
    assert "De budgetten van de percelen bij elkaar opgeteld: € 700.000,00." in waarde.regels
    assert "Opties: € 100.000,00." in waarde.regels
    assert per_code(sociaal)["eu_drempel"].niveau == FOUT


def test_an_estimate_below_the_computed_value_does_not_count(sociaal):
    sociaal.verlenging_maanden = 24
    sociaal.geraamde_waarde = Decimal("700000")
    sociaal.save()
    waarde = raming(sociaal)
    assert waarde.totaal == Decimal("1000000.00")
    assert "Het berekende totaal is hoger dan uw schatting. Het hoogste bedrag telt." in (
        waarde.regels
    )


def test_a_turnover_requirement_is_measured_against_the_lot_over_the_whole_term(sociaal):
    sociaal.verlenging_maanden = 24
    sociaal.save()
    perceel = PerceelFactory(traject=sociaal, nummer=1, budget=Decimal("10000"))
    eis = EisFactory(
        traject=sociaal, perceel=perceel, soort=c.EisSoort.OMZET, bedrag=Decimal("50000")
    )
    # 50.000 is 500% of the lot's budget, but 250% of its value over the whole term.
    assert "Perceel 1 over de hele looptijd: € 20.000,00." in raming(sociaal).regels
    bevinding = per_code(sociaal)[f"omzet:{eis.pk}"]
    assert bevinding.niveau != FOUT
    assert "250%" in bevinding.reden and "€ 20.000,00" in bevinding.reden


def test_the_drafting_pages_show_how_the_value_was_computed(client, sociaal, medewerker):
    sociaal.verlenging_maanden = 12
    sociaal.save()
    client.force_login(medewerker)
    for url in (
        reverse("trajecten:beheer", args=[sociaal.pk]),
        reverse("trajecten:sectie", args=[sociaal.pk, "kaders"]),
    ):
        html = client.get(url).content.decode()
        assert "Geraamde waarde over de hele looptijd" in html
        assert escape("Totaal over de hele looptijd: € 750.000,00.") in html


# --- rule 16: the light regime is light ------------------------------------------------------


def test_an_own_design_procedure_is_allowed_under_the_light_regime(sociaal, medewerker):
    sociaal.verlenging_maanden = 24
    sociaal.aangemaakt_door = medewerker
    sociaal.save()
    with pytest.raises(DomainError, match="Beschrijf hoe de eigen procedure werkt") as fout:
        sectie_opslaan(
            actor=medewerker,
            traject=sociaal,
            sectie="vorm",
            wijzigingen={"procedure": c.Procedure.EIGEN},
        )
    assert fout.value.veld == "eigen_procedure"
    sectie_opslaan(
        actor=medewerker,
        traject=sociaal,
        sectie="vorm",
        wijzigingen={
            "procedure": c.Procedure.EIGEN,
            "eigen_procedure": "Eerst een gesprek met elke coalitie, dan een uitgewerkt plan.",
        },
    )
    sociaal.refresh_from_db()
    gevonden = per_code(sociaal)
    assert gevonden["eu_drempel"].niveau == INFO
    assert "het licht regime geldt" in gevonden["eu_drempel"].reden
    # The EU announcement is asked for: the TenderNed reference.
    assert gevonden["eu_aankondiging"].niveau == FOUT
    assert gevonden["eu_aankondiging"].wet
    sectie_opslaan(
        actor=medewerker,
        traject=sociaal,
        sectie="vorm",
        wijzigingen={"tenderned_kenmerk": "2026-123456"},
    )
    sociaal.refresh_from_db()
    assert "eu_aankondiging" not in per_code(sociaal)
    snapshot = inhoud.snapshot(sociaal)
    assert snapshot["vorm"]["procedure"] == "Eigen procedure (licht regime)"
    assert snapshot["vorm"]["eigen_procedure"].startswith("Eerst een gesprek")


def test_an_own_design_procedure_is_refused_for_other_services(sociaal, medewerker):
    sociaal.dienst_soort = c.DienstSoort.OVERIG
    sociaal.save()
    with pytest.raises(DomainError, match="alleen bij sociale en andere specifieke diensten"):
        sectie_opslaan(
            actor=medewerker,
            traject=sociaal,
            sectie="vorm",
            wijzigingen={"procedure": c.Procedure.EIGEN, "eigen_procedure": "Zo."},
        )


# --- rule 17: the law cannot be explained away ----------------------------------------------


def test_an_eu_procedure_below_its_minimum_bid_term_is_law_without_an_explain_button(
    client, concept, medewerker
):
    concept.procedure = c.Procedure.DIALOOG
    concept.inschrijving_sluit = NU + timedelta(days=20)
    concept.save()
    termijn = per_code(concept)["termijn"]
    assert termijn.niveau == FOUT and termijn.wet and not termijn.vraagt_toelichting
    with pytest.raises(DomainError):
        toelichting_geven(actor=medewerker, traject=concept, code="termijn", tekst="Haast")
    # An explanation stored before cannot clear it either.
    Toelichting.objects.create(traject=concept, code="termijn", tekst="Haast", door=medewerker)
    assert "termijn" in {b.code for b in open_bevindingen(concept)}
    client.force_login(medewerker)
    response = client.get(reverse("trajecten:beheer", args=[concept.pk]))
    html = response.content.decode()
    assert "Dit is de wet" in html and "richtlijn 2014/24/EU art. 27-30".lower() in html.lower()
    item = next(i for i in response.context["bevindingen"] if i["bevinding"].code == "termijn")
    assert item["form"] is None


def test_a_national_minimum_bid_term_stays_comply_or_explain(concept, medewerker):
    concept.inschrijving_sluit = NU + timedelta(days=10)
    concept.save()
    termijn = per_code(concept)["termijn"]
    assert not termijn.wet and termijn.vraagt_toelichting


@pytest.mark.parametrize(
    ("procedure", "bedrag", "risico", "wet"),
    [
        (c.Procedure.OPENBAAR, "250000", "", True),  # above twice the value, no reason
        (c.Procedure.OPENBAAR, "250000", "Grote voorfinanciering nodig.", False),
        (c.Procedure.NATIONAAL, "250000", "", False),  # not an EU procedure
        (c.Procedure.NATIONAAL, "310000", "Grote voorfinanciering nodig.", True),  # > 300%
    ],
)
def test_a_turnover_requirement_above_the_legal_limits_is_law(
    gemeente, procedure, bedrag, risico, wet
):
    traject = TrajectFactory(
        gemeente=gemeente,
        vorm=c.Vorm.AANBESTEDING,
        procedure=procedure,
        budget=Decimal("100000"),
        dienst_soort=c.DienstSoort.SOCIAAL,
    )
    eis = EisFactory(traject=traject, soort=c.EisSoort.OMZET, bedrag=Decimal(bedrag), risico=risico)
    bevinding = per_code(traject)[f"omzet:{eis.pk}"]
    assert bool(bevinding.wet) is wet
    assert bevinding.vraagt_toelichting is not wet
    if wet and procedure == c.Procedure.OPENBAAR:
        assert "art. 58 lid 3" in bevinding.wet


def test_anbi_status_is_law_on_the_procurement_route_and_guidance_on_the_subsidy_route(
    gemeente,
):
    aanbesteding = TrajectFactory(gemeente=gemeente, vorm=c.Vorm.AANBESTEDING)
    eis = EisFactory(traject=aanbesteding, soort=c.EisSoort.ANBI)
    bevinding = per_code(aanbesteding)[f"anbi:{eis.pk}"]
    assert bevinding.niveau == FOUT and "art. 58" in bevinding.wet
    assert "ANBI-status is een fiscale status" in bevinding.reden
    subsidie = TrajectFactory(gemeente=gemeente, vorm=c.Vorm.SUBSIDIE)
    eis = EisFactory(traject=subsidie, soort=c.EisSoort.ANBI)
    assert per_code(subsidie)[f"anbi:{eis.pk}"].vraagt_toelichting


# --- rule 18: the nota's minimum is named truly ---------------------------------------------


def test_the_nota_rule_is_labelled_as_the_municipality_s_own_rule():
    veld = GemeenteFactory._meta.model._meta.get_field("nvi_minimum_dagen_eu")
    assert str(veld.verbose_name).startswith("regel van de gemeente")
    assert "Het wettelijk minimum bij Europese procedures is 6 dagen" in str(veld.help_text)


def test_the_nota_rule_is_checked_against_the_second_stage_deadline(gemeente):
    traject = TrajectFactory(
        gemeente=gemeente,
        procedure=c.Procedure.NATIONAAL,
        inschrijving_sluit=_over(10),
        uitwerking_sluit=_over(40),
    )
    # Before the outline deadline: measured against it (6 days for national procedures).
    assert dialoog_selectors.nota_uiterlijk_op(traject) == _over(4)
    # After it: measured against the deadline for elaborated bids, not "always late".
    na = _over(20)
    assert dialoog_selectors.nota_uiterlijk_op(traject, op=na) == _over(34)
    assert dialoog_selectors.nota_te_laat(traject, op=na) is False
    assert dialoog_selectors.nota_te_laat(traject, op=_over(35)) is True


def test_an_invited_bidder_still_asks_questions_after_the_question_deadline(
    gemeente, burger, monkeypatch
):
    traject = TrajectFactory(
        gemeente=gemeente,
        gepubliceerd=True,
        actieve_fase=c.Fase.C,
        procedure=c.Procedure.NATIONAAL,
        vragen_sluit=NU - timedelta(days=20),
        inschrijving_sluit=NU - timedelta(days=10),
        uitwerking_sluit=_over(30),
    )
    monkeypatch.setattr(extensions, "UITGENODIGDE_BRONNEN", [])
    assert not permissions.vragen_open(traject, user=burger)
    with pytest.raises(DomainError):
        vraag_stellen(actor=burger, traject=traject, tekst="Mag de uitwerking langer zijn?")
    monkeypatch.setattr(
        extensions, "UITGENODIGDE_BRONNEN", [lambda t, u: t == traject and u == burger]
    )
    vraag = vraag_stellen(actor=burger, traject=traject, tekst="Mag de uitwerking langer zijn?")
    assert vraag.pk
    # Until the municipal rule before the deadline for elaborated bids (6 days, national).
    with time_machine.travel(_over(24) + timedelta(seconds=1), tick=False):
        assert not permissions.vragen_open(traject, user=burger)


# --- rule 19: only deadlines are hard --------------------------------------------------------


@pytest.fixture
def gepubliceerd(gemeente, medewerker):
    return TrajectFactory(
        gemeente=gemeente, aangemaakt_door=medewerker, volledig=True, gepubliceerd=True
    )


@pytest.mark.parametrize("veld", Traject.PLANNINGSDATA)
def test_a_passed_planning_date_moves_through_a_correction(gepubliceerd, medewerker, veld):
    voorbij = getattr(gepubliceerd, veld) + timedelta(hours=1)
    with time_machine.travel(voorbij, tick=False):
        gepubliceerd.actieve_fase = c.Fase.D  # no correction of the rules of the game any more
        gepubliceerd.save()
        later = getattr(gepubliceerd, veld) + timedelta(days=7)
        sectie_opslaan(
            actor=medewerker,
            traject=gepubliceerd,
            sectie="planning",
            wijzigingen={veld: later},
            reden="De planning schuift op.",
        )
    gepubliceerd.refresh_from_db()
    assert getattr(gepubliceerd, veld) == later
    assert [w["veld"] for w in Rectificatie.objects.get().wijzigingen] == [veld]


def test_a_passed_deadline_still_cannot_move(gepubliceerd, medewerker):
    with time_machine.travel(gepubliceerd.inschrijving_sluit + timedelta(hours=1), tick=False):
        with pytest.raises(DomainError, match="voorbij"):
            sectie_opslaan(
                actor=medewerker,
                traject=gepubliceerd,
                sectie="planning",
                wijzigingen={"inschrijving_sluit": gepubliceerd.inschrijving_sluit + timedelta(1)},
                reden="Later",
            )


def test_the_planning_page_keeps_passed_planning_dates_editable(client, gepubliceerd, medewerker):
    with time_machine.travel(gepubliceerd.beoordeling_op + timedelta(hours=1), tick=False):
        client.force_login(medewerker)
        response = client.get(reverse("trajecten:sectie", args=[gepubliceerd.pk, "planning"]))
    form = response.context["onderdelen"][0][1]
    assert form.fields["inschrijving_sluit"].disabled
    assert not form.fields["beoordeling_op"].disabled
    assert b'id="planning-verschuifbaar"' in response.content
