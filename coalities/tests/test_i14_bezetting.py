"""Issue 14, points 6 and 7: the partner board shows who is taken (per organisation, per
lot, in which coalition and role); the invitation list offers only organisations that can
still be invited on the coalition's lots, with the reason for the others, asked with the
SAME rule as the invite service; the lead's flag looks at the budget and at the say."""

from decimal import Decimal

import pytest
from django.urls import reverse

from aanbesteden.exceptions import DomainError
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from coalities.constants import PartnerRol, PartnerStatus
from coalities.models import CoalitiePartner, Onafhankelijkheidsverklaring
from coalities.selectors.coalitie import kandidaten, leider_aandeel_vlag
from coalities.services import coalitie as s
from coalities.tests.factories import (
    CoalitieFactory,
    CoalitiePartnerFactory,
    InteresseFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    SleutelpartijFactory,
)
from trajecten.tests.factories import PerceelFactory, TrajectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(gemeente):
    """Lots 1 and 2. Coalition X (lead A) and Y (lead D) on lot 1; Z (lead Q) on lot 2.
    E is a partner in Y; F a subcontractor in Y with the declaration for lot 1; G a key
    party; H free; K a partner in Z (lot 2 only). All showed interest."""
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True, titel="Samen in de wijk")
    p1 = PerceelFactory(traject=traject, nummer=1, naam="Ontmoeten")
    p2 = PerceelFactory(traject=traject, nummer=2, naam="Vervoer")
    o = {k: OrganisatieFactory(naam=f"Organisatie {k}") for k in "ADEFGHKQ"}
    users = {
        "a_beheerder": LidmaatschapFactory(organisatie=o["A"], beheerder=True).user,
        "a_lid": LidmaatschapFactory(organisatie=o["A"]).user,
        "e_beheerder": LidmaatschapFactory(organisatie=o["E"], beheerder=True).user,
        "h_beheerder": LidmaatschapFactory(organisatie=o["H"], beheerder=True).user,
    }
    x = CoalitieFactory(traject=traject, naam="Coalitie X")
    x.percelen.set([p1])
    y = CoalitieFactory(traject=traject, naam="Coalitie Y")
    y.percelen.set([p1])
    z = CoalitieFactory(traject=traject, naam="Coalitie Z")
    z.percelen.set([p2])
    CoalitiePartnerFactory(coalitie=x, organisatie=o["A"], penvoerder=True)
    CoalitiePartnerFactory(coalitie=y, organisatie=o["D"], penvoerder=True)
    CoalitiePartnerFactory(coalitie=y, organisatie=o["E"], geaccepteerd=True)
    CoalitiePartnerFactory(
        coalitie=y, organisatie=o["F"], rol=PartnerRol.ONDERAANNEMER, geaccepteerd=True
    )
    Onafhankelijkheidsverklaring.objects.create(
        organisatie=o["F"],
        traject=traject,
        perceel=p1,
        tekst="Verklaring.",
        getekend_door=UserFactory(),
    )
    SleutelpartijFactory(traject=traject, organisatie=o["G"])
    CoalitiePartnerFactory(coalitie=z, organisatie=o["Q"], penvoerder=True)
    CoalitiePartnerFactory(coalitie=z, organisatie=o["K"])  # invited only
    for k in "DEFGHKQ":
        InteresseFactory(traject=traject, organisatie=o[k])
    return {"traject": traject, "p1": p1, "p2": p2, "x": x, "y": y, "z": z, "o": o, **users}


def test_the_list_asks_the_same_rule_as_the_invite_service(w):
    o, x = w["o"], w["x"]
    uit = {k.organisatie.naam[-1]: k for k in kandidaten(x, [o[c] for c in "EFGHK"])}
    assert not uit["E"].kan and "Coalitie Y" in uit["E"].toestemming.reden
    assert uit["F"].kan and uit["F"].alleen_als == str(PartnerRol.ONDERAANNEMER.label)
    assert uit["G"].kan and uit["G"].alleen_als == "sleutelpartij"
    assert uit["H"].kan and not uit["H"].alleen_als
    assert uit["K"].kan  # in a coalition on lot 2 only
    # The service refuses E with exactly the reason the list gives ...
    with pytest.raises(DomainError) as exc:
        s.partner_uitnodigen(
            actor=w["a_beheerder"], coalitie=x, organisatie=o["E"], rol=PartnerRol.PARTNER
        )
    assert str(exc.value) == uit["E"].toestemming.reden
    # ... and invites every organisation the list offers, one after the other.
    for letter, rol in (
        ("F", PartnerRol.ONDERAANNEMER),
        ("G", PartnerRol.SLEUTELPARTIJ),
        ("H", PartnerRol.PARTNER),
        ("K", PartnerRol.PARTNER),
    ):
        partner = s.partner_uitnodigen(
            actor=w["a_beheerder"], coalitie=x, organisatie=o[letter], rol=rol
        )
        assert partner.status == PartnerStatus.UITGENODIGD


def test_the_invitation_page_offers_only_who_can_be_invited(client, w):
    client.force_login(w["a_beheerder"])
    url = reverse("coalities:coalitie_partner_uitnodigen", args=[w["x"].pk])
    html = client.get(url).content.decode()
    begin = html.index('name="organisatie"')
    keuzes = html[begin : html.index("</select>", begin)]
    for letter in "FGHK":
        assert f"Organisatie {letter}" in keuzes
    assert "Organisatie E" not in keuzes and "Organisatie D" not in keuzes
    assert "Organisatie F (alleen als onderaannemer)" in keuzes
    bezet = html[html.index('id="niet-uit-te-nodigen"') :]
    assert "Kan niet worden uitgenodigd" in bezet
    assert "Organisatie E doet al mee in de coalitie Coalitie Y" in bezet or (
        "Organisatie E" in bezet and "Coalitie Y" in bezet
    )
    # Four invitations in a row, each from the list: none fails.
    for letter, rol in (("H", "partner"), ("K", "partner"), ("G", "sleutelpartij")):
        response = client.post(
            url,
            {
                "organisatie": w["o"][letter].pk,
                "rol": rol,
                "aandeel_budget": "0",
                "aandeel_zeggenschap": "0",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    assert CoalitiePartner.objects.filter(coalitie=w["x"], status="uitgenodigd").count() == 3


@pytest.mark.parametrize(
    "rol,status",
    [
        ("anoniem", 302),
        ("a_lid", 404),
        ("e_beheerder", 404),
        ("medewerker", 404),
        ("a_beheerder", 200),
    ],
)
def test_the_invitation_page_per_role(client, w, rol, status):
    if rol == "medewerker":
        client.force_login(MedewerkerFactory(gemeente=w["traject"].gemeente).user)
    elif rol != "anoniem":
        client.force_login(w[rol])
    url = reverse("coalities:coalitie_partner_uitnodigen", args=[w["x"].pk])
    assert client.get(url).status_code == status


def _meer_bezette(w, n):
    for i in range(n):
        org = OrganisatieFactory()
        InteresseFactory(traject=w["traject"], organisatie=org)
        coalitie = CoalitieFactory(traject=w["traject"], naam=f"Coalitie extra {i}")
        coalitie.percelen.set([w["p1"], w["p2"]])
        CoalitiePartnerFactory(coalitie=coalitie, organisatie=org, penvoerder=True)


def test_the_invitation_page_queries_do_not_grow(client, w, count_queries):
    client.force_login(w["a_beheerder"])
    url = reverse("coalities:coalitie_partner_uitnodigen", args=[w["x"].pk])
    _meer_bezette(w, 3)
    weinig = count_queries(lambda: client.get(url))
    _meer_bezette(w, 12)
    veel = count_queries(lambda: client.get(url))
    assert "Coalitie extra 11" in client.get(url).content.decode()
    assert weinig == veel


def test_the_board_shows_who_is_taken_per_lot(client, w):
    url = reverse("coalities:partnerbord", args=[w["traject"].pk])
    html = client.get(url).content.decode()  # public: anonymous

    def kaart(naam):
        begin = html.index(f">{naam}</a></h3>")
        return html[begin : html.index("</dl>", begin)]

    assert "1. Ontmoeten: partner in Coalitie Y" in kaart("Organisatie E")
    assert "1. Ontmoeten: onderaannemer in Coalitie Y" in kaart("Organisatie F")
    assert "uitgenodigd door Coalitie Z als partner" in kaart("Organisatie K")
    assert "Vervoer" in kaart("Organisatie K") and "Ontmoeten:" not in kaart("Organisatie K")
    assert "Nog niet: vrij op elk perceel." in kaart("Organisatie H")


@pytest.mark.parametrize("rol", ["anoniem", "burger", "e_beheerder", "medewerker"])
def test_the_board_shows_it_to_every_role(client, w, rol):
    if rol == "medewerker":
        client.force_login(MedewerkerFactory(gemeente=w["traject"].gemeente).user)
    elif rol == "burger":
        client.force_login(UserFactory())
    elif rol != "anoniem":
        client.force_login(w[rol])
    html = client.get(reverse("coalities:partnerbord", args=[w["traject"].pk])).content.decode()
    assert "partner in Coalitie Y" in html


def test_the_board_queries_do_not_grow_with_taken_organisations(client, w, count_queries):
    url = reverse("coalities:partnerbord", args=[w["traject"].pk])
    _meer_bezette(w, 3)
    weinig = count_queries(lambda: client.get(url))
    _meer_bezette(w, 12)
    veel = count_queries(lambda: client.get(url))
    assert weinig == veel


# --- point 6: the lead's share of budget and of say ----------------------------------------


@pytest.mark.parametrize(
    "budget,zeggenschap,vlag",
    [
        ("80", "80", (None, None)),
        ("81", "80", (Decimal("81"), None)),
        ("80", "81", (None, Decimal("81"))),
        ("90", "95", (Decimal("90"), Decimal("95"))),
    ],
)
def test_the_flag_looks_at_budget_and_say(budget, zeggenschap, vlag):
    uitkomst = leider_aandeel_vlag(Decimal(budget), Decimal(zeggenschap), 80)
    if vlag == (None, None):
        assert uitkomst is None
    else:
        assert (uitkomst.budget, uitkomst.zeggenschap) == vlag


@pytest.mark.parametrize("rol", ["a_beheerder", "a_lid", "medewerker"])
def test_the_coalition_page_flags_a_lead_with_too_much_say(client, w, rol):
    """Utrecht: at most 80% of the income and of the say."""
    gemeente = w["traject"].gemeente
    gemeente.penvoerder_max_aandeel = 80
    gemeente.save()
    CoalitiePartner.objects.filter(coalitie=w["x"], organisatie=w["o"]["A"]).update(
        aandeel_budget=50, aandeel_zeggenschap=90
    )
    if rol == "medewerker":
        client.force_login(MedewerkerFactory(gemeente=gemeente).user)
    else:
        client.force_login(w[rol])
    html = client.get(w["x"].get_absolute_url()).content.decode()
    alert = html[html.index('id="leider-aandeel"') :][:400]
    assert "90% van de zeggenschap" in alert and "80%" in alert
    if rol == "medewerker":
        rijen = client.get(reverse("coalities:coalities_traject", args=[w["traject"].pk]))
        assert "90% van de zeggenschap" in rijen.content.decode()
