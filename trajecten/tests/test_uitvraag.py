"""The uitvraag (call) PDF: versions with their content hash, through the core document path."""

import io

import pypdf
import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from aanbesteden.constants import AuditEventType, DocumentStatus
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from trajecten import inhoud
from trajecten.constants import EisSoort, TrajectStatus, UitvraagAanleiding
from trajecten.models import Rectificatie, Toelichting, UitvraagVersie
from trajecten.services import publicatie
from trajecten.tests.factories import (
    EisFactory,
    NotaFactory,
    PerceelFactory,
    TrajectFactory,
    VraagFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db

# A 1x1 PNG, for the municipality's logo on the cover.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8cfc0f01f0005000200a7e1b1b00000000049454e44ae426082"
)


@pytest.fixture
def traject(gemeente):
    traject = TrajectFactory(gemeente=gemeente, volledig=True, titel="Buurthuis De Boomgaard")
    traject.wijken.add(WijkFactory(gemeente=gemeente, naam="Woensel-Noord"))
    PerceelFactory(traject=traject, nummer=2, naam="Jongerenhonk Vlierstraat")
    return traject


def _aanvragen(actor, traject, *, aanleiding=UitvraagAanleiding.CONCEPT, openbaar=False):
    with transaction.atomic():
        return publicatie.uitvraag_aanvragen(
            actor=actor, traject=traject, aanleiding=aanleiding, openbaar=openbaar
        )


def _tekst(document):
    document.refresh_from_db()
    assert document.status == DocumentStatus.KLAAR, document.fout
    reader = pypdf.PdfReader(io.BytesIO(document.bestand.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.django_db(transaction=True)
def test_uitvraag_must_be_requested_inside_a_transaction(medewerker, traject):
    with pytest.raises(RuntimeError):
        publicatie.uitvraag_aanvragen(
            actor=medewerker,
            traject=traject,
            aanleiding=UitvraagAanleiding.CONCEPT,
            openbaar=False,
        )
    assert not UitvraagVersie.objects.exists()


def test_each_request_makes_the_next_version_with_the_content_hash(medewerker, traject):
    eerste = _aanvragen(medewerker, traject)
    tweede = _aanvragen(medewerker, traject)
    assert (eerste.versie, tweede.versie) == (1, 2)
    verwacht = inhoud.inhoud_hash(inhoud.snapshot(traject))
    assert eerste.inhoud_hash == tweede.inhoud_hash == verwacht
    assert eerste.document != tweede.document
    assert eerste.document.template_name == "trajecten/pdf/uitvraag.html"
    assert eerste.document.openbaar is False
    assert eerste.document.target_id == str(traject.pk)
    assert eerste.document.context["versie"] == 1
    events = AuditEvent.objects.filter(event_type=AuditEventType.UITVRAAG_AANGEVRAAGD)
    assert [e.detail["versie"] for e in events.order_by("id")] == [1, 2]
    assert all(e.target_id == str(traject.pk) for e in events)


def test_pdf_text_holds_task_lots_deadlines_qa_and_corrections(
    medewerker, traject, django_capture_on_commit_callbacks
):
    traject.gemeente.logo.save("logo.png", ContentFile(PNG))
    vrager = UserFactory(naam="Vera Vraagsteller", email="vera@vrager.nl")
    nota = NotaFactory(traject=traject, nummer=1, gepubliceerd_door=medewerker)
    VraagFactory(
        traject=traject,
        gesteld_door=vrager,
        beantwoord=True,
        nota=nota,
        nummer=1,
        tekst="Mogen buurtgroepen zonder rechtsvorm meedoen?",
        antwoord="Ja, een rechtsvorm is niet nodig.",
    )
    VraagFactory(traject=traject, tekst="Een open vraag die nog niet gepubliceerd is.")
    # Guidance, not law (issue 13, rule 17): it can be explained.
    eis = EisFactory(traject=traject, soort=EisSoort.ERVARING_MA, omschrijving="Ervaring")
    Toelichting.objects.create(
        traject=traject,
        code=f"ervaring_ma:{eis.pk}",
        tekst="Het fonds dat meebetaalt eist een ANBI-status.",
        door=medewerker,
    )
    Rectificatie.objects.create(
        traject=traject,
        nummer=1,
        reden="De sluitingsdatum is verschoven na een storing.",
        wijzigingen=[{"label": "x", "oud": "a", "nieuw": "b"}],
        gepubliceerd_door=medewerker,
    )
    with django_capture_on_commit_callbacks(execute=True):
        versie = _aanvragen(medewerker, traject)
    tekst = _tekst(versie.document)
    planning = inhoud.snapshot(traject)["planning"]
    for verwacht in (
        "Buurthuis De Boomgaard",
        "Eindhoven",
        traject.opgave,
        traject.wensbeeld,
        "Perceel",
        "Jongerenhonk Vlierstraat",
        "Woensel-Noord",
        "€ 90.000,00",
        planning["vragen_sluit"],
        planning["inschrijving_sluit"],
        planning["uitwerking_sluit"],
        "Maatschappelijke waarde",
        "Mogen buurtgroepen zonder rechtsvorm meedoen?",
        "Ja, een rechtsvorm is niet nodig.",
        "Het fonds dat meebetaalt eist een ANBI-status.",
        "De sluitingsdatum is verschoven na een storing.",
    ):
        assert verwacht in tekst, verwacht
    # The asker is never named; unpublished questions are not in the call.
    assert "Vera" not in tekst and "vera@vrager.nl" not in tekst
    assert "Een open vraag" not in tekst
    reader = pypdf.PdfReader(io.BytesIO(versie.document.bestand.open("rb").read()))
    assert len(reader.pages[0].images) == 1  # the logo on the cover
    assert reader.metadata.title == versie.document.titel


def test_a_draft_version_is_made_by_medewerkers_of_the_gemeente_only(
    traject, andere_gemeente, burger
):
    for actor in (MedewerkerFactory(gemeente=andere_gemeente).user, burger):
        with pytest.raises(NotAllowed):
            publicatie.uitvraag_concept_maken(actor=actor, traject=traject)
    assert not UitvraagVersie.objects.exists()


def test_a_double_click_gives_one_draft_version(medewerker, traject):
    eerste = publicatie.uitvraag_concept_maken(actor=medewerker, traject=traject)
    tweede = publicatie.uitvraag_concept_maken(actor=medewerker, traject=traject)
    assert eerste.pk == tweede.pk
    assert eerste.aanleiding == UitvraagAanleiding.CONCEPT
    assert eerste.openbaar is False and eerste.document.openbaar is False
    assert UitvraagVersie.objects.count() == 1


def test_a_change_or_a_failed_pdf_gives_a_new_draft_version(medewerker, traject):
    eerste = publicatie.uitvraag_concept_maken(actor=medewerker, traject=traject)
    traject.wensbeeld = "Iedereen in de wijk kent een buur die helpt."
    traject.save()
    tweede = publicatie.uitvraag_concept_maken(actor=medewerker, traject=traject)
    assert (eerste.versie, tweede.versie) == (1, 2)
    assert tweede.inhoud_hash != eerste.inhoud_hash
    tweede.document.status = DocumentStatus.DEFINITIEF_MISLUKT
    tweede.document.save()
    derde = publicatie.uitvraag_concept_maken(actor=medewerker, traject=traject)
    assert derde.versie == 3


def test_no_draft_version_after_publication(medewerker, gemeente):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    with pytest.raises(DomainError):
        publicatie.uitvraag_concept_maken(actor=medewerker, traject=traject)
    assert traject.status == TrajectStatus.GEPUBLICEERD
    assert traject.gepubliceerd_op <= timezone.now()
