"""Conversations with bidders and the committee's notes (issue 6, item 7).

Before the final judgement an officer plans a conversation with a bidder about its bid
(and may move or cancel it); the committee records its notes, "not only paper". The
bidder's people are told of every planning, move and cancellation, with the moment in
Dutch time and the place. Once the consensus of the bid's stage is closed the final
judgement has been made: nothing about its conversations changes any more.

Every transition locks the trajectory's row first (`traject_vergrendeld`), so that two
requests at once, or a double click, are handled one after the other and make one of
everything. Audit details never hold the text of a note.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from aanbesteden import audit, notifications, weergave
from aanbesteden.constants import AuditEventType
from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.services import is_medewerker
from beoordeling.models import Bod, Bodgesprek, Gespreksnotitie
from beoordeling.selectors import gesprekken as selectors
from beoordeling.selectors import kluis
from beoordeling.selectors.bieden import mensen_van_biedingen
from beoordeling.selectors.consensus import is_vastgesteld
from trajecten.services import traject_vergrendeld

MAIL_GEPLAND = "beoordeling/mail/gesprek_gepland.txt"
MAIL_VERPLAATST = "beoordeling/mail/gesprek_verplaatst.txt"
MAIL_GEANNULEERD = "beoordeling/mail/gesprek_geannuleerd.txt"
MAX_LOCATIE = 300


def _moet_officier_zijn(actor, traject):
    if actor is None or not actor.is_authenticated or not is_medewerker(actor, traject.gemeente):
        raise NotAllowed(_("Only officers of the municipality plan conversations with bidders."))


def _niet_afgerond(traject, ronde):
    if is_vastgesteld(traject, ronde):
        raise DomainError(
            _(
                "The final judgement has been made: the consensus of this stage is closed. "
                "Conversations and notes cannot be changed any more."
            )
        )


def _geopend_bod(traject, bod):
    """The bid as the vault gives it: submitted, and its stage's vault opened."""
    try:
        return kluis.geopende_biedingen(traject, bod.ronde).get(pk=bod.pk)
    except Bod.DoesNotExist as exc:
        raise DomainError(
            _("You can only plan a conversation about a bid once the vault has been opened.")
        ) from exc


def _bieder_vertellen(bod, *, onderwerp, template, context):
    """Tell the bidder's people; the subject in Dutch, as the message (whatever language
    the officer uses). `onderwerp` is a source string with %(titel)s."""
    with translation.override("nl"):
        onderwerp = _(onderwerp) % {"titel": bod.traject.titel}
    url = reverse("beoordeling:bod", args=[bod.pk])
    for user in mensen_van_biedingen([bod]).get(bod.pk, ()):
        notifications.notify(user, onderwerp=onderwerp, template=template, context=context, url=url)


def _mail_context(gesprek, bod):
    return {
        "traject": bod.traject,
        "perceel": bod.perceel,
        "bod": bod,
        "moment": weergave.moment(gesprek.gepland_op, nl=True),
        "locatie": gesprek.locatie,
        "toelichting": gesprek.toelichting,
        "gemeente": bod.traject.gemeente,
    }


def gesprek_plannen(*, actor, bod, gepland_op, locatie="", toelichting="", ontvangen_op):
    """An officer of the gemeente plans the conversation about `bod` (a bid of an opened
    vault), moves it, or plans a cancelled one again. The moment must be after
    `ontvangen_op`, the moment the request reached the server. Planning the same again
    (a double click) changes nothing and tells nobody again."""
    locatie = " ".join((locatie or "").split())
    toelichting = (toelichting or "").strip()
    if gepland_op is None:
        raise DomainError(_("Choose the date and time of the conversation."))
    if timezone.is_naive(gepland_op):
        raise DomainError(_("Choose the date and time of the conversation."))
    if len(locatie) > MAX_LOCATIE:
        raise DomainError(
            _("Keep the place or link under %(aantal)s characters.") % {"aantal": MAX_LOCATIE}
        )
    with transaction.atomic():
        traject = traject_vergrendeld(bod.traject)
        _moet_officier_zijn(actor, traject)
        bod = _geopend_bod(traject, bod)
        if selectors.is_gewraakt(actor, bod):
            raise NotAllowed(
                _("You declared a conflict of interest for this bid: a colleague plans this.")
            )
        _niet_afgerond(traject, bod.ronde)
        if gepland_op <= ontvangen_op:
            raise DomainError(
                _("Choose a moment in the future. It is now %(nu)s.")
                % {"nu": weergave.moment(ontvangen_op)}
            )
        gesprek = Bodgesprek.objects.select_for_update().filter(bod=bod).first()
        if gesprek is None:
            vorige = ""
            gesprek = Bodgesprek(bod=bod)
        else:
            vorige = selectors.staat_van(gesprek)
            if vorige == selectors.GEPLAND and (
                gesprek.gepland_op,
                gesprek.locatie,
                gesprek.toelichting,
            ) == (gepland_op, locatie, toelichting):
                return gesprek
        vorig_moment = gesprek.gepland_op if vorige == selectors.GEPLAND else None
        gesprek.gepland_op = gepland_op
        gesprek.locatie = locatie
        gesprek.toelichting = toelichting
        gesprek.gepland_door = actor
        gesprek.geannuleerd_op = None
        gesprek.save()
        verplaatst = vorige == selectors.GEPLAND
        audit.record(
            AuditEventType.BODGESPREK_GEPLAND,
            actor=actor,
            target=gesprek,
            gemeente=traject.gemeente,
            from_state=vorige,
            to_state=selectors.GEPLAND,
            detail={
                "bod": bod.pk,
                "gepland_op": gepland_op.isoformat(),
                "vorig_moment": vorig_moment.isoformat() if vorig_moment else None,
                "locatie": locatie,
            },
        )
        context = _mail_context(gesprek, bod)
        if verplaatst:
            context["vorig_moment"] = weergave.moment(vorig_moment, nl=True)
            onderwerp = gettext_noop("Conversation about your bid changed: %(titel)s")
        else:
            onderwerp = gettext_noop("Conversation about your bid: %(titel)s")
        _bieder_vertellen(
            bod,
            onderwerp=onderwerp,
            template=MAIL_VERPLAATST if verplaatst else MAIL_GEPLAND,
            context=context,
        )
    return gesprek


def _gesprek_vergrendeld(gesprek):
    return (
        Bodgesprek.objects.select_for_update(of=("self",))
        .select_related("bod__traject__gemeente", "bod__perceel", "bod__organisatie")
        .get(pk=gesprek.pk)
    )


def gesprek_annuleren(*, actor, gesprek):
    """An officer of the gemeente cancels a planned conversation; the bidder's people are
    told. Cancelling a cancelled one (a double click) changes nothing."""
    with transaction.atomic():
        traject = traject_vergrendeld(gesprek.bod.traject)
        _moet_officier_zijn(actor, traject)
        gesprek = _gesprek_vergrendeld(gesprek)
        bod = _geopend_bod(traject, gesprek.bod)
        if selectors.is_gewraakt(actor, bod):
            raise NotAllowed(
                _("You declared a conflict of interest for this bid: a colleague plans this.")
            )
        _niet_afgerond(traject, bod.ronde)
        if gesprek.geannuleerd_op is not None:
            return gesprek
        gesprek.geannuleerd_op = timezone.now()
        gesprek.save(update_fields=["geannuleerd_op"])
        audit.record(
            AuditEventType.BODGESPREK_GEANNULEERD,
            actor=actor,
            target=gesprek,
            gemeente=traject.gemeente,
            from_state=selectors.GEPLAND,
            to_state=selectors.GEANNULEERD,
            detail={"bod": bod.pk, "gepland_op": gesprek.gepland_op.isoformat()},
        )
        _bieder_vertellen(
            bod,
            onderwerp=gettext_noop("Conversation about your bid cancelled: %(titel)s"),
            template=MAIL_GEANNULEERD,
            context=_mail_context(gesprek, bod),
        )
    return gesprek


# --- notes --------------------------------------------------------------------------------


def _tekst_of_fout(tekst):
    tekst = (tekst or "").strip()
    if not tekst:
        raise DomainError(_("Write your note first."))
    return tekst


def _mag_noteren_of_fout(actor, bod):
    if actor is None or not actor.is_authenticated or not selectors.mag_gesprek_zien(actor, bod):
        raise NotAllowed(
            _(
                "Only officers and committee members who signed the declaration without a "
                "conflict for this bid can write notes."
            )
        )


def notitie_toevoegen(*, actor, gesprek, tekst):
    """An officer, or a committee member with a declaration without conflict for the bid,
    adds a note to a planned conversation. The same note twice (a double click) is one."""
    tekst = _tekst_of_fout(tekst)
    with transaction.atomic():
        traject = traject_vergrendeld(gesprek.bod.traject)
        gesprek = _gesprek_vergrendeld(gesprek)
        bod = _geopend_bod(traject, gesprek.bod)
        _mag_noteren_of_fout(actor, bod)
        _niet_afgerond(traject, bod.ronde)
        if gesprek.geannuleerd_op is not None:
            raise DomainError(_("This conversation has been cancelled. Notes cannot be added."))
        dubbel = Gespreksnotitie.objects.filter(gesprek=gesprek, auteur=actor, tekst=tekst).first()
        if dubbel is not None:
            return dubbel
        notitie = Gespreksnotitie.objects.create(gesprek=gesprek, auteur=actor, tekst=tekst)
        audit.record(
            AuditEventType.GESPREKSNOTITIE_VASTGELEGD,
            actor=actor,
            target=gesprek,
            gemeente=traject.gemeente,
            to_state="toegevoegd",
            detail={"bod": bod.pk, "notitie": notitie.pk},
        )
    return notitie


def notitie_wijzigen(*, actor, notitie, tekst):
    """The author changes their own note, until the consensus of the stage is closed."""
    tekst = _tekst_of_fout(tekst)
    with transaction.atomic():
        gesprek = Bodgesprek.objects.select_related("bod__traject").get(pk=notitie.gesprek_id)
        traject = traject_vergrendeld(gesprek.bod.traject)
        notitie = Gespreksnotitie.objects.select_for_update().get(pk=notitie.pk)
        if actor is None or notitie.auteur_id != actor.pk:
            raise NotAllowed(_("You can only change your own notes."))
        bod = _geopend_bod(traject, gesprek.bod)
        _mag_noteren_of_fout(actor, bod)
        _niet_afgerond(traject, bod.ronde)
        if notitie.tekst == tekst:
            return notitie
        notitie.tekst = tekst
        notitie.save(update_fields=["tekst", "gewijzigd_op"])
        audit.record(
            AuditEventType.GESPREKSNOTITIE_VASTGELEGD,
            actor=actor,
            target=gesprek,
            gemeente=traject.gemeente,
            from_state="toegevoegd",
            to_state="gewijzigd",
            detail={"bod": bod.pk, "notitie": notitie.pk},
        )
    return notitie
