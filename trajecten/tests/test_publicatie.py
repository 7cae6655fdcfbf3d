"""Publication, corrections and following: the services."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from aanbesteden.constants import AuditEventType, DocumentStatus
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent, Notificatie
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from trajecten import inhoud
from trajecten.constants import EisSoort, Fase, TrajectStatus, UitvraagAanleiding
from trajecten.models import Rectificatie, Toelichting, UitvraagVersie, Volger
from trajecten.selectors import publicatie as lezen
from trajecten.services import publicatie
from trajecten.tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    EisFactory,
    TrajectFactory,
    VolgerFactory,
    VraagFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db


def volledig_traject(gemeente, **kwargs):
    traject = TrajectFactory(gemeente=gemeente, volledig=True, **kwargs)
    traject.wijken.add(WijkFactory(gemeente=gemeente, naam="Woensel"))
    return traject


def klare_uitvraag(actor, traject, capture):
    """A draft version of the call, rendered at once (as the worker does after commit)."""
    with capture(execute=True):
        versie = publicatie.uitvraag_concept_maken(actor=actor, traject=traject)
    versie.document.refresh_from_db()
    assert versie.document.status == DocumentStatus.KLAAR, versie.document.fout
    return versie


def gepubliceerd_traject(actor, gemeente, capture):
    traject = volledig_traject(gemeente)
    klare_uitvraag(actor, traject, capture)
    return publicatie.traject_publiceren(actor=actor, traject=traject)


# Publication


def test_publication_lists_every_reason_it_is_refused(medewerker, gemeente):
    traject = TrajectFactory(gemeente=gemeente, actieve_fase=Fase.B)
    with pytest.raises(publicatie.NietPubliceerbaar) as exc:
        publicatie.traject_publiceren(actor=medewerker, traject=traject)
    redenen = exc.value.redenen
    assert len(redenen) > 5  # phase, missing sections, no call: all of them
    assert _("There is no call (uitvraag) yet: make one first.") in redenen
    assert any(str(Fase.B.label) in r for r in redenen)
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.CONCEPT
    assert not AuditEvent.objects.filter(event_type=AuditEventType.TRAJECT_GEPUBLICEERD).exists()


def test_publication_needs_a_ready_call(medewerker, gemeente, django_capture_on_commit_callbacks):
    traject = volledig_traject(gemeente)
    with django_capture_on_commit_callbacks(execute=False):
        publicatie.uitvraag_concept_maken(actor=medewerker, traject=traject)
    with pytest.raises(publicatie.NietPubliceerbaar) as exc:
        publicatie.traject_publiceren(actor=medewerker, traject=traject)
    assert exc.value.redenen == [
        _("The call (uitvraag) is still being made: try again in a minute.")
    ]


def test_publication_refuses_a_call_that_no_longer_matches(
    medewerker, gemeente, django_capture_on_commit_callbacks
):
    traject = volledig_traject(gemeente)
    klare_uitvraag(medewerker, traject, django_capture_on_commit_callbacks)
    traject.opgave = "Hoe vinden jongeren hun plek in de wijk?"
    traject.save()
    with pytest.raises(publicatie.NietPubliceerbaar) as exc:
        publicatie.traject_publiceren(actor=medewerker, traject=traject)
    assert exc.value.redenen == [_("The call (uitvraag) is no longer up to date: make a new one.")]
    nieuw = klare_uitvraag(medewerker, traject, django_capture_on_commit_callbacks)
    assert nieuw.versie == 2
    publicatie.traject_publiceren(actor=medewerker, traject=traject)


def test_open_proportionality_findings_block_until_explained(
    medewerker, gemeente, django_capture_on_commit_callbacks
):
    traject = volledig_traject(gemeente)
    # Guidance, not law (issue 13, rule 17): it can be explained.
    eis = EisFactory(traject=traject, soort=EisSoort.ERVARING_MA, omschrijving="Ervaring")
    klare_uitvraag(medewerker, traject, django_capture_on_commit_callbacks)
    with pytest.raises(publicatie.NietPubliceerbaar) as exc:
        publicatie.traject_publiceren(actor=medewerker, traject=traject)
    assert len(exc.value.redenen) == 1
    Toelichting.objects.create(
        traject=traject,
        code=f"ervaring_ma:{eis.pk}",
        tekst="Het fonds vraagt erom.",
        door=medewerker,
    )
    # The explanation is printed in the call, so the call must be made again.
    with pytest.raises(publicatie.NietPubliceerbaar) as exc:
        publicatie.traject_publiceren(actor=medewerker, traject=traject)
    assert exc.value.redenen == [_("The call (uitvraag) is no longer up to date: make a new one.")]
    klare_uitvraag(medewerker, traject, django_capture_on_commit_callbacks)
    publicatie.traject_publiceren(actor=medewerker, traject=traject)


def test_publication_makes_the_call_public(
    medewerker, gemeente, django_capture_on_commit_callbacks
):
    traject = volledig_traject(gemeente)
    versie = klare_uitvraag(medewerker, traject, django_capture_on_commit_callbacks)
    publicatie.traject_publiceren(actor=medewerker, traject=traject)
    traject.refresh_from_db()
    versie.refresh_from_db()
    versie.document.refresh_from_db()
    assert traject.status == TrajectStatus.GEPUBLICEERD
    assert traject.gepubliceerd_op is not None
    assert versie.openbaar and versie.document.openbaar
    assert versie.aanleiding == UitvraagAanleiding.PUBLICATIE
    event = AuditEvent.objects.get(event_type=AuditEventType.TRAJECT_GEPUBLICEERD)
    assert (event.from_state, event.to_state) == (TrajectStatus.CONCEPT, TrajectStatus.GEPUBLICEERD)
    assert event.detail["uitvraag_versie"] == 1
    assert event.detail["sha256"] == versie.document.sha256
    with pytest.raises(DomainError):
        publicatie.traject_publiceren(actor=medewerker, traject=traject)
    assert AuditEvent.objects.filter(event_type=AuditEventType.TRAJECT_GEPUBLICEERD).count() == 1


def test_only_medewerkers_of_the_gemeente_publish(
    medewerker, gemeente, andere_gemeente, burger, django_capture_on_commit_callbacks
):
    traject = volledig_traject(gemeente)
    klare_uitvraag(medewerker, traject, django_capture_on_commit_callbacks)
    for actor in (MedewerkerFactory(gemeente=andere_gemeente).user, burger):
        with pytest.raises(NotAllowed):
            publicatie.traject_publiceren(actor=actor, traject=traject)
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.CONCEPT


# Corrections


def _verschuif_deadline(traject, dagen=7):
    """What the opstellen part does: change, then compare the snapshots."""
    oud = inhoud.snapshot(traject)
    traject.inschrijving_sluit = traject.inschrijving_sluit + timedelta(days=dagen)
    traject.save()
    return inhoud.verschillen(oud, inhoud.snapshot(traject))


def _rectificeren(actor, traject, reden="Verlengd na een storing van het platform."):
    with transaction.atomic():
        wijzigingen = _verschuif_deadline(traject)
        return publicatie.rectificatie_publiceren(
            actor=actor, traject=traject, reden=reden, wijzigingen=wijzigingen
        )


def test_a_correction_needs_a_reason_and_a_change(
    medewerker, gemeente, django_capture_on_commit_callbacks
):
    traject = gepubliceerd_traject(medewerker, gemeente, django_capture_on_commit_callbacks)
    wijziging = [{"sectie": "planning", "veld": "x", "label": "x", "oud": "a", "nieuw": "b"}]
    with pytest.raises(DomainError):
        publicatie.rectificatie_publiceren(
            actor=medewerker, traject=traject, reden="  ", wijzigingen=wijziging
        )
    with pytest.raises(DomainError):
        publicatie.rectificatie_publiceren(
            actor=medewerker, traject=traject, reden="Storing", wijzigingen=[]
        )
    assert not Rectificatie.objects.exists()
    assert UitvraagVersie.objects.count() == 1


def test_a_correction_is_refused_for_drafts_and_other_gemeenten(medewerker, gemeente):
    wijziging = [{"sectie": "planning", "veld": "x", "label": "x", "oud": "a", "nieuw": "b"}]
    with pytest.raises(DomainError):
        publicatie.rectificatie_publiceren(
            actor=medewerker,
            traject=TrajectFactory(gemeente=gemeente),
            reden="Storing",
            wijzigingen=wijziging,
        )
    with pytest.raises(NotAllowed):
        publicatie.rectificatie_publiceren(
            actor=MedewerkerFactory().user,
            traject=TrajectFactory(gemeente=gemeente, gepubliceerd=True),
            reden="Storing",
            wijzigingen=wijziging,
        )
    assert not Rectificatie.objects.exists()


def test_a_correction_makes_a_new_public_version_and_keeps_the_old_ones(
    client, medewerker, gemeente, django_capture_on_commit_callbacks
):
    traject = gepubliceerd_traject(medewerker, gemeente, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        eerste = _rectificeren(medewerker, traject)
    with django_capture_on_commit_callbacks(execute=True):
        tweede = _rectificeren(medewerker, traject, reden="Nog een week erbij.")
    assert (eerste.nummer, tweede.nummer) == (1, 2)
    assert eerste.wijzigingen[0]["veld"] == "inschrijving_sluit"
    versies = list(UitvraagVersie.objects.filter(traject=traject).order_by("versie"))
    assert [(v.versie, v.aanleiding, v.openbaar) for v in versies] == [
        (1, UitvraagAanleiding.PUBLICATIE, True),
        (2, UitvraagAanleiding.RECTIFICATIE, True),
        (3, UitvraagAanleiding.RECTIFICATIE, True),
    ]
    assert eerste.uitvraag_versie == versies[1] and tweede.uitvraag_versie == versies[2]
    assert versies[2].inhoud_hash == inhoud.inhoud_hash(inhoud.snapshot(traject))
    events = AuditEvent.objects.filter(event_type=AuditEventType.RECTIFICATIE_GEPUBLICEERD)
    assert [e.detail["nummer"] for e in events.order_by("id")] == [1, 2]
    # Every version stays downloadable, for everyone, with its own hash.
    hashes = set()
    for versie in versies:
        versie.document.refresh_from_db()
        response = client.get(reverse("document_download", args=[versie.document.uuid]))
        assert response.status_code == 200
        assert response["X-Content-SHA256"] == versie.document.sha256
        hashes.add(versie.document.sha256)
    assert len(hashes) == 3


def test_a_correction_tells_each_person_exactly_once(
    medewerker, gemeente, mailoutbox, django_capture_on_commit_callbacks
):
    traject = gepubliceerd_traject(medewerker, gemeente, django_capture_on_commit_callbacks)
    alles = UserFactory(email="alles@voorbeeld.nl")  # follows, registered and asked
    VolgerFactory(traject=traject, user=alles)
    bijeenkomst = BijeenkomstFactory(traject=traject)
    AanmeldingFactory(bijeenkomst=bijeenkomst, user=alles)
    VraagFactory(traject=traject, gesteld_door=alles)
    volger = VolgerFactory(traject=traject).user
    aangemeld = AanmeldingFactory(bijeenkomst=bijeenkomst).user
    VolgerFactory(traject=traject, user=medewerker)  # the officer who acts is not told
    VolgerFactory(traject=TrajectFactory(gemeente=gemeente, gepubliceerd=True))  # elsewhere
    with django_capture_on_commit_callbacks(execute=True):
        rectificatie = _rectificeren(medewerker, traject)
    ontvangers = sorted(Notificatie.objects.values_list("user__email", flat=True))
    assert ontvangers == sorted([alles.email, volger.email, aangemeld.email])
    assert sorted(m.to[0] for m in mailoutbox) == ontvangers
    bericht = Notificatie.objects.get(user=alles)
    assert bericht.url == reverse("trajecten:rectificatie", args=[traject.pk, 1])
    assert rectificatie.reden in bericht.tekst


# Following


def test_following_is_idempotent_and_audited(burger, gemeente):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    assert publicatie.traject_volgen(actor=burger, traject=traject) is True
    assert publicatie.traject_volgen(actor=burger, traject=traject) is False
    assert Volger.objects.filter(traject=traject, user=burger).count() == 1
    assert lezen.volgt(burger, traject) is True
    assert publicatie.traject_ontvolgen(actor=burger, traject=traject) is True
    assert publicatie.traject_ontvolgen(actor=burger, traject=traject) is False
    assert not Volger.objects.exists()
    soorten = list(
        AuditEvent.objects.filter(target_id=str(traject.pk))
        .order_by("id")
        .values_list("event_type", flat=True)
    )
    assert soorten == [AuditEventType.TRAJECT_GEVOLGD, AuditEventType.TRAJECT_ONTVOLGD]


def test_drafts_cannot_be_followed_and_anonymous_visitors_cannot_follow(burger, gemeente):
    with pytest.raises(DomainError):
        publicatie.traject_volgen(actor=burger, traject=TrajectFactory(gemeente=gemeente))
    with pytest.raises(NotAllowed):
        publicatie.traject_volgen(
            actor=AnonymousUser(), traject=TrajectFactory(gemeente=gemeente, gepubliceerd=True)
        )
    assert not Volger.objects.exists()


def test_volgt_costs_one_query(burger, gemeente, django_assert_num_queries):
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    VolgerFactory(traject=traject, user=burger)
    with django_assert_num_queries(1):
        assert lezen.volgt(burger, traject) is True
    with django_assert_num_queries(0):
        assert lezen.volgt(AnonymousUser(), traject) is False
