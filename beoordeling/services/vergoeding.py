"""The development fee (issue 14, point 9): recorded per bid invited to elaborate when the
selection is sent, and paid by an officer once the bidder's elaborated plan is submitted
and opened (the fee is for a complete elaborated plan; docs/decisions.md)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanbesteden import notifications, weergave
from aanbesteden.exceptions import DomainError
from beoordeling import events, permissions
from beoordeling.constants import VergoedingStatus
from beoordeling.models import Bod, Ontwikkelvergoeding
from beoordeling.selectors import vergoeding as selectors
from beoordeling.selectors.bieden import mensen_van_biedingen
from beoordeling.services.bieden import bod_url

if TYPE_CHECKING:
    from aanbesteden.models import User
    from trajecten.models import Traject

ONDERWERP_BETAALD = gettext_lazy("Your development fee is paid: %(titel)s")
TEKST_BETAALD = gettext_lazy(
    "The municipality has paid the development fee of %(bedrag)s for your elaborated plan on "
    "lot %(perceel)s (paid on %(datum)s)."
)


def _datum_nl(dag: date) -> str:
    with translation.override("nl"):
        return formats.date_format(dag, "j F Y")


def vergoedingen_toekennen(
    *, actor: User, traject: Traject, biedingen: list[Bod], moment: datetime
) -> list[Ontwikkelvergoeding]:
    """Record the call's development fee for every invited bid among `biedingen`, with the
    amount of the call at `moment`. Part of sending the selection
    (`services.selectie.selectie_versturen`), inside its transaction; nothing without a
    fee in the call."""
    if traject.ontwikkelvergoeding is None:
        return []
    permissions.mag_selecteren(actor, traject).vereisen()
    vergoedingen = []
    for bod in biedingen:
        if not bod.uitgenodigd_voor_uitwerking:
            continue
        vergoeding = Ontwikkelvergoeding.objects.create(
            traject=traject,
            bod=bod,
            organisatie_id=bod.organisatie_id,
            bedrag=traject.ontwikkelvergoeding,
            toegekend_op=moment,
        )
        events.ontwikkelvergoeding_toegekend(actor=actor, vergoeding=vergoeding)
        vergoedingen.append(vergoeding)
    return vergoedingen


def betaling_vastleggen(
    *, actor: User, vergoeding: Ontwikkelvergoeding, betaald_op: date, ontvangen_op: datetime
) -> Ontwikkelvergoeding:
    """Record that `vergoeding` was paid on `betaald_op`: once, by an officer, only after
    the bidder's elaborated plan is submitted and opened, and not on a date in the future
    (at `ontvangen_op`) or before the fee was granted. The bidder's people are told."""
    with transaction.atomic():
        vergoeding = (
            Ontwikkelvergoeding.objects.select_for_update(of=("self",))
            .select_related("traject__gemeente", "bod__perceel", "organisatie")
            .get(pk=vergoeding.pk)
        )
        permissions.mag_betaling_vastleggen(
            actor, vergoeding, uitwerking_ingediend=selectors.uitwerking_ingediend(vergoeding)
        ).vereisen()
        vandaag = timezone.localdate(ontvangen_op)
        if betaald_op > vandaag:
            raise DomainError(_("The payment date cannot be in the future."), veld="betaald_op")
        if betaald_op < timezone.localdate(vergoeding.toegekend_op):
            raise DomainError(
                _("The payment date cannot be before the fee was granted (%(datum)s).")
                % {"datum": weergave.moment(vergoeding.toegekend_op, "j F Y")},
                veld="betaald_op",
            )
        vergoeding.status = VergoedingStatus.BETAALD
        vergoeding.betaald_op = betaald_op
        vergoeding.betaald_vastgelegd_door = actor
        vergoeding.save(update_fields=["status", "betaald_op", "betaald_vastgelegd_door"])
        events.ontwikkelvergoeding_betaald(actor=actor, vergoeding=vergoeding)
        bod = vergoeding.bod
        tekst = notifications.nederlands(
            TEKST_BETAALD,
            bedrag=weergave.geld(vergoeding.bedrag),
            perceel=str(bod.perceel),
            datum=_datum_nl(betaald_op),
        )
        onderwerp = notifications.nederlands(ONDERWERP_BETAALD, titel=vergoeding.traject.titel)
        for user in mensen_van_biedingen([bod])[bod.pk]:
            notifications.notify(user, onderwerp=onderwerp, tekst=tekst, url=bod_url(bod))
    return vergoeding
