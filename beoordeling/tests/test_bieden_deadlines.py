"""Reminders of unsubmitted drafts: 7 days, 1 day and 2 hours before the stage closes,
once each, only to the administrators of organisations with a draft."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aanbesteden import deadlines
from aanbesteden.models import Notificatie, VerzondenHerinnering
from aanbesteden.tests.factories import UserFactory
from beoordeling.constants import Ronde
from beoordeling.deadlines.bieden import BodConceptSource
from beoordeling.tests.factories import BodFactory
from beoordeling.tests.test_bieden_services import BEGIN, SLUIT, maak_bod, maak_wereld
from coalities.tests.factories import LidmaatschapFactory, OrganisatieFactory
from trajecten.tests.factories import PerceelFactory, TrajectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bron():
    source = deadlines.register(BodConceptSource())
    yield source
    deadlines._sources.pop(source.naam, None)


@pytest.fixture
def w(gemeente, time_machine):
    time_machine.move_to(BEGIN, tick=False)
    wereld = maak_wereld(gemeente)
    wereld.concept = maak_bod(wereld)  # a draft of A
    wereld.ingediend = BodFactory(  # E's bid is submitted: not reminded
        perceel=wereld.perceel, traject=wereld.traject, organisatie=wereld.e, ingediend=True
    )
    wereld.tweede_a = LidmaatschapFactory(organisatie=wereld.a, beheerder=True).user
    LidmaatschapFactory(
        organisatie=wereld.a, beheerder=True, user=UserFactory(is_active=False)
    )  # inactive: not reminded
    # A draft on a trajectory that is not published: not reminded.
    concept_traject = TrajectFactory(gemeente=gemeente, inschrijving_sluit=SLUIT)
    BodFactory(perceel=PerceelFactory(traject=concept_traject), organisatie=wereld.b)
    return wereld


def _sweep(time_machine, moment):
    """Only this source (trajecten and coalities remind others of the same deadline)."""
    time_machine.move_to(moment, tick=False)
    return deadlines._sweep_source(BodConceptSource(), moment)


def test_reminders_7d_1d_and_2h_before_once_and_only_for_drafts(w, bron, time_machine):
    verwacht = {w.a_beheerder.pk, w.tweede_a.pk}
    assert _sweep(time_machine, SLUIT - timedelta(days=8)) == 0
    for voor in (timedelta(days=7), timedelta(days=1), timedelta(hours=2)):
        Notificatie.objects.all().delete()
        assert _sweep(time_machine, SLUIT - voor + timedelta(minutes=1)) == 2
        assert set(Notificatie.objects.values_list("user_id", flat=True)) == verwacht
        notificatie = Notificatie.objects.first()
        assert notificatie.url == f"/beoordeling/biedingen/{w.concept.pk}/"
        assert "huiskamer" not in notificatie.tekst
        # Once: the next sweep sends nothing.
        assert _sweep(time_machine, SLUIT - voor + timedelta(minutes=6)) == 0
    assert VerzondenHerinnering.objects.count() == 6
    assert _sweep(time_machine, SLUIT + timedelta(minutes=1)) == 0


def test_a_submitted_bod_gets_no_reminder(w, bron, time_machine):
    w.concept.status = "ingediend"
    w.concept.save()
    assert _sweep(time_machine, SLUIT - timedelta(hours=1)) == 0


def test_the_uitwerking_follows_its_own_deadline(w, bron, time_machine):
    uitwerking = BodFactory(
        perceel=w.perceel2, traject=w.traject, organisatie=w.e, ronde=Ronde.UITWERKING
    )
    moment = w.traject.uitwerking_sluit
    time_machine.move_to(moment - timedelta(hours=1), tick=False)
    (deadline,) = list(bron.deadlines(van=moment - timedelta(days=1), tot=moment))
    assert deadline.sleutel == f"bod:{uitwerking.pk}"
    assert deadline.moment == moment
    assert {u.pk for u in deadline.ontvangers} == {w.e_beheerder.pk}


def test_recipients_without_a_query_per_row(w, bron):
    def aantal():
        with CaptureQueriesContext(connection) as ctx:
            list(bron.deadlines(van=BEGIN, tot=SLUIT + timedelta(days=1)))
        return len(ctx.captured_queries)

    weinig = aantal()
    for _ in range(10):
        organisatie = OrganisatieFactory()
        LidmaatschapFactory(organisatie=organisatie, beheerder=True)
        BodFactory(perceel=w.perceel, traject=w.traject, organisatie=organisatie)
    assert aantal() == weinig == 2
