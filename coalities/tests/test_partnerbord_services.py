"""Services of the partner board: who may act, published only, no duplicates, audit,
notifications without e-mail addresses."""

import pytest

from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent, Notificatie
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from coalities.constants import OrganisatieType
from coalities.models import Bericht, Gesprek, Interesse, Sleutelpartij, TrajectUitnodiging
from coalities.selectors import partnerbord as selectors
from coalities.services import partnerbord as services
from coalities.tests.factories import (
    GesprekFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    SleutelpartijFactory,
)
from trajecten.tests.factories import PerceelFactory, TrajectFactory

# Known e-mail addresses: none may appear where the brief says they are hidden.
ADRES_BEHEERDER_A = "beheerder-a@geheim.nl"
ADRES_LID_A = "lid-a@geheim.nl"
ADRES_BEHEERDER_B = "beheerder-b@geheim.nl"
ADRES_LID_C = "lid-c@geheim.nl"
ADRESSEN = (ADRES_BEHEERDER_A, ADRES_LID_A, ADRES_BEHEERDER_B, ADRES_LID_C)


def maak_wereld(gemeente, andere_gemeente, medewerker, burger):
    """A published trajectory with two lots and a draft; organisation a (an administrator and
    a plain member without a name), b (an administrator), c (a plain member); the roles."""
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True, titel="Buurthuis De Boomgaard")
    p1 = PerceelFactory(traject=traject, nummer=1, naam="Noord")
    p2 = PerceelFactory(traject=traject, nummer=2, naam="Zuid")
    concept = TrajectFactory(gemeente=gemeente, titel="Nog in voorbereiding")
    a = OrganisatieFactory(naam="Sociaal Werk Noord", type=OrganisatieType.SOCIAAL_ONDERNEMER)
    b = OrganisatieFactory(naam="Bewonersgroep Zuid", type=OrganisatieType.INFORMEEL)
    c = OrganisatieFactory(naam="Stichting Elders", type=OrganisatieType.INSTELLING)
    beheerder_a = UserFactory(email=ADRES_BEHEERDER_A, naam="Anja Aarts")
    lid_a = UserFactory(email=ADRES_LID_A, naam="")  # no name: str(user) would be the address
    beheerder_b = UserFactory(email=ADRES_BEHEERDER_B, naam="Bram Bos")
    lid_c = UserFactory(email=ADRES_LID_C, naam="Cor Claes")
    LidmaatschapFactory(user=beheerder_a, organisatie=a, beheerder=True)
    LidmaatschapFactory(user=lid_a, organisatie=a)
    LidmaatschapFactory(user=beheerder_b, organisatie=b, beheerder=True)
    LidmaatschapFactory(user=lid_c, organisatie=c)
    return {
        "traject": traject,
        "concept": concept,
        "p1": p1,
        "p2": p2,
        "a": a,
        "b": b,
        "c": c,
        "users": {
            "anoniem": None,
            "burger": burger,
            "beheerder": beheerder_a,
            "lid": lid_a,
            "beheerder_b": beheerder_b,
            "ander_lid": lid_c,
            "medewerker": medewerker,
            "andere": MedewerkerFactory(gemeente=andere_gemeente).user,
        },
    }


@pytest.fixture
def wereld(gemeente, andere_gemeente, medewerker, burger):
    return maak_wereld(gemeente, andere_gemeente, medewerker, burger)


def _events(event_type):
    return AuditEvent.objects.filter(event_type=event_type)


# Interest


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["beheerder", "lid"])
def test_interest_by_a_member_once_per_organisation(wereld, rol):
    actor = wereld["users"][rol]
    t, a = wereld["traject"], wereld["a"]
    eerste = services.interesse_tonen(
        actor=actor, traject=t, organisatie=a, bieden="  Een ruimte.  ", percelen=[wereld["p1"]]
    )
    assert (eerste.bieden, eerste.zoeken, eerste.door) == ("Een ruimte.", "", actor)
    assert list(eerste.percelen.all()) == [wereld["p1"]]
    # A double click or a second time changes the one row.
    tweede = services.interesse_tonen(
        actor=actor,
        traject=t,
        organisatie=a,
        bieden="Vrijwilligers.",
        zoeken="Een kok.",
        percelen=[str(wereld["p2"].pk)],
    )
    assert tweede.pk == eerste.pk
    assert Interesse.objects.filter(traject=t, organisatie=a).count() == 1
    tweede.refresh_from_db()
    assert (tweede.bieden, tweede.zoeken) == ("Vrijwilligers.", "Een kok.")
    assert list(tweede.percelen.all()) == [wereld["p2"]]
    # No lots: the whole trajectory.
    derde = services.interesse_tonen(actor=actor, traject=t, organisatie=a, bieden="Alles.")
    assert derde.percelen.count() == 0
    events = _events(AuditEventType.INTERESSE_GETOOND)
    assert [e.to_state for e in events.order_by("id")] == ["nieuw", "gewijzigd", "gewijzigd"]
    assert {e.gemeente_id for e in events} == {t.gemeente_id}
    assert events.filter(actor=actor, target_id=str(eerste.pk)).count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["burger", "beheerder_b", "ander_lid", "medewerker"])
def test_only_members_show_interest_for_their_organisation(wereld, rol):
    with pytest.raises(NotAllowed):
        services.interesse_tonen(
            actor=wereld["users"][rol],
            traject=wereld["traject"],
            organisatie=wereld["a"],
            bieden="Stiekem.",
        )
    assert not Interesse.objects.exists()
    assert not _events(AuditEventType.INTERESSE_GETOOND).exists()


@pytest.mark.django_db
def test_interest_only_in_published_trajectories(wereld):
    with pytest.raises(DomainError):
        services.interesse_tonen(
            actor=wereld["users"]["beheerder"],
            traject=wereld["concept"],
            organisatie=wereld["a"],
            bieden="Een ruimte.",
        )
    assert not Interesse.objects.exists()


@pytest.mark.django_db
def test_interest_needs_an_offer_and_lots_of_this_trajectory(wereld):
    actor, t, a = wereld["users"]["beheerder"], wereld["traject"], wereld["a"]
    with pytest.raises(DomainError):
        services.interesse_tonen(actor=actor, traject=t, organisatie=a, bieden="  ")
    vreemd = PerceelFactory(traject=wereld["concept"], nummer=1)
    with pytest.raises(DomainError):
        services.interesse_tonen(
            actor=actor, traject=t, organisatie=a, bieden="Ja.", percelen=[vreemd]
        )
    assert not Interesse.objects.exists()


@pytest.mark.django_db
def test_withdraw_interest(wereld):
    t, a = wereld["traject"], wereld["a"]
    interesse = services.interesse_tonen(
        actor=wereld["users"]["beheerder"], traject=t, organisatie=a, bieden="Ja."
    )
    for rol in ("beheerder_b", "ander_lid", "medewerker"):
        with pytest.raises(NotAllowed):
            services.interesse_intrekken(actor=wereld["users"][rol], interesse=interesse)
    assert Interesse.objects.filter(pk=interesse.pk).exists()
    services.interesse_intrekken(actor=wereld["users"]["lid"], interesse=interesse)
    assert not Interesse.objects.exists()
    event = _events(AuditEventType.INTERESSE_INGETROKKEN).get()
    assert (event.actor, event.target_id) == (wereld["users"]["lid"], str(interesse.pk))


# Contact


@pytest.mark.django_db
def test_message_to_an_organisation_notifies_its_administrators_without_addresses(
    wereld, mailoutbox, django_capture_on_commit_callbacks
):
    t, a, b = wereld["traject"], wereld["a"], wereld["b"]
    lid_a = wereld["users"]["lid"]
    tweede_beheerder_b = UserFactory(email="tweede-b@geheim.nl")
    LidmaatschapFactory(user=tweede_beheerder_b, organisatie=b, beheerder=True)
    LidmaatschapFactory(organisatie=b)  # a plain member of b is not notified
    with django_capture_on_commit_callbacks(execute=True):
        gesprek = services.bericht_sturen(
            actor=lid_a, traject=t, van=a, aan=b, tekst="Zullen we samen bieden?"
        )
    assert (gesprek.traject, gesprek.van, gesprek.aan, gesprek.beantwoord_op) == (t, a, b, None)
    bericht = Bericht.objects.get()
    assert (bericht.afzender, bericht.namens, bericht.tekst) == (
        lid_a,
        a,
        "Zullen we samen bieden?",
    )
    notificaties = Notificatie.objects.order_by("user_id")
    assert {n.user for n in notificaties} == {wereld["users"]["beheerder_b"], tweede_beheerder_b}
    for n in notificaties:
        assert n.url == f"/organisaties/gesprekken/{gesprek.pk}/"
        assert "Sociaal Werk Noord" in n.onderwerp
        assert "Zullen we samen bieden?" in n.tekst
        for adres in (ADRES_LID_A, ADRES_BEHEERDER_A, ADRES_BEHEERDER_B):
            assert adres not in n.tekst
            assert adres not in n.onderwerp
    assert sorted(m.to[0] for m in mailoutbox) == sorted([ADRES_BEHEERDER_B, "tweede-b@geheim.nl"])
    for mail in mailoutbox:
        inhoud = mail.subject + mail.body + "".join(str(alt[0]) for alt in mail.alternatives)
        assert ADRES_LID_A not in inhoud
        assert ADRES_BEHEERDER_A not in inhoud
        assert mail.from_email != ADRES_LID_A and not mail.reply_to
    event = _events(AuditEventType.BERICHT_VERSTUURD).get()
    assert (event.actor, event.target_id, event.gemeente) == (lid_a, str(gesprek.pk), t.gemeente)
    assert ADRES_LID_A not in str(event.detail)


@pytest.mark.django_db
def test_a_second_message_joins_the_conversation(wereld):
    t, a, b = wereld["traject"], wereld["a"], wereld["b"]
    een = services.bericht_sturen(
        actor=wereld["users"]["beheerder"], traject=t, van=a, aan=b, tekst="Hallo"
    )
    twee = services.bericht_sturen(
        actor=wereld["users"]["lid"], traject=t, van=a, aan=b, tekst="Nog iets"
    )
    assert een.pk == twee.pk
    assert Gesprek.objects.count() == 1
    assert Bericht.objects.filter(gesprek=een).count() == 2
    assert _events(AuditEventType.BERICHT_VERSTUURD).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["burger", "beheerder_b", "ander_lid", "medewerker"])
def test_only_members_write_on_behalf_of_an_organisation(wereld, rol):
    with pytest.raises(NotAllowed):
        services.bericht_sturen(
            actor=wereld["users"][rol],
            traject=wereld["traject"],
            van=wereld["a"],
            aan=wereld["c"],
            tekst="Namens a",
        )
    assert not Gesprek.objects.exists()
    assert not Notificatie.objects.exists()


@pytest.mark.django_db
def test_messages_only_on_published_trajectories_and_to_another_organisation(wereld):
    actor, a, b = wereld["users"]["beheerder"], wereld["a"], wereld["b"]
    with pytest.raises(DomainError):
        services.bericht_sturen(actor=actor, traject=wereld["concept"], van=a, aan=b, tekst="Hoi")
    with pytest.raises(DomainError):
        services.bericht_sturen(actor=actor, traject=wereld["traject"], van=a, aan=a, tekst="Hoi")
    with pytest.raises(DomainError):
        services.bericht_sturen(actor=actor, traject=wereld["traject"], van=a, aan=b, tekst=" ")
    assert not Gesprek.objects.exists()


@pytest.mark.django_db
def test_the_answer_of_the_contacted_side_opens_the_addresses(wereld):
    t, a, b = wereld["traject"], wereld["a"], wereld["b"]
    lid_a, beheerder_a = wereld["users"]["lid"], wereld["users"]["beheerder"]
    beheerder_b = wereld["users"]["beheerder_b"]
    gesprek = services.bericht_sturen(actor=lid_a, traject=t, van=a, aan=b, tekst="Hoi")
    # More from the side that started does not count as an answer.
    services.antwoord_sturen(actor=beheerder_a, gesprek=gesprek, namens=a, tekst="En?")
    gesprek.refresh_from_db()
    assert gesprek.beantwoord_op is None
    assert not selectors.toon_adressen(gesprek)
    Notificatie.objects.all().delete()
    services.antwoord_sturen(actor=beheerder_b, gesprek=gesprek, namens=b, tekst="Graag!")
    gesprek.refresh_from_db()
    assert gesprek.beantwoord_op is not None
    assert selectors.toon_adressen(gesprek)
    # The administrators of a and the plain member who wrote hear of the answer.
    assert {n.user for n in Notificatie.objects.all()} == {beheerder_a, lid_a}
    for n in Notificatie.objects.all():
        assert ADRES_BEHEERDER_B not in n.tekst + n.onderwerp
    eerste = gesprek.beantwoord_op
    services.antwoord_sturen(actor=beheerder_b, gesprek=gesprek, namens=b, tekst="Nog iets")
    gesprek.refresh_from_db()
    assert gesprek.beantwoord_op == eerste
    assert _events(AuditEventType.BERICHT_VERSTUURD).count() == 4


@pytest.mark.django_db
def test_only_members_of_a_side_answer_for_it(wereld):
    t, a, b, c = wereld["traject"], wereld["a"], wereld["b"], wereld["c"]
    gesprek = services.bericht_sturen(
        actor=wereld["users"]["beheerder"], traject=t, van=a, aan=b, tekst="Hoi"
    )
    with pytest.raises(NotAllowed):  # a member of a writes as b
        services.antwoord_sturen(actor=wereld["users"]["lid"], gesprek=gesprek, namens=b, tekst="x")
    with pytest.raises(NotAllowed):  # c is not part of this conversation
        services.antwoord_sturen(
            actor=wereld["users"]["ander_lid"], gesprek=gesprek, namens=c, tekst="x"
        )
    with pytest.raises(NotAllowed):
        services.antwoord_sturen(
            actor=wereld["users"]["medewerker"], gesprek=gesprek, namens=b, tekst="x"
        )
    gesprek.refresh_from_db()
    assert gesprek.beantwoord_op is None
    assert Bericht.objects.count() == 1


# Unusual suspects


@pytest.mark.django_db
def test_medewerker_invites_a_party_once_per_address(
    wereld, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://platform.example.nl"
    t = wereld["traject"]
    medewerker = wereld["users"]["medewerker"]
    with django_capture_on_commit_callbacks(execute=True):
        uitnodiging = services.traject_uitnodiging_versturen(
            actor=medewerker,
            traject=t,
            naam=" Moskee  Al Amal ",
            email="Bestuur@AlAmal.nl",
            bericht="U kent de wijk goed.",
        )
    assert (uitnodiging.naam, uitnodiging.email) == ("Moskee Al Amal", "bestuur@alamal.nl")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["bestuur@alamal.nl"]
    assert "Buurthuis De Boomgaard" in mail.subject
    assert "Buurthuis De Boomgaard" in mail.body
    assert t.opgave in mail.body
    assert "U kent de wijk goed." in mail.body
    assert f"https://platform.example.nl/trajecten/{t.pk}/" in mail.body
    assert f"https://platform.example.nl/organisaties/trajecten/{t.pk}/partnerbord/" in mail.body
    assert "https://platform.example.nl/organisaties/nieuw/" in mail.body
    assert "https://platform.example.nl/accounts/signup/" in mail.body
    # A second time (any capitals) returns the first and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        weer = services.traject_uitnodiging_versturen(
            actor=medewerker, traject=t, naam="Anders", email="bestuur@alamal.nl "
        )
    assert weer.pk == uitnodiging.pk
    assert len(mailoutbox) == 1
    assert TrajectUitnodiging.objects.count() == 1
    event = _events(AuditEventType.TRAJECT_UITNODIGING_VERSTUURD).get()
    assert (event.actor, event.target_id, event.gemeente) == (
        medewerker,
        str(uitnodiging.pk),
        t.gemeente,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["burger", "beheerder", "andere"])
def test_only_medewerkers_of_the_gemeente_invite(wereld, rol, mailoutbox):
    with pytest.raises(NotAllowed):
        services.traject_uitnodiging_versturen(
            actor=wereld["users"][rol], traject=wereld["traject"], naam="X", email="x@x.nl"
        )
    assert not TrajectUitnodiging.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_invitations_only_for_published_trajectories(wereld):
    with pytest.raises(DomainError):
        services.traject_uitnodiging_versturen(
            actor=wereld["users"]["medewerker"],
            traject=wereld["concept"],
            naam="X",
            email="x@x.nl",
        )
    assert not TrajectUitnodiging.objects.exists()


# Key parties


@pytest.mark.django_db
def test_medewerker_marks_a_key_party_idempotently(wereld):
    t, c = wereld["traject"], wereld["c"]
    medewerker = wereld["users"]["medewerker"]
    eerste = services.sleutelpartij_aanwijzen(
        actor=medewerker, traject=t, organisatie=c, reden="De basisschool."
    )
    weer = services.sleutelpartij_aanwijzen(
        actor=medewerker, traject=t, organisatie=c, reden="De basisschool."
    )
    assert weer.pk == eerste.pk
    assert Sleutelpartij.objects.count() == 1
    assert _events(AuditEventType.SLEUTELPARTIJ_AANGEWEZEN).count() == 1
    # c has no administrator: nobody to tell. Another reason is a change, audited.
    services.sleutelpartij_aanwijzen(actor=medewerker, traject=t, organisatie=c, reden="School.")
    assert Sleutelpartij.objects.get().reden == "School."
    assert _events(AuditEventType.SLEUTELPARTIJ_AANGEWEZEN).count() == 2
    assert selectors.is_sleutelpartij(t, c)
    assert not selectors.is_sleutelpartij(t, wereld["a"])
    assert selectors.sleutelpartij_ids(t) == {c.pk}
    assert selectors.sleutelpartij_ids(wereld["concept"]) == frozenset()
    services.sleutelpartij_intrekken(actor=medewerker, sleutelpartij=eerste)
    assert not Sleutelpartij.objects.exists()
    assert not selectors.is_sleutelpartij(t, c)
    event = _events(AuditEventType.SLEUTELPARTIJ_INGETROKKEN).get()
    assert (event.actor, event.target_id) == (medewerker, str(eerste.pk))
    # Unmarking what is gone already does nothing.
    services.sleutelpartij_intrekken(actor=medewerker, sleutelpartij=eerste)
    assert _events(AuditEventType.SLEUTELPARTIJ_INGETROKKEN).count() == 1


@pytest.mark.django_db
def test_a_new_key_party_hears_of_it(wereld):
    services.sleutelpartij_aanwijzen(
        actor=wereld["users"]["medewerker"],
        traject=wereld["traject"],
        organisatie=wereld["a"],
        reden="Het enige buurthuis.",
    )
    notificatie = Notificatie.objects.get()
    assert notificatie.user == wereld["users"]["beheerder"]
    assert "Het enige buurthuis." in notificatie.tekst


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["burger", "beheerder", "andere"])
def test_only_medewerkers_of_the_gemeente_mark_key_parties(wereld, rol):
    actor = wereld["users"][rol]
    with pytest.raises(NotAllowed):
        services.sleutelpartij_aanwijzen(
            actor=actor, traject=wereld["traject"], organisatie=wereld["a"]
        )
    sleutelpartij = SleutelpartijFactory(traject=wereld["traject"])
    with pytest.raises(NotAllowed):
        services.sleutelpartij_intrekken(actor=actor, sleutelpartij=sleutelpartij)
    assert Sleutelpartij.objects.get() == sleutelpartij


@pytest.mark.django_db
def test_conversation_selectors_are_scoped_to_members(wereld):
    t, a, b, c = wereld["traject"], wereld["a"], wereld["b"], wereld["c"]
    gesprek = GesprekFactory(traject=t, van=a, aan=b)
    ander = GesprekFactory(traject=t, van=c, aan=b)
    users = wereld["users"]
    assert list(selectors.gesprekken_voor(users["lid"])) == [gesprek]
    assert set(selectors.gesprekken_voor(users["beheerder_b"])) == {gesprek, ander}
    assert list(selectors.gesprekken_voor(users["medewerker"])) == []
    assert selectors.gesprek_voor(users["beheerder_b"], gesprek.pk) == gesprek
    for rol in ("burger", "ander_lid", "medewerker", "andere"):
        with pytest.raises(Gesprek.DoesNotExist):
            selectors.gesprek_voor(users[rol], gesprek.pk)
