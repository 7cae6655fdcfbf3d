"""Issue 13, rule 8: price by formula, not by opinion.

A price criterion is not scored by members or the consensus; every bid states its price
per lot; the platform computes "lowest price / this price × weight" and shows the working;
a bid above the lot's budget cap is invalid and not ranked (unless the call says "no cap").
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from aanbesteden.exceptions import DomainError
from aanbesteden.invoer import bedrag_uit
from beoordeling.constants import Ronde
from beoordeling.forms.bieden import PrijsForm
from beoordeling.models import BodVersie, ConsensusOverleg, Score
from beoordeling.selectors import consensus as consensus_sel
from beoordeling.selectors import prijs as prijs_sel
from beoordeling.services import bieden as bieden_services
from beoordeling.services import commissie as cs
from beoordeling.services import consensus as s
from beoordeling.services import gunning as gunning_services
from beoordeling.tests.factories import (
    INHOUD,
    BodFactory,
    CommissielidFactory,
    KluisOpeningFactory,
    alles_verklaard,
    verklaren,
)
from beoordeling.tests.test_commissie_services import Wereld
from coalities.tests.factories import LidmaatschapFactory
from trajecten import inhoud
from trajecten.constants import Gunningswijze
from trajecten.tests.factories import CriteriumFactory, PerceelFactory, TrajectFactory

pytestmark = pytest.mark.django_db


def met_prijs(bod, prijs):
    """Give a submitted bid a price in its draft and its submitted version."""
    bod.concept = {**bod.concept, "prijs": prijs}
    bod.save(update_fields=["concept"])
    BodVersie.objects.filter(bod=bod).update(inhoud=dict(bod.concept))
    return bod


def prijswereld(gemeente, medewerker, prijzen=("40000.00", "50000.00", "52000.00"), **traject):
    """A weighted call with price: quality (1..10, weight 70) and price (weight 30); one lot
    with a budget cap of € 50.000; one submitted bid per price; the vault opened."""
    traject = TrajectFactory(
        gemeente=gemeente,
        gepubliceerd=True,
        aangemaakt_door=medewerker,
        gunningswijze=Gunningswijze.GEWOGEN_MET_PRIJS,
        **traject,
    )
    perceel = PerceelFactory(traject=traject, budget=Decimal("50000"))
    criteria = [
        CriteriumFactory(traject=traject, naam="Maatschappelijke waarde", weging=70),
        CriteriumFactory(traject=traject, naam="Prijs", weging=30, is_prijs=True),
    ]
    bids = [met_prijs(BodFactory(perceel=perceel, ingediend=True), p) for p in prijzen]
    KluisOpeningFactory(traject=traject, geopend=True)
    alles_verklaard(medewerker, traject)  # issue 13, rule 5: officers declare too
    leden = [CommissielidFactory(traject=traject) for _ in range(2)]
    return Wereld(traject, perceel, criteria, bids, leden, medewerker)


def consensus_op_kwaliteit(w, waarde=10):
    kwaliteit = w.criteria[0]
    s.consensusoverleg_plannen(
        actor=w.medewerker,
        traject=w.traject,
        ronde=Ronde.HOOFDLIJNEN,
        gepland_op=timezone.now() + timedelta(days=7),
        locatie="Wijkcentrum",
        ontvangen_op=timezone.now(),
    )
    for bod in w.biedingen:
        s.consensus_score_vastleggen(
            actor=w.medewerker, bod=bod, criterium=kwaliteit, waarde=waarde, motivatie="Sterk."
        )
        s.consensus_oordeel_vastleggen(actor=w.medewerker, bod=bod, oordeel="Een sterk plan.")


def test_price_points_follow_the_published_formula_and_show_the_working(gemeente, medewerker):
    """Quality 10 of 10 for both: 70 points. Price: A 40.000 / 40.000 × 30 = 30.0;
    B 40.000 / 50.000 × 30 = 24.0. Totals 100.0 and 94.0."""
    w = prijswereld(gemeente, medewerker, prijzen=("40000.00", "50000.00"))
    consensus_op_kwaliteit(w)
    a, b = w.biedingen
    regels = consensus_sel.rangorde(w.traject, Ronde.HOOFDLIJNEN)[w.perceel.pk]
    assert [(r.bod, r.rang, r.totaal) for r in regels] == [
        (a, 1, Decimal("100.0")),
        (b, 2, Decimal("94.0")),
    ]
    assert regels[1].prijs.punten == Decimal("24.0")
    assert regels[1].prijs.werking == (
        "laagste prijs € 40.000,00 / deze prijs € 50.000,00 × 30 = 24,0 punten"
    )


def test_a_bid_above_the_budget_cap_of_its_lot_is_invalid_and_not_ranked(gemeente, medewerker):
    w = prijswereld(gemeente, medewerker)
    consensus_op_kwaliteit(w)
    a, b, c = w.biedingen
    regels = {r.bod: r for r in consensus_sel.rangorde(w.traject, Ronde.HOOFDLIJNEN)[w.perceel.pk]}
    assert regels[c].rang is None and regels[c].totaal is None
    assert regels[c].ongeldig == (
        "De prijs € 52.000,00 ligt boven het budgetplafond van € 50.000,00 voor dit perceel."
    )
    # The lowest price is the lowest of the VALID bids; the invalid one does not count.
    assert (regels[a].rang, regels[b].rang) == (1, 2)
    assert regels[a].prijs.laagste == Decimal("40000.00")


def test_without_a_budget_cap_a_high_price_is_valid(gemeente, medewerker):
    w = prijswereld(gemeente, medewerker, geen_budgetplafond=True, budget=None)
    consensus_op_kwaliteit(w)
    regels = consensus_sel.rangorde(w.traject, Ronde.HOOFDLIJNEN)[w.perceel.pk]
    assert [r.rang for r in regels] == [1, 2, 3]
    assert not any(r.ongeldig for r in regels)


def test_the_lots_own_budget_is_the_cap_before_the_trajectorys(gemeente, medewerker):
    traject = TrajectFactory(gemeente=gemeente, budget=Decimal("90000"))
    eigen = PerceelFactory(traject=traject, budget=Decimal("50000"))
    zonder = PerceelFactory(traject=traject, budget=None)
    assert prijs_sel.plafond_van(traject, eigen) == Decimal("50000")
    assert prijs_sel.plafond_van(traject, zonder) == Decimal("90000")


def test_a_member_cannot_score_the_price_criterion_and_submits_without_it(gemeente, medewerker):
    w = prijswereld(gemeente, medewerker, prijzen=("40000.00",))
    lid, (bod,) = w.leden[0], w.biedingen
    kwaliteit, prijs = w.criteria
    verklaren(actor=lid.user, bod=bod)
    with pytest.raises(DomainError, match="platform berekent"):
        cs.score_opslaan(actor=lid.user, bod=bod, criterium=prijs, waarde=8, motivatie="Duur.")
    assert not Score.objects.filter(criterium=prijs).exists()
    cs.score_opslaan(actor=lid.user, bod=bod, criterium=kwaliteit, waarde=8, motivatie="Goed.")
    beoordeling = cs.beoordeling_indienen(actor=lid.user, bod=bod)
    assert beoordeling.ingediend_op is not None


def test_the_consensus_cannot_score_the_price_criterion(gemeente, medewerker):
    w = prijswereld(gemeente, medewerker, prijzen=("40000.00",))
    consensus_op_kwaliteit(w)
    with pytest.raises(DomainError, match="platform berekent"):
        s.consensus_score_vastleggen(
            actor=medewerker, bod=w.biedingen[0], criterium=w.criteria[1], waarde=9, motivatie="."
        )
    # Quality and the judgement are enough: the price comes from the formula.
    assert consensus_sel.rangorde(w.traject, Ronde.HOOFDLIJNEN)[w.perceel.pk][0].compleet


def test_a_bid_states_its_price_when_the_call_has_a_price_criterion(gemeente, medewerker):
    w = prijswereld(gemeente, medewerker, prijzen=())
    bod = BodFactory(perceel=w.perceel, concept=dict(INHOUD))
    stappen = bieden_services.stappen_voor(w.traject, w.perceel, bod.ronde)
    assert "prijs" in [stap.slug for stap in stappen]
    ontbreekt = bieden_services.ontbrekende_stappen(stappen, bod.concept, [bod.organisatie])
    assert [stap.slug for stap in ontbreekt] == ["prijs"]
    zonder = TrajectFactory(gemeente=gemeente, gunningswijze=Gunningswijze.GEWOGEN_ZONDER_PRIJS)
    perceel = PerceelFactory(traject=zonder)
    for ronde in Ronde:
        stappen = bieden_services.stappen_voor(zonder, perceel, ronde)
        assert "prijs" not in [s.slug for s in stappen]


@pytest.mark.parametrize(
    "tekst,bedrag",
    [
        ("45.000", "45000.00"),
        ("45.000,50", "45000.50"),
        ("45000", "45000.00"),
        ("€ 45.000,-", "45000.00"),
        ("1.234.567,89", "1234567.89"),
        ("45000.5", "45000.50"),
    ],
)
def test_dutch_amounts_are_read_as_dutch_people_write_them(tekst, bedrag):
    assert bedrag_uit(tekst) == Decimal(bedrag)
    form = PrijsForm({"prijs": tekst})
    assert form.is_valid(), form.errors
    assert form.gegevens() == {"prijs": bedrag}


@pytest.mark.parametrize("tekst", ["45.00.0", "1.2345", "veel", "-5", "0"])
def test_a_price_that_is_no_amount_is_refused_in_dutch(tekst):
    form = PrijsForm({"prijs": tekst})
    assert not form.is_valid()
    assert "prijs" in form.errors


def test_the_call_publishes_the_price_formula_and_says_whether_there_is_a_cap(gemeente):
    traject = TrajectFactory(gemeente=gemeente, gunningswijze=Gunningswijze.GEWOGEN_MET_PRIJS)
    CriteriumFactory(traject=traject, naam="Prijs", weging=30, is_prijs=True)
    tekst = inhoud.snapshot(traject)["gunning"]["prijsformule"]
    assert tekst.startswith("Laagste prijs / deze prijs × weging.")
    assert "boven het budgetplafond" in tekst
    zonder = TrajectFactory(gemeente=gemeente, gunningswijze=Gunningswijze.GEWOGEN_ZONDER_PRIJS)
    assert inhoud.snapshot(zonder)["gunning"]["prijsformule"] == ""


# --- the pages ----------------------------------------------------------------------------


def test_the_consensus_page_shows_the_price_points_with_the_working_and_the_invalid_bid(
    client, gemeente, medewerker
):
    w = prijswereld(gemeente, medewerker)
    consensus_op_kwaliteit(w)
    a, b, c = w.biedingen
    client.force_login(medewerker)
    url = reverse("beoordeling:consensus_ronde", args=[w.traject.pk, Ronde.HOOFDLIJNEN.value])
    tekst = client.get(url).content.decode()
    assert "laagste prijs € 40.000,00 / deze prijs € 50.000,00 × 30 = 24,0 punten" in tekst
    assert (
        "De prijs € 52.000,00 ligt boven het budgetplafond van € 50.000,00 voor dit perceel."
        in tekst
    )
    rangorde = tekst[tekst.index(f'data-rangorde="{w.perceel.pk}"') :]
    assert f'data-bod="{c.pk}" data-rang=""' in rangorde
    assert "ongeldig, geen plaats in de rangorde" in rangorde
    # The consensus form of one bid has no field for the price criterion.
    tekst = client.get(reverse("beoordeling:consensus_bod", args=[a.pk])).content.decode()
    assert f'name="c{w.criteria[1].pk}-waarde"' not in tekst
    assert f'name="c{w.criteria[0].pk}-waarde"' in tekst
    assert "24,0 punten" not in tekst and "30,0 punten" in tekst


def test_the_scoring_page_has_no_score_for_price_and_says_why(client, gemeente, medewerker):
    w = prijswereld(gemeente, medewerker, prijzen=("40000.00",))
    lid, (bod,) = w.leden[0], w.biedingen
    verklaren(actor=lid.user, bod=bod)
    client.force_login(lid.user)
    tekst = client.get(reverse("beoordeling:scoren", args=[bod.pk])).content.decode()
    assert f'name="c{w.criteria[1].pk}-waarde"' not in tekst
    assert f'name="c{w.criteria[0].pk}-waarde"' in tekst
    assert "u geeft geen cijfer voor de prijs" in tekst


def test_the_bid_form_has_a_price_step_that_reads_dutch_amounts(client, gemeente, medewerker):
    w = prijswereld(gemeente, medewerker, prijzen=())
    bod = BodFactory(perceel=w.perceel, concept=dict(INHOUD))
    bieder = LidmaatschapFactory(organisatie=bod.organisatie, beheerder=True).user
    client.force_login(bieder)
    url = reverse("beoordeling:bod_stap", args=[bod.pk, "prijs"])
    tekst = client.get(url).content.decode()
    assert "Uw prijs voor dit perceel (euro)" in tekst
    assert "Het budgetplafond van dit perceel is € 50.000,00" in tekst
    client.post(url, {"prijs": "45.000,50", "na": "blijven"})
    bod.refresh_from_db()
    assert bod.concept["prijs"] == "45000.50"
    assert 'value="45.000,50"' in client.get(url).content.decode()
    antwoord = client.post(url, {"prijs": "veel", "na": "blijven"})
    assert "Vul een bedrag in euro in" in antwoord.content.decode()


def test_the_committee_reads_the_price_as_a_dutch_amount(client, gemeente, medewerker):
    w = prijswereld(gemeente, medewerker, prijzen=("45000.50",))
    lid, (bod,) = w.leden[0], w.biedingen
    verklaren(actor=lid.user, bod=bod)
    client.force_login(lid.user)
    tekst = client.get(reverse("beoordeling:scoren", args=[bod.pk])).content.decode()
    assert "€ 45.000,50" in tekst and "45000.50" not in tekst


def test_a_bid_above_the_budget_cap_cannot_win_the_award(client, gemeente, medewerker):
    """The award refuses an invalid bid as winner, and the award page does not offer it but
    says why (issue 13, rule 8)."""
    w = prijswereld(gemeente, medewerker)
    consensus_op_kwaliteit(w)
    ConsensusOverleg.objects.filter(traject=w.traject).update(
        vastgesteld_op=timezone.now(), vastgesteld_door=medewerker
    )
    a, _b, c = w.biedingen
    with pytest.raises(DomainError, match="Dit bod kan de opdracht niet krijgen: De prijs"):
        gunning_services.gunning_besluiten(
            actor=medewerker, perceel=w.perceel, winnend_bod=c, motivatie="M.", kenmerken="K."
        )
    client.force_login(medewerker)
    pagina = client.get(reverse("beoordeling:gunning", args=[w.traject.pk])).content.decode()
    assert f'data-ongeldig="{c.pk}"' in pagina
    assert f'name="besluit-{w.perceel.pk}-winnend_bod" value="{c.pk}"' not in pagina
    assert f'name="besluit-{w.perceel.pk}-winnend_bod" value="{a.pk}"' in pagina
    gunning = gunning_services.gunning_besluiten(
        actor=medewerker, perceel=w.perceel, winnend_bod=a, motivatie="M.", kenmerken="K."
    )
    assert gunning.winnend_bod == a
