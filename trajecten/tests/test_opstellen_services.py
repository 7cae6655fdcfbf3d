"""Services of setting up a trajectory: sections, corrections after publication, team,
explanations, phases, completeness."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from aanbesteden import weergave
from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent
from aanbesteden.tests.factories import MedewerkerFactory
from trajecten import constants as c
from trajecten.models import (
    Criterium,
    Eis,
    Perceel,
    Rectificatie,
    TeamLid,
    Toelichting,
    Traject,
    Wijk,
)
from trajecten.selectors.opstellen import ontbrekende_onderdelen, secties_status
from trajecten.services.opstellen import (
    fase_wijzigen,
    sectie_opslaan,
    teamlid_toevoegen,
    teamlid_verwijderen,
    toelichting_geven,
    traject_aanmaken,
)
from trajecten.tests.factories import (
    CriteriumFactory,
    EisFactory,
    PerceelFactory,
    TrajectFactory,
    WijkFactory,
)

NU = timezone.make_aware(timezone.datetime(2026, 3, 2, 10, 0))


@pytest.fixture(autouse=True)
def _vaste_tijd():
    with time_machine.travel(NU, tick=False):
        yield


def _over(dagen, uur=12):
    return timezone.localtime(NU + timedelta(days=dagen)).replace(
        hour=uur, minute=0, second=0, microsecond=0
    )


def events(traject, soort):
    return list(
        AuditEvent.objects.filter(event_type=soort, target_id=str(traject.pk)).order_by("id")
    )


@pytest.fixture
def concept(gemeente, medewerker):
    return TrajectFactory(gemeente=gemeente, aangemaakt_door=medewerker)


@pytest.fixture
def gepubliceerd(gemeente, medewerker):
    return TrajectFactory(
        gemeente=gemeente, aangemaakt_door=medewerker, volledig=True, gepubliceerd=True
    )


# --- creating ---------------------------------------------------------------------------------


def test_traject_aanmaken_stays_compatible(gemeente, medewerker):
    wijk = WijkFactory(gemeente=gemeente, naam="Woensel")
    sluit = _over(20)
    traject = traject_aanmaken(
        actor=medewerker,
        gemeente=gemeente,
        titel="  Buurthuis  ",
        opgave="Hoe wordt het buurthuis weer van de buurt?",
        inschrijving_sluit=sluit,
        vorm=c.Vorm.RIGHT_TO_CHALLENGE,
        wensbeeld="Bewoners organiseren zelf.",
        wijken=[wijk],
    )
    assert traject.titel == "Buurthuis"
    assert traject.status == c.TrajectStatus.CONCEPT
    assert traject.vorm == c.Vorm.RIGHT_TO_CHALLENGE
    assert traject.inschrijving_sluit == sluit
    assert list(traject.wijken.all()) == [wijk]
    assert len(events(traject, AuditEventType.TRAJECT_AANGEMAAKT)) == 1


def test_traject_aanmaken_refuses(gemeente, andere_gemeente, medewerker, burger):
    with pytest.raises(NotAllowed):
        traject_aanmaken(actor=burger, gemeente=gemeente, titel="X")
    with pytest.raises(NotAllowed):
        traject_aanmaken(actor=medewerker, gemeente=andere_gemeente, titel="X")
    with pytest.raises(DomainError):
        traject_aanmaken(actor=medewerker, gemeente=gemeente, titel="  ")
    with pytest.raises(TypeError):
        traject_aanmaken(actor=medewerker, gemeente=gemeente, titel="X", status="gepubliceerd")


# --- each section saves ------------------------------------------------------------------------


def test_opgave_with_existing_and_new_wijken(concept, medewerker, gemeente, andere_gemeente):
    woensel = WijkFactory(gemeente=gemeente, naam="Woensel")
    WijkFactory(gemeente=gemeente, naam="Strijp")
    wijzigingen = sectie_opslaan(
        actor=medewerker,
        traject=concept,
        sectie="opgave",
        wijzigingen={
            "titel": "Ouderen in de wijk",
            "opgave": "Hoe blijven ouderen thuis wonen?",
            "wensbeeld": "Ouderen kennen hun buren.",
            "domein": c.Domein.SOCIAAL,
            "wijken": [woensel.pk],
            "nieuwe_wijken": ["strijp", " Gestel ", ""],
        },
    )
    concept.refresh_from_db()
    assert concept.titel == "Ouderen in de wijk"
    assert concept.domein == c.Domein.SOCIAAL
    assert sorted(w.naam for w in concept.wijken.all()) == ["Gestel", "Strijp", "Woensel"]
    assert Wijk.objects.filter(gemeente=gemeente).count() == 3
    velden = {w["veld"] for w in wijzigingen}
    assert {"titel", "opgave", "wensbeeld", "domein", "wijken"} <= velden
    (event,) = events(concept, AuditEventType.TRAJECT_GEWIJZIGD)
    assert event.detail["sectie"] == "opgave"
    assert "wijken" in event.detail["velden"]
    assert event.detail["rectificatie"] is False

    vreemd = WijkFactory(gemeente=andere_gemeente, naam="Assendorp")
    with pytest.raises(DomainError):
        sectie_opslaan(
            actor=medewerker, traject=concept, sectie="opgave", wijzigingen={"wijken": [vreemd]}
        )


def test_kaders(concept, medewerker):
    sectie_opslaan(
        actor=medewerker,
        traject=concept,
        sectie="kaders",
        wijzigingen={
            "beleidskaders": "Koers 2030",
            "budget": Decimal("150000"),
            "geen_budgetplafond": False,
            "geraamde_waarde": None,
            "dienst_soort": c.DienstSoort.OVERIG,
            "juridisch_kader": "Aw 2012",
            "bestaande_verplichtingen": "",
            "belangen": "Bewoners",
            "transitie": "Overgang in 2026",
        },
    )
    concept.refresh_from_db()
    assert concept.budget == Decimal("150000")
    assert concept.dienst_soort == c.DienstSoort.OVERIG
    with pytest.raises(DomainError):
        sectie_opslaan(
            actor=medewerker,
            traject=concept,
            sectie="kaders",
            wijzigingen={"geen_budgetplafond": True},
        )
    sectie_opslaan(
        actor=medewerker,
        traject=concept,
        sectie="kaders",
        wijzigingen={"budget": None, "geen_budgetplafond": True},
    )
    concept.refresh_from_db()
    assert concept.geen_budgetplafond and concept.budget is None


def test_vorm_and_procedure_rules(concept, medewerker):
    with pytest.raises(DomainError):
        sectie_opslaan(
            actor=medewerker,
            traject=concept,
            sectie="vorm",
            wijzigingen={"vorm": c.Vorm.AANBESTEDING, "procedure": ""},
        )
    with pytest.raises(DomainError):
        sectie_opslaan(
            actor=medewerker,
            traject=concept,
            sectie="vorm",
            wijzigingen={"vorm": c.Vorm.SUBSIDIE, "procedure": c.Procedure.OPENBAAR},
        )
    sectie_opslaan(
        actor=medewerker,
        traject=concept,
        sectie="vorm",
        wijzigingen={
            "vorm": c.Vorm.AANBESTEDING,
            "procedure": c.Procedure.NATIONAAL,
            "contractvorm": c.Contractvorm.RELATIONEEL,
            "bekostiging": c.Bekostiging.RESULTAAT,
            "contractduur_maanden": 36,
            "tenderned_kenmerk": "TN-1",
        },
    )
    concept.refresh_from_db()
    assert (concept.procedure, concept.contractduur_maanden) == (c.Procedure.NATIONAAL, 36)


def test_percelen_added_renumbered_and_removed(concept, medewerker, gemeente):
    wijk = WijkFactory(gemeente=gemeente)
    een = PerceelFactory(traject=concept, nummer=1, naam="Noord")
    twee = PerceelFactory(traject=concept, nummer=2, naam="Zuid")
    drie = PerceelFactory(traject=concept, nummer=3, naam="Oost")
    sectie_opslaan(
        actor=medewerker,
        traject=concept,
        sectie="percelen",
        wijzigingen={
            "percelen": [
                {"id": een.pk, "nummer": 2, "naam": "Noord", "wijken": [wijk.pk]},
                {"id": twee.pk, "nummer": 1, "naam": "Zuid", "budget": "1000"},
                {"id": drie.pk, "nummer": 3, "naam": "Oost", "verwijderen": True},
                {"nummer": 3, "naam": "West", "beschrijving": "Nieuw"},
            ]
        },
    )
    percelen = {p.naam: p for p in Perceel.objects.filter(traject=concept)}
    assert {n: p.nummer for n, p in percelen.items()} == {"Noord": 2, "Zuid": 1, "West": 3}
    assert list(percelen["Noord"].wijken.all()) == [wijk]
    assert percelen["Zuid"].budget == Decimal("1000")
    with pytest.raises(DomainError):
        sectie_opslaan(
            actor=medewerker,
            traject=concept,
            sectie="percelen",
            wijzigingen={"percelen": [{"nummer": 1, "naam": "Dubbel"}]},
        )


def test_planning_and_order(concept, medewerker):
    sectie_opslaan(
        actor=medewerker,
        traject=concept,
        sectie="planning",
        wijzigingen={"vragen_sluit": _over(10), "inschrijving_sluit": _over(30)},
    )
    concept.refresh_from_db()
    assert concept.vragen_sluit == _over(10)
    with pytest.raises(DomainError):
        sectie_opslaan(
            actor=medewerker,
            traject=concept,
            sectie="planning",
            wijzigingen={"vragen_sluit": _over(40)},
        )
    with pytest.raises(DomainError):
        sectie_opslaan(
            actor=medewerker,
            traject=concept,
            sectie="planning",
            wijzigingen={"vragen_sluit": NU - timedelta(minutes=1)},
        )


def test_gunning_criteria_and_eisen(concept, medewerker):
    perceel = PerceelFactory(traject=concept, nummer=1)
    sectie_opslaan(
        actor=medewerker,
        traject=concept,
        sectie="gunning",
        wijzigingen={
            "gunningswijze": c.Gunningswijze.GEWOGEN_MET_PRIJS,
            "criteria": [
                {"naam": "Kwaliteit", "weging": 70, "schaal_min": 1, "schaal_max": 10},
                {"naam": "Prijs", "weging": 30, "schaal_min": 0, "schaal_max": 5, "is_prijs": True},
            ],
            "eisen": [
                {"soort": c.EisSoort.REFERENTIE, "omschrijving": "Twee projecten", "jaren": 3},
                {
                    "soort": c.EisSoort.OMZET,
                    "omschrijving": "Omzet",
                    "bedrag": "1000",
                    "perceel": perceel.pk,
                },
            ],
        },
    )
    criteria = list(Criterium.objects.filter(traject=concept).order_by("volgorde"))
    assert [(k.naam, k.weging, k.volgorde, k.is_prijs) for k in criteria] == [
        ("Kwaliteit", 70, 1, False),
        ("Prijs", 30, 2, True),
    ]
    assert Eis.objects.filter(traject=concept, perceel=perceel).count() == 1

    # Remove the price criterion and switch to quality only: weights are not allowed.
    with pytest.raises(DomainError):
        sectie_opslaan(
            actor=medewerker,
            traject=concept,
            sectie="gunning",
            wijzigingen={"gunningswijze": c.Gunningswijze.KWALITEIT},
        )
    sectie_opslaan(
        actor=medewerker,
        traject=concept,
        sectie="gunning",
        wijzigingen={
            "gunningswijze": c.Gunningswijze.KWALITEIT,
            "criteria": [
                {"id": criteria[0].pk, "naam": "Kwaliteit", "weging": None},
                {"id": criteria[1].pk, "verwijderen": True},
            ],
        },
    )
    assert list(Criterium.objects.filter(traject=concept).values_list("naam", "weging")) == [
        ("Kwaliteit", None)
    ]


@pytest.mark.parametrize(
    ("wijze", "criteria"),
    [
        (c.Gunningswijze.GEWOGEN_ZONDER_PRIJS, [{"naam": "A", "weging": 60}]),
        (c.Gunningswijze.GEWOGEN_ZONDER_PRIJS, [{"naam": "A", "weging": 60}, {"naam": "B"}]),
        (c.Gunningswijze.KWALITEIT, [{"naam": "A", "weging": 100}]),
        (c.Gunningswijze.GEWOGEN_ZONDER_PRIJS, [{"naam": "P", "weging": 100, "is_prijs": True}]),
        (c.Gunningswijze.KWALITEIT, [{"naam": "A", "schaal_min": 5, "schaal_max": 5}]),
    ],
)
def test_gunning_invalid(concept, medewerker, wijze, criteria):
    with pytest.raises(DomainError):
        sectie_opslaan(
            actor=medewerker,
            traject=concept,
            sectie="gunning",
            wijzigingen={"gunningswijze": wijze, "criteria": criteria},
        )
    assert not Criterium.objects.filter(traject=concept).exists()


def test_only_medewerkers_of_the_gemeente(concept, andere_gemeente, burger):
    vreemde = MedewerkerFactory(gemeente=andere_gemeente).user
    for actor in (burger, vreemde):
        with pytest.raises(NotAllowed):
            sectie_opslaan(
                actor=actor, traject=concept, sectie="opgave", wijzigingen={"titel": "Overname"}
            )
    assert not events(concept, AuditEventType.TRAJECT_GEWIJZIGD)


def test_nothing_changed_no_audit(concept, medewerker):
    assert (
        sectie_opslaan(
            actor=medewerker, traject=concept, sectie="opgave", wijzigingen={"titel": concept.titel}
        )
        == []
    )
    assert not events(concept, AuditEventType.TRAJECT_GEWIJZIGD)


# --- after publication: corrections ------------------------------------------------------------


def test_after_publication_a_reason_is_needed(gepubliceerd, medewerker):
    with pytest.raises(DomainError):
        sectie_opslaan(
            actor=medewerker,
            traject=gepubliceerd,
            sectie="kaders",
            wijzigingen={"belangen": "Anders"},
        )
    gepubliceerd.refresh_from_db()
    assert gepubliceerd.belangen != "Anders"
    assert not Rectificatie.objects.exists()


def test_a_change_after_publication_is_a_rectificatie(gepubliceerd, medewerker):
    nieuw = gepubliceerd.inschrijving_sluit + timedelta(days=7)
    wijzigingen = sectie_opslaan(
        actor=medewerker,
        traject=gepubliceerd,
        sectie="planning",
        wijzigingen={"inschrijving_sluit": nieuw},
        reden="Storing van het platform op maandag.",
    )
    gepubliceerd.refresh_from_db()
    assert gepubliceerd.inschrijving_sluit == nieuw
    (rectificatie,) = Rectificatie.objects.filter(traject=gepubliceerd)
    assert rectificatie.nummer == 1
    assert rectificatie.reden == "Storing van het platform op maandag."
    assert [w["veld"] for w in rectificatie.wijzigingen] == ["inschrijving_sluit"]
    assert rectificatie.wijzigingen == wijzigingen
    assert rectificatie.uitvraag_versie is not None
    (event,) = events(gepubliceerd, AuditEventType.TRAJECT_GEWIJZIGD)
    assert event.detail == {
        "sectie": "planning",
        "velden": ["inschrijving_sluit"],
        "rectificatie": True,
    }
    assert len(events(gepubliceerd, AuditEventType.RECTIFICATIE_GEPUBLICEERD)) == 1


def test_percelen_after_publication(gepubliceerd, medewerker):
    sectie_opslaan(
        actor=medewerker,
        traject=gepubliceerd,
        sectie="percelen",
        wijzigingen={"percelen": [{"nummer": 9, "naam": "Extra perceel"}]},
        reden="Een extra perceel voor de buurt.",
    )
    (rectificatie,) = Rectificatie.objects.filter(traject=gepubliceerd)
    assert [w["veld"] for w in rectificatie.wijzigingen] == ["percelen"]
    assert "Extra perceel" in rectificatie.wijzigingen[0]["nieuw"]


def test_no_change_no_rectificatie(gepubliceerd, medewerker):
    assert (
        sectie_opslaan(
            actor=medewerker,
            traject=gepubliceerd,
            sectie="kaders",
            wijzigingen={"belangen": gepubliceerd.belangen},
            reden="Niets",
        )
        == []
    )
    assert not Rectificatie.objects.exists()
    assert not events(gepubliceerd, AuditEventType.TRAJECT_GEWIJZIGD)


def test_a_passed_mijlpaal_cannot_move(gepubliceerd, medewerker):
    vragen_sluit = gepubliceerd.vragen_sluit
    with time_machine.travel(vragen_sluit + timedelta(minutes=1), tick=False):
        with pytest.raises(DomainError, match="voorbij"):
            sectie_opslaan(
                actor=medewerker,
                traject=gepubliceerd,
                sectie="planning",
                wijzigingen={"vragen_sluit": vragen_sluit + timedelta(days=2)},
                reden="Later",
            )
        # A deadline that has not passed may be extended; the passed one stays as it is.
        sectie_opslaan(
            actor=medewerker,
            traject=gepubliceerd,
            sectie="planning",
            wijzigingen={
                "vragen_sluit": vragen_sluit,
                "inschrijving_sluit": gepubliceerd.inschrijving_sluit + timedelta(days=1),
            },
            reden="Meer tijd",
        )
    assert Rectificatie.objects.filter(traject=gepubliceerd).count() == 1


def test_no_mijlpaal_in_the_past_after_publication(gepubliceerd, medewerker):
    with pytest.raises(DomainError):
        sectie_opslaan(
            actor=medewerker,
            traject=gepubliceerd,
            sectie="planning",
            wijzigingen={"vragen_sluit": NU - timedelta(hours=1)},
            reden="Eerder",
        )
    with pytest.raises(DomainError):
        sectie_opslaan(
            actor=medewerker,
            traject=gepubliceerd,
            sectie="planning",
            wijzigingen={"uitwerking_sluit": None},
            reden="Weg",
        )


DEADLINES = ("vragen_sluit", "inschrijving_sluit", "uitwerking_sluit")


@pytest.mark.parametrize("veld", DEADLINES)
def test_after_publication_a_deadline_cannot_move_earlier(gepubliceerd, medewerker, veld):
    """Issue 11, point 4: a published deadline never moves earlier, not even by a minute,
    and not to a moment that is still in the future."""
    oud = getattr(gepubliceerd, veld)
    for eerder in (oud - timedelta(days=1), oud - timedelta(minutes=1), NU + timedelta(minutes=5)):
        with pytest.raises(DomainError) as fout:
            sectie_opslaan(
                actor=medewerker,
                traject=gepubliceerd,
                sectie="planning",
                wijzigingen={veld: eerder},
                reden="Eerder sluiten",
            )
        assert getattr(fout.value, "veld", None) == veld  # shown on that field of the form
        label = str(Traject._meta.get_field(veld).verbose_name)
        assert label in str(fout.value)
        assert weergave.moment(oud) in str(fout.value)
        gepubliceerd.refresh_from_db()
        assert getattr(gepubliceerd, veld) == oud
    assert not Rectificatie.objects.exists()
    assert not events(gepubliceerd, AuditEventType.TRAJECT_GEWIJZIGD)


@pytest.mark.parametrize("veld", DEADLINES)
def test_after_publication_a_deadline_can_move_later(gepubliceerd, medewerker, veld):
    later = getattr(gepubliceerd, veld) + timedelta(days=1)
    sectie_opslaan(
        actor=medewerker,
        traject=gepubliceerd,
        sectie="planning",
        wijzigingen={veld: later},
        reden="Meer tijd",
    )
    gepubliceerd.refresh_from_db()
    assert getattr(gepubliceerd, veld) == later
    assert [w["veld"] for w in Rectificatie.objects.get().wijzigingen] == [veld]


def test_unchanged_deadlines_are_allowed_after_publication(gepubliceerd, medewerker):
    """The form sends every milestone; unchanged deadlines pass while another one moves."""
    alles = {veld: getattr(gepubliceerd, veld) for veld in Traject.MIJLPALEN}
    assert (
        sectie_opslaan(
            actor=medewerker, traject=gepubliceerd, sectie="planning", wijzigingen=alles, reden="-"
        )
        == []
    )
    later = gepubliceerd.start_op + timedelta(days=5)
    sectie_opslaan(
        actor=medewerker,
        traject=gepubliceerd,
        sectie="planning",
        wijzigingen={**alles, "start_op": later},
        reden="Start later",
    )
    gepubliceerd.refresh_from_db()
    assert gepubliceerd.start_op == later
    assert [w["veld"] for w in Rectificatie.objects.get().wijzigingen] == ["start_op"]


def test_a_planning_moment_without_a_deadline_may_move_earlier_after_publication(
    gepubliceerd, medewerker
):
    """Only the deadlines people rely on are bound; the expected award date is planning."""
    eerder = gepubliceerd.gunning_op - timedelta(days=2)
    sectie_opslaan(
        actor=medewerker,
        traject=gepubliceerd,
        sectie="planning",
        wijzigingen={"gunning_op": eerder},
        reden="Eerder gunnen",
    )
    gepubliceerd.refresh_from_db()
    assert gepubliceerd.gunning_op == eerder


def test_the_deadlines_of_a_draft_may_move_freely(gemeente, medewerker):
    concept = TrajectFactory(gemeente=gemeente, aangemaakt_door=medewerker, volledig=True)
    eerder = {veld: getattr(concept, veld) - timedelta(days=5) for veld in DEADLINES}
    sectie_opslaan(actor=medewerker, traject=concept, sectie="planning", wijzigingen=eerder)
    concept.refresh_from_db()
    for veld in DEADLINES:
        assert getattr(concept, veld) == eerder[veld]
    assert not Rectificatie.objects.exists()


def test_no_rectificatie_in_fase_c(gepubliceerd, medewerker):
    gepubliceerd.actieve_fase = c.Fase.C
    gepubliceerd.save()
    with pytest.raises(DomainError):
        sectie_opslaan(
            actor=medewerker,
            traject=gepubliceerd,
            sectie="kaders",
            wijzigingen={"belangen": "Anders"},
            reden="Waarom niet",
        )
    assert not Rectificatie.objects.exists()


# --- team ---------------------------------------------------------------------------------------


def test_team(concept, medewerker, gemeente, andere_gemeente):
    inkoper = MedewerkerFactory(gemeente=gemeente)
    lid = teamlid_toevoegen(
        actor=medewerker, traject=concept, medewerker=inkoper, rol=c.TeamRol.INKOOP
    )
    # A double click adds nobody twice and writes no second event.
    teamlid_toevoegen(actor=medewerker, traject=concept, medewerker=inkoper, rol=c.TeamRol.INKOOP)
    teamlid_toevoegen(
        actor=medewerker, traject=concept, medewerker=inkoper.pk, rol=c.TeamRol.JURIDISCH
    )
    assert TeamLid.objects.get(pk=lid.pk).rol == c.TeamRol.JURIDISCH
    with pytest.raises(DomainError):
        teamlid_toevoegen(
            actor=medewerker,
            traject=concept,
            medewerker=MedewerkerFactory(gemeente=andere_gemeente),
            rol=c.TeamRol.BELEID,
        )
    assert teamlid_verwijderen(actor=medewerker, traject=concept, teamlid=lid) is True
    assert teamlid_verwijderen(actor=medewerker, traject=concept, teamlid=lid.pk) is False
    assert not TeamLid.objects.exists()
    team_events = events(concept, AuditEventType.TRAJECT_TEAM_GEWIJZIGD)
    assert [(e.from_state, e.to_state) for e in team_events] == [
        ("", "inkoop"),
        ("inkoop", "juridisch"),
        ("juridisch", ""),
    ]


# --- explanations and phases --------------------------------------------------------------------


def test_toelichting_geven(concept, medewerker):
    eis = EisFactory(traject=concept, soort=c.EisSoort.ANBI)
    code = f"anbi:{eis.pk}"
    toelichting_geven(actor=medewerker, traject=concept, code=code, tekst="Nodig voor giften.")
    toelichting_geven(actor=medewerker, traject=concept, code=code, tekst="Nodig voor fondsen.")
    (toelichting,) = Toelichting.objects.filter(traject=concept)
    assert toelichting.tekst == "Nodig voor fondsen."
    assert len(events(concept, AuditEventType.TRAJECT_TOELICHTING)) == 2
    with pytest.raises(DomainError):
        toelichting_geven(actor=medewerker, traject=concept, code="onzin", tekst="x")
    with pytest.raises(DomainError):
        toelichting_geven(actor=medewerker, traject=concept, code=code, tekst=" ")


def test_no_toelichting_after_publication(gepubliceerd, medewerker):
    eis = EisFactory(traject=gepubliceerd, soort=c.EisSoort.ANBI)
    with pytest.raises(DomainError):
        toelichting_geven(
            actor=medewerker, traject=gepubliceerd, code=f"anbi:{eis.pk}", tekst="Later"
        )
    assert not Toelichting.objects.exists()


def test_fase_wijzigen(concept, gepubliceerd, medewerker, burger):
    with pytest.raises(DomainError):
        fase_wijzigen(actor=medewerker, traject=concept, fase=c.Fase.B)
    with pytest.raises(NotAllowed):
        fase_wijzigen(actor=burger, traject=gepubliceerd, fase=c.Fase.B)
    with pytest.raises(DomainError):
        fase_wijzigen(actor=medewerker, traject=gepubliceerd, fase="Z")
    fase_wijzigen(actor=medewerker, traject=gepubliceerd, fase=c.Fase.C)
    fase_wijzigen(actor=medewerker, traject=gepubliceerd, fase=c.Fase.C)
    gepubliceerd.refresh_from_db()
    assert gepubliceerd.actieve_fase == c.Fase.C
    (event,) = events(gepubliceerd, AuditEventType.TRAJECT_FASE_GEWIJZIGD)
    assert (event.from_state, event.to_state) == ("A", "C")


# --- completeness -------------------------------------------------------------------------------


def test_ontbrekende_onderdelen(concept, gemeente):
    concept.opgave = ""
    concept.inschrijving_sluit = None
    concept.save()
    # 14, plus the residents' mandate (issue 14, point 2): who and advises or decides
    assert len(ontbrekende_onderdelen(concept)) == 16
    status = {s.slug: s.compleet for s in secties_status(concept)}
    assert status == {
        "opgave": False,
        "kaders": False,
        "vorm": False,
        "percelen": False,
        "planning": False,
        "gunning": False,
        "team": True,
        "bewoners": False,
        "schetsvragen": True,  # issue 14: optional
    }


def test_a_full_traject_is_complete(gemeente):
    traject = TrajectFactory(gemeente=gemeente, volledig=True)
    traject.wijken.add(WijkFactory(gemeente=gemeente))
    assert ontbrekende_onderdelen(traject) == []
    assert all(s.compleet for s in secties_status(traject))
    traject.gunningswijze = c.Gunningswijze.GEWOGEN_ZONDER_PRIJS
    traject.save()
    CriteriumFactory(traject=traject, weging=50)
    assert len(ontbrekende_onderdelen(traject)) == 1  # weights missing / not 100
