"""Organisations: registering, the profile, inviting colleagues, members and their roles."""

import uuid
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent, Notificatie
from aanbesteden.tests.factories import UserFactory
from coalities.constants import LidRol, OrganisatieType, Rechtsvorm
from coalities.models import Lidmaatschap, Organisatie, Uitnodiging
from coalities.selectors import organisaties as selectors
from coalities.services import organisaties as services
from coalities.tests.factories import (
    LidmaatschapFactory,
    UitnodigingFactory,
)

pytestmark = pytest.mark.django_db


def events(event_type):
    return list(AuditEvent.objects.filter(event_type=event_type).order_by("id"))


@pytest.fixture
def beheer():
    """An organisation with its administrator."""
    lid = LidmaatschapFactory(beheerder=True)
    return lid.organisatie, lid.user


# Registering ------------------------------------------------------------------------------


def test_only_type_and_name_are_required(burger):
    organisatie = services.organisatie_registreren(
        actor=burger, naam="Bewoners Vlierstraat", type=OrganisatieType.INFORMEEL
    )
    assert organisatie.naam == "Bewoners Vlierstraat"
    assert organisatie.beschrijving == organisatie.kvk_nummer == organisatie.rechtsvorm == ""
    lid = Lidmaatschap.objects.get(organisatie=organisatie)
    assert (lid.user, lid.rol) == (burger, LidRol.BEHEERDER)
    [event] = events(AuditEventType.ORGANISATIE_AANGEMAAKT)
    assert event.actor == burger
    assert event.target_id == str(organisatie.pk)
    assert event.detail == {"naam": "Bewoners Vlierstraat", "type": "informeel"}


def test_registering_with_the_whole_profile(burger):
    organisatie = services.organisatie_registreren(
        actor=burger,
        naam="Stichting Samen Sterk",
        type=OrganisatieType.SOCIAAL_ONDERNEMER,
        beschrijving="Werk voor mensen met afstand tot de arbeidsmarkt.",
        werkgebied="Eindhoven",
        kvk_nummer="12345678",
        rechtsvorm=Rechtsvorm.STICHTING,
        mensen="Vijf mensen en twintig vrijwilligers.",
        referenties="Groenonderhoud Woensel 2024.",
        website="https://samensterk.example",
    )
    organisatie.refresh_from_db()
    assert organisatie.kvk_nummer == "12345678"
    assert organisatie.rechtsvorm == Rechtsvorm.STICHTING
    assert organisatie.website == "https://samensterk.example"


def test_none_is_a_valid_legal_form(burger):
    organisatie = services.organisatie_registreren(
        actor=burger, naam="Buurtgroep", type=OrganisatieType.INFORMEEL, rechtsvorm=Rechtsvorm.GEEN
    )
    assert organisatie.rechtsvorm == "geen"


@pytest.mark.parametrize(
    "velden",
    [
        {"naam": "  ", "type": OrganisatieType.INFORMEEL},
        {"naam": "X", "type": "onbekend"},
        {"naam": "X", "type": OrganisatieType.BEDRIJF, "kvk_nummer": "1234"},
        {"naam": "X", "type": OrganisatieType.BEDRIJF, "website": "geen url"},
    ],
)
def test_registering_refuses_invalid_values(burger, velden):
    with pytest.raises(DomainError):
        services.organisatie_registreren(actor=burger, **velden)
    assert not Organisatie.objects.exists()
    assert not events(AuditEventType.ORGANISATIE_AANGEMAAKT)


def test_existing_callers_still_work(burger):
    organisatie = services.organisatie_registreren(
        actor=burger, naam="Buurtkracht", type=OrganisatieType.SOCIAAL_ONDERNEMER, beschrijving="X"
    )
    assert organisatie.beschrijving == "X"


def test_a_double_click_makes_one_organisation(burger):
    eerste = services.organisatie_registreren(
        actor=burger, naam="Buurtkracht", type=OrganisatieType.INFORMEEL
    )
    tweede = services.organisatie_registreren(
        actor=burger, naam="buurtkracht ", type=OrganisatieType.INFORMEEL
    )
    assert tweede == eerste
    assert Organisatie.objects.count() == 1
    assert Lidmaatschap.objects.count() == 1
    assert len(events(AuditEventType.ORGANISATIE_AANGEMAAKT)) == 1


def test_the_same_name_later_or_by_someone_else_is_a_new_organisation(burger):
    with time_machine.travel(timezone.now(), tick=False) as reis:
        eerste = services.organisatie_registreren(
            actor=burger, naam="Buurtkracht", type=OrganisatieType.INFORMEEL
        )
        anderen = services.organisatie_registreren(
            actor=UserFactory(), naam="Buurtkracht", type=OrganisatieType.INFORMEEL
        )
        reis.shift(61)
        later = services.organisatie_registreren(
            actor=burger, naam="Buurtkracht", type=OrganisatieType.INFORMEEL
        )
    assert len({eerste.pk, anderen.pk, later.pk}) == 3


def test_one_person_may_belong_to_several_organisations(burger):
    a = services.organisatie_registreren(actor=burger, naam="A", type=OrganisatieType.BEDRIJF)
    b = services.organisatie_registreren(actor=burger, naam="B", type=OrganisatieType.INFORMEEL)
    assert {lid.organisatie for lid in selectors.lidmaatschappen_van(burger)} == {a, b}


# Changing the profile -----------------------------------------------------------------------


def test_an_administrator_changes_the_profile(beheer):
    organisatie, admin = beheer
    services.organisatie_wijzigen(
        actor=admin,
        organisatie=organisatie,
        naam=organisatie.naam,
        werkgebied="Tongelre",
        kvk_nummer="87654321",
    )
    organisatie.refresh_from_db()
    assert (organisatie.werkgebied, organisatie.kvk_nummer) == ("Tongelre", "87654321")
    [event] = events(AuditEventType.ORGANISATIE_GEWIJZIGD)
    assert event.detail == {"velden": ["werkgebied", "kvk_nummer"]}
    assert event.actor == admin


def test_nothing_changed_writes_no_event(beheer):
    organisatie, admin = beheer
    services.organisatie_wijzigen(actor=admin, organisatie=organisatie, naam=organisatie.naam)
    assert not events(AuditEventType.ORGANISATIE_GEWIJZIGD)


def test_changing_refuses_unknown_fields_and_an_empty_name(beheer):
    organisatie, admin = beheer
    with pytest.raises(DomainError):
        services.organisatie_wijzigen(actor=admin, organisatie=organisatie, created_at=None)
    with pytest.raises(DomainError):
        services.organisatie_wijzigen(actor=admin, organisatie=organisatie, naam="")
    with pytest.raises(DomainError):
        services.organisatie_wijzigen(actor=admin, organisatie=organisatie, kvk_nummer="abc")
    assert not events(AuditEventType.ORGANISATIE_GEWIJZIGD)


def test_a_plain_member_cannot_change_the_profile(beheer):
    organisatie, _admin = beheer
    lid = LidmaatschapFactory(organisatie=organisatie).user
    with pytest.raises(NotAllowed):
        services.organisatie_wijzigen(actor=lid, organisatie=organisatie, naam="Kaping")


def test_a_member_of_one_organisation_cannot_change_another(beheer):
    organisatie, admin = beheer
    andere = LidmaatschapFactory(beheerder=True).organisatie
    naam = andere.naam
    with pytest.raises(NotAllowed):
        services.organisatie_wijzigen(actor=admin, organisatie=andere, naam="Kaping")
    with pytest.raises(NotAllowed):
        services.collega_uitnodigen(actor=admin, organisatie=andere, email="ik@elders.nl")
    lid_elders = Lidmaatschap.objects.get(organisatie=andere)
    with pytest.raises(NotAllowed):
        services.lid_verwijderen(actor=admin, lidmaatschap=lid_elders)
    with pytest.raises(NotAllowed):
        services.lid_rol_wijzigen(actor=admin, lidmaatschap=lid_elders, rol=LidRol.LID)
    open_elders = UitnodigingFactory(organisatie=andere)
    with pytest.raises(NotAllowed):
        services.uitnodiging_intrekken(actor=admin, uitnodiging=open_elders)
    andere.refresh_from_db()
    assert andere.naam == naam
    assert Lidmaatschap.objects.filter(pk=lid_elders.pk, rol=LidRol.BEHEERDER).exists()
    assert not AuditEvent.objects.filter(target_id=str(andere.pk)).exists()


# Inviting a colleague -----------------------------------------------------------------------


def test_an_invitation_is_mailed_after_commit_with_the_absolute_link(
    beheer, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://aanbesteden.example"
    organisatie, admin = beheer
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        uitnodiging = services.collega_uitnodigen(
            actor=admin, organisatie=organisatie, email=" Collega@Werk.NL ", rol=LidRol.LID
        )
    assert mailoutbox == []  # nothing is sent before the commit
    for callback in callbacks:
        callback()
    assert uitnodiging.email == "collega@werk.nl"
    assert uitnodiging.uitgenodigd_door == admin
    [mail] = mailoutbox
    assert mail.to == ["collega@werk.nl"]
    link = f"https://aanbesteden.example/organisaties/uitnodiging/{uitnodiging.token}/"
    assert link in mail.body
    assert organisatie.naam in mail.subject
    [event] = events(AuditEventType.ORGANISATIE_LID_UITGENODIGD)
    assert event.actor == admin
    assert event.target_id == str(organisatie.pk)
    assert not Notificatie.objects.exists()  # no account with this address


def test_an_existing_user_is_also_notified(beheer, mailoutbox, django_capture_on_commit_callbacks):
    organisatie, admin = beheer
    collega = UserFactory(email="collega@werk.nl")
    with django_capture_on_commit_callbacks(execute=True):
        uitnodiging = services.collega_uitnodigen(
            actor=admin, organisatie=organisatie, email="collega@werk.nl"
        )
    notificatie = Notificatie.objects.get(user=collega)
    assert notificatie.url == f"/organisaties/uitnodiging/{uitnodiging.token}/"
    assert any(mail.to == ["collega@werk.nl"] for mail in mailoutbox)


def test_nothing_is_mailed_when_the_transaction_rolls_back(
    beheer, mailoutbox, django_capture_on_commit_callbacks
):
    organisatie, admin = beheer
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            services.collega_uitnodigen(actor=admin, organisatie=organisatie, email="a@b.nl")
            raise RuntimeError
    assert mailoutbox == []
    assert not Uitnodiging.objects.exists()


def test_inviting_the_same_address_twice_returns_the_open_invitation(
    beheer, mailoutbox, django_capture_on_commit_callbacks
):
    organisatie, admin = beheer
    with django_capture_on_commit_callbacks(execute=True):
        eerste = services.collega_uitnodigen(actor=admin, organisatie=organisatie, email="a@b.nl")
    with django_capture_on_commit_callbacks(execute=True):
        tweede = services.collega_uitnodigen(actor=admin, organisatie=organisatie, email="A@b.nl")
    assert tweede == eerste
    assert Uitnodiging.objects.count() == 1
    assert len(mailoutbox) == 1
    assert len(events(AuditEventType.ORGANISATIE_LID_UITGENODIGD)) == 1


def test_inviting_a_member_is_refused(beheer):
    organisatie, admin = beheer
    lid = LidmaatschapFactory(organisatie=organisatie, user=UserFactory(email="lid@werk.nl"))
    with pytest.raises(DomainError) as exc:
        services.collega_uitnodigen(actor=admin, organisatie=organisatie, email="LID@werk.nl")
    assert not isinstance(exc.value, NotAllowed)
    assert lid.user.email in str(exc.value)
    assert not Uitnodiging.objects.exists()


def test_inviting_refuses_a_bad_address_or_role(beheer):
    organisatie, admin = beheer
    with pytest.raises(DomainError):
        services.collega_uitnodigen(actor=admin, organisatie=organisatie, email="geen adres")
    with pytest.raises(DomainError):
        services.collega_uitnodigen(
            actor=admin, organisatie=organisatie, email="a@b.nl", rol="baas"
        )


def test_a_plain_member_cannot_invite(beheer):
    organisatie, _admin = beheer
    lid = LidmaatschapFactory(organisatie=organisatie).user
    with pytest.raises(NotAllowed):
        services.collega_uitnodigen(actor=lid, organisatie=organisatie, email="a@b.nl")


def test_withdrawing_an_invitation(beheer, mailoutbox, django_capture_on_commit_callbacks):
    organisatie, admin = beheer
    uitnodiging = UitnodigingFactory(organisatie=organisatie, email="a@b.nl")
    services.uitnodiging_intrekken(actor=admin, uitnodiging=uitnodiging)
    uitnodiging.refresh_from_db()
    assert uitnodiging.ingetrokken_op is not None
    [event] = events(AuditEventType.ORGANISATIE_UITNODIGING_INGETROKKEN)
    assert (event.from_state, event.to_state) == ("open", "ingetrokken")
    # withdrawing twice changes nothing
    services.uitnodiging_intrekken(actor=admin, uitnodiging=uitnodiging)
    assert len(events(AuditEventType.ORGANISATIE_UITNODIGING_INGETROKKEN)) == 1
    # the address may be invited again: a new invitation with a new token
    with django_capture_on_commit_callbacks(execute=True):
        nieuw = services.collega_uitnodigen(actor=admin, organisatie=organisatie, email="a@b.nl")
    assert nieuw.pk != uitnodiging.pk and nieuw.token != uitnodiging.token
    assert len(mailoutbox) == 1


# Accepting ----------------------------------------------------------------------------------


def test_accepting_with_another_verified_address_of_the_account_makes_a_member(beheer):
    """A work and a private address: the invited (work) address is confirmed in the account."""
    organisatie, _admin = beheer
    uitnodiging = UitnodigingFactory(
        organisatie=organisatie, email="werk@werk.nl", rol=LidRol.BEHEERDER
    )
    prive = UserFactory(email="prive@thuis.nl")
    EmailAddress.objects.create(user=prive, email="werk@werk.nl", verified=True)
    lid = services.uitnodiging_aannemen(actor=prive, token=uitnodiging.token)
    assert (lid.user, lid.organisatie, lid.rol) == (prive, organisatie, LidRol.BEHEERDER)
    uitnodiging.refresh_from_db()
    assert uitnodiging.aangenomen_door == prive and uitnodiging.aangenomen_op is not None
    [event] = events(AuditEventType.ORGANISATIE_UITNODIGING_AANGENOMEN)
    assert event.actor == prive and event.target_id == str(organisatie.pk)


def test_accepting_twice_by_the_same_person_is_one_membership(beheer):
    organisatie, _admin = beheer
    uitnodiging = UitnodigingFactory(organisatie=organisatie)
    user = UserFactory(email=uitnodiging.email)
    eerste = services.uitnodiging_aannemen(actor=user, token=uitnodiging.token)
    tweede = services.uitnodiging_aannemen(actor=user, token=uitnodiging.token)
    assert eerste == tweede
    assert len(events(AuditEventType.ORGANISATIE_UITNODIGING_AANGENOMEN)) == 1


def test_a_used_invitation_is_refused_for_someone_else(beheer):
    organisatie, _admin = beheer
    uitnodiging = UitnodigingFactory(organisatie=organisatie)
    eerste = UserFactory(email=uitnodiging.email)
    services.uitnodiging_aannemen(actor=eerste, token=uitnodiging.token)
    andere = UserFactory()
    with pytest.raises(DomainError):
        services.uitnodiging_aannemen(actor=andere, token=uitnodiging.token)
    assert not Lidmaatschap.objects.filter(user=andere).exists()


# Issue 11, point 14: the link expires and is bound to the invited address.


def test_an_invitation_for_another_address_is_refused_and_names_it_masked(beheer):
    organisatie, _admin = beheer
    uitnodiging = UitnodigingFactory(organisatie=organisatie, email="werk@werk.nl")
    vreemde = UserFactory(email="vreemde@elders.nl")
    with pytest.raises(NotAllowed) as fout:
        services.uitnodiging_aannemen(actor=vreemde, token=uitnodiging.token)
    assert "w***@werk.nl" in str(fout.value) and "werk@werk.nl" not in str(fout.value)
    assert not Lidmaatschap.objects.filter(user=vreemde).exists()
    uitnodiging.refresh_from_db()
    assert uitnodiging.aangenomen_op is None
    assert not events(AuditEventType.ORGANISATIE_UITNODIGING_AANGENOMEN)


def test_an_unverified_address_equal_to_the_invited_one_is_refused(beheer):
    organisatie, _admin = beheer
    uitnodiging = UitnodigingFactory(organisatie=organisatie, email="werk@werk.nl")
    user = UserFactory(email="werk@werk.nl", geverifieerd=False)
    EmailAddress.objects.create(user=user, email="werk@werk.nl", verified=False, primary=True)
    with pytest.raises(NotAllowed):
        services.uitnodiging_aannemen(actor=user, token=uitnodiging.token)
    assert not Lidmaatschap.objects.filter(user=user).exists()


def test_the_invited_address_in_another_case_is_accepted(beheer):
    organisatie, _admin = beheer
    uitnodiging = UitnodigingFactory(organisatie=organisatie, email="werk@werk.nl")
    user = UserFactory(email="Werk@WERK.nl")
    lid = services.uitnodiging_aannemen(actor=user, token=uitnodiging.token)
    assert (lid.user, lid.organisatie) == (user, organisatie)


def test_an_expired_invitation_is_refused(beheer, settings):
    settings.ORGANISATIE_UITNODIGING_DAGEN = 14
    organisatie, _admin = beheer
    uitnodiging = UitnodigingFactory(organisatie=organisatie, email="werk@werk.nl")
    user = UserFactory(email="werk@werk.nl")
    with time_machine.travel(uitnodiging.created_at + timedelta(days=14, seconds=1)):
        with pytest.raises(DomainError) as fout:
            services.uitnodiging_aannemen(actor=user, token=uitnodiging.token)
        assert "nieuwe uitnodiging" in str(fout.value)
        assert list(selectors.uitnodigingen_voor(user)) == []
    assert not Lidmaatschap.objects.filter(user=user).exists()
    # A day before it expires, the same account is welcome.
    with time_machine.travel(uitnodiging.created_at + timedelta(days=13)):
        assert list(selectors.uitnodigingen_voor(user)) == [uitnodiging]
        services.uitnodiging_aannemen(actor=user, token=uitnodiging.token)
    assert Lidmaatschap.objects.filter(user=user, organisatie=organisatie).exists()


def test_the_number_of_days_is_a_setting(beheer, settings):
    settings.ORGANISATIE_UITNODIGING_DAGEN = 2
    organisatie, _admin = beheer
    uitnodiging = UitnodigingFactory(organisatie=organisatie, email="werk@werk.nl")
    with time_machine.travel(uitnodiging.created_at + timedelta(days=3)):
        with pytest.raises(DomainError):
            services.uitnodiging_aannemen(
                actor=UserFactory(email="werk@werk.nl"), token=uitnodiging.token
            )


def test_inviting_again_after_expiry_sends_a_new_link(
    beheer, mailoutbox, django_capture_on_commit_callbacks
):
    organisatie, admin = beheer
    with django_capture_on_commit_callbacks(execute=True):
        oud = services.collega_uitnodigen(actor=admin, organisatie=organisatie, email="a@b.nl")
    with time_machine.travel(oud.created_at + timedelta(days=15)):
        with django_capture_on_commit_callbacks(execute=True):
            nieuw = services.collega_uitnodigen(
                actor=admin, organisatie=organisatie, email="a@b.nl"
            )
        assert nieuw.pk != oud.pk and not nieuw.is_verlopen
    oud.refresh_from_db()
    assert oud.ingetrokken_op is not None
    assert len(mailoutbox) == 2
    [event] = events(AuditEventType.ORGANISATIE_UITNODIGING_INGETROKKEN)
    assert event.detail["reden"] == "verlopen"


def test_a_withdrawn_or_unknown_invitation_is_refused(beheer):
    organisatie, admin = beheer
    uitnodiging = UitnodigingFactory(organisatie=organisatie)
    services.uitnodiging_intrekken(actor=admin, uitnodiging=uitnodiging)
    user = UserFactory()
    with pytest.raises(DomainError):
        services.uitnodiging_aannemen(actor=user, token=uitnodiging.token)
    with pytest.raises(DomainError):
        services.uitnodiging_aannemen(actor=user, token=uuid.uuid4())
    assert not Lidmaatschap.objects.filter(user=user).exists()
    assert not events(AuditEventType.ORGANISATIE_UITNODIGING_AANGENOMEN)


def test_an_existing_member_accepting_keeps_the_membership(beheer):
    organisatie, admin = beheer
    uitnodiging = UitnodigingFactory(organisatie=organisatie, rol=LidRol.LID, email=admin.email)
    lid = services.uitnodiging_aannemen(actor=admin, token=uitnodiging.token)
    assert lid.rol == LidRol.BEHEERDER
    assert Lidmaatschap.objects.filter(organisatie=organisatie).count() == 1


def test_invitations_for_my_addresses(beheer):
    organisatie, _admin = beheer
    user = UserFactory(email="ik@thuis.nl")
    EmailAddress.objects.create(user=user, email="Ik@Werk.nl", verified=True)
    EmailAddress.objects.create(user=user, email="niet@bevestigd.nl", verified=False)
    thuis = UitnodigingFactory(organisatie=organisatie, email="ik@thuis.nl")
    werk = UitnodigingFactory(email="ik@werk.nl")
    UitnodigingFactory(email="niet@bevestigd.nl")
    UitnodigingFactory(email="iemand@anders.nl")
    assert set(selectors.uitnodigingen_voor(user)) == {thuis, werk}
    services.uitnodiging_aannemen(actor=user, token=thuis.token)
    assert list(selectors.uitnodigingen_voor(user)) == [werk]


# Members and the last administrator ---------------------------------------------------------


def test_changing_a_role(beheer):
    organisatie, admin = beheer
    lid = LidmaatschapFactory(organisatie=organisatie)
    services.lid_rol_wijzigen(actor=admin, lidmaatschap=lid, rol=LidRol.BEHEERDER)
    lid.refresh_from_db()
    assert lid.rol == LidRol.BEHEERDER
    [event] = events(AuditEventType.ORGANISATIE_LID_ROL_GEWIJZIGD)
    assert (event.from_state, event.to_state) == ("lid", "beheerder")
    # now the first administrator may step down
    eigen = Lidmaatschap.objects.get(user=admin, organisatie=organisatie)
    services.lid_rol_wijzigen(actor=admin, lidmaatschap=eigen, rol=LidRol.LID)
    eigen.refresh_from_db()
    assert eigen.rol == LidRol.LID


def test_the_last_administrator_is_never_demoted_or_removed(beheer):
    organisatie, admin = beheer
    LidmaatschapFactory(organisatie=organisatie)
    eigen = Lidmaatschap.objects.get(user=admin, organisatie=organisatie)
    with pytest.raises(DomainError):
        services.lid_rol_wijzigen(actor=admin, lidmaatschap=eigen, rol=LidRol.LID)
    with pytest.raises(DomainError):
        services.lid_verwijderen(actor=admin, lidmaatschap=eigen)
    eigen.refresh_from_db()
    assert eigen.rol == LidRol.BEHEERDER
    assert not events(AuditEventType.ORGANISATIE_LID_VERWIJDERD)


def test_an_administrator_removes_a_member(beheer):
    organisatie, admin = beheer
    lid = LidmaatschapFactory(organisatie=organisatie)
    services.lid_verwijderen(actor=admin, lidmaatschap=lid)
    assert not Lidmaatschap.objects.filter(pk=lid.pk).exists()
    [event] = events(AuditEventType.ORGANISATIE_LID_VERWIJDERD)
    assert event.detail == {"lid": lid.user_id, "zelf": False}
    # a double click: nothing more happens
    services.lid_verwijderen(actor=admin, lidmaatschap=lid)
    assert len(events(AuditEventType.ORGANISATIE_LID_VERWIJDERD)) == 1


def test_a_plain_member_may_leave_but_not_remove_others(beheer):
    organisatie, _admin = beheer
    lid = LidmaatschapFactory(organisatie=organisatie)
    ander = LidmaatschapFactory(organisatie=organisatie)
    with pytest.raises(NotAllowed):
        services.lid_verwijderen(actor=lid.user, lidmaatschap=ander)
    with pytest.raises(NotAllowed):
        services.lid_rol_wijzigen(actor=lid.user, lidmaatschap=lid, rol=LidRol.BEHEERDER)
    services.lid_verwijderen(actor=lid.user, lidmaatschap=lid)
    assert not Lidmaatschap.objects.filter(pk=lid.pk).exists()


def test_model_validation_errors_do_not_leak_as_validation_error(burger):
    with pytest.raises(DomainError) as exc:
        services.organisatie_registreren(
            actor=burger, naam="X", type=OrganisatieType.BEDRIJF, kvk_nummer="12"
        )
    assert not isinstance(exc.value, ValidationError)


# The administrators are told when the members change (issue 11, point 3) ------------------


def _meldingen(user):
    return list(Notificatie.objects.filter(user=user).values_list("tekst", flat=True))


def test_the_other_administrators_are_told_of_every_change_of_members(beheer):
    organisatie, beheerder = beheer
    collega = LidmaatschapFactory(organisatie=organisatie, beheerder=True).user
    nieuw = UserFactory(naam="Fatima Yilmaz")

    lid = services.lid_toevoegen(actor=beheerder, organisatie=organisatie, user=nieuw)
    assert any("Fatima Yilmaz" in t and organisatie.naam in t for t in _meldingen(collega))
    assert _meldingen(beheerder) == []  # who did it is not told

    services.lid_rol_wijzigen(actor=beheerder, lidmaatschap=lid, rol=LidRol.BEHEERDER)
    assert len(_meldingen(collega)) == 2
    services.lid_verwijderen(actor=beheerder, lidmaatschap=lid)
    assert len(_meldingen(collega)) == 3
    assert "Fatima Yilmaz" in _meldingen(collega)[-1]


def test_the_administrators_are_told_when_an_invitation_makes_a_member(beheer):
    organisatie, beheerder = beheer
    uitnodiging = services.collega_uitnodigen(
        actor=beheerder, organisatie=organisatie, email="nieuw.lid@voorbeeld.nl"
    )
    gast = UserFactory(email="nieuw.lid@voorbeeld.nl", naam="Noah Bakker")
    services.uitnodiging_aannemen(actor=gast, token=uitnodiging.token)
    assert any("Noah Bakker" in t for t in _meldingen(beheerder))
