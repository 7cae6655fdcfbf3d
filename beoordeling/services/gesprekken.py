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

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from aanbesteden import notifications, weergave
from aanbesteden.constants import TEKST_MIDDEL
from aanbesteden.exceptions import DomainError
from beoordeling import events, permissions
from beoordeling.constants import GesprekStatus
from beoordeling.models import Bod, Bodgesprek, Gespreksnotitie
from beoordeling.selectors import gesprekken as selectors
from beoordeling.selectors import kluis
from beoordeling.selectors.bieden import mensen_van_biedingen
from beoordeling.selectors.consensus import is_vastgesteld
from trajecten.services import traject_vergrendeld

MAIL_GEPLAND = "beoordeling/mail/gesprek_gepland.txt"
MAIL_VERPLAATST = "beoordeling/mail/gesprek_verplaatst.txt"
MAIL_GEANNULEERD = "beoordeling/mail/gesprek_geannuleerd.txt"
MAIL_VERSLAG = "beoordeling/mail/gesprek_verslag.txt"
MAX_LOCATIE = 300

if TYPE_CHECKING:
    from aanbesteden.models import User
    from trajecten.models import Traject


def _geopend_bod(traject: Traject, bod: Bod) -> Bod:
    """The bid as the vault gives it: submitted, and its stage's vault opened."""
    try:
        return kluis.geopende_biedingen(traject, bod.ronde).get(pk=bod.pk)
    except Bod.DoesNotExist as exc:
        raise DomainError(
            _("You can only plan a conversation about a bid once the vault has been opened.")
        ) from exc


def _bieder_vertellen(bod: Bod, *, onderwerp: str, template: str, context: dict[str, Any]) -> None:
    """Tell the bidder's people; the subject in Dutch, as the message (whatever language
    the officer uses). `onderwerp` is a source string with %(titel)s."""
    with translation.override("nl"):
        onderwerp = _(onderwerp) % {"titel": bod.traject.titel}
    url = reverse("beoordeling:bod", args=[bod.pk])
    for user in mensen_van_biedingen([bod]).get(bod.pk, ()):
        notifications.notify(user, onderwerp=onderwerp, template=template, context=context, url=url)


def _mail_context(gesprek: Bodgesprek, bod: Bod) -> dict[str, Any]:
    return {
        "traject": bod.traject,
        "perceel": bod.perceel,
        "bod": bod,
        "moment": weergave.moment(gesprek.gepland_op, nl=True),
        "locatie": gesprek.locatie,
        "toelichting": gesprek.toelichting,
        "gemeente": bod.traject.gemeente,
        # Issue 13, rule 11: the format and length come from the call, alike for all.
        "vorm": bod.traject.get_gesprek_vorm_display(),
        "duur": bod.traject.gesprek_duur_minuten,
    }


def gesprek_plannen(
    *,
    actor: User,
    bod: Bod,
    gepland_op: datetime | None,
    locatie: str = "",
    toelichting: str = "",
    ontvangen_op: datetime,
) -> Bodgesprek:
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
        permissions.mag_gesprekken_plannen(actor, traject).vereisen()
        bod = _geopend_bod(traject, bod)
        permissions.mag_gesprek_plannen(
            actor, bod, afgerond=is_vastgesteld(traject, bod.ronde)
        ).vereisen()
        if gepland_op <= ontvangen_op:
            raise DomainError(
                _("Choose a moment in the future. It is now %(nu)s.")
                % {"nu": weergave.moment(ontvangen_op)}
            )
        gesprek = Bodgesprek.objects.select_for_update().filter(bod=bod).first()
        permissions.niet_gevoerd(gesprek).vereisen()
        vorige: str
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
        verplaatst = vorige == GesprekStatus.GEPLAND
        events.bodgesprek_gepland(
            actor=actor, traject=traject, gesprek=gesprek, vorige=vorige, vorig_moment=vorig_moment
        )
        context = _mail_context(gesprek, bod)
        if verplaatst and vorig_moment is not None:
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


def _gesprek_vergrendeld(gesprek: Bodgesprek) -> Bodgesprek:
    return (
        Bodgesprek.objects.select_for_update(of=("self",))
        .select_related("bod__traject__gemeente", "bod__perceel", "bod__organisatie")
        .get(pk=gesprek.pk)
    )


def gesprek_annuleren(*, actor: User, gesprek: Bodgesprek) -> Bodgesprek:
    """An officer of the gemeente cancels a planned conversation; the bidder's people are
    told. Cancelling a cancelled one (a double click) changes nothing."""
    with transaction.atomic():
        traject = traject_vergrendeld(gesprek.bod.traject)
        permissions.mag_gesprekken_plannen(actor, traject).vereisen()
        gesprek = _gesprek_vergrendeld(gesprek)
        bod = _geopend_bod(traject, gesprek.bod)
        permissions.mag_gesprek_plannen(
            actor, bod, afgerond=is_vastgesteld(traject, bod.ronde)
        ).vereisen()
        permissions.niet_gevoerd(gesprek).vereisen()
        if gesprek.geannuleerd_op is not None:
            return gesprek
        gesprek.geannuleerd_op = timezone.now()
        gesprek.save(update_fields=["geannuleerd_op"])
        events.bodgesprek_geannuleerd(actor=actor, traject=traject, gesprek=gesprek)
        _bieder_vertellen(
            bod,
            onderwerp=gettext_noop("Conversation about your bid cancelled: %(titel)s"),
            template=MAIL_GEANNULEERD,
            context=_mail_context(gesprek, bod),
        )
    return gesprek


# --- the record for the bidder (issue 13, rule 11) ------------------------------------------


def verslag_vastleggen(
    *, actor: User, gesprek: Bodgesprek, verslag: str, ontvangen_op: datetime
) -> Bodgesprek:
    """After the conversation an officer records what was clarified, and the bidder's
    people receive it (a notification, and on their bid page). A conversation clarifies a
    bid and never changes it: the bid's content stays as submitted. Once: the same record
    again (a double click) changes nothing; the committee's own notes stay apart."""
    verslag = (verslag or "").strip()
    if not verslag:
        raise DomainError(_("Write down what was clarified in the conversation."))
    if len(verslag) > TEKST_MIDDEL:
        raise DomainError(
            _("Keep the record under %(aantal)s characters.") % {"aantal": TEKST_MIDDEL}
        )
    with transaction.atomic():
        traject = traject_vergrendeld(gesprek.bod.traject)
        permissions.mag_gesprekken_plannen(actor, traject).vereisen()
        gesprek = _gesprek_vergrendeld(gesprek)
        bod = _geopend_bod(traject, gesprek.bod)
        gesprek.bod = bod
        if gesprek.verslag_op is not None and gesprek.verslag == verslag:
            return gesprek
        permissions.mag_verslag_vastleggen(
            actor, gesprek, afgerond=is_vastgesteld(traject, bod.ronde), nu=ontvangen_op
        ).vereisen()
        gesprek.verslag = verslag
        gesprek.verslag_op = ontvangen_op
        gesprek.verslag_door = actor
        gesprek.save(update_fields=["verslag", "verslag_op", "verslag_door"])
        events.bodgesprek_verslag(actor=actor, traject=traject, gesprek=gesprek)
        context = _mail_context(gesprek, bod)
        context["verslag"] = verslag
        _bieder_vertellen(
            bod,
            onderwerp=gettext_noop("Record of the conversation about your bid: %(titel)s"),
            template=MAIL_VERSLAG,
            context=context,
        )
    return gesprek


# --- notes --------------------------------------------------------------------------------


def _tekst_of_fout(tekst: str | None) -> str:
    tekst = (tekst or "").strip()
    if not tekst:
        raise DomainError(_("Write your note first."))
    return tekst


def notitie_toevoegen(*, actor: User, gesprek: Bodgesprek, tekst: str) -> Gespreksnotitie:
    """An officer, or a committee member with a declaration without conflict for the bid,
    adds a note to a planned conversation. The same note twice (a double click) is one."""
    tekst = _tekst_of_fout(tekst)
    with transaction.atomic():
        traject = traject_vergrendeld(gesprek.bod.traject)
        gesprek = _gesprek_vergrendeld(gesprek)
        gesprek.bod = _geopend_bod(traject, gesprek.bod)
        bod = gesprek.bod
        permissions.mag_notitie_toevoegen(
            actor, gesprek, afgerond=is_vastgesteld(traject, bod.ronde)
        ).vereisen()
        dubbel = Gespreksnotitie.objects.filter(gesprek=gesprek, auteur=actor, tekst=tekst).first()
        if dubbel is not None:
            return dubbel
        notitie = Gespreksnotitie.objects.create(gesprek=gesprek, auteur=actor, tekst=tekst)
        events.gespreksnotitie_vastgelegd(
            actor=actor, traject=traject, notitie=notitie, gewijzigd=False
        )
    return notitie


def notitie_wijzigen(*, actor: User, notitie: Gespreksnotitie, tekst: str) -> Gespreksnotitie:
    """The author changes their own note, until the consensus of the stage is closed."""
    tekst = _tekst_of_fout(tekst)
    with transaction.atomic():
        gesprek = Bodgesprek.objects.select_related("bod__traject").get(pk=notitie.gesprek_id)
        traject = traject_vergrendeld(gesprek.bod.traject)
        notitie = Gespreksnotitie.objects.select_for_update().get(pk=notitie.pk)
        if actor is None or notitie.auteur_id != actor.pk:
            permissions.mag_notitie_wijzigen(actor, notitie, gesprek.bod, afgerond=False).vereisen()
        bod = _geopend_bod(traject, gesprek.bod)
        permissions.mag_notitie_wijzigen(
            actor, notitie, bod, afgerond=is_vastgesteld(traject, bod.ronde)
        ).vereisen()
        if notitie.tekst == tekst:
            return notitie
        notitie.tekst = tekst
        notitie.save(update_fields=["tekst", "gewijzigd_op"])
        notitie.gesprek = gesprek
        events.gespreksnotitie_vastgelegd(
            actor=actor, traject=traject, notitie=notitie, gewijzigd=True
        )
    return notitie
