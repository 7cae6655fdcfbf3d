"""The award's pages for each of the seven roles, the flows through them, what bidders and
the public see, and exact query counts for 5 and 50 bids."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbesteden import documents
from aanbesteden.models import Notificatie
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from beoordeling.constants import BezwaarSoort, Ronde
from beoordeling.models import Bezwaar, Gunning, Gunningsbrief
from beoordeling.selectors import gunning as sel
from beoordeling.services import gunning as s
from beoordeling.tests.factories import BodFactory, CommissielidFactory
from beoordeling.tests.test_gunning_services import (  # noqa: F401 - fixture
    KENMERKEN,
    MOTIVATIE,
    ams,
    besluiten,
    maak_wereld,
    rangorde,
    versturen,
)
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory
from tests.helpers import status_als, verwacht_per_rol
from trajecten.constants import Vorm
from trajecten.tests.factories import PerceelFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(gemeente, andere_gemeente, medewerker, burger, beheerder):
    wereld = maak_wereld(gemeente, medewerker)
    wereld.extra["users"] = {
        "anoniem": None,
        "burger": burger,
        "bieder": wereld.bieders[1],
        "lid": CommissielidFactory(traject=wereld.traject).user,
        "voorzitter": CommissielidFactory(traject=wereld.traject, is_voorzitter=True).user,
        "medewerker": medewerker,
        "medewerker_andere_gemeente": MedewerkerFactory(gemeente=andere_gemeente).user,
        "beheerder": beheerder,
    }
    return wereld


ROLLEN = [
    "anoniem",
    "burger",
    "bieder",
    "lid",
    "voorzitter",
    "medewerker",
    "medewerker_andere_gemeente",
    "beheerder",
]


def _klaar(brief):
    """Render the letter's PDF as the worker would."""
    documents.render(document_id=brief.document_id)


def test_each_role_on_the_award_and_explanation_pages(client, w):
    besluiten(w)
    for naam, verwacht in (
        ("gunning", verwacht_per_rol(ROLLEN, medewerker=200)),
        ("gunning_toelichting", verwacht_per_rol(ROLLEN, medewerker=200, voorzitter=200)),
    ):
        url = reverse(f"beoordeling:{naam}", args=[w.traject.pk])
        gekregen = {rol: status_als(client, u, url) for rol, u in w.extra["users"].items()}
        assert gekregen == verwacht, naam


def test_each_role_on_a_letter_the_bidder_downloads_only_its_own(client, w):
    besluiten(w)
    versturen(w, ams(2026, 3, 2, 10, 0))
    eigen = Gunningsbrief.objects.get(bod=w.biedingen[1])
    andere = Gunningsbrief.objects.get(bod=w.biedingen[2])
    for brief in (eigen, andere):
        _klaar(brief)
    url = reverse("beoordeling:gunningsbrief", args=[eigen.pk])
    gekregen = {rol: status_als(client, u, url) for rol, u in w.extra["users"].items()}
    assert gekregen == verwacht_per_rol(ROLLEN, bieder=200, medewerker=200)
    url = reverse("beoordeling:gunningsbrief", args=[andere.pk])
    gekregen = {rol: status_als(client, u, url) for rol, u in w.extra["users"].items()}
    assert gekregen == verwacht_per_rol(ROLLEN, medewerker=200)
    client.force_login(w.bieders[1])
    response = client.get(reverse("beoordeling:gunningsbrief", args=[eigen.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["X-Content-SHA256"]
        == eigen.document.__class__.objects.get(pk=eigen.document_id).sha256
    )


def test_posts_by_others_change_nothing(client, w):
    gunning = besluiten(w)
    versturen_url = reverse("beoordeling:gunning_versturen", args=[w.traject.pk, gunning.pk])
    for rol in ("bieder", "voorzitter", "medewerker_andere_gemeente", "beheerder"):
        client.force_login(w.extra["users"][rol])
        response = client.post(versturen_url)
        assert response.status_code == 404
    assert not Gunningsbrief.objects.exists()
    client.force_login(w.extra["users"]["lid"])
    response = client.post(
        reverse("beoordeling:gunning_toelichting", args=[w.traject.pk]),
        {"doel": gunning.pk, f"toelichting-{gunning.pk}-tekst": "Niet van mij"},
    )
    assert response.status_code == 404
    assert Gunning.objects.get().toelichting_buurt == ""


def test_the_medewerker_decides_sends_and_records_through_the_page(client, w, rangorde):  # noqa: F811
    rangorde(
        w.traject,
        Ronde.HOOFDLIJNEN,
        w.perceel,
        [(w.biedingen[0], 1, Decimal("80.0")), (w.biedingen[1], 2, Decimal("72.5"))],
    )
    client.force_login(w.medewerker)
    url = reverse("beoordeling:gunning", args=[w.traject.pk])
    html = client.get(url).content.decode()
    for bod in w.biedingen:
        assert bod.organisatie.naam in html
    assert 'data-waarschuwing="geen-consensus"' not in html  # the consensus is closed
    prefix = f"besluit-{w.perceel.pk}"
    besluiten_url = reverse("beoordeling:gunning_besluiten", args=[w.traject.pk, w.perceel.pk])
    # Missing reasons: the form says so, nothing is recorded.
    response = client.post(
        besluiten_url,
        {
            f"{prefix}-winnend_bod": w.biedingen[1].pk,
            f"{prefix}-kenmerken": KENMERKEN,
        },
    )
    assert response.status_code == 200
    assert "utrecht-form-field-error-message" in response.content.decode()
    assert not Gunning.objects.exists()
    response = client.post(
        besluiten_url,
        {
            f"{prefix}-winnend_bod": w.biedingen[1].pk,
            f"{prefix}-motivatie": MOTIVATIE,
            f"{prefix}-kenmerken": KENMERKEN,
        },
        follow=True,
    )
    html = response.content.decode()
    gunning = Gunning.objects.get()
    assert gunning.winnend_bod == w.biedingen[1]
    assert 'data-waarschuwing="niet-eerste"' in html  # the winner is ranked second
    versturen_url = reverse("beoordeling:gunning_versturen", args=[w.traject.pk, gunning.pk])
    ondertekenen_url = reverse("beoordeling:gunning_ondertekenen", args=[w.traject.pk, gunning.pk])
    response = client.post(versturen_url, follow=True)
    html = response.content.decode()
    assert Gunningsbrief.objects.count() == 3
    assert 'data-status="standstill"' in html
    assert "Buurtkracht Woensel" in html
    # A double click sends nothing twice.
    client.post(versturen_url)
    assert Gunningsbrief.objects.count() == 3
    assert Notificatie.objects.filter(user=w.bieders[0]).count() == 1
    # A complaint is recorded and answered; it does not pause the standstill.
    bprefix = f"bezwaar-{gunning.pk}"
    response = client.post(
        reverse("beoordeling:gunning_bezwaar", args=[w.traject.pk, gunning.pk]),
        {
            f"{bprefix}-bod": w.biedingen[0].pk,
            f"{bprefix}-omschrijving": "De termijn was te kort.",
        },
        follow=True,
    )
    html = response.content.decode()
    klacht = Bezwaar.objects.get()
    assert klacht.bod == w.biedingen[0] and klacht.soort == BezwaarSoort.KLACHT
    assert 'data-status="gepauzeerd"' not in html and 'data-status="standstill"' in html
    assert "De termijn was te kort." in html
    response = client.post(
        reverse("beoordeling:gunning_bezwaar_afhandelen", args=[w.traject.pk, klacht.pk]),
        {f"afhandelen-{klacht.pk}-uitkomst": "Ongegrond."},
        follow=True,
    )
    klacht.refresh_from_db()
    assert klacht.afgehandeld_op is not None
    assert "Ongegrond." in response.content.decode()
    # A court case announced after the standstill: refused on its field, nothing recorded.
    kprefix = f"kort-geding-{gunning.pk}"
    kort_geding_url = reverse("beoordeling:gunning_kort_geding", args=[w.traject.pk, gunning.pk])
    te_laat = Gunning.objects.get().standstill_tot + timedelta(days=1)
    response = client.post(
        kort_geding_url,
        {
            f"{kprefix}-bod": w.biedingen[0].pk,
            f"{kprefix}-aangekondigd_op": te_laat.isoformat(),
            f"{kprefix}-omschrijving": "Dagvaarding",
        },
    )
    assert response.status_code == 200
    assert "Een kort geding dat daarna is aangekondigd" in response.content.decode()
    assert Bezwaar.objects.count() == 1
    # Announced today, within the standstill: it pauses signing; the page says so.
    response = client.post(
        kort_geding_url,
        {
            f"{kprefix}-bod": w.biedingen[0].pk,
            f"{kprefix}-aangekondigd_op": timezone.localdate().isoformat(),
            f"{kprefix}-omschrijving": "Dagvaarding in kort geding.",
        },
        follow=True,
    )
    html = response.content.decode()
    zaak = Bezwaar.objects.get(soort=BezwaarSoort.KORT_GEDING)
    assert 'data-status="gepauzeerd"' in html
    assert "Dagvaarding in kort geding." in html
    assert ondertekenen_url not in html
    # Signing refused with a clear message (not a 500).
    response = client.post(ondertekenen_url, follow=True)
    assert response.status_code == 200
    assert Gunning.objects.get().ondertekend_op is None
    berichten = [str(m) for m in response.context["messages"]]
    assert berichten and "utrecht-alert" in response.content.decode()
    response = client.post(
        reverse("beoordeling:gunning_uitspraak", args=[w.traject.pk, zaak.pk]),
        {
            f"uitspraak-{zaak.pk}-uitspraak_op": timezone.localdate().isoformat(),
            f"uitspraak-{zaak.pk}-uitkomst": "Vorderingen afgewezen.",
        },
        follow=True,
    )
    zaak.refresh_from_db()
    assert zaak.uitspraak_op == timezone.localdate()
    html = response.content.decode()
    assert "Vorderingen afgewezen." in html and 'data-status="gepauzeerd"' not in html


def test_the_page_says_the_letters_wait_for_the_complaints_desk(client, w):
    gemeente = w.traject.gemeente
    gemeente.klachtenmeldpunt_adres = ""
    gemeente.save()
    gunning = besluiten(w)
    client.force_login(w.medewerker)
    url = reverse("beoordeling:gunning", args=[w.traject.pk])
    html = client.get(url).content.decode()
    assert 'data-waarschuwing="niet-versturen"' in html
    assert f"het klachtenmeldpunt van {gemeente.naam} zijn niet ingevuld" in html
    versturen_url = reverse("beoordeling:gunning_versturen", args=[w.traject.pk, gunning.pk])
    assert versturen_url not in html
    response = client.post(versturen_url, follow=True)
    assert Gunning.objects.get().verstuurd_op is None
    assert "klachtenmeldpunt" in " ".join(str(m) for m in response.context["messages"])


def test_the_award_page_on_the_subsidy_route_refuses_and_points_to_the_decisions(
    client, gemeente, medewerker
):
    """Issue 14: the subsidy route has no award; the page says so and links to the
    decisions per application."""
    w = maak_wereld(gemeente, medewerker, vorm=Vorm.SUBSIDIE)
    client.force_login(medewerker)
    html = client.get(reverse("beoordeling:gunning", args=[w.traject.pk])).content.decode()
    assert 'data-uitleg="route"' in html
    assert "Deze stap hoort niet bij deze route" in html
    assert reverse("beoordeling:subsidie", args=[w.traject.pk]) in html
    assert reverse("beoordeling:gunning_besluiten", args=[w.traject.pk, w.perceel.pk]) not in html


def test_posts_on_complaints_and_court_cases_by_others_change_nothing(client, w):
    besluiten(w)
    gunning = versturen(w, ams(2026, 3, 2, 10, 0))
    zaak = s.bezwaar_vastleggen(
        actor=w.medewerker,
        gunning=gunning,
        soort=BezwaarSoort.KORT_GEDING,
        aangekondigd_op=date(2026, 3, 4),
        omschrijving="Kort geding",
        ontvangen_op=ams(2026, 3, 4),
    )
    urls = {
        reverse("beoordeling:gunning_kort_geding", args=[w.traject.pk, gunning.pk]): {
            f"kort-geding-{gunning.pk}-aangekondigd_op": "2026-03-05",
            f"kort-geding-{gunning.pk}-omschrijving": "Nog een",
        },
        reverse("beoordeling:gunning_uitspraak", args=[w.traject.pk, zaak.pk]): {
            f"uitspraak-{zaak.pk}-uitspraak_op": "2026-03-20",
            f"uitspraak-{zaak.pk}-uitkomst": "Afgewezen",
        },
    }
    for rol in ("bieder", "voorzitter", "lid", "medewerker_andere_gemeente", "beheerder"):
        client.force_login(w.extra["users"][rol])
        for url, data in urls.items():
            assert client.post(url, data).status_code == 404, (rol, url)
    zaak.refresh_from_db()
    assert zaak.uitspraak_op is None and Bezwaar.objects.count() == 1


def test_signing_through_the_page_after_the_standstill(client, w, time_machine):
    besluiten(w)
    gunning = versturen(w, ams(2026, 3, 2, 10, 0))
    client.force_login(w.medewerker)
    url = reverse("beoordeling:gunning", args=[w.traject.pk])
    ondertekenen_url = reverse("beoordeling:gunning_ondertekenen", args=[w.traject.pk, gunning.pk])
    # Day 20 is Sunday 22 March: the standstill runs through Monday 23 March.
    time_machine.move_to(ams(2026, 3, 23, 23, 59, 59), tick=False)
    html = client.get(url).content.decode()
    assert 'data-status="standstill"' in html and ondertekenen_url not in html
    assert 'data-standstill="2026-03-23"' in html
    assert 'data-verschoven="2026-03-22"' in html  # day 20 was a Sunday
    client.post(ondertekenen_url)
    assert Gunning.objects.get().ondertekend_op is None
    time_machine.move_to(ams(2026, 3, 24, 0, 0, 0), tick=False)
    assert ondertekenen_url in client.get(url).content.decode()
    html = client.post(ondertekenen_url, follow=True)
    assert Gunning.objects.get().ondertekend_op == ams(2026, 3, 24, 0, 0, 0)
    assert 'data-status="ondertekend"' in html.content.decode()


def test_the_bidder_sees_its_letter_on_its_bid_page(client, w):
    besluiten(w)
    client.force_login(w.bieders[1])
    bod_url = reverse("beoordeling:bod", args=[w.biedingen[1].pk])
    assert 'id="gunningsbrief"' not in client.get(bod_url).content.decode()
    versturen(w, ams(2026, 3, 2, 10, 0))
    html = client.get(bod_url).content.decode()
    assert 'id="gunningsbrief"' in html
    assert "Buurtkracht Woensel" in html  # the winner's name
    eigen = Gunningsbrief.objects.get(bod=w.biedingen[1])
    assert reverse("beoordeling:gunningsbrief", args=[eigen.pk]) not in html  # being made
    _klaar(eigen)
    html = client.get(bod_url).content.decode()
    assert reverse("beoordeling:gunningsbrief", args=[eigen.pk]) in html
    andere = Gunningsbrief.objects.get(bod=w.biedingen[2])
    assert reverse("beoordeling:gunningsbrief", args=[andere.pk]) not in html


def test_the_letter_link_before_it_is_rendered_goes_back_to_the_bid(client, w):
    besluiten(w)
    versturen(w, ams(2026, 3, 2, 10, 0))
    eigen = Gunningsbrief.objects.get(bod=w.biedingen[1])
    client.force_login(w.bieders[1])
    response = client.get(reverse("beoordeling:gunningsbrief", args=[eigen.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("beoordeling:bod", args=[w.biedingen[1].pk])


def test_the_public_page_shows_the_award_and_explanation_only_after_sending(client, w):
    voorzitter = w.extra["users"]["voorzitter"]
    gunning = besluiten(w)
    client.force_login(voorzitter)
    toelichting_url = reverse("beoordeling:gunning_toelichting", args=[w.traject.pk])
    response = client.post(
        toelichting_url,
        {"doel": gunning.pk, f"toelichting-{gunning.pk}-tekst": "De buurt doet zelf mee."},
        follow=True,
    )
    assert response.status_code == 200
    assert Gunning.objects.get().toelichting_buurt == "De buurt doet zelf mee."
    client.logout()
    url = w.traject.get_absolute_url()
    html = client.get(url).content.decode()
    assert "De buurt doet zelf mee." not in html
    assert "data-gunning" not in html
    versturen(w, ams(2026, 3, 2, 10, 0))
    html = client.get(url).content.decode()
    assert "De buurt doet zelf mee." in html
    assert "Buurtkracht Woensel" in html
    assert "2 maart 2026" in html
    assert MOTIVATIE not in html  # the reasons are for the bidders' letters


def test_sections_render_without_queries(w, django_assert_num_queries):
    besluiten(w)
    versturen(w, ams(2026, 3, 2, 10, 0))
    brief = sel.brief_voor_bieder(w.biedingen[1])
    gunningen = sel.gepubliceerde_gunningen(w.traject)
    with django_assert_num_queries(0):
        voor_bieder = render_to_string(
            "beoordeling/gunning/_voor_bieder.html", {"gunningsbrief": brief}
        )
        publiek = render_to_string(
            "beoordeling/gunning/_op_traject.html",
            {"traject": w.traject, "gepubliceerde_gunningen": gunningen},
        )
    assert "Buurtkracht Woensel" in voor_bieder
    assert "Buurtkracht Woensel" in publiek
    assert render_to_string("beoordeling/gunning/_voor_bieder.html", {}).strip() == ""


# --- query counts -------------------------------------------------------------------------


def _biedingen(w, n, *, brieven=True):
    """n more bids on the lot (each bidder with a member), and if sent, a letter for each."""
    gunning = Gunning.objects.filter(perceel=w.perceel).first()
    for _i in range(n):
        bod = BodFactory(perceel=w.perceel, organisatie=OrganisatieFactory(), ingediend=True)
        LidmaatschapFactory(organisatie=bod.organisatie)
        if brieven and gunning is not None and gunning.verstuurd_op:
            Gunningsbrief.objects.create(
                gunning=gunning, bod=bod, verstuurd_op=gunning.verstuurd_op
            )


def _meet(client, count_queries, w, url):
    _biedingen(w, 3)
    few = count_queries(lambda: client.get(url))
    _biedingen(w, 45)
    response = client.get(url)
    regel = response.context["regels"][0]
    assert len(regel.kandidaten) == 50
    many = count_queries(lambda: client.get(url))
    return few, many, regel


# session, user, gemeenten, TOTP, trajectory, lots, the two stages' opened bids (the outline
# with its latest versions: 3), closed consensus, decisions with their letters and
# objections (3), unread count; plus what the consensus ranking itself needs (stubbed here:
# the ranking is another part's, measured with its real queries below).
AWARD_PAGE = 14


@pytest.mark.parametrize("verstuurd", [False, True])
def test_award_page_queries(client, count_queries, gemeente, medewerker, rangorde, verstuurd):  # noqa: F811
    w = maak_wereld(gemeente, medewerker, biedingen=2)
    rangorde(w.traject, Ronde.HOOFDLIJNEN, w.perceel, [(w.biedingen[0], 1, Decimal("80.0"))])
    gunning = besluiten(w)
    if verstuurd:
        versturen(w, ams(2026, 3, 2, 10, 0))
        s.bezwaar_vastleggen(
            actor=medewerker, gunning=gunning, omschrijving="Bezwaar", ontvangen_op=ams(2026, 3, 3)
        )
        s.bezwaar_vastleggen(
            actor=medewerker,
            gunning=gunning,
            soort=BezwaarSoort.KORT_GEDING,
            aangekondigd_op=date(2026, 3, 4),
            omschrijving="Kort geding",
            ontvangen_op=ams(2026, 3, 4),
        )
    client.force_login(medewerker)
    url = reverse("beoordeling:gunning", args=[w.traject.pk])
    few, many, regel = _meet(client, count_queries, w, url)
    if verstuurd:
        assert len(regel.gunning.brieven.all()) == 50
    assert (few, many) == (AWARD_PAGE, AWARD_PAGE)


def test_award_page_queries_with_the_real_ranking(client, count_queries, gemeente, medewerker):
    w = maak_wereld(gemeente, medewerker, biedingen=2)
    besluiten(w)
    client.force_login(medewerker)
    url = reverse("beoordeling:gunning", args=[w.traject.pk])
    few, many, _regel = _meet(client, count_queries, w, url)
    assert few == many


@pytest.mark.parametrize("rol", ["anoniem", "burger", "medewerker"])
def test_public_trajectory_page_queries_do_not_grow_with_awards(
    client, count_queries, gemeente, medewerker, rol
):
    w = maak_wereld(gemeente, medewerker, biedingen=2)
    user = {"anoniem": None, "burger": UserFactory(), "medewerker": medewerker}[rol]
    if user is not None:
        client.force_login(user)
    url = w.traject.get_absolute_url()

    def gunningen(n):
        for _i in range(n):
            perceel = PerceelFactory(traject=w.traject)
            bod = BodFactory(perceel=perceel, ingediend=True)
            Gunning.objects.create(
                traject=w.traject,
                perceel=perceel,
                winnend_bod=bod,
                motivatie="M",
                kenmerken="K",
                toelichting_buurt=f"Toelichting {perceel.pk}",
                besloten_door=medewerker,
                besloten_op=ams(2026, 3, 1),
                verstuurd_op=ams(2026, 3, 2),
                standstill_tot=ams(2026, 3, 22).date(),
            )

    gunningen(5)
    few = count_queries(lambda: client.get(url))
    gunningen(45)
    html = client.get(url).content.decode()
    assert html.count("data-gunning=") == 50
    many = count_queries(lambda: client.get(url))
    assert few == many
    assert _("Award") in html


@pytest.mark.parametrize("rol", ["medewerker", "voorzitter"])
def test_explanation_page_queries_do_not_grow_with_lots(client, count_queries, w, rol):
    besluiten(w)
    client.force_login(w.extra["users"][rol])
    url = reverse("beoordeling:gunning_toelichting", args=[w.traject.pk])
    few = count_queries(lambda: client.get(url))
    for nummer in range(2, 7):
        perceel = PerceelFactory(traject=w.traject, nummer=nummer)
        Gunning.objects.create(
            traject=w.traject,
            perceel=perceel,
            winnend_bod=BodFactory(perceel=perceel, ingediend=True),
            motivatie=MOTIVATIE,
            kenmerken=KENMERKEN,
            besloten_door=w.medewerker,
            besloten_op=timezone.now(),
        )
    response = client.get(url)
    assert len(response.context["gunningen"]) == 6
    many = count_queries(lambda: client.get(url))
    assert (few, many) == (EXPLANATION_PAGE[rol],) * 2


# session, user, gemeenten (twice: the two-factor check and the trajectory's scope),
# [TOTP for the officer], trajectory (with the chair check), decisions with their lot and
# winner, unread count
EXPLANATION_PAGE = {"medewerker": 7, "voorzitter": 6}
