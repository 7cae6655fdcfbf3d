"""Issue 13, rule 1: the key party's commitment page and the subcontractor's declaration of
independence page, per role, with their forms, errors and query counts."""

import pytest
from django.urls import reverse

from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import NotAllowed
from aanbesteden.models import AuditEvent, Notificatie
from aanbesteden.tests.factories import MedewerkerFactory
from coalities.constants import PartnerRol
from coalities.models import Onafhankelijkheidsverklaring
from coalities.services import coalitie as s
from coalities.tests.factories import (
    LidmaatschapFactory,
    OrganisatieFactory,
    SleutelpartijFactory,
)
from coalities.tests.test_coalitie_services import maak_wereld
from tests.helpers import COALITIE_ROLLEN, LOGIN, response_status, verwacht_per_rol
from trajecten.tests.factories import PerceelFactory

pytestmark = pytest.mark.django_db

ROLLEN = [*COALITIE_ROLLEN, "k_beheerder", "k_lid"]


@pytest.fixture
def w(gemeente, andere_gemeente, medewerker, burger):
    wereld = maak_wereld(gemeente)
    sleutel = OrganisatieFactory(naam="Basisschool De Sleutel")
    SleutelpartijFactory(traject=wereld.traject, organisatie=sleutel)
    wereld.users.update(
        anoniem=None,
        burger=burger,
        medewerker=medewerker,
        andere=MedewerkerFactory(gemeente=andere_gemeente).user,
        k_beheerder=LidmaatschapFactory(organisatie=sleutel, beheerder=True).user,
        k_lid=LidmaatschapFactory(organisatie=sleutel).user,
    )
    partner = s.partner_uitnodigen(
        actor=wereld.users["a_beheerder"],
        coalitie=wereld.coalitie,
        organisatie=sleutel,
        rol=PartnerRol.SLEUTELPARTIJ,
    )
    wereld.k = s.uitnodiging_beantwoorden(
        actor=wereld.users["k_beheerder"], partner=partner, accepteren=True
    )
    wereld.sleutel = sleutel
    return wereld


def _status(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return response_status(client.get(url))


def test_who_reaches_the_commitment_page(client, w):
    url = reverse("coalities:coalitie_toezegging", args=[w.coalitie.pk, w.k.pk])
    gekregen = {rol: _status(client, w.users[rol], url) for rol in ROLLEN}
    assert gekregen == verwacht_per_rol(ROLLEN, 404, k_beheerder=200)
    # The row of another partner is no key party's row.
    client.force_login(w.users["b_beheerder"])
    url_b = reverse("coalities:coalitie_toezegging", args=[w.coalitie.pk, w.b.pk])
    assert client.get(url_b).status_code == 404


def test_who_reaches_the_declaration_page(client, w):
    url = reverse("coalities:onafhankelijkheid", args=[w.traject.pk])
    gekregen = {rol: _status(client, w.users[rol], url) for rol in ROLLEN}
    assert gekregen == {**dict.fromkeys(ROLLEN, 200), "anoniem": LOGIN}


def test_the_key_party_writes_its_commitment_and_the_coalition_reads_it(
    client, w, django_capture_on_commit_callbacks
):
    client.force_login(w.users["k_beheerder"])
    url = reverse("coalities:coalitie_toezegging", args=[w.coalitie.pk, w.k.pk])
    response = client.post(url, {"tekst": ""})
    assert response.status_code == 200
    assert "tekst" in response.context["form"].errors
    assert 'aria-invalid="true"' in response.content.decode() or "utrecht-form-field" in (
        response.content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"tekst": "Het speellokaal op woensdagmiddag."})
    assert response.status_code == 302
    event = AuditEvent.objects.get(event_type=AuditEventType.COALITIE_TOEZEGGING)
    assert event.to_state == "nieuw" and "Het speellokaal" not in str(event.detail)
    assert Notificatie.objects.filter(
        user=w.users["a_beheerder"], onderwerp__contains="toezegging"
    ).exists()
    for rol in ("a_lid", "b_lid", "k_lid"):
        client.force_login(w.users[rol])
        html = client.get(w.coalitie.get_absolute_url()).content.decode()
        assert "Het speellokaal op woensdagmiddag." in html, rol
    # The coalition page offers the key party's administrator the link, no one else.
    client.force_login(w.users["k_beheerder"])
    assert url in client.get(w.coalitie.get_absolute_url()).content.decode()
    client.force_login(w.users["a_beheerder"])
    assert url not in client.get(w.coalitie.get_absolute_url()).content.decode()


def test_a_member_who_is_not_the_key_partys_administrator_cannot_write_it(w):
    for wie in ("k_lid", "a_beheerder"):
        with pytest.raises(NotAllowed):
            s.toezegging_opslaan(actor=w.users[wie], partner=w.k, tekst="Iets")


def test_the_subcontractor_signs_its_declaration_through_the_page(client, w):
    url = reverse("coalities:onafhankelijkheid", args=[w.traject.pk])
    perceel = w.percelen[0]
    tekenen = reverse(
        "coalities:onafhankelijkheid_tekenen", args=[w.traject.pk, w.orgs["c"].pk, perceel.pk]
    )
    client.force_login(w.users["c_beheerder"])
    html = client.get(url).content.decode()
    assert tekenen in html
    assert "Samen in De Boog" in html  # it serves this coalition on lot 1
    response = client.post(tekenen, {})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not Onafhankelijkheidsverklaring.objects.exists()
    response = client.post(tekenen, {"akkoord": "on"})
    assert response.status_code == 302
    verklaring = Onafhankelijkheidsverklaring.objects.get()
    assert (verklaring.organisatie, verklaring.perceel) == (w.orgs["c"], perceel)
    html = client.get(url).content.decode()
    assert tekenen not in html and "Getekend door" in html
    # Another organisation's declaration cannot be signed by this user.
    ander = reverse(
        "coalities:onafhankelijkheid_tekenen", args=[w.traject.pk, w.orgs["a"].pk, perceel.pk]
    )
    assert client.post(ander, {"akkoord": "on"}).status_code == 404
    client.force_login(w.users["c_lid"])  # a member, not an administrator: nothing to sign
    assert tekenen not in client.get(url).content.decode()


@pytest.mark.parametrize("n", [5, 50])
def test_declaration_page_queries(client, count_queries, w, n):
    for i in range(n):
        PerceelFactory(traject=w.traject, nummer=10 + i)
    client.force_login(w.users["c_beheerder"])
    url = reverse("coalities:onafhankelijkheid", args=[w.traject.pk])
    client.get(url)
    assert count_queries(lambda: client.get(url)) == 10


@pytest.mark.parametrize("n", [5, 50])
def test_commitment_page_queries(client, count_queries, w, n):
    for _i in range(n):
        LidmaatschapFactory(organisatie=w.sleutel)
    client.force_login(w.users["k_beheerder"])
    url = reverse("coalities:coalitie_toezegging", args=[w.coalitie.pk, w.k.pk])
    client.get(url)
    assert count_queries(lambda: client.get(url)) == 6
