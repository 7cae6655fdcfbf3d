"""Issue 14, the subsidy route (Awb title 4.2): the decision on each application, and
sending the decisions to every applicant at one moment.

Not an award: no winner, no award letters, no standstill. The amounts granted under one
call never exceed its subsidy ceiling (art. 4:25 Awb): checked with the trajectory's row
locked, so two officers cannot both spend the last euro. The order of the distribution rule
is enforced in one way (docs/decisions.md, issue 14): an application may not be refused
because the ceiling is reached while an application later in the order is granted, and
the other way round. The formal decision (beschikking) follows with the agreement.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aanbesteden import notifications, weergave
from aanbesteden.exceptions import DomainError
from beoordeling import events, permissions
from beoordeling.constants import Afwijzingsgrond, SubsidieUitkomst
from beoordeling.models import Subsidiebesluit
from beoordeling.selectors import consensus as consensus_selectors
from beoordeling.selectors import subsidie as selectors
from beoordeling.selectors.bieden import mensen_van_biedingen
from trajecten.constants import Verdeelregel
from trajecten.services import traject_vergrendeld

if TYPE_CHECKING:
    from aanbesteden.models import User
    from beoordeling.models import Bod
    from trajecten.models import Traject

BESLUIT_MAIL = "beoordeling/mail/subsidie_besluit.txt"
NUL = Decimal("0")


def _bedrag(waarde: Any) -> Decimal | None:
    if waarde in (None, ""):
        return None
    try:
        return Decimal(str(waarde)).quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise DomainError(_("Give the amount in euro."), veld="bedrag") from exc


def _controleren(
    uitkomst: str, bedrag: Decimal | None, grond: str, reden: str, aangevraagd: Decimal | None
) -> None:
    if uitkomst not in SubsidieUitkomst.values:
        raise DomainError(_("Choose the decision."), veld="uitkomst")
    if uitkomst == SubsidieUitkomst.AFGEWEZEN:
        if grond not in Afwijzingsgrond.values:
            raise DomainError(_("Choose the ground for the refusal."), veld="grond")
        if not reden:
            raise DomainError(
                _("Write the reason for the refusal: the applicant reads it."), veld="reden"
            )
        return
    if bedrag is None or bedrag <= 0:
        raise DomainError(_("Give the amount that is granted."), veld="bedrag")
    if aangevraagd is not None and bedrag > aangevraagd:
        raise DomainError(
            _("You cannot grant more than the application asks (%(bedrag)s).")
            % {"bedrag": weergave.geld(aangevraagd)},
            veld="bedrag",
        )
    if uitkomst == SubsidieUitkomst.DEELS:
        if not reden:
            raise DomainError(
                _("Write why only a part is granted: the applicant reads it."), veld="reden"
            )
        if aangevraagd is not None and bedrag >= aangevraagd:
            raise DomainError(
                _("Granted in part is less than the application asks. Choose granted."),
                veld="uitkomst",
            )


def _volgorde_controleren(
    aanvragen: list[selectors.Aanvraag], bod: Bod, uitkomst: str, grond: str
) -> None:
    """The order of the distribution rule: no one later in line is granted while someone
    earlier is refused because the ceiling is reached."""
    positie = next(a.volgnummer for a in aanvragen if a.bod.pk == bod.pk)
    for andere in aanvragen:
        besluit = andere.besluit
        if besluit is None or andere.bod.pk == bod.pk:
            continue
        if (
            uitkomst != SubsidieUitkomst.AFGEWEZEN
            and andere.volgnummer < positie
            and besluit.grond == Afwijzingsgrond.PLAFOND
        ):
            raise DomainError(
                _(
                    "Application %(nummer)s comes earlier by the distribution rule and is "
                    "refused because the ceiling is reached. Grant that one first, or refuse "
                    "this one too."
                )
                % {"nummer": andere.volgnummer},
                veld="uitkomst",
            )
        if (
            grond == Afwijzingsgrond.PLAFOND
            and andere.volgnummer > positie
            and besluit.is_toekenning
        ):
            raise DomainError(
                _(
                    "Application %(nummer)s comes later by the distribution rule and is "
                    "granted. The ceiling cannot be reached for this one before that one."
                )
                % {"nummer": andere.volgnummer},
                veld="grond",
            )


def subsidiebesluit_vastleggen(
    *,
    actor: User,
    bod: Bod,
    uitkomst: str,
    bedrag: Any = None,
    grond: str = "",
    reden: str = "",
) -> Subsidiebesluit:
    """An officer records (or, until sending, changes) the decision on one application:
    granted (an amount), granted in part (a lower amount, with the reason), or refused
    (a ground and the reason). The granted amounts together stay within the ceiling."""
    reden = (reden or "").strip()
    bedrag_d = _bedrag(bedrag)
    if uitkomst == SubsidieUitkomst.AFGEWEZEN:
        bedrag_d = None
    else:
        grond = ""
    with transaction.atomic():
        traject = traject_vergrendeld(bod.traject)
        permissions.mag_subsidie_beheren(actor, traject).vereisen()
        permissions.rangorde_klaar_voor_subsidie(
            traject,
            ()
            if traject.verdeelregel == Verdeelregel.BINNENKOMST
            else consensus_selectors.vastgestelde_rondes(traject),
        ).vereisen()
        aanvragen = selectors.aanvragen_op_volgorde(traject)
        aanvraag = next((a for a in aanvragen if a.bod.pk == bod.pk), None)
        if aanvraag is None:
            raise DomainError(_("This is not one of the applications of this call."))
        besluit = Subsidiebesluit.objects.select_for_update(of=("self",)).filter(bod=bod).first()
        permissions.subsidiebesluit_open(besluit).vereisen()
        _controleren(uitkomst, bedrag_d, grond, reden, aanvraag.aangevraagd)
        _volgorde_controleren(aanvragen, bod, uitkomst, grond)
        anderen = sum(
            (
                a.besluit.bedrag or NUL
                for a in aanvragen
                if a.besluit is not None and a.bod.pk != bod.pk
            ),
            NUL,
        )
        plafond = traject.subsidieplafond or NUL
        if bedrag_d is not None and anderen + bedrag_d > plafond:
            raise DomainError(
                _(
                    "This is above the subsidy ceiling: %(plafond)s in all, %(anderen)s is "
                    "granted already, so at most %(over)s is left."
                )
                % {
                    "plafond": weergave.geld(plafond),
                    "anderen": weergave.geld(anderen),
                    "over": weergave.geld(max(plafond - anderen, NUL)),
                },
                veld="bedrag",
            )
        nieuw = besluit is None
        if besluit is None:
            besluit = Subsidiebesluit(traject=traject, bod=bod)
        elif (besluit.uitkomst, besluit.bedrag, besluit.grond, besluit.reden) == (
            uitkomst,
            bedrag_d,
            grond,
            reden,
        ):
            return besluit
        besluit.uitkomst = uitkomst
        besluit.bedrag = bedrag_d
        besluit.grond = grond
        besluit.reden = reden
        besluit.besloten_door = actor
        besluit.besloten_op = timezone.now()
        besluit.save()
        besluit.bod = bod
        events.subsidiebesluit_vastgelegd(
            actor=actor, traject=traject, besluit=besluit, nieuw=nieuw
        )
    return besluit


def subsidiebesluiten_versturen(
    *, actor: User, traject: Traject, ontvangen_op: datetime
) -> list[Subsidiebesluit]:
    """Send the decisions to every applicant at ONE moment (`ontvangen_op`): a notification
    to each applicant's people with a link to its bid page, where the decision shows. Only
    once every application has a decision; after this no decision changes. Sending again
    (a double click) sends nothing."""
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        permissions.mag_subsidie_beheren(actor, traject).vereisen()
        aanvragen = selectors.aanvragen_op_volgorde(traject)
        besluiten = [a.besluit for a in aanvragen if a.besluit is not None]
        if besluiten and all(b.verstuurd_op is not None for b in besluiten):
            if len(besluiten) == len(aanvragen):
                return besluiten  # a double click
        open_aanvragen = len(aanvragen) - len(besluiten)
        verstuurd = any(b.verstuurd_op is not None for b in besluiten)
        if not aanvragen:
            raise DomainError(_("There are no applications to decide on."))
        permissions.subsidiebesluiten_compleet(open_aanvragen, verstuurd).vereisen()
        mensen = mensen_van_biedingen([a.bod for a in aanvragen])
        for aanvraag in aanvragen:
            besluit = aanvraag.besluit
            assert besluit is not None
            besluit.verstuurd_op = ontvangen_op
            besluit.save(update_fields=["verstuurd_op"])
            events.subsidiebesluit_verstuurd(actor=actor, traject=traject, besluit=besluit)
            url = reverse("beoordeling:bod", args=[aanvraag.bod.pk])
            with translation.override("nl"):
                onderwerp = _("Decision on your subsidy application: %(titel)s") % {
                    "titel": traject.titel
                }
            for user in mensen[aanvraag.bod.pk]:
                notifications.notify(
                    user,
                    onderwerp=onderwerp,
                    template=BESLUIT_MAIL,
                    context={
                        "traject": traject,
                        "perceel": aanvraag.bod.perceel,
                        "uitkomst": besluit.get_uitkomst_display(),
                        "bedrag": weergave.geld(besluit.bedrag) if besluit.bedrag else "",
                        "reden": besluit.reden,
                        "link": notifications.absolute_url(url),
                    },
                    url=url,
                )
    return besluiten
