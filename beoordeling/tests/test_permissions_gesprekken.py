"""The conversations' predicates (beoordeling.permissions, section gesprekken): allowed,
and refused with the reason the service raises, for each role and state."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.tests.factories import MedewerkerFactory
from beoordeling import permissions as p
from beoordeling.tests.factories import BelangenverklaringFactory, CommissielidFactory
from beoordeling.tests.factories_gesprekken import (
    BodgesprekFactory,
    GespreksnotitieFactory,
    maak_wereld,
)

pytestmark = pytest.mark.django_db

PLANNEN = "Only officers of the municipality plan conversations with bidders."
CONFLICT = "You declared a conflict of interest for this bid: a colleague plans this."
AFGEROND = (
    "The final judgement has been made: the consensus of this stage is closed. "
    "Conversations and notes cannot be changed any more."
)
NOTEREN = (
    "Only officers and committee members who signed the declaration without a conflict for "
    "this bid can write notes."
)


@pytest.fixture
def w(gemeente, andere_gemeente, medewerker, burger):
    wereld = maak_wereld(gemeente, medewerker)
    wereld.extra.update(
        anoniem=AnonymousUser(),
        burger=burger,
        andere=MedewerkerFactory(gemeente=andere_gemeente).user,
        gesprek=BodgesprekFactory(bod=wereld.bod, gepland_door=medewerker),
    )
    return wereld


def _refused(toestemming, reden, fout=NotAllowed):
    assert not toestemming
    assert toestemming.reden == _(reden)
    assert toestemming.fout is fout


def _niet_medewerkers(w):
    e = w.extra
    return [
        e["anoniem"],
        e["burger"],
        w.bieder,
        w.lid.user,
        w.gewraakt.user,
        w.ongetekend.user,
        e["andere"],
    ]


def test_only_medewerkers_of_the_gemeente_plan(w):
    assert p.mag_gesprekken_plannen(w.medewerker, w.traject)
    assert p.mag_gesprek_plannen(w.medewerker, w.bod, afgerond=False)
    for user in _niet_medewerkers(w):
        _refused(p.mag_gesprekken_plannen(user, w.traject), PLANNEN)
        _refused(p.mag_gesprek_plannen(user, w.bod, afgerond=False), PLANNEN)


def test_a_medewerker_with_a_conflict_does_not_plan_that_bid(w):
    collega = MedewerkerFactory(gemeente=w.traject.gemeente).user
    lid = CommissielidFactory(traject=w.traject, user=collega, ambtenaar=True)
    BelangenverklaringFactory(commissielid=lid, bod=w.bod, conflict=True)
    _refused(p.mag_gesprek_plannen(collega, w.bod, afgerond=False), CONFLICT)
    # Issue 13: the conflict is for the whole lot.
    _refused(p.mag_gesprek_plannen(collega, w.coalitiebod, afgerond=False), CONFLICT)


def test_nothing_is_planned_once_the_consensus_is_closed(w):
    _refused(p.mag_gesprek_plannen(w.medewerker, w.bod, afgerond=True), AFGEROND, DomainError)


def test_notes_by_medewerkers_and_members_without_a_conflict(w):
    gesprek = w.extra["gesprek"]
    assert p.mag_notitie_toevoegen(w.medewerker, gesprek, afgerond=False)
    assert p.mag_notitie_toevoegen(w.lid.user, gesprek, afgerond=False)
    e = w.extra
    for user in (e["anoniem"], e["burger"], w.bieder, w.gewraakt.user, w.ongetekend.user):
        _refused(p.mag_notitie_toevoegen(user, gesprek, afgerond=False), NOTEREN)
    _refused(p.mag_notitie_toevoegen(e["andere"], gesprek, afgerond=False), NOTEREN)
    _refused(p.mag_notitie_toevoegen(w.lid.user, gesprek, afgerond=True), AFGEROND, DomainError)


def test_no_notes_on_a_cancelled_conversation(w):
    gesprek = BodgesprekFactory(bod=w.coalitiebod, geannuleerd=True)
    _refused(
        p.mag_notitie_toevoegen(w.lid.user, gesprek, afgerond=False),
        "This conversation has been cancelled. Notes cannot be added.",
        DomainError,
    )


def test_only_the_author_changes_a_note(w):
    notitie = GespreksnotitieFactory(gesprek=w.extra["gesprek"], auteur=w.lid.user)
    assert p.mag_notitie_wijzigen(w.lid.user, notitie, w.bod, afgerond=False)
    for user in (w.medewerker, w.gewraakt.user, w.bieder, w.extra["anoniem"]):
        _refused(
            p.mag_notitie_wijzigen(user, notitie, w.bod, afgerond=False),
            "You can only change your own notes.",
        )
    _refused(
        p.mag_notitie_wijzigen(w.lid.user, notitie, w.bod, afgerond=True), AFGEROND, DomainError
    )
    # An author who later declared a conflict for the bid no longer writes on it.
    eigen = GespreksnotitieFactory(gesprek=w.extra["gesprek"], auteur=w.gewraakt.user)
    _refused(p.mag_notitie_wijzigen(w.gewraakt.user, eigen, w.bod, afgerond=False), NOTEREN)
