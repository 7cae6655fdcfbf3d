"""The award's predicates (beoordeling.permissions, section gunning): allowed, and refused
with the reason the service raises, for each role and state."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from aanbesteden import weergave
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.tests.factories import MedewerkerFactory
from beoordeling import permissions as p
from beoordeling.constants import BezwaarSoort
from beoordeling.models import Gunning
from beoordeling.services import gunning as s
from beoordeling.tests.factories import CommissielidFactory
from beoordeling.tests.test_gunning_services import ams, besluiten, maak_wereld, versturen

pytestmark = pytest.mark.django_db

BEHEREN = "Only officers of the municipality decide on the award."
TOELICHTING = "Only officers of the municipality and the committee's chair can do this."


@pytest.fixture
def w(gemeente, andere_gemeente, medewerker, burger):
    wereld = maak_wereld(gemeente, medewerker)
    wereld.extra.update(
        anoniem=AnonymousUser(),
        burger=burger,
        lid=CommissielidFactory(traject=wereld.traject).user,
        voorzitter=CommissielidFactory(traject=wereld.traject, is_voorzitter=True).user,
        andere=MedewerkerFactory(gemeente=andere_gemeente).user,
    )
    return wereld


def _anderen(w):
    """Everyone but an officer of the trajectory's gemeente."""
    e = w.extra
    return [e["anoniem"], e["burger"], w.bieders[0], e["lid"], e["voorzitter"], e["andere"]]


def _refused(toestemming, reden, fout=NotAllowed):
    assert not toestemming
    assert toestemming.reden == _(reden)
    assert toestemming.fout is fout


def test_only_medewerkers_of_the_gemeente_manage_the_award(w):
    assert p.mag_gunning_beheren(w.medewerker, w.traject)
    for user in _anderen(w):
        _refused(p.mag_gunning_beheren(user, w.traject), BEHEREN)


def test_deciding_until_the_letters_are_sent(w):
    assert p.mag_besluiten(w.medewerker, w.traject, None)
    gunning = besluiten(w)
    assert p.mag_besluiten(w.medewerker, w.traject, gunning)
    for user in _anderen(w):
        _refused(p.mag_besluiten(user, w.traject, gunning), BEHEREN)
    gunning = versturen(w, ams(2026, 3, 2, 10, 0))
    _refused(
        p.mag_besluiten(w.medewerker, w.traject, gunning),
        "The letters have been sent. The decision cannot change.",
        DomainError,
    )


def test_sending_a_decided_unsent_decision(w):
    gunning = besluiten(w)
    assert p.mag_versturen(w.medewerker, gunning)
    for user in _anderen(w):
        _refused(p.mag_versturen(user, gunning), BEHEREN)
    gunning = versturen(w, ams(2026, 3, 2, 10, 0))
    _refused(
        p.mag_versturen(w.medewerker, gunning),
        "The letters have been sent. The decision cannot change.",
        DomainError,
    )


def test_objections_after_sending_until_signing(w, time_machine):
    gunning = besluiten(w)
    _refused(
        p.mag_bezwaar_vastleggen(w.medewerker, gunning),
        "An objection can be recorded only after the letters are sent.",
        DomainError,
    )
    gunning = versturen(w, ams(2026, 3, 2, 10, 0))
    assert p.mag_bezwaar_vastleggen(w.medewerker, gunning)
    for user in _anderen(w):
        _refused(p.mag_bezwaar_vastleggen(user, gunning), BEHEREN)
    bezwaar = s.bezwaar_vastleggen(
        actor=w.medewerker, gunning=gunning, omschrijving="Te kort.", ontvangen_op=ams(2026, 3, 3)
    )
    assert p.mag_bezwaar_afhandelen(w.medewerker, bezwaar)
    for user in _anderen(w):
        _refused(p.mag_bezwaar_afhandelen(user, bezwaar), BEHEREN)
    s.bezwaar_afhandelen(actor=w.medewerker, bezwaar=bezwaar, uitkomst="Ongegrond.")
    moment = ams(2026, 3, 24, 0, 0, 0)
    gunning = s.ondertekening_vastleggen(actor=w.medewerker, gunning=gunning, ontvangen_op=moment)
    _refused(
        p.mag_bezwaar_vastleggen(w.medewerker, gunning),
        "The agreement has been signed. No objection can be recorded.",
        DomainError,
    )


def test_signing_after_the_standstill_without_an_open_objection(w):
    gunning = besluiten(w)
    _refused(
        p.mag_ondertekenen(w.medewerker, gunning, ams(2026, 3, 1)),
        "First send the award letters to every bidder.",
        DomainError,
    )
    gunning = versturen(w, ams(2026, 3, 2, 10, 0))
    # Day 20 is Sunday 22 March: the standstill runs through Monday 23 March (Atw).
    laatste = ams(2026, 3, 23, 23, 59, 59)
    standstill = p.mag_ondertekenen(w.medewerker, gunning, laatste)
    assert not standstill and standstill.fout is DomainError
    assert "23 maart 2026" in standstill.reden or "23 March 2026" in standstill.reden
    vanaf = ams(2026, 3, 24, 0, 0, 0)
    assert p.mag_ondertekenen(w.medewerker, gunning, vanaf)
    for user in _anderen(w):
        _refused(p.mag_ondertekenen(user, gunning, vanaf), BEHEREN)
    # A complaint does not stop signing; a court case announced in time does.
    s.bezwaar_vastleggen(
        actor=w.medewerker, gunning=gunning, omschrijving="Te kort.", ontvangen_op=ams(2026, 3, 3)
    )
    gunning = Gunning.objects.get(pk=gunning.pk)
    assert p.mag_ondertekenen(w.medewerker, gunning, vanaf)
    s.bezwaar_vastleggen(
        actor=w.medewerker,
        gunning=gunning,
        soort=BezwaarSoort.KORT_GEDING,
        aangekondigd_op=date(2026, 3, 23),
        omschrijving="Dagvaarding",
        ontvangen_op=ams(2026, 3, 23, 15),
    )
    gunning = Gunning.objects.get(pk=gunning.pk)
    _refused(
        p.mag_ondertekenen(w.medewerker, gunning, vanaf),
        "A summary court case was announced within the standstill period. Nothing can be "
        "signed until the court's judgment is recorded.",
        DomainError,
    )


def test_signing_is_refused_once_recorded(w):
    besluiten(w)
    gunning = versturen(w, ams(2026, 3, 2, 10, 0))
    vanaf = ams(2026, 3, 24, 0, 0, 0)
    gunning = s.ondertekening_vastleggen(actor=w.medewerker, gunning=gunning, ontvangen_op=vanaf)
    getekend = p.mag_ondertekenen(w.medewerker, gunning, vanaf)
    assert not getekend and getekend.fout is DomainError
    assert getekend.reden == _("The agreement was signed on %(moment)s.") % {
        "moment": weergave.moment(vanaf)
    }


def test_the_explanation_by_medewerkers_and_the_chair(w):
    assert p.mag_toelichting_schrijven(w.medewerker, w.traject)
    assert p.mag_toelichting_schrijven(w.extra["voorzitter"], w.traject)
    for rol in ("anoniem", "burger", "lid", "andere"):
        _refused(p.mag_toelichting_schrijven(w.extra[rol], w.traject), TOELICHTING)
    _refused(p.mag_toelichting_schrijven(w.bieders[0], w.traject), TOELICHTING)
