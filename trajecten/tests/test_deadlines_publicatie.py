"""Reminders of phase A: question deadline, bid deadlines and sessions, each person once."""

from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aanbesteden import deadlines
from aanbesteden.models import Notificatie, VerzondenHerinnering
from aanbesteden.tests.factories import MedewerkerFactory, UserFactory
from trajecten.deadlines import (
    BijeenkomstSource,
    InschrijvingSluitSource,
    UitwerkingSluitSource,
    VragenSluitSource,
)
from trajecten.tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    TrajectFactory,
    VolgerFactory,
    VraagFactory,
)

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


def ams(*args):
    return datetime(*args, tzinfo=AMS)


@pytest.fixture
def wereld(gemeente):
    teammedewerker = MedewerkerFactory(gemeente=gemeente, user__email="team@eindhoven.nl").user
    traject = TrajectFactory(
        gemeente=gemeente,
        gepubliceerd=True,
        titel="Buurthuis",
        vragen_sluit=ams(2026, 6, 10, 12),
        inschrijving_sluit=ams(2026, 6, 20, 12),
        uitwerking_sluit=ams(2026, 7, 20, 12),
    )
    volger = VolgerFactory(traject=traject, user__email="volger@voorbeeld.nl").user
    bijeenkomst = BijeenkomstFactory(
        traject=traject,
        titel="Informatieavond",
        begint_op=ams(2026, 6, 15, 19),
        eindigt_op=ams(2026, 6, 15, 21),
    )
    aangemeld = AanmeldingFactory(bijeenkomst=bijeenkomst, user__email="aangemeld@voorbeeld.nl")
    vrager = VraagFactory(traject=traject, gesteld_door__email="vrager@voorbeeld.nl").gesteld_door
    # One person who follows, registered and asked: one message per reminder.
    alles = UserFactory(email="alles@voorbeeld.nl")
    VolgerFactory(traject=traject, user=alles)
    AanmeldingFactory(bijeenkomst=bijeenkomst, user=alles)
    VraagFactory(traject=traject, gesteld_door=alles)
    VraagFactory(traject=traject, gesteld_door=alles)
    # The officer also follows: for the bid deadline they get the team's message only.
    VolgerFactory(traject=traject, user=teammedewerker)
    # Not reminded: a draft with the same dates, a follower of another trajectory,
    # an inactive follower.
    concept = TrajectFactory(
        gemeente=gemeente,
        vragen_sluit=ams(2026, 6, 10, 12),
        inschrijving_sluit=ams(2026, 6, 20, 12),
        uitwerking_sluit=ams(2026, 7, 20, 12),
    )
    VolgerFactory(traject=concept, user__email="concept@voorbeeld.nl")
    AanmeldingFactory(
        bijeenkomst=BijeenkomstFactory(
            traject=concept, begint_op=ams(2026, 6, 15, 19), eindigt_op=ams(2026, 6, 15, 21)
        ),
        user__email="concept-aangemeld@voorbeeld.nl",
    )
    VolgerFactory(traject=traject, user__email="weg@voorbeeld.nl", user__is_active=False)
    return {
        "traject": traject,
        "bijeenkomst": bijeenkomst,
        "teammedewerker": teammedewerker,
        "volger": volger,
        "aangemeld": aangemeld.user,
        "vrager": vrager,
        "alles": alles,
    }


def _ontvangen(onderwerp_begint):
    return Counter(
        Notificatie.objects.filter(onderwerp__startswith=onderwerp_begint).values_list(
            "user__email", flat=True
        )
    )


BELANGHEBBENDEN = {
    "volger@voorbeeld.nl",
    "aangemeld@voorbeeld.nl",
    "vrager@voorbeeld.nl",
    "alles@voorbeeld.nl",
    "team@eindhoven.nl",
}


def test_question_deadline_and_session_remind_once_each(wereld, time_machine):
    # 9 June 12:00: one day before questions close; 6 days before the session.
    time_machine.move_to(ams(2026, 6, 9, 12, 0), tick=False)
    assert deadlines.sweep() == 5 + 2
    assert deadlines.sweep() == 0
    sleutels = set(VerzondenHerinnering.objects.values_list("sleutel", flat=True))
    assert any(s.startswith("trajecten.vragen_sluit:") and "PT86400S" in s for s in sleutels)
    assert any(s.startswith("trajecten.bijeenkomst:") and "PT604800S" in s for s in sleutels)
    per_persoon = Counter(VerzondenHerinnering.objects.values_list("user__email", flat=True))
    assert per_persoon == Counter(
        {
            "volger@voorbeeld.nl": 1,
            "vrager@voorbeeld.nl": 1,
            "team@eindhoven.nl": 1,
            "aangemeld@voorbeeld.nl": 2,  # questions close; the session
            "alles@voorbeeld.nl": 2,
        }
    )
    bericht = Notificatie.objects.filter(
        user=wereld["vrager"], onderwerp__contains="Buurthuis"
    ).get()
    assert "woensdag 10 juni 2026, 12:00" in bericht.tekst
    sessie = Notificatie.objects.filter(
        user=wereld["aangemeld"], onderwerp__contains="Informatieavond"
    ).get()
    assert "maandag 15 juni 2026, 19:00" in sessie.tekst
    assert "Wijkcentrum De Boomgaard" in sessie.tekst


def test_bid_deadlines_remind_team_and_interested_parties_once(wereld, time_machine):
    # 13 June 12:00: seven days before the outline bids close (questions closed already).
    time_machine.move_to(ams(2026, 6, 13, 12, 0), tick=False)
    deadlines.sweep()
    VerzondenHerinnering.objects.all().delete()
    Notificatie.objects.all().delete()
    time_machine.move_to(ams(2026, 6, 19, 12, 0), tick=False)  # one day before
    assert deadlines.sweep() == 5
    assert deadlines.sweep() == 0
    ontvangers = Counter(VerzondenHerinnering.objects.values_list("user__email", flat=True))
    assert ontvangers == Counter(dict.fromkeys(BELANGHEBBENDEN, 1))
    team = Notificatie.objects.get(user=wereld["teammedewerker"])
    bieder = Notificatie.objects.get(user=wereld["volger"])
    assert team.tekst != bieder.tekst  # the team's message is about the opening of the bids
    assert "vrijdag 19 juni 2026" not in bieder.tekst
    assert "zaterdag 20 juni 2026, 12:00" in bieder.tekst

    time_machine.move_to(ams(2026, 7, 19, 12, 0), tick=False)  # elaborated bids
    assert deadlines.sweep() == 5
    assert deadlines.sweep() == 0


def test_sessions_remind_the_registered_one_day_before_and_again_when_moved(wereld, time_machine):
    time_machine.move_to(ams(2026, 6, 14, 19, 0), tick=False)
    deadlines.sweep()
    sessie = set(
        VerzondenHerinnering.objects.filter(sleutel__startswith="trajecten.bijeenkomst:")
        .filter(sleutel__endswith="PT86400S")
        .values_list("user__email", flat=True)
    )
    assert sessie == {"aangemeld@voorbeeld.nl", "alles@voorbeeld.nl"}
    assert deadlines.sweep() == 0
    bijeenkomst = wereld["bijeenkomst"]
    bijeenkomst.begint_op = ams(2026, 6, 15, 20)
    bijeenkomst.eindigt_op = ams(2026, 6, 15, 22)
    bijeenkomst.save()
    time_machine.move_to(ams(2026, 6, 14, 20, 0), tick=False)
    assert deadlines.sweep() == 2


def test_drafts_and_passed_deadlines_remind_nobody(wereld, time_machine):
    time_machine.move_to(ams(2026, 6, 9, 12, 0), tick=False)
    deadlines.sweep()
    time_machine.move_to(ams(2026, 6, 19, 12, 0), tick=False)
    deadlines.sweep()
    time_machine.move_to(ams(2026, 7, 19, 12, 0), tick=False)
    deadlines.sweep()
    ontvangers = set(Notificatie.objects.values_list("user__email", flat=True))
    assert "concept@voorbeeld.nl" not in ontvangers
    assert "concept-aangemeld@voorbeeld.nl" not in ontvangers
    assert "weg@voorbeeld.nl" not in ontvangers
    time_machine.move_to(ams(2026, 7, 20, 12, 0, 1), tick=False)
    assert deadlines.sweep() == 0


@pytest.mark.parametrize(
    "source", [VragenSluitSource, InschrijvingSluitSource, UitwerkingSluitSource, BijeenkomstSource]
)
def test_recipients_are_gathered_without_queries_per_row(
    gemeente, source, django_assert_num_queries
):
    van, tot = ams(2026, 6, 1), ams(2026, 8, 1)

    def maak(n):
        for i in range(n):
            traject = TrajectFactory(
                gemeente=gemeente,
                gepubliceerd=True,
                vragen_sluit=ams(2026, 6, 10, 12),
                inschrijving_sluit=ams(2026, 6, 20, 12),
                uitwerking_sluit=ams(2026, 7, 20, 12),
            )
            VolgerFactory(traject=traject)
            VraagFactory(traject=traject)
            AanmeldingFactory(
                bijeenkomst=BijeenkomstFactory(
                    traject=traject,
                    begint_op=ams(2026, 6, 15, 19) + timedelta(hours=i),
                    eindigt_op=ams(2026, 6, 15, 21) + timedelta(hours=i),
                )
            )

    MedewerkerFactory(gemeente=gemeente)
    maak(2)
    with CaptureQueriesContext(connection) as weinig:
        klein = list(source().deadlines(van=van, tot=tot))
    maak(10)
    with django_assert_num_queries(len(weinig.captured_queries)):
        groot = list(source().deadlines(van=van, tot=tot))
    assert len(groot) > len(klein)
    assert all(d.ontvangers for d in groot)
