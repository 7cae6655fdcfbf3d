"""Issue 14, points 2 and 9 (set-up side): the residents' mandate as a section of the call,
and the development fee set with the second stage. Services, the completeness check per
route, the call's snapshot and PDF, a correction, the section page for each role, and the
public trajectory page."""

import io
from datetime import timedelta
from decimal import Decimal

import pypdf
import pytest
import time_machine
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from aanbesteden.constants import DocumentStatus
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.tests.factories import MedewerkerFactory
from beoordeling.tests.factories import CommissielidFactory
from coalities.tests.factories import LidmaatschapFactory
from tests.helpers import LOGIN, response_status
from trajecten import constants as c
from trajecten import inhoud
from trajecten import permissions as p
from trajecten.constants import UitvraagAanleiding
from trajecten.models import Rectificatie
from trajecten.selectors.opstellen import bewoners_ontbrekend, secties_status
from trajecten.services import publicatie
from trajecten.services.opstellen import sectie_opslaan
from trajecten.tests.factories import TrajectFactory, WijkFactory

pytestmark = pytest.mark.django_db

NU = timezone.make_aware(timezone.datetime(2026, 3, 2, 10, 0))
SAMENSTELLING = "Vijf bewoners van Woensel-Noord, geloot uit de aanmeldingen, en één ambtenaar."
AFWIJKEN = "Het college legt in de raad uit waarom en de commissie mag eerst reageren."


@pytest.fixture(autouse=True)
def _vaste_tijd():
    with time_machine.travel(NU, tick=False):
        yield


def _over(dagen):
    return timezone.localtime(NU + timedelta(days=dagen)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )


@pytest.fixture
def concept(gemeente, medewerker):
    return TrajectFactory(gemeente=gemeente, aangemaakt_door=medewerker)


@pytest.fixture
def twee_rondes(gemeente, medewerker):
    traject = TrajectFactory(
        gemeente=gemeente,
        aangemaakt_door=medewerker,
        volledig=True,
        titel="Buurthuis De Boomgaard",
        commissie_samenstelling=SAMENSTELLING,
        commissie_mandaat=c.CommissieMandaat.BESLIST,
        afwijken_van_advies="",
        ontwikkelvergoeding=Decimal("2500.00"),
    )
    traject.wijken.add(WijkFactory(gemeente=gemeente, naam="Woensel-Noord"))
    return traject


def _bewoners(actor, traject, **velden):
    return sectie_opslaan(actor=actor, traject=traject, sectie="bewoners", wijzigingen=velden)


# --- the residents' mandate: services --------------------------------------------------------


def test_the_mandate_is_saved_and_makes_its_section_complete(concept, medewerker):
    assert "bewoners" in {s.slug for s in secties_status(concept)}
    assert len(bewoners_ontbrekend(concept)) == 2
    wijzigingen = _bewoners(
        medewerker,
        concept,
        commissie_samenstelling=f"  {SAMENSTELLING} ",
        commissie_mandaat=c.CommissieMandaat.ADVISEERT,
        afwijken_van_advies=AFWIJKEN,
    )
    concept.refresh_from_db()
    assert concept.commissie_samenstelling == SAMENSTELLING
    assert concept.commissie_mandaat == c.CommissieMandaat.ADVISEERT
    assert {w["veld"] for w in wijzigingen} == {
        "commissie_samenstelling",
        "commissie_mandaat",
        "mandaat_uitleg",
        "afwijken_van_advies",
    }
    assert bewoners_ontbrekend(concept) == []


def test_an_advising_committee_needs_what_happens_when_the_college_departs(concept, medewerker):
    with pytest.raises(DomainError) as fout:
        _bewoners(
            medewerker,
            concept,
            commissie_samenstelling=SAMENSTELLING,
            commissie_mandaat=c.CommissieMandaat.ADVISEERT,
            afwijken_van_advies="   ",
        )
    assert fout.value.veld == "afwijken_van_advies"
    concept.refresh_from_db()
    assert concept.commissie_mandaat == ""
    # A deciding committee needs no such text: the call explains what deciding means.
    _bewoners(
        medewerker,
        concept,
        commissie_samenstelling=SAMENSTELLING,
        commissie_mandaat=c.CommissieMandaat.BESLIST,
    )
    concept.refresh_from_db()
    assert concept.commissie_mandaat == c.CommissieMandaat.BESLIST
    assert bewoners_ontbrekend(concept) == []


def test_an_unknown_mandate_is_refused(concept, medewerker):
    with pytest.raises(DomainError):
        _bewoners(medewerker, concept, commissie_mandaat="stemt")


def test_only_medewerkers_of_the_gemeente_set_the_mandate(concept, andere_gemeente, burger):
    for user in (burger, MedewerkerFactory(gemeente=andere_gemeente).user):
        with pytest.raises(NotAllowed):
            _bewoners(user, concept, commissie_samenstelling=SAMENSTELLING)


@pytest.mark.parametrize("vorm", [c.Vorm.CONVENANT, c.Vorm.BURGERAANBESTEDING])
def test_a_route_without_a_committee_neither_asks_nor_takes_the_mandate(gemeente, medewerker, vorm):
    traject = TrajectFactory(gemeente=gemeente, aangemaakt_door=medewerker, vorm=vorm)
    assert "bewoners" not in {s.slug for s in secties_status(traject)}
    assert bewoners_ontbrekend(traject) == []
    with pytest.raises(DomainError) as fout:
        _bewoners(medewerker, traject, commissie_samenstelling=SAMENSTELLING)
    # The route registry refuses the section first (issue 14: sections per route).
    assert "hoort niet bij de route" in str(fout.value)
    assert inhoud.snapshot(traject)["bewoners"]["commissie_samenstelling"] == ""


def test_the_subsidy_route_has_a_committee_and_asks_the_mandate(gemeente, medewerker):
    traject = TrajectFactory(gemeente=gemeente, aangemaakt_door=medewerker, vorm=c.Vorm.SUBSIDIE)
    assert len(bewoners_ontbrekend(traject)) == 2


# --- the development fee: services -------------------------------------------------------------


def _planning(actor, traject, **velden):
    return sectie_opslaan(actor=actor, traject=traject, sectie="planning", wijzigingen=velden)


def test_a_fee_without_a_second_stage_is_refused_with_a_clear_message(concept, medewerker):
    assert concept.uitwerking_sluit is None
    with pytest.raises(DomainError) as fout:
        _planning(medewerker, concept, ontwikkelvergoeding=Decimal("2000"))
    assert fout.value.veld == "ontwikkelvergoeding"
    assert "alleen mogelijk met twee rondes" in str(fout.value)
    concept.refresh_from_db()
    assert concept.ontwikkelvergoeding is None


def test_a_fee_with_a_second_stage_is_saved_and_cannot_lose_its_stage(concept, medewerker):
    _planning(
        medewerker,
        concept,
        inschrijving_sluit=_over(30),
        uitwerking_sluit=_over(60),
        ontwikkelvergoeding=Decimal("2000"),
    )
    concept.refresh_from_db()
    assert concept.ontwikkelvergoeding == Decimal("2000.00")
    with pytest.raises(DomainError) as fout:
        _planning(medewerker, concept, uitwerking_sluit=None)
    assert fout.value.veld == "ontwikkelvergoeding"
    _planning(medewerker, concept, uitwerking_sluit=None, ontwikkelvergoeding=None)
    concept.refresh_from_db()
    assert (concept.uitwerking_sluit, concept.ontwikkelvergoeding) == (None, None)


@pytest.mark.parametrize("bedrag", [Decimal("0"), Decimal("-5")])
def test_a_fee_of_nothing_or_less_is_refused(concept, medewerker, bedrag):
    with pytest.raises(DomainError):
        _planning(
            medewerker,
            concept,
            uitwerking_sluit=_over(60),
            ontwikkelvergoeding=bedrag,
        )


def test_a_fee_on_a_route_without_bids_is_refused(gemeente, medewerker):
    traject = TrajectFactory(gemeente=gemeente, aangemaakt_door=medewerker, vorm=c.Vorm.CONVENANT)
    with pytest.raises(DomainError) as fout:
        _planning(
            medewerker, traject, uitwerking_sluit=_over(60), ontwikkelvergoeding=Decimal("500")
        )
    assert fout.value.veld == "ontwikkelvergoeding"


# --- the call --------------------------------------------------------------------------------


def test_the_snapshot_prints_the_mandate_and_the_fee(twee_rondes):
    snapshot = inhoud.snapshot(twee_rondes)
    assert snapshot["bewoners"]["commissie_samenstelling"] == SAMENSTELLING
    assert snapshot["bewoners"]["commissie_mandaat"] == "De commissie beslist"
    assert "college" in snapshot["bewoners"]["mandaat_uitleg"]
    assert snapshot["ontwikkelvergoeding"]["ontwikkelvergoeding"] == "€ 2.500,00"
    assert "ingediend" in snapshot["ontwikkelvergoeding"]["voorwaarde"]


def _pdf_tekst(document):
    document.refresh_from_db()
    assert document.status == DocumentStatus.KLAAR, document.fout
    reader = pypdf.PdfReader(io.BytesIO(document.bestand.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_call_pdf_shows_the_mandate_and_the_fee(
    medewerker, twee_rondes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        versie = publicatie.uitvraag_aanvragen(
            actor=medewerker,
            traject=twee_rondes,
            aanleiding=UitvraagAanleiding.CONCEPT,
            openbaar=False,
        )
    tekst = _pdf_tekst(versie.document)
    assert "De rol van bewoners" in tekst
    assert SAMENSTELLING in tekst
    assert "De commissie beslist" in tekst
    assert "het formele besluit" in tekst
    assert "Ontwikkelvergoeding" in tekst
    assert "€ 2.500,00" in tekst
    assert "nadat het uitgewerkte plan" in tekst


def test_a_call_without_a_fee_or_committee_prints_neither(
    medewerker, gemeente, django_capture_on_commit_callbacks
):
    traject = TrajectFactory(
        gemeente=gemeente,
        aangemaakt_door=medewerker,
        volledig=True,
        vorm=c.Vorm.CONVENANT,
        procedure="",
    )
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        versie = publicatie.uitvraag_aanvragen(
            actor=medewerker,
            traject=traject,
            aanleiding=UitvraagAanleiding.CONCEPT,
            openbaar=False,
        )
    tekst = _pdf_tekst(versie.document)
    assert "De rol van bewoners" not in tekst
    assert "Ontwikkelvergoeding" not in tekst


def test_a_correction_lists_the_changed_mandate(gemeente, medewerker):
    traject = TrajectFactory(
        gemeente=gemeente, aangemaakt_door=medewerker, volledig=True, gepubliceerd=True
    )
    sectie_opslaan(
        actor=medewerker,
        traject=traject,
        sectie="bewoners",
        wijzigingen={"commissie_mandaat": c.CommissieMandaat.BESLIST},
        reden="De raad wil dat de bewoners kiezen.",
    )
    rectificatie = Rectificatie.objects.get(traject=traject)
    velden = {w["veld"]: w for w in rectificatie.wijzigingen}
    assert velden["commissie_mandaat"]["oud"] == "De commissie adviseert"
    assert velden["commissie_mandaat"]["nieuw"] == "De commissie beslist"
    assert "mandaat_uitleg" in velden


# --- pages -----------------------------------------------------------------------------------


def sectie_url(traject, sectie="bewoners"):
    return reverse("trajecten:sectie", args=[traject.pk, sectie])


def test_the_mandate_section_for_each_role(client, concept, medewerker, andere_gemeente, burger):
    rollen = {
        "anoniem": None,
        "burger": burger,
        "organisatie": LidmaatschapFactory(beheerder=True).user,
        "commissielid": CommissielidFactory(traject=concept).user,
        "medewerker": medewerker,
        "medewerker_andere_gemeente": MedewerkerFactory(gemeente=andere_gemeente).user,
    }
    gekregen = {}
    for rol, user in rollen.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        gekregen[rol] = response_status(client.get(sectie_url(concept)))
    assert gekregen == {
        "anoniem": LOGIN,
        "burger": 404,
        "organisatie": 404,
        "commissielid": 404,
        "medewerker": 200,
        "medewerker_andere_gemeente": 404,
    }


def test_the_medewerker_fills_in_the_mandate_through_the_page(client, concept, medewerker):
    client.force_login(medewerker)
    pagina = client.get(sectie_url(concept)).content.decode()
    assert "Wat adviseren en beslissen betekenen" in pagina
    response = client.post(
        sectie_url(concept),
        {
            "commissie_samenstelling": SAMENSTELLING,
            "commissie_mandaat": "adviseert",
            "afwijken_van_advies": "",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nog niet bewaard" in html
    assert "utrecht-form-field-error-message" in html
    concept.refresh_from_db()
    assert concept.commissie_samenstelling == ""
    response = client.post(
        sectie_url(concept),
        {
            "commissie_samenstelling": SAMENSTELLING,
            "commissie_mandaat": "adviseert",
            "afwijken_van_advies": AFWIJKEN,
        },
    )
    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.afwijken_van_advies == AFWIJKEN


def test_the_fee_on_the_planning_page_refused_on_its_field(client, concept, medewerker):
    client.force_login(medewerker)
    response = client.post(
        sectie_url(concept, "planning"),
        {
            "inschrijving_sluit": _over(30).strftime("%Y-%m-%dT%H:%M"),
            "ontwikkelvergoeding": "2500",
        },
    )
    assert response.status_code == 200
    assert "alleen mogelijk met twee rondes" in response.content.decode()
    concept.refresh_from_db()
    assert concept.ontwikkelvergoeding is None


def test_a_route_without_a_committee_has_no_mandate_page(client, gemeente, medewerker):
    traject = TrajectFactory(
        gemeente=gemeente, aangemaakt_door=medewerker, vorm=c.Vorm.BURGERAANBESTEDING
    )
    client.force_login(medewerker)
    assert client.get(sectie_url(traject)).status_code == 404
    beheer = client.get(reverse("trajecten:beheer", args=[traject.pk])).content.decode()
    assert sectie_url(traject) not in beheer


def test_the_mandate_section_has_a_fixed_number_of_queries(
    client, gemeente, count_queries, twee_rondes
):
    gemeten = []
    for aantal in (5, 50):
        medewerker = MedewerkerFactory(gemeente=gemeente).user
        traject = TrajectFactory(gemeente=gemeente, aangemaakt_door=medewerker, volledig=True)
        for _index in range(aantal):
            MedewerkerFactory(gemeente=gemeente)
            traject.wijken.add(WijkFactory(gemeente=gemeente))
        client.force_login(medewerker)
        assert client.get(sectie_url(traject)).status_code == 200
        gemeten.append(count_queries(lambda t=traject: client.get(sectie_url(t))))
    # the same as every section page (see test_opstellen_pages::test_number_of_queries)
    # 16: with the outline questions of the call (issue 14, point 4).
    assert gemeten == [16, 16]


def test_the_trajectory_page_shows_the_mandate_and_the_fee_in_plain_words(client, twee_rondes):
    twee_rondes.status = c.TrajectStatus.GEPUBLICEERD
    twee_rondes.gepubliceerd_op = timezone.now()
    twee_rondes.save()
    html = client.get(reverse("trajecten:detail", args=[twee_rondes.pk])).content.decode()
    assert "De rol van bewoners in de keuze" in html
    assert SAMENSTELLING in html
    assert "De commissie beslist." in html
    assert "belooft" in html or "verplicht" in html
    assert "Ontwikkelvergoeding" in html
    assert "€ 2.500,00" in html


def test_the_trajectory_page_of_a_covenant_shows_no_mandate(client, gemeente, medewerker):
    traject = TrajectFactory(
        gemeente=gemeente,
        aangemaakt_door=medewerker,
        gepubliceerd=True,
        vorm=c.Vorm.CONVENANT,
        commissie_samenstelling=SAMENSTELLING,
    )
    html = client.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
    assert SAMENSTELLING not in html
    assert "De rol van bewoners in de keuze" not in html


# --- the predicates ----------------------------------------------------------------------------


def test_the_predicates_of_the_mandate_and_the_fee(gemeente, medewerker):
    traject = TrajectFactory(gemeente=gemeente, aangemaakt_door=medewerker)
    assert p.ontwikkelvergoeding_toegestaan(traject)  # no fee: nothing to check
    traject.ontwikkelvergoeding = Decimal("100")
    antwoord = p.ontwikkelvergoeding_toegestaan(traject, veld="ontwikkelvergoeding")
    assert not antwoord and antwoord.veld == "ontwikkelvergoeding"
    traject.uitwerking_sluit = _over(60)
    assert p.ontwikkelvergoeding_toegestaan(traject)
    traject.vorm = c.Vorm.CONVENANT
    assert not p.ontwikkelvergoeding_toegestaan(traject)

    traject.vorm = c.Vorm.AANBESTEDING
    assert p.bewoners_mandaat_toegestaan(traject)
    traject.commissie_mandaat = c.CommissieMandaat.ADVISEERT
    antwoord = p.bewoners_mandaat_toegestaan(traject)
    assert not antwoord and antwoord.veld == "afwijken_van_advies"
    traject.afwijken_van_advies = AFWIJKEN
    assert p.bewoners_mandaat_toegestaan(traject)
    traject.vorm = c.Vorm.BURGERAANBESTEDING
    assert not p.bewoners_mandaat_toegestaan(traject)
