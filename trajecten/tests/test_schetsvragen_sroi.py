"""Issue 14, points 4 and 8: the trajectory's own questions for the outline bid (at most
five, in the call, changed after publication only by a correction) and social return as a
condition of the agreement (copied from the gemeente, set in the frames, in the call)."""

import io
from datetime import timedelta
from decimal import Decimal

import pypdf
import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from aanbesteden.constants import DocumentStatus
from aanbesteden.exceptions import DomainError
from aanbesteden.tests.factories import MedewerkerFactory
from coalities.tests.factories import LidmaatschapFactory
from trajecten import inhoud
from trajecten.constants import UitvraagAanleiding
from trajecten.models import Rectificatie, Schetsvraag
from trajecten.services import opstellen, publicatie
from trajecten.tests.factories import PerceelFactory, SchetsvraagFactory, TrajectFactory

pytestmark = pytest.mark.django_db


def _vragen(*teksten):
    return {"schetsvragen": [{"vraag": t, "toelichting": f"Uitleg bij {t}"} for t in teksten]}


@pytest.fixture
def traject(gemeente, medewerker):
    return TrajectFactory(gemeente=gemeente, aangemaakt_door=medewerker, volledig=True)


def _url(traject):
    return reverse("trajecten:sectie", args=[traject.pk, "schetsvragen"])


# --- the questions: services --------------------------------------------------------------------


def test_the_medewerker_sets_up_to_five_questions(medewerker, traject):
    opstellen.sectie_opslaan(
        actor=medewerker,
        traject=traject,
        sectie="schetsvragen",
        wijzigingen=_vragen("Wie kent u al?", "Hoe begint u klein?"),
    )
    assert [v.vraag for v in traject.schetsvragen.order_by("volgorde")] == [
        "Wie kent u al?",
        "Hoe begint u klein?",
    ]
    opstellen.sectie_opslaan(
        actor=medewerker,
        traject=traject,
        sectie="schetsvragen",
        wijzigingen=_vragen("Drie?", "Vier?", "Vijf?"),
    )
    assert traject.schetsvragen.count() == 5
    with pytest.raises(DomainError) as exc:
        opstellen.sectie_opslaan(
            actor=medewerker, traject=traject, sectie="schetsvragen", wijzigingen=_vragen("Zes?")
        )
    assert "hoogstens 5 eigen vragen" in str(exc.value)
    assert traject.schetsvragen.count() == 5
    with pytest.raises(DomainError):
        opstellen.sectie_opslaan(
            actor=medewerker, traject=traject, sectie="schetsvragen", wijzigingen=_vragen("  ")
        )


def test_a_medewerker_of_another_gemeente_sets_no_questions(andere_gemeente, traject):
    ander = MedewerkerFactory(gemeente=andere_gemeente).user
    with pytest.raises(Exception):  # noqa: B017 - NotAllowed, whatever its message
        opstellen.sectie_opslaan(
            actor=ander, traject=traject, sectie="schetsvragen", wijzigingen=_vragen("Stiekem?")
        )
    assert not Schetsvraag.objects.exists()


def test_after_publication_the_questions_change_only_by_a_correction(gemeente, medewerker):
    traject = TrajectFactory(
        gemeente=gemeente, aangemaakt_door=medewerker, volledig=True, gepubliceerd=True
    )
    vraag = SchetsvraagFactory(traject=traject, vraag="Wie kent u al?")
    wijziging = {"schetsvragen": [{"id": vraag.pk, "vraag": "Wie kent u al in de wijk?"}]}
    with pytest.raises(DomainError):  # no reason: no silent change
        opstellen.sectie_opslaan(
            actor=medewerker, traject=traject, sectie="schetsvragen", wijzigingen=wijziging
        )
    opstellen.sectie_opslaan(
        actor=medewerker,
        traject=traject,
        sectie="schetsvragen",
        wijzigingen=wijziging,
        reden="De vraag was te ruim.",
    )
    rectificatie = Rectificatie.objects.get(traject=traject)
    (wijziging,) = rectificatie.wijzigingen
    assert wijziging["label"] == "Vragen voor het bod op hoofdlijnen"
    assert "Wie kent u al in de wijk?" in wijziging["nieuw"]


# --- the questions: the page --------------------------------------------------------------------


def _formset(rijen, initieel=0):
    data = {
        "schetsvragen-TOTAL_FORMS": str(len(rijen)),
        "schetsvragen-INITIAL_FORMS": str(initieel),
        "schetsvragen-MIN_NUM_FORMS": "0",
        "schetsvragen-MAX_NUM_FORMS": "5",
    }
    for i, rij in enumerate(rijen):
        for key, value in rij.items():
            data[f"schetsvragen-{i}-{key}"] = value
    return data


@pytest.mark.parametrize(
    ("rol", "verwacht"),
    [("anoniem", 302), ("burger", 404), ("bieder", 404), ("andere_medewerker", 404)],
)
def test_the_section_page_is_for_medewerkers(
    client, traject, burger, andere_gemeente, rol, verwacht
):
    users = {
        "burger": burger,
        "bieder": LidmaatschapFactory(beheerder=True).user,
        "andere_medewerker": MedewerkerFactory(gemeente=andere_gemeente).user,
    }
    if rol in users:
        client.force_login(users[rol])
    assert client.get(_url(traject)).status_code == verwacht
    assert client.post(_url(traject), _formset([{"vraag": "x"}])).status_code == verwacht
    assert not Schetsvraag.objects.exists()


def test_the_medewerker_writes_questions_on_the_page(client, medewerker, traject):
    client.force_login(medewerker)
    html = client.get(_url(traject)).content.decode()
    assert "Vragen voor het bod op hoofdlijnen" in html and "hoogstens 5 eigen vragen" in html
    response = client.post(
        _url(traject),
        _formset([{"vraag": "Wie kent u al?", "toelichting": "Noem namen."}, {"vraag": ""}]),
    )
    assert response.status_code == 302
    (vraag,) = traject.schetsvragen.all()
    assert (vraag.vraag, vraag.toelichting) == ("Wie kent u al?", "Noem namen.")


def test_a_sixth_question_is_refused_with_a_clear_message(client, medewerker, traject):
    for n in range(5):
        SchetsvraagFactory(traject=traject, vraag=f"Vraag {n}?")
    client.force_login(medewerker)
    html = client.get(_url(traject)).content.decode()
    assert html.count('name="schetsvragen-') and 'name="schetsvragen-5-vraag"' not in html
    rijen = [{"id": str(v.pk), "vraag": v.vraag} for v in traject.schetsvragen.all()]
    response = client.post(_url(traject), _formset([*rijen, {"vraag": "Zes?"}], initieel=5))
    html = response.content.decode()
    assert response.status_code == 200
    assert "hoogstens 5 eigen vragen" in html and 'role="alert"' in html
    assert traject.schetsvragen.count() == 5


@pytest.mark.parametrize("aantal", [1, 5])
def test_the_section_page_queries_do_not_grow(
    client, medewerker, traject, django_assert_num_queries, aantal
):
    for n in range(aantal):
        SchetsvraagFactory(traject=traject, vraag=f"Vraag {n}?")
    client.force_login(medewerker)
    client.get(_url(traject))
    with django_assert_num_queries(SECTIE_QUERIES):
        response = client.get(_url(traject))
    assert response.content.decode().count("Vraag ") >= aantal


SECTIE_QUERIES = 16


# --- social return ------------------------------------------------------------------------------


def test_a_new_trajectory_states_the_gemeentes_social_return(gemeente, medewerker):
    gemeente.sroi_percentage = Decimal("4")
    gemeente.sroi_drempel = Decimal("200000")
    gemeente.save()
    traject = opstellen.traject_aanmaken(actor=medewerker, gemeente=gemeente, titel="Buurthuis")
    assert (traject.sroi_percentage, traject.sroi_drempel) == (Decimal("4"), Decimal("200000"))


def test_the_medewerker_sets_social_return_in_the_frames(client, medewerker, traject):
    client.force_login(medewerker)
    url = reverse("trajecten:sectie", args=[traject.pk, "kaders"])
    html = client.get(url).content.decode()
    assert 'name="sroi_percentage"' in html and 'name="sroi_drempel"' in html
    data = {
        "budget": "180000",
        "dienst_soort": traject.dienst_soort,
        "sroi_percentage": "3",
        "sroi_drempel": "100000",
    }
    assert client.post(url, data).status_code == 302
    traject.refresh_from_db()
    assert (traject.sroi_percentage, traject.sroi_drempel) == (Decimal("3"), Decimal("100000"))
    with pytest.raises(DomainError):
        opstellen.sectie_opslaan(
            actor=medewerker,
            traject=traject,
            sectie="kaders",
            wijzigingen={"sroi_percentage": Decimal("120")},
        )


def test_the_snapshot_states_social_return_and_the_questions(traject):
    PerceelFactory(traject=traject, nummer=7, budget=Decimal("300000"))
    SchetsvraagFactory(traject=traject, vraag="Wie kent u al?", toelichting="Noem namen.")
    snapshot = inhoud.snapshot(traject)
    assert snapshot["kaders"]["sroi"] == (
        "Social return is een voorwaarde in de overeenkomst: 5% van de opdrachtwaarde, "
        "vanaf € 250.000,00. Dit geldt voor perceel: 7."
    )
    assert snapshot["schetsvragen"] == [{"vraag": "Wie kent u al?", "toelichting": "Noem namen."}]
    traject.sroi_percentage = None
    assert inhoud.snapshot(traject)["kaders"]["sroi"] == ""


def test_the_call_prints_social_return_and_the_questions(
    medewerker, traject, django_capture_on_commit_callbacks
):
    SchetsvraagFactory(traject=traject, vraag="Wie kent u al in de wijk?", toelichting="Kort.")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        versie = publicatie.uitvraag_aanvragen(
            actor=medewerker,
            traject=traject,
            aanleiding=UitvraagAanleiding.CONCEPT,
            openbaar=False,
        )
    document = versie.document
    document.refresh_from_db()
    assert document.status == DocumentStatus.KLAAR, document.fout
    reader = pypdf.PdfReader(io.BytesIO(document.bestand.read()))
    tekst = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Social return is een voorwaarde in de overeenkomst: 5% van de opdrachtwaarde" in tekst
    assert "Vragen voor het bod op hoofdlijnen" in tekst
    assert "Wie kent u al in de wijk?" in tekst and "Kort." in tekst


@pytest.mark.parametrize("ingelogd", [False, True])
def test_the_trajectory_page_shows_social_return_and_the_questions(
    client, gemeente, medewerker, burger, ingelogd
):
    traject = TrajectFactory(gemeente=gemeente, volledig=True, gepubliceerd=True)
    traject.inschrijving_sluit = timezone.now() + timedelta(days=30)
    SchetsvraagFactory(traject=traject, vraag="Wie kent u al in de wijk?", toelichting="Kort.")
    if ingelogd:
        client.force_login(burger)
    html = client.get(traject.get_absolute_url()).content.decode()
    assert "Social return is een voorwaarde in de overeenkomst: 5% van de opdrachtwaarde" in html
    assert "Vragen voor het bod op hoofdlijnen" in html and "Wie kent u al in de wijk?" in html
