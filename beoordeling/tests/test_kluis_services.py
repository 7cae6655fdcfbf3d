"""Opening the vault: two different officers, after the deadline, within the window."""

import io
from datetime import timedelta

import pypdf
import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from aanbesteden import weergave
from aanbesteden.constants import AuditEventType, DocumentStatus
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent, Notificatie
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from beoordeling.constants import KLUIS_BEVESTIGEN_BINNEN_MINUTEN, BodStatus, Ronde
from beoordeling.documents.kluis import SECONDE
from beoordeling.models import KluisOpening
from beoordeling.selectors import kluis as sel
from beoordeling.services import kluis as services
from beoordeling.tests.factories import (
    BodFactory,
    BodVersieFactory,
    KluisOpeningFactory,
    alles_verklaard,
)
from beoordeling.tests.kluisteam import in_team
from coalities.tests.factories import CoalitieFactory, OrganisatieFactory
from trajecten.tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def traject(gemeente, medewerker, tweede):
    traject = TrajectFactory(gemeente=gemeente, volledig=True, gepubliceerd=True)
    in_team(traject, medewerker, tweede)
    return traject


@pytest.fixture
def na_deadline(traject):
    with time_machine.travel(traject.inschrijving_sluit + timedelta(minutes=1), tick=False) as t:
        yield t


@pytest.fixture
def tweede(gemeente):
    return MedewerkerFactory(gemeente=gemeente).user


def _events(event_type):
    return AuditEvent.objects.filter(event_type=event_type)


def test_start_before_deadline_is_refused(traject, medewerker):
    with pytest.raises(DomainError):
        services.kluis_opening_starten(actor=medewerker, traject=traject, ronde=Ronde.HOOFDLIJNEN)
    # Exactly at the deadline it may start (op decides, not the clock of the worker).
    opening = services.kluis_opening_starten(
        actor=medewerker,
        traject=traject,
        ronde=Ronde.HOOFDLIJNEN,
        op=traject.inschrijving_sluit,
    )
    assert opening.gestart_door == medewerker
    assert not KluisOpening.objects.filter(geopend_op__isnull=False).exists()


def test_only_medewerkers_of_the_gemeente(traject, andere_gemeente, beheerder, na_deadline):
    for user in (UserFactory(), MedewerkerFactory(gemeente=andere_gemeente).user, beheerder):
        with pytest.raises(NotAllowed):
            services.kluis_opening_starten(actor=user, traject=traject, ronde=Ronde.HOOFDLIJNEN)
    assert not KluisOpening.objects.exists()


def test_four_eyes_opening(
    traject, medewerker, tweede, na_deadline, django_capture_on_commit_callbacks
):
    bod = BodFactory(perceel=traject.percelen.first(), ingediend=True)
    opening = services.kluis_opening_starten(
        actor=medewerker, traject=traject, ronde=Ronde.HOOFDLIJNEN
    )
    assert _events(AuditEventType.KLUIS_OPENING_GESTART).count() == 1
    # A second start while one waits returns it, also for a colleague.
    assert (
        services.kluis_opening_starten(actor=medewerker, traject=traject, ronde="hoofdlijnen")
        == opening
    )
    assert services.kluis_opening_starten(actor=tweede, traject=traject, ronde="hoofdlijnen") == (
        opening
    )
    assert KluisOpening.objects.count() == 1
    assert _events(AuditEventType.KLUIS_OPENING_GESTART).count() == 1

    # The starter cannot confirm.
    with pytest.raises(NotAllowed):
        services.kluis_openen(actor=medewerker, opening=opening)
    assert not sel.is_geopend(traject, Ronde.HOOFDLIJNEN)
    assert not sel.mag_inhoud_zien(tweede, bod)

    with django_capture_on_commit_callbacks(execute=True):
        opening = services.kluis_openen(actor=tweede, opening=opening)
    assert opening.bevestigd_door == tweede
    assert opening.geopend_op is not None
    assert sel.is_geopend(traject, Ronde.HOOFDLIJNEN)
    # Issue 13, rule 5: an officer reads after both declarations.
    assert not sel.mag_inhoud_zien(medewerker, bod)
    alles_verklaard(medewerker, traject)
    assert sel.mag_inhoud_zien(medewerker, bod)
    event = _events(AuditEventType.KLUIS_GEOPEND).get()
    assert event.actor == tweede
    assert event.detail["ronde"] == "hoofdlijnen"
    assert event.detail["aantal_ingediend"] == 1
    pv = opening.proces_verbaal
    pv.refresh_from_db()
    assert pv.openbaar is False
    assert pv.gemeente == traject.gemeente
    assert pv.target_id == str(opening.pk)
    assert pv.status == DocumentStatus.KLAAR, pv.fout

    # A double confirmation and a new start are refused; nothing changes.
    with pytest.raises(DomainError):
        services.kluis_openen(actor=tweede, opening=opening)
    with pytest.raises(DomainError):
        services.kluis_opening_starten(actor=medewerker, traject=traject, ronde="hoofdlijnen")
    assert _events(AuditEventType.KLUIS_GEOPEND).count() == 1
    assert KluisOpening.objects.count() == 1


def test_database_refuses_same_medewerker(traject, medewerker):
    with pytest.raises(IntegrityError), transaction.atomic():
        KluisOpeningFactory(traject=traject, gestart_door=medewerker, bevestigd_door=medewerker)


def test_late_confirmation_needs_a_new_start(traject, medewerker, tweede, na_deadline):
    opening = services.kluis_opening_starten(
        actor=medewerker, traject=traject, ronde=Ronde.HOOFDLIJNEN
    )
    na_deadline.shift(timedelta(minutes=KLUIS_BEVESTIGEN_BINNEN_MINUTEN, seconds=1))
    with pytest.raises(DomainError):
        services.kluis_openen(actor=tweede, opening=opening)
    assert not sel.is_geopend(traject, Ronde.HOOFDLIJNEN)
    # Starting again makes a new opening, which the colleague confirms in time.
    nieuw = services.kluis_opening_starten(
        actor=medewerker, traject=traject, ronde=Ronde.HOOFDLIJNEN
    )
    assert nieuw.pk != opening.pk
    na_deadline.shift(timedelta(minutes=KLUIS_BEVESTIGEN_BINNEN_MINUTEN))
    services.kluis_openen(actor=tweede, opening=nieuw)
    assert sel.is_geopend(traject, Ronde.HOOFDLIJNEN)
    # The old start can no longer be confirmed.
    with pytest.raises(DomainError):
        services.kluis_openen(actor=tweede, opening=opening)


def test_confirmation_at_the_edge_of_the_window(traject, medewerker, tweede, na_deadline):
    opening = services.kluis_opening_starten(
        actor=medewerker, traject=traject, ronde=Ronde.HOOFDLIJNEN
    )
    na_deadline.shift(timedelta(minutes=KLUIS_BEVESTIGEN_BINNEN_MINUTEN))
    services.kluis_openen(actor=tweede, opening=opening)
    assert sel.is_geopend(traject, Ronde.HOOFDLIJNEN)


def test_other_gemeente_cannot_confirm(traject, medewerker, andere_gemeente, na_deadline):
    opening = services.kluis_opening_starten(
        actor=medewerker, traject=traject, ronde=Ronde.HOOFDLIJNEN
    )
    with pytest.raises(NotAllowed):
        services.kluis_openen(
            actor=MedewerkerFactory(gemeente=andere_gemeente).user, opening=opening
        )


def test_stages_have_their_own_vault(traject, medewerker, tweede):
    with time_machine.travel(traject.inschrijving_sluit, tick=False):
        opening = services.kluis_opening_starten(
            actor=medewerker, traject=traject, ronde=Ronde.HOOFDLIJNEN
        )
        services.kluis_openen(actor=tweede, opening=opening)
        with pytest.raises(DomainError):
            services.kluis_opening_starten(
                actor=medewerker, traject=traject, ronde=Ronde.UITWERKING
            )
    assert not sel.is_geopend(traject, Ronde.UITWERKING)


def _pdf_tekst(document):
    document.refresh_from_db()
    assert document.status == DocumentStatus.KLAAR, document.fout
    reader = pypdf.PdfReader(io.BytesIO(document.bestand.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_proces_verbaal_lists_bids_times_and_hashes(
    traject, medewerker, tweede, django_capture_on_commit_callbacks
):
    perceel = traject.percelen.first()
    eerste = BodFactory(
        perceel=perceel,
        organisatie=OrganisatieFactory(naam="Stichting Samen Koken"),
        coalitie=CoalitieFactory(traject=traject, naam="Coalitie De Huiskamer"),
        ingediend=True,
    )
    deadline = traject.inschrijving_sluit
    versie = eerste.versies.get()
    versie.ingediend_op = deadline - timedelta(hours=1, seconds=7)
    versie.save()
    BodVersieFactory(bod=eerste, nummer=2, ingediend_op=deadline - timedelta(seconds=3))
    tweede_bod = BodFactory(
        perceel=perceel, organisatie=OrganisatieFactory(naam="Buurtvereniging Oost"), ingediend=True
    )
    tweede_bod.status = BodStatus.INGETROKKEN
    tweede_bod.save()
    BodFactory(perceel=perceel, organisatie=OrganisatieFactory(naam="Nooit Ingediend BV"))

    with time_machine.travel(deadline + timedelta(minutes=2), tick=False):
        opening = services.kluis_opening_starten(
            actor=medewerker, traject=traject, ronde=Ronde.HOOFDLIJNEN
        )
        with django_capture_on_commit_callbacks(execute=True):
            opening = services.kluis_openen(actor=tweede, opening=opening)

    tekst = _pdf_tekst(opening.proces_verbaal)
    zonder_spaties = tekst.replace(" ", "")
    assert traject.titel in tekst
    assert "Stichting Samen Koken" in tekst
    assert "Coalitie De Huiskamer" in tekst
    assert "Buurtvereniging Oost" in tekst
    assert "Nooit Ingediend BV" not in tekst
    laatste = eerste.versies.get(nummer=2)
    assert laatste.sha256 in zonder_spaties
    assert tweede_bod.versies.get().sha256 in zonder_spaties

    with translation.override("nl"):
        assert weergave.moment(laatste.ingediend_op, SECONDE) in tekst
        assert weergave.moment(deadline, SECONDE) in tekst
    assert medewerker.email in tekst
    assert tweede.email in tekst
    assert opening.proces_verbaal.context["aantal_ingediend"] == 1
    assert opening.proces_verbaal.context["aantal_ingetrokken"] == 1
    # No content in the record.
    assert "huiskamer in de wijk" not in tekst.lower()


# --- issue 13, rule 2: only the trajectory's team opens the vault -------------------------


def test_a_medewerker_outside_the_team_can_neither_start_nor_confirm(
    traject, medewerker, gemeente, na_deadline
):
    buiten_team = MedewerkerFactory(gemeente=gemeente).user
    with pytest.raises(NotAllowed) as fout:
        services.kluis_opening_starten(actor=buiten_team, traject=traject, ronde=Ronde.HOOFDLIJNEN)
    assert "team" in str(fout.value)
    assert not KluisOpening.objects.exists()
    opening = services.kluis_opening_starten(
        actor=medewerker, traject=traject, ronde=Ronde.HOOFDLIJNEN
    )
    with pytest.raises(NotAllowed):
        services.kluis_openen(actor=buiten_team, opening=opening)
    assert not sel.is_geopend(traject, Ronde.HOOFDLIJNEN)


def test_the_other_team_members_are_told_a_confirmation_waits_with_the_time_left(
    traject, medewerker, tweede, gemeente, django_capture_on_commit_callbacks, mailoutbox
):
    derde = MedewerkerFactory(gemeente=gemeente).user
    in_team(traject, derde)
    buiten_team = MedewerkerFactory(gemeente=gemeente).user
    gestart = traject.inschrijving_sluit.replace(second=0, microsecond=0) + timedelta(minutes=2)
    with (
        time_machine.travel(gestart, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.kluis_opening_starten(actor=medewerker, traject=traject, ronde=Ronde.HOOFDLIJNEN)
    tot = weergave.moment(gestart + timedelta(minutes=10), "H:i")
    onderwerp = f"Bevestig de opening van de kluis vóór {tot} (nog 10 minuten)"
    for user in (tweede, derde):
        melding = Notificatie.objects.get(user=user)
        assert melding.onderwerp == onderwerp
        assert f"vóór {tot}" in melding.tekst and "10 minuten" in melding.tekst
        assert melding.url == reverse("beoordeling:kluis", args=[traject.pk])
    assert not Notificatie.objects.filter(user__in=[medewerker, buiten_team]).exists()
    assert sorted(m.to[0] for m in mailoutbox) == sorted([tweede.email, derde.email])
    assert all(m.subject == onderwerp for m in mailoutbox)
