"""The award (issue 6, item 8): the decision per lot, the letters to every bidder at one
moment, the standstill, objections, the signing, and the committee's explanation to the
neighbourhood.

Every transition locks the trajectory's row first (`traject_vergrendeld`), then the
decision, checks the state, and writes its audit event in the same transaction; PDFs are
rendered and e-mails sent after commit. Events are recorded on the trajectory (the
officers' timeline), never with bid content.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from aanbesteden import audit, notifications, weergave
from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.services import is_medewerker
from beoordeling.models import Bezwaar, Gunning, Gunningsbrief
from beoordeling.selectors import gunning as selectors
from beoordeling.selectors.bieden import mensen_van_biedingen
from trajecten.services import traject_vergrendeld

BRIEF_MAIL = "beoordeling/mail/gunning_brief.txt"


def _moet_officier_zijn(actor, traject):
    if actor is None or not is_medewerker(actor, traject.gemeente):
        raise NotAllowed(_("Only officers of the municipality decide on the award."))


def _tekst(waarde):
    return (waarde or "").strip()


def _gunning_vergrendeld(gunning):
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


def gunning_besluiten(*, actor, perceel, winnend_bod, motivatie, kenmerken):
    """An officer records (or, until the letters are sent, changes) the award decision for
    one lot: the winning bid among the lot's candidates, the reasons, and the features and
    advantages of the winning bid. Saving the same again changes nothing."""
    motivatie, kenmerken = _tekst(motivatie), _tekst(kenmerken)
    with transaction.atomic():
        traject = traject_vergrendeld(perceel.traject)
        _moet_officier_zijn(actor, traject)
        if not motivatie:
            raise DomainError(_("Write the reasons for the decision."))
        if not kenmerken:
            raise DomainError(_("Write the features and advantages of the winning bid."))
        _ronde, kandidaten = selectors.kandidaten_voor(perceel)
        if winnend_bod is None or winnend_bod.pk not in {b.pk for b in kandidaten}:
            raise DomainError(_("Choose one of the submitted bids on this lot."))
        gunning = Gunning.objects.select_for_update(of=("self",)).filter(perceel=perceel).first()
        if gunning is not None and gunning.verstuurd_op is not None:
            raise DomainError(_("The letters have been sent. The decision cannot change."))
        if gunning is None:
            van = ""
            gunning = Gunning(traject=traject, perceel=perceel)
        else:
            van = "besloten"
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
        audit.record(
            AuditEventType.GUNNING_BESLOTEN,
            actor=actor,
            target=traject,
            gemeente=traject.gemeente,
            from_state=van,
            to_state="besloten",
            detail={
                "gunning": gunning.pk,
                "perceel": perceel.pk,
                "winnend_bod": winnend_bod.pk,
                "winnaar": winnend_bod.organisatie.naam,
            },
        )
    return gunning


# --- sending the letters ------------------------------------------------------------------


def gunning_versturen(*, actor, gunning, ontvangen_op):
    """Send the decision to every candidate of the lot at ONE moment (`ontvangen_op`, when
    the request reached the server): one letter per bid (a PDF through the core path),
    and a notification to each bidder's people with a link to their letter. On the
    procurement route the standstill runs to the 20th day after the day of sending. After
    this the decision cannot change; sending again sends nothing."""
    from beoordeling.documents.gunning import brief_aanvragen

    with transaction.atomic():
        traject, gunning = _gunning_vergrendeld(gunning)
        _moet_officier_zijn(actor, traject)
        if gunning.verstuurd_op is not None:
            return gunning
        ronde, biedingen = selectors.kandidaten_voor(gunning.perceel)
        if gunning.winnend_bod_id not in {b.pk for b in biedingen}:
            raise DomainError(
                _("The winning bid is no longer among the submitted bids. Decide again.")
            )
        rangen = selectors.rangen_voor(traject, [ronde])
        gunning.verstuurd_op = ontvangen_op
        gunning.standstill_tot = (
            selectors.standstill_einddatum(ontvangen_op)
            if selectors.heeft_standstill(traject)
            else None
        )
        gunning.save(update_fields=["verstuurd_op", "standstill_tot"])
        mensen = mensen_van_biedingen(biedingen)
        brieven = []
        for bod in biedingen:
            rang = rangen.get(bod.pk)
            kandidaat = selectors.Kandidaat(
                bod=bod, rang=rang.rang if rang else None, totaal=rang.totaal if rang else None
            )
            brief = Gunningsbrief.objects.create(
                gunning=gunning,
                bod=bod,
                is_winnaar=bod.pk == gunning.winnend_bod_id,
                verstuurd_op=ontvangen_op,
                document=brief_aanvragen(
                    actor=actor, gunning=gunning, kandidaat=kandidaat, aantal=len(biedingen)
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
        audit.record(
            AuditEventType.GUNNING_VERSTUURD,
            actor=actor,
            target=traject,
            gemeente=traject.gemeente,
            from_state="besloten",
            to_state="verstuurd",
            detail={
                "gunning": gunning.pk,
                "perceel": gunning.perceel_id,
                "brieven": len(brieven),
                "verstuurd_op": ontvangen_op.isoformat(),
                "standstill_tot": gunning.standstill_tot.isoformat()
                if gunning.standstill_tot
                else None,
            },
        )
    return gunning


# --- objections ------------------------------------------------------------------------------


def bezwaar_vastleggen(*, actor, gunning, omschrijving, ontvangen_op, bod=None):
    """An officer records an objection to a sent decision. While it is open the standstill
    is paused: nothing can be signed. Recording the same open objection again (a double
    click) returns the first one."""
    omschrijving = _tekst(omschrijving)
    with transaction.atomic():
        traject, gunning = _gunning_vergrendeld(gunning)
        _moet_officier_zijn(actor, traject)
        if gunning.verstuurd_op is None:
            raise DomainError(_("An objection can be recorded only after the letters are sent."))
        if gunning.ondertekend_op is not None:
            raise DomainError(_("The agreement has been signed. No objection can be recorded."))
        if not omschrijving:
            raise DomainError(_("Describe what the objection is about."))
        if bod is not None and not gunning.brieven.filter(bod=bod).exists():
            raise DomainError(_("Choose a bidder that received a letter about this lot."))
        bestaand = Bezwaar.objects.filter(
            gunning=gunning, bod=bod, omschrijving=omschrijving, afgehandeld_op__isnull=True
        ).first()
        if bestaand is not None:
            return bestaand
        bezwaar = Bezwaar.objects.create(
            gunning=gunning,
            bod=bod,
            ontvangen_op=ontvangen_op,
            omschrijving=omschrijving,
            vastgelegd_door=actor,
        )
        audit.record(
            AuditEventType.BEZWAAR_VASTGELEGD,
            actor=actor,
            target=traject,
            gemeente=traject.gemeente,
            to_state="open",
            detail={"gunning": gunning.pk, "bezwaar": bezwaar.pk, "bod": bod.pk if bod else None},
        )
    return bezwaar


def bezwaar_afhandelen(*, actor, bezwaar, uitkomst):
    """An officer settles an objection with its outcome. Settling again changes nothing."""
    uitkomst = _tekst(uitkomst)
    with transaction.atomic():
        traject, gunning = _gunning_vergrendeld(bezwaar.gunning)
        _moet_officier_zijn(actor, traject)
        bezwaar = Bezwaar.objects.select_for_update().get(pk=bezwaar.pk, gunning=gunning)
        if bezwaar.afgehandeld_op is not None:
            return bezwaar
        if not uitkomst:
            raise DomainError(_("Write the outcome of the objection."))
        bezwaar.uitkomst = uitkomst
        bezwaar.afgehandeld_op = timezone.now()
        bezwaar.afgehandeld_door = actor
        bezwaar.save(update_fields=["uitkomst", "afgehandeld_op", "afgehandeld_door"])
        audit.record(
            AuditEventType.BEZWAAR_AFGEHANDELD,
            actor=actor,
            target=traject,
            gemeente=traject.gemeente,
            from_state="open",
            to_state="afgehandeld",
            detail={"gunning": gunning.pk, "bezwaar": bezwaar.pk},
        )
    return bezwaar


# --- signing ----------------------------------------------------------------------------------


def ondertekening_vastleggen(*, actor, gunning, ontvangen_op):
    """An officer records that the agreement was signed: the gate to phase D. Refused
    before the letters are sent, on the procurement route before the standstill has ended
    (from 00:00 Dutch time on the day after its last day), and while an objection is open.
    Recording it again changes nothing."""
    with transaction.atomic():
        traject, gunning = _gunning_vergrendeld(gunning)
        _moet_officier_zijn(actor, traject)
        if gunning.ondertekend_op is not None:
            return gunning
        if gunning.verstuurd_op is None:
            raise DomainError(_("First send the award letters to every bidder."))
        vanaf = selectors.ondertekenen_vanaf(gunning)
        if vanaf is not None and ontvangen_op < vanaf:
            raise DomainError(
                _(
                    "The standstill period runs until the end of %(datum)s. The agreement "
                    "can be signed from %(vanaf)s (Dutch time)."
                )
                % {
                    "datum": formats.date_format(gunning.standstill_tot, "l j F Y"),
                    "vanaf": weergave.moment(vanaf),
                }
            )
        if selectors.open_bezwaar(gunning):
            raise DomainError(
                _(
                    "An objection is open. The standstill is paused: nothing can be signed "
                    "until every objection is settled."
                )
            )
        gunning.ondertekend_op = ontvangen_op
        gunning.ondertekend_door = actor
        gunning.save(update_fields=["ondertekend_op", "ondertekend_door"])
        audit.record(
            AuditEventType.GUNNING_ONDERTEKEND,
            actor=actor,
            target=traject,
            gemeente=traject.gemeente,
            from_state="verstuurd",
            to_state="ondertekend",
            detail={"gunning": gunning.pk, "perceel": gunning.perceel_id},
        )
    return gunning


# --- the explanation to the neighbourhood -------------------------------------------------------


def toelichting_publiceren(*, actor, gunning, tekst):
    """An officer or the committee's chair writes the committee's explanation of the choice
    to the neighbourhood. It shows on the public trajectory page with the award, once the
    letters are sent (not before). Saving the same again changes nothing."""
    tekst = _tekst(tekst)
    with transaction.atomic():
        traject, gunning = _gunning_vergrendeld(gunning)
        if not selectors.mag_toelichting_schrijven(actor, traject):
            raise NotAllowed(
                _("Only officers of the municipality and the committee's chair can do this.")
            )
        if not tekst:
            raise DomainError(_("Write the explanation to the neighbourhood."))
        if gunning.toelichting_buurt == tekst:
            return gunning
        van = "gewijzigd" if gunning.toelichting_buurt else ""
        gunning.toelichting_buurt = tekst
        gunning.save(update_fields=["toelichting_buurt"])
        audit.record(
            AuditEventType.TOELICHTING_BUURT_GEPUBLICEERD,
            actor=actor,
            target=traject,
            gemeente=traject.gemeente,
            from_state=van,
            to_state="gepubliceerd",
            detail={"gunning": gunning.pk, "perceel": gunning.perceel_id},
        )
    return gunning
