"""Services of the dialogue: sessions, registrations, reports, questions, answers, notas."""

import io
import threading
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from aanbesteden.constants import AuditEventType, DocumentStatus
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent, Document, Notificatie, User
from aanbesteden.tests.factories import GemeenteFactory, MedewerkerFactory, UserFactory
from trajecten import extensions
from trajecten.constants import BijeenkomstSoort, Fase, Procedure, UitvraagAanleiding
from trajecten.deadlines import BijeenkomstSource
from trajecten.models import Aanmelding, Bijeenkomst, Nota, TeamLid, Vraag
from trajecten.selectors import dialoog as sel
from trajecten.selectors.publicatie import belanghebbenden
from trajecten.services import dialoog as services
from trajecten.tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    PerceelFactory,
    TrajectFactory,
    VolgerFactory,
    VraagFactory,
)

AMS = ZoneInfo("Europe/Amsterdam")


def ams(*args):
    return datetime(*args, tzinfo=AMS)


def events(event_type):
    return list(AuditEvent.objects.filter(event_type=event_type))


@pytest.fixture
def nu(time_machine):
    moment = ams(2026, 6, 1, 10, 0)
    time_machine.move_to(moment, tick=False)
    return moment


@pytest.fixture
def traject(gemeente, nu):
    return TrajectFactory(
        gemeente=gemeente,
        gepubliceerd=True,
        titel="Buurthuis De Boomgaard",
        procedure=Procedure.NATIONAAL,
        vragen_sluit=ams(2026, 6, 10, 12),
        inschrijving_sluit=ams(2026, 6, 30, 12),
    )


@pytest.fixture
def bijeenkomst(traject):
    return BijeenkomstFactory(
        traject=traject,
        begint_op=ams(2026, 6, 5, 19),
        eindigt_op=ams(2026, 6, 5, 21),
        locatie="Wijkcentrum De Boomgaard",
        online_link="https://meet.example.nl/boomgaard",
    )


def velden(**extra):
    return {
        "titel": "Informatieavond",
        "soort": BijeenkomstSoort.INFORMATIE,
        "omschrijving": "Wat wil de wijk?",
        "begint_op": ams(2026, 6, 8, 19),
        "eindigt_op": ams(2026, 6, 8, 21),
        "locatie": "Wijkcentrum",
        "online_link": "",
        "capaciteit": 30,
        "max_per_organisatie": 2,
        **extra,
    }


# Sessions


@pytest.mark.django_db
class TestBijeenkomstPlannen:
    def test_medewerker_plans_a_session_with_an_audit_event(self, traject, medewerker):
        b = services.bijeenkomst_plannen(actor=medewerker, traject=traject, **velden())
        assert b.traject == traject and b.capaciteit == 30
        (event,) = events(AuditEventType.BIJEENKOMST_GEPLAND)
        assert event.actor == medewerker and event.target_id == str(b.pk)
        assert event.gemeente_id == traject.gemeente_id

    def test_double_click_plans_one_session(self, traject, medewerker):
        a = services.bijeenkomst_plannen(actor=medewerker, traject=traject, **velden())
        b = services.bijeenkomst_plannen(actor=medewerker, traject=traject, **velden())
        assert a == b and Bijeenkomst.objects.count() == 1
        assert len(events(AuditEventType.BIJEENKOMST_GEPLAND)) == 1

    def test_also_on_a_draft(self, gemeente, medewerker, nu):
        concept = TrajectFactory(gemeente=gemeente)
        assert services.bijeenkomst_plannen(actor=medewerker, traject=concept, **velden())

    @pytest.mark.parametrize("wie", ["burger", "andere"])
    def test_only_medewerkers_of_the_gemeente(self, traject, burger, andere_gemeente, wie):
        actor = burger if wie == "burger" else MedewerkerFactory(gemeente=andere_gemeente).user
        with pytest.raises(NotAllowed):
            services.bijeenkomst_plannen(actor=actor, traject=traject, **velden())
        assert not Bijeenkomst.objects.exists()

    @pytest.mark.parametrize(
        "extra",
        [
            {"locatie": "", "online_link": ""},
            {"eindigt_op": ams(2026, 6, 8, 18)},
            {"begint_op": ams(2026, 5, 31, 19), "eindigt_op": ams(2026, 5, 31, 21)},
            {"capaciteit": 0},
        ],
    )
    def test_refuses_invalid_sessions(self, traject, medewerker, extra):
        with pytest.raises(DomainError):
            services.bijeenkomst_plannen(actor=medewerker, traject=traject, **velden(**extra))
        assert not Bijeenkomst.objects.exists()
        assert not events(AuditEventType.BIJEENKOMST_GEPLAND)


@pytest.mark.django_db
class TestBijeenkomstWijzigen:
    def test_new_date_notifies_each_registered_person_once(
        self, bijeenkomst, medewerker, django_capture_on_commit_callbacks
    ):
        a1 = AanmeldingFactory(bijeenkomst=bijeenkomst)
        a2 = AanmeldingFactory(bijeenkomst=bijeenkomst)
        VolgerFactory(traject=bijeenkomst.traject)  # a follower is not registered: not told
        with django_capture_on_commit_callbacks(execute=True):
            services.bijeenkomst_wijzigen(
                actor=medewerker,
                bijeenkomst=bijeenkomst,
                begint_op=ams(2026, 6, 6, 19),
                eindigt_op=ams(2026, 6, 6, 21),
            )
        assert sorted(Notificatie.objects.values_list("user_id", flat=True)) == sorted(
            [a1.user_id, a2.user_id]
        )
        assert sorted(m.to[0] for m in mail.outbox) == sorted([a1.user.email, a2.user.email])
        assert "6 juni 2026" in mail.outbox[0].body and "19:00" in mail.outbox[0].body
        (event,) = events(AuditEventType.BIJEENKOMST_GEWIJZIGD)
        assert set(event.detail["wijzigingen"]) == {"begint_op", "eindigt_op"}

    def test_new_place_notifies_too(self, bijeenkomst, medewerker):
        AanmeldingFactory(bijeenkomst=bijeenkomst)
        services.bijeenkomst_wijzigen(actor=medewerker, bijeenkomst=bijeenkomst, locatie="Bieb")
        assert Notificatie.objects.count() == 1

    def test_new_title_notifies_nobody(self, bijeenkomst, medewerker):
        AanmeldingFactory(bijeenkomst=bijeenkomst)
        services.bijeenkomst_wijzigen(actor=medewerker, bijeenkomst=bijeenkomst, titel="Avond")
        bijeenkomst.refresh_from_db()
        assert bijeenkomst.titel == "Avond"
        assert Notificatie.objects.count() == 0
        assert len(events(AuditEventType.BIJEENKOMST_GEWIJZIGD)) == 1

    def test_nothing_changed_writes_nothing(self, bijeenkomst, medewerker):
        services.bijeenkomst_wijzigen(
            actor=medewerker, bijeenkomst=bijeenkomst, titel=bijeenkomst.titel
        )
        assert not events(AuditEventType.BIJEENKOMST_GEWIJZIGD)

    def test_capacity_not_below_the_registrations(self, bijeenkomst, medewerker):
        AanmeldingFactory.create_batch(3, bijeenkomst=bijeenkomst)
        with pytest.raises(DomainError):
            services.bijeenkomst_wijzigen(actor=medewerker, bijeenkomst=bijeenkomst, capaciteit=2)

    def test_citizen_may_not(self, bijeenkomst, burger):
        with pytest.raises(NotAllowed):
            services.bijeenkomst_wijzigen(actor=burger, bijeenkomst=bijeenkomst, titel="X")


# Registrations


@pytest.mark.django_db
class TestAanmelden:
    def test_without_account_creates_one_light_account(
        self, bijeenkomst, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            aanmelding = services.aanmelden(
                bijeenkomst=bijeenkomst,
                naam="Fatima el Amrani",
                email="Fatima@Voorbeeld.nl",
                organisatie="  Buurtvereniging   Oost ",
            )
        user = aanmelding.user
        assert user.email == "fatima@voorbeeld.nl"
        assert user.naam == "Fatima el Amrani"
        assert not user.has_usable_password()
        assert EmailAddress.objects.get(user=user).verified is False
        assert aanmelding.organisatie == "Buurtvereniging Oost"
        # Unconfirmed: nobody has proved the address yet, so no actor in the audit log.
        assert aanmelding.bevestigd_op is None
        assert aanmelding.verloopt_op == ams(2026, 6, 3, 10, 0)  # 48 hours
        (event,) = events(AuditEventType.BIJEENKOMST_AANGEMELD)
        assert event.actor is None and event.target_id == str(bijeenkomst.pk)
        assert (event.from_state, event.to_state) == ("", "onbevestigd")
        # One mail to the address, with the link and without the online link.
        (bericht,) = mail.outbox
        assert bericht.to == ["fatima@voorbeeld.nl"]
        assert "5 juni 2026" in bericht.body and "19:00" in bericht.body
        assert "Wijkcentrum De Boomgaard" in bericht.body
        assert services.bevestig_url(aanmelding) in bericht.body
        assert "https://meet.example.nl/boomgaard" not in bericht.body
        assert not Notificatie.objects.exists()

    def test_second_registration_with_the_same_email_reuses_the_account(self, bijeenkomst, traject):
        ander = BijeenkomstFactory(traject=traject, begint_op=ams(2026, 6, 7, 19))
        eerste = services.aanmelden(bijeenkomst=bijeenkomst, naam="Piet", email="piet@buurt.nl")
        tweede = services.aanmelden(bijeenkomst=ander, naam="Piet", email="PIET@buurt.nl ")
        assert eerste.user == tweede.user
        assert User.objects.filter(email__iexact="piet@buurt.nl").count() == 1

    def test_existing_account_by_email_is_used(self, bijeenkomst, burger):
        aanmelding = services.aanmelden(
            bijeenkomst=bijeenkomst, naam="Iemand", email=burger.email.upper()
        )
        assert aanmelding.user == burger

    def test_double_click_makes_one_registration(self, bijeenkomst, burger):
        eerste = services.aanmelden(bijeenkomst=bijeenkomst, naam="B", email="", user=burger)
        tweede = services.aanmelden(bijeenkomst=bijeenkomst, naam="B", email="", user=burger)
        assert eerste == tweede
        assert Aanmelding.objects.count() == 1
        assert len(events(AuditEventType.BIJEENKOMST_AANGEMELD)) == 1
        assert Notificatie.objects.count() == 1

    def test_full_session_is_refused(self, bijeenkomst):
        bijeenkomst.capaciteit = 2
        bijeenkomst.save()
        AanmeldingFactory.create_batch(2, bijeenkomst=bijeenkomst)
        with pytest.raises(services.BijeenkomstVol):
            services.aanmelden(bijeenkomst=bijeenkomst, naam="Laat", email="laat@buurt.nl")
        assert Aanmelding.objects.count() == 2

    def test_limit_per_organisation_counts_members_only(self, bijeenkomst, monkeypatch):
        """Issue 11, point 13: the limit counts the organisation a logged-in user belongs to
        (from the registry); a name typed without an account never counts for it."""
        leden = {u.pk: u for u in UserFactory.create_batch(3)}
        monkeypatch.setattr(
            extensions,
            "ORGANISATIE_BRONNEN",
            [lambda user: [("org:1", "Stichting Welzijn")] if user.pk in leden else []],
        )
        bijeenkomst.max_per_organisatie = 2
        bijeenkomst.save()
        een, twee, drie = leden.values()
        for lid in (een, twee):
            a = services.aanmelden(
                bijeenkomst=bijeenkomst, naam="", email="", organisatie_sleutel="org:1", user=lid
            )
            assert (a.organisatie, a.organisatie_sleutel) == ("Stichting Welzijn", "org:1")
            assert a.is_bevestigd
        with pytest.raises(DomainError, match="Stichting Welzijn"):
            services.aanmelden(
                bijeenkomst=bijeenkomst, naam="", email="", organisatie_sleutel="org:1", user=drie
            )
        # Nobody claims an organisation they do not belong to, nor without logging in.
        with pytest.raises(DomainError):
            services.aanmelden(
                bijeenkomst=bijeenkomst,
                naam="B",
                email="",
                organisatie_sleutel="org:1",
                user=UserFactory(),
            )
        with pytest.raises(DomainError):
            services.aanmelden(
                bijeenkomst=bijeenkomst, naam="B", email="b@w.nl", organisatie_sleutel="org:1"
            )
        # The same name typed without an account does not count, confirmed or not.
        for email in ("c@w.nl", "d@w.nl"):
            a = services.aanmelden(
                bijeenkomst=bijeenkomst, naam="C", email=email, organisatie="Stichting Welzijn"
            )
            services.aanmelding_bevestigen(token=a.token)
        # People without an organisation still fit.
        services.aanmelden(bijeenkomst=bijeenkomst, naam="", email="", user=drie)
        assert Aanmelding.objects.bevestigd().count() == 5
        assert Aanmelding.objects.filter(organisatie_sleutel="org:1").count() == 2

    def test_started_session_is_refused(self, bijeenkomst, time_machine):
        time_machine.move_to(ams(2026, 6, 5, 19, 0), tick=False)
        with pytest.raises(DomainError):
            services.aanmelden(bijeenkomst=bijeenkomst, naam="Te laat", email="t@buurt.nl")
        assert not Aanmelding.objects.exists()

    def test_one_second_before_the_start_is_fine(self, bijeenkomst, time_machine):
        time_machine.move_to(ams(2026, 6, 5, 18, 59, 59), tick=False)
        assert services.aanmelden(bijeenkomst=bijeenkomst, naam="Net", email="n@buurt.nl")

    def test_draft_trajectory_is_refused(self, gemeente, nu):
        b = BijeenkomstFactory(traject=TrajectFactory(gemeente=gemeente))
        with pytest.raises(DomainError):
            services.aanmelden(bijeenkomst=b, naam="X", email="x@buurt.nl")
        assert not User.objects.filter(email="x@buurt.nl").exists()

    def test_afmelden_by_the_registrant(self, bijeenkomst, burger):
        aanmelding = AanmeldingFactory(bijeenkomst=bijeenkomst, user=burger)
        with pytest.raises(NotAllowed):
            services.afmelden(actor=UserFactory(), aanmelding=aanmelding)
        services.afmelden(actor=burger, aanmelding=aanmelding)
        assert not Aanmelding.objects.exists()
        (event,) = events(AuditEventType.BIJEENKOMST_AFGEMELD)
        assert event.actor == burger
        # A second click finds nothing and writes nothing.
        services.afmelden(actor=burger, aanmelding=aanmelding)
        assert len(events(AuditEventType.BIJEENKOMST_AFGEMELD)) == 1


def _onbevestigd(bijeenkomst, email="anna@buurt.nl", **extra):
    return services.aanmelden(bijeenkomst=bijeenkomst, naam="Anna", email=email, **extra)


@pytest.mark.django_db
class TestAanmeldingBevestigen:
    """Issue 11, point 13: a registration without an account counts only after its address
    is confirmed by the link; it expires after 48 hours or at the start of the session."""

    def test_unconfirmed_does_not_count_nor_show(self, bijeenkomst, medewerker):
        bijeenkomst.capaciteit = 1
        bijeenkomst.save()
        aanmelding = _onbevestigd(bijeenkomst)
        b = sel.bijeenkomst_voor(medewerker, bijeenkomst.traject_id, bijeenkomst.pk)
        assert sel.vrije_plaatsen(b) == 1
        assert sel.vrije_plaatsen(bijeenkomst) == 1
        assert list(sel.aanmeldingen_voor_beheer(medewerker, b)) == []
        assert sel.aanmelding_van(aanmelding.user, bijeenkomst) is None
        assert aanmelding.user not in belanghebbenden(bijeenkomst.traject)
        # The place is still free for someone who confirms first.
        ander = services.aanmelden(bijeenkomst=bijeenkomst, naam="", email="", user=UserFactory())
        assert ander.is_bevestigd
        assert list(sel.aanmeldingen_voor_beheer(medewerker, b)) == [ander]

    def test_unconfirmed_gets_no_session_reminder(self, bijeenkomst, time_machine):
        bevestigd = AanmeldingFactory(bijeenkomst=bijeenkomst)
        _onbevestigd(bijeenkomst)
        (deadline,) = BijeenkomstSource().deadlines(van=ams(2026, 6, 1, 0), tot=ams(2026, 6, 10, 0))
        assert deadline.ontvangers == (bevestigd.user,)

    def test_confirming_counts_with_an_audit_event_and_a_double_click_is_harmless(
        self, bijeenkomst, django_capture_on_commit_callbacks
    ):
        aanmelding = _onbevestigd(bijeenkomst)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            bevestigd = services.aanmelding_bevestigen(token=aanmelding.token)
            nog_eens = services.aanmelding_bevestigen(token=aanmelding.token)
        assert bevestigd == nog_eens == aanmelding
        bevestigd.refresh_from_db()
        assert bevestigd.bevestigd_op == ams(2026, 6, 1, 10, 0)
        assert sel.aanmelding_van(aanmelding.user, bijeenkomst) == bevestigd
        eerste, tweede = events(AuditEventType.BIJEENKOMST_AANGEMELD)
        assert (tweede.from_state, tweede.to_state) == ("onbevestigd", "bevestigd")
        assert tweede.actor == aanmelding.user
        # The usual confirmation, now with the online link; once.
        (bericht,) = mail.outbox
        assert bericht.to == ["anna@buurt.nl"]
        assert "https://meet.example.nl/boomgaard" in bericht.body
        assert Notificatie.objects.filter(user=aanmelding.user).count() == 1

    def test_confirming_verifies_the_light_accounts_address(self, bijeenkomst):
        aanmelding = _onbevestigd(bijeenkomst)
        adres = EmailAddress.objects.get(user=aanmelding.user)
        assert not adres.verified
        services.aanmelding_bevestigen(token=aanmelding.token)
        adres.refresh_from_db()
        assert adres.verified

    def test_full_by_the_time_of_confirming(self, bijeenkomst):
        bijeenkomst.capaciteit = 1
        bijeenkomst.save()
        aanmelding = _onbevestigd(bijeenkomst)
        AanmeldingFactory(bijeenkomst=bijeenkomst)
        with pytest.raises(services.BijeenkomstVol):
            services.aanmelding_bevestigen(token=aanmelding.token)
        aanmelding.refresh_from_db()
        assert not aanmelding.is_bevestigd
        assert len(events(AuditEventType.BIJEENKOMST_AANGEMELD)) == 1

    def test_expires_after_48_hours(self, bijeenkomst, traject, time_machine):
        later = BijeenkomstFactory(
            traject=traject, begint_op=ams(2026, 6, 20, 19), eindigt_op=ams(2026, 6, 20, 21)
        )
        aanmelding = _onbevestigd(later)
        time_machine.move_to(ams(2026, 6, 3, 9, 59, 59), tick=False)
        services.aanmelding_bevestigen(token=aanmelding.token)  # just in time
        tweede = _onbevestigd(later, email="bram@buurt.nl")
        time_machine.move_to(ams(2026, 6, 5, 10, 0), tick=False)
        with pytest.raises(services.AanmeldingVerlopen):
            services.aanmelding_bevestigen(token=tweede.token)
        tweede.refresh_from_db()
        assert not tweede.is_bevestigd

    def test_expires_at_the_start_of_the_session_if_sooner(self, bijeenkomst, time_machine):
        time_machine.move_to(ams(2026, 6, 5, 9, 0), tick=False)
        aanmelding = _onbevestigd(bijeenkomst)
        assert aanmelding.verloopt_op == bijeenkomst.begint_op
        time_machine.move_to(bijeenkomst.begint_op, tick=False)
        with pytest.raises(services.AanmeldingVerlopen):
            services.aanmelding_bevestigen(token=aanmelding.token)

    def test_unknown_token_is_refused(self, bijeenkomst):
        with pytest.raises(services.AanmeldingVerlopen):
            services.aanmelding_bevestigen(token=uuid.uuid4())

    def test_registering_again_sends_no_second_mail_until_it_lapsed(
        self, bijeenkomst, traject, time_machine, django_capture_on_commit_callbacks
    ):
        later = BijeenkomstFactory(
            traject=traject, begint_op=ams(2026, 6, 20, 19), eindigt_op=ams(2026, 6, 20, 21)
        )
        with django_capture_on_commit_callbacks(execute=True):
            eerste = _onbevestigd(later)
            assert _onbevestigd(later, email="ANNA@buurt.nl") == eerste
        assert len(mail.outbox) == 1
        time_machine.move_to(ams(2026, 6, 3, 10, 0), tick=False)
        with django_capture_on_commit_callbacks(execute=True):
            opnieuw = _onbevestigd(later)
        assert opnieuw.pk != eerste.pk and opnieuw.token != eerste.token
        assert not Aanmelding.objects.filter(pk=eerste.pk).exists()
        assert len(mail.outbox) == 2

    def test_logging_in_and_registering_confirms_at_once(self, bijeenkomst, burger):
        aanmelding = _onbevestigd(bijeenkomst, email=burger.email)
        assert aanmelding.user == burger and not aanmelding.is_bevestigd
        opnieuw = services.aanmelden(bijeenkomst=bijeenkomst, naam="", email="", user=burger)
        assert opnieuw.pk == aanmelding.pk and opnieuw.is_bevestigd
        assert Aanmelding.objects.count() == 1


def _tegelijk(functies):
    """Run each function in its own thread and connection, all at once: (results, errors)."""
    barrier = threading.Barrier(len(functies))
    results, errors = [], []

    def run(functie):
        try:
            barrier.wait(timeout=10)
            results.append(functie())
        except DomainError as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(f,)) for f in functies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_two_registrations_for_the_last_place_at_once_never_overbook(gemeente):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    bijeenkomst = BijeenkomstFactory(traject=traject, capaciteit=1)
    users = UserFactory.create_batch(2)
    results, errors = _tegelijk(
        [
            lambda u=u: services.aanmelden(bijeenkomst=bijeenkomst, naam="", email="", user=u)
            for u in users
        ]
    )
    assert len(results) == 1 and len(errors) == 1
    assert Aanmelding.objects.filter(bijeenkomst=bijeenkomst).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_for_the_last_place_at_once_never_overbook(gemeente):
    """The capacity is checked again at confirmation, under the session's row lock."""
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    bijeenkomst = BijeenkomstFactory(traject=traject, capaciteit=1)
    tokens = [
        services.aanmelden(bijeenkomst=bijeenkomst, naam=e, email=e).token
        for e in ("laatste1@buurt.nl", "laatste2@buurt.nl")
    ]
    results, errors = _tegelijk(
        [lambda t=t: services.aanmelding_bevestigen(token=t) for t in tokens]
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], services.BijeenkomstVol)
    assert Aanmelding.objects.bevestigd().filter(bijeenkomst=bijeenkomst).count() == 1


@pytest.mark.django_db
def test_registration_locks_the_session_row_first(bijeenkomst):
    with CaptureQueriesContext(connection) as ctx:
        services.aanmelden(bijeenkomst=bijeenkomst, naam="L", email="lock@buurt.nl")
    eerste = next(q["sql"] for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"])
    assert 'FROM "trajecten_bijeenkomst"' in eerste
    assert 'FOR UPDATE OF "trajecten_bijeenkomst"' in eerste


# Reports


@pytest.mark.django_db
class TestVerslag:
    def test_only_after_the_session(self, bijeenkomst, medewerker):
        with pytest.raises(DomainError):
            services.verslag_publiceren(actor=medewerker, bijeenkomst=bijeenkomst, verslag="Goed")
        assert not events(AuditEventType.VERSLAG_GEPUBLICEERD)

    def test_publish_informs_followers_and_registered_once(
        self, bijeenkomst, medewerker, time_machine
    ):
        volger = VolgerFactory(traject=bijeenkomst.traject).user
        aangemeld = AanmeldingFactory(bijeenkomst=bijeenkomst).user
        VolgerFactory(traject=bijeenkomst.traject, user=aangemeld)  # both: still told once
        time_machine.move_to(ams(2026, 6, 5, 21, 0), tick=False)
        services.verslag_publiceren(
            actor=medewerker, bijeenkomst=bijeenkomst, verslag="  Veel ideeën.  "
        )
        bijeenkomst.refresh_from_db()
        assert bijeenkomst.verslag == "Veel ideeën."
        assert bijeenkomst.verslag_gepubliceerd_op == ams(2026, 6, 5, 21, 0)
        assert sorted(Notificatie.objects.values_list("user_id", flat=True)) == sorted(
            [volger.pk, aangemeld.pk]
        )
        assert len(events(AuditEventType.VERSLAG_GEPUBLICEERD)) == 1
        # Double click: nothing new.
        services.verslag_publiceren(
            actor=medewerker, bijeenkomst=bijeenkomst, verslag="Veel ideeën."
        )
        assert len(events(AuditEventType.VERSLAG_GEPUBLICEERD)) == 1
        # A corrected text is saved and audited, without telling everyone again.
        services.verslag_publiceren(actor=medewerker, bijeenkomst=bijeenkomst, verslag="Beter.")
        assert len(events(AuditEventType.VERSLAG_GEPUBLICEERD)) == 2
        assert Notificatie.objects.count() == 2

    def test_medewerker_of_another_gemeente_may_not(
        self, bijeenkomst, andere_gemeente, time_machine
    ):
        time_machine.move_to(ams(2026, 6, 6, 9, 0), tick=False)
        with pytest.raises(NotAllowed):
            services.verslag_publiceren(
                actor=MedewerkerFactory(gemeente=andere_gemeente).user,
                bijeenkomst=bijeenkomst,
                verslag="x",
            )


# Questions


@pytest.mark.django_db
class TestVraagStellen:
    def test_one_second_before_the_deadline(self, traject, burger, medewerker, time_machine):
        time_machine.move_to(ams(2026, 6, 10, 11, 59, 59), tick=False)
        perceel = PerceelFactory(traject=traject)
        vraag = services.vraag_stellen(
            actor=burger, traject=traject, tekst=" Mag een bewonersgroep meedoen? ", perceel=perceel
        )
        assert vraag.tekst == "Mag een bewonersgroep meedoen?" and vraag.perceel == perceel
        (event,) = events(AuditEventType.VRAAG_GESTELD)
        assert event.actor == burger and event.target_id == str(vraag.pk)
        # The officers of the gemeente (no team set: all of them) are told.
        assert list(Notificatie.objects.values_list("user_id", flat=True)) == [medewerker.pk]

    @pytest.mark.parametrize("moment", [ams(2026, 6, 10, 12, 0, 0), ams(2026, 6, 10, 12, 0, 1)])
    def test_at_and_after_the_deadline_refused(self, traject, burger, time_machine, moment):
        time_machine.move_to(moment, tick=False)
        with pytest.raises(DomainError) as exc:
            services.vraag_stellen(actor=burger, traject=traject, tekst="Te laat?")
        assert "12:00:00" in str(exc.value) and "2026" in str(exc.value)
        assert not Vraag.objects.exists()
        assert not events(AuditEventType.VRAAG_GESTELD)

    def test_team_is_told_not_every_medewerker(self, traject, burger, medewerker):
        teamlid = MedewerkerFactory(gemeente=traject.gemeente)
        TeamLid.objects.create(traject=traject, medewerker=teamlid, rol="inkoop")
        services.vraag_stellen(actor=burger, traject=traject, tekst="Vraag?")
        assert list(Notificatie.objects.values_list("user_id", flat=True)) == [teamlid.user_id]

    def test_refused_in_a_phase_that_does_not_allow_it(self, traject, burger):
        traject.actieve_fase = Fase.C
        traject.save()
        with pytest.raises(DomainError):
            services.vraag_stellen(actor=burger, traject=traject, tekst="Vraag?")

    def test_refused_on_a_draft_and_for_anonymous(self, gemeente, burger, nu):
        concept = TrajectFactory(gemeente=gemeente, vragen_sluit=ams(2026, 6, 10, 12))
        with pytest.raises(DomainError):
            services.vraag_stellen(actor=burger, traject=concept, tekst="Vraag?")
        with pytest.raises(NotAllowed):
            services.vraag_stellen(
                actor=AnonymousUser(), traject=TrajectFactory(gepubliceerd=True), tekst="Vraag?"
            )

    def test_lot_of_another_trajectory_refused(self, traject, burger):
        with pytest.raises(DomainError):
            services.vraag_stellen(
                actor=burger, traject=traject, tekst="Vraag?", perceel=PerceelFactory()
            )

    def test_double_submission_makes_one_question(self, traject, burger):
        a = services.vraag_stellen(actor=burger, traject=traject, tekst="Dubbel?")
        b = services.vraag_stellen(actor=burger, traject=traject, tekst="Dubbel?")
        assert a == b and Vraag.objects.count() == 1


@pytest.mark.django_db
class TestVraagBeantwoorden:
    def test_medewerker_answers_and_may_change_until_published(self, traject, medewerker):
        vraag = VraagFactory(traject=traject)
        services.vraag_beantwoorden(actor=medewerker, vraag=vraag, antwoord="Ja.")
        services.vraag_beantwoorden(actor=medewerker, vraag=vraag, antwoord="Ja, zeker.")
        vraag.refresh_from_db()
        assert vraag.antwoord == "Ja, zeker." and vraag.beantwoord_door == medewerker
        beantwoord = events(AuditEventType.VRAAG_BEANTWOORD)
        assert [(e.from_state, e.to_state) for e in beantwoord] == [
            ("open", "beantwoord"),
            ("beantwoord", "beantwoord"),
        ]
        services.nota_publiceren(actor=medewerker, traject=traject)
        with pytest.raises(DomainError):
            services.vraag_beantwoorden(actor=medewerker, vraag=vraag, antwoord="Nee.")
        vraag.refresh_from_db()
        assert vraag.antwoord == "Ja, zeker."

    @pytest.mark.parametrize("wie", ["burger", "andere"])
    def test_others_may_not(self, traject, burger, andere_gemeente, wie):
        actor = burger if wie == "burger" else MedewerkerFactory(gemeente=andere_gemeente).user
        with pytest.raises(NotAllowed):
            services.vraag_beantwoorden(
                actor=actor, vraag=VraagFactory(traject=traject), antwoord="x"
            )


# Notas


@pytest.mark.django_db
class TestNotaPubliceren:
    def test_numbering_across_two_notas(self, traject, medewerker):
        eerste = VraagFactory(traject=traject, beantwoord=True)
        tweede = VraagFactory(traject=traject, beantwoord=True)
        open_vraag = VraagFactory(traject=traject)
        nota1 = services.nota_publiceren(actor=medewerker, traject=traject)
        assert nota1.nummer == 1
        assert list(nota1.vragen.order_by("nummer").values_list("pk", "nummer")) == [
            (eerste.pk, 1),
            (tweede.pk, 2),
        ]
        open_vraag.refresh_from_db()
        assert open_vraag.nota is None and open_vraag.nummer is None

        services.vraag_beantwoorden(actor=medewerker, vraag=open_vraag, antwoord="Nee.")
        derde = VraagFactory(traject=traject, beantwoord=True)
        nota2 = services.nota_publiceren(actor=medewerker, traject=traject)
        assert nota2.nummer == 2
        assert list(nota2.vragen.order_by("nummer").values_list("pk", "nummer")) == [
            (open_vraag.pk, 3),
            (derde.pk, 4),
        ]
        assert [e.detail["nummer"] for e in events(AuditEventType.NOTA_GEPUBLICEERD)] == [1, 2]

    def test_a_nota_makes_a_new_public_version_of_the_call_with_the_answers(
        self, traject, medewerker, django_capture_on_commit_callbacks
    ):

        VraagFactory(traject=traject, beantwoord=True, tekst="Mag een buurtvereniging bieden?")
        with django_capture_on_commit_callbacks(execute=True):
            services.nota_publiceren(actor=medewerker, traject=traject)
        versie = traject.uitvraagversies.get()
        assert versie.aanleiding == UitvraagAanleiding.NOTA and versie.openbaar
        versie.document.refresh_from_db()
        versie.document.bestand.open("rb")
        tekst = " ".join(
            page.extract_text()
            for page in PdfReader(io.BytesIO(versie.document.bestand.read())).pages
        )
        assert "Mag een buurtvereniging bieden?" in tekst

    def test_needs_an_answered_question_and_a_double_click_makes_one_nota(
        self, traject, medewerker
    ):
        VraagFactory(traject=traject)
        with pytest.raises(DomainError):
            services.nota_publiceren(actor=medewerker, traject=traject)
        VraagFactory(traject=traject, beantwoord=True)
        services.nota_publiceren(actor=medewerker, traject=traject)
        with pytest.raises(DomainError):
            services.nota_publiceren(actor=medewerker, traject=traject)
        assert Nota.objects.count() == 1
        assert len(events(AuditEventType.NOTA_GEPUBLICEERD)) == 1

    @pytest.mark.parametrize("wie", ["burger", "andere"])
    def test_others_may_not(self, traject, burger, andere_gemeente, wie):
        VraagFactory(traject=traject, beantwoord=True)
        actor = burger if wie == "burger" else MedewerkerFactory(gemeente=andere_gemeente).user
        with pytest.raises(NotAllowed):
            services.nota_publiceren(actor=actor, traject=traject)
        assert not Nota.objects.exists()

    def test_everyone_involved_is_told_at_once_without_the_actor(self, traject, medewerker):
        vrager = VraagFactory(traject=traject, beantwoord=True).gesteld_door
        volger = VolgerFactory(traject=traject).user
        VolgerFactory(traject=traject, user=medewerker)
        aangemeld = AanmeldingFactory(bijeenkomst=BijeenkomstFactory(traject=traject)).user
        services.nota_publiceren(actor=medewerker, traject=traject)
        assert sorted(Notificatie.objects.values_list("user_id", flat=True)) == sorted(
            [vrager.pk, volger.pk, aangemeld.pk]
        )

    def test_a_public_pdf_is_requested(self, traject, medewerker):
        VraagFactory(traject=traject, beantwoord=True)
        nota = services.nota_publiceren(actor=medewerker, traject=traject)
        document = nota.document
        assert document.openbaar is True
        assert document.template_name == "trajecten/dialoog/pdf/nota.html"
        assert document.target_type == "trajecten.nota" and document.target_id == str(nota.pk)
        assert document.context["nummer"] == 1
        assert "gesteld_door" not in str(document.context)

    def test_pdf_has_numbers_and_answers_but_never_the_asker(
        self, traject, medewerker, django_capture_on_commit_callbacks
    ):

        asker = UserFactory(naam="Geheime Vraagsteller", email="geheim@vrager.nl")
        VraagFactory(
            traject=traject,
            gesteld_door=asker,
            tekst="Mag een bewonersgroep zonder rechtsvorm meedoen?",
            antwoord="Ja, dat mag.",
            beantwoord_door=medewerker,
        )
        with django_capture_on_commit_callbacks(execute=True):
            nota = services.nota_publiceren(actor=medewerker, traject=traject)
        document = Document.objects.get(pk=nota.document_id)
        assert document.status == DocumentStatus.KLAAR
        with document.bestand.open("rb") as fh:
            text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(fh.read())).pages)
        text = " ".join(text.split())
        assert "zonder rechtsvorm" in text and "Ja, dat mag." in text
        assert "Buurthuis De Boomgaard" in text
        assert "Geheime" not in text and "geheim@vrager.nl" not in text


@pytest.mark.django_db
class TestLateNota:
    @pytest.mark.parametrize(
        "procedure,dagen,grens",
        [
            (Procedure.OPENBAAR, 10, ams(2026, 6, 20, 12)),
            (Procedure.NATIONAAL, 6, ams(2026, 6, 24, 12)),
        ],
    )
    def test_boundary_to_the_second(
        self, traject, medewerker, time_machine, procedure, dagen, grens
    ):
        traject.procedure = procedure
        traject.save()
        assert sel.nota_minimum_dagen(traject) == dagen
        assert sel.nota_uiterlijk_op(traject) == grens

        VraagFactory(traject=traject, beantwoord=True)
        time_machine.move_to(grens, tick=False)
        op_tijd = services.nota_publiceren(actor=medewerker, traject=traject)
        assert (op_tijd.te_laat, op_tijd.minimum_dagen) == (False, dagen)

        VraagFactory(traject=traject, beantwoord=True)
        time_machine.move_to(grens + timedelta(seconds=1), tick=False)
        laat = services.nota_publiceren(actor=medewerker, traject=traject)
        assert (laat.te_laat, laat.minimum_dagen) == (True, dagen)
        assert events(AuditEventType.NOTA_GEPUBLICEERD)[-1].detail["te_laat"] is True

    def test_uses_the_gemeente_setting(self, nu):
        gemeente = GemeenteFactory(nvi_minimum_dagen_eu=15)
        t = TrajectFactory(gemeente=gemeente, procedure=Procedure.DIALOOG)
        assert sel.nota_minimum_dagen(t) == 15

    def test_counted_on_the_amsterdam_wall_clock_across_summer_time(self, nu):
        t = TrajectFactory(procedure=Procedure.OPENBAAR, inschrijving_sluit=ams(2026, 4, 2, 12))
        # Summer time starts on 29 March 2026: ten days before 12:00 is still 12:00.
        assert sel.nota_uiterlijk_op(t) == ams(2026, 3, 23, 12)

    def test_no_bid_deadline_is_never_late(self, nu):
        t = TrajectFactory(inschrijving_sluit=None)
        assert sel.nota_te_laat(t) is False
