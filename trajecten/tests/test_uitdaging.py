"""Right to challenge: the services, their state rules, audit events and notifications."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from aanbesteden.constants import TEKST_MIDDEL, AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent, Notificatie
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from trajecten.constants import TrajectStatus, UitdagingStatus, Vorm
from trajecten.models import Traject, Uitdaging, Wijk
from trajecten.services import uitdaging as services
from trajecten.tests.factories import UitdagingFactory, WijkFactory

pytestmark = pytest.mark.django_db

S = UitdagingStatus

VOORSTEL = {
    "titel": "Beheer van buurthuis De Kroon",
    "wat": "Wij openen het buurthuis vijf dagen per week, met koffie en een repaircafé.",
    "waar": "Woensel-Noord",
    "waarom": "Wij wonen in de buurt en kennen de mensen.",
    "wie": "Stichting Buurtkracht, met vijftien vrijwilligers.",
    "nodig": "Het gebouw en het huidige exploitatiebudget.",
}


def _events(uitdaging, event_type):
    return AuditEvent.objects.filter(
        event_type=event_type, target_type="trajecten.uitdaging", target_id=str(uitdaging.pk)
    )


@pytest.fixture
def uitdaging(gemeente, burger):
    return UitdagingFactory(gemeente=gemeente, indiener=burger)


# Submitting ------------------------------------------------------------------


def test_indienen_stores_audits_and_notifies(
    gemeente, andere_gemeente, medewerker, burger, mailoutbox, django_capture_on_commit_callbacks
):
    collega = MedewerkerFactory(gemeente=gemeente).user
    elders = MedewerkerFactory(gemeente=andere_gemeente).user
    with django_capture_on_commit_callbacks(execute=True):
        uitdaging = services.uitdaging_indienen(actor=burger, gemeente=gemeente, **VOORSTEL)

    assert uitdaging.status == S.INGEDIEND
    assert uitdaging.indiener == burger
    assert uitdaging.gemeente == gemeente
    assert uitdaging.wat == VOORSTEL["wat"]
    event = _events(uitdaging, AuditEventType.UITDAGING_INGEDIEND).get()
    assert (event.actor, event.gemeente, event.to_state) == (burger, gemeente, S.INGEDIEND)

    url = f"/trajecten/uitdagen/{uitdaging.pk}/"
    for ontvanger in (medewerker, collega):
        melding = Notificatie.objects.get(user=ontvanger)
        assert melding.url == url
        assert VOORSTEL["titel"] in melding.tekst
        assert VOORSTEL["titel"] in melding.onderwerp
    assert not Notificatie.objects.filter(user=elders).exists()
    bevestiging = Notificatie.objects.get(user=burger)
    assert bevestiging.url == url
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [medewerker.email, collega.email, burger.email]
    )


def test_indienen_by_an_medewerker_does_not_notify_themselves_twice(gemeente, medewerker):
    services.uitdaging_indienen(actor=medewerker, gemeente=gemeente, **VOORSTEL)
    assert Notificatie.objects.filter(user=medewerker).count() == 1  # the confirmation


def test_double_submission_makes_one_proposal(gemeente, medewerker, burger):
    eerste = services.uitdaging_indienen(actor=burger, gemeente=gemeente, **VOORSTEL)
    tweede = services.uitdaging_indienen(actor=burger, gemeente=gemeente, **VOORSTEL)

    assert tweede.pk == eerste.pk
    assert Uitdaging.objects.count() == 1
    assert _events(eerste, AuditEventType.UITDAGING_INGEDIEND).count() == 1
    assert Notificatie.objects.filter(user=medewerker).count() == 1
    assert Notificatie.objects.filter(user=burger).count() == 1


def test_same_proposal_later_or_changed_or_by_someone_else_is_new(gemeente, burger):
    eerste = services.uitdaging_indienen(actor=burger, gemeente=gemeente, **VOORSTEL)
    anders = services.uitdaging_indienen(
        actor=burger, gemeente=gemeente, **{**VOORSTEL, "waar": "Strijp"}
    )
    iemand_anders = services.uitdaging_indienen(actor=UserFactory(), gemeente=gemeente, **VOORSTEL)
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        later = services.uitdaging_indienen(actor=burger, gemeente=gemeente, **VOORSTEL)
    assert len({eerste.pk, anders.pk, iemand_anders.pk, later.pk}) == 4


def test_indienen_needs_an_account_and_every_answer(gemeente, burger):
    with pytest.raises(NotAllowed):
        services.uitdaging_indienen(actor=AnonymousUser(), gemeente=gemeente, **VOORSTEL)
    with pytest.raises(DomainError):
        services.uitdaging_indienen(actor=burger, gemeente=gemeente, **{**VOORSTEL, "nodig": " "})
    assert not Uitdaging.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.UITDAGING_INGEDIEND).exists()


# The officer's answers -------------------------------------------------------


def test_meer_informatie_vragen(uitdaging, medewerker, burger):
    uitdaging = services.uitdaging_meer_informatie_vragen(
        actor=medewerker, uitdaging=uitdaging, vraag="Hoeveel avonden per week?"
    )
    uitdaging.refresh_from_db()
    assert uitdaging.status == S.MEER_INFORMATIE
    assert uitdaging.reactie == "Hoeveel avonden per week?"
    assert uitdaging.beantwoord_door == medewerker
    assert uitdaging.beantwoord_op is not None
    event = _events(uitdaging, AuditEventType.UITDAGING_BEANTWOORD).get()
    assert (event.actor, event.from_state, event.to_state) == (
        medewerker,
        S.INGEDIEND,
        S.MEER_INFORMATIE,
    )
    melding = Notificatie.objects.get(user=burger)
    assert "Hoeveel avonden per week?" in melding.tekst
    assert melding.url == uitdaging.get_absolute_url()


def test_afwijzen_needs_reasons(uitdaging, medewerker, burger):
    with pytest.raises(DomainError):
        services.uitdaging_afwijzen(actor=medewerker, uitdaging=uitdaging, reden="  ")
    services.uitdaging_afwijzen(
        actor=medewerker, uitdaging=uitdaging, reden="De gemeente stopt met deze taak."
    )
    uitdaging.refresh_from_db()
    assert uitdaging.status == S.AFGEWEZEN
    assert uitdaging.reactie == "De gemeente stopt met deze taak."
    event = _events(uitdaging, AuditEventType.UITDAGING_BEANTWOORD).get()
    assert (event.from_state, event.to_state) == (S.INGEDIEND, S.AFGEWEZEN)
    assert "De gemeente stopt met deze taak." in Notificatie.objects.get(user=burger).tekst


@pytest.mark.parametrize("wie", ["burger", "indiener", "elders", "beheerder"])
def test_only_medewerkers_of_the_gemeente_answer(uitdaging, andere_gemeente, beheerder, wie):
    actor = {
        "burger": lambda: UserFactory(),
        "indiener": lambda: uitdaging.indiener,
        "elders": lambda: MedewerkerFactory(gemeente=andere_gemeente).user,
        "beheerder": lambda: beheerder,
    }[wie]()
    with pytest.raises(NotAllowed):
        services.uitdaging_meer_informatie_vragen(actor=actor, uitdaging=uitdaging, vraag="?")
    with pytest.raises(NotAllowed):
        services.uitdaging_afwijzen(actor=actor, uitdaging=uitdaging, reden="Nee.")
    with pytest.raises(NotAllowed):
        services.uitdaging_accepteren(actor=actor, uitdaging=uitdaging, vorm=Vorm.SUBSIDIE)
    uitdaging.refresh_from_db()
    assert uitdaging.status == S.INGEDIEND
    assert not Traject.objects.exists()
    assert not _events(uitdaging, AuditEventType.UITDAGING_BEANTWOORD).exists()


def _doe(actie, uitdaging, medewerker):
    if actie == "accepteren":
        return services.uitdaging_accepteren(
            actor=medewerker, uitdaging=uitdaging, vorm=Vorm.SUBSIDIE
        )
    if actie == "meer_informatie_vragen":
        return services.uitdaging_meer_informatie_vragen(
            actor=medewerker, uitdaging=uitdaging, vraag="Wie doet de schoonmaak?"
        )
    if actie == "afwijzen":
        return services.uitdaging_afwijzen(actor=medewerker, uitdaging=uitdaging, reden="Nee.")
    return services.uitdaging_aanvullen(
        actor=uitdaging.indiener, uitdaging=uitdaging, aanvulling="Wij zelf."
    )


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("actie", ["accepteren", "meer_informatie_vragen", "afwijzen", "aanvullen"])
def test_state_rules(gemeente, medewerker, status, actie):
    uitdaging = UitdagingFactory(gemeente=gemeente, status=status, reactie="Een vraag?")
    if status in services.TOEGESTAAN[actie]:
        _doe(actie, uitdaging, medewerker)
        uitdaging.refresh_from_db()
        assert uitdaging.status != status
    else:
        with pytest.raises(DomainError) as exc:
            _doe(actie, uitdaging, medewerker)
        assert str(exc.value)
        uitdaging.refresh_from_db()
        assert uitdaging.status == status
        assert not AuditEvent.objects.filter(
            target_type="trajecten.uitdaging", target_id=str(uitdaging.pk)
        ).exists()


def test_closed_states_refuse_every_answer():
    assert all(
        S.OMGEZET not in van and S.AFGEWEZEN not in van for van in services.TOEGESTAAN.values()
    )


# Supplementing ---------------------------------------------------------------


def test_aanvullen_keeps_the_original_and_notifies_medewerkers(gemeente, medewerker, burger):
    uitdaging = UitdagingFactory(gemeente=gemeente, indiener=burger)
    origineel = uitdaging.wat
    services.uitdaging_meer_informatie_vragen(
        actor=medewerker, uitdaging=uitdaging, vraag="Hoeveel vrijwilligers zijn er?"
    )
    Notificatie.objects.all().delete()

    with time_machine.travel(datetime(2026, 3, 4, 14, 5, tzinfo=ZoneInfo("Europe/Amsterdam"))):
        services.uitdaging_aanvullen(
            actor=burger, uitdaging=uitdaging, aanvulling="Twaalf, en er komen er meer."
        )
    uitdaging.refresh_from_db()
    assert uitdaging.status == S.INGEDIEND
    assert uitdaging.wat.startswith(origineel)
    toevoeging = uitdaging.wat[len(origineel) :]
    assert "Aanvulling van 4 maart 2026, 14:05" in toevoeging
    assert "Hoeveel vrijwilligers zijn er?" in toevoeging
    assert toevoeging.rstrip().endswith("Twaalf, en er komen er meer.")
    assert uitdaging.reactie == ""
    event = _events(uitdaging, AuditEventType.UITDAGING_AANGEVULD).get()
    assert (event.actor, event.from_state, event.to_state) == (
        burger,
        S.MEER_INFORMATIE,
        S.INGEDIEND,
    )
    assert event.detail["aanvulling"] == "Twaalf, en er komen er meer."
    # The officers are told, and (issue 14: told at every step) the proposer gets a receipt.
    assert sorted(Notificatie.objects.values_list("user", flat=True)) == sorted(
        [medewerker.pk, burger.pk]
    )


def test_only_the_proposer_supplements(gemeente, medewerker):
    uitdaging = UitdagingFactory(gemeente=gemeente, status=S.MEER_INFORMATIE, reactie="?")
    for actor in (UserFactory(), medewerker):
        with pytest.raises(NotAllowed):
            services.uitdaging_aanvullen(actor=actor, uitdaging=uitdaging, aanvulling="Ik.")
    with pytest.raises(DomainError):
        services.uitdaging_aanvullen(actor=uitdaging.indiener, uitdaging=uitdaging, aanvulling="")
    uitdaging.refresh_from_db()
    assert uitdaging.status == S.MEER_INFORMATIE


def test_supplements_cannot_make_the_proposal_longer_than_the_trajectory_task_holds(
    gemeente, medewerker, burger
):
    """Each answer is at most TEKST_MIDDEL (its form), but the answers add up: the service
    refuses the one that would make the proposal too long for the trajectory's task."""
    uitdaging = UitdagingFactory(gemeente=gemeente, indiener=burger)
    antwoord = "x" * TEKST_MIDDEL
    ronden = 0
    while True:
        services.uitdaging_meer_informatie_vragen(
            actor=medewerker, uitdaging=uitdaging, vraag="Kunt u meer vertellen?"
        )
        try:
            services.uitdaging_aanvullen(actor=burger, uitdaging=uitdaging, aanvulling=antwoord)
        except DomainError as fout:
            assert "too long" in str(fout) or "te lang" in str(fout)
            break
        ronden += 1
        assert ronden < 10
    assert ronden == 3  # three answers of TEKST_MIDDEL fit in TEKST_LANG; the fourth not
    uitdaging.refresh_from_db()
    assert uitdaging.status == S.MEER_INFORMATIE  # the refused answer changed nothing
    assert len(uitdaging.wat) <= Uitdaging._meta.get_field("wat").max_length
    assert _events(uitdaging, AuditEventType.UITDAGING_AANGEVULD).count() == 3
    services.uitdaging_accepteren(actor=medewerker, uitdaging=uitdaging, vorm=Vorm.SUBSIDIE)
    uitdaging.refresh_from_db()
    assert len(uitdaging.traject.opgave) <= Traject._meta.get_field("opgave").max_length


# Accepting it on a route -----------------------------------------------


def test_accepteren_makes_a_prefilled_draft(gemeente, medewerker, burger):
    uitdaging = UitdagingFactory(gemeente=gemeente, indiener=burger, **VOORSTEL)
    uitdaging = services.uitdaging_accepteren(
        actor=medewerker, uitdaging=uitdaging, vorm=Vorm.SUBSIDIE
    )

    traject = Traject.objects.get()
    assert uitdaging.traject == traject
    uitdaging.refresh_from_db()
    assert uitdaging.traject_id == traject.pk
    assert uitdaging.status == S.OMGEZET
    assert uitdaging.beantwoord_door == medewerker
    assert traject.gemeente == gemeente
    assert traject.titel == VOORSTEL["titel"]
    assert traject.status == TrajectStatus.CONCEPT
    assert traject.vorm == Vorm.SUBSIDIE  # the route chosen, never right_to_challenge
    assert uitdaging.gekozen_vorm == Vorm.SUBSIDIE
    assert traject.uitdaging == uitdaging  # the origin
    assert traject.wensbeeld == VOORSTEL["wat"]
    assert traject.aangemaakt_door == medewerker
    for veld in ("wat", "waar", "waarom", "nodig"):
        assert VOORSTEL[veld] in traject.opgave
    assert VOORSTEL["wie"] not in traject.opgave  # who they are stays between them and us
    assert [w.naam for w in traject.wijken.all()] == ["Woensel-Noord"]
    assert Wijk.objects.get().gemeente == gemeente

    event = _events(uitdaging, AuditEventType.UITDAGING_BEANTWOORD).get()
    assert (event.from_state, event.to_state) == (S.INGEDIEND, S.OMGEZET)
    assert event.detail["traject"] == traject.pk
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.TRAJECT_AANGEMAAKT, target_id=str(traject.pk)
    ).exists()
    melding = Notificatie.objects.get(user=burger)
    assert melding.url == uitdaging.get_absolute_url()  # not the draft
    assert traject.get_absolute_url() not in melding.tekst


def test_accepteren_reuses_a_district_whatever_its_case(gemeente, andere_gemeente, medewerker):
    bestaand = WijkFactory(gemeente=gemeente, naam="Woensel-Noord")
    WijkFactory(gemeente=andere_gemeente, naam="woensel-noord")
    uitdaging = UitdagingFactory(gemeente=gemeente, waar="  woensel-NOORD ")
    uitdaging = services.uitdaging_accepteren(
        actor=medewerker, uitdaging=uitdaging, vorm=Vorm.SUBSIDIE
    )
    assert list(uitdaging.traject.wijken.all()) == [bestaand]
    assert Wijk.objects.filter(gemeente=gemeente).count() == 1


def test_accepteren_twice_makes_one_trajectory(uitdaging, medewerker):
    services.uitdaging_accepteren(actor=medewerker, uitdaging=uitdaging, vorm=Vorm.SUBSIDIE)
    with pytest.raises(DomainError):
        services.uitdaging_accepteren(actor=medewerker, uitdaging=uitdaging, vorm=Vorm.SUBSIDIE)
    assert Traject.objects.count() == 1


def test_accepteren_after_a_question_is_allowed(uitdaging, medewerker):
    services.uitdaging_meer_informatie_vragen(actor=medewerker, uitdaging=uitdaging, vraag="?")
    uitdaging = services.uitdaging_accepteren(
        actor=medewerker, uitdaging=uitdaging, vorm=Vorm.SUBSIDIE
    )
    assert uitdaging.status == S.OMGEZET
    assert uitdaging.reactie == ""
