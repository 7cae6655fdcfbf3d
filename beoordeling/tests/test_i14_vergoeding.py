"""Issue 14, point 9: the development fee. Recorded per invited bid when the selection is
sent; paid by an officer only for a submitted and opened elaborated plan, once, on a date
not in the future; the officers' page for each role with its totals and an exact query
count; the invited bidder sees the fee (and when it was paid) on its bid page."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent, Notificatie
from aanbesteden.tests.factories import MedewerkerFactory
from beoordeling import permissions as p
from beoordeling.constants import Ronde, VergoedingStatus
from beoordeling.models import Ontwikkelvergoeding
from beoordeling.selectors import vergoeding as vergoeding_selectors
from beoordeling.services import selectie as s
from beoordeling.services import vergoeding as v
from beoordeling.tests.factories import BodFactory, CommissielidFactory, KluisOpeningFactory
from beoordeling.tests.factories_selectie import (
    NA_SLUIT,
    UITWERKING_SLUIT,
    maak_selectiewereld,
    uitwerking_van,
)
from coalities.tests.factories import OrganisatieFactory
from tests.helpers import LOGIN, response_status
from trajecten.models import Traject

pytestmark = pytest.mark.django_db

VERSTUURD = NA_SLUIT + timedelta(hours=1)
NA_UITWERKING = UITWERKING_SLUIT + timedelta(days=1)
FEE = Decimal("2500.00")


@pytest.fixture
def w(gemeente, time_machine):
    time_machine.move_to(NA_SLUIT, tick=False)
    wereld = maak_selectiewereld(gemeente, time_machine)
    Traject.objects.filter(pk=wereld.traject.pk).update(ontwikkelvergoeding=FEE)
    wereld.traject.refresh_from_db()
    return wereld


def versturen(w, *, a=True, e=True, f=False):
    for bod, uitnodigen in ((w.bod_a, a), (w.bod_e, e), (w.bod_f, f)):
        s.selectie_opslaan(
            actor=w.medewerker, bod=bod, uitnodigen=uitnodigen, terugkoppeling="Terugkoppeling."
        )
    s.selectie_versturen(actor=w.medewerker, traject=w.traject, ontvangen_op=VERSTUURD)


def uitwerkingen_openen(w, time_machine, *, ingediend=("bod_a",)):
    """A's elaborated plan submitted (and by default no other), then the deadline passes and
    two officers open the vault of the elaborated plans."""
    for naam in ingediend:
        uitwerking_van(w, getattr(w, naam), ingediend=True)
    time_machine.move_to(NA_UITWERKING, tick=False)
    KluisOpeningFactory(traject=w.traject, ronde=Ronde.UITWERKING, geopend=True)


def fee_van(bod):
    return Ontwikkelvergoeding.objects.get(bod=bod)


def betalen(w, bod, *, actor=None, op=None):
    return v.betaling_vastleggen(
        actor=actor or w.medewerker,
        vergoeding=fee_van(bod),
        betaald_op=op or timezone.localdate(),
        ontvangen_op=timezone.now(),
    )


# --- recorded when the selection is sent ---------------------------------------------------


def test_sending_the_selection_records_a_fee_per_invited_bid(w):
    versturen(w, a=True, e=True, f=False)
    fees = {f.bod_id: f for f in Ontwikkelvergoeding.objects.all()}
    assert set(fees) == {w.bod_a.pk, w.bod_e.pk}
    for bod in (w.bod_a, w.bod_e):
        fee = fees[bod.pk]
        assert (fee.bedrag, fee.status, fee.organisatie_id) == (
            FEE,
            VergoedingStatus.TE_BETALEN,
            bod.organisatie_id,
        )
        assert fee.toegekend_op == VERSTUURD
    toegekend = AuditEvent.objects.filter(
        event_type=AuditEventType.ONTWIKKELVERGOEDING_TOEGEKEND
    ).order_by("pk")
    assert [e.detail["bod"] for e in toegekend] == [w.bod_a.pk, w.bod_e.pk]
    assert {e.detail["bedrag"] for e in toegekend} == {"2500.00"}
    assert {e.to_state for e in toegekend} == {VergoedingStatus.TE_BETALEN}


def test_without_a_fee_in_the_call_sending_records_none(w):
    Traject.objects.filter(pk=w.traject.pk).update(ontwikkelvergoeding=None)
    w.traject.refresh_from_db()
    versturen(w)
    assert not Ontwikkelvergoeding.objects.exists()
    assert not AuditEvent.objects.filter(
        event_type=AuditEventType.ONTWIKKELVERGOEDING_TOEGEKEND
    ).exists()


def test_a_refused_send_records_no_fee(w):
    s.selectie_opslaan(actor=w.medewerker, bod=w.bod_a, uitnodigen=True, terugkoppeling="Ja.")
    with pytest.raises(DomainError):  # feedback missing for E and F
        s.selectie_versturen(actor=w.medewerker, traject=w.traject, ontvangen_op=VERSTUURD)
    assert not Ontwikkelvergoeding.objects.exists()


# --- paid only for a submitted, opened elaborated plan ----------------------------------------


def test_no_payment_before_the_elaborated_plans_are_opened(w, time_machine):
    versturen(w)
    uitwerking_van(w, w.bod_a, ingediend=True)
    with pytest.raises(DomainError) as fout:
        betalen(w, w.bod_a)
    assert "uitgewerkt plan" in str(fout.value)
    assert fee_van(w.bod_a).status == VergoedingStatus.TE_BETALEN


def test_the_fee_is_paid_for_a_submitted_plan_once_and_the_bidder_is_told(w, time_machine):
    versturen(w)
    uitwerkingen_openen(w, time_machine)
    vandaag = timezone.localdate()
    fee = betalen(w, w.bod_a, op=vandaag - timedelta(days=1))
    fee.refresh_from_db()
    assert (fee.status, fee.betaald_op, fee.betaald_vastgelegd_door) == (
        VergoedingStatus.BETAALD,
        vandaag - timedelta(days=1),
        w.medewerker,
    )
    (event,) = AuditEvent.objects.filter(event_type=AuditEventType.ONTWIKKELVERGOEDING_BETAALD)
    assert (event.from_state, event.to_state) == ("te_betalen", "betaald")
    assert event.detail["betaald_op"] == (vandaag - timedelta(days=1)).isoformat()
    ontvangers = set(
        Notificatie.objects.filter(onderwerp__startswith="Uw ontwikkelvergoeding").values_list(
            "user", flat=True
        )
    )
    assert w.a_beheerder.pk in ontvangers and w.b_beheerder.pk in ontvangers
    assert w.e_beheerder.pk not in ontvangers
    with pytest.raises(DomainError) as fout:
        betalen(w, w.bod_a)
    assert "al als betaald" in str(fout.value)
    assert (
        AuditEvent.objects.filter(event_type=AuditEventType.ONTWIKKELVERGOEDING_BETAALD).count()
        == 1
    )


def test_no_fee_without_a_submitted_elaborated_plan(w, time_machine):
    versturen(w)
    uitwerking_van(w, w.bod_e)  # E started its plan but never submitted it
    uitwerkingen_openen(w, time_machine)
    with pytest.raises(DomainError):
        betalen(w, w.bod_e)
    assert fee_van(w.bod_e).status == VergoedingStatus.TE_BETALEN


def test_the_payment_date_is_not_in_the_future_nor_before_the_grant(w, time_machine):
    versturen(w)
    uitwerkingen_openen(w, time_machine)
    for dag in (timezone.localdate() + timedelta(days=1), date(2026, 12, 1)):
        with pytest.raises(DomainError) as fout:
            betalen(w, w.bod_a, op=dag)
        assert fout.value.veld == "betaald_op"
    assert fee_van(w.bod_a).status == VergoedingStatus.TE_BETALEN


def test_only_medewerkers_of_the_gemeente_record_a_payment(w, time_machine, andere_gemeente):
    versturen(w)
    uitwerkingen_openen(w, time_machine)
    for user in (w.a_beheerder, MedewerkerFactory(gemeente=andere_gemeente).user):
        with pytest.raises(NotAllowed):
            betalen(w, w.bod_a, actor=user)
    assert fee_van(w.bod_a).status == VergoedingStatus.TE_BETALEN


# --- the officers' page -----------------------------------------------------------------------


def url(w):
    return reverse("beoordeling:vergoedingen", args=[w.traject.pk])


def betaal_url(w, bod):
    return reverse("beoordeling:betaling_vastleggen", args=[w.traject.pk, fee_van(bod).pk])


def test_the_fee_page_for_each_role(client, w, burger, beheerder, andere_gemeente):
    versturen(w)
    rollen = {
        "anoniem": None,
        "burger": burger,
        "bieder": w.a_beheerder,
        "commissielid": CommissielidFactory(traject=w.traject).user,
        "medewerker": w.medewerker,
        "medewerker_andere_gemeente": MedewerkerFactory(gemeente=andere_gemeente).user,
        "beheerder": beheerder,
    }
    gekregen = {}
    for rol, user in rollen.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        gekregen[rol] = response_status(client.get(url(w)))
        gekregen[f"{rol} betalen"] = response_status(
            client.post(betaal_url(w, w.bod_a), {f"v{fee_van(w.bod_a).pk}-betaald_op": "x"})
        )
    verwacht = {}
    for rol in rollen:
        verwacht[rol] = verwacht[f"{rol} betalen"] = 404
    verwacht.update(
        {"anoniem": LOGIN, "anoniem betalen": LOGIN, "medewerker": 200, "medewerker betalen": 200}
    )
    assert gekregen == verwacht


def test_the_medewerker_sees_totals_and_records_a_payment(client, w, time_machine):
    versturen(w)
    client.force_login(w.medewerker)
    html = client.get(url(w)).content.decode()
    assert html.count("Wacht op het uitgewerkte plan") == 2
    assert "€ 5.000,00" in html  # still to be paid: both
    assert "Betaling vastleggen" not in html
    uitwerkingen_openen(w, time_machine)
    client.force_login(w.medewerker)  # two months later: a new session
    html = client.get(url(w)).content.decode()
    assert "Te betalen: het uitgewerkte plan is binnen" in html
    assert "Geen vergoeding: er is geen uitgewerkt plan ingediend" in html
    assert html.count("Betaling vastleggen") == 1
    veld = f"v{fee_van(w.bod_a).pk}-betaald_op"
    # A date in the future: the page again, with the error summary and the field's error.
    morgen = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(betaal_url(w, w.bod_a), {veld: morgen})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="foutoverzicht"' in html
    assert "De datum van betaling kan niet in de toekomst liggen." in html
    response = client.post(betaal_url(w, w.bod_a), {veld: timezone.localdate().isoformat()})
    assert response.status_code == 302
    html = client.get(url(w)).content.decode()
    assert "Betaald op" in html
    assert '<dd data-testid="totaal-betaald">€ 2.500,00</dd>' in html
    assert '<dd data-testid="totaal-te-betalen">€ 0,00</dd>' in html
    assert '<dd data-testid="totaal-vervallen">€ 2.500,00</dd>' in html
    assert "Betaling vastleggen" not in html


def test_the_medewerkers_trajectory_page_links_to_the_fees(client, w):
    client.force_login(w.medewerker)
    html = client.get(reverse("trajecten:detail", args=[w.traject.pk])).content.decode()
    assert url(w) in html


def test_the_fee_page_has_a_fixed_number_of_queries(
    client, gemeente, count_queries, time_machine, w
):
    versturen(w)
    uitwerkingen_openen(w, time_machine)
    client.force_login(w.medewerker)

    def vullen(aantal):
        for index in range(aantal):
            organisatie = OrganisatieFactory(naam=f"Extra {index}")
            bod = BodFactory(
                perceel=w.perceel2, traject=w.traject, organisatie=organisatie, ingediend=True
            )
            Ontwikkelvergoeding.objects.create(
                traject=w.traject,
                bod=bod,
                organisatie=organisatie,
                bedrag=FEE,
                toegekend_op=VERSTUURD,
            )

    vullen(3)  # 5 fees
    weinig = count_queries(lambda: client.get(url(w)))
    vullen(45)  # 50 fees
    assert client.get(url(w)).content.decode().count("data-vergoeding=") == 50
    veel = count_queries(lambda: client.get(url(w)))
    # session, user, gemeenten (two-factor check), TOTP device, trajectory, the vault
    # opening of the elaborated plans, the submitted elaborated plans, the fees, the unread
    # count
    assert (weinig, veel) == (9, 9)


# --- the bidder -------------------------------------------------------------------------------


def test_the_invited_bidder_sees_its_fee_and_when_it_was_paid(client, w, time_machine):
    bod_url = reverse("beoordeling:bod", args=[w.bod_a.pk])
    client.force_login(w.a_beheerder)
    assert 'data-testid="vergoeding"' not in client.get(bod_url).content.decode()
    versturen(w)
    html = client.get(bod_url).content.decode()
    assert "ontwikkelvergoeding van € 2.500,00 voor dit perceel" in html
    uitwerkingen_openen(w, time_machine)
    uitwerking = w.bod_a.__class__.objects.get(
        ronde=Ronde.UITWERKING, organisatie=w.a, perceel=w.perceel
    )
    betalen(w, w.bod_a)
    client.force_login(w.a_beheerder)  # two months later: a new session
    for pagina in (bod_url, reverse("beoordeling:bod", args=[uitwerking.pk])):
        html = client.get(pagina).content.decode()
        assert 'data-status="betaald"' in html
        assert "De gemeente heeft u op" in html


def test_a_bidder_that_is_not_invited_sees_no_fee(client, w):
    versturen(w, f=False)
    client.force_login(w.f_beheerder)
    html = client.get(reverse("beoordeling:bod", args=[w.bod_f.pk])).content.decode()
    assert 'data-testid="vergoeding"' not in html
    assert vergoeding_selectors.vergoeding_voor_bieder(w.bod_f) is None


# --- the predicates ---------------------------------------------------------------------------


def test_the_predicates_per_role_with_their_reasons(w, burger, andere_gemeente):
    versturen(w)
    fee = fee_van(w.bod_a)
    assert p.mag_vergoedingen_zien(w.medewerker, w.traject)
    for user in (burger, w.a_beheerder, MedewerkerFactory(gemeente=andere_gemeente).user):
        antwoord = p.mag_vergoedingen_zien(user, w.traject)
        assert not antwoord
        assert "ontwikkelvergoedingen" in antwoord.reden
        assert not p.mag_betaling_vastleggen(user, fee, uitwerking_ingediend=True)
    assert p.mag_betaling_vastleggen(w.medewerker, fee, uitwerking_ingediend=True)
    geweigerd = p.mag_betaling_vastleggen(w.medewerker, fee, uitwerking_ingediend=False)
    assert not geweigerd and "ingediend uitgewerkt plan" in geweigerd.reden
    fee.status = VergoedingStatus.BETAALD
    geweigerd = p.mag_betaling_vastleggen(w.medewerker, fee, uitwerking_ingediend=True)
    assert not geweigerd and "al als betaald" in geweigerd.reden
