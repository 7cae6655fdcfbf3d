"""Issue 11, point 7: officers on a committee follow the committee's rules, and a declared
conflict stops all access to that bid (`beoordeling.permissions`).

The world: two opened bids X and Y, a resident member who submitted both (with a telling
motivation per bid), an officer of the gemeente who also sits on the committee, and an
officer who does not. Each bid has its own marker in its content and its attachment.
"""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from aanbesteden.exceptions import NotAllowed
from aanbesteden.tests.factories import MedewerkerFactory
from beoordeling import permissions
from beoordeling.constants import Ronde
from beoordeling.models import Bijlage, BodVersie
from beoordeling.selectors import consensus as consensus_selectors
from beoordeling.selectors import gesprekken as gesprek_selectors
from beoordeling.selectors import kluis
from beoordeling.services import commissie as cs
from beoordeling.services import consensus as consensus_services
from beoordeling.tests.factories import CommissielidFactory, alles_verklaard, verklaren
from beoordeling.tests.factories_gesprekken import BodgesprekFactory, GespreksnotitieFactory
from beoordeling.tests.test_commissie_services import alles_scoren, maak_wereld
from beoordeling.tests.test_consensus_services import plannen
from trajecten.tests.factories import PerceelFactory

pytestmark = pytest.mark.django_db

HL = Ronde.HOOFDLIJNEN.value


def _markeren(bod, naam, uploader):
    """Give the bid's submitted version a marker in its content and an attachment with a
    marker in its name and bytes, frozen in that version."""
    inhoud = f"INHOUD-{naam}".encode()
    sha = hashlib.sha256(inhoud).hexdigest()
    bijlage = Bijlage.objects.create(
        bod=bod,
        bestand=SimpleUploadedFile(f"bijlage-{naam}.pdf", inhoud),
        naam=f"bijlage-{naam}.pdf",
        mime="application/pdf",
        grootte=len(inhoud),
        sha256=sha,
        geupload_door=uploader,
    )
    BodVersie.objects.filter(bod=bod).update(
        inhoud={"plan": f"PLAN-{naam}", "bijlagen": [{"naam": bijlage.naam, "sha256": sha}]}
    )
    return bijlage


@pytest.fixture
def w(gemeente, medewerker):
    wereld = maak_wereld(gemeente, medewerker, biedingen=2, leden=1)
    x, y = wereld.biedingen
    # Issue 13: a conflict is per lot, so X and Y are on two lots.
    y.perceel = PerceelFactory(traject=wereld.traject)
    y.save()
    alles_verklaard(medewerker, wereld.traject)
    (bewoner,) = wereld.leden
    for bod, naam in ((x, "X"), (y, "Y")):
        wereld.extra[f"bijlage_{naam}"] = _markeren(bod, naam, bod.aangemaakt_door)
        verklaren(actor=bewoner.user, bod=bod, conflict=False)
        for criterium in wereld.criteria:
            cs.score_opslaan(
                actor=bewoner.user,
                bod=bod,
                criterium=criterium,
                waarde=criterium.schaal_min,
                motivatie=f"SCORE-{naam}",
            )
        cs.beoordeling_indienen(actor=bewoner.user, bod=bod)
    ambtenaar = MedewerkerFactory(gemeente=gemeente).user
    wereld.extra["ambtenaar"] = ambtenaar
    wereld.extra["ambtenaar_lid"] = CommissielidFactory(
        traject=wereld.traject, user=ambtenaar, ambtenaar=True
    )
    plannen(wereld)
    return wereld


def _get(client, user, naam, *args):
    client.force_login(user)
    return client.get(reverse(f"beoordeling:{naam}", args=args))


def _bodblad(user, w, bod, lid):
    blad = consensus_selectors.consensusblad(user, w.traject, HL, lid=lid)
    return next(b for b in blad.bladen if b.bod.pk == bod.pk)


# --- the scores of the others ----------------------------------------------------------


def test_an_medewerker_on_the_committee_sees_the_others_scores_only_after_submitting(w):
    x, _y = w.biedingen
    ambtenaar, lid = w.extra["ambtenaar"], w.extra["ambtenaar_lid"]
    # Not signed yet: nothing but the name.
    assert permissions.toegang(ambtenaar, w.traject).staat(x) == permissions.VERKLAREN
    assert not kluis.mag_inhoud_zien(ambtenaar, x)
    assert not permissions.mag_scores_van_anderen_zien(ambtenaar, x)
    b = _bodblad(ambtenaar, w, x, lid)
    assert (b.staat, b.zichtbaar, b.rijen, b.leden) == (permissions.VERKLAREN, False, [], [])

    verklaren(actor=ambtenaar, bod=x, conflict=False)
    alles_scoren(lid, x, w.criteria)
    assert permissions.toegang(ambtenaar, w.traject).staat(x) == permissions.SCOREN
    assert not permissions.mag_scores_van_anderen_zien(ambtenaar, x)
    b = _bodblad(ambtenaar, w, x, lid)
    assert (b.staat, b.zichtbaar, b.rijen) == (permissions.SCOREN, False, [])
    # Scored: the content, yes (the committee's rule); the others' scores, no.
    assert kluis.mag_inhoud_zien(ambtenaar, x)

    cs.beoordeling_indienen(actor=ambtenaar, bod=x)
    assert permissions.mag_scores_van_anderen_zien(ambtenaar, x)
    b = _bodblad(ambtenaar, w, x, lid)
    assert b.staat == permissions.INGEDIEND and b.zichtbaar
    assert {s.motivatie for rij in b.rijen for s in rij.scores} == {"SCORE-X", "Goed plan."}


def test_the_pages_show_an_medewerker_on_the_committee_the_scores_only_after_submitting(client, w):
    x, _y = w.biedingen
    ambtenaar, lid = w.extra["ambtenaar"], w.extra["ambtenaar_lid"]
    assert _get(client, ambtenaar, "consensus_bod", x.pk).status_code == 404
    overleg = _get(client, ambtenaar, "consensus", w.traject.pk)
    assert overleg.status_code == 200
    assert "SCORE-X" not in overleg.content.decode()
    assert f'data-bod="{x.pk}" data-staat="verklaren"' in overleg.content.decode()

    verklaren(actor=ambtenaar, bod=x, conflict=False)
    alles_scoren(lid, x, w.criteria)
    assert _get(client, ambtenaar, "consensus_bod", x.pk).status_code == 404
    scoren = _get(client, ambtenaar, "scoren", x.pk)
    assert scoren.status_code == 200
    assert "PLAN-X" in scoren.content.decode() and "SCORE-X" not in scoren.content.decode()

    cs.beoordeling_indienen(actor=ambtenaar, bod=x)
    for naam in ("consensus_bod", "scoren"):
        response = _get(client, ambtenaar, naam, x.pk)
        assert response.status_code == 200 and "SCORE-X" in response.content.decode(), naam


def test_an_medewerker_not_on_the_committee_keeps_running_the_process(client, w, medewerker):
    x, y = w.biedingen
    for bod, naam in ((x, "X"), (y, "Y")):
        assert permissions.toegang(medewerker, w.traject).staat(bod) == permissions.INZIEN
        response = _get(client, medewerker, "consensus_bod", bod.pk)
        assert response.status_code == 200 and f"SCORE-{naam}" in response.content.decode()
    html = _get(client, medewerker, "geopende_biedingen", w.traject.pk).content.decode()
    assert "PLAN-X" in html and "PLAN-Y" in html


def test_an_medewerker_on_the_committee_records_the_consensus_only_after_submitting(w):
    x, _y = w.biedingen
    ambtenaar, lid = w.extra["ambtenaar"], w.extra["ambtenaar_lid"]
    criterium = w.criteria[0]

    def vastleggen():
        with translation.override("en"):
            return consensus_services.consensus_score_vastleggen(
                actor=ambtenaar, bod=x, criterium=criterium, waarde=5, motivatie="Afgesproken."
            )

    with pytest.raises(NotAllowed, match="declaration"):
        vastleggen()
    verklaren(actor=ambtenaar, bod=x, conflict=False)
    alles_scoren(lid, x, w.criteria)
    with pytest.raises(NotAllowed, match="own assessment"):
        vastleggen()
    cs.beoordeling_indienen(actor=ambtenaar, bod=x)
    assert vastleggen().waarde == 5


# --- a declared conflict ------------------------------------------------------------------


@pytest.fixture
def gewraakt(w):
    """The officer on the committee declares a conflict for X's lot and none for Y's (and submits
    Y); a conversation about each bid has a note."""
    x, y = w.biedingen
    ambtenaar, lid = w.extra["ambtenaar"], w.extra["ambtenaar_lid"]
    verklaren(actor=ambtenaar, bod=x, conflict=True)
    verklaren(actor=ambtenaar, bod=y, conflict=False)
    alles_scoren(lid, y, w.criteria)
    cs.beoordeling_indienen(actor=ambtenaar, bod=y)
    for bod, naam in ((x, "X"), (y, "Y")):
        gesprek = BodgesprekFactory(bod=bod, gepland_door=w.medewerker)
        GespreksnotitieFactory(gesprek=gesprek, auteur=w.leden[0].user, tekst=f"NOTITIE-{naam}")
        w.extra[f"gesprek_{naam}"] = gesprek
    return w


def test_a_conflict_stops_every_read_of_that_bid_in_the_selectors(gewraakt):
    w = gewraakt
    x, y = w.biedingen
    ambtenaar = w.extra["ambtenaar"]
    recht = permissions.toegang(ambtenaar, w.traject)
    assert recht.staat(x) == permissions.CONFLICT and recht.staat(y) == permissions.INGEDIEND
    # The vault: no content, no attachments, not in the list of readable bids.
    assert not kluis.mag_inhoud_zien(ambtenaar, x)
    assert kluis.inhoud_van(ambtenaar, x) is None
    assert kluis.bijlagen_van(ambtenaar, x) == []
    assert not kluis.versies_voor(ambtenaar, x).exists()
    with pytest.raises(Bijlage.DoesNotExist):
        kluis.bijlage_voor(ambtenaar, w.extra["bijlage_X"].pk)
    leesbaar = {b.pk for b in kluis.inzichtelijke_biedingen(ambtenaar, w.traject, HL)}
    assert leesbaar == {y.pk}
    # Scores and consensus.
    assert not permissions.mag_scores_van_anderen_zien(ambtenaar, x)
    b = _bodblad(ambtenaar, w, x, w.extra["ambtenaar_lid"])
    assert (b.staat, b.zichtbaar, b.rijen, b.leden) == (permissions.CONFLICT, False, [], [])
    with translation.override("en"), pytest.raises(NotAllowed, match="conflict"):
        consensus_services.consensus_score_vastleggen(
            actor=ambtenaar, bod=x, criterium=w.criteria[0], waarde=5, motivatie="Afgesproken."
        )
    # The conversation and its notes.
    assert not gesprek_selectors.mag_gesprek_zien(ambtenaar, x)
    # Bid Y stays as before.
    assert kluis.inhoud_van(ambtenaar, y)["plan"] == "PLAN-Y"
    assert kluis.bijlage_voor(ambtenaar, w.extra["bijlage_Y"].pk).bod_id == y.pk
    assert gesprek_selectors.mag_gesprek_zien(ambtenaar, y)


def test_a_conflict_stops_every_page_and_download_of_that_bid(client, gewraakt):
    w = gewraakt
    x, y = w.biedingen
    ambtenaar = w.extra["ambtenaar"]
    client.force_login(ambtenaar)
    for naam, args in (
        ("scoren", [x.pk]),
        ("consensus_bod", [x.pk]),
        ("bijlage", [w.extra["bijlage_X"].pk]),
        ("gesprek", [w.extra["gesprek_X"].pk]),
    ):
        assert client.get(reverse(f"beoordeling:{naam}", args=args)).status_code == 404, naam
    for naam, args in (
        ("scoren", [y.pk]),
        ("consensus_bod", [y.pk]),
        ("bijlage", [w.extra["bijlage_Y"].pk]),
        ("gesprek", [w.extra["gesprek_Y"].pk]),
    ):
        assert client.get(reverse(f"beoordeling:{naam}", args=args)).status_code == 200, naam
    # The pages with every bid: nothing of X, Y as it was.
    for naam in ("geopende_biedingen", "consensus", "gesprekken", "commissie_biedingen"):
        response = client.get(reverse(f"beoordeling:{naam}", args=[w.traject.pk]))
        html = response.content.decode()
        assert response.status_code == 200, naam
        for merk in ("PLAN-X", "bijlage-X", "SCORE-X", "NOTITIE-X"):
            assert merk not in html, (naam, merk)
    html = client.get(reverse("beoordeling:geopende_biedingen", args=[w.traject.pk]))
    assert "PLAN-Y" in html.content.decode()
    html = client.get(reverse("beoordeling:consensus", args=[w.traject.pk])).content.decode()
    assert f'data-bod="{x.pk}" data-staat="conflict"' in html and "SCORE-Y" in html
    html = client.get(reverse("beoordeling:bijlage", args=[w.extra["bijlage_Y"].pk]))
    assert b"".join(html.streaming_content) == b"INHOUD-Y"
