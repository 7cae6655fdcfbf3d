"""Each predicate of coalities/permissions.py: allowed, and refused with its reason, per role."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext

from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.tests.factories import GemeenteFactory, MedewerkerFactory, UserFactory
from coalities import permissions as p
from coalities.constants import LidRol, PartnerStatus
from coalities.services import coalitie as s
from coalities.tests.factories import (
    InteresseFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    UitnodigingFactory,
)
from coalities.tests.test_coalitie_services import maak_wereld

pytestmark = pytest.mark.django_db

BEHEERDER_REDEN = "Only an administrator of the organisation may do this."
LEIDER_REDEN = "Only an administrator of the lead organisation may change this coalition."
MEDEWERKER_REDEN = "Only officers of this municipality may do this."


def geweigerd(toestemming, reden, fout=NotAllowed):
    """Refused with `reden` (the msgid, or an already translated text) and error class `fout`."""
    assert not toestemming
    assert toestemming.reden == gettext(reden)
    assert toestemming.fout is fout
    with pytest.raises(fout) as exc:
        toestemming.vereisen()
    assert str(exc.value) == gettext(reden)
    return True


@pytest.fixture
def w():
    gemeente = GemeenteFactory()
    wereld = maak_wereld(gemeente)
    wereld.gemeente = gemeente
    wereld.medewerker = MedewerkerFactory(gemeente=gemeente).user
    wereld.andere_medewerker = MedewerkerFactory().user
    wereld.buitenstaander = UserFactory()
    return wereld


@pytest.fixture
def org():
    organisatie = OrganisatieFactory()
    return {
        "organisatie": organisatie,
        "beheerder": LidmaatschapFactory(organisatie=organisatie, beheerder=True),
        "lid": LidmaatschapFactory(organisatie=organisatie),
        "ander": UserFactory(),
    }


# --- organisations ---


def test_manage_organisation(org):
    o = org["organisatie"]
    assert p.mag_organisatie_beheren(org["beheerder"].user, o)
    assert p.mag_organisatie_beheren(org["beheerder"].user, o, mijn_lidmaatschap=org["beheerder"])
    assert geweigerd(p.mag_organisatie_beheren(org["lid"].user, o), BEHEERDER_REDEN)
    assert geweigerd(
        p.mag_organisatie_beheren(org["lid"].user, o, mijn_lidmaatschap=org["lid"]),
        BEHEERDER_REDEN,
    )
    assert geweigerd(p.mag_organisatie_beheren(org["ander"], o), BEHEERDER_REDEN)
    assert geweigerd(
        p.mag_organisatie_beheren(org["ander"], o, mijn_lidmaatschap=None), BEHEERDER_REDEN
    )
    assert geweigerd(p.mag_organisatie_beheren(AnonymousUser(), o), BEHEERDER_REDEN)


def test_add_member(org):
    o = org["organisatie"]
    reden = "Only an administrator of the organisation adds members."
    assert p.mag_lid_toevoegen(org["beheerder"].user, o)
    assert geweigerd(p.mag_lid_toevoegen(org["lid"].user, o), reden)
    assert geweigerd(p.mag_lid_toevoegen(org["ander"], o), reden)
    assert geweigerd(p.mag_lid_toevoegen(AnonymousUser(), o), reden)


def test_remove_member(org):
    lid, beheerder = org["lid"], org["beheerder"]
    assert p.mag_lid_verwijderen(beheerder.user, lid)  # an administrator removes
    assert p.mag_lid_verwijderen(lid.user, lid)  # a member leaves
    assert p.mag_lid_verwijderen(lid.user, lid, mijn_lidmaatschap=lid)
    assert geweigerd(p.mag_lid_verwijderen(lid.user, beheerder), BEHEERDER_REDEN)
    assert geweigerd(
        p.mag_lid_verwijderen(lid.user, beheerder, mijn_lidmaatschap=lid), BEHEERDER_REDEN
    )
    assert geweigerd(p.mag_lid_verwijderen(org["ander"], lid), BEHEERDER_REDEN)
    assert geweigerd(p.mag_lid_verwijderen(AnonymousUser(), lid), BEHEERDER_REDEN)


def test_register_organisation():
    assert p.mag_organisatie_registreren(UserFactory())
    assert geweigerd(
        p.mag_organisatie_registreren(AnonymousUser()), "Log in to register an organisation."
    )
    assert geweigerd(p.mag_organisatie_registreren(None), "Log in to register an organisation.")


def test_accept_invitation_to_an_organisation():
    uitnodiging = UitnodigingFactory(email="w.jansen@werk.nl", rol=LidRol.LID)
    eigenaar = UserFactory(email="prive@voorbeeld.nl")
    EmailAddress.objects.create(user=eigenaar, email="W.Jansen@werk.nl", verified=True)
    assert p.mag_uitnodiging_aannemen(eigenaar, uitnodiging)
    assert p.mag_uitnodiging_aannemen(UserFactory(), None)  # logged in: may look further
    ander = UserFactory()
    assert geweigerd(
        p.mag_uitnodiging_aannemen(ander, uitnodiging),
        gettext(
            "This invitation is for another e-mail address (%(adres)s). Log in with "
            "that address, or add it to your account and confirm it."
        )
        % {"adres": "w***@werk.nl"},
    )
    niet_bevestigd = UserFactory()
    EmailAddress.objects.create(user=niet_bevestigd, email="w.jansen@werk.nl", verified=False)
    assert not p.mag_uitnodiging_aannemen(niet_bevestigd, uitnodiging)
    for anoniem in (AnonymousUser(), None):
        assert geweigerd(
            p.mag_uitnodiging_aannemen(anoniem, uitnodiging), "Log in to accept the invitation."
        )


# --- coalitions ---


def test_form_a_coalition(w):
    reden = "Only an administrator of the organisation may form a coalition."
    assert p.mag_coalitie_vormen(w.users["e_beheerder"], w.orgs["e"])
    assert geweigerd(p.mag_coalitie_vormen(w.users["e_lid"], w.orgs["e"]), reden)
    assert geweigerd(p.mag_coalitie_vormen(w.users["a_beheerder"], w.orgs["e"]), reden)
    assert geweigerd(p.mag_coalitie_vormen(w.medewerker, w.orgs["e"]), reden)
    assert geweigerd(p.mag_coalitie_vormen(AnonymousUser(), w.orgs["e"]), reden)


def test_lead_a_coalition(w):
    assert p.mag_coalitie_leiden(w.users["a_beheerder"], w.coalitie)
    assert p.is_leider_beheerder(w.users["a_beheerder"], w.coalitie)
    assert p.mag_coalitie_leiden(w.users["e_lid"], w.coalitie, leider_beheerder=True)
    for wie in ("a_lid", "b_beheerder", "c_beheerder", "e_beheerder"):
        assert geweigerd(p.mag_coalitie_leiden(w.users[wie], w.coalitie), LEIDER_REDEN), wie
    for user in (w.medewerker, w.buitenstaander, AnonymousUser()):
        assert geweigerd(p.mag_coalitie_leiden(user, w.coalitie), LEIDER_REDEN)
    assert geweigerd(
        p.mag_coalitie_leiden(w.users["a_beheerder"], w.coalitie, leider_beheerder=False),
        LEIDER_REDEN,
    )


def test_change_a_coalition_only_while_open(w):
    lead = w.users["a_beheerder"]
    assert p.mag_coalitie_wijzigen(lead, w.coalitie)
    assert geweigerd(p.mag_coalitie_wijzigen(w.users["b_beheerder"], w.coalitie), LEIDER_REDEN)
    assert geweigerd(p.mag_coalitie_wijzigen(w.medewerker, w.coalitie), LEIDER_REDEN)
    s.coalitie_vergrendelen(actor=lead, coalitie=w.coalitie)
    w.coalitie.refresh_from_db()
    for user in (lead, w.users["b_beheerder"]):  # the lock is told first, to anyone
        assert geweigerd(
            p.mag_coalitie_wijzigen(user, w.coalitie), p.vergrendeld_melding(), DomainError
        )
    assert geweigerd(p.niet_vergrendeld(w.coalitie), p.vergrendeld_melding(), DomainError)


def test_answer_an_invitation_to_a_coalition(w):
    reden = "Only an administrator of the invited organisation may answer the invitation."
    assert p.mag_uitnodiging_beantwoorden(w.users["c_beheerder"], w.c)
    assert p.mag_uitnodiging_beantwoorden(w.users["c_lid"], w.c, beheert={w.c.organisatie_id})
    for wie in ("c_lid", "a_beheerder", "b_beheerder"):
        assert geweigerd(p.mag_uitnodiging_beantwoorden(w.users[wie], w.c), reden), wie
    for user in (w.medewerker, AnonymousUser()):
        assert geweigerd(p.mag_uitnodiging_beantwoorden(user, w.c), reden)
    assert geweigerd(
        p.mag_uitnodiging_beantwoorden(w.users["c_beheerder"], w.c, beheert=set()), reden
    )


def test_leave_a_coalition(w):
    reden = "Only an administrator of the organisation may take it out of the coalition."
    assert p.mag_coalitie_verlaten(w.users["b_beheerder"], w.b)
    assert p.partner_kan_vertrekken(w.b)
    for wie in ("b_lid", "a_beheerder", "c_beheerder"):
        assert geweigerd(p.mag_coalitie_verlaten(w.users[wie], w.b), reden), wie
    assert geweigerd(p.mag_coalitie_verlaten(w.medewerker, w.b), reden)
    lead = w.coalitie.partners.get(organisatie=w.orgs["a"])
    assert geweigerd(
        p.mag_coalitie_verlaten(w.users["a_beheerder"], lead),
        "The lead cannot leave its own coalition.",
        DomainError,
    )
    assert geweigerd(
        p.mag_coalitie_verlaten(w.users["c_beheerder"], w.c),
        "Only a partner that has accepted can leave.",
        DomainError,
    )
    s.coalitie_vergrendelen(actor=w.users["a_beheerder"], coalitie=w.coalitie)
    w.b.refresh_from_db()
    assert geweigerd(
        p.mag_coalitie_verlaten(w.users["b_beheerder"], w.b), p.vergrendeld_melding(), DomainError
    )
    assert p.partner_kan_vertrekken(w.b)  # it may leave, once the coalition opens again


def test_leaving_again_is_allowed(w):
    s.coalitie_verlaten(actor=w.users["b_beheerder"], partner=w.b)
    w.b.refresh_from_db()
    assert w.b.status == PartnerStatus.VERTROKKEN
    assert p.mag_coalitie_verlaten(w.users["b_beheerder"], w.b)  # a double click
    assert not p.partner_kan_vertrekken(w.b)


# --- partner board ---


def test_write_and_show_interest_for_an_organisation(org):
    o = org["organisatie"]
    interesse = InteresseFactory(organisatie=o)
    for lidmaatschap in (org["lid"], org["beheerder"]):
        assert p.mag_namens_organisatie(lidmaatschap.user, o)
        assert p.mag_interesse_tonen(lidmaatschap.user, o)
        assert p.mag_interesse_intrekken(lidmaatschap.user, interesse)
    for user in (org["ander"], AnonymousUser()):
        assert geweigerd(
            p.mag_namens_organisatie(user, o),
            "Only members of the organisation may write on its behalf.",
        )
        assert geweigerd(
            p.mag_interesse_tonen(user, o),
            "Only members of the organisation may show its interest.",
        )
        assert geweigerd(
            p.mag_interesse_intrekken(user, interesse),
            "Only members of the organisation may withdraw its interest.",
        )


def test_medewerker_actions_on_the_partner_board(w):
    for predicate in (p.mag_partijen_uitnodigen, p.mag_sleutelpartijen_beheren):
        assert predicate(w.medewerker, w.traject)
        for user in (w.andere_medewerker, w.users["a_beheerder"], AnonymousUser()):
            assert geweigerd(predicate(user, w.traject), MEDEWERKER_REDEN)
