"""Bid services: starting, the draft, attachments by content, submitting at the deadline
(one second before and after), two requests at once, the receipt, withdrawing."""

import io
import json
import threading
import zipfile
from datetime import datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import translation
from pypdf import PdfReader

from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import AuditEvent, Notificatie
from aanbesteden.tests.factories import GemeenteFactory, MedewerkerFactory, UserFactory
from beoordeling.constants import BodStatus, Ronde
from beoordeling.models import Bijlage, Bod, BodVersie
from beoordeling.services import bieden as s
from beoordeling.tests.factories import INHOUD, BodFactory
from coalities.constants import CoalitieStatus
from coalities.tests.factories import (
    CoalitieFactory,
    CoalitiePartnerFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
)
from trajecten.tests.factories import PerceelFactory, SchetsvraagFactory, TrajectFactory

AMS = ZoneInfo("Europe/Amsterdam")
SLUIT = datetime(2026, 12, 28, 12, 0, 0, tzinfo=AMS)
VOOR = SLUIT - timedelta(seconds=1)
NA = SLUIT + timedelta(seconds=1)
BEGIN = datetime(2026, 12, 1, 9, 0, tzinfo=AMS)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 300


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def maak_wereld(gemeente=None):
    """A published trajectory (bids close 28 December 2026 12:00) with two lots; a coalition
    led by A (accepted), with B accepted and C only invited; E outside it.

    Each organisation has an administrator and a plain member."""
    gemeente = gemeente or GemeenteFactory()
    traject = TrajectFactory(
        gemeente=gemeente,
        gepubliceerd=True,
        titel="Buurthuis De Boog",
        inschrijving_sluit=SLUIT,
        uitwerking_sluit=SLUIT + timedelta(days=60),
    )
    perceel = PerceelFactory(traject=traject, nummer=1, budget=Decimal("90000"))
    perceel2 = PerceelFactory(traject=traject, nummer=2, budget=Decimal("300000"))
    orgs, users = {}, {}
    for key in ("a", "b", "c", "e"):
        orgs[key] = OrganisatieFactory(naam=f"Organisatie {key.upper()}")
        users[f"{key}_beheerder"] = LidmaatschapFactory(organisatie=orgs[key], beheerder=True).user
        users[f"{key}_lid"] = LidmaatschapFactory(organisatie=orgs[key]).user
    coalitie = CoalitieFactory(traject=traject, naam="Samen in De Boog")
    coalitie.percelen.set([perceel, perceel2])
    CoalitiePartnerFactory(coalitie=coalitie, organisatie=orgs["a"], penvoerder=True)
    CoalitiePartnerFactory(coalitie=coalitie, organisatie=orgs["b"], geaccepteerd=True)
    CoalitiePartnerFactory(coalitie=coalitie, organisatie=orgs["c"])  # invited only
    return SimpleNamespace(
        gemeente=gemeente,
        traject=traject,
        perceel=perceel,
        perceel2=perceel2,
        coalitie=coalitie,
        users=users,
        **orgs,
        **users,
    )


def volledig(w):
    """The draft filled in completely, with a text per partner."""
    return {
        **INHOUD,
        "wie": [
            {"organisatie": w.a.pk, "partner": w.a.naam, "tekst": "Coördinatie."},
            {"organisatie": w.b.pk, "partner": w.b.naam, "tekst": "De ontvangst."},
        ],
    }


def maak_bod(w, **kwargs):
    kwargs.setdefault("concept", volledig(w))
    return BodFactory(
        perceel=w.perceel,
        traject=w.traject,
        organisatie=w.a,
        coalitie=w.coalitie,
        aangemaakt_door=w.a_beheerder,
        **kwargs,
    )


@pytest.fixture
def w(db, gemeente, time_machine):
    time_machine.move_to(BEGIN, tick=False)
    return maak_wereld(gemeente)


def events(bod, event_type=None):
    qs = AuditEvent.objects.filter(target_type="beoordeling.bod", target_id=str(bod.pk))
    if event_type:
        qs = qs.filter(event_type=event_type)
    return list(qs.order_by("pk"))


# --- starting ---------------------------------------------------------------------------------


def test_starting_as_lead_of_a_coalitie_and_a_double_click_give_the_same_draft(w):
    bod = s.bod_starten(
        actor=w.a_lid, traject=w.traject, perceel=w.perceel, organisatie=w.a, coalitie=w.coalitie
    )
    nogmaals = s.bod_starten(
        actor=w.a_lid, traject=w.traject, perceel=w.perceel, organisatie=w.a, coalitie=w.coalitie
    )
    assert nogmaals.pk == bod.pk
    assert bod.status == BodStatus.CONCEPT and bod.ronde == Ronde.HOOFDLIJNEN
    assert bod.coalitie == w.coalitie
    assert Bod.objects.count() == 1
    assert len(events(bod, AuditEventType.BOD_CONCEPT_OPGESLAGEN)) == 1


def test_starting_alone_and_the_rules(w, gemeente):
    bod = s.bod_starten(actor=w.e_beheerder, traject=w.traject, perceel=w.perceel, organisatie=w.e)
    assert bod.coalitie is None
    # Not a member of the organisation.
    with pytest.raises(NotAllowed):
        s.bod_starten(actor=w.e_beheerder, traject=w.traject, perceel=w.perceel, organisatie=w.b)
    # B is a partner, not the lead, of the coalition.
    with pytest.raises(NotAllowed):
        s.bod_starten(
            actor=w.b_beheerder,
            traject=w.traject,
            perceel=w.perceel,
            organisatie=w.b,
            coalitie=w.coalitie,
        )
    # A lot of another trajectory.
    with pytest.raises(DomainError):
        s.bod_starten(
            actor=w.a_beheerder, traject=w.traject, perceel=PerceelFactory(), organisatie=w.a
        )
    # A draft trajectory.
    concept = TrajectFactory(gemeente=gemeente, inschrijving_sluit=SLUIT)
    with pytest.raises(DomainError):
        s.bod_starten(
            actor=w.a_beheerder,
            traject=concept,
            perceel=PerceelFactory(traject=concept),
            organisatie=w.a,
        )
    # After the deadline (the request's moment decides).
    with pytest.raises(DomainError):
        s.bod_starten(
            actor=w.a_beheerder,
            traject=w.traject,
            perceel=w.perceel2,
            organisatie=w.a,
            ontvangen_op=SLUIT,
        )


def test_uitwerking_only_after_an_invitation(w):
    hoofdlijnen = maak_bod(w, ingediend=True)
    with pytest.raises(DomainError):
        s.bod_starten(
            actor=w.a_beheerder,
            traject=w.traject,
            perceel=w.perceel,
            organisatie=w.a,
            ronde=Ronde.UITWERKING,
        )
    # Invited in the officer's draft of the selection, not yet sent: still refused.
    Bod.objects.filter(pk=hoofdlijnen.pk).update(uitgenodigd_voor_uitwerking=True)
    with pytest.raises(DomainError):
        s.bod_starten(
            actor=w.a_beheerder,
            traject=w.traject,
            perceel=w.perceel,
            organisatie=w.a,
            ronde=Ronde.UITWERKING,
            ontvangen_op=NA,
        )
    Bod.objects.filter(pk=hoofdlijnen.pk).update(selectie_verstuurd_op=NA)
    uitwerking = s.bod_starten(
        actor=w.a_beheerder,
        traject=w.traject,
        perceel=w.perceel,
        organisatie=w.a,
        ronde=Ronde.UITWERKING,
        ontvangen_op=NA,  # after the outline deadline, before the elaborated one
    )
    assert uitwerking.ronde == Ronde.UITWERKING and uitwerking.coalitie == w.coalitie


# --- the draft --------------------------------------------------------------------------------


def test_concept_opslaan_by_partners_and_not_by_others(w):
    bod = maak_bod(w, concept={})
    s.concept_opslaan(actor=w.b_lid, bod=bod, stap="plan", gegevens={"plan": "Samen koken."})
    s.concept_opslaan(
        actor=w.a_lid,
        bod=bod,
        stap="globale_begroting",
        gegevens={"globale_begroting": {"totaal": "100.50", "regels": ""}, "plan": "x"},
    )
    bod.refresh_from_db()
    assert bod.concept == {
        "plan": "Samen koken.",
        "globale_begroting": {"totaal": "100.50", "regels": ""},
    }
    # Saving the same again writes nothing.
    s.concept_opslaan(actor=w.a_lid, bod=bod, stap="plan", gegevens={"plan": "Samen koken."})
    opgeslagen = events(bod, AuditEventType.BOD_CONCEPT_OPGESLAGEN)
    assert [e.detail for e in opgeslagen] == [{"stap": "plan"}, {"stap": "globale_begroting"}]
    # Issue 14, point 4: the outline does not ask the budget per partner and year.
    with pytest.raises(DomainError):
        s.concept_opslaan(actor=w.a_lid, bod=bod, stap="begroting", gegevens={"begroting": []})
    for user in (w.c_beheerder, w.e_beheerder, UserFactory()):
        with pytest.raises(NotAllowed):
            s.concept_opslaan(actor=user, bod=bod, stap="plan", gegevens={"plan": "Stiekem"})
    with pytest.raises(DomainError):
        s.concept_opslaan(actor=w.a_lid, bod=bod, stap="onbekend", gegevens={})


def test_after_the_deadline_nothing_changes(w):
    bod = maak_bod(w, ingediend=True)
    bijlage = s.bijlage_toevoegen(
        actor=w.a_lid, bod=bod, bestand=SimpleUploadedFile("plan.pdf", PDF), ontvangen_op=VOOR
    )
    with pytest.raises(DomainError):
        s.concept_opslaan(
            actor=w.a_lid, bod=bod, stap="plan", gegevens={"plan": "Te laat"}, ontvangen_op=SLUIT
        )
    with pytest.raises(DomainError):
        s.bijlage_toevoegen(
            actor=w.a_lid, bod=bod, bestand=SimpleUploadedFile("b.pdf", PDF), ontvangen_op=NA
        )
    with pytest.raises(DomainError):
        s.bijlage_verwijderen(actor=w.a_lid, bijlage=bijlage, ontvangen_op=NA)
    with pytest.raises(DomainError):
        s.bod_intrekken(actor=w.a_beheerder, bod=bod, ontvangen_op=NA)
    with pytest.raises(DomainError):
        s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=NA)
    bod.refresh_from_db()
    assert bod.status == BodStatus.INGEDIEND and bod.concept["plan"] == INHOUD["plan"]
    assert bod.versies.count() == 1


def test_sroi_is_a_condition_not_a_step_of_the_outline(w):
    """Issue 14, point 8: above the threshold social return is a condition of the
    agreement; the outline bid does not ask it and submits without it."""
    assert not s.sroi_vereist(w.traject, w.perceel)  # 90,000 < 250,000
    assert s.sroi_vereist(w.traject, w.perceel2)  # 300,000
    for perceel in (w.perceel, w.perceel2):
        slugs = [stap.slug for stap in s.stappen_voor(w.traject, perceel, Ronde.HOOFDLIJNEN)]
        assert "sroi" not in slugs
    bod = BodFactory(perceel=w.perceel2, traject=w.traject, organisatie=w.e, concept=dict(INHOUD))
    del bod.concept["sroi"]
    bod.save()
    assert s.bod_indienen(actor=w.e_beheerder, bod=bod, ontvangen_op=VOOR).nummer == 1
    with pytest.raises(DomainError):
        s.concept_opslaan(actor=w.e_lid, bod=bod, stap="sroi", gegevens={"sroi": "Leerplekken."})


def test_the_elaborated_plan_may_say_how_it_meets_social_return(w):
    """Issue 14, point 8: in the full plan an optional step, only where the condition holds."""
    boven = s.stappen_voor(w.traject, w.perceel2, Ronde.UITWERKING)
    sroi = next(stap for stap in boven if stap.slug == "sroi")
    assert not sroi.verplicht
    onder = s.stappen_voor(w.traject, w.perceel, Ronde.UITWERKING)
    assert "sroi" not in [stap.slug for stap in onder]
    assert s.ontbrekende_stappen(boven, volledig(w), [w.a, w.b]) == []


def test_the_outline_asks_the_plan_who_and_a_rough_budget(w):
    """Issue 14, point 4: exactly plan, wie and the rough budget (plus attachments)."""
    stappen = s.stappen_voor(w.traject, w.perceel, Ronde.HOOFDLIJNEN)
    assert [stap.slug for stap in stappen] == ["plan", "wie", "globale_begroting", "bijlagen"]
    assert stappen[0] is s.PLAN_IN_HOOFDLIJNEN


def test_the_elaborated_plan_asks_the_rest(w):
    stappen = s.stappen_voor(w.traject, w.perceel, Ronde.UITWERKING)
    assert [stap.slug for stap in stappen] == [
        "plan",
        "wie",
        "planning",
        "begroting",
        "financiering",
        "verdienmodel",
        "resultaten",
        "bijlagen",
    ]


def test_one_stage_the_bid_is_the_full_plan_with_the_own_questions(w):
    type(w.traject).objects.filter(pk=w.traject.pk).update(uitwerking_sluit=None)
    w.traject.refresh_from_db()
    SchetsvraagFactory(traject=w.traject, vraag="Wie kent u al in de wijk?")
    stappen = s.stappen_voor(w.traject, w.perceel, Ronde.HOOFDLIJNEN)
    assert [stap.slug for stap in stappen] == [
        "plan",
        "wie",
        "planning",
        "begroting",
        "financiering",
        "verdienmodel",
        "resultaten",
        "vragen",
        "bijlagen",
    ]


def test_own_questions_must_be_answered_in_the_outline(w):
    """Issue 14, point 4: a step "Questions of the municipality", required when the call
    has questions; the answer is kept with its question."""
    eerste = SchetsvraagFactory(traject=w.traject, vraag="Wie kent u al in de wijk?")
    tweede = SchetsvraagFactory(traject=w.traject, vraag="Hoe begint u klein?")
    stappen = s.stappen_voor(w.traject, w.perceel, Ronde.HOOFDLIJNEN)
    assert [stap.slug for stap in stappen] == [
        "plan",
        "wie",
        "globale_begroting",
        "vragen",
        "bijlagen",
    ]
    bod = maak_bod(w)
    with pytest.raises(DomainError) as exc:
        s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=VOOR)
    assert str(stappen[3].titel) in str(exc.value)
    antwoorden = [
        {"vraag": eerste.pk, "tekst": eerste.vraag, "antwoord": "De buurtvereniging."},
        {"vraag": tweede.pk, "tekst": tweede.vraag, "antwoord": ""},
    ]
    s.concept_opslaan(actor=w.a_lid, bod=bod, stap="vragen", gegevens={"vragen": antwoorden})
    with pytest.raises(DomainError):  # one answer missing
        s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=VOOR)
    antwoorden[1]["antwoord"] = "Met één middag per week."
    s.concept_opslaan(actor=w.a_lid, bod=bod, stap="vragen", gegevens={"vragen": antwoorden})
    versie = s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=VOOR)
    assert versie.inhoud["vragen"][1] == {
        "vraag": tweede.pk,
        "tekst": "Hoe begint u klein?",
        "antwoord": "Met één middag per week.",
    }


def test_the_rough_budget_is_a_total_or_a_few_lines(w):
    stap = next(st for st in s.STAPPEN if st.slug == "globale_begroting")
    assert s.stap_compleet(stap, {"globale_begroting": {"totaal": "45000", "regels": ""}}, [])
    assert s.stap_compleet(
        stap, {"globale_begroting": {"totaal": "", "regels": "Mensen € 30.000"}}, []
    )
    assert not s.stap_compleet(stap, {"globale_begroting": {"totaal": "", "regels": " "}}, [])
    assert not s.stap_compleet(stap, {}, [])


def test_completeness_names_what_is_missing(w):
    bod = maak_bod(w, concept={"plan": "Alleen een plan.", "wie": [{"organisatie": w.a.pk}]})
    with pytest.raises(DomainError) as exc:
        s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=VOOR)
    tekst = str(exc.value)
    titels = {st.slug: str(st.titel) for st in s.STAPPEN}
    assert titels["wie"] in tekst and titels["globale_begroting"] in tekst
    for slug in ("planning", "begroting", "financiering", "verdienmodel", "resultaten"):
        assert titels[slug] not in tekst
    assert str(s.PLAN_IN_HOOFDLIJNEN.titel) not in tekst  # the plan is complete
    assert not BodVersie.objects.exists()


# --- attachments ------------------------------------------------------------------------------


def test_bijlagen_are_checked_by_their_content(w):
    bod = maak_bod(w)
    docx = s.bijlage_toevoegen(
        actor=w.b_lid, bod=bod, bestand=SimpleUploadedFile("begroting.docx", docx_bytes())
    )
    assert docx.mime.endswith("wordprocessingml.document")
    assert len(docx.sha256) == 64 and docx.grootte == len(docx_bytes())
    assert not docx.bestand.name.endswith("begroting.docx")  # stored under a random name
    foto = s.bijlage_toevoegen(actor=w.a_lid, bod=bod, bestand=SimpleUploadedFile("F.JPG", b""
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64))  # fmt: skip
    assert foto.mime == "image/jpeg"

    # A PNG called .pdf: refused, and named for what it is.
    with pytest.raises(DomainError) as exc:
        s.bijlage_toevoegen(actor=w.a_lid, bod=bod, bestand=SimpleUploadedFile("plan.pdf", PNG))
    assert "PNG" in str(exc.value) and "plan.pdf" in str(exc.value)
    # A program renamed .pdf: refused.
    with pytest.raises(DomainError) as exc:
        s.bijlage_toevoegen(actor=w.a_lid, bod=bod, bestand=SimpleUploadedFile("plan.pdf", EXE))
    assert "EXE" in str(exc.value)
    # Plain text: refused.
    with pytest.raises(DomainError):
        s.bijlage_toevoegen(
            actor=w.a_lid, bod=bod, bestand=SimpleUploadedFile("plan.pdf", b"hallo" * 100)
        )
    # Not a bidder.
    with pytest.raises(NotAllowed):
        s.bijlage_toevoegen(
            actor=w.e_beheerder, bod=bod, bestand=SimpleUploadedFile("plan.pdf", PDF)
        )
    assert Bijlage.objects.filter(bod=bod).count() == 2
    detail = events(bod, AuditEventType.BOD_BIJLAGE_TOEGEVOEGD)[0].detail
    assert set(detail) == {"bijlage", "sha256", "grootte"}


def test_bijlagen_size(w):
    bod = maak_bod(w)
    te_groot = SimpleUploadedFile("groot.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(DomainError) as exc:
        s.bijlage_toevoegen(actor=w.a_lid, bod=bod, bestand=te_groot)
    assert "10 MB" in str(exc.value)
    for n in range(5):  # 5 x 10 MB already there
        Bijlage.objects.create(
            bod=bod,
            bestand=f"biedingen/x{n}.pdf",
            naam=f"x{n}.pdf",
            mime="application/pdf",
            grootte=10 * 1024 * 1024,
            sha256="0" * 64,
            geupload_door=w.a_lid,
        )
    with pytest.raises(DomainError) as exc:
        s.bijlage_toevoegen(actor=w.a_lid, bod=bod, bestand=SimpleUploadedFile("a.pdf", PDF))
    assert "50 MB" in str(exc.value)
    # Removing one makes room again.
    s.bijlage_verwijderen(actor=w.b_lid, bijlage=Bijlage.objects.filter(bod=bod).first())
    assert s.bijlage_toevoegen(actor=w.a_lid, bod=bod, bestand=SimpleUploadedFile("a.pdf", PDF))


# --- submitting -------------------------------------------------------------------------------


def test_submitting_one_second_before_the_deadline(w, django_capture_on_commit_callbacks):
    bod = maak_bod(w)
    s.bijlage_toevoegen(actor=w.a_lid, bod=bod, bestand=SimpleUploadedFile("plan.pdf", PDF))
    with django_capture_on_commit_callbacks(execute=True):
        versie = s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=VOOR)
    bod.refresh_from_db()
    assert bod.status == BodStatus.INGEDIEND
    assert versie.nummer == 1 and versie.ingediend_op == VOOR
    assert versie.inhoud["plan"] == INHOUD["plan"]
    assert [b["naam"] for b in versie.inhoud["bijlagen"]] == ["plan.pdf"]
    canoniek = json.dumps(versie.inhoud, sort_keys=True, ensure_ascii=False)
    assert versie.sha256 == s.hashlib.sha256(canoniek.encode()).hexdigest()
    # Issue 14, point 5: an outline bid of a two-stage trajectory does not lock the
    # coalition (partners may join or leave until the elaborated plan); the version keeps
    # the composition it was submitted with.
    w.coalitie.refresh_from_db()
    assert w.coalitie.status == CoalitieStatus.OPEN
    assert [(r["naam"], r["rol"]) for r in versie.samenstelling] == [
        ("Organisatie A", "penvoerder"),
        ("Organisatie B", "partner"),
    ]
    # Audited without content.
    (ingediend,) = events(bod, AuditEventType.BOD_INGEDIEND)
    assert ingediend.detail == {
        "versie": 1,
        "sha256": versie.sha256,
        "ingediend_op": VOOR.isoformat(),
    }
    alle = json.dumps([e.detail for e in events(bod)], ensure_ascii=False)
    for waarde in ("huiskamer", "Coördinatie", "plan.pdf", "40000", "maaltijd"):
        assert waarde not in alle


def test_submitting_one_second_after_the_deadline_is_too_late(w):
    bod = maak_bod(w)
    with pytest.raises(DomainError) as exc:
        s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=NA)
    tekst = str(exc.value)
    assert "12:00:00" in tekst and "12:00:01" in tekst and "2026" in tekst
    with pytest.raises(DomainError):
        s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=SLUIT)  # at it: too late
    bod.refresh_from_db()
    assert bod.status == BodStatus.CONCEPT and not bod.versies.exists()
    te_laat = events(bod, AuditEventType.BOD_TE_LAAT)
    assert len(te_laat) == 2
    assert te_laat[0].detail["ontvangen_op"] == NA.isoformat()
    w.coalitie.refresh_from_db()
    assert w.coalitie.status == CoalitieStatus.OPEN


def test_the_too_late_message_in_dutch_time():
    with translation.override("en"):
        tekst = s.te_laat_tekst(SLUIT, NA)
    assert "Monday 28 December 2026" in tekst and "12:00:00" in tekst and "12:00:01" in tekst


def test_only_an_administrator_of_the_lead_submits(w):
    bod = maak_bod(w)
    for user in (w.a_lid, w.b_beheerder, w.b_lid, w.c_beheerder, w.e_beheerder):
        with pytest.raises(NotAllowed):
            s.bod_indienen(actor=user, bod=bod, ontvangen_op=VOOR)
    assert not BodVersie.objects.exists()
    assert not events(bod, AuditEventType.BOD_TE_LAAT)


def test_a_double_click_makes_one_version_and_a_change_a_new_one(w):
    bod = maak_bod(w)
    eerste = s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=BEGIN)
    tweede = s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=BEGIN)
    assert tweede.pk == eerste.pk and bod.versies.count() == 1
    s.concept_opslaan(actor=w.b_lid, bod=bod, stap="plan", gegevens={"plan": "Beter plan."})
    gewijzigd = s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=VOOR)
    assert gewijzigd.nummer == 2 and gewijzigd.sha256 != eerste.sha256
    assert gewijzigd.ontvangstbewijs_id != eerste.ontvangstbewijs_id
    assert BodVersie.objects.get(pk=eerste.pk).inhoud["plan"] == INHOUD["plan"]  # kept
    assert len(events(bod, AuditEventType.BOD_INGEDIEND)) == 1
    (gewijzigd_event,) = events(bod, AuditEventType.BOD_GEWIJZIGD)
    assert gewijzigd_event.detail["versie"] == 2
    w.coalitie.refresh_from_db()
    assert w.coalitie.status == CoalitieStatus.OPEN  # an outline bid of two stages


def test_every_partner_is_told_without_the_content(
    w, mailoutbox, django_capture_on_commit_callbacks
):
    bod = maak_bod(w)
    tweede_beheerder = LidmaatschapFactory(organisatie=w.b, beheerder=True).user
    with django_capture_on_commit_callbacks(execute=True):
        s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=VOOR)
    ontvangers = set(Notificatie.objects.values_list("user_id", flat=True))
    assert ontvangers == {w.a_beheerder.pk, w.b_beheerder.pk, tweede_beheerder.pk}
    for notificatie in Notificatie.objects.all():
        assert notificatie.url == f"/beoordeling/biedingen/{bod.pk}/"
        assert "huiskamer" not in notificatie.tekst and "11:59:59" in notificatie.tekst
    assert {m.to[0] for m in mailoutbox} == {
        w.a_beheerder.email,
        w.b_beheerder.email,
        tweede_beheerder.email,
    }


def test_ontvangstbewijs_pdf_with_time_and_hash(w, django_capture_on_commit_callbacks):
    bod = maak_bod(w)
    bijlage = s.bijlage_toevoegen(
        actor=w.a_lid, bod=bod, bestand=SimpleUploadedFile("begroting.docx", docx_bytes())
    )
    with django_capture_on_commit_callbacks(execute=True):
        versie = s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=VOOR)
    versie.refresh_from_db()
    document = versie.ontvangstbewijs
    assert document.is_klaar and not document.openbaar and document.gemeente is None
    assert document.target_type == "beoordeling.bodversie"
    with document.bestand.open("rb") as f:
        tekst = "".join(page.extract_text() for page in PdfReader(f).pages)
    plat = "".join(tekst.split())
    assert "28december2026,11:59:59" in plat
    assert versie.sha256 in plat
    assert bijlage.sha256 in plat and "begroting.docx" in plat
    assert "Buurthuis" in tekst and "Organisatie A" in tekst
    # Issue 14, point 4: the parts of the outline stage, and not those of the full plan.
    assert "Globalebegroting" in plat and "Planophoofdlijnen" in plat
    assert "Financieringsbronnen" not in plat


def een_ronde(w):
    """The trajectory of `w` with one stage: its bid locks the coalition (issue 14, point 5)."""
    type(w.traject).objects.filter(pk=w.traject.pk).update(uitwerking_sluit=None)
    w.traject.uitwerking_sluit = None


def test_withdrawing_and_submitting_again(w):
    een_ronde(w)
    bod = maak_bod(w)
    with pytest.raises(DomainError):
        s.bod_intrekken(actor=w.a_beheerder, bod=bod, ontvangen_op=VOOR)  # nothing submitted
    s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=BEGIN)
    with pytest.raises(NotAllowed):
        s.bod_intrekken(actor=w.b_beheerder, bod=bod, ontvangen_op=VOOR)
    Notificatie.objects.all().delete()
    s.bod_intrekken(actor=w.a_beheerder, bod=bod, ontvangen_op=VOOR)
    bod.refresh_from_db()
    assert bod.status == BodStatus.INGETROKKEN
    assert len(events(bod, AuditEventType.BOD_INGETROKKEN)) == 1
    assert set(Notificatie.objects.values_list("user_id", flat=True)) == {
        w.a_beheerder.pk,
        w.b_beheerder.pk,
    }
    # The coalition opens again, for a new version.
    w.coalitie.refresh_from_db()
    assert w.coalitie.status == CoalitieStatus.OPEN and w.coalitie.versie == 2
    assert bod.versies.count() == 1
    # Submitting the same content again after withdrawing makes a new version.
    versie = s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=VOOR)
    assert versie.nummer == 2
    w.coalitie.refresh_from_db()
    assert w.coalitie.status == CoalitieStatus.VERGRENDELD


def test_withdrawing_leaves_the_coalitie_locked_while_another_bod_is_submitted(w):
    een_ronde(w)
    bod = maak_bod(w)
    ander = BodFactory(
        perceel=w.perceel2,
        traject=w.traject,
        organisatie=w.a,
        coalitie=w.coalitie,
        concept=dict(volledig(w), sroi="Leerplekken."),
    )
    s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=BEGIN)
    s.bod_indienen(actor=w.a_beheerder, bod=ander, ontvangen_op=BEGIN)
    s.bod_intrekken(actor=w.a_beheerder, bod=bod, ontvangen_op=VOOR)
    w.coalitie.refresh_from_db()
    assert w.coalitie.status == CoalitieStatus.VERGRENDELD


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_make_one_version(monkeypatch):
    monkeypatch.setattr("aanbesteden.documents.enqueue", lambda document_id: None)
    w = maak_wereld()
    bod = maak_bod(w)
    barrier = threading.Barrier(2)
    uitkomsten, fouten = [], []

    def indienen():
        try:
            barrier.wait()
            uitkomsten.append(s.bod_indienen(actor=w.a_beheerder, bod=bod, ontvangen_op=BEGIN).pk)
        except Exception as exc:  # noqa: BLE001
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=indienen) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert fouten == []
    assert BodVersie.objects.filter(bod=bod).count() == 1
    assert len(set(uitkomsten)) == 1
    assert AuditEvent.objects.filter(event_type=AuditEventType.BOD_INGEDIEND).count() == 1


def test_a_medewerker_can_do_nothing(w):
    bod = maak_bod(w)
    medewerker = MedewerkerFactory(gemeente=w.gemeente).user
    with pytest.raises(NotAllowed):
        s.concept_opslaan(actor=medewerker, bod=bod, stap="plan", gegevens={"plan": "x"})
    with pytest.raises(NotAllowed):
        s.bod_indienen(actor=medewerker, bod=bod, ontvangen_op=VOOR)
