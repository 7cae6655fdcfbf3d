"""Pages of setting up a trajectory: who reaches them, every section through its form,
corrections after publication, explanations, phases, and exact query counts."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from aanbesteden.constants import TEKST_LANG, AuditEventType
from aanbesteden.models import AuditEvent
from aanbesteden.tests.factories import DocumentFactory, MedewerkerFactory
from aanbesteden.tests.lengte import MILJOEN, assert_te_lang
from trajecten import constants as c
from trajecten.models import (
    Criterium,
    Eis,
    Perceel,
    Rectificatie,
    TeamLid,
    Toelichting,
    Traject,
    UitvraagVersie,
)
from trajecten.tests.factories import (
    CriteriumFactory,
    EisFactory,
    PerceelFactory,
    TrajectFactory,
    WijkFactory,
)

NU = timezone.make_aware(timezone.datetime(2026, 3, 2, 10, 0))
SECTIES = ("opgave", "kaders", "vorm", "percelen", "planning", "gunning", "team", "schetsvragen")


@pytest.fixture(autouse=True)
def _vaste_tijd():
    with time_machine.travel(NU, tick=False):
        yield


@pytest.fixture
def traject(gemeente, medewerker):
    return TrajectFactory(gemeente=gemeente, aangemaakt_door=medewerker)


@pytest.fixture
def gepubliceerd(gemeente, medewerker):
    traject = TrajectFactory(
        gemeente=gemeente, aangemaakt_door=medewerker, volledig=True, gepubliceerd=True
    )
    traject.wijken.add(WijkFactory(gemeente=gemeente, naam="Woensel"))
    return traject


@pytest.fixture
def ingelogd(client, medewerker):
    client.force_login(medewerker)
    return client


def sectie_url(traject, sectie):
    return reverse("trajecten:sectie", args=[traject.pk, sectie])


def management(prefix, totaal, initieel):
    return {
        f"{prefix}-TOTAL_FORMS": str(totaal),
        f"{prefix}-INITIAL_FORMS": str(initieel),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


# --- who reaches the pages ----------------------------------------------------------------------


def _urls(traject):
    return [
        ("get", reverse("trajecten:beheer", args=[traject.pk])),
        *[("get", sectie_url(traject, s)) for s in SECTIES],
        ("post", reverse("trajecten:toelichting", args=[traject.pk])),
        ("post", reverse("trajecten:fase", args=[traject.pk])),
    ]


@pytest.mark.parametrize("publiek", [False, True])
@pytest.mark.parametrize(
    ("rol", "verwacht"),
    [("anoniem", 302), ("burger", 404), ("andere_medewerker", 404), ("medewerker", None)],
)
def test_access(client, gemeente, andere_gemeente, medewerker, burger, publiek, rol, verwacht):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=publiek)
    users = {
        "burger": burger,
        "andere_medewerker": MedewerkerFactory(gemeente=andere_gemeente).user,
        "medewerker": medewerker,
    }
    if rol in users:
        client.force_login(users[rol])
    for methode, url in _urls(traject):
        response = getattr(client, methode)(url)
        if verwacht == 302:
            assert response.status_code == 302, url
            assert reverse("account_login") in response["Location"]
        elif verwacht == 404:
            assert response.status_code == 404, url
        else:
            # POSTs without data redirect back with a message; pages render.
            assert response.status_code == (302 if methode == "post" else 200), url


def test_an_unknown_section_is_404(ingelogd, traject):
    assert ingelogd.get(sectie_url(traject, "onzin")).status_code == 404


def test_access_to_new(client, burger, medewerker):
    url = reverse("trajecten:nieuw")
    assert client.get(url).status_code == 302
    client.force_login(burger)
    assert client.get(url).status_code == 403
    client.force_login(medewerker)
    assert client.get(url).status_code == 200


# --- creating and the officer's page ------------------------------------------------------------


def test_new_traject(ingelogd, gemeente, medewerker):
    response = ingelogd.post(
        reverse("trajecten:nieuw"), {"gemeente": gemeente.pk, "titel": "Jongerenwerk Noord"}
    )
    traject = Traject.objects.get(titel="Jongerenwerk Noord")
    assert response.status_code == 302
    assert response["Location"] == reverse("trajecten:beheer", args=[traject.pk])
    assert traject.gemeente == gemeente
    assert traject.aangemaakt_door == medewerker
    assert traject.status == c.TrajectStatus.CONCEPT


def test_new_traject_chooses_from_own_gemeenten(client, gemeente, andere_gemeente):
    derde = MedewerkerFactory().gemeente
    user = MedewerkerFactory(gemeente=gemeente).user
    MedewerkerFactory(user=user, gemeente=andere_gemeente)
    client.force_login(user)
    response = client.get(reverse("trajecten:nieuw"))
    assert b'name="gemeente"' in response.content
    assert andere_gemeente.naam.encode() in response.content
    response = client.post(reverse("trajecten:nieuw"), {"gemeente": derde.pk, "titel": "X"})
    assert response.status_code == 200
    assert not Traject.objects.filter(titel="X").exists()
    client.post(reverse("trajecten:nieuw"), {"gemeente": andere_gemeente.pk, "titel": "Y"})
    assert Traject.objects.get(titel="Y").gemeente == andere_gemeente


def test_beheer_shows_sections_bevindingen_and_links(ingelogd, traject):
    eis = EisFactory(traject=traject, soort=c.EisSoort.ANBI)
    response = ingelogd.get(reverse("trajecten:beheer", args=[traject.pk]))
    html = response.content.decode()
    for sectie in SECTIES:
        assert sectie_url(traject, sectie) in html
    assert f'value="anbi:{eis.pk}"' in html  # the form to explain the finding
    assert reverse("trajecten:toelichting", args=[traject.pk]) in html
    assert reverse("trajecten:detail", args=[traject.pk]) in html
    secties = {s.slug: s.compleet for s in response.context["secties"]}
    assert secties["percelen"] is False and secties["team"] is True
    assert response.context["ontbrekend"]


def test_beheer_shows_the_uitvraag_versions(ingelogd, traject):
    document = DocumentFactory(klaar=True, gemeente=traject.gemeente, titel="Uitvraag v1")
    UitvraagVersie.objects.create(
        traject=traject,
        versie=1,
        aanleiding=c.UitvraagAanleiding.CONCEPT,
        document=document,
        inhoud_hash="0" * 64,
    )
    html = ingelogd.get(reverse("trajecten:beheer", args=[traject.pk])).content.decode()
    assert reverse("document_detail", args=[document.uuid]) in html
    assert "Uitvraag v1" in html
    assert reverse("trajecten:uitvraag_maken", args=[traject.pk]) in html
    assert reverse("trajecten:publiceren", args=[traject.pk]) in html


# --- every section through its form -------------------------------------------------------------


def test_opgave_form(ingelogd, traject, gemeente):
    wijk = WijkFactory(gemeente=gemeente, naam="Woensel")
    response = ingelogd.post(
        sectie_url(traject, "opgave"),
        {
            "titel": "Ouderen thuis",
            "opgave": "Hoe blijven ouderen thuis?",
            "wensbeeld": "Buren kennen elkaar.",
            "wijken": [wijk.pk],
            "nieuwe_wijken": "Strijp, Gestel",
            "domein": "sociaal",
            "verder": "1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == sectie_url(traject, "kaders")
    traject.refresh_from_db()
    assert traject.titel == "Ouderen thuis"
    assert sorted(w.naam for w in traject.wijken.all()) == ["Gestel", "Strijp", "Woensel"]


def test_kaders_form_budget_or_no_cap(ingelogd, traject):
    data = {"budget": "1000", "geen_budgetplafond": "on", "dienst_soort": "sociaal"}
    response = ingelogd.post(sectie_url(traject, "kaders"), data)
    assert response.status_code == 200
    assert response.context["onderdelen"][0][1].errors["geen_budgetplafond"]
    traject.refresh_from_db()
    assert traject.budget is None
    data.pop("geen_budgetplafond")
    assert ingelogd.post(sectie_url(traject, "kaders"), data).status_code == 302
    traject.refresh_from_db()
    assert traject.budget == Decimal("1000")


def test_vorm_form_shows_explanations_and_requires_a_procedure(ingelogd, traject):
    response = ingelogd.get(sectie_url(traject, "vorm"))
    html = response.content.decode()
    assert 'type="radio"' in html
    with translation.override("nl"):
        for uitleg in (
            c.VORM_UITLEG[c.Vorm.CONVENANT],
            c.PROCEDURE_UITLEG[c.Procedure.NATIONAAL],
            c.CONTRACTVORM_UITLEG[c.Contractvorm.RELATIONEEL],
            c.BEKOSTIGING_UITLEG[c.Bekostiging.RESULTAAT],
        ):
            assert escape(str(uitleg)) in html
    response = ingelogd.post(sectie_url(traject, "vorm"), {"vorm": "aanbesteding"})
    assert response.context["onderdelen"][0][1].errors["procedure"]
    # Issue 14: a subsidy tender is not asked a procedure (nor a contract form).
    response = ingelogd.post(
        sectie_url(traject, "vorm"),
        {"vorm": "subsidie", "contractduur_maanden": "24"},
    )
    assert response.status_code == 302
    html = ingelogd.get(sectie_url(traject, "vorm")).content.decode()
    assert 'name="procedure"' not in html and 'name="contractvorm"' not in html
    assert 'name="bekostiging"' in html
    response = ingelogd.post(
        sectie_url(traject, "vorm"),
        {
            "vorm": "aanbesteding",
            "procedure": "nationaal",
            "contractvorm": "relationeel",
            "bekostiging": "resultaat",
            "contractduur_maanden": "36",
        },
    )
    assert response.status_code == 302
    traject.refresh_from_db()
    assert traject.procedure == "nationaal"


def test_percelen_formset(ingelogd, traject, gemeente):
    wijk = WijkFactory(gemeente=gemeente)
    bestaand = PerceelFactory(traject=traject, nummer=1, naam="Noord")
    weg = PerceelFactory(traject=traject, nummer=2, naam="Zuid")
    data = {
        **management("percelen", 4, 2),
        "percelen-0-id": bestaand.pk,
        "percelen-0-nummer": "1",
        "percelen-0-naam": "Noord-West",
        "percelen-0-wijken": [wijk.pk],
        "percelen-1-id": weg.pk,
        "percelen-1-nummer": "2",
        "percelen-1-naam": "Zuid",
        "percelen-1-DELETE": "on",
        "percelen-2-naam": "Oost",
        "percelen-2-budget": "5000",
        # percelen-3 stays empty: ignored
    }
    response = ingelogd.post(sectie_url(traject, "percelen"), data)
    assert response.status_code == 302, response.context and response.context["foutmelding"]
    assert list(
        Perceel.objects.filter(traject=traject).order_by("nummer").values_list("nummer", "naam")
    ) == [(1, "Noord-West"), (2, "Oost")]
    assert list(Perceel.objects.get(pk=bestaand.pk).wijken.all()) == [wijk]
    response = ingelogd.get(sectie_url(traject, "percelen"))
    assert b"percelen-TOTAL_FORMS" in response.content
    assert b"percelen-1-DELETE" in response.content


def test_planning_form(ingelogd, traject):
    data = {
        "vragen_sluit": "2026-03-20T12:00",
        "inschrijving_sluit": "2026-04-10T12:00",
        "uitwerking_sluit": "2026-04-05T12:00",
    }
    response = ingelogd.post(sectie_url(traject, "planning"), data)
    assert response.status_code == 200
    assert response.context["onderdelen"][0][1].errors["uitwerking_sluit"]
    data["uitwerking_sluit"] = "2026-05-05T12:00"
    assert ingelogd.post(sectie_url(traject, "planning"), data).status_code == 302
    traject.refresh_from_db()
    # Dutch time: summer time in April (UTC+2).
    assert traject.inschrijving_sluit == datetime(2026, 4, 10, 10, 0, tzinfo=UTC)


def test_planning_form_two_order_errors(ingelogd, traject):
    """A moment out of order in the middle, the next one after it: errors, not a crash."""
    data = {
        "vragen_sluit": "2026-04-20T12:00",
        "inschrijving_sluit": "2026-04-10T12:00",
        "uitwerking_sluit": "2026-05-05T12:00",
    }
    response = ingelogd.post(sectie_url(traject, "planning"), data)
    assert response.status_code == 200
    form = response.context["onderdelen"][0][1]
    assert form.errors["inschrijving_sluit"]
    assert "uitwerking_sluit" not in form.errors
    traject.refresh_from_db()
    assert traject.vragen_sluit is None


def test_gunning_form(ingelogd, traject):
    data = {
        "gunningswijze": "gewogen_zonder_prijs",
        **management("criteria", 2, 0),
        "criteria-0-naam": "Maatschappelijke waarde",
        "criteria-0-weging": "60",
        "criteria-0-schaal_min": "1",
        "criteria-0-schaal_max": "10",
        "criteria-1-naam": "Samenwerking",
        "criteria-1-weging": "30",
        "criteria-1-schaal_min": "1",
        "criteria-1-schaal_max": "10",
        **management("eisen", 1, 0),
        "eisen-0-soort": "anbi",
        "eisen-0-omschrijving": "ANBI-status",
    }
    response = ingelogd.post(sectie_url(traject, "gunning"), data)
    assert response.status_code == 200
    assert "90" in response.context["onderdelen"][0][1].non_field_errors()[0]
    assert not Criterium.objects.exists()
    data["criteria-1-weging"] = "40"
    response = ingelogd.post(sectie_url(traject, "gunning"), data)
    assert response.status_code == 302
    assert Criterium.objects.filter(traject=traject).count() == 2
    assert Eis.objects.get(traject=traject).soort == "anbi"
    # The section page now shows the check's finding.
    response = ingelogd.get(sectie_url(traject, "gunning"))
    assert any(b.code.startswith("anbi:") for b in response.context["bevindingen"])


def test_team_form(ingelogd, traject, gemeente, andere_gemeente):
    collega = MedewerkerFactory(gemeente=gemeente)
    vreemde = MedewerkerFactory(gemeente=andere_gemeente)
    response = ingelogd.get(sectie_url(traject, "team"))
    assert str(collega.user).encode() in response.content
    assert str(vreemde.user).encode() not in response.content
    response = ingelogd.post(
        sectie_url(traject, "team"), {"medewerker": vreemde.pk, "rol": "inkoop"}
    )
    assert response.status_code == 200
    assert not TeamLid.objects.exists()
    ingelogd.post(sectie_url(traject, "team"), {"medewerker": collega.pk, "rol": "inkoop"})
    lid = TeamLid.objects.get(traject=traject)
    ingelogd.post(
        reverse("trajecten:teamlid_verwijderen", args=[traject.pk]), {"verwijder": lid.pk}
    )
    assert not TeamLid.objects.exists()


# --- after publication --------------------------------------------------------------------------


def test_after_publication_a_reason_and_a_rectificatie(ingelogd, gepubliceerd):
    url = sectie_url(gepubliceerd, "kaders")
    response = ingelogd.get(url)
    assert b"rectificatie-reden" in response.content
    data = {
        "beleidskaders": "Nieuwe koers",
        "budget": str(gepubliceerd.budget),
        "dienst_soort": gepubliceerd.dienst_soort,
        "juridisch_kader": gepubliceerd.juridisch_kader,
        "bestaande_verplichtingen": gepubliceerd.bestaande_verplichtingen,
        "belangen": gepubliceerd.belangen,
        "transitie": gepubliceerd.transitie,
        # Issue 14, point 8: the social return condition, unchanged.
        "sroi_percentage": str(gepubliceerd.sroi_percentage),
        "sroi_drempel": str(gepubliceerd.sroi_drempel),
    }
    response = ingelogd.post(url, data)
    assert response.status_code == 200
    assert response.context["reden_form"].errors["reden"]
    assert not Rectificatie.objects.exists()
    response = ingelogd.post(url, {**data, "rectificatie-reden": "De raad koos een nieuwe koers."})
    assert response.status_code == 302
    (rectificatie,) = Rectificatie.objects.filter(traject=gepubliceerd)
    assert [w["veld"] for w in rectificatie.wijzigingen] == ["beleidskaders"]
    # The same form again changes nothing: no second correction.
    ingelogd.post(url, {**data, "rectificatie-reden": "Nog eens."})
    assert Rectificatie.objects.count() == 1


def test_planning_after_publication_a_passed_moment_is_fixed(ingelogd, gepubliceerd):
    with time_machine.travel(gepubliceerd.vragen_sluit + timedelta(hours=1), tick=False):
        response = ingelogd.get(sectie_url(gepubliceerd, "planning"))
        form = response.context["onderdelen"][0][1]
        assert form.fields["vragen_sluit"].disabled
        assert not form.fields["inschrijving_sluit"].disabled
        data = {
            veld: timezone.localtime(getattr(gepubliceerd, veld)).strftime("%Y-%m-%dT%H:%M")
            for veld in Traject.MIJLPALEN
        }
        nieuw = gepubliceerd.inschrijving_sluit + timedelta(days=3)
        data["inschrijving_sluit"] = timezone.localtime(nieuw).strftime("%Y-%m-%dT%H:%M")
        data["vragen_sluit"] = "2030-01-01T12:00"  # ignored: the field is disabled
        data["rectificatie-reden"] = "Storing"
        response = ingelogd.post(sectie_url(gepubliceerd, "planning"), data)
    assert response.status_code == 302
    vorige_vragen_sluit = gepubliceerd.vragen_sluit
    gepubliceerd.refresh_from_db()
    assert gepubliceerd.vragen_sluit == vorige_vragen_sluit
    assert gepubliceerd.inschrijving_sluit == nieuw
    assert Rectificatie.objects.get().wijzigingen[0]["veld"] == "inschrijving_sluit"


def test_planning_after_publication_no_earlier_deadline(ingelogd, gepubliceerd):
    """Issue 11, point 4: the correction page explains that deadlines only move later, and
    an earlier bid deadline is refused on that field, with nothing published."""
    url = sectie_url(gepubliceerd, "planning")
    uitleg = translation.gettext(
        "After publication a deadline (for questions, for bids and for the elaborated plan) "
        "can only move later, never earlier. Bidders rely on these moments, and the sealed "
        "bids may only be opened after the original deadline."
    )
    response = ingelogd.get(url)
    assert b'id="deadlines-alleen-later"' in response.content
    assert escape(uitleg) in response.content.decode()
    # A draft has no such rule, and no explanation.
    concept = TrajectFactory(gemeente=gepubliceerd.gemeente, volledig=True)
    assert b"deadlines-alleen-later" not in ingelogd.get(sectie_url(concept, "planning")).content

    data = {
        veld: timezone.localtime(getattr(gepubliceerd, veld)).strftime("%Y-%m-%dT%H:%M")
        for veld in Traject.MIJLPALEN
    }
    oud = gepubliceerd.inschrijving_sluit
    # Earlier, yet after the question deadline: only the new rule refuses it.
    eerder = timezone.localtime(gepubliceerd.vragen_sluit + timedelta(days=1))
    data["inschrijving_sluit"] = eerder.strftime("%Y-%m-%dT%H:%M")
    data["rectificatie-reden"] = "Sneller openen"
    response = ingelogd.post(url, data)
    assert response.status_code == 200
    form = response.context["onderdelen"][0][1]
    (fout,) = form.errors["inschrijving_sluit"]
    assert str(Traject._meta.get_field("inschrijving_sluit").verbose_name) in fout
    body = response.content.decode()
    assert 'id="id_inschrijving_sluit_error"' in body
    assert escape(fout) in body
    assert escape(uitleg) in body
    gepubliceerd.refresh_from_db()
    assert gepubliceerd.inschrijving_sluit == oud
    assert not Rectificatie.objects.exists()


def test_toelichting_and_fase(ingelogd, traject, gepubliceerd):
    eis = EisFactory(traject=traject, soort=c.EisSoort.ANBI)
    response = ingelogd.post(
        reverse("trajecten:toelichting", args=[traject.pk]),
        {"prefix": "t0", "t0-code": f"anbi:{eis.pk}", "t0-tekst": "Fondsen vragen het."},
    )
    assert response["Location"] == reverse("trajecten:beheer", args=[traject.pk])
    assert Toelichting.objects.get(traject=traject).tekst == "Fondsen vragen het."

    response = ingelogd.post(reverse("trajecten:fase", args=[gepubliceerd.pk]), {"fase": "B"})
    assert response.status_code == 302
    gepubliceerd.refresh_from_db()
    assert gepubliceerd.actieve_fase == "B"
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.TRAJECT_FASE_GEWIJZIGD, target_id=str(gepubliceerd.pk)
    ).exists()
    # A draft has no phase to move.
    ingelogd.post(reverse("trajecten:fase", args=[traject.pk]), {"fase": "B"})
    traject.refresh_from_db()
    assert traject.actieve_fase == "A"


# --- exact query counts -------------------------------------------------------------------------


def _vul(traject, aantal):
    wijk = WijkFactory(gemeente=traject.gemeente)
    for index in range(aantal):
        perceel = PerceelFactory(traject=traject, nummer=index + 1)
        perceel.wijken.add(wijk)
        EisFactory(traject=traject, perceel=perceel, soort=c.EisSoort.OMZET, bedrag=1000)
        CriteriumFactory(traject=traject, volgorde=index + 1)
    traject.wijken.add(wijk)
    MedewerkerFactory(gemeente=traject.gemeente)


# Issue 14: +1 for the trajectory's own questions for the outline bid (prefetched).
@pytest.mark.parametrize(
    ("pagina", "verwacht"), [("beheer", 16), ("percelen", 17), ("gunning", 16)]
)
def test_number_of_queries(client, gemeente, count_queries, pagina, verwacht):
    gemeten = []
    for aantal in (5, 50):
        medewerker = MedewerkerFactory(gemeente=gemeente).user
        traject = TrajectFactory(
            gemeente=gemeente, aangemaakt_door=medewerker, budget=Decimal("300000")
        )
        _vul(traject, aantal)
        client.force_login(medewerker)
        url = (
            reverse("trajecten:beheer", args=[traject.pk])
            if pagina == "beheer"
            else sectie_url(traject, pagina)
        )
        assert client.get(url).status_code == 200
        gemeten.append(count_queries(lambda url=url: client.get(url)))
    assert gemeten == [verwacht, verwacht]


# --- length limits (issue 11, point 10) ---------------------------------------------------------


def test_a_section_of_a_million_characters_is_refused_on_the_field(ingelogd, traject):
    oud = traject.opgave
    response = ingelogd.post(
        sectie_url(traject, "opgave"),
        {"titel": traject.titel, "opgave": MILJOEN, "wensbeeld": "", "domein": "sociaal"},
    )
    form = response.context["onderdelen"][0][1]
    assert_te_lang(response, form, "opgave", TEKST_LANG)
    traject.refresh_from_db()
    assert traject.opgave == oud
    assert not AuditEvent.objects.filter(event_type=AuditEventType.TRAJECT_GEWIJZIGD).exists()


@pytest.mark.parametrize("waarde", ["abc", "-1", "99999999999999999999999999999"])
def test_team_verwijderen_with_no_id_is_a_404(client, medewerker, traject, waarde):
    """Issue 11, point 9: no id is a 404, never a 500 (int("abc") was a ValueError)."""
    client.raise_request_exception = False
    client.force_login(medewerker)
    response = client.post(
        reverse("trajecten:teamlid_verwijderen", args=[traject.pk]), {"verwijder": waarde}
    )
    assert response.status_code == 404
