"""Issue 14, points 5 and 6: a coalition may still change between the stages, and each
submitted version keeps its composition; the committee sees both compositions of an
elaborated plan and the flag for a lead above the gemeente's maximum share."""

from datetime import timedelta

import pytest
from django.urls import reverse

from aanbesteden.exceptions import DomainError
from aanbesteden.tests.factories import MedewerkerFactory
from beoordeling.constants import Ronde
from beoordeling.models import Bod
from beoordeling.services import bieden as s
from beoordeling.tests.factories import (
    INHOUD,
    CommissielidFactory,
    KluisOpeningFactory,
    alles_verklaard,
)
from beoordeling.tests.kluisteam import in_team
from beoordeling.tests.test_bieden_services import BEGIN, SLUIT, maak_bod, maak_wereld, volledig
from coalities.constants import CoalitieStatus, PartnerStatus
from coalities.models import CoalitiePartner
from coalities.permissions import vergrendeld_melding
from coalities.services import coalitie as coalitie_services
from coalities.tests.factories import CoalitieFactory, CoalitiePartnerFactory

pytestmark = pytest.mark.django_db

NA_SLUIT = SLUIT + timedelta(days=2)
UITWERKING_VOOR = SLUIT + timedelta(days=50)
NA_UITWERKING = SLUIT + timedelta(days=62)


@pytest.fixture
def w(db, gemeente, time_machine):
    time_machine.move_to(BEGIN, tick=False)
    w = maak_wereld(gemeente)
    w.partner_b = CoalitiePartner.objects.get(coalitie=w.coalitie, organisatie=w.b)
    w.partner_c = CoalitiePartner.objects.get(coalitie=w.coalitie, organisatie=w.c)
    return w


def _namen(lijst):
    return [r["naam"] for r in lijst]


def _tekst(html, testid):
    begin = html.index(f'data-testid="{testid}"')
    return html[begin : html.index("</", begin)]


def _lijst(html, testid):
    begin = html.index(f'data-testid="{testid}"')
    return html[begin : html.index("</ul>", begin)]


def _uitwerking_indienen(w, time_machine, *, wie):
    """The outline vault opened, A's coalition invited to elaborate, the elaborated plan
    started, filled in for `wie` and submitted before its deadline."""
    time_machine.move_to(NA_SLUIT, tick=False)
    KluisOpeningFactory(traject=w.traject, geopend=True)
    Bod.objects.filter(pk=w.schets.pk).update(
        uitgenodigd_voor_uitwerking=True, selectie_verstuurd_op=NA_SLUIT
    )
    time_machine.move_to(UITWERKING_VOOR, tick=False)
    uitwerking = s.bod_starten(
        actor=w.a_beheerder,
        traject=w.traject,
        perceel=w.perceel,
        organisatie=w.a,
        ronde=Ronde.UITWERKING,
        ontvangen_op=UITWERKING_VOOR,
    )
    concept = {
        **INHOUD,
        "wie": [{"organisatie": o.pk, "partner": o.naam, "tekst": "Meedoen."} for o in wie],
    }
    Bod.objects.filter(pk=uitwerking.pk).update(concept=concept)
    uitwerking.refresh_from_db()
    versie = s.bod_indienen(actor=w.a_beheerder, bod=uitwerking, ontvangen_op=UITWERKING_VOOR)
    return uitwerking, versie


def test_a_partner_accepts_after_the_outline_bid_and_the_elaborated_plan_carries_it(
    client, w, time_machine
):
    """DONE-WHEN (issue 14): C, invited before the outline bid, accepts after it was
    submitted; B leaves. The elaborated plan carries the new composition; the committee sees
    both compositions of the elaborated plan, and the outline version keeps the old one."""
    w.schets = maak_bod(w)
    schets_versie = s.bod_indienen(actor=w.a_beheerder, bod=w.schets, ontvangen_op=BEGIN)
    assert _namen(schets_versie.samenstelling) == ["Organisatie A", "Organisatie B"]
    w.coalitie.refresh_from_db()
    assert w.coalitie.status == CoalitieStatus.OPEN  # two stages: it may still change

    # The invited partner sees the buttons on the coalition page and accepts there.
    client.force_login(w.c_beheerder)
    pagina = client.get(w.coalitie.get_absolute_url()).content.decode()
    accepteren = reverse("coalities:coalitie_accepteren", args=[w.coalitie.pk])
    assert accepteren in pagina
    assert client.post(accepteren, {"partner": w.partner_c.pk}).status_code == 302
    w.partner_c.refresh_from_db()
    assert w.partner_c.status == PartnerStatus.GEACCEPTEERD and w.partner_c.toegezegd_op is None
    coalitie_services.coalitie_verlaten(actor=w.b_beheerder, partner=w.partner_b)

    # The history on the coalition page shows who joined and who left.
    client.force_login(w.a_lid)
    pagina = client.get(w.coalitie.get_absolute_url()).content.decode()
    geschiedenis = pagina[pagina.index('id="geschiedenis-kop"') :]
    assert "Organisatie C" in geschiedenis and "Organisatie B" in geschiedenis

    uitwerking, versie = _uitwerking_indienen(w, time_machine, wie=[w.a, w.c])
    assert _namen(versie.samenstelling) == ["Organisatie A", "Organisatie C"]
    schets_versie.refresh_from_db()
    assert _namen(schets_versie.samenstelling) == ["Organisatie A", "Organisatie B"]
    # The elaborated plan locks the coalition again.
    w.coalitie.refresh_from_db()
    assert w.coalitie.status == CoalitieStatus.VERGRENDELD

    # After the opening of the elaborated plans' vault the committee sees both compositions.
    time_machine.move_to(NA_UITWERKING, tick=False)
    KluisOpeningFactory(traject=w.traject, ronde=Ronde.UITWERKING, geopend=True)
    lid = CommissielidFactory(traject=w.traject)
    alles_verklaard(lid.user, w.traject)
    client.force_login(lid.user)
    html = client.get(reverse("beoordeling:scoren", args=[uitwerking.pk])).content.decode()
    assert "Samenstelling bij het schetsbod" in html
    assert "Samenstelling bij het uitgewerkte plan" in html
    schets = _lijst(html, "samenstelling-schetsbod")
    nu = _lijst(html, "samenstelling-nu")
    assert "Organisatie B" in schets and "Organisatie C" not in schets
    assert "Organisatie C" in nu and "Organisatie B" not in nu
    assert "Organisatie C" in _tekst(html, "samenstelling-erbij")
    assert "Organisatie B" in _tekst(html, "samenstelling-eraf")

    # The officer's page of the opened bids shows the same, per stage.
    medewerker = MedewerkerFactory(gemeente=w.gemeente).user
    in_team(w.traject, medewerker)
    alles_verklaard(medewerker, w.traject)
    client.force_login(medewerker)
    html = client.get(reverse("beoordeling:geopende_biedingen", args=[w.traject.pk]))
    html = html.content.decode()
    assert html.count('data-testid="samenstelling"') == 2  # the outline bid and the plan
    assert "Samenstelling bij het schetsbod" in html


def test_after_the_elaborated_plan_the_coalition_is_frozen_again(w, time_machine):
    w.schets = maak_bod(w)
    s.bod_indienen(actor=w.a_beheerder, bod=w.schets, ontvangen_op=BEGIN)
    _uitwerking_indienen(w, time_machine, wie=[w.a, w.b])
    with pytest.raises(DomainError) as exc:
        coalitie_services.coalitie_verlaten(actor=w.b_beheerder, partner=w.partner_b)
    assert str(exc.value) == vergrendeld_melding()
    # An invitation still open is answered, but counts only from a next version.
    coalitie_services.uitnodiging_beantwoorden(
        actor=w.c_beheerder, partner=w.partner_c, accepteren=True
    )
    w.partner_c.refresh_from_db()
    assert w.partner_c.status == PartnerStatus.UITGENODIGD and w.partner_c.is_toegezegd


def test_a_one_stage_bid_freezes_the_coalition_at_submission(w):
    type(w.traject).objects.filter(pk=w.traject.pk).update(uitwerking_sluit=None)
    bod = maak_bod(w)
    s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=BEGIN)
    w.coalitie.refresh_from_db()
    assert w.coalitie.status == CoalitieStatus.VERGRENDELD
    with pytest.raises(DomainError):
        coalitie_services.coalitie_verlaten(actor=w.b_beheerder, partner=w.partner_b)


def test_the_competition_rule_still_applies_between_the_stages(w):
    """Between the stages a new partner is still checked per lot: E, in another coalition on
    lot 1, cannot join."""
    s.bod_indienen(actor=w.a_beheerder, bod=maak_bod(w), ontvangen_op=BEGIN)
    andere = CoalitieFactory(traject=w.traject, naam="De Andere Coalitie")
    andere.percelen.set([w.perceel])
    CoalitiePartnerFactory(coalitie=andere, organisatie=w.e, penvoerder=True)
    with pytest.raises(DomainError) as exc:
        coalitie_services.partner_uitnodigen(
            actor=w.a_beheerder, coalitie=w.coalitie, organisatie=w.e, rol="partner"
        )
    assert "De Andere Coalitie" in str(exc.value)


def test_a_new_version_when_only_the_composition_changed(w):
    bod = maak_bod(w)
    eerste = s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=BEGIN)
    assert eerste.nummer == 1
    coalitie_services.coalitie_verlaten(actor=w.b_beheerder, partner=w.partner_b)
    Bod.objects.filter(pk=bod.pk).update(
        concept={**volledig(w), "wie": [{"organisatie": w.a.pk, "tekst": "Alles."}]}
    )
    bod.refresh_from_db()
    tweede = s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=BEGIN)
    assert tweede.nummer == 2 and _namen(tweede.samenstelling) == ["Organisatie A"]
    # A double click after that changes nothing.
    assert s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=BEGIN).pk == tweede.pk


def test_the_lead_is_warned_before_submitting_while_an_invitation_is_open(client, w):
    bod = maak_bod(w)
    client.force_login(w.a_beheerder)
    html = client.get(reverse("beoordeling:bod", args=[bod.pk])).content.decode()
    assert "Organisatie C heeft nog niet gereageerd op de uitnodiging." in html
    # Not a block: the bid is submitted without C.
    versie = s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=BEGIN)
    assert "Organisatie C" not in _namen(versie.samenstelling)
    coalitie_services.uitnodiging_beantwoorden(
        actor=w.c_beheerder, partner=w.partner_c, accepteren=False
    )
    html = client.get(reverse("beoordeling:bod", args=[bod.pk])).content.decode()
    assert "heeft nog niet gereageerd" not in html
    # A member who may not submit is not warned.
    client.force_login(w.b_lid)
    CoalitiePartner.objects.filter(pk=w.partner_c.pk).update(status=PartnerStatus.UITGENODIGD)
    html = client.get(reverse("beoordeling:bod", args=[bod.pk])).content.decode()
    assert "heeft nog niet gereageerd" not in html


@pytest.mark.parametrize(
    "budget,zeggenschap,verwacht",
    [
        (50, 50, None),
        (85, 50, "85% van het budget;"),
        (50, 85, "85% van de zeggenschap;"),
        (85, 90, "85% van het budget en 90% van de zeggenschap"),
    ],
)
def test_the_committee_sees_the_lead_share_flag_after_the_opening(
    client, w, time_machine, budget, zeggenschap, verwacht
):
    """Issue 14, point 6: budget AND say (Utrecht: at most 80% of each)."""
    w.gemeente.penvoerder_max_aandeel = 80
    w.gemeente.save()
    CoalitiePartner.objects.filter(coalitie=w.coalitie, organisatie=w.a).update(
        aandeel_budget=budget, aandeel_zeggenschap=zeggenschap
    )
    bod = maak_bod(w)
    s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=BEGIN)
    lid = CommissielidFactory(traject=w.traject)
    client.force_login(lid.user)
    url = reverse("beoordeling:scoren", args=[bod.pk])
    assert client.get(url).status_code == 404  # sealed before the opening
    time_machine.move_to(NA_SLUIT, tick=False)
    KluisOpeningFactory(traject=w.traject, geopend=True)
    alles_verklaard(lid.user, w.traject)
    client.force_login(lid.user)  # the session of BEGIN has expired
    html = client.get(url).content.decode()
    if verwacht is None:
        assert 'data-testid="leider-aandeel"' not in html
    else:
        assert verwacht in _tekst(html, "leider-aandeel").replace(",00", "")
