"""The pages of the conversations with bidders, for every role; the flows through them;
the bidder's bid page (the planned conversation, never the notes); exact query counts."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from aanbesteden.models import Notificatie
from aanbesteden.tests.factories import MedewerkerFactory
from beoordeling.models import Bodgesprek, Gespreksnotitie
from beoordeling.tests.factories import BelangenverklaringFactory, BodFactory
from beoordeling.tests.factories_gesprekken import (
    BodgesprekFactory,
    ConsensusOverlegFactory,
    GespreksnotitieFactory,
    maak_wereld,
)
from coalities.tests.factories import LidmaatschapFactory
from tests.helpers import get_als, status_als, verwacht_per_rol

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
NU = datetime(2026, 9, 1, 9, 0, tzinfo=AMS)
OP = datetime(2026, 10, 5, 14, 0, tzinfo=AMS)
ONDERWERP = "Hoe betrekt u de jongeren uit de buurt?"
NOTITIE = "Geheime notitie: de begroting klopt niet helemaal."


ROLLEN = [
    "anoniem",
    "burger",
    "andere_organisatie",
    "bieder",
    "lid",
    "gewraakt",
    "ongetekend",
    "medewerker",
    "medewerker_andere_gemeente",
    "beheerder",
]


@pytest.fixture
def w(gemeente, andere_gemeente, medewerker, burger, beheerder, time_machine):
    time_machine.move_to(NU, tick=False)
    wereld = maak_wereld(gemeente, medewerker)
    gesprek = BodgesprekFactory(
        bod=wereld.bod, gepland_op=OP, toelichting=ONDERWERP, gepland_door=medewerker
    )
    notitie = GespreksnotitieFactory(gesprek=gesprek, auteur=wereld.lid.user, tekst=NOTITIE)
    wereld.extra.update(
        gesprek=gesprek,
        notitie=notitie,
        users={
            "anoniem": None,
            "burger": burger,
            "andere_organisatie": LidmaatschapFactory(beheerder=True).user,
            "bieder": wereld.bieder,
            "lid": wereld.lid.user,
            "gewraakt": wereld.gewraakt.user,
            "ongetekend": wereld.ongetekend.user,
            "medewerker": medewerker,
            "medewerker_andere_gemeente": MedewerkerFactory(gemeente=andere_gemeente).user,
            "beheerder": beheerder,
        },
    )
    return wereld


@pytest.mark.parametrize(
    "naam,verwacht",
    [
        (
            "gesprekken",
            verwacht_per_rol(ROLLEN, lid=200, gewraakt=200, ongetekend=200, medewerker=200),
        ),
        ("gesprek", verwacht_per_rol(ROLLEN, lid=200, medewerker=200)),
        ("gesprek_notitie", verwacht_per_rol(ROLLEN, lid=200)),
    ],
)
def test_each_role(client, w, naam, verwacht):
    args = {
        "gesprekken": [w.traject.pk],
        "gesprek": [w.extra["gesprek"].pk],
        "gesprek_notitie": [w.extra["notitie"].pk],
    }[naam]
    url = reverse(f"beoordeling:{naam}", args=args)
    gekregen = {rol: status_als(client, user, url) for rol, user in w.extra["users"].items()}
    assert gekregen == verwacht


def test_nobody_but_the_committee_and_medewerkers_ever_reads_a_note(client, w):
    urls = [
        reverse("beoordeling:gesprekken", args=[w.traject.pk]),
        reverse("beoordeling:gesprek", args=[w.extra["gesprek"].pk]),
        reverse("beoordeling:gesprek_notitie", args=[w.extra["notitie"].pk]),
        reverse("beoordeling:bod", args=[w.bod.pk]),
        reverse("beoordeling:mijn_biedingen"),
        "/meldingen/",
    ]
    for rol, user in w.extra["users"].items():
        for url in urls:
            tekst = get_als(client, user, url).content.decode()
            if rol in ("lid", "medewerker") and url != "/meldingen/" and "biedingen" not in url:
                continue  # the committee and officers read the notes on the conversation
            assert "Geheime notitie" not in tekst, (rol, url)


def test_the_bidder_sees_the_planned_conversation_on_its_bid_page(client, w, time_machine):
    response = get_als(client, w.bieder, reverse("beoordeling:bod", args=[w.bod.pk]))
    page = response.content.decode()
    assert f'data-gesprek="{w.extra["gesprek"].pk}"' in page
    assert "maandag 5 oktober 2026, 14:00" in page
    assert "Buurthuis De Boomgaard, zaal 2" in page
    assert ONDERWERP in page
    assert NOTITIE not in page
    assert "Kunt u niet op dit moment?" in page
    # A partner of the other bid sees nothing of this conversation.
    page = get_als(client, w.partnerlid, reverse("beoordeling:bod", args=[w.coalitiebod.pk]))
    assert "data-gesprek" not in page.content.decode()
    # After the moment: it has taken place, no more "can you not come?".
    time_machine.move_to(OP + timedelta(hours=2), tick=False)
    page = get_als(client, w.bieder, reverse("beoordeling:bod", args=[w.bod.pk])).content.decode()
    assert "Dit gesprek heeft plaatsgevonden." in page
    assert "Kunt u niet op dit moment?" not in page
    # Cancelled: gone from the bidder's page.
    Bodgesprek.objects.filter(pk=w.extra["gesprek"].pk).update(geannuleerd_op=NU)
    page = get_als(client, w.bieder, reverse("beoordeling:bod", args=[w.bod.pk])).content.decode()
    assert "data-gesprek" not in page and ONDERWERP not in page


def test_the_bidders_part_runs_no_queries(w, django_assert_num_queries):
    gesprek = Bodgesprek.objects.get(pk=w.extra["gesprek"].pk)
    with django_assert_num_queries(0):
        tekst = render_to_string(
            "beoordeling/gesprekken/_voor_bieder.html", {"gesprek": gesprek, "nu": NU}
        )
        leeg = render_to_string("beoordeling/gesprekken/_voor_bieder.html", {"gesprek": None})
    assert ONDERWERP in tekst and leeg.strip() == ""


# --- the list -----------------------------------------------------------------------------


def _regel(page, bod):
    begin = page.index(f'data-bod="{bod.pk}"')
    return page[begin : page.index("</li>", begin)]


def test_list_shows_each_opened_bid_with_its_conversation_and_number_of_notes(client, w):
    GespreksnotitieFactory(gesprek=w.extra["gesprek"], auteur=w.medewerker)
    page = get_als(client, w.lid.user, reverse("beoordeling:gesprekken", args=[w.traject.pk]))
    page = page.content.decode()
    eerste = _regel(page, w.bod)
    assert 'data-staat="gepland"' in eerste and 'data-notities="2"' in eerste
    assert "Stichting Buurtkracht" in eerste and "maandag 5 oktober 2026, 14:00" in eerste
    assert reverse("beoordeling:gesprek", args=[w.extra["gesprek"].pk]) in eerste
    tweede = _regel(page, w.coalitiebod)
    assert 'data-staat="geen"' in tweede and "Samen Oost" in tweede
    assert "plannen-bod" not in page  # no plan form for a member


def test_a_recused_member_sees_neither_notes_nor_subject(client, w):
    page = get_als(client, w.gewraakt.user, reverse("beoordeling:gesprekken", args=[w.traject.pk]))
    regel = _regel(page.content.decode(), w.bod)
    assert 'data-toegang="gewraakt"' in regel
    assert "data-notities" not in regel and "oktober" not in regel
    assert reverse("beoordeling:gesprek", args=[w.extra["gesprek"].pk]) not in regel
    response = client.post(
        reverse("beoordeling:gesprek_notitie_toevoegen", args=[w.extra["gesprek"].pk]),
        {"notitie-tekst": "Ik wil ook iets zeggen."},
    )
    assert response.status_code == 404
    assert Gespreksnotitie.objects.count() == 1


def test_a_member_who_did_not_sign_is_sent_to_the_declaration(client, w):
    page = get_als(
        client, w.ongetekend.user, reverse("beoordeling:gesprekken", args=[w.traject.pk])
    )
    regel = _regel(page.content.decode(), w.bod)
    assert 'data-toegang="verklaren"' in regel and "data-notities" not in regel
    assert reverse("beoordeling:verklaring", args=[w.bod.pk]) in regel
    assert ONDERWERP not in regel


def test_before_the_opening_the_list_is_empty(client, gemeente, medewerker, time_machine):
    time_machine.move_to(NU, tick=False)
    w = maak_wereld(gemeente, medewerker, geopend=False)
    for user in (medewerker, w.lid.user):
        response = get_als(client, user, reverse("beoordeling:gesprekken", args=[w.traject.pk]))
        assert response.status_code == 200
        assert response.context["regels"] == []
        assert "Stichting Buurtkracht" not in response.content.decode()


def test_medewerker_plans_from_the_list_and_the_bidder_is_told(
    client, w, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(w.medewerker)
    url = reverse("beoordeling:gesprekken", args=[w.traject.pk])
    page = client.get(url).content.decode()
    assert 'name="plannen-bod"' in page and 'type="datetime-local"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "plannen-bod": w.coalitiebod.pk,
                "plannen-gepland_op": "2026-10-07T10:30",
                "plannen-locatie": "Wijkcentrum Oost",
                "plannen-toelichting": "Uw samenwerking met de sportclub.",
            },
        )
    gesprek = Bodgesprek.objects.get(bod=w.coalitiebod)
    assert response.status_code == 302
    assert response["Location"] == reverse("beoordeling:gesprek", args=[gesprek.pk])
    assert gesprek.gepland_op == datetime(2026, 10, 7, 10, 30, tzinfo=AMS)
    bericht = Notificatie.objects.get(user=w.partnerlid)
    assert "woensdag 7 oktober 2026, 10:30" in bericht.tekst
    assert "Wijkcentrum Oost" in bericht.tekst
    assert any("Wijkcentrum Oost" in m.body for m in mailoutbox if m.to == [w.penvoerder.email])
    page = client.get(response["Location"]).content.decode()
    assert "Uw samenwerking met de sportclub." in page


def test_a_moment_in_the_past_is_refused_on_the_page(client, w):
    client.force_login(w.medewerker)
    url = reverse("beoordeling:gesprekken", args=[w.traject.pk])
    response = client.post(
        url,
        {"plannen-bod": w.coalitiebod.pk, "plannen-gepland_op": "2026-08-31T10:00"},
    )
    assert response.status_code == 200
    assert "utrecht-alert--error" in response.content.decode()
    assert not Bodgesprek.objects.filter(bod=w.coalitiebod).exists()


def test_a_member_cannot_plan(client, w):
    client.force_login(w.lid.user)
    url = reverse("beoordeling:gesprekken", args=[w.traject.pk])
    response = client.post(
        url, {"plannen-bod": w.coalitiebod.pk, "plannen-gepland_op": "2026-10-07T10:30"}
    )
    assert response.status_code == 302
    assert not Bodgesprek.objects.filter(bod=w.coalitiebod).exists()


# --- one conversation ---------------------------------------------------------------------


def test_member_reads_the_notes_and_adds_one(client, w):
    client.force_login(w.lid.user)
    url = reverse("beoordeling:gesprek", args=[w.extra["gesprek"].pk])
    page = client.get(url).content.decode()
    assert NOTITIE in page and ONDERWERP in page and "maandag 5 oktober 2026, 14:00" in page
    assert 'name="plannen-gepland_op"' not in page  # members do not move it
    notitie_url = reverse("beoordeling:gesprek_notitie_toevoegen", args=[w.extra["gesprek"].pk])
    response = client.post(notitie_url, {"notitie-tekst": "Zij kennen de buurt."})
    notitie = Gespreksnotitie.objects.get(tekst="Zij kennen de buurt.")
    assert response["Location"] == f"{url}#n{notitie.pk}"
    page = client.get(url).content.decode()
    assert "Zij kennen de buurt." in page
    assert w.lid.user.get_full_name() in page
    # An empty note is an error tied to its field.
    response = client.post(notitie_url, {"notitie-tekst": "  "})
    assert "utrecht-form-field--invalid" in response.content.decode()


def test_member_changes_only_their_own_note(client, w):
    client.force_login(w.lid.user)
    url = reverse("beoordeling:gesprek_notitie", args=[w.extra["notitie"].pk])
    response = client.post(url, {"notitie-tekst": "Bijgesteld: de begroting klopt."})
    assert response.status_code == 302
    w.extra["notitie"].refresh_from_db()
    assert w.extra["notitie"].tekst == "Bijgesteld: de begroting klopt."
    andere = GespreksnotitieFactory(gesprek=w.extra["gesprek"], auteur=w.medewerker)
    response = client.post(
        reverse("beoordeling:gesprek_notitie", args=[andere.pk]), {"notitie-tekst": "X"}
    )
    assert response.status_code == 404
    andere.refresh_from_db()
    assert andere.tekst != "X"


def test_medewerker_moves_and_cancels(client, w, django_capture_on_commit_callbacks):
    client.force_login(w.medewerker)
    url = reverse("beoordeling:gesprek", args=[w.extra["gesprek"].pk])
    page = client.get(url).content.decode()
    assert 'value="2026-10-05T14:00"' in page  # the move form starts from the current time
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("beoordeling:gesprek_plannen", args=[w.extra["gesprek"].pk]),
            {
                "plannen-gepland_op": "2026-10-06T16:00",
                "plannen-locatie": "Online",
                "plannen-toelichting": ONDERWERP,
            },
        )
    gesprek = Bodgesprek.objects.get(pk=w.extra["gesprek"].pk)
    assert gesprek.gepland_op == datetime(2026, 10, 6, 16, 0, tzinfo=AMS)
    bericht = Notificatie.objects.filter(user=w.bieder).latest("pk")
    assert "dinsdag 6 oktober 2026, 16:00" in bericht.tekst
    assert "maandag 5 oktober 2026, 14:00" in bericht.tekst
    response = client.post(reverse("beoordeling:gesprek_annuleren", args=[w.extra["gesprek"].pk]))
    assert response.status_code == 302
    gesprek.refresh_from_db()
    assert gesprek.geannuleerd_op is not None
    page = client.get(url).content.decode()
    assert 'id="geannuleerd"' in page and NOTITIE in page
    assert 'name="notitie-tekst"' not in page  # no notes on a cancelled conversation
    assert Notificatie.objects.filter(user=w.bieder).count() == 2


def test_after_the_final_judgement_nothing_changes_on_the_pages(client, w):
    ConsensusOverlegFactory(traject=w.traject, vastgesteld=True)
    client.force_login(w.lid.user)
    url = reverse("beoordeling:gesprek", args=[w.extra["gesprek"].pk])
    page = client.get(url).content.decode()
    assert 'id="afgerond"' in page and 'name="notitie-tekst"' not in page
    response = client.post(
        reverse("beoordeling:gesprek_notitie_toevoegen", args=[w.extra["gesprek"].pk]),
        {"notitie-tekst": "Te laat."},
    )
    assert response.status_code == 200
    assert "utrecht-alert--error" in response.content.decode()
    assert not Gespreksnotitie.objects.filter(tekst="Te laat.").exists()
    client.force_login(w.medewerker)
    page = client.get(reverse("beoordeling:gesprekken", args=[w.traject.pk])).content.decode()
    assert "plannen-bod" not in page  # no bid left to plan for


# --- query counts -------------------------------------------------------------------------


def _biedingen(w, n):
    for _ in range(n):
        bod = BodFactory(perceel=w.perceel, ingediend=True)
        BelangenverklaringFactory(commissielid=w.lid, bod=bod)
        gesprek = BodgesprekFactory(bod=bod, gepland_door=w.medewerker)
        GespreksnotitieFactory(gesprek=gesprek, auteur=w.lid.user)


@pytest.mark.parametrize("rol", ["medewerker", "lid"])
def test_list_queries_do_not_grow_with_bids(client, count_queries, w, rol):
    client.force_login(w.extra["users"][rol])
    url = reverse("beoordeling:gesprekken", args=[w.traject.pk])
    _biedingen(w, 3)
    response = client.get(url)
    assert len(response.context["regels"]) == 5
    few = count_queries(lambda: client.get(url))
    _biedingen(w, 45)
    response = client.get(url)
    assert len(response.context["regels"]) == 50
    many = count_queries(lambda: client.get(url))
    # session, user, the user's gemeenten, (officer: TOTP), trajectory, membership, the
    # outline stage's bids with their latest versions (2), the elaborated stage's bids
    # (none opened, so no versions), declarations, conversations with their notes counted,
    # closed consensus, unread count
    # An officer who is not on the committee: the membership is read once (issue 11,
    # point 7: beoordeling.permissions), and their own declarations (issue 13, rule 5).
    assert (few, many) == ({"medewerker": 13, "lid": 12}[rol],) * 2


@pytest.mark.parametrize("rol", ["medewerker", "lid"])
def test_conversation_page_queries_do_not_grow_with_notes(client, count_queries, w, rol):
    client.force_login(w.extra["users"][rol])
    url = reverse("beoordeling:gesprek", args=[w.extra["gesprek"].pk])
    few = count_queries(lambda: client.get(url))
    for _ in range(19):
        GespreksnotitieFactory(gesprek=w.extra["gesprek"], auteur=MedewerkerFactory().user)
    response = client.get(url)
    assert len(response.context["blad"].notities) == 20
    many = count_queries(lambda: client.get(url))
    assert few == many
    assert many == {"medewerker": 12, "lid": 11}[rol]


def test_list_page_sections_for_a_cancelled_conversation(client, w):
    BodgesprekFactory(bod=w.coalitiebod, geannuleerd=True, gepland_op=OP + timedelta(days=1))
    page = get_als(client, w.medewerker, reverse("beoordeling:gesprekken", args=[w.traject.pk]))
    assert 'data-staat="geannuleerd"' in _regel(page.content.decode(), w.coalitiebod)


def test_note_edit_page_exact_queries(client, count_queries, w):
    notitie = GespreksnotitieFactory(gesprek=w.extra["gesprek"], auteur=w.medewerker)
    client.force_login(w.medewerker)
    url = reverse("beoordeling:gesprek_notitie", args=[notitie.pk])
    assert client.get(url).status_code == 200
    few = count_queries(lambda: client.get(url))
    for _ in range(10):
        GespreksnotitieFactory(gesprek=w.extra["gesprek"], auteur=w.medewerker)
    assert (few, count_queries(lambda: client.get(url))) == (13, 13)
