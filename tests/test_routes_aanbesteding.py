"""Issue 14, done-when: the procurement walked from its set-up to its outcome, the award with
a letter to every bidder and a standstill, at the service level; and the steps of other
routes refused on it (the subsidy decisions and its section). The competition's own steps
(bidding, coalitions, the vault, the committee) are refused on routes without competing
bids.

For the lead at merge: the covenant plan (helper "convenant") and the residents' budget
(helper "burger") are services of other branches; extend
`test_steps_of_other_routes_are_refused_on_a_procurement` with them (their sections
"convenant" and "buurtbudget" are refused here already through `trajecten.routes`).
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.tests.factories import UserFactory
from beoordeling import standstill
from beoordeling.constants import Ronde, SubsidieUitkomst
from beoordeling.models import Gunningsbrief, Subsidiebesluit
from beoordeling.services import bieden, commissie, kluis
from beoordeling.services import gunning as gunning_services
from beoordeling.services import subsidie as subsidie_services
from beoordeling.tests.test_gunning_services import besluiten, maak_wereld
from coalities.services import coalitie as coalitie_services
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory
from trajecten import inhoud
from trajecten.constants import Bekostiging, Contractvorm, Domein, Gunningswijze, Procedure, Vorm
from trajecten.selectors.opstellen import ontbrekende_onderdelen, secties_status
from trajecten.services.opstellen import sectie_opslaan, traject_aanmaken
from trajecten.tests.factories import PerceelFactory, TrajectFactory

pytestmark = pytest.mark.django_db


def _over(dagen):
    return (timezone.now() + timedelta(days=dagen)).replace(microsecond=0)


def test_a_procurement_from_set_up_to_an_award_with_letters(
    gemeente, medewerker, django_capture_on_commit_callbacks
):
    traject = traject_aanmaken(actor=medewerker, gemeente=gemeente, titel="Welzijn Woensel")

    def opslaan(sectie, **wijzigingen):
        sectie_opslaan(actor=medewerker, traject=traject, sectie=sectie, wijzigingen=wijzigingen)

    opslaan(
        "opgave",
        opgave="Zelfredzaam in Woensel.",
        wensbeeld="Niemand staat er alleen voor.",
        domein=Domein.SOCIAAL,
        nieuwe_wijken="Woensel",
    )
    opslaan("kaders", budget=Decimal("175000"))
    opslaan(
        "vorm",
        vorm=Vorm.AANBESTEDING,
        procedure=Procedure.NATIONAAL,
        contractvorm=Contractvorm.RELATIONEEL,
        bekostiging=Bekostiging.RESULTAAT,
        contractduur_maanden=48,
    )
    opslaan("percelen", percelen=[{"nummer": 1, "naam": "Woensel"}])
    opslaan("planning", vragen_sluit=_over(20), inschrijving_sluit=_over(40))
    opslaan(
        "gunning",
        gunningswijze=Gunningswijze.KWALITEIT,
        criteria=[{"naam": "Maatschappelijke waarde"}],
    )
    opslaan(
        "bewoners",
        commissie_samenstelling="Twee bewoners per wijk en een medewerker.",
        commissie_mandaat="beslist",
    )
    traject.refresh_from_db()
    # Every section of a procurement is asked; the subsidy ceiling is not.
    slugs = [s.slug for s in secties_status(traject)]
    assert "subsidie" not in slugs and {"vorm", "gunning", "planning"} <= set(slugs)
    assert ontbrekende_onderdelen(traject) == []
    stand = inhoud.snapshot(traject)
    assert "subsidie" not in stand and stand["vorm"]["procedure"]
    with pytest.raises(DomainError):
        opslaan("subsidie", subsidieplafond=Decimal("1000"))

    # The outcome: an award with letters to every bidder and a standstill.
    w = maak_wereld(gemeente, medewerker, vorm=Vorm.AANBESTEDING)
    assert standstill.heeft_standstill(w.traject) and standstill.met_brieven(w.traject)
    gunning = besluiten(w)
    with django_capture_on_commit_callbacks(execute=True):
        gunning = gunning_services.gunning_versturen(
            actor=medewerker, gunning=gunning, ontvangen_op=timezone.now()
        )
    assert gunning.standstill_tot is not None
    assert Gunningsbrief.objects.filter(gunning=gunning).count() == len(w.biedingen)


def test_steps_of_other_routes_are_refused_on_a_procurement(gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, vorm=Vorm.AANBESTEDING)
    # No subsidy decisions: its outcome is the award.
    with pytest.raises(DomainError, match="Deze stap hoort niet bij deze route"):
        subsidie_services.subsidiebesluit_vastleggen(
            actor=medewerker,
            bod=w.biedingen[0],
            uitkomst=SubsidieUitkomst.TOEGEKEND,
            bedrag=1000,
        )
    assert not Subsidiebesluit.objects.exists()
    with pytest.raises(DomainError):
        subsidie_services.subsidiebesluiten_versturen(
            actor=medewerker, traject=w.traject, ontvangen_op=timezone.now()
        )
    # A covenant plan or a residents' budget: not sections of this route (the lead adds
    # their services here at merge).
    with pytest.raises(DomainError):
        sectie_opslaan(actor=medewerker, traject=w.traject, sectie="subsidie", wijzigingen={})


@pytest.mark.parametrize("vorm", [Vorm.CONVENANT, Vorm.BURGERAANBESTEDING])
def test_the_steps_of_competition_are_refused_without_competing_bids(
    gemeente, medewerker, vorm, client
):
    traject = TrajectFactory(
        gemeente=gemeente, volledig=True, gepubliceerd=True, vorm=vorm, procedure=""
    )
    perceel = PerceelFactory(traject=traject)
    organisatie = OrganisatieFactory()
    lid = LidmaatschapFactory(organisatie=organisatie, beheerder=True).user
    weigering = "Deze stap hoort niet bij deze route"
    with pytest.raises(DomainError, match=weigering):
        bieden.bod_starten(actor=lid, traject=traject, perceel=perceel, organisatie=organisatie)
    with pytest.raises(DomainError, match=weigering):
        coalitie_services.coalitie_vormen(
            actor=lid,
            traject=traject,
            organisatie=organisatie,
            naam="Samen",
            percelen=[perceel],
            rol="penvoerder",
        )
    with pytest.raises(DomainError, match=weigering):
        kluis.kluis_opening_starten(actor=medewerker, traject=traject, ronde=Ronde.HOOFDLIJNEN)
    with pytest.raises((DomainError, NotAllowed), match=weigering):
        commissie.commissielid_toevoegen(actor=medewerker, traject=traject, user=UserFactory())
    # The trajectory page hides them: no "Make a bid", no "Form a coalition".
    client.force_login(lid)
    html = client.get(traject.get_absolute_url()).content.decode()
    assert "Een bod doen" not in html and "Coalitie vormen" not in html
    assert f'data-route="{vorm}"' in html
