"""The residents' budget of a burgeraanbesteding (issue 14, point 3; Emmen).

The representatives of a lot (a district or village) add an assignment, ask quotes
themselves (the number asked is recorded), write down each amount when it arrives, and
choose one with the reason why. The rules of the call are checked here
(`permissions.keuze_past`): enough quotes for the amount (or, where the call allows it, a
stated reason), no declared involvement of the chooser in the supplier, never more than is
left. A choice above the call's maximum waits for an officer's approval; the choice is then
a commitment (`Verplichting`) in the lot's ledger.

Every transition locks the lot's row first, so that two choices at once never spend the
same euro twice.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanbesteden import notifications, weergave
from aanbesteden.exceptions import DomainError
from aanbesteden.models import Medewerker
from beoordeling import events, permissions
from beoordeling.constants import OpdrachtStatus
from beoordeling.models import Betrokkenheid, Offerte, Opdracht, Verplichting
from beoordeling.selectors.buurtbudget import over_van, regels_van
from trajecten.models import Perceel, Vertegenwoordiger

if TYPE_CHECKING:
    from aanbesteden.models import User
    from coalities.models import Organisatie

MAX_NAAM = 200


def _perceel_vergrendeld(perceel: Perceel | int) -> Perceel:
    pk = perceel.pk if isinstance(perceel, Perceel) else perceel
    return (
        Perceel.objects.select_for_update(of=("self",))
        .select_related("traject__gemeente")
        .get(pk=pk)
    )


def _opdracht_vergrendeld(opdracht: Opdracht) -> tuple[Perceel, Opdracht]:
    perceel = _perceel_vergrendeld(opdracht.perceel_id)
    opdracht = (
        Opdracht.objects.select_for_update(of=("self",))
        .select_related("gekozen_offerte")
        .get(pk=opdracht.pk)
    )
    opdracht.perceel = perceel
    return perceel, opdracht


def _bedrag(waarde: Any, *, veld: str) -> Decimal:
    try:
        bedrag = Decimal(str(waarde))
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(_("Give the amount in euro."), veld=veld) from None
    if bedrag <= 0:
        raise DomainError(_("The amount must be more than zero."), veld=veld)
    return bedrag.quantize(Decimal("0.01"))


def _naam(waarde: str, *, veld: str) -> str:
    naam = " ".join((waarde or "").split())
    if not naam:
        raise DomainError(_("Give the name of the business."), veld=veld)
    if len(naam) > MAX_NAAM:
        raise DomainError(
            _("Keep the name under %(aantal)s characters.") % {"aantal": MAX_NAAM}, veld=veld
        )
    return naam


def _vertegenwoordiger_van(actor: User, perceel: Perceel) -> Vertegenwoordiger | None:
    return Vertegenwoordiger.objects.filter(perceel=perceel, user=actor).first()


def _url(perceel: Perceel) -> str:
    return reverse("beoordeling:buurtbudget_perceel", args=[perceel.pk])


def _vertellen(perceel: Perceel, onderwerp: Any, tekst: Any, *, team: bool, **waarden: Any) -> None:
    """Tell the representatives of the lot and, with `team`, the trajectory's team (or the
    officers of the gemeente when it has no team). In Dutch, whoever acts."""
    traject = perceel.traject
    ontvangers = {v.user for v in perceel.vertegenwoordigers.select_related("user")}
    if team:
        leden = [t.medewerker.user for t in traject.team.select_related("medewerker__user")]
        if not leden:
            leden = [
                m.user
                for m in Medewerker.objects.filter(gemeente=traject.gemeente).select_related("user")
            ]
        ontvangers.update(leden)
    onderwerp = notifications.nederlands(onderwerp, titel=traject.titel, perceel=perceel.naam)
    tekst = notifications.nederlands(tekst, titel=traject.titel, perceel=perceel.naam, **waarden)
    for user in sorted(ontvangers, key=lambda u: u.pk):
        notifications.notify(user, onderwerp=onderwerp, tekst=tekst, url=_url(perceel))


def betrokkenheid_melden(
    *,
    actor: User,
    perceel: Perceel,
    leverancier: str,
    organisatie: Organisatie | None = None,
    toelichting: str = "",
) -> Betrokkenheid:
    """A representative declares an involvement in a supplier (family, work, a board seat).
    The platform then refuses their choice of that supplier's quote."""
    leverancier = _naam(leverancier, veld="leverancier")
    with transaction.atomic():
        perceel = _perceel_vergrendeld(perceel)
        permissions.mag_besteden(actor, perceel).vereisen()
        vertegenwoordiger = _vertegenwoordiger_van(actor, perceel)
        assert vertegenwoordiger is not None
        betrokkenheid = Betrokkenheid.objects.create(
            vertegenwoordiger=vertegenwoordiger,
            leverancier=leverancier,
            organisatie=organisatie,
            toelichting=(toelichting or "").strip(),
        )
        events.buurtbudget_betrokkenheid(actor=actor, betrokkenheid=betrokkenheid)
    return betrokkenheid


def opdracht_aanmaken(
    *, actor: User, perceel: Perceel, omschrijving: str, geraamd_bedrag: Any
) -> Opdracht:
    """The representatives add an assignment: what must be done, and an estimate."""
    omschrijving = (omschrijving or "").strip()
    if not omschrijving:
        raise DomainError(_("Describe what must be done."), veld="omschrijving")
    bedrag = _bedrag(geraamd_bedrag, veld="geraamd_bedrag")
    with transaction.atomic():
        perceel = _perceel_vergrendeld(perceel)
        permissions.mag_besteden(actor, perceel).vereisen()
        opdracht = Opdracht.objects.create(
            perceel=perceel, omschrijving=omschrijving, geraamd_bedrag=bedrag, aangemaakt_door=actor
        )
        events.buurtbudget_opdracht(actor=actor, opdracht=opdracht)
    return opdracht


def offerte_vragen(
    *,
    actor: User,
    opdracht: Opdracht,
    leverancier: str,
    gevraagd_op: date,
    organisatie: Organisatie | None = None,
) -> Offerte:
    """A representative records that a quote was asked from `leverancier` (a business;
    optionally an organisation on the platform). Every quote asked counts."""
    leverancier = _naam(leverancier, veld="leverancier")
    if gevraagd_op is None:
        raise DomainError(_("Give the date you asked for the quote."), veld="gevraagd_op")
    if gevraagd_op > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), veld="gevraagd_op")
    with transaction.atomic():
        perceel, opdracht = _opdracht_vergrendeld(opdracht)
        permissions.mag_besteden(actor, perceel).vereisen()
        permissions.opdracht_open(opdracht).vereisen()
        offerte = Offerte.objects.create(
            opdracht=opdracht,
            leverancier=leverancier,
            organisatie=organisatie,
            gevraagd_op=gevraagd_op,
            gevraagd_door=actor,
        )
        events.buurtbudget_offerte_gevraagd(actor=actor, offerte=offerte)
    return offerte


def offerte_ontvangen(
    *, actor: User, offerte: Offerte, bedrag: Any, ontvangen_op: date | None = None
) -> Offerte:
    """A representative writes down the amount of a quote when it arrives."""
    waarde = _bedrag(bedrag, veld="bedrag")
    ontvangen_op = ontvangen_op or timezone.localdate()
    if ontvangen_op > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), veld="ontvangen_op")
    with transaction.atomic():
        perceel, opdracht = _opdracht_vergrendeld(offerte.opdracht)
        permissions.mag_besteden(actor, perceel).vereisen()
        permissions.opdracht_open(opdracht).vereisen()
        offerte = Offerte.objects.select_for_update().get(pk=offerte.pk, opdracht=opdracht)
        if ontvangen_op < offerte.gevraagd_op:
            raise DomainError(_("A quote cannot arrive before it was asked."), veld="ontvangen_op")
        offerte.bedrag = waarde
        offerte.ontvangen_op = ontvangen_op
        offerte.save(update_fields=["bedrag", "ontvangen_op"])
        offerte.opdracht = opdracht
        events.buurtbudget_offerte_ontvangen(actor=actor, offerte=offerte)
    return offerte


def _vastleggen(perceel: Perceel, opdracht: Opdracht, moment: datetime) -> Verplichting:
    offerte = opdracht.gekozen_offerte
    assert offerte is not None and offerte.bedrag is not None
    over = over_van(perceel)
    if offerte.bedrag > over:
        raise DomainError(
            _("This quote (%(bedrag)s) is more than what is left of the budget (%(over)s).")
            % {"bedrag": weergave.geld(offerte.bedrag), "over": weergave.geld(over)}
        )
    return Verplichting.objects.create(
        perceel=perceel, opdracht=opdracht, bedrag=offerte.bedrag, vastgelegd_op=moment
    )


def offerte_kiezen(
    *,
    actor: User,
    opdracht: Opdracht,
    offerte: Offerte,
    reden: str,
    reden_minder_offertes: str = "",
) -> Opdracht:
    """A representative chooses a quote, with the reason why. Refused when it breaks a rule
    of the call. Above the call's maximum the choice waits for an officer's approval (the
    team and the representatives are told); otherwise it is committed in the ledger."""
    reden = (reden or "").strip()
    reden_minder_offertes = (reden_minder_offertes or "").strip()
    if not reden:
        raise DomainError(_("Write down why you chose this quote."), veld="reden")
    with transaction.atomic():
        perceel, opdracht = _opdracht_vergrendeld(opdracht)
        permissions.mag_besteden(actor, perceel).vereisen()
        permissions.opdracht_open(opdracht).vereisen()
        regels = regels_van(perceel.traject)
        offerte = Offerte.objects.filter(pk=offerte.pk).first() or offerte
        aantal = opdracht.offertes.count()
        vertegenwoordiger = _vertegenwoordiger_van(actor, perceel)
        permissions.keuze_past(
            regels,
            opdracht,
            offerte,
            aantal_gevraagd=aantal,
            reden_minder=reden_minder_offertes,
            betrokkenheden=list(vertegenwoordiger.betrokkenheden.all())
            if vertegenwoordiger
            else [],
            over=over_van(perceel),
        ).vereisen()
        nu = timezone.now()
        opdracht.gekozen_offerte = offerte
        opdracht.keuze_reden = reden
        nodig = regels.offertes_nodig(max(opdracht.geraamd_bedrag, offerte.bedrag or 0))
        opdracht.reden_minder_offertes = reden_minder_offertes if aantal < nodig else ""
        opdracht.gekozen_door = actor
        opdracht.gekozen_op = nu
        wacht = permissions.goedkeuring_nodig(regels, offerte)
        opdracht.status = OpdrachtStatus.WACHT_OP_GOEDKEURING if wacht else OpdrachtStatus.GEKOZEN
        opdracht.afwijzing_reden = ""
        opdracht.save()
        if not wacht:
            _vastleggen(perceel, opdracht, nu)
        events.buurtbudget_keuze(
            actor=actor, opdracht=opdracht, aantal_gevraagd=aantal, nodig=nodig
        )
        if wacht:
            _vertellen(
                perceel,
                gettext_lazy("A choice waits for your approval: %(perceel)s"),
                gettext_lazy(
                    "The representatives of %(perceel)s (%(titel)s) chose the quote of "
                    "%(leverancier)s for %(bedrag)s. That is above the maximum of the call, "
                    "so the municipality approves it first."
                ),
                team=True,
                leverancier=offerte.leverancier,
                bedrag=weergave.geld(offerte.bedrag),
            )
    return opdracht


def keuze_goedkeuren(*, actor: User, opdracht: Opdracht) -> Opdracht:
    """An officer approves a choice above the maximum: it is committed in the ledger
    (refused when the budget no longer has room). The representatives and team are told."""
    with transaction.atomic():
        perceel, opdracht = _opdracht_vergrendeld(opdracht)
        permissions.mag_keuze_beoordelen(actor, opdracht).vereisen()
        nu = timezone.now()
        _vastleggen(perceel, opdracht, nu)
        opdracht.status = OpdrachtStatus.GEKOZEN
        opdracht.goedgekeurd_door = actor
        opdracht.goedgekeurd_op = nu
        opdracht.save(update_fields=["status", "goedgekeurd_door", "goedgekeurd_op"])
        events.buurtbudget_goedgekeurd(actor=actor, opdracht=opdracht)
        offerte = opdracht.gekozen_offerte
        assert offerte is not None
        _vertellen(
            perceel,
            gettext_lazy("Choice approved: %(perceel)s"),
            gettext_lazy(
                "The municipality approved the choice for %(leverancier)s (%(bedrag)s) in "
                "%(perceel)s (%(titel)s). The amount is now committed in the budget."
            ),
            team=True,
            leverancier=offerte.leverancier,
            bedrag=weergave.geld(offerte.bedrag),
        )
    return opdracht


def keuze_afwijzen(*, actor: User, opdracht: Opdracht, reden: str) -> Opdracht:
    """An officer does not approve a choice, with the reason: the assignment is open again
    and the representatives choose anew. The representatives and the team are told."""
    reden = (reden or "").strip()
    if not reden:
        raise DomainError(_("Write down why the municipality does not approve."), veld="reden")
    with transaction.atomic():
        perceel, opdracht = _opdracht_vergrendeld(opdracht)
        permissions.mag_keuze_beoordelen(actor, opdracht).vereisen()
        offerte = opdracht.gekozen_offerte
        assert offerte is not None
        opdracht.status = OpdrachtStatus.OPEN
        opdracht.gekozen_offerte = None
        opdracht.afwijzing_reden = reden
        opdracht.save(update_fields=["status", "gekozen_offerte", "afwijzing_reden"])
        events.buurtbudget_afgewezen(actor=actor, opdracht=opdracht, offerte=offerte)
        _vertellen(
            perceel,
            gettext_lazy("Choice not approved: %(perceel)s"),
            gettext_lazy(
                "The municipality did not approve the choice for %(leverancier)s in "
                "%(perceel)s (%(titel)s). The reason: %(reden)s"
            ),
            team=True,
            leverancier=offerte.leverancier,
            reden=reden,
        )
    return opdracht
