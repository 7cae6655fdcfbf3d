"""The selection for the elaborated plan (issue 6, item 3): after the outline bids are
assessed, an officer invites some bidders to elaborate their plan, with feedback for every
bid; the others are told why not. Then the selection is sent to every bidder at one moment.

Until it is sent, the choice and the feedback are a draft that only officers see; after
it is sent nothing in the selection changes. Both transitions lock the trajectory first
(`traject_vergrendeld`), so a save and a send, or two sends, run one after the other.

Audit events are recorded on the trajectory (its timeline is shown to officers only),
never with the feedback itself.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from aanbesteden import notifications, weergave
from aanbesteden.exceptions import DomainError
from beoordeling import events, permissions
from beoordeling.constants import BodStatus, Ronde
from beoordeling.models import Bod
from beoordeling.selectors import kluis
from beoordeling.selectors import selectie as selectors
from beoordeling.selectors.bieden import mensen_van_biedingen
from beoordeling.services import vergoeding as vergoeding_services
from beoordeling.services.bieden import bod_url
from trajecten.services import traject_vergrendeld

if TYPE_CHECKING:
    from aanbesteden.models import User
    from trajecten.models import Traject

MAIL_UITGENODIGD = "beoordeling/mail/selectie_uitgenodigd.txt"
MAIL_NIET_UITGENODIGD = "beoordeling/mail/selectie_niet_uitgenodigd.txt"


def _verstuurd_tekst(moment: datetime) -> str:
    return _("The selection was sent on %(moment)s. After that nothing in it can be changed.") % {
        "moment": weergave.moment(moment, "l j F Y, H:i:s")
    }


def _al_verstuurd(traject: Traject) -> datetime | None:
    """The moment the selection of `traject` was sent, or None."""
    return (
        Bod.objects.filter(
            traject=traject, ronde=Ronde.HOOFDLIJNEN, selectie_verstuurd_op__isnull=False
        )
        .order_by("selectie_verstuurd_op")
        .values_list("selectie_verstuurd_op", flat=True)
        .first()
    )


def selectie_opslaan(*, actor: User, bod: Bod, uitnodigen: bool, terugkoppeling: str) -> Bod:
    """Save the draft decision for one opened outline bid: invite it to elaborate or not,
    with the feedback. Only officers of the gemeente, only after the outline vault is
    opened, only until the selection is sent. Saving the same again writes nothing."""
    terugkoppeling = (terugkoppeling or "").strip()
    uitnodigen = bool(uitnodigen)
    with transaction.atomic():
        traject = traject_vergrendeld(bod.traject)
        permissions.mag_selecteren(actor, traject).vereisen()
        bod = Bod.objects.select_for_update().get(pk=bod.pk, traject=traject)
        if bod.ronde != Ronde.HOOFDLIJNEN:
            raise DomainError(_("Only outline bids are selected for the elaborated plan."))
        if bod.status != BodStatus.INGEDIEND or not kluis.is_geopend(traject, bod.ronde):
            raise DomainError(
                _("You can choose only after the vault of the outline bids is opened.")
            )
        if bod.selectie_verstuurd_op is not None:
            raise DomainError(_verstuurd_tekst(bod.selectie_verstuurd_op))
        if (bod.uitgenodigd_voor_uitwerking, bod.terugkoppeling) == (uitnodigen, terugkoppeling):
            return bod
        vorige = bod.uitgenodigd_voor_uitwerking
        bod.uitgenodigd_voor_uitwerking = uitnodigen
        bod.terugkoppeling = terugkoppeling
        bod.save(update_fields=["uitgenodigd_voor_uitwerking", "terugkoppeling", "gewijzigd_op"])
        events.selectie_opgeslagen(actor=actor, traject=traject, bod=bod, vorige_keuze=vorige)
    return bod


def selectie_alles_opslaan(*, actor: User, keuzes: list[tuple[Bod, bool, str]]) -> list[Bod]:
    """Save several draft decisions at once, all or none: `keuzes` is a list of
    (bod, uitnodigen, terugkoppeling)."""
    with transaction.atomic():
        return [
            selectie_opslaan(actor=actor, bod=bod, uitnodigen=uitnodigen, terugkoppeling=tekst)
            for bod, uitnodigen, tekst in keuzes
        ]


def _onderwerp(uitgenodigd: bool, traject: Traject) -> str:
    with translation.override("nl"):
        if uitgenodigd:
            return _("You are invited to elaborate your plan: %(titel)s") % {"titel": traject.titel}
        return _("Outcome of your outline bid: %(titel)s") % {"titel": traject.titel}


def selectie_versturen(*, actor: User, traject: Traject, ontvangen_op: datetime) -> datetime:
    """Send the selection of `traject` to every bidder with an opened outline bid, at one
    moment (`ontvangen_op`, when the request reached the server).

    Refused unless the outline vault is opened, every opened outline bid has feedback, and
    the deadline of the elaborated plan is set and later than `ontvangen_op`. Each bidder's
    people (the members of the bidding organisation and of the accepted partners of its
    coalition) are told their own outcome. Once sent, a second send sends nothing.
    """
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        permissions.mag_selecteren(actor, traject).vereisen()
        if not kluis.is_geopend(traject, Ronde.HOOFDLIJNEN):
            raise DomainError(_("The vault of the outline bids is not opened yet. Open it first."))
        eerder = _al_verstuurd(traject)
        if eerder is not None:
            raise DomainError(_verstuurd_tekst(eerder))
        biedingen = [bod for groep in selectors.selectie_van(traject) for bod in groep.biedingen]
        if not biedingen:
            raise DomainError(_("There are no opened outline bids to send a selection for."))
        # Lock the bids themselves too: their draft decision is what is sent.
        vergrendeld = {
            b.pk: b
            for b in Bod.objects.select_for_update().filter(pk__in=[b.pk for b in biedingen])
        }
        for bod in biedingen:
            bod.uitgenodigd_voor_uitwerking = vergrendeld[bod.pk].uitgenodigd_voor_uitwerking
            bod.terugkoppeling = vergrendeld[bod.pk].terugkoppeling
        zonder = [bod for bod in biedingen if not bod.terugkoppeling.strip()]
        if zonder:
            raise DomainError(
                _("Give feedback for every bid first. Feedback is still missing for: %(wie)s.")
                % {"wie": ", ".join(bod.organisatie.naam for bod in zonder)}
            )
        deadline = kluis.deadline_van(traject, Ronde.UITWERKING)
        if deadline is None:
            raise DomainError(
                _(
                    "Set the deadline of the elaborated plan first, in the planning of the "
                    "trajectory. The invited bidders must know it."
                )
            )
        if deadline <= ontvangen_op:
            raise DomainError(
                _(
                    "The deadline of the elaborated plan (%(moment)s) has passed. Set a later "
                    "deadline first."
                )
                % {"moment": weergave.moment(deadline, "l j F Y, H:i:s")}
            )
        Bod.objects.filter(pk__in=[b.pk for b in biedingen]).update(
            selectie_verstuurd_op=ontvangen_op
        )
        mensen = mensen_van_biedingen(biedingen)
        deadline_tekst = weergave.moment(deadline, "l j F Y, H:i:s", nl=True)
        for bod in biedingen:
            uitgenodigd = bod.uitgenodigd_voor_uitwerking
            context = {
                "traject": traject,
                "perceel": bod.perceel,
                "bieder": bod.organisatie.naam,
                "terugkoppeling": bod.terugkoppeling,
                "deadline": deadline_tekst,
                "link": notifications.absolute_url(bod_url(bod)),
            }
            for user in mensen[bod.pk]:
                notifications.notify(
                    user,
                    onderwerp=_onderwerp(uitgenodigd, traject),
                    template=MAIL_UITGENODIGD if uitgenodigd else MAIL_NIET_UITGENODIGD,
                    context=context,
                    url=bod_url(bod),
                )
        events.selectie_verstuurd(
            actor=actor,
            traject=traject,
            biedingen=biedingen,
            verstuurd_op=ontvangen_op,
            uitwerking_sluit=deadline,
        )
        # Issue 14, point 9: the call's development fee, recorded per invited bid.
        vergoeding_services.vergoedingen_toekennen(
            actor=actor, traject=traject, biedingen=biedingen, moment=ontvangen_op
        )
    return ontvangen_op
