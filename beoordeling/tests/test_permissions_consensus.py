"""The consensus meeting's predicates (beoordeling.permissions, section consensus):
allowed, and refused with the reason the service raises, for each role and state."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.tests.factories import MedewerkerFactory
from beoordeling import permissions as p
from beoordeling.models import ConsensusOverleg
from beoordeling.tests.factories import BodFactory, verklaren
from beoordeling.tests.test_commissie_services import maak_wereld
from beoordeling.tests.test_consensus_services import met_voorzitter, plannen
from trajecten.tests.factories import PerceelFactory

pytestmark = pytest.mark.django_db

PLANNEN = "Only officers of the municipality plan the consensus meeting."
VASTLEGGEN = "Only the chair or an officer records the consensus."


@pytest.fixture
def w(gemeente, andere_gemeente, medewerker, burger):
    wereld = maak_wereld(gemeente, medewerker, biedingen=2, leden=3)
    voorzitter = met_voorzitter(wereld)
    wereld.extra.update(
        voorzitter_lid=voorzitter,
        voorzitter=voorzitter.user,
        anoniem=AnonymousUser(),
        burger=burger,
        andere=MedewerkerFactory(gemeente=andere_gemeente).user,
    )
    return wereld


def _refused(toestemming, reden, fout=NotAllowed):
    assert not toestemming
    assert toestemming.reden == _(reden)
    assert toestemming.fout is fout


def test_only_medewerkers_of_the_gemeente_plan_until_closed(w):
    assert p.mag_consensusoverleg_plannen(w.medewerker, w.traject, None)
    e = w.extra
    lid = w.leden[1].user
    for user in (e["anoniem"], e["burger"], lid, e["voorzitter"], e["andere"]):
        _refused(p.mag_consensusoverleg_plannen(user, w.traject, None), PLANNEN)
    overleg = plannen(w)
    assert p.mag_consensusoverleg_plannen(w.medewerker, w.traject, overleg)
    ConsensusOverleg.objects.filter(pk=overleg.pk).update(vastgesteld_op=overleg.gepland_op)
    overleg.refresh_from_db()
    _refused(
        p.mag_consensusoverleg_plannen(w.medewerker, w.traject, overleg),
        "The consensus of this stage is closed: nothing changes any more.",
        DomainError,
    )


def test_the_chair_and_medewerkers_record_the_consensus(w):
    bod = w.biedingen[0]
    assert p.mag_consensus_vastleggen(w.medewerker, w.traject, bod)
    assert p.mag_consensus_vastleggen(w.extra["voorzitter"], w.traject, bod)
    for user in (w.extra["anoniem"], w.extra["burger"], w.extra["andere"], w.leden[1].user):
        _refused(p.mag_consensus_vastleggen(user, w.traject, bod), VASTLEGGEN)


def test_the_chair_records_only_after_signing_and_submitting_without_a_conflict(w):
    voorzitter = w.extra["voorzitter"]
    # Issue 13: declarations are per lot: a bid of a lot the chair has not declared for.
    nieuw = BodFactory(perceel=PerceelFactory(traject=w.traject), ingediend=True)
    _refused(
        p.mag_consensus_vastleggen(voorzitter, w.traject, nieuw),
        "First sign the declaration for this bid.",
    )
    verklaren(actor=voorzitter, bod=nieuw, conflict=False)
    _refused(
        p.mag_consensus_vastleggen(voorzitter, w.traject, nieuw),
        "First submit your own assessment of this bid.",
    )
    gewraakt = BodFactory(perceel=PerceelFactory(traject=w.traject), ingediend=True)
    verklaren(actor=voorzitter, bod=gewraakt, conflict=True)
    _refused(
        p.mag_consensus_vastleggen(voorzitter, w.traject, gewraakt),
        "You declared a conflict of interest for this bid: you do not record its consensus.",
    )


def test_only_a_member_without_a_conflict_confirms_and_the_chair_first(w):
    """Issue 13, rule 6: the consensus belongs to the committee; an officer who is not on
    it never confirms it."""
    overleg = ConsensusOverleg(vastgesteld_op=None, aanwezigheid_vastgelegd_op=timezone.now())
    klaar = {
        "stemgerechtigd": True,
        "voorzitter_bevestigd": False,
        "al_bevestigd": False,
        "compleet": True,
        "alles_ingediend": True,
    }
    _refused(
        p.mag_consensus_bevestigen(w.medewerker, overleg, lid=None, **klaar),
        "Only members of the committee confirm the consensus.",
    )
    voorzitter = w.extra["voorzitter_lid"]
    assert p.mag_consensus_bevestigen(voorzitter.user, overleg, lid=voorzitter, **klaar)
    _refused(
        p.mag_consensus_bevestigen(w.leden[1].user, overleg, lid=voorzitter, **klaar),
        "Only members of the committee confirm the consensus.",
    )
    lid = w.leden[1]
    _refused(
        p.mag_consensus_bevestigen(lid.user, overleg, lid=lid, **klaar),
        "The chair confirms the consensus first. Then you are asked to confirm it.",
        DomainError,
    )
    assert p.mag_consensus_bevestigen(
        lid.user, overleg, lid=lid, **{**klaar, "voorzitter_bevestigd": True}
    )
    _refused(
        p.mag_consensus_bevestigen(
            lid.user, overleg, lid=lid, **{**klaar, "stemgerechtigd": False}
        ),
        "You declared a conflict of interest in this stage: you do not confirm its consensus.",
    )


def test_the_consensus_is_recorded_only_in_a_planned_open_meeting(db):
    geen = p.overleg_open(None)
    assert not geen and geen.reden == _("First plan the consensus meeting of this stage.")
    with pytest.raises(DomainError):
        geen.vereisen()
    open_ = ConsensusOverleg(vastgesteld_op=None)
    assert p.overleg_open(open_)
    gesloten = p.overleg_open(ConsensusOverleg(vastgesteld_op=timezone.now()))
    assert not gesloten
    assert gesloten.reden == _("The consensus of this stage is closed: nothing changes any more.")
