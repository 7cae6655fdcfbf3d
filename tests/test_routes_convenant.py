"""Issue 14, point 3 (done when): the covenant route walked from set-up to its outcome, the
draft covenant, and refused where it is not the route.

Set-up -> the initiative named -> the plan written in versions by both sides (merged when
they edit at once) -> both agree to the same version -> "Concept-convenant vastgesteld".
A covenant has no competition (`route_van(traject).mededinging` is False: the partner
board, bids, vault, committee and award ask it); the covenant's own steps are refused on
every other route.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from aanbesteden.exceptions import DomainError
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from beoordeling.models import Convenant
from beoordeling.services import convenant as convenant_services
from coalities.constants import LidRol
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory
from trajecten.constants import TeamRol, Vorm
from trajecten.routes import CONVENANTPLAN, MEDEDINGING, route_van
from trajecten.services import opstellen

pytestmark = pytest.mark.django_db

PLAN = {
    "doelen": "Een huiskamer die elke dag open is, voor iedereen uit Doornakkers.",
    "activiteiten": "Inloop met koffie, twee maaltijden per week, huiswerkhulp.",
    "inbreng": "",
    "looptijd": "",
    "geld": "",
    "exit": "",
}


@pytest.fixture
def wereld(gemeente):
    beleid = MedewerkerFactory(gemeente=gemeente)
    initiatief = OrganisatieFactory(naam="Bewonersinitiatief Huiskamer Doornakkers")
    return {
        "beleid": beleid,
        "initiatief": initiatief,
        "penningmeester": LidmaatschapFactory(organisatie=initiatief, rol=LidRol.BEHEERDER).user,
        "vrijwilliger": LidmaatschapFactory(organisatie=initiatief).user,
    }


def test_the_covenant_route_from_set_up_to_the_draft_covenant(client, gemeente, wereld):
    beleid = wereld["beleid"]
    # Set-up: a covenant trajectory with its team.
    traject = opstellen.traject_aanmaken(
        actor=beleid.user, gemeente=gemeente, titel="Huiskamer van de wijk", vorm=Vorm.CONVENANT
    )
    opstellen.teamlid_toevoegen(
        actor=beleid.user, traject=traject, medewerker=beleid, rol=TeamRol.PROJECTLEIDER
    )
    route = route_van(traject)
    assert route.heeft(CONVENANTPLAN) and not route.mededinging

    plan_url = reverse("beoordeling:convenant", args=[traject.pk])
    # The initiative named, on the page.
    client.force_login(beleid.user)
    response = client.post(
        reverse("beoordeling:convenant_initiatief", args=[traject.pk]),
        {"organisatie": wereld["initiatief"].pk},
    )
    assert response.status_code == 302
    convenant = Convenant.objects.get(traject=traject)
    assert convenant.initiatief == wereld["initiatief"]

    # The plan written in versions by both sides.
    client.force_login(wereld["vrijwilliger"])
    response = client.post(
        reverse("beoordeling:convenant_opslaan", args=[traject.pk]), {"basis": 0, **PLAN}
    )
    assert response.status_code == 302
    # Both start from version 1 and write another part: merged, nothing lost.
    client.force_login(beleid.user)
    client.post(
        reverse("beoordeling:convenant_opslaan", args=[traject.pk]),
        {"basis": 1, **PLAN, "geld": "De gemeente betaalt de huur van het pand."},
    )
    client.force_login(wereld["penningmeester"])
    client.post(
        reverse("beoordeling:convenant_opslaan", args=[traject.pk]),
        {"basis": 1, **PLAN, "inbreng": "Twintig vrijwilligers en de inrichting."},
    )
    versies = list(convenant.versies.order_by("nummer"))
    assert [(v.nummer, v.partij) for v in versies] == [
        (1, "initiatief"),
        (2, "gemeente"),
        (3, "initiatief"),
    ]
    assert versies[-1].inhoud["geld"] and versies[-1].inhoud["inbreng"]

    # Both agree to the same version: the draft covenant.
    client.force_login(wereld["penningmeester"])
    client.post(reverse("beoordeling:convenant_akkoord", args=[traject.pk]), {"versie": 3})
    client.force_login(beleid.user)
    client.post(reverse("beoordeling:convenant_akkoord", args=[traject.pk]), {"versie": 3})
    convenant.refresh_from_db()
    assert convenant.is_vastgesteld and convenant.vastgestelde_versie.nummer == 3
    html = client.get(plan_url).content.decode()
    assert 'id="convenant-vastgesteld"' in html and 'data-versie-vastgesteld="3"' in html
    html = client.get(traject.get_absolute_url()).content.decode()
    assert 'id="convenant-met"' in html and "Twintig vrijwilligers en de inrichting." in html


@pytest.mark.parametrize(
    "vorm", [Vorm.AANBESTEDING, Vorm.SUBSIDIE, Vorm.BURGERAANBESTEDING, Vorm.RIGHT_TO_CHALLENGE]
)
def test_the_covenant_steps_are_refused_on_the_other_routes(client, gemeente, wereld, vorm):
    beleid = wereld["beleid"]
    traject = opstellen.traject_aanmaken(
        actor=beleid.user, gemeente=gemeente, titel="Een andere route", vorm=vorm
    )
    with translation.override("en"), pytest.raises(DomainError, match="not part of its route"):
        convenant_services.initiatief_benoemen(
            actor=beleid.user, traject=traject, organisatie=wereld["initiatief"]
        )
    assert not Convenant.objects.exists()
    client.force_login(beleid.user)
    assert client.get(reverse("beoordeling:convenant", args=[traject.pk])).status_code == 404
    response = client.post(
        reverse("beoordeling:convenant_initiatief", args=[traject.pk]),
        {"organisatie": wereld["initiatief"].pk},
    )
    assert response.status_code == 404


def test_a_covenant_has_no_competition(gemeente, wereld):
    """The covenant route has none of the competition's parts: the partner board, bids,
    the vault, the committee and the award ask `route_van(traject).mededinging` (issue 14,
    the routes' gating) and so refuse a covenant; its plan is the only way to its outcome."""
    traject = opstellen.traject_aanmaken(
        actor=wereld["beleid"].user, gemeente=gemeente, titel="Huiskamer", vorm=Vorm.CONVENANT
    )
    route = route_van(traject)
    assert not route.heeft(MEDEDINGING)
    assert not route.heeft("gunningscriteria") and not route.heeft("gunningsbrieven")
    # Someone outside the initiative and the team cannot write the plan either.
    convenant = convenant_services.initiatief_benoemen(
        actor=wereld["beleid"].user, traject=traject, organisatie=wereld["initiatief"]
    )
    buitenstaander = LidmaatschapFactory(organisatie=OrganisatieFactory()).user
    for actor in (buitenstaander, UserFactory()):
        with pytest.raises(DomainError):
            convenant_services.plan_opslaan(actor=actor, convenant=convenant, basis=0, secties=PLAN)
