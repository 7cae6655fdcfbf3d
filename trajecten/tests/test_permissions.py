"""The predicates of trajecten.permissions: allowed, and refused with the reason users read,
for each role (officer of this gemeente, officer of another gemeente, resident, platform
administrator, anonymous visitor)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from aanbesteden import weergave
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from trajecten import permissions
from trajecten.constants import UitdagingStatus as S
from trajecten.tests.factories import AanmeldingFactory, TrajectFactory, UitdagingFactory

pytestmark = pytest.mark.django_db

ROLLEN = ["medewerker", "medewerker_elders", "burger", "beheerder", "anoniem"]


@pytest.fixture
def users(gemeente, andere_gemeente, medewerker, burger, beheerder):
    return {
        "medewerker": medewerker,
        "medewerker_elders": MedewerkerFactory(gemeente=andere_gemeente).user,
        "burger": burger,
        "beheerder": beheerder,
        "anoniem": AnonymousUser(),
    }


@pytest.fixture
def traject(gemeente):
    return TrajectFactory(gemeente=gemeente)


# Every officer action on a trajectory, with the reason an outsider reads.
MEDEWERKER_REGELS = [
    (permissions.mag_beheren, "Only officers of this municipality can change this trajectory."),
    (
        permissions.mag_traject_wijzigen,
        "Only officers of this municipality can change this trajectory.",
    ),
    (permissions.mag_uitvraag_maken, "Only officers of this municipality make the call."),
    (permissions.mag_publiceren, "Only officers of this municipality publish this trajectory."),
    (
        permissions.mag_rectificatie_publiceren,
        "Only officers of this municipality publish a correction.",
    ),
    (permissions.mag_bijeenkomst_plannen, "Only officers of this municipality plan sessions."),
    (permissions.mag_bijeenkomst_wijzigen, "Only officers of this municipality change sessions."),
    (permissions.mag_verslag_publiceren, "Only officers of this municipality publish reports."),
    (
        permissions.mag_vraag_beantwoorden,
        "Only officers of this municipality answer questions.",
    ),
    (permissions.mag_nota_publiceren, "Only officers of this municipality publish a nota."),
]


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize(("predicaat", "reden"), MEDEWERKER_REGELS)
def test_medewerker_actions_on_a_trajectory(users, traject, rol, predicaat, reden):
    toestemming = predicaat(users[rol], traject)
    if rol == "medewerker":
        assert toestemming
        toestemming.vereisen()
    else:
        assert not toestemming
        assert toestemming.reden == _(reden)
        with pytest.raises(NotAllowed, match=toestemming.reden):
            toestemming.vereisen()


@pytest.mark.parametrize("rol", ROLLEN)
def test_creating_a_trajectory_in_a_gemeente(users, gemeente, rol):
    toestemming = permissions.mag_traject_aanmaken(users[rol], gemeente)
    assert bool(toestemming) is (rol == "medewerker")
    if rol != "medewerker":
        assert toestemming.reden == _(
            "Only officers of this municipality create a trajectory here."
        )


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize(
    ("predicaat", "reden"),
    [
        (permissions.mag_volgen, "Log in to follow a trajectory."),
        (permissions.mag_vraag_stellen, "Log in to ask a question."),
        (permissions.mag_uitdaging_indienen, "Log in to submit a proposal."),
    ],
)
def test_actions_that_need_an_account(users, rol, predicaat, reden):
    toestemming = predicaat(users[rol])
    if rol == "anoniem":
        assert not toestemming and toestemming.reden == _(reden)
    else:
        assert toestemming


@pytest.mark.parametrize("rol", [*ROLLEN, "ingeschrevene"])
def test_only_the_registrant_cancels(users, traject, rol):
    ingeschrevene = UserFactory()
    aanmelding = AanmeldingFactory(bijeenkomst__traject=traject, user=ingeschrevene)
    user = ingeschrevene if rol == "ingeschrevene" else users[rol]
    toestemming = permissions.mag_afmelden(user, aanmelding)
    if rol == "ingeschrevene":
        assert toestemming
    else:
        assert not toestemming
        assert toestemming.reden == _("Only the person registered can cancel this registration.")


def test_cancelling_stops_when_the_session_starts(traject):
    ingeschrevene = UserFactory()
    aanmelding = AanmeldingFactory(bijeenkomst__traject=traject, user=ingeschrevene)
    begint_op = aanmelding.bijeenkomst.begint_op
    assert permissions.mag_afmelden(ingeschrevene, aanmelding, nu=begint_op - timedelta(minutes=1))
    toestemming = permissions.mag_afmelden(ingeschrevene, aanmelding, nu=begint_op)
    assert not toestemming
    assert toestemming.reden == _("This session has already started: you can no longer cancel.")
    with pytest.raises(DomainError):
        toestemming.vereisen()


# --- right to challenge -------------------------------------------------------------------------


@pytest.mark.parametrize("rol", [*ROLLEN, "indiener"])
def test_answering_and_supplementing_a_proposal(users, gemeente, rol):
    indiener = UserFactory()
    uitdaging = UitdagingFactory(gemeente=gemeente, indiener=indiener)
    user = indiener if rol == "indiener" else users[rol]

    beantwoorden = permissions.mag_uitdaging_beantwoorden(user, uitdaging)
    assert bool(beantwoorden) is (rol == "medewerker")
    assert permissions.is_uitdaging_medewerker(user, uitdaging) is (rol == "medewerker")
    if rol != "medewerker":
        assert beantwoorden.reden == _(
            "Only officers of this municipality can answer this proposal."
        )

    aanvullen = permissions.mag_uitdaging_aanvullen(user, uitdaging)
    assert bool(aanvullen) is (rol == "indiener")
    if rol != "indiener":
        assert aanvullen.reden == _("Only the person who submitted this proposal can add to it.")


@pytest.mark.parametrize(
    ("status", "actie", "reden"),
    [
        (S.OMGEZET, "afwijzen", "This proposal has already been accepted."),
        (S.AFGEWEZEN, "accepteren", "This proposal has already been declined."),
        (
            S.MEER_INFORMATIE,
            "meer_informatie_vragen",
            "More information has already been asked. Wait for the proposer's answer.",
        ),
        (S.INGEDIEND, "aanvullen", "The municipality has not asked for more information."),
    ],
)
def test_state_of_a_proposal_refuses_with_a_domain_error(gemeente, status, actie, reden):
    uitdaging = UitdagingFactory(gemeente=gemeente, status=status)
    toestemming = permissions.uitdaging_staat_toe(uitdaging, actie)
    assert not toestemming and toestemming.reden == _(reden)
    with pytest.raises(DomainError) as exc:
        toestemming.vereisen()
    assert not isinstance(exc.value, NotAllowed)


@pytest.mark.parametrize(
    ("rol", "status", "acties"),
    [
        ("medewerker", S.INGEDIEND, {"accepteren", "meer_informatie_vragen", "afwijzen"}),
        ("medewerker", S.MEER_INFORMATIE, {"accepteren", "afwijzen"}),
        ("medewerker", S.AFGEWEZEN, set()),
        ("indiener", S.INGEDIEND, set()),
        ("indiener", S.MEER_INFORMATIE, {"aanvullen"}),
        ("medewerker_elders", S.INGEDIEND, set()),
        ("burger", S.MEER_INFORMATIE, set()),
    ],
)
def test_the_answers_a_page_offers(users, gemeente, rol, status, acties):
    indiener = UserFactory()
    uitdaging = UitdagingFactory(gemeente=gemeente, indiener=indiener, status=status)
    user = indiener if rol == "indiener" else users[rol]
    assert permissions.uitdaging_acties(user, uitdaging) == acties


def test_questions_are_open_only_while_published_in_their_phase_and_before_the_deadline(gemeente):
    traject = TrajectFactory(gemeente=gemeente, volledig=True, gepubliceerd=True)
    sluit = traject.vragen_sluit
    assert permissions.vragen_open(traject, nu=sluit - timedelta(seconds=1))
    dicht = permissions.vragen_open(traject, nu=sluit)
    assert not dicht and weergave.moment(sluit, "l j F Y, H:i:s") in dicht.reden
    with pytest.raises(DomainError):
        dicht.vereisen()
    concept = TrajectFactory(gemeente=gemeente, volledig=True)
    assert permissions.vragen_open(concept).reden == _(
        "Questions can be asked once the trajectory is published."
    )
    zonder = TrajectFactory(gemeente=gemeente, gepubliceerd=True, vragen_sluit=None)
    assert permissions.vragen_open(zonder).reden == _(
        "There is no deadline for questions yet, so you cannot ask one."
    )
