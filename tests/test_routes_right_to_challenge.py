"""Issue 14, point 3 (done when): the right to challenge walked from the proposal to its
outcome. A proposal -> the municipality asks for more -> the proposer supplements -> it is
accepted as a covenant (the proposer's organisation named as the initiative) -> the plan is
written and agreed: the draft covenant. Declined with reasons. And the other routes' steps
refused: a challenge is never a trajectory's route any more, and a proposal accepted on
another route has no covenant plan.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from aanbesteden.exceptions import DomainError
from aanbesteden.models import Notificatie
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from beoordeling.models import Convenant
from beoordeling.services import convenant as convenant_services
from coalities.constants import LidRol
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory
from trajecten.constants import UitdagingStatus, Vorm
from trajecten.models import TeamLid, Traject, Uitdaging
from trajecten.services import uitdaging as uitdaging_services

pytestmark = pytest.mark.django_db

S = UitdagingStatus
VOORSTEL = {
    "titel": "Beheer van de buurttuin aan de Vlierstraat",
    "wat": "Wij beheren de buurttuin en houden elke week een moestuinochtend.",
    "waar": "Woensel-Noord",
    "waarom": "Wij wonen ernaast en hebben twaalf vrijwilligers.",
    "wie": "Bewonersgroep Vlierstraat.",
    "nodig": "Het onderhoudsbudget voor de tuin en een sleutel van het hek.",
}


@pytest.fixture
def wereld(gemeente):
    gemeente.uitdaging_beslistermijn_weken = 6
    gemeente.uitdaging_criteria = "Het voorstel is goed voor de buurt en haalbaar."
    gemeente.save()
    groep = OrganisatieFactory(naam="Bewonersgroep Vlierstraat")
    indiener = LidmaatschapFactory(organisatie=groep, rol=LidRol.BEHEERDER).user
    return {
        "beleid": MedewerkerFactory(gemeente=gemeente).user,
        "groep": groep,
        "indiener": indiener,
    }


def _url(uitdaging, actie=""):
    return f"/trajecten/uitdagen/{uitdaging.pk}/" + (f"{actie}/" if actie else "")


def test_proposal_more_information_supplement_accepted_as_covenant_to_the_draft_covenant(
    client, gemeente, wereld
):
    indiener, beleid = wereld["indiener"], wereld["beleid"]
    # The proposal, with the bylaw's term and criteria on the form page.
    client.force_login(indiener)
    html = client.get(reverse("trajecten:uitdagen")).content.decode()
    assert 'data-termijn="eindhoven"' in html
    assert "Het voorstel is goed voor de buurt en haalbaar." in html
    response = client.post(reverse("trajecten:uitdagen"), {"gemeente": gemeente.pk, **VOORSTEL})
    assert response.status_code == 302
    uitdaging = Uitdaging.objects.get()
    assert uitdaging.beslist_uiterlijk is not None
    html = client.get(_url(uitdaging)).content.decode()
    assert 'id="uitdaging-termijn"' in html and 'id="uitdaging-criteria"' in html
    assert 'id="termijn-verstreken"' not in html

    # The municipality asks for more; the proposer supplements.
    client.force_login(beleid)
    client.post(_url(uitdaging, "meer-informatie-vragen"), {"vraag-vraag": "Wie heeft de sleutel?"})
    client.force_login(indiener)
    client.post(_url(uitdaging, "aanvullen"), {"aanvullen-aanvulling": "De voorzitter."})
    uitdaging.refresh_from_db()
    assert uitdaging.status == S.INGEDIEND

    # Accepted as a covenant: the officer chooses the route.
    client.force_login(beleid)
    response = client.post(_url(uitdaging, "accepteren"), {"accepteren-vorm": Vorm.CONVENANT})
    assert response.status_code == 302
    uitdaging.refresh_from_db()
    traject = uitdaging.traject
    assert traject.vorm == Vorm.CONVENANT and uitdaging.gekozen_vorm == Vorm.CONVENANT
    assert traject.uitdaging == uitdaging  # the origin is kept on the link, not the form
    # The proposer's organisation is the initiative; the accepting officer is in the team.
    convenant = Convenant.objects.get(traject=traject)
    assert convenant.initiatief == wereld["groep"]
    assert TeamLid.objects.filter(traject=traject, medewerker__user=beleid).exists()
    # The proposer is told at every step, the last one with the route and what it means.
    meldingen = list(Notificatie.objects.filter(user=indiener).order_by("pk"))
    assert len(meldingen) == 4  # received, question, answer received, accepted
    assert "Bewonersgroep Vlierstraat" in meldingen[-1].tekst
    assert convenant.get_absolute_url() in meldingen[-1].tekst
    client.force_login(indiener)
    html = client.get(_url(uitdaging)).content.decode()
    assert 'id="uitdaging-route"' in html

    # The plan, written by both and agreed: the draft covenant.
    client.force_login(indiener)
    plan = {"doelen": "Een tuin die de buurt zelf beheert.", "activiteiten": "Moestuinochtend."}
    client.post(reverse("beoordeling:convenant_opslaan", args=[traject.pk]), {"basis": 0, **plan})
    client.force_login(beleid)
    client.post(
        reverse("beoordeling:convenant_opslaan", args=[traject.pk]),
        {"basis": 1, **plan, "geld": "Het onderhoudsbudget, per kwartaal."},
    )
    for user in (beleid, indiener):
        client.force_login(user)
        client.post(reverse("beoordeling:convenant_akkoord", args=[traject.pk]), {"versie": 2})
    convenant.refresh_from_db()
    assert convenant.is_vastgesteld and convenant.vastgestelde_versie.nummer == 2


def test_declined_with_reasons(client, gemeente, wereld):
    client.force_login(wereld["indiener"])
    client.post(reverse("trajecten:uitdagen"), {"gemeente": gemeente.pk, **VOORSTEL})
    uitdaging = Uitdaging.objects.get()
    client.force_login(wereld["beleid"])
    response = client.post(_url(uitdaging, "afwijzen"), {"afwijzen-reden": ""})
    assert response.status_code == 400
    client.post(_url(uitdaging, "afwijzen"), {"afwijzen-reden": "De tuin wordt verkocht."})
    uitdaging.refresh_from_db()
    assert uitdaging.status == S.AFGEWEZEN and uitdaging.traject is None
    client.force_login(wereld["indiener"])
    html = client.get(_url(uitdaging)).content.decode()
    assert "De tuin wordt verkocht." in html
    assert Notificatie.objects.filter(user=wereld["indiener"]).count() == 2
    assert not Traject.objects.exists()


@pytest.mark.parametrize("vorm", [Vorm.RIGHT_TO_CHALLENGE, Vorm.BURGERAANBESTEDING, ""])
def test_a_challenge_is_not_a_route_to_choose(gemeente, wereld, vorm):
    uitdaging = uitdaging_services.uitdaging_indienen(
        actor=wereld["indiener"], gemeente=gemeente, **VOORSTEL
    )
    with pytest.raises(DomainError):
        uitdaging_services.uitdaging_accepteren(
            actor=wereld["beleid"], uitdaging=uitdaging, vorm=vorm
        )
    uitdaging.refresh_from_db()
    assert uitdaging.status == S.INGEDIEND and not Traject.objects.exists()


@pytest.mark.parametrize("vorm", [Vorm.SUBSIDIE, Vorm.AANBESTEDING])
def test_accepted_on_another_route_there_is_no_covenant(gemeente, wereld, vorm):
    uitdaging = uitdaging_services.uitdaging_indienen(
        actor=wereld["indiener"], gemeente=gemeente, **VOORSTEL
    )
    uitdaging = uitdaging_services.uitdaging_accepteren(
        actor=wereld["beleid"], uitdaging=uitdaging, vorm=vorm
    )
    traject = uitdaging.traject
    assert traject.vorm == vorm
    assert not Convenant.objects.exists()  # nobody named: not this route
    with translation.override("en"), pytest.raises(DomainError, match="not part of its route"):
        convenant_services.initiatief_benoemen(
            actor=wereld["beleid"], traject=traject, organisatie=wereld["groep"]
        )
    melding = Notificatie.objects.filter(user=wereld["indiener"]).latest("pk")
    assert (
        traject.get_vorm_display().lower() in melding.tekst.lower() or vorm in melding.tekst.lower()
    )


def test_a_proposer_in_no_single_organisation_leaves_the_initiative_to_the_medewerker(
    gemeente, wereld
):
    indiener = UserFactory()
    uitdaging = uitdaging_services.uitdaging_indienen(actor=indiener, gemeente=gemeente, **VOORSTEL)
    uitdaging = uitdaging_services.uitdaging_accepteren(
        actor=wereld["beleid"], uitdaging=uitdaging, vorm=Vorm.CONVENANT
    )
    assert uitdaging.traject.vorm == Vorm.CONVENANT
    assert not Convenant.objects.exists()
