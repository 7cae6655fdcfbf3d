"""The award (issue 6, item 8): the decision per lot, the letters to every bidder at one
moment, the standstill, objections, the signing, and the committee's explanation to the
neighbourhood.

Every transition locks the trajectory's row first (`traject_vergrendeld`), then the
decision, checks the state, and writes its audit event in the same transaction; PDFs are
rendered and e-mails sent after commit. Events are recorded on the trajectory (the
officers' timeline), never with bid content.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aanbesteden import notifications, weergave
from aanbesteden.exceptions import DomainError
from beoordeling import events, permissions, standstill
from beoordeling.constants import BezwaarSoort
from beoordeling.documents.gunning import brief_aanvragen
from beoordeling.models import Bezwaar, Bod, Gunning, Gunningsbrief
from beoordeling.selectors import consensus as consensus_selectors
from beoordeling.selectors import gunning as selectors
from beoordeling.selectors.bieden import mensen_van_biedingen
from trajecten.services import traject_vergrendeld

if TYPE_CHECKING:
    from aanbesteden.models import User
    from trajecten.models import Perceel, Traject

BRIEF_MAIL = "beoordeling/mail/gunning_brief.txt"


def _tekst(waarde: str | None) -> str:
    return (waarde or "").strip()


def _gunning_vergrendeld(gunning: Gunning) -> tuple[Traject, Gunning]:
    """The trajectory's row, then the decision's, locked (in that order, everywhere)."""
    traject = traject_vergrendeld(gunning.traject)
    gunning = (
        Gunning.objects.select_for_update(of=("self",))
        .select_related("perceel", "winnend_bod__organisatie", "winnend_bod__coalitie")
        .get(pk=gunning.pk)
    )
    gunning.traject = traject
    return traject, gunning


# --- the decision ----------------------------------------------------------------------


def gunning_besluiten(
    *, actor: User, perceel: Perceel, winnend_bod: Bod | None, motivatie: str, kenmerken: str
) -> Gunning:
    """An officer records (or, until the letters are sent, changes) the award decision for
    one lot: the winning bid among the lot's candidates, the reasons, and the features and
    advantages of the winning bid. Saving the same again changes nothing."""
    motivatie, kenmerken = _tekst(motivatie), _tekst(kenmerken)
    with transaction.atomic():
        traject = traject_vergrendeld(perceel.traject)
        beheren = permissions.mag_gunning_beheren(actor, traject)
        beheren.vereisen()
        permissions.consensus_gesloten_voor_gunning(
            traject, consensus_selectors.vastgestelde_rondes(traject)
        ).vereisen()
        if not motivatie:
            raise DomainError(_("Write the reasons for the decision."))
        if not kenmerken:
            raise DomainError(_("Write the features and advantages of the winning bid."))
        _ronde, kandidaten = selectors.kandidaten_voor(perceel)
        if winnend_bod is None or winnend_bod.pk not in {b.pk for b in kandidaten}:
            raise DomainError(_("Choose one of the submitted bids on this lot."))
        rang = selectors.rangen_voor(traject, [_ronde] if _ronde else []).get(winnend_bod.pk)
        permissions.mag_winnaar_zijn(rang.ongeldig if rang is not None else "").vereisen()
        gunning = Gunning.objects.select_for_update(of=("self",)).filter(perceel=perceel).first()
        permissions.mag_besluiten(actor, traject, gunning, beheren=beheren).vereisen()
        nieuw = gunning is None
        if gunning is None:
            gunning = Gunning(traject=traject, perceel=perceel)
        else:
            if (gunning.winnend_bod_id, gunning.motivatie, gunning.kenmerken) == (
                winnend_bod.pk,
                motivatie,
                kenmerken,
            ):
                return gunning
        gunning.winnend_bod = winnend_bod
        gunning.motivatie = motivatie
        gunning.kenmerken = kenmerken
        gunning.besloten_door = actor
        gunning.besloten_op = timezone.now()
        gunning.save()
        events.gunning_besloten(actor=actor, traject=traject, gunning=gunning, nieuw=nieuw)
    return gunning


# --- sending the letters ------------------------------------------------------------------


def gunning_versturen(*, actor: User, gunning: Gunning, ontvangen_op: datetime) -> Gunning:
    """Send the decision to every candidate of the lot at ONE moment (`ontvangen_op`, when
    the request reached the server): one letter per bid (a PDF through the core path),
    and a notification to each bidder's people with a link to their letter. Each letter
    holds the addressee's own consensus score per criterion next to the winner's. On the
    procurement route the standstill runs to the 20th day after the day of sending, moved
    to the next working day by the Algemene termijnenwet (`beoordeling.standstill`), and
    the gemeente's complaints desk must be filled in. On the subsidy route no letters are
    sent: sending records the decision (the subsidy decision, the beschikking, follows in
    a later step). After this the decision cannot change; sending again sends nothing."""
    with transaction.atomic():
        traject, gunning = _gunning_vergrendeld(gunning)
        beheren = permissions.mag_gunning_beheren(actor, traject)
        beheren.vereisen()
        if gunning.verstuurd_op is not None:
            return gunning  # a double click
        permissions.mag_versturen(actor, gunning, beheren=beheren).vereisen()
        ronde, biedingen = selectors.kandidaten_voor(gunning.perceel)
        if gunning.winnend_bod_id not in {b.pk for b in biedingen}:
            raise DomainError(
                _("The winning bid is no longer among the submitted bids. Decide again.")
            )
        gunning.verstuurd_op = ontvangen_op
        gunning.standstill_tot = (
            standstill.standstill_einddatum(ontvangen_op)
            if standstill.heeft_standstill(traject)
            else None
        )
        gunning.save(update_fields=["verstuurd_op", "standstill_tot"])
        brieven = []
        if standstill.met_brieven(traject):
            brieven = _brieven_versturen(actor, traject, gunning, ronde, biedingen, ontvangen_op)
        events.gunning_verstuurd(
            actor=actor, traject=traject, gunning=gunning, brieven=len(brieven)
        )
    return gunning


def _brieven_versturen(
    actor: User,
    traject: Traject,
    gunning: Gunning,
    ronde: str | None,
    biedingen: list[Bod],
    ontvangen_op: datetime,
) -> list[Gunningsbrief]:
    """One letter per bid, each with its own scores next to the winner's, and the
    notifications to each bidder's people (in the caller's transaction)."""
    rangen = selectors.rangen_voor(traject, [ronde] if ronde else [])
    vergelijking = selectors.scorevergelijking(traject, biedingen, gunning.winnend_bod_id)
    mensen = mensen_van_biedingen(biedingen)
    kandidaten = {}
    for bod in biedingen:
        rang = rangen.get(bod.pk)
        kandidaten[bod.pk] = selectors.Kandidaat(
            bod=bod, rang=rang.rang if rang else None, totaal=rang.totaal if rang else None
        )
    winnaar = kandidaten[gunning.winnend_bod_id]
    brieven = []
    for bod in biedingen:
        brief = Gunningsbrief.objects.create(
            gunning=gunning,
            bod=bod,
            is_winnaar=bod.pk == gunning.winnend_bod_id,
            verstuurd_op=ontvangen_op,
            document=brief_aanvragen(
                actor=actor,
                gunning=gunning,
                kandidaat=kandidaten[bod.pk],
                aantal=len(biedingen),
                winnaar=winnaar,
                scores=vergelijking[bod.pk],
            ),
        )
        brieven.append(brief)
        url = reverse("beoordeling:gunningsbrief", args=[brief.pk])
        with translation.override("nl"):
            onderwerp = _("Award decision for lot %(perceel)s: %(titel)s") % {
                "perceel": gunning.perceel,
                "titel": traject.titel,
            }
        for user in mensen[bod.pk]:
            notifications.notify(
                user,
                onderwerp=onderwerp,
                template=BRIEF_MAIL,
                context={
                    "traject": traject,
                    "perceel": gunning.perceel,
                    "is_winnaar": brief.is_winnaar,
                    "verstuurd_op": weergave.moment(ontvangen_op, nl=True),
                    "standstill_tot": gunning.standstill_tot,
                    "link": notifications.absolute_url(url),
                },
                url=url,
            )
    return brieven


# --- objections ------------------------------------------------------------------------------


def bezwaar_vastleggen(
    *,
    actor: User,
    gunning: Gunning,
    omschrijving: str,
    ontvangen_op: datetime,
    bod: Bod | None = None,
    soort: str = BezwaarSoort.KLACHT,
    aangekondigd_op: date | None = None,
) -> Bezwaar:
    """An officer records an objection to a sent decision: a complaint (`soort` KLACHT),
    which is answered but does not pause signing, or a summary court case (KORT_GEDING)
    with the day it was announced (`aangekondigd_op`, within the standstill), which
    pauses signing until its judgment is recorded. Recording the same open objection
    again (a double click) returns the first one."""
    omschrijving = _tekst(omschrijving)
    if soort not in BezwaarSoort.values:
        raise DomainError(_("Choose a complaint or a summary court case."))
    kort_geding = soort == BezwaarSoort.KORT_GEDING
    with transaction.atomic():
        traject, gunning = _gunning_vergrendeld(gunning)
        permissions.mag_bezwaar_vastleggen(
            actor, gunning, soort=soort, aangekondigd_op=aangekondigd_op
        ).vereisen()
        if kort_geding and aangekondigd_op is None:
            raise DomainError(
                _("Fill in the day the court case was announced."), veld="aangekondigd_op"
            )
        if not omschrijving:
            raise DomainError(_("Describe what the objection is about."), veld="omschrijving")
        if bod is not None and not gunning.brieven.filter(bod=bod).exists():
            raise DomainError(_("Choose a bidder that received a letter about this lot."))
        bestaand = Bezwaar.objects.filter(
            gunning=gunning,
            bod=bod,
            soort=soort,
            omschrijving=omschrijving,
            afgehandeld_op__isnull=True,
        ).first()
        if bestaand is not None:
            return bestaand
        bezwaar = Bezwaar.objects.create(
            gunning=gunning,
            bod=bod,
            soort=soort,
            ontvangen_op=ontvangen_op,
            aangekondigd_op=aangekondigd_op if kort_geding else None,
            omschrijving=omschrijving,
            vastgelegd_door=actor,
        )
        events.bezwaar_vastgelegd(actor=actor, traject=traject, bezwaar=bezwaar)
    return bezwaar


def _bezwaar_vergrendeld(bezwaar: Bezwaar) -> tuple[Traject, Bezwaar]:
    traject, gunning = _gunning_vergrendeld(bezwaar.gunning)
    bezwaar = Bezwaar.objects.select_for_update().get(pk=bezwaar.pk, gunning=gunning)
    bezwaar.gunning = gunning
    return traject, bezwaar


def bezwaar_afhandelen(*, actor: User, bezwaar: Bezwaar, uitkomst: str) -> Bezwaar:
    """An officer answers a complaint with its outcome. Answering again changes nothing.
    A summary court case ends with its judgment (`uitspraak_vastleggen`)."""
    uitkomst = _tekst(uitkomst)
    with transaction.atomic():
        traject, bezwaar = _bezwaar_vergrendeld(bezwaar)
        permissions.mag_bezwaar_afhandelen(actor, bezwaar).vereisen()
        if bezwaar.afgehandeld_op is not None:
            return bezwaar
        if not uitkomst:
            raise DomainError(_("Write the outcome of the objection."), veld="uitkomst")
        bezwaar.uitkomst = uitkomst
        bezwaar.afgehandeld_op = timezone.now()
        bezwaar.afgehandeld_door = actor
        bezwaar.save(update_fields=["uitkomst", "afgehandeld_op", "afgehandeld_door"])
        events.bezwaar_afgehandeld(actor=actor, traject=traject, bezwaar=bezwaar)
    return bezwaar


def uitspraak_vastleggen(
    *, actor: User, bezwaar: Bezwaar, uitspraak_op: date | None, uitkomst: str
) -> Bezwaar:
    """An officer records the judgment of a summary court case: its date and outcome.
    From then on the court case no longer pauses signing (the standstill must still have
    ended). Recording it again changes nothing."""
    uitkomst = _tekst(uitkomst)
    with transaction.atomic():
        traject, bezwaar = _bezwaar_vergrendeld(bezwaar)
        permissions.mag_uitspraak_vastleggen(actor, bezwaar).vereisen()
        if bezwaar.uitspraak_op is not None:
            return bezwaar
        if uitspraak_op is None:
            raise DomainError(_("Fill in the day of the judgment."), veld="uitspraak_op")
        if bezwaar.aangekondigd_op is not None and uitspraak_op < bezwaar.aangekondigd_op:
            raise DomainError(
                _("The judgment cannot come before the court case was announced."),
                veld="uitspraak_op",
            )
        if uitspraak_op > timezone.localdate():
            raise DomainError(
                _("The day of the judgment cannot be in the future."), veld="uitspraak_op"
            )
        if not uitkomst:
            raise DomainError(_("Write the outcome of the judgment."), veld="uitkomst")
        bezwaar.uitspraak_op = uitspraak_op
        bezwaar.uitkomst = uitkomst
        bezwaar.afgehandeld_op = timezone.now()
        bezwaar.afgehandeld_door = actor
        bezwaar.save(
            update_fields=["uitspraak_op", "uitkomst", "afgehandeld_op", "afgehandeld_door"]
        )
        events.uitspraak_vastgelegd(actor=actor, traject=traject, bezwaar=bezwaar)
    return bezwaar


# --- signing ----------------------------------------------------------------------------------


def ondertekening_vastleggen(*, actor: User, gunning: Gunning, ontvangen_op: datetime) -> Gunning:
    """An officer records that the agreement was signed: the gate to phase D. Refused
    before the letters are sent, on the procurement route before the standstill has ended
    (from 00:00 Dutch time on the day after its last day), and while a summary court case
    awaits its judgment.
    Recording it again changes nothing."""
    with transaction.atomic():
        traject, gunning = _gunning_vergrendeld(gunning)
        beheren = permissions.mag_gunning_beheren(actor, traject)
        beheren.vereisen()
        if gunning.ondertekend_op is not None:
            return gunning  # recorded already
        permissions.mag_ondertekenen(actor, gunning, ontvangen_op, beheren=beheren).vereisen()
        gunning.ondertekend_op = ontvangen_op
        gunning.ondertekend_door = actor
        gunning.save(update_fields=["ondertekend_op", "ondertekend_door"])
        events.gunning_ondertekend(actor=actor, traject=traject, gunning=gunning)
    return gunning


# --- the explanation to the neighbourhood -------------------------------------------------------


def toelichting_publiceren(*, actor: User, gunning: Gunning, tekst: str) -> Gunning:
    """An officer or the committee's chair writes the committee's explanation of the choice
    to the neighbourhood. It shows on the public trajectory page with the award, once the
    letters are sent (not before). Saving the same again changes nothing."""
    tekst = _tekst(tekst)
    with transaction.atomic():
        traject, gunning = _gunning_vergrendeld(gunning)
        permissions.mag_toelichting_schrijven(actor, traject).vereisen()
        if not tekst:
            raise DomainError(_("Write the explanation to the neighbourhood."))
        if gunning.toelichting_buurt == tekst:
            return gunning
        gewijzigd = bool(gunning.toelichting_buurt)
        gunning.toelichting_buurt = tekst
        gunning.save(update_fields=["toelichting_buurt"])
        events.toelichting_buurt_gepubliceerd(
            actor=actor, traject=traject, gunning=gunning, gewijzigd=gewijzigd
        )
    return gunning
