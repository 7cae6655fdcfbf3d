"""The public portal: the list with its filters, and one trajectory's page."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from aanbesteden.tests.factories import (
    DocumentFactory,
    GemeenteFactory,
    MedewerkerFactory,
    UserFactory,
)
from trajecten.constants import Domein, Fase, TrajectStatus, Vorm
from trajecten.models import Rectificatie, UitvraagVersie
from trajecten.selectors.portaal import fasen, traject_detail
from trajecten.tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    NotaFactory,
    PerceelFactory,
    TrajectFactory,
    VraagFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


def _titels(response):
    return [t.titel for t in response.context["page"].object_list]


def _lijst(client, **params):
    response = client.get(reverse("trajecten:lijst"), params)
    assert response.status_code == 200
    return response


# --- the list -------------------------------------------------------------------------------


def test_list_shows_published_trajectories_only(client, gemeente, medewerker):
    TrajectFactory(gemeente=gemeente, titel="Openbaar traject", gepubliceerd=True)
    TrajectFactory(gemeente=gemeente, titel="Geheim concept")
    for user in (None, UserFactory(), medewerker):
        if user is not None:
            client.force_login(user)
        response = _lijst(client)
        assert _titels(response) == ["Openbaar traject"]
        assert "Geheim concept" not in response.content.decode()


def test_list_card_shows_the_key_facts(client, gemeente):
    traject = TrajectFactory(
        gemeente=gemeente,
        gepubliceerd=True,
        domein=Domein.SOCIAAL,
        vorm=Vorm.SUBSIDIE,
        actieve_fase=Fase.B,
        inschrijving_sluit=datetime(2030, 3, 10, 11, 30, tzinfo=UTC),
    )
    traject.wijken.add(WijkFactory(gemeente=gemeente, naam="Woensel-Noord"))
    PerceelFactory(traject=traject, nummer=1)
    PerceelFactory(traject=traject, nummer=2)
    response = _lijst(client)
    [kaart] = response.context["page"].object_list
    assert kaart.aantal_percelen == 2
    page = response.content.decode()
    assert traject.get_absolute_url() in page
    assert "Eindhoven" in page
    assert "Woensel-Noord" in page
    assert "12:30" in page  # 11:30 UTC is 12:30 in Amsterdam (winter time)
    assert response.context["page"].paginator.count == 1


def test_filter_gemeente(client, gemeente, andere_gemeente):
    TrajectFactory(gemeente=gemeente, titel="In Eindhoven", gepubliceerd=True)
    TrajectFactory(gemeente=andere_gemeente, titel="In Zwolle", gepubliceerd=True)
    leeg = GemeenteFactory(naam="Oss", slug="oss")
    TrajectFactory(gemeente=leeg)  # only a draft: not a choice
    response = _lijst(client, gemeente="zwolle")
    assert _titels(response) == ["In Zwolle"]
    keuzes = list(response.context["filter"].form.fields["gemeente"].queryset)
    assert keuzes == [gemeente, andere_gemeente]


def test_filter_wijk_by_name_across_municipalities(client, gemeente, andere_gemeente):
    a = TrajectFactory(gemeente=gemeente, titel="Centrum Eindhoven", gepubliceerd=True)
    a.wijken.add(
        WijkFactory(gemeente=gemeente, naam="Centrum"), WijkFactory(gemeente=gemeente, naam="Oost")
    )
    b = TrajectFactory(gemeente=andere_gemeente, titel="Centrum Zwolle", gepubliceerd=True)
    b.wijken.add(WijkFactory(gemeente=andere_gemeente, naam="Centrum"))
    c = TrajectFactory(gemeente=gemeente, titel="Noord", gepubliceerd=True)
    c.wijken.add(WijkFactory(gemeente=gemeente, naam="Noord"))
    concept = TrajectFactory(gemeente=gemeente)
    concept.wijken.add(WijkFactory(gemeente=gemeente, naam="Geheime wijk"))

    response = _lijst(client, wijk="Centrum")
    assert sorted(_titels(response)) == ["Centrum Eindhoven", "Centrum Zwolle"]
    keuzes = [waarde for waarde, _ in response.context["filter"].form.fields["wijk"].choices]
    assert keuzes == ["", "Centrum", "Noord", "Oost"]


def test_filter_domein(client, gemeente):
    TrajectFactory(gemeente=gemeente, titel="Sociaal", gepubliceerd=True, domein=Domein.SOCIAAL)
    TrajectFactory(gemeente=gemeente, titel="Groen", gepubliceerd=True, domein=Domein.RUIMTELIJK)
    assert _titels(_lijst(client, domein="ruimtelijk")) == ["Groen"]


def test_filter_vorm(client, gemeente):
    TrajectFactory(gemeente=gemeente, titel="Subsidie", gepubliceerd=True, vorm=Vorm.SUBSIDIE)
    TrajectFactory(gemeente=gemeente, titel="Convenant", gepubliceerd=True, vorm=Vorm.CONVENANT)
    assert _titels(_lijst(client, vorm="convenant")) == ["Convenant"]


def test_filter_fase(client, gemeente):
    TrajectFactory(gemeente=gemeente, titel="Fase A", gepubliceerd=True, actieve_fase=Fase.A)
    TrajectFactory(gemeente=gemeente, titel="Fase C", gepubliceerd=True, actieve_fase=Fase.C)
    assert _titels(_lijst(client, fase="C")) == ["Fase C"]


def test_filter_open_for_bids(client, gemeente):
    nu = timezone.now()
    TrajectFactory(
        gemeente=gemeente,
        titel="Open",
        gepubliceerd=True,
        inschrijving_sluit=nu + timedelta(hours=1),
    )
    TrajectFactory(
        gemeente=gemeente,
        titel="Gesloten",
        gepubliceerd=True,
        inschrijving_sluit=nu - timedelta(seconds=1),
    )
    TrajectFactory(
        gemeente=gemeente, titel="Zonder datum", gepubliceerd=True, inschrijving_sluit=None
    )
    assert _titels(_lijst(client, open="on")) == ["Open"]
    assert len(_titels(_lijst(client))) == 3


@time_machine.travel(datetime(2026, 3, 1, 12, 0, tzinfo=UTC), tick=False)
def test_filter_closes_before_end_of_day_dutch_time(client, gemeente):
    def maak(titel, moment):
        TrajectFactory(gemeente=gemeente, titel=titel, gepubliceerd=True, inschrijving_sluit=moment)

    maak("Vroeg op de dag", datetime(2026, 3, 10, 0, 30, tzinfo=AMS))  # 9 March 23:30 UTC
    maak("Laatste minuut", datetime(2026, 3, 10, 23, 59, 59, tzinfo=AMS))
    maak("Middernacht", datetime(2026, 3, 11, 0, 0, tzinfo=AMS))  # 10 March 23:00 UTC
    maak("Dag erna", datetime(2026, 3, 11, 9, 0, tzinfo=AMS))
    titels = _titels(_lijst(client, sluit_voor="2026-03-10"))
    assert sorted(titels) == ["Laatste minuut", "Vroeg op de dag"]
    assert sorted(_titels(_lijst(client, sluit_voor="2026-03-09"))) == []


@time_machine.travel(datetime(2026, 3, 1, 12, 0, tzinfo=UTC), tick=False)
def test_filter_closes_before_in_summer_time(client, gemeente):
    # 31 March is summer time: the day ends at 22:00 UTC.
    TrajectFactory(
        gemeente=gemeente,
        titel="Binnen",
        gepubliceerd=True,
        inschrijving_sluit=datetime(2026, 3, 31, 21, 59, tzinfo=UTC),
    )
    TrajectFactory(
        gemeente=gemeente,
        titel="Buiten",
        gepubliceerd=True,
        inschrijving_sluit=datetime(2026, 3, 31, 22, 0, tzinfo=UTC),
    )
    assert _titels(_lijst(client, sluit_voor="2026-03-31")) == ["Binnen"]


def test_text_search_over_title_task_and_desired_outcome(client, gemeente):
    TrajectFactory(gemeente=gemeente, titel="Buurthuis De Boomgaard", gepubliceerd=True)
    TrajectFactory(
        gemeente=gemeente, titel="Traject twee", opgave="Jongeren VINDEN werk", gepubliceerd=True
    )
    TrajectFactory(
        gemeente=gemeente,
        titel="Traject drie",
        opgave="Iets anders",
        wensbeeld="Een groene buurt met moestuinen",
        gepubliceerd=True,
    )
    TrajectFactory(gemeente=gemeente, titel="Geheime boomgaard")  # a draft
    assert _titels(_lijst(client, q="boomgaard")) == ["Buurthuis De Boomgaard"]
    assert _titels(_lijst(client, q="jongeren werk")) == ["Traject twee"]
    assert _titels(_lijst(client, q="Moestuin")) == ["Traject drie"]
    assert _titels(_lijst(client, q="nergens")) == []


def test_filters_combine(client, gemeente, andere_gemeente):
    TrajectFactory(gemeente=gemeente, titel="Raak", gepubliceerd=True, domein=Domein.SOCIAAL)
    TrajectFactory(gemeente=andere_gemeente, titel="Mis", gepubliceerd=True, domein=Domein.SOCIAAL)
    TrajectFactory(gemeente=gemeente, titel="Ook mis", gepubliceerd=True, domein=Domein.ECONOMISCH)
    assert _titels(_lijst(client, gemeente="eindhoven", domein="sociaal", q="raak")) == ["Raak"]


def test_sorting_by_closing_date_puts_closed_ones_after(client, gemeente):
    nu = timezone.now()
    for titel, dagen in [("Gesloten", -3), ("Later", 20), ("Eerst", 2), ("Net gesloten", -1)]:
        TrajectFactory(
            gemeente=gemeente,
            titel=titel,
            gepubliceerd=True,
            inschrijving_sluit=nu + timedelta(days=dagen),
        )
    TrajectFactory(
        gemeente=gemeente, titel="Zonder datum", gepubliceerd=True, inschrijving_sluit=None
    )
    verwacht = ["Eerst", "Later", "Net gesloten", "Gesloten", "Zonder datum"]
    assert _titels(_lijst(client)) == verwacht
    assert _titels(_lijst(client, sortering="sluit")) == verwacht


def test_sorting_newest_first(client, gemeente):
    nu = timezone.now()
    for titel, dagen in [("Oud", -10), ("Nieuw", -1), ("Midden", -5)]:
        TrajectFactory(
            gemeente=gemeente,
            titel=titel,
            gepubliceerd=True,
            gepubliceerd_op=nu + timedelta(days=dagen),
        )
    assert _titels(_lijst(client, sortering="nieuw")) == ["Nieuw", "Midden", "Oud"]


def test_invalid_filter_values_show_an_error_not_a_crash(client, gemeente):
    TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    response = _lijst(client, fase="Z", sluit_voor="geen-datum", gemeente="bestaat-niet")
    errors = response.context["filter"].form.errors
    assert set(errors) == {"fase", "sluit_voor", "gemeente"}


def test_pagination_keeps_the_filter(client, gemeente):
    for _ in range(25):
        TrajectFactory(gemeente=gemeente, gepubliceerd=True, domein=Domein.SOCIAAL)
    TrajectFactory(gemeente=gemeente, gepubliceerd=True, domein=Domein.ECONOMISCH)
    response = _lijst(client, domein="sociaal")
    assert response.context["page"].paginator.count == 25
    assert len(response.context["page"].object_list) == 20
    page = response.content.decode()
    assert "?domein=sociaal&amp;page=2" in page
    tweede = _lijst(client, domein="sociaal", page=2)
    assert len(tweede.context["page"].object_list) == 5
    assert "?domein=sociaal&amp;page=1" in tweede.content.decode()


def test_filter_form_is_a_labelled_get_form(client, gemeente):
    TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    page = _lijst(client).content.decode()
    assert '<form method="get"' in page
    for veld in ("q", "gemeente", "wijk", "domein", "vorm", "fase", "open", "sluit_voor"):
        assert f'for="id_{veld}"' in page, veld
        assert f'id="id_{veld}"' in page, veld
    assert 'type="submit"' in page
    assert f'href="{reverse("trajecten:lijst")}"' in page  # clear filters


# --- the detail page ------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ["anoniem", "burger", "medewerker_andere_gemeente"])
def test_draft_is_a_404_for_others(client, gemeente, andere_gemeente, rol):
    concept = TrajectFactory(gemeente=gemeente, titel="Geheim concept")
    user = {
        "anoniem": None,
        "burger": UserFactory(),
        "medewerker_andere_gemeente": MedewerkerFactory(gemeente=andere_gemeente).user,
    }[rol]
    if user is not None:
        client.force_login(user)
    assert client.get(reverse("trajecten:detail", args=[concept.pk])).status_code == 404
    assert "Geheim concept" not in _lijst(client).content.decode()


def test_draft_is_visible_to_an_medewerker_of_its_gemeente(client, gemeente, medewerker):
    concept = TrajectFactory(gemeente=gemeente, titel="Geheim concept")
    client.force_login(medewerker)
    response = client.get(reverse("trajecten:detail", args=[concept.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Geheim concept" in page
    assert reverse("trajecten:beheer", args=[concept.pk]) in page


@pytest.mark.parametrize("rol", ["anoniem", "burger", "medewerker_andere_gemeente"])
def test_published_trajectory_is_public(client, gemeente, andere_gemeente, rol):
    traject = TrajectFactory(gemeente=gemeente, volledig=True, gepubliceerd=True)
    user = {
        "anoniem": None,
        "burger": UserFactory(),
        "medewerker_andere_gemeente": MedewerkerFactory(gemeente=andere_gemeente).user,
    }[rol]
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("trajecten:detail", args=[traject.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert traject.titel in page
    assert traject.wensbeeld in page
    assert traject.transitie in page
    assert reverse("trajecten:beheer", args=[traject.pk]) not in page
    login = reverse("account_login")
    assert (f'href="{login}?next=' in page) == (user is None)


def test_detail_shows_frames_lots_planning_and_criteria(client, gemeente):
    traject = TrajectFactory(gemeente=gemeente, volledig=True, gepubliceerd=True)
    perceel = traject.percelen.get()
    perceel.wijken.add(WijkFactory(gemeente=gemeente, naam="Strijp"))
    page = client.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
    for tekst in (
        traject.beleidskaders,
        traject.juridisch_kader,
        traject.belangen,
        perceel.naam,
        perceel.beschrijving,
        "Strijp",
        "90.000,00",
        "180.000,00",
        "Maatschappelijke waarde",
    ):
        assert tekst in page, tekst
    for veld in traject.MIJLPALEN:
        moment = timezone.localtime(getattr(traject, veld))
        assert moment.strftime("%H:%M") in page
        assert f'datetime="{moment.isoformat()}"' in page, veld


def test_no_budget_cap(client, gemeente):
    # Without a social return condition (issue 14), whose threshold is an amount too.
    traject = TrajectFactory(
        gemeente=gemeente, gepubliceerd=True, geen_budgetplafond=True, sroi_percentage=None
    )
    response = client.get(reverse("trajecten:detail", args=[traject.pk]))
    assert response.context["traject"].geen_budgetplafond
    assert "€" not in response.content.decode().split('id="kaders-kop"')[1].split("</section>")[0]


@pytest.mark.parametrize("fase", list(Fase))
def test_the_active_phase_is_marked(client, gemeente, fase):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True, actieve_fase=fase)
    page = client.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
    assert page.count('aria-current="step"') == 1
    actief = page.split('aria-current="step"')[1].split("</li>")[0]
    assert f"{fase.value}. " in actief
    assert "ma-fase__huidig" in actief


def test_fasen_derives_dates_from_the_planning(gemeente):
    traject = TrajectFactory(
        gemeente=gemeente, volledig=True, gepubliceerd=True, actieve_fase=Fase.D
    )
    stappen = fasen(traject)
    assert [s.code for s in stappen] == ["A", "B", "C", "D", "E"]
    assert [s.actief for s in stappen] == [False, False, False, True, False]
    a, b, c, d, e = stappen
    assert (a.van, a.tot) == (traject.gepubliceerd_op, traject.inschrijving_sluit)
    assert (b.van, b.tot) == (traject.gepubliceerd_op, traject.inschrijving_sluit)
    assert (c.van, c.tot) == (traject.inschrijving_sluit, traject.gunning_op)
    assert (d.van, d.tot) == (traject.gunning_op, traject.start_op)
    assert (e.van, e.tot) == (traject.start_op, None)


def test_qa_is_shown_without_the_askers_name_or_email(client, gemeente):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    vrager = UserFactory(naam="Henk Vraagsteller", email="henk.vraagsteller@voorbeeld.nl")
    nota = NotaFactory(traject=traject, nummer=1)
    VraagFactory(
        traject=traject,
        gesteld_door=vrager,
        beantwoord=True,
        nota=nota,
        nummer=1,
        tekst="Mag een stichting in oprichting meedoen?",
        antwoord="Ja, dat mag.",
    )
    VraagFactory(traject=traject, gesteld_door=vrager, tekst="Nog niet beantwoorde vraag")
    for user in (None, UserFactory()):
        if user is not None:
            client.force_login(user)
        page = client.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
        assert "Mag een stichting in oprichting meedoen?" in page
        assert "Ja, dat mag." in page
        assert "Nog niet beantwoorde vraag" not in page
        assert "Vraagsteller" not in page
        assert "henk.vraagsteller" not in page
        assert reverse("trajecten:nota", args=[traject.pk, 1]) in page


def test_ask_a_question_link_only_while_questions_are_open(client, gemeente):
    nu = timezone.now()
    open_ = TrajectFactory(
        gemeente=gemeente, gepubliceerd=True, vragen_sluit=nu + timedelta(days=1)
    )
    dicht = TrajectFactory(
        gemeente=gemeente, gepubliceerd=True, vragen_sluit=nu - timedelta(days=1)
    )
    page = client.get(reverse("trajecten:detail", args=[open_.pk])).content.decode()
    assert reverse("trajecten:vragen", args=[open_.pk]) in page
    page = client.get(reverse("trajecten:detail", args=[dicht.pk])).content.decode()
    assert reverse("trajecten:vragen", args=[dicht.pk]) not in page


def test_sessions_upcoming_with_free_places_and_past_with_report(client, gemeente):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    komend = BijeenkomstFactory(traject=traject, titel="Informatieavond", capaciteit=10)
    for _ in range(3):
        AanmeldingFactory(bijeenkomst=komend)
    online = BijeenkomstFactory(
        traject=traject, titel="Online sessie", locatie="", online_link="https://meet.example/x"
    )
    begin = timezone.now() - timedelta(days=5)
    geweest = BijeenkomstFactory(
        traject=traject,
        titel="Verdieping",
        begint_op=begin,
        eindigt_op=begin + timedelta(hours=2),
        verslag="Wat we hoorden.",
        verslag_gepubliceerd_op=timezone.now(),
    )
    response = client.get(reverse("trajecten:detail", args=[traject.pk]))
    assert [b.titel for b in response.context["komende_bijeenkomsten"]] == [
        "Informatieavond",
        "Online sessie",
    ]
    assert response.context["komende_bijeenkomsten"][0].vrije_plaatsen == 7
    assert response.context["komende_bijeenkomsten"][1].vrije_plaatsen is None
    page = response.content.decode()
    assert reverse("trajecten:bijeenkomst", args=[traject.pk, komend.pk]) in page
    assert reverse("trajecten:bijeenkomst", args=[traject.pk, online.pk]) in page
    assert "https://meet.example/x" not in page  # the link is on the session page
    assert f"{geweest.get_absolute_url()}#verslag-kop" in page


def _versie(traject, nummer, *, openbaar=True, **document):
    return UitvraagVersie.objects.create(
        traject=traject,
        versie=nummer,
        aanleiding="publicatie",
        document=DocumentFactory(gemeente=traject.gemeente, openbaar=openbaar, **document),
        inhoud_hash="0" * 64,
        openbaar=openbaar,
    )


def test_documents_show_the_latest_public_call_with_hash(client, gemeente):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    oud = _versie(traject, 1, klaar=True)
    nieuw = _versie(traject, 2, klaar=True, sha256="a" * 64)
    verborgen = _versie(traject, 3, openbaar=False, klaar=True)
    page = client.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
    assert reverse("document_download", args=[nieuw.document.uuid]) in page
    assert "a" * 64 in page
    assert reverse("document_download", args=[oud.document.uuid]) not in page
    assert str(verborgen.document.uuid) not in page
    assert reverse("trajecten:uitvraag", args=[traject.pk]) in page


def test_corrections_are_listed(client, gemeente, medewerker):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    for nummer in (1, 2):
        Rectificatie.objects.create(
            traject=traject,
            nummer=nummer,
            reden=f"Reden nummer {nummer}",
            gepubliceerd_door=medewerker,
        )
    page = client.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
    for nummer in (1, 2):
        assert f"Reden nummer {nummer}" in page
        assert reverse("trajecten:rectificatie", args=[traject.pk, nummer]) in page


def test_logged_in_visitor_gets_the_follow_button(client, gemeente, burger):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    client.force_login(burger)
    response = client.get(reverse("trajecten:detail", args=[traject.pk]))
    assert response.context["volgt"] is False
    assert reverse("trajecten:volgen", args=[traject.pk]) in response.content.decode()


def test_traject_detail_selector_is_scoped(gemeente, andere_gemeente, medewerker):
    concept = TrajectFactory(gemeente=gemeente)
    assert traject_detail(medewerker, concept.pk) == concept
    anderen = MedewerkerFactory(gemeente=andere_gemeente).user
    with pytest.raises(type(concept).DoesNotExist):
        traject_detail(anderen, concept.pk)
    assert concept.status == TrajectStatus.CONCEPT


# --- panels ---------------------------------------------------------------------------------


def test_medewerker_panel_links_to_new_and_manage(client, gemeente, medewerker):
    traject = TrajectFactory(gemeente=gemeente)
    client.force_login(medewerker)
    page = client.get(reverse("home")).content.decode()
    assert reverse("trajecten:nieuw") in page
    assert reverse("trajecten:beheer", args=[traject.pk]) in page


def test_portal_panel_shows_open_trajectories(client, gemeente):
    nu = timezone.now()
    TrajectFactory(gemeente=gemeente, titel="Open traject", gepubliceerd=True)
    TrajectFactory(
        gemeente=gemeente,
        titel="Gesloten traject",
        gepubliceerd=True,
        inschrijving_sluit=nu - timedelta(days=1),
    )
    page = client.get(reverse("home")).content.decode()
    assert "Open traject" in page
    assert "Gesloten traject" not in page
