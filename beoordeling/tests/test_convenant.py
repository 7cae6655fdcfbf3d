"""The covenant route (issue 14, point 3): naming the initiative, the plan in versions
(merged per section, refused on a conflict, nothing new on a double click), the agreement of
both sides, and the pages for each role with their query counts."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent, Notificatie
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from beoordeling.constants import ConvenantPartij
from beoordeling.models import ConvenantVersie
from beoordeling.services import convenant as services
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory
from tests.helpers import LOGIN, status_als
from trajecten.constants import TeamRol, TrajectStatus, Vorm
from trajecten.models import TeamLid, Traject
from trajecten.tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _engels():
    """The services' refusals are read in English here (the pages render in Dutch)."""
    with translation.override("en"):
        yield


@pytest.fixture
def w(gemeente, andere_gemeente, medewerker):
    traject = TrajectFactory(gemeente=gemeente, vorm=Vorm.CONVENANT, titel="Huiskamer Doornakkers")
    TeamLid.objects.create(
        traject=traject, medewerker=medewerker.medewerkerschappen.get(), rol=TeamRol.BELEID
    )
    initiatief = OrganisatieFactory(naam="Bewonersinitiatief Doornakkers")
    beheerder = LidmaatschapFactory(organisatie=initiatief, beheerder=True).user
    lid = LidmaatschapFactory(organisatie=initiatief).user
    return {
        "traject": traject,
        "initiatief": initiatief,
        "medewerker": medewerker,  # in the team
        "collega": MedewerkerFactory(gemeente=gemeente).user,  # not in the team
        "elders": MedewerkerFactory(gemeente=andere_gemeente).user,
        "beheerder": beheerder,
        "lid": lid,
        "ander_lid": LidmaatschapFactory().user,  # of another organisation
        "burger": UserFactory(),
    }


def _benoemd(w):
    return services.initiatief_benoemen(
        actor=w["medewerker"], traject=w["traject"], organisatie=w["initiatief"]
    )


def _plan(**teksten):
    return {
        "doelen": "",
        "activiteiten": "",
        "inbreng": "",
        "looptijd": "",
        "geld": "",
        "exit": "",
        **teksten,
    }


# The initiative -----------------------------------------------------------------------


def test_an_medewerker_names_the_initiative_and_its_administrators_are_told(w):
    convenant = _benoemd(w)
    assert convenant.initiatief == w["initiatief"]
    event = AuditEvent.objects.get(event_type=AuditEventType.CONVENANT_INITIATIEF_BENOEMD)
    assert event.detail["naam"] == "Bewonersinitiatief Doornakkers"
    assert list(Notificatie.objects.values_list("user", flat=True)) == [w["beheerder"].pk]
    # Again the same: nothing new.
    assert _benoemd(w) == convenant
    assert (
        AuditEvent.objects.filter(event_type=AuditEventType.CONVENANT_INITIATIEF_BENOEMD).count()
        == 1
    )


@pytest.mark.parametrize("wie", ["beheerder", "burger", "elders"])
def test_only_medewerkers_of_the_gemeente_name_the_initiative(w, wie):
    with pytest.raises(NotAllowed):
        services.initiatief_benoemen(
            actor=w[wie], traject=w["traject"], organisatie=w["initiatief"]
        )


def test_the_initiative_is_fixed_once_the_plan_has_a_version(w):
    convenant = _benoemd(w)
    services.plan_opslaan(
        actor=w["lid"], convenant=convenant, basis=0, secties=_plan(doelen="Open huis.")
    )
    with pytest.raises(DomainError, match="can no longer be changed"):
        services.initiatief_benoemen(
            actor=w["medewerker"], traject=w["traject"], organisatie=OrganisatieFactory()
        )


@pytest.mark.parametrize("vorm", [Vorm.AANBESTEDING, Vorm.SUBSIDIE, Vorm.BURGERAANBESTEDING, ""])
def test_the_covenant_steps_are_refused_on_other_routes(gemeente, medewerker, vorm):
    traject = TrajectFactory(gemeente=gemeente, vorm=vorm)
    with pytest.raises(DomainError, match="not part of its route"):
        services.initiatief_benoemen(
            actor=medewerker, traject=traject, organisatie=OrganisatieFactory()
        )


# The plan in versions -------------------------------------------------------------------


def test_every_save_is_a_version_with_author_moment_and_what_changed(w):
    convenant = _benoemd(w)
    v1 = services.plan_opslaan(
        actor=w["lid"], convenant=convenant, basis=0, secties=_plan(doelen="Een open huiskamer.")
    )
    v2 = services.plan_opslaan(
        actor=w["medewerker"],
        convenant=convenant,
        basis=1,
        secties=_plan(doelen="Een open huiskamer.", geld="De gemeente betaalt de huur."),
    )
    assert (v1.nummer, v1.partij, v1.gewijzigd) == (1, ConvenantPartij.INITIATIEF, ["doelen"])
    assert (v2.nummer, v2.partij, v2.gewijzigd) == (2, ConvenantPartij.GEMEENTE, ["geld"])
    assert v2.auteur == w["medewerker"] and v2.created_at
    v1.refresh_from_db()
    assert v1.tekst("geld") == ""  # the earlier version stays as it was
    assert (
        AuditEvent.objects.filter(event_type=AuditEventType.CONVENANT_PLAN_OPGESLAGEN).count() == 2
    )


def test_a_double_click_makes_no_new_version(w):
    convenant = _benoemd(w)
    secties = _plan(doelen="Een open huiskamer.")
    eerste = services.plan_opslaan(actor=w["lid"], convenant=convenant, basis=0, secties=secties)
    tweede = services.plan_opslaan(actor=w["lid"], convenant=convenant, basis=0, secties=secties)
    assert tweede == eerste
    assert ConvenantVersie.objects.count() == 1


def test_two_people_editing_different_sections_are_merged(w):
    convenant = _benoemd(w)
    services.plan_opslaan(actor=w["lid"], convenant=convenant, basis=0, secties=_plan(doelen="A"))
    # Both start from version 1; the officer saves first.
    services.plan_opslaan(
        actor=w["medewerker"], convenant=convenant, basis=1, secties=_plan(doelen="A", geld="B")
    )
    v3 = services.plan_opslaan(
        actor=w["lid"], convenant=convenant, basis=1, secties=_plan(doelen="A", exit="C")
    )
    assert v3.inhoud["geld"] == "B" and v3.inhoud["exit"] == "C"  # nothing lost
    assert v3.samengevoegd and v3.gewijzigd == ["exit"]


def test_two_people_editing_the_same_section_the_second_is_refused_with_the_newer_version(w):
    convenant = _benoemd(w)
    services.plan_opslaan(actor=w["lid"], convenant=convenant, basis=0, secties=_plan(doelen="A"))
    services.plan_opslaan(
        actor=w["medewerker"], convenant=convenant, basis=1, secties=_plan(doelen="B")
    )
    with pytest.raises(DomainError, match="version 2") as exc:
        services.plan_opslaan(
            actor=w["lid"], convenant=convenant, basis=1, secties=_plan(doelen="C")
        )
    assert "goals and results" in str(exc.value)
    assert ConvenantVersie.objects.count() == 2


@pytest.mark.parametrize("wie", ["collega", "elders", "ander_lid", "burger"])
def test_only_the_initiative_and_the_team_write(w, wie):
    convenant = _benoemd(w)
    with pytest.raises(NotAllowed):
        services.plan_opslaan(actor=w[wie], convenant=convenant, basis=0, secties=_plan(doelen="X"))


# Agreement ------------------------------------------------------------------------------


def test_both_sides_agree_to_the_same_version_and_the_plan_is_agreed(w):
    convenant = _benoemd(w)
    services.plan_opslaan(actor=w["lid"], convenant=convenant, basis=0, secties=_plan(doelen="A"))
    services.akkoord_geven(actor=w["beheerder"], convenant=convenant, versie_nummer=1)
    # An edit lapses the agreement: it counts on version 1 only; who agreed is told.
    voor = Notificatie.objects.filter(user=w["beheerder"]).count()
    services.plan_opslaan(
        actor=w["medewerker"], convenant=convenant, basis=1, secties=_plan(doelen="A", geld="B")
    )
    assert Notificatie.objects.filter(user=w["beheerder"]).count() == voor + 1
    services.akkoord_geven(actor=w["medewerker"], convenant=convenant, versie_nummer=2)
    convenant.refresh_from_db()
    assert not convenant.is_vastgesteld
    with pytest.raises(DomainError, match="no longer the newest"):
        services.akkoord_geven(actor=w["beheerder"], convenant=convenant, versie_nummer=1)
    services.akkoord_geven(actor=w["beheerder"], convenant=convenant, versie_nummer=2)
    convenant.refresh_from_db()
    assert convenant.is_vastgesteld
    assert convenant.vastgestelde_versie.nummer == 2
    assert AuditEvent.objects.filter(event_type=AuditEventType.CONVENANT_VASTGESTELD).count() == 1
    # Agreed: it no longer changes.
    with pytest.raises(DomainError, match="no longer changes"):
        services.plan_opslaan(
            actor=w["lid"], convenant=convenant, basis=2, secties=_plan(doelen="Z")
        )


def test_a_member_without_the_administrator_role_does_not_agree_for_the_initiative(w):
    convenant = _benoemd(w)
    services.plan_opslaan(actor=w["lid"], convenant=convenant, basis=0, secties=_plan(doelen="A"))
    for wie in ("lid", "collega", "burger"):
        with pytest.raises(NotAllowed):
            services.akkoord_geven(actor=w[wie], convenant=convenant, versie_nummer=1)


def test_agreeing_twice_is_one_agreement(w):
    convenant = _benoemd(w)
    services.plan_opslaan(actor=w["lid"], convenant=convenant, basis=0, secties=_plan(doelen="A"))
    eerste = services.akkoord_geven(actor=w["beheerder"], convenant=convenant, versie_nummer=1)
    assert (
        services.akkoord_geven(actor=w["beheerder"], convenant=convenant, versie_nummer=1) == eerste
    )


# Pages ---------------------------------------------------------------------------------


def _url(w, naam="convenant", *args):
    return reverse(f"beoordeling:{naam}", args=[w["traject"].pk, *args])


MATRIX = {
    "anoniem": LOGIN,
    "burger": 404,
    "ander_lid": 404,
    "elders": 404,
    "lid": 200,
    "beheerder": 200,
    "medewerker": 200,
    "collega": 200,
}


@pytest.mark.parametrize("rol", list(MATRIX))
def test_plan_pages_per_role(client, w, rol):
    convenant = _benoemd(w)
    services.plan_opslaan(actor=w["lid"], convenant=convenant, basis=0, secties=_plan(doelen="A"))
    services.plan_opslaan(actor=w["lid"], convenant=convenant, basis=1, secties=_plan(doelen="A B"))
    user = None if rol == "anoniem" else w[rol]
    for url in (
        _url(w),
        _url(w, "convenant_versie", 1),
        _url(w, "convenant_vergelijken") + "?van=1&naar=2",
    ):
        assert status_als(client, user, url) == MATRIX[rol], url


def test_the_plan_page_on_another_route_is_not_there(client, gemeente, medewerker):
    traject = TrajectFactory(gemeente=gemeente, vorm=Vorm.AANBESTEDING)
    client.force_login(medewerker)
    assert client.get(reverse("beoordeling:convenant", args=[traject.pk])).status_code == 404


def test_the_medewerker_names_the_initiative_on_the_page(client, w):
    client.force_login(w["medewerker"])
    html = client.get(_url(w)).content.decode()
    assert 'id="geen-initiatief"' in html
    response = client.post(_url(w, "convenant_initiatief"), {})
    assert response.status_code == 400
    assert 'id="foutoverzicht"' in response.content.decode()
    response = client.post(_url(w, "convenant_initiatief"), {"organisatie": w["initiatief"].pk})
    assert response.status_code == 302
    html = client.get(_url(w)).content.decode()
    assert "Bewonersinitiatief Doornakkers" in html
    assert f'action="{_url(w, "convenant_opslaan")}"' in html


def test_writing_and_agreeing_on_the_pages(client, w):
    _benoemd(w)
    client.force_login(w["lid"])
    response = client.post(
        _url(w, "convenant_opslaan"), {"basis": 0, **_plan(doelen="Een open huiskamer.")}
    )
    assert response.status_code == 302
    html = client.get(_url(w)).content.decode()
    assert "Een open huiskamer." in html
    assert f'action="{_url(w, "convenant_akkoord")}"' not in html  # a member, not an administrator

    # Someone else saved meanwhile on the same section: refused, their text kept, the newer shown.
    client.force_login(w["medewerker"])
    client.post(
        _url(w, "convenant_opslaan"), {"basis": 1, **_plan(doelen="Een huiskamer voor iedereen.")}
    )
    client.force_login(w["lid"])
    response = client.post(
        _url(w, "convenant_opslaan"), {"basis": 1, **_plan(doelen="Mijn tekst.")}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert 'id="foutoverzicht"' in html
    assert "Mijn tekst." in html and "Een huiskamer voor iedereen." in html
    assert 'name="basis" value="2"' in html

    client.force_login(w["medewerker"])
    assert client.post(_url(w, "convenant_akkoord"), {"versie": 2}).status_code == 302
    client.force_login(w["beheerder"])
    assert client.post(_url(w, "convenant_akkoord"), {"versie": 2}).status_code == 302
    html = client.get(_url(w)).content.decode()
    assert 'id="convenant-vastgesteld"' in html and 'data-versie-vastgesteld="2"' in html
    assert f'action="{_url(w, "convenant_opslaan")}"' not in html


def test_compare_shows_what_changed_per_section(client, w):
    convenant = _benoemd(w)
    services.plan_opslaan(
        actor=w["lid"], convenant=convenant, basis=0, secties=_plan(doelen="Open op maandag.")
    )
    services.plan_opslaan(
        actor=w["lid"], convenant=convenant, basis=1, secties=_plan(doelen="Open op dinsdag.")
    )
    client.force_login(w["medewerker"])
    html = client.get(_url(w, "convenant_vergelijken") + "?van=2&naar=1").content.decode()
    assert "<del>maandag.</del>" in html and "<ins>dinsdag.</ins>" in html
    assert html.count('data-gewijzigd="nee"') == 5


def test_the_trajectory_page_says_covenant_with_and_shows_the_agreed_plan(client, w):
    traject = w["traject"]
    Traject.objects.filter(pk=traject.pk).update(
        status=TrajectStatus.GEPUBLICEERD, gepubliceerd_op=timezone.now()
    )
    convenant = _benoemd(w)
    services.plan_opslaan(
        actor=w["lid"], convenant=convenant, basis=0, secties=_plan(doelen="Samen open.")
    )
    html = client.get(traject.get_absolute_url()).content.decode()
    assert 'id="convenant-met"' in html and "Bewonersinitiatief Doornakkers" in html
    assert "Samen open." not in html  # the draft plan is not public
    assert 'id="convenant-plan-link"' not in html
    services.akkoord_geven(actor=w["beheerder"], convenant=convenant, versie_nummer=1)
    services.akkoord_geven(actor=w["medewerker"], convenant=convenant, versie_nummer=1)
    html = client.get(traject.get_absolute_url()).content.decode()
    assert "Samen open." in html and 'data-versie-vastgesteld="1"' in html


def test_plan_page_queries_do_not_grow_with_versions(client, w, count_queries):
    convenant = _benoemd(w)
    client.force_login(w["medewerker"])
    for n in range(1, 3):
        services.plan_opslaan(
            actor=w["lid"], convenant=convenant, basis=n - 1, secties=_plan(doelen=f"v{n}")
        )
    weinig = count_queries(lambda: client.get(_url(w)))
    for n in range(3, 9):
        services.plan_opslaan(
            actor=w["lid"], convenant=convenant, basis=n - 1, secties=_plan(doelen=f"v{n}")
        )
        services.akkoord_geven(actor=w["beheerder"], convenant=convenant, versie_nummer=n)
    veel = count_queries(lambda: client.get(_url(w)))
    assert weinig == veel
