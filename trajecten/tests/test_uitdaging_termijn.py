"""Right to challenge, issue 14 point 3: the decision term and criteria of the gemeente's
participation bylaw, on the pages, in the reminder to the officers, and in its settings."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib import admin
from django.test import RequestFactory
from django.utils import timezone

from aanbesteden import deadlines
from aanbesteden.models import Gemeente, Notificatie
from aanbesteden.termijnen import termijn_einde
from aanbesteden.tests.factories import MedewerkerFactory
from trajecten.constants import UitdagingStatus
from trajecten.deadlines import UitdagingTermijnSource, uitdaging_termijn_moment
from trajecten.services import uitdaging as services
from trajecten.tests.factories import UitdagingFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
S = UitdagingStatus
VOORSTEL = {
    "titel": "Groen in de Vlierstraat",
    "wat": "Wij onderhouden het groen.",
    "waar": "Woensel-Noord",
    "waarom": "Wij wonen er.",
    "wie": "Buren.",
    "nodig": "Het groenbudget.",
}


def test_the_default_term_is_eight_weeks(db):
    assert Gemeente._meta.get_field("uitdaging_beslistermijn_weken").default == 8


def test_the_term_is_set_at_submission_as_a_statutory_term(gemeente, burger):
    gemeente.uitdaging_beslistermijn_weken = 6
    gemeente.save()
    # Submitted on Friday 20 March 2026: day 42 is Friday 1 May 2026 (a working day).
    with time_machine.travel(datetime(2026, 3, 20, 10, 0, tzinfo=AMS)):
        uitdaging = services.uitdaging_indienen(actor=burger, gemeente=gemeente, **VOORSTEL)
    assert uitdaging.beslist_uiterlijk == termijn_einde(date(2026, 3, 20), 42) == date(2026, 5, 1)
    # Submitted on Saturday 28 March 2026: day 42 is Saturday 9 May: moved to Monday 11 May.
    with time_machine.travel(datetime(2026, 3, 28, 10, 0, tzinfo=AMS)):
        tweede = services.uitdaging_indienen(
            actor=burger, gemeente=gemeente, **{**VOORSTEL, "titel": "Ander voorstel"}
        )
    assert tweede.beslist_uiterlijk == date(2026, 5, 11)


def test_the_days_waiting_for_a_supplement_are_added(gemeente, medewerker, burger):
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=AMS)):
        uitdaging = services.uitdaging_indienen(actor=burger, gemeente=gemeente, **VOORSTEL)
        services.uitdaging_meer_informatie_vragen(actor=medewerker, uitdaging=uitdaging, vraag="?")
    eerst = uitdaging.beslist_uiterlijk
    with time_machine.travel(datetime(2026, 3, 12, 10, 0, tzinfo=AMS)):
        uitdaging = services.uitdaging_aanvullen(
            actor=burger, uitdaging=uitdaging, aanvulling="Ja."
        )
    assert uitdaging.beslist_uiterlijk >= eerst + timedelta(days=10)


def test_the_pages_show_the_term_criteria_and_when_it_is_exceeded(client, gemeente, burger):
    gemeente.uitdaging_criteria = "Goed voor de buurt, haalbaar, en niet duurder."
    gemeente.save()
    uitdaging = UitdagingFactory(
        gemeente=gemeente,
        indiener=burger,
        beslist_uiterlijk=timezone.localdate() + timedelta(days=3),
    )
    client.force_login(burger)
    html = client.get(uitdaging.get_absolute_url()).content.decode()
    assert 'id="uitdaging-termijn"' in html
    assert "Goed voor de buurt, haalbaar, en niet duurder." in html
    assert 'id="termijn-verstreken"' not in html
    html = client.get("/trajecten/uitdagen/").content.decode()
    assert 'data-termijn="eindhoven"' in html and 'data-criteria="eindhoven"' in html

    uitdaging.beslist_uiterlijk = timezone.localdate() - timedelta(days=1)
    uitdaging.save()
    html = client.get(uitdaging.get_absolute_url()).content.decode()
    assert 'id="termijn-verstreken"' in html
    # Decided: no longer exceeded, and no term shown.
    uitdaging.status = S.AFGEWEZEN
    uitdaging.save()
    html = client.get(uitdaging.get_absolute_url()).content.decode()
    assert 'id="termijn-verstreken"' not in html and 'id="uitdaging-termijn"' not in html


def test_the_medewerkers_are_reminded_before_the_term_ends(gemeente, andere_gemeente, burger):
    collega = MedewerkerFactory(gemeente=gemeente).user
    MedewerkerFactory(gemeente=andere_gemeente)
    laatste_dag = date(2026, 5, 1)
    wacht = UitdagingFactory(gemeente=gemeente, indiener=burger, beslist_uiterlijk=laatste_dag)
    UitdagingFactory(gemeente=gemeente, beslist_uiterlijk=laatste_dag, status=S.AFGEWEZEN)
    source = UitdagingTermijnSource()
    gevonden = list(
        source.deadlines(van=datetime(2026, 4, 1, tzinfo=AMS), tot=datetime(2026, 5, 2, tzinfo=AMS))
    )
    assert [d.target for d in gevonden] == [wacht]
    assert gevonden[0].ontvangers == (collega,)
    assert gevonden[0].moment == uitdaging_termijn_moment(wacht)
    # The sweep sends it once, the day before.
    deadlines.register(source)
    deadlines.sweep(now=datetime(2026, 4, 30, 9, 30, tzinfo=AMS))
    deadlines.sweep(now=datetime(2026, 4, 30, 9, 45, tzinfo=AMS))
    assert Notificatie.objects.filter(user=collega).count() == 1
    assert not Notificatie.objects.filter(user=burger).exists()


def test_the_settings_are_edited_where_the_gemeente_settings_are(beheerder):
    request = RequestFactory().get("/")
    request.user = beheerder
    form = admin.site._registry[Gemeente].get_form(request)
    assert {"uitdaging_beslistermijn_weken", "uitdaging_criteria"} <= set(form.base_fields)
