"""Consultation of a draft call (issue 14, point 1): the services and their rules."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError
from aanbesteden.models import AuditEvent, Notificatie
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from trajecten import inhoud
from trajecten.constants import BijeenkomstSoort, ConsultatieSectie, Overgenomen
from trajecten.deadlines import BijeenkomstSource, ConsultatieSluitSource
from trajecten.models import Aanmelding, Reactie
from trajecten.selectors.publicatie import redenen_niet_publiceren
from trajecten.services import consultatie as services
from trajecten.services import dialoog
from trajecten.services.publicatie import traject_publiceren, uitvraag_concept_maken
from trajecten.tests.factories import BijeenkomstFactory, TrajectFactory, WijkFactory

AMS = ZoneInfo("Europe/Amsterdam")


def ams(*args):
    return datetime(*args, tzinfo=AMS)


@pytest.fixture
def nu(time_machine):
    moment = ams(2026, 6, 1, 10, 0)
    time_machine.move_to(moment, tick=False)
    return moment


@pytest.fixture
def concept(gemeente, nu):
    traject = TrajectFactory(gemeente=gemeente, volledig=True)
    traject.wijken.add(WijkFactory(gemeente=gemeente, naam="Woensel"))
    return traject


def _openen(medewerker, traject, **velden):
    velden.setdefault("sluit_op", ams(2026, 6, 15, 17))
    velden.setdefault("gevraagd", "Is de opgave helder? Zijn de percelen klein genoeg?")
    return services.consultatie_openen(actor=medewerker, traject=traject, **velden)


@pytest.mark.django_db
def test_medewerker_opens_a_draft_for_consultation_with_its_marktconsultatie_reference(
    medewerker, concept
):
    consultatie = _openen(medewerker, concept, marktconsultatie_kenmerk="TN-123456")
    assert consultatie.is_open()
    assert consultatie.marktconsultatie_kenmerk == "TN-123456"
    event = AuditEvent.objects.get(event_type=AuditEventType.CONSULTATIE_GEOPEND)
    assert event.actor == medewerker and event.to_state == "open"
    # A double click gives back the same consultation.
    assert _openen(medewerker, concept) == consultatie


@pytest.mark.django_db
def test_opening_is_refused_for_others_in_the_past_and_after_publication(
    gemeente, andere_gemeente, medewerker, burger, concept, nu
):
    with pytest.raises(DomainError):
        _openen(burger, concept)
    with pytest.raises(DomainError):
        _openen(MedewerkerFactory(gemeente=andere_gemeente).user, concept)
    with pytest.raises(DomainError, match="toekomst"):
        _openen(medewerker, concept, sluit_op=nu - timedelta(minutes=1))
    with pytest.raises(DomainError, match="reactie vraagt"):
        _openen(medewerker, concept, gevraagd="  ")
    gepubliceerd = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    with pytest.raises(DomainError, match="gepubliceerd"):
        _openen(medewerker, gepubliceerd)


@pytest.mark.django_db
def test_a_reaction_without_account_counts_after_its_link_and_no_address_is_kept_in_it(
    medewerker, concept, django_capture_on_commit_callbacks
):
    _openen(medewerker, concept)
    with django_capture_on_commit_callbacks(execute=True):
        reactie = services.reageren(
            traject=concept,
            sectie=ConsultatieSectie.PERCELEN,
            tekst="Maak een apart perceel voor de kleine kernen.",
            naam="Fatima Bakker",
            email="fatima@example.nl",
        )
    assert not reactie.is_bevestigd
    assert Reactie.objects.bevestigd().count() == 0
    (bericht,) = mail.outbox
    assert bericht.to == ["fatima@example.nl"]
    assert services.bevestig_url(reactie) in bericht.body
    bevestigd = services.reactie_bevestigen(token=reactie.token)
    assert bevestigd.is_bevestigd
    assert bevestigd.user.email == "fatima@example.nl"
    # Once more changes nothing.
    assert services.reactie_bevestigen(token=reactie.token).bevestigd_op == bevestigd.bevestigd_op
    states = list(
        AuditEvent.objects.filter(event_type=AuditEventType.CONSULTATIE_REACTIE)
        .order_by("id")
        .values_list("from_state", "to_state")
    )
    assert states == [("", "onbevestigd"), ("onbevestigd", "bevestigd")]
    # The team hears of it.
    assert Notificatie.objects.filter(user=medewerker).exists()


@pytest.mark.django_db
def test_an_expired_link_does_not_count(medewerker, concept, time_machine, nu):
    _openen(medewerker, concept)
    reactie = services.reageren(
        traject=concept, sectie="algemeen", tekst="Goed plan.", naam="Jan", email="jan@example.nl"
    )
    time_machine.move_to(nu + timedelta(hours=49), tick=False)
    with pytest.raises(services.ReactieVerlopen):
        services.reactie_bevestigen(token=reactie.token)


@pytest.mark.django_db
def test_reactions_are_refused_after_the_closing_moment_and_after_closing_early(
    medewerker, burger, concept, time_machine
):
    _openen(medewerker, concept, sluit_op=ams(2026, 6, 15, 17))
    services.reageren(traject=concept, sectie="opgave", tekst="Helder.", user=burger)
    time_machine.move_to(ams(2026, 6, 15, 17), tick=False)
    with pytest.raises(DomainError, match="gesloten"):
        services.reageren(traject=concept, sectie="opgave", tekst="Te laat.", user=burger)

    ander = TrajectFactory(gemeente=concept.gemeente)
    time_machine.move_to(ams(2026, 6, 10, 9), tick=False)
    _openen(medewerker, ander, sluit_op=ams(2026, 6, 20, 17))
    services.reageren(traject=ander, sectie="opgave", tekst="Eerste.", user=burger)
    services.consultatie_sluiten(actor=medewerker, traject=ander)
    with pytest.raises(DomainError, match="gesloten"):
        services.reageren(traject=ander, sectie="opgave", tekst="Tweede.", user=burger)
    with pytest.raises(DomainError, match="al gesloten"):
        services.consultatie_sluiten(actor=medewerker, traject=ander)
    # Who reacted hears that it closed; the report comes with the call.
    assert Notificatie.objects.filter(user=burger, onderwerp__contains="Consultatie").exists()


@pytest.mark.django_db
def test_a_draft_not_in_consultation_refuses_reactions(burger, concept):
    with pytest.raises(DomainError, match="niet opengesteld"):
        services.reageren(traject=concept, sectie="opgave", tekst="Hallo", user=burger)


@pytest.mark.django_db
def test_sessions_of_a_draft_open_for_registration_only_in_consultation(
    medewerker, burger, concept, gemeente
):
    sessie = dialoog.bijeenkomst_plannen(
        actor=medewerker,
        traject=concept,
        titel="Ontwerpsessie percelen",
        soort=BijeenkomstSoort.ONTWERP,
        begint_op=ams(2026, 6, 8, 19),
        eindigt_op=ams(2026, 6, 8, 21),
        locatie="Wijkcentrum",
    )
    with pytest.raises(DomainError, match="nog niet gepubliceerd"):
        dialoog.aanmelden(bijeenkomst=sessie, naam="Piet", email="", user=burger)
    _openen(medewerker, concept)
    aanmelding = dialoog.aanmelden(bijeenkomst=sessie, naam="Piet", email="", user=burger)
    assert aanmelding.is_bevestigd
    # A draft without consultation still refuses.
    ander = BijeenkomstFactory(traject=TrajectFactory(gemeente=gemeente))
    with pytest.raises(DomainError, match="nog niet gepubliceerd"):
        dialoog.aanmelden(bijeenkomst=ander, naam="Piet", email="", user=burger)
    assert Aanmelding.objects.count() == 1
    # The session is reminded through the core deadline mechanism, draft or not.
    (deadline,) = BijeenkomstSource().deadlines(van=ams(2026, 6, 1), tot=ams(2026, 6, 9))
    assert deadline.ontvangers == (burger,)


@pytest.mark.django_db
def test_answering_needs_what_was_taken_over_and_why_not_otherwise(medewerker, burger, concept):
    _openen(medewerker, concept)
    reactie = services.reageren(traject=concept, sectie="planning", tekst="Later.", user=burger)
    with pytest.raises(DomainError, match="waarom"):
        services.reactie_beantwoorden(
            actor=medewerker, reactie=reactie, antwoord="Nee.", overgenomen=Overgenomen.NEE
        )
    with pytest.raises(DomainError):
        services.reactie_beantwoorden(
            actor=burger, reactie=reactie, antwoord="Ja.", overgenomen=Overgenomen.JA
        )
    beantwoord = services.reactie_beantwoorden(
        actor=medewerker,
        reactie=reactie,
        antwoord="De start schuift een maand op.",
        overgenomen=Overgenomen.DEELS,
        waarom="Een maand, geen twee: de subsidie loopt af.",
    )
    assert beantwoord.overgenomen == Overgenomen.DEELS
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.CONSULTATIE_REACTIE_BEANTWOORD, to_state="beantwoord"
    ).exists()


@pytest.mark.django_db
def test_the_report_is_anonymised_grouped_per_section_and_part_of_the_call(
    medewerker, burger, concept
):
    _openen(medewerker, concept, marktconsultatie_kenmerk="TN-42")
    burger.naam = "Henk de Vries"
    burger.save()
    r1 = services.reageren(
        traject=concept, sectie="percelen", tekst="Kleinere percelen graag.", user=burger
    )
    services.reageren(
        traject=concept,
        sectie="opgave",
        tekst="Onbevestigde reactie.",
        naam="Onbekend",
        email="onbekend@example.nl",
    )
    services.reactie_beantwoorden(
        actor=medewerker, reactie=r1, antwoord="Er komt een derde perceel.", overgenomen="ja"
    )
    BijeenkomstFactory(
        traject=concept,
        titel="Ontwerpsessie",
        soort=BijeenkomstSoort.ONTWERP,
        begint_op=ams(2026, 6, 8, 19),
    )
    verslag = inhoud.snapshot(concept)["consultatie"]
    assert [s["titel"] for s in verslag["sessies"]] == ["Ontwerpsessie"]
    assert verslag["aantal"] == 1
    assert verslag["kenmerk"] == "TN-42"
    (sectie,) = verslag["secties"]
    assert sectie["sectie"] == "Percelen"
    assert sectie["reacties"] == [
        {
            "tekst": "Kleinere percelen graag.",
            "antwoord": "Er komt een derde perceel.",
            "overgenomen": "Overgenomen",
            "waarom": "",
        }
    ]
    tekst = str(verslag)
    for geheim in ("Henk", burger.email, "onbekend@example.nl", "Onbevestigde"):
        assert geheim not in tekst
    # A trajectory without consultation keeps its content (and hash) as before.
    assert "consultatie" not in inhoud.snapshot(TrajectFactory(gemeente=concept.gemeente))


@pytest.mark.django_db
def test_publication_waits_for_answers_then_closes_the_consultation_and_tells_everyone(
    medewerker, burger, concept, django_capture_on_commit_callbacks
):
    _openen(medewerker, concept)
    reactie = services.reageren(traject=concept, sectie="gunning", tekst="Prima.", user=burger)
    assert "1 reactie op het concept heeft nog geen antwoord: beantwoord die eerst." in (
        redenen_niet_publiceren(concept)
    )
    services.reactie_beantwoorden(
        actor=medewerker, reactie=reactie, antwoord="Dank u.", overgenomen="ja"
    )
    with django_capture_on_commit_callbacks(execute=True):
        uitvraag_concept_maken(actor=medewerker, traject=concept)
    assert redenen_niet_publiceren(concept) == []
    traject_publiceren(actor=medewerker, traject=concept)
    concept.consultatie.refresh_from_db()
    assert concept.consultatie.gesloten_op is not None
    gesloten = AuditEvent.objects.get(event_type=AuditEventType.CONSULTATIE_GESLOTEN)
    assert gesloten.detail["bij_publicatie"] is True
    assert Notificatie.objects.filter(
        user=burger, onderwerp__contains="consultatieverslag"
    ).exists()
    # The answers are fixed once the report is published.
    with pytest.raises(DomainError, match="kan niet meer veranderen"):
        services.reactie_beantwoorden(
            actor=medewerker, reactie=reactie, antwoord="Anders.", overgenomen="ja"
        )


@pytest.mark.django_db
def test_the_team_is_reminded_before_the_consultation_closes(gemeente, medewerker, concept):
    _openen(medewerker, concept, sluit_op=ams(2026, 6, 15, 17))
    (deadline,) = ConsultatieSluitSource().deadlines(van=ams(2026, 6, 14), tot=ams(2026, 6, 16))
    assert deadline.ontvangers == (medewerker,)
    assert deadline.moment == ams(2026, 6, 15, 17)
    services.consultatie_sluiten(actor=medewerker, traject=concept)
    assert (
        list(ConsultatieSluitSource().deadlines(van=ams(2026, 6, 14), tot=ams(2026, 6, 16))) == []
    )


@pytest.mark.django_db
def test_a_double_reaction_is_one(burger, medewerker, concept):
    _openen(medewerker, concept)
    een = services.reageren(traject=concept, sectie="kaders", tekst="Budget te laag.", user=burger)
    twee = services.reageren(traject=concept, sectie="kaders", tekst="Budget te laag.", user=burger)
    assert een == twee
    anoniem = UserFactory()
    assert Reactie.objects.filter(user=anoniem).count() == 0
