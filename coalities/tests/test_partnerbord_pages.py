"""Pages of the partner board for each role; e-mail addresses stay hidden; exact query counts."""

from urllib.parse import quote

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from aanbesteden.constants import TEKST_KORT, TEKST_MIDDEL
from aanbesteden.models import Notificatie
from aanbesteden.tests.lengte import MILJOEN, assert_te_lang
from coalities.constants import OrganisatieType
from coalities.models import Bericht, Gesprek, Interesse, Sleutelpartij, TrajectUitnodiging
from coalities.services import partnerbord as services
from coalities.tests.factories import (
    GesprekFactory,
    InteresseFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    SleutelpartijFactory,
)
from coalities.tests.test_partnerbord_services import (
    ADRES_BEHEERDER_A,
    ADRES_BEHEERDER_B,
    ADRES_LID_A,
    ADRESSEN,
    maak_wereld,
)
from trajecten.routes import route_van

ROLLEN = ["anoniem", "burger", "beheerder", "lid", "ander_lid", "medewerker", "andere"]
LOGIN = "login"


@pytest.fixture
def wereld(gemeente, andere_gemeente, medewerker, burger):
    return maak_wereld(gemeente, andere_gemeente, medewerker, burger)


NIEUW = "nieuw"  # sent to register an organisation first
EIGEN = "eigen"  # the organisation written to is one's own: back to the board


def _login(client, wereld, rol):
    user = wereld["users"][rol]
    if user is not None:
        client.force_login(user)
    return user


def _url(naam, *keys):
    def make(w):
        return reverse(f"coalities:{naam}", args=[w[k].pk for k in keys])

    return make


def _gesprek_url(w):
    return reverse("coalities:gesprek", args=[w["gesprek"].pk])


OPENBAAR = dict.fromkeys(ROLLEN, 200)
CONCEPT = {**dict.fromkeys(ROLLEN, 404), "medewerker": 200}
INTERESSE = {
    "anoniem": LOGIN,
    "burger": NIEUW,
    "beheerder": 200,
    "lid": 200,
    "ander_lid": 200,
    "medewerker": NIEUW,
    "andere": NIEUW,
}
INTERESSE_CONCEPT = {**dict.fromkeys(ROLLEN, 404), "anoniem": LOGIN}
CONTACT_B = {**INTERESSE}
CONTACT_A = {**INTERESSE, "beheerder": EIGEN, "lid": EIGEN}
GESPREKKEN = {**dict.fromkeys(ROLLEN, 200), "anoniem": LOGIN}
GESPREK = {**dict.fromkeys(ROLLEN, 404), "anoniem": LOGIN, "beheerder": 200, "lid": 200}
BEHEER = {**dict.fromkeys(ROLLEN, 404), "anoniem": LOGIN, "medewerker": 200}

CASES = [
    ("partnerbord", _url("partnerbord", "traject"), OPENBAAR),
    ("partnerbord concept", _url("partnerbord", "concept"), CONCEPT),
    ("interesse", _url("interesse", "traject"), INTERESSE),
    ("interesse concept", _url("interesse", "concept"), INTERESSE_CONCEPT),
    ("contact b", _url("contact", "traject", "b"), CONTACT_B),
    ("contact a", _url("contact", "traject", "a"), CONTACT_A),
    ("contact concept", _url("contact", "concept", "b"), INTERESSE_CONCEPT),
    ("gesprekken", lambda w: reverse("coalities:gesprekken"), GESPREKKEN),
    ("gesprek", _gesprek_url, GESPREK),
    ("uitnodigen", _url("uitnodigen", "traject"), BEHEER),
    ("uitnodigen concept", _url("uitnodigen", "concept"), BEHEER),
    ("sleutelpartijen", _url("sleutelpartijen", "traject"), BEHEER),
    ("sleutelpartijen concept", _url("sleutelpartijen", "concept"), BEHEER),
]


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("naam,make_url,expected", CASES, ids=[c[0] for c in CASES])
def test_permissions(client, wereld, rol, naam, make_url, expected):
    wereld["gesprek"] = GesprekFactory(traject=wereld["traject"], van=wereld["a"], aan=wereld["b"])
    _login(client, wereld, rol)
    url = make_url(wereld)
    response = client.get(url)
    verwacht = expected[rol]
    if verwacht == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    elif verwacht == NIEUW:
        assert response.status_code == 302
        assert response.url == f"{reverse('coalities:nieuw')}?next={quote(url, safe='')}"
    elif verwacht == EIGEN:
        assert response.status_code == 302
        assert response.url == reverse("coalities:partnerbord", args=[wereld["traject"].pk])
    else:
        assert response.status_code == verwacht


@pytest.mark.django_db
def test_the_other_side_sees_the_conversation(client, wereld):
    gesprek = GesprekFactory(traject=wereld["traject"], van=wereld["a"], aan=wereld["b"])
    client.force_login(wereld["users"]["beheerder_b"])
    assert client.get(reverse("coalities:gesprek", args=[gesprek.pk])).status_code == 200


# The board


@pytest.mark.django_db
def test_board_shows_rules_interests_and_key_parties(client, wereld):
    t = wereld["traject"]
    t.gemeente_rol = "facilitator"
    t.contact_toegestaan = True
    t.contact_regels = "Alleen tijdens de bijeenkomsten."
    t.save()
    InteresseFactory(
        traject=t, organisatie=wereld["a"], bieden="Een keuken.", zoeken="Een tuinman."
    ).percelen.set([wereld["p2"]])
    InteresseFactory(traject=t, organisatie=wereld["b"], bieden="Buurtkennis.")
    SleutelpartijFactory(traject=t, organisatie=wereld["c"], reden="De enige school.")
    InteresseFactory(traject=wereld["concept"], bieden="Verborgen concept.")
    response = client.get(reverse("coalities:partnerbord", args=[t.pk]))
    html = response.content.decode()
    assert response.context["traject"] == t
    assert "Alleen tijdens de bijeenkomsten." in html
    assert {i.organisatie for i in response.context["page"].object_list} == {
        wereld["a"],
        wereld["b"],
    }
    for tekst in ("Een keuken.", "Een tuinman.", "Buurtkennis.", "2. Zuid", "De enige school."):
        assert tekst in html
    assert "Verborgen concept." not in html
    assert reverse("coalities:organisatie", args=[wereld["a"].pk]) in html
    assert reverse("coalities:contact", args=[t.pk, wereld["a"].pk]) in html
    assert reverse("coalities:contact", args=[t.pk, wereld["c"].pk]) in html
    assert [s.organisatie for s in response.context["sleutelpartijen"]] == [wereld["c"]]


@pytest.mark.django_db
def test_draft_board_is_empty_for_its_medewerkers(client, wereld):
    concept = wereld["concept"]
    InteresseFactory(traject=concept, bieden="Verborgen concept.")
    client.force_login(wereld["users"]["medewerker"])
    response = client.get(reverse("coalities:partnerbord", args=[concept.pk]))
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
    assert "Verborgen concept." not in response.content.decode()


@pytest.mark.django_db
def test_board_filters(client, wereld):
    t, p1, p2 = wereld["traject"], wereld["p1"], wereld["p2"]
    noord = InteresseFactory(
        traject=t, organisatie=wereld["a"], bieden="Koken met buren", zoeken="Vrijwilligers"
    )
    noord.percelen.set([p1])
    zuid = InteresseFactory(traject=t, organisatie=wereld["b"], bieden="Tuinieren")
    zuid.percelen.set([p2])
    overal = InteresseFactory(traject=t, organisatie=wereld["c"], bieden="Een zaal")
    url = reverse("coalities:partnerbord", args=[t.pk])

    def gevonden(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return {i.pk for i in response.context["page"].object_list}

    assert gevonden() == {noord.pk, zuid.pk, overal.pk}
    assert gevonden(type=OrganisatieType.INFORMEEL) == {zuid.pk}
    assert gevonden(type=OrganisatieType.SOCIAAL_ONDERNEMER) == {noord.pk}
    # A lot: those interested in it, and those interested in the whole trajectory.
    assert gevonden(perceel=p1.pk) == {noord.pk, overal.pk}
    assert gevonden(perceel=p2.pk) == {zuid.pk, overal.pk}
    assert gevonden(q="koken") == {noord.pk}
    assert gevonden(q="vrijwilligers koken") == {noord.pk}
    assert gevonden(q="bewonersgroep") == {zuid.pk}  # the name
    assert gevonden(q="koken tuinieren") == set()
    assert gevonden(q="zaal", perceel=p2.pk) == {overal.pk}
    # An unknown lot is not a valid choice: the form shows the error, nothing breaks.
    response = client.get(url, {"perceel": 999999})
    assert response.status_code == 200
    assert response.context["filter"].form.errors


@pytest.mark.django_db
def test_board_is_paginated(client, wereld):
    t = wereld["traject"]
    InteresseFactory.create_batch(25, traject=t)
    url = reverse("coalities:partnerbord", args=[t.pk])
    eerste = client.get(url)
    tweede = client.get(url, {"page": 2})
    assert len(eerste.context["page"].object_list) == 20
    assert len(tweede.context["page"].object_list) == 5
    assert eerste.context["page"].paginator.count == 25


# E-mail addresses stay hidden


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ROLLEN)
def test_board_and_contact_page_hide_every_email_address(client, wereld, rol):
    t = wereld["traject"]
    for organisatie in (wereld["a"], wereld["b"], wereld["c"]):
        InteresseFactory(traject=t, organisatie=organisatie, door=wereld["users"]["beheerder"])
    SleutelpartijFactory(traject=t, organisatie=wereld["b"])
    _login(client, wereld, rol)
    pages = [reverse("coalities:partnerbord", args=[t.pk])]
    pages += [reverse("coalities:contact", args=[t.pk, wereld[k].pk]) for k in ("a", "b", "c")]
    for url in pages:
        response = client.get(url, follow=True)
        html = response.content.decode()
        for adres in ADRESSEN:
            assert adres not in html, (url, adres)


@pytest.mark.django_db
def test_addresses_appear_in_a_conversation_only_after_the_answer(
    client, wereld, mailoutbox, django_capture_on_commit_callbacks
):
    t, a, b = wereld["traject"], wereld["a"], wereld["b"]
    lid_a, beheerder_b = wereld["users"]["lid"], wereld["users"]["beheerder_b"]
    client.force_login(lid_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("coalities:contact", args=[t.pk, b.pk]),
            {"van": a.pk, "tekst": "Zullen we samen bieden?"},
        )
    gesprek = Gesprek.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("coalities:gesprek", args=[gesprek.pk])
    url = reverse("coalities:gesprek", args=[gesprek.pk])
    # Before the answer: no addresses, for either side, nor in notifications and mails.
    for user in (lid_a, beheerder_b):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert "Zullen we samen bieden?" in html
        for adres in ADRESSEN:
            assert adres not in html
    for n in Notificatie.objects.all():
        for adres in (ADRES_LID_A, ADRES_BEHEERDER_A):
            assert adres not in n.tekst + n.onderwerp
    for mail in mailoutbox:
        assert ADRES_LID_A not in mail.subject + mail.body
    # The contacted side answers.
    client.force_login(beheerder_b)
    response = client.post(url, {"namens": b.pk, "tekst": "Graag, bel me."})
    assert response.status_code == 302
    gesprek.refresh_from_db()
    assert gesprek.beantwoord_op is not None
    for user in (lid_a, beheerder_b, wereld["users"]["beheerder"]):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert ADRES_LID_A in html  # who wrote
        assert ADRES_BEHEERDER_B in html
        assert ADRES_BEHEERDER_A not in html  # did not write
    # Others still see nothing of it.
    for rol in ("ander_lid", "medewerker", "burger"):
        client.force_login(wereld["users"][rol])
        assert client.get(url).status_code == 404


# Acting for another organisation


@pytest.mark.django_db
def test_a_member_cannot_show_interest_for_another_organisation(client, wereld):
    t = wereld["traject"]
    client.force_login(wereld["users"]["ander_lid"])
    response = client.post(
        reverse("coalities:interesse", args=[t.pk]),
        {"organisatie": wereld["a"].pk, "bieden": "Namens a"},
    )
    assert response.status_code == 200
    assert "organisatie" in response.context["form"].errors
    assert not Interesse.objects.exists()
    # Nor withdraw the interest of another organisation.
    eigen = InteresseFactory(traject=t, organisatie=wereld["a"])
    response = client.post(
        reverse("coalities:interesse_intrekken", args=[t.pk]),
        {"organisatie": wereld["a"].pk},
    )
    assert response.status_code == 404
    assert Interesse.objects.filter(pk=eigen.pk).exists()


@pytest.mark.django_db
def test_a_member_cannot_write_as_another_organisation(client, wereld):
    t = wereld["traject"]
    client.force_login(wereld["users"]["ander_lid"])
    response = client.post(
        reverse("coalities:contact", args=[t.pk, wereld["b"].pk]),
        {"van": wereld["a"].pk, "tekst": "Namens a"},
    )
    assert response.status_code == 200
    assert "van" in response.context["form"].errors
    assert not Gesprek.objects.exists()
    gesprek = GesprekFactory(traject=t, van=wereld["a"], aan=wereld["b"])
    # A member of a cannot answer as b either: the form offers only a.
    client.force_login(wereld["users"]["lid"])
    url = reverse("coalities:gesprek", args=[gesprek.pk])
    response = client.post(url, {"namens": wereld["b"].pk, "tekst": "Namens b"})
    assert response.status_code == 200
    assert "namens" in response.context["form"].errors
    gesprek.refresh_from_db()
    assert gesprek.beantwoord_op is None
    assert not gesprek.berichten.exists()


# Interest through the page


@pytest.mark.django_db
def test_show_change_and_withdraw_interest(client, wereld):
    t, a = wereld["traject"], wereld["a"]
    client.force_login(wereld["users"]["lid"])
    url = reverse("coalities:interesse", args=[t.pk])
    data = {"organisatie": a.pk, "percelen": [wereld["p1"].pk], "bieden": "Een keuken."}
    for _ in range(2):  # a double click
        response = client.post(url, data)
        assert response.status_code == 302
        assert response.url == reverse("coalities:partnerbord", args=[t.pk])
    interesse = Interesse.objects.get()
    assert (interesse.organisatie, interesse.bieden) == (a, "Een keuken.")
    assert list(interesse.percelen.all()) == [wereld["p1"]]
    # The form shows the interest again, to change it.
    response = client.get(url, {"organisatie": a.pk})
    assert response.context["form"].initial["bieden"] == "Een keuken."
    assert response.context["form"].initial["percelen"] == [wereld["p1"].pk]
    response = client.post(url, {"organisatie": a.pk, "bieden": ""})
    assert "bieden" in response.context["form"].errors
    response = client.post(
        reverse("coalities:interesse_intrekken", args=[t.pk]), {"organisatie": a.pk}
    )
    assert response.status_code == 302
    assert not Interesse.objects.exists()


@pytest.mark.django_db
def test_interest_without_lots_hides_the_lot_field(client, wereld):
    t = wereld["traject"]
    t.percelen.all().delete()
    client.force_login(wereld["users"]["beheerder"])
    url = reverse("coalities:interesse", args=[t.pk])
    assert "percelen" not in client.get(url).context["form"].fields
    client.post(url, {"organisatie": wereld["a"].pk, "bieden": "Ja."})
    assert Interesse.objects.get().percelen.count() == 0


# Officers


@pytest.mark.django_db
def test_medewerker_invites_and_sees_the_invitations(
    client, wereld, mailoutbox, django_capture_on_commit_callbacks
):
    t = wereld["traject"]
    client.force_login(wereld["users"]["medewerker"])
    url = reverse("coalities:uitnodigen", args=[t.pk])
    data = {"naam": "Voedselbank", "email": "info@voedselbank.nl", "bericht": ""}
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            response = client.post(url, data)
            assert response.status_code == 302
    assert TrajectUitnodiging.objects.count() == 1
    assert len(mailoutbox) == 1
    html = client.get(url).content.decode()
    assert "Voedselbank" in html and "info@voedselbank.nl" in html
    # A draft: the form shows why not.
    response = client.post(reverse("coalities:uitnodigen", args=[wereld["concept"].pk]), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["burger", "beheerder", "ander_lid", "andere"])
def test_medewerker_posts_are_refused_for_others(client, wereld, rol, mailoutbox):
    t = wereld["traject"]
    sleutelpartij = SleutelpartijFactory(traject=t)
    client.force_login(wereld["users"][rol])
    assert (
        client.post(
            reverse("coalities:uitnodigen", args=[t.pk]), {"naam": "X", "email": "x@x.nl"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("coalities:sleutelpartijen", args=[t.pk]),
            {"organisatie": wereld["a"].pk, "reden": "x"},
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("coalities:sleutelpartij_intrekken", args=[t.pk]),
            {"sleutelpartij": sleutelpartij.pk},
        ).status_code
        == 404
    )
    assert not TrajectUitnodiging.objects.exists()
    assert list(Sleutelpartij.objects.all()) == [sleutelpartij]
    assert mailoutbox == []


@pytest.mark.django_db
def test_medewerker_marks_and_unmarks_key_parties(client, wereld):
    t = wereld["traject"]
    InteresseFactory(traject=t, organisatie=wereld["a"])
    client.force_login(wereld["users"]["medewerker"])
    url = reverse("coalities:sleutelpartijen", args=[t.pk])
    # The interested organisations are offered; a name search finds others.
    assert client.get(url).context["kandidaten"] == [wereld["a"]]
    keuzes = client.get(url, {"zoek": "elders"}).context["kandidaten"]
    assert keuzes == [wereld["a"], wereld["c"]]
    for _ in range(2):
        response = client.post(url, {"organisatie": wereld["c"].pk, "reden": "De school."})
        assert response.status_code == 302
    sleutelpartij = Sleutelpartij.objects.get()
    assert (sleutelpartij.organisatie, sleutelpartij.reden) == (wereld["c"], "De school.")
    keuzes = client.get(url, {"zoek": "elders"}).context["kandidaten"]
    assert keuzes == [wereld["a"]]  # a key party already is not offered again
    board = client.get(reverse("coalities:partnerbord", args=[t.pk])).content.decode()
    assert "De school." in board
    intrekken = reverse("coalities:sleutelpartij_intrekken", args=[t.pk])
    response = client.post(intrekken, {"sleutelpartij": sleutelpartij.pk})
    assert response.status_code == 302
    assert not Sleutelpartij.objects.exists()
    # Another trajectory's key party cannot be unmarked through this page.
    elders = SleutelpartijFactory()
    response = client.post(intrekken, {"sleutelpartij": elders.pk})
    assert response.status_code == 404
    assert Sleutelpartij.objects.filter(pk=elders.pk).exists()


@pytest.mark.django_db
def test_trajectory_snippet_links(rf, wereld):
    t = wereld["traject"]
    # Issue 14: the snippet shows on a route with competing bids (the page passes `route`).
    html = render_to_string(
        "coalities/partnerbord/_op_traject.html", {"traject": t, "route": route_van(t)}
    )
    assert reverse("coalities:partnerbord", args=[t.pk]) in html
    assert reverse("coalities:interesse", args=[t.pk]) in html
    assert reverse("coalities:uitnodigen", args=[t.pk]) not in html
    html = render_to_string(
        "coalities/partnerbord/_op_traject.html",
        {"traject": t, "mag_beheren": True, "route": route_van(t)},
    )
    assert reverse("coalities:uitnodigen", args=[t.pk]) in html
    assert reverse("coalities:sleutelpartijen", args=[t.pk]) in html


# Exact query counts: the same for 5 and for 50 rows


def _interesses(w, n):
    """n interests of new organisations of each type, with lots or for the whole trajectory."""
    t = w["traject"]
    soorten = list(OrganisatieType)
    for i in range(n):
        organisatie = OrganisatieFactory(type=soorten[i % len(soorten)])
        interesse = InteresseFactory(
            traject=t, organisatie=organisatie, bieden="Koken en klussen", zoeken="Ruimte"
        )
        if i % 3 == 0:
            interesse.percelen.set([w["p1"]])
        elif i % 3 == 1:
            interesse.percelen.set([w["p1"], w["p2"]])
        if i % 10 == 0:
            SleutelpartijFactory(traject=t, organisatie=organisatie)


BORD_FILTERS = {
    "zonder": {},
    "type": {"type": OrganisatieType.INFORMEEL},
    "alles": {"type": OrganisatieType.INFORMEEL, "perceel": "p1", "q": "koken ruimte"},
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rol,filters,expected",
    [
        # Issue 14, point 7: +1, who is taken (the coalitions of the organisations shown).
        ("anoniem", "zonder", 7),
        ("anoniem", "type", 7),
        ("anoniem", "alles", 7),
        ("beheerder", "zonder", 12),
        ("beheerder", "alles", 12),
        ("medewerker", "zonder", 13),  # officers: also the two-factor check
        ("medewerker", "alles", 13),
    ],
)
def test_board_queries(client, count_queries, wereld, rol, filters, expected):
    _login(client, wereld, rol)
    url = reverse("coalities:partnerbord", args=[wereld["traject"].pk])
    params = {k: (wereld[v].pk if v == "p1" else v) for k, v in BORD_FILTERS[filters].items()}
    _interesses(wereld, 5)
    few = count_queries(lambda: client.get(url, params))
    _interesses(wereld, 45)
    many = count_queries(lambda: client.get(url, params))
    assert Interesse.objects.filter(traject=wereld["traject"]).count() == 50
    assert (few, many) == (expected, expected)


@pytest.mark.django_db
def test_interest_page_queries(client, count_queries, wereld):
    """Rows: the organisations of the user and their interests."""
    user = wereld["users"]["ander_lid"]
    client.force_login(user)
    url = reverse("coalities:interesse", args=[wereld["traject"].pk])

    def organisaties(n):
        for _ in range(n):
            organisatie = LidmaatschapFactory(user=user).organisatie
            InteresseFactory(traject=wereld["traject"], organisatie=organisatie).percelen.set(
                [wereld["p1"]]
            )

    organisaties(4)
    few = count_queries(lambda: client.get(url))
    organisaties(45)
    many = count_queries(lambda: client.get(url))
    assert (few, many) == (9, 9)


@pytest.mark.django_db
def test_contact_page_queries(client, count_queries, wereld):
    user = wereld["users"]["ander_lid"]
    client.force_login(user)
    url = reverse("coalities:contact", args=[wereld["traject"].pk, wereld["b"].pk])

    def organisaties(n):
        for _ in range(n):
            organisatie = LidmaatschapFactory(user=user).organisatie
            GesprekFactory(traject=wereld["traject"], van=organisatie, aan=wereld["b"])

    organisaties(4)
    few = count_queries(lambda: client.get(url))
    organisaties(45)
    many = count_queries(lambda: client.get(url))
    assert (few, many) == (8, 8)


@pytest.mark.django_db
def test_conversations_queries(client, count_queries, wereld):
    user = wereld["users"]["lid"]
    client.force_login(user)
    url = reverse("coalities:gesprekken")

    def gesprekken(n):
        for i in range(n):
            ander = OrganisatieFactory()
            if i % 2:
                services.bericht_sturen(
                    actor=user, traject=wereld["traject"], van=wereld["a"], aan=ander, tekst="Hoi"
                )
            else:
                GesprekFactory(traject=wereld["traject"], van=ander, aan=wereld["a"])

    gesprekken(5)
    few = count_queries(lambda: client.get(url))
    gesprekken(45)
    many = count_queries(lambda: client.get(url))
    assert (few, many) == (7, 7)


@pytest.mark.django_db
@pytest.mark.parametrize("beantwoord", [False, True])
def test_conversation_queries(client, count_queries, wereld, beantwoord):
    t, a, b = wereld["traject"], wereld["a"], wereld["b"]
    lid_a, beheerder_b = wereld["users"]["lid"], wereld["users"]["beheerder_b"]
    gesprek = services.bericht_sturen(actor=lid_a, traject=t, van=a, aan=b, tekst="Hoi")
    if beantwoord:
        services.antwoord_sturen(actor=beheerder_b, gesprek=gesprek, namens=b, tekst="Ja")
    client.force_login(lid_a)
    url = reverse("coalities:gesprek", args=[gesprek.pk])

    def berichten(n):
        for i in range(n):
            actor, namens = (lid_a, a) if i % 2 else (beheerder_b, b)
            services.antwoord_sturen(actor=actor, gesprek=gesprek, namens=namens, tekst="Ja")

    berichten(5 - gesprek.berichten.count())
    few = count_queries(lambda: client.get(url))
    berichten(45)
    many = count_queries(lambda: client.get(url))
    assert gesprek.berichten.count() == 50
    assert (few, many) == (7, 7)


@pytest.mark.django_db
def test_invitations_page_queries(client, count_queries, wereld):
    t = wereld["traject"]
    medewerker = wereld["users"]["medewerker"]
    client.force_login(medewerker)
    url = reverse("coalities:uitnodigen", args=[t.pk])

    def uitnodigingen(n):
        for _ in range(n):
            TrajectUitnodiging.objects.create(
                traject=t,
                naam="Partij",
                email=f"partij{TrajectUitnodiging.objects.count()}@x.nl",
                uitgenodigd_door=medewerker,
            )

    uitnodigingen(5)
    few = count_queries(lambda: client.get(url))
    uitnodigingen(45)
    many = count_queries(lambda: client.get(url))
    assert (few, many) == (7, 7)


@pytest.mark.django_db
@pytest.mark.parametrize("zoek", ["", "elders"])
def test_key_parties_page_queries(client, count_queries, wereld, zoek):
    t = wereld["traject"]
    client.force_login(wereld["users"]["medewerker"])
    url = reverse("coalities:sleutelpartijen", args=[t.pk])
    params = {"zoek": zoek} if zoek else {}

    def rijen(n):
        for _ in range(n):
            SleutelpartijFactory(traject=t)
            InteresseFactory(traject=t)
            OrganisatieFactory(naam="Stichting Elders")

    rijen(5)
    few = count_queries(lambda: client.get(url, params))
    rijen(45)
    many = count_queries(lambda: client.get(url, params))
    assert (few, many) == (8, 8)


# Length limits (issue 11, point 10)


@pytest.mark.django_db
def test_interest_of_a_million_characters_is_refused_on_the_field(client, wereld):
    client.force_login(wereld["users"]["lid"])
    url = reverse("coalities:interesse", args=[wereld["traject"].pk])
    response = client.post(url, {"organisatie": wereld["a"].pk, "bieden": MILJOEN})
    assert_te_lang(response, response.context["form"], "bieden", TEKST_KORT)
    assert not Interesse.objects.exists()


@pytest.mark.django_db
def test_a_message_of_a_million_characters_is_refused_on_the_field(client, wereld):
    t, a, b = wereld["traject"], wereld["a"], wereld["b"]
    client.force_login(wereld["users"]["lid"])
    response = client.post(
        reverse("coalities:contact", args=[t.pk, b.pk]), {"van": a.pk, "tekst": MILJOEN}
    )
    assert_te_lang(response, response.context["form"], "tekst", TEKST_MIDDEL)
    assert not Gesprek.objects.exists() and not Bericht.objects.exists()
    # The answer in a conversation is limited the same way.
    gesprek = GesprekFactory(traject=t, van=a, aan=b)
    client.force_login(wereld["users"]["beheerder_b"])
    response = client.post(
        reverse("coalities:gesprek", args=[gesprek.pk]), {"namens": b.pk, "tekst": MILJOEN}
    )
    assert_te_lang(response, response.context["form"], "tekst", TEKST_MIDDEL)
    assert not gesprek.berichten.exists()
