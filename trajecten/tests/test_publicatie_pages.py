"""Pages of the publicatie part, for each role, with their query counts."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.urls import reverse

from aanbesteden.constants import AuditEventType, DocumentStatus
from aanbesteden.models import AuditEvent
from aanbesteden.tests.factories import DocumentFactory, MedewerkerFactory, UserFactory
from trajecten.constants import TrajectStatus, UitvraagAanleiding
from trajecten.models import Rectificatie, UitvraagVersie, Volger
from trajecten.services import publicatie
from trajecten.tests.factories import TrajectFactory, WijkFactory

pytestmark = pytest.mark.django_db

ROLLEN = ["anoniem", "burger", "medewerker", "medewerker_andere_gemeente"]


@pytest.fixture
def gebruikers(medewerker, burger, andere_gemeente):
    return {
        "anoniem": None,
        "burger": burger,
        "medewerker": medewerker,
        "medewerker_andere_gemeente": MedewerkerFactory(gemeente=andere_gemeente).user,
    }


def _versie(traject, versie, *, openbaar=True, aanleiding=UitvraagAanleiding.PUBLICATIE, **doc):
    document = DocumentFactory(gemeente=traject.gemeente, klaar=True, openbaar=openbaar, **doc)
    return UitvraagVersie.objects.create(
        traject=traject,
        versie=versie,
        aanleiding=aanleiding,
        document=document,
        inhoud_hash="0" * 64,
        openbaar=openbaar,
    )


@pytest.fixture
def wereld(gemeente, medewerker):
    gepubliceerd = TrajectFactory(gemeente=gemeente, gepubliceerd=True, titel="Open traject")
    concept = TrajectFactory(gemeente=gemeente, titel="Geheim concept")
    concept_versie = _versie(gepubliceerd, 1, openbaar=False, aanleiding=UitvraagAanleiding.CONCEPT)
    publiek = _versie(gepubliceerd, 2)
    rectificatie_versie = _versie(gepubliceerd, 3, aanleiding=UitvraagAanleiding.RECTIFICATIE)
    rectificatie = Rectificatie.objects.create(
        traject=gepubliceerd,
        nummer=1,
        reden="Verlengd na een storing.",
        wijzigingen=[
            {
                "sectie": "planning",
                "veld": "inschrijving_sluit",
                "label": "inschrijving sluit",
                "oud": "maandag 1 juni 2026, 12:00",
                "nieuw": "maandag 8 juni 2026, 12:00",
            }
        ],
        gepubliceerd_door=medewerker,
        uitvraag_versie=rectificatie_versie,
    )
    draft_versie = _versie(concept, 1, openbaar=False, aanleiding=UitvraagAanleiding.CONCEPT)
    return {
        "gepubliceerd": gepubliceerd,
        "concept": concept,
        "concept_versie": concept_versie,
        "publiek": publiek,
        "rectificatie": rectificatie,
        "draft_versie": draft_versie,
    }


def _login(client, gebruikers, rol):
    if gebruikers[rol] is not None:
        client.force_login(gebruikers[rol])


@pytest.mark.parametrize("rol", ROLLEN)
def test_versions_page_for_each_role(client, gebruikers, wereld, rol):
    _login(client, gebruikers, rol)
    response = client.get(reverse("trajecten:uitvraag", args=[wereld["gepubliceerd"].pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert str(wereld["publiek"].document.uuid) in page
    assert wereld["publiek"].document.sha256 in page
    assert reverse("trajecten:rectificatie", args=[wereld["gepubliceerd"].pk, 1]) in page
    # Draft versions made before publication: only for the gemeente's officers.
    assert (str(wereld["concept_versie"].document.uuid) in page) == (rol == "medewerker")
    versies = [v.versie for v in response.context["versies"]]
    assert versies == ([3, 2, 1] if rol == "medewerker" else [3, 2])


@pytest.mark.parametrize("rol", ROLLEN)
def test_drafts_and_their_versions_are_hidden_from_everyone_else(client, gebruikers, wereld, rol):
    _login(client, gebruikers, rol)
    ok = rol == "medewerker"
    response = client.get(reverse("trajecten:uitvraag", args=[wereld["concept"].pk]))
    assert response.status_code == (200 if ok else 404)
    for versie in (wereld["draft_versie"], wereld["concept_versie"]):
        for naam in ("document_download", "document_detail"):
            response = client.get(reverse(naam, args=[versie.document.uuid]))
            assert response.status_code == (200 if ok else 404), (naam, rol)


@pytest.mark.parametrize("rol", ROLLEN)
def test_correction_page_for_each_role(client, gebruikers, wereld, rol):
    _login(client, gebruikers, rol)
    traject = wereld["gepubliceerd"]
    response = client.get(reverse("trajecten:rectificatie", args=[traject.pk, 1]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Verlengd na een storing." in page
    assert "maandag 1 juni 2026, 12:00" in page and "maandag 8 juni 2026, 12:00" in page
    assert (
        reverse("document_download", args=[wereld["rectificatie"].uitvraag_versie.document.uuid])
        in page
    )
    assert client.get(reverse("trajecten:rectificatie", args=[traject.pk, 2])).status_code == 404
    concept = client.get(reverse("trajecten:rectificatie", args=[wereld["concept"].pk, 1]))
    assert concept.status_code == 404


@pytest.mark.parametrize("rol", ROLLEN)
def test_make_call_and_publish_are_for_the_gemeentes_medewerkers(client, gebruikers, wereld, rol):
    _login(client, gebruikers, rol)
    concept = wereld["concept"]
    for naam in ("uitvraag_maken", "publiceren"):
        response = client.post(reverse(f"trajecten:{naam}", args=[concept.pk]))
        if rol == "anoniem":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("account_login"))
        elif rol == "medewerker":
            assert response.status_code == 302
        else:
            assert response.status_code == 404


def test_medewerker_makes_the_call_then_publishes(
    client, medewerker, gemeente, django_capture_on_commit_callbacks
):
    traject = TrajectFactory(gemeente=gemeente, volledig=True)
    traject.wijken.add(WijkFactory(gemeente=gemeente))
    client.force_login(medewerker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("trajecten:uitvraag_maken", args=[traject.pk]))
    assert response["Location"] == reverse("trajecten:uitvraag", args=[traject.pk])
    versie = UitvraagVersie.objects.get(traject=traject)
    assert versie.document.status == DocumentStatus.KLAAR
    page = client.get(response["Location"]).content.decode()
    assert str(versie.document.uuid) in page
    response = client.post(reverse("trajecten:publiceren", args=[traject.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("trajecten:detail", args=[traject.pk])
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.GEPUBLICEERD


def test_publish_refused_goes_back_to_beheer_with_every_reason(client, medewerker, wereld):
    client.force_login(medewerker)
    concept = wereld["concept"]
    response = client.post(reverse("trajecten:publiceren", args=[concept.pk]))
    assert response["Location"] == reverse("trajecten:beheer", args=[concept.pk])
    berichten = list(response.wsgi_request._messages)
    assert len(berichten) > 3
    assert all(b.level_tag == "error" for b in berichten)
    concept.refresh_from_db()
    assert concept.status == TrajectStatus.CONCEPT


# Following


def test_anonymous_visitor_logs_in_first_and_comes_back(client, wereld):
    traject = wereld["gepubliceerd"]
    response = client.post(reverse("trajecten:volgen", args=[traject.pk]))
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("account_login") + "?next=" + reverse("trajecten:detail", args=[traject.pk])
    )
    assert not Volger.objects.exists()


def test_follow_button_with_a_double_click_and_without_javascript(client, burger, wereld):
    traject = wereld["gepubliceerd"]
    client.force_login(burger)
    url = reverse("trajecten:volgen", args=[traject.pk])
    ontvolgen = reverse("trajecten:ontvolgen", args=[traject.pk])
    for _ in range(2):
        response = client.post(url)
        assert response["Location"] == reverse("trajecten:detail", args=[traject.pk])
    assert Volger.objects.filter(traject=traject, user=burger).count() == 1
    assert AuditEvent.objects.filter(event_type=AuditEventType.TRAJECT_GEVOLGD).count() == 1
    for _ in range(2):  # stopping is its own URL: a double click stops once
        client.post(ontvolgen)
    assert not Volger.objects.exists()
    assert AuditEvent.objects.filter(event_type=AuditEventType.TRAJECT_ONTVOLGD).count() == 1
    client.post(url)
    assert Volger.objects.count() == 1


def test_follow_button_with_htmx_swaps_itself(client, burger, wereld):
    traject = wereld["gepubliceerd"]
    client.force_login(burger)
    url = reverse("trajecten:volgen", args=[traject.pk])
    ontvolgen = reverse("trajecten:ontvolgen", args=[traject.pk])
    response = client.post(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="volgen-{traject.pk}"' in page
    assert f'hx-post="{ontvolgen}"' in page
    response = client.post(ontvolgen, headers={"HX-Request": "true"})
    assert f'hx-post="{url}"' in response.content.decode()
    assert not Volger.objects.exists()


@pytest.mark.parametrize("rol", ["burger", "medewerker_andere_gemeente"])
def test_drafts_cannot_be_followed(client, gebruikers, wereld, rol):
    _login(client, gebruikers, rol)
    response = client.post(reverse("trajecten:volgen", args=[wereld["concept"].pk]))
    assert response.status_code == 404
    assert not Volger.objects.exists()


def test_medewerker_cannot_follow_own_draft(client, medewerker, wereld):
    client.force_login(medewerker)
    response = client.post(reverse("trajecten:volgen", args=[wereld["concept"].pk]))
    assert response.status_code == 302
    assert not Volger.objects.exists()


def test_follow_snippet_renders_for_each_state(rf, burger, wereld):
    traject = wereld["gepubliceerd"]
    request = rf.get("/")
    request.user = burger
    volgen = render_to_string(
        "trajecten/publicatie/_volgen.html", {"traject": traject, "volgt": False}, request
    )
    volgen_url = reverse("trajecten:volgen", args=[traject.pk])
    ontvolgen_url = reverse("trajecten:ontvolgen", args=[traject.pk])
    assert f'action="{volgen_url}"' in volgen and "csrfmiddlewaretoken" in volgen
    ontvolgen = render_to_string(
        "trajecten/publicatie/_volgen.html", {"traject": traject, "volgt": True}, request
    )
    assert f'action="{ontvolgen_url}"' in ontvolgen
    request.user = AnonymousUser()
    anoniem = render_to_string(
        "trajecten/publicatie/_volgen.html", {"traject": traject, "volgt": False}, request
    )
    assert reverse("account_login") in anoniem and "<form" not in anoniem
    request.user = burger
    concept = render_to_string(
        "trajecten/publicatie/_volgen.html", {"traject": wereld["concept"], "volgt": False}, request
    )
    assert concept.strip() == ""


# Query counts: the same for 5 and for 50 rows.


@pytest.mark.parametrize("rol,verwacht", [("anoniem", 2), ("burger", 6), ("medewerker", 7)])
def test_versions_page_queries(client, count_queries, gebruikers, gemeente, rol, verwacht):
    _login(client, gebruikers, rol)
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    url = reverse("trajecten:uitvraag", args=[traject.pk])

    def versies(van, tot):
        for n in range(van, tot):
            versie = _versie(
                traject,
                n,
                openbaar=n % 5 != 0,
                aanleiding=UitvraagAanleiding.RECTIFICATIE if n % 2 else UitvraagAanleiding.NOTA,
            )
            if n % 2:
                Rectificatie.objects.create(
                    traject=traject,
                    nummer=n,
                    reden="r",
                    wijzigingen=[],
                    gepubliceerd_door=gebruikers["medewerker"],
                    uitvraag_versie=versie,
                )

    versies(1, 6)
    few = count_queries(lambda: client.get(url))
    versies(6, 51)
    many = count_queries(lambda: client.get(url))
    assert (few, many) == (verwacht, verwacht)


@pytest.mark.parametrize("rol,verwacht", [("anoniem", 2), ("burger", 6)])
def test_correction_page_queries(client, count_queries, gebruikers, gemeente, rol, verwacht):
    _login(client, gebruikers, rol)
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)

    def rectificatie(nummer, aantal):
        wijzigingen = [
            {"sectie": "kaders", "veld": f"v{i}", "label": f"Veld {i}", "oud": "a", "nieuw": "b"}
            for i in range(aantal)
        ]
        Rectificatie.objects.create(
            traject=traject,
            nummer=nummer,
            reden="Reden",
            wijzigingen=wijzigingen,
            gepubliceerd_door=UserFactory(),
            uitvraag_versie=_versie(traject, nummer, aanleiding=UitvraagAanleiding.RECTIFICATIE),
        )
        return reverse("trajecten:rectificatie", args=[traject.pk, nummer])

    weinig, veel = rectificatie(1, 5), rectificatie(2, 50)
    few = count_queries(lambda: client.get(weinig))
    many = count_queries(lambda: client.get(veel))
    assert (few, many) == (verwacht, verwacht)


def test_publication_through_the_page_is_audited_once(
    client, medewerker, gemeente, django_capture_on_commit_callbacks
):
    traject = TrajectFactory(gemeente=gemeente, volledig=True)
    traject.wijken.add(WijkFactory(gemeente=gemeente))
    with django_capture_on_commit_callbacks(execute=True):
        publicatie.uitvraag_concept_maken(actor=medewerker, traject=traject)
    client.force_login(medewerker)
    url = reverse("trajecten:publiceren", args=[traject.pk])
    client.post(url)
    client.post(url)  # a double click: the second one is refused
    assert AuditEvent.objects.filter(event_type=AuditEventType.TRAJECT_GEPUBLICEERD).count() == 1
