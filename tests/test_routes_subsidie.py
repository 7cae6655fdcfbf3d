"""Issue 14, done-when: the subsidy tender (Awb title 4.2) walked from its set-up to its
outcome, a decision on each application, at the service level; and the steps of other
routes refused on it (the award with its letters and standstill).

The covenant plan (helper "convenant") and the residents' budget (helper "burger") are
built in other branches: the lead extends `test_steps_of_other_routes_are_refused` with
their services (e.g. `coalities`/`trajecten` covenant plan services, the residents' budget
services) when merging; each refuses with `trajecten.permissions.op_route`.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aanbesteden.constants import AuditEventType, DocumentStatus
from aanbesteden.exceptions import DomainError
from aanbesteden.models import AuditEvent, Notificatie
from beoordeling import standstill
from beoordeling.constants import Afwijzingsgrond, SubsidieUitkomst
from beoordeling.models import Subsidiebesluit
from beoordeling.selectors import subsidie as subsidie_selectors
from beoordeling.services import gunning as gunning_services
from beoordeling.services import subsidie as services
from beoordeling.tests.factories import BodFactory, BodVersieFactory, KluisOpeningFactory
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory
from trajecten import inhoud
from trajecten.constants import Bekostiging, Domein, Gunningswijze, Verdeelregel, Vorm
from trajecten.models import Traject
from trajecten.routes import SUBSIDIEPLAFOND, route_van
from trajecten.selectors.opstellen import ontbrekende_onderdelen, secties_status
from trajecten.services import publicatie
from trajecten.services.opstellen import sectie_opslaan, traject_aanmaken

pytestmark = pytest.mark.django_db


def _over(dagen):
    return (timezone.now() + timedelta(days=dagen)).replace(microsecond=0)


def opzetten(actor, gemeente, *, verdeelregel=Verdeelregel.BINNENKOMST):
    """Set up a subsidy tender section by section, as an officer does."""
    traject = traject_aanmaken(actor=actor, gemeente=gemeente, titel="Buurtinitiatieven 2027")

    def opslaan(sectie, **wijzigingen):
        sectie_opslaan(actor=actor, traject=traject, sectie=sectie, wijzigingen=wijzigingen)

    opslaan(
        "opgave",
        opgave="Meer ontmoeting in de wijk.",
        wensbeeld="Bewoners kennen elkaar en helpen elkaar.",
        domein=Domein.SOCIAAL,
        nieuwe_wijken="Woensel",
    )
    opslaan("kaders", budget=Decimal("100000"))
    opslaan("vorm", vorm=Vorm.SUBSIDIE, bekostiging=Bekostiging.PRESTATIE, contractduur_maanden=12)
    opslaan("percelen", percelen=[{"nummer": 1, "naam": "Woensel-Noord"}])
    opslaan("planning", vragen_sluit=_over(10), inschrijving_sluit=_over(30))
    opslaan(
        "gunning",
        gunningswijze=Gunningswijze.KWALITEIT,
        criteria=[{"naam": "Past bij de buurt", "omschrijving": "Bewoners doen mee."}],
    )
    traject.refresh_from_db()
    # Issue 14, point 2: a subsidy tender has a committee, so the call states its mandate.
    opslaan(
        "bewoners",
        commissie_samenstelling="Drie bewoners uit de buurt, geloot uit wie zich meldde.",
        commissie_mandaat="adviseert",
        afwijken_van_advies="Het college legt in het openbaar uit waarom het afwijkt.",
    )
    traject.refresh_from_db()
    assert ontbrekende_onderdelen(traject) == [
        _("Give the subsidy ceiling."),
        _("Choose the distribution rule."),
    ]
    opslaan("subsidie", subsidieplafond=Decimal("50000"), verdeelregel=verdeelregel)
    traject.refresh_from_db()
    return traject


def publiceren(actor, traject, capture):
    with capture(execute=True):
        versie = publicatie.uitvraag_concept_maken(actor=actor, traject=traject)
    versie.document.refresh_from_db()
    assert versie.document.status == DocumentStatus.KLAAR, versie.document.fout
    return publicatie.traject_publiceren(actor=actor, traject=traject)


def aanvraag(traject, naam, bedrag, minuten):
    """A complete application (a submitted bid) received `minuten` after the first."""
    organisatie = OrganisatieFactory(naam=naam)
    lid = LidmaatschapFactory(organisatie=organisatie).user
    concept = {
        "plan": f"Plan van {naam}",
        "begroting": [{"partner": naam, "jaar": 2027, "bedrag": str(bedrag)}],
    }
    bod = BodFactory(
        traject=traject,
        perceel=traject.percelen.get(),
        organisatie=organisatie,
        concept=concept,
        status="ingediend",
    )
    BodVersieFactory(bod=bod, ingediend_op=timezone.now() - timedelta(hours=2, minutes=-minuten))
    return bod, lid


def sluiten_en_openen(traject):
    """The application period closes (time passes) and the vault is opened."""
    Traject.objects.filter(pk=traject.pk).update(
        vragen_sluit=timezone.now() - timedelta(days=2),
        inschrijving_sluit=timezone.now() - timedelta(days=1),
    )
    traject.refresh_from_db()
    KluisOpeningFactory(traject=traject, geopend=True)


def test_a_subsidy_tender_from_set_up_to_a_decision_on_each_application(
    medewerker, gemeente, django_capture_on_commit_callbacks
):
    traject = opzetten(medewerker, gemeente)
    # Set-up: no procedure or contract form is asked; the ceiling section is.
    slugs = [s.slug for s in secties_status(traject)]
    assert "subsidie" in slugs and "gunning" in slugs
    assert ontbrekende_onderdelen(traject) == []
    assert traject.procedure == "" and route_van(traject).heeft(SUBSIDIEPLAFOND)

    # The call states the ceiling, the rule and the decision date (closing + 8 weeks).
    with translation.override("nl"):
        stand = inhoud.snapshot(traject)
    assert stand["subsidie"]["subsidieplafond"] == "€ 50.000,00"
    assert stand["subsidie"]["verdeelregel"] == "Op volgorde van binnenkomst"
    assert stand["subsidie"]["beslissen_uiterlijk"].startswith("U krijgt uiterlijk")
    assert stand["route"]["uitkomst"] == "Een besluit op elke aanvraag"
    assert stand["vorm"]["procedure"] == "" and stand["vorm"]["contractvorm"] == ""
    publiceren(medewerker, traject, django_capture_on_commit_callbacks)

    # Three complete applications, in order of receipt: 30k, 30k, 10k under a 50k ceiling.
    eerste, lid_eerste = aanvraag(traject, "Buurtkracht", 30000, 0)
    tweede, lid_tweede = aanvraag(traject, "Samen Sterk", 30000, 10)
    derde, _lid = aanvraag(traject, "Moestuin Noord", 10000, 20)
    sluiten_en_openen(traject)

    # The proposal of the rule: the first in full, the second in part, the third refused.
    aanvragen = subsidie_selectors.aanvragen_op_volgorde(traject)
    assert [(a.bod, a.voorstel_uitkomst, a.voorstel_bedrag) for a in aanvragen] == [
        (eerste, SubsidieUitkomst.TOEGEKEND, Decimal("30000")),
        (tweede, SubsidieUitkomst.DEELS, Decimal("20000")),
        (derde, SubsidieUitkomst.AFGEWEZEN, None),
    ]

    def besluit(bod, uitkomst, bedrag=None, grond="", reden=""):
        return services.subsidiebesluit_vastleggen(
            actor=medewerker, bod=bod, uitkomst=uitkomst, bedrag=bedrag, grond=grond, reden=reden
        )

    besluit(eerste, SubsidieUitkomst.TOEGEKEND, 30000)
    # The ceiling is one rule: the granted amounts together stay within it.
    with pytest.raises(DomainError, match="subsidieplafond"):
        besluit(tweede, SubsidieUitkomst.DEELS, 25000, reden="Het plafond is bijna op.")
    # Granted in part needs its reason.
    with pytest.raises(DomainError):
        besluit(tweede, SubsidieUitkomst.DEELS, 20000)
    # The order: the third may not be granted while the second is refused for the ceiling.
    besluit(tweede, SubsidieUitkomst.AFGEWEZEN, grond=Afwijzingsgrond.PLAFOND, reden="Op.")
    with pytest.raises(DomainError, match="eerder"):
        besluit(derde, SubsidieUitkomst.TOEGEKEND, 10000)
    besluit(tweede, SubsidieUitkomst.DEELS, 20000, reden="Het plafond is bereikt.")
    # Not all decided: nothing is sent.
    with pytest.raises(DomainError):
        services.subsidiebesluiten_versturen(
            actor=medewerker, traject=traject, ontvangen_op=timezone.now()
        )
    besluit(
        derde, SubsidieUitkomst.AFGEWEZEN, grond=Afwijzingsgrond.PLAFOND, reden="Plafond bereikt."
    )
    blad = subsidie_selectors.subsidieblad(medewerker, traject)
    assert (blad.toegekend, blad.over) == (Decimal("50000"), Decimal("0"))

    moment = timezone.now()
    services.subsidiebesluiten_versturen(actor=medewerker, traject=traject, ontvangen_op=moment)
    assert set(Subsidiebesluit.objects.values_list("verstuurd_op", flat=True)) == {moment}
    # Every applicant hears, with a link to its application.
    assert Notificatie.objects.filter(user=lid_eerste).count() == 1
    assert Notificatie.objects.filter(user=lid_tweede).count() == 1
    assert (
        AuditEvent.objects.filter(event_type=AuditEventType.SUBSIDIEBESLUIT_VERSTUURD).count() == 3
    )
    # After sending no decision changes; sending again sends nothing.
    with pytest.raises(DomainError):
        besluit(derde, SubsidieUitkomst.AFGEWEZEN, grond=Afwijzingsgrond.CRITERIA, reden="x")
    services.subsidiebesluiten_versturen(actor=medewerker, traject=traject, ontvangen_op=moment)
    assert Notificatie.objects.count() == 3


def test_publication_is_refused_without_ceiling_and_rule(medewerker, gemeente):
    traject = opzetten(medewerker, gemeente)
    Traject.objects.filter(pk=traject.pk).update(subsidieplafond=None, verdeelregel="")
    traject.refresh_from_db()
    with pytest.raises(publicatie.NietPubliceerbaar) as exc:
        publicatie.traject_publiceren(actor=medewerker, traject=traject)
    assert _("Give the subsidy ceiling.") in exc.value.redenen
    assert _("Choose the distribution rule.") in exc.value.redenen


def test_with_a_ranking_the_decisions_wait_for_the_consensus(
    medewerker, gemeente, django_capture_on_commit_callbacks
):
    traject = opzetten(medewerker, gemeente, verdeelregel=Verdeelregel.RANGSCHIKKING)
    publiceren(medewerker, traject, django_capture_on_commit_callbacks)
    bod, _lid = aanvraag(traject, "Buurtkracht", 10000, 0)
    sluiten_en_openen(traject)
    with pytest.raises(DomainError, match="consensus"):
        services.subsidiebesluit_vastleggen(
            actor=medewerker, bod=bod, uitkomst=SubsidieUitkomst.TOEGEKEND, bedrag=10000
        )


def test_steps_of_other_routes_are_refused(
    medewerker, gemeente, django_capture_on_commit_callbacks
):
    traject = opzetten(medewerker, gemeente)
    publiceren(medewerker, traject, django_capture_on_commit_callbacks)
    bod, _lid = aanvraag(traject, "Buurtkracht", 10000, 0)
    sluiten_en_openen(traject)
    # No award and no award letters: its outcome is the decisions.
    with pytest.raises(DomainError, match="gunningsbrieven"):
        gunning_services.gunning_besluiten(
            actor=medewerker,
            perceel=bod.perceel,
            winnend_bod=bod,
            motivatie="Goed plan.",
            kenmerken="Dichtbij.",
        )
    # No standstill.
    assert not standstill.heeft_standstill(traject)
    assert not standstill.met_brieven(traject)
    # A part of another route: a procedure of the Aanbestedingswet is refused.
    with pytest.raises(DomainError, match="aanbesteding"):
        sectie_opslaan(
            actor=medewerker,
            traject=traject,
            sectie="vorm",
            wijzigingen={"procedure": "openbaar"},
            reden="Correctie",
        )
