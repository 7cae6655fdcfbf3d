"""The partner board (issue 5, items 2 and 4): interest, contact between organisations,
invitations of unusual suspects, key parties.

Every transition runs under `transaction.atomic` with its trajectory (or conversation) row
locked, checks who acts and the state, writes its audit event in the same transaction and
notifies through `aanbesteden.notifications.notify` (mail after commit).

E-mail addresses: a message to an organisation goes to its administrators on the platform.
Neither the notification nor its e-mail holds the sender's address; the conversation page
shows the addresses of the people who wrote only after the contacted organisation answered.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanbesteden import notifications
from aanbesteden.exceptions import DomainError, NotAllowed
from coalities import events
from coalities.constants import ACTIEVE_STATUSSEN, LEIDENDE_ROLLEN
from coalities.models import (
    Bericht,
    CoalitiePartner,
    Gesprek,
    Interesse,
    Organisatie,
    Sleutelpartij,
    TrajectUitnodiging,
)
from coalities.permissions import (
    coalities_op_route,
    mag_interesse_intrekken,
    mag_interesse_tonen,
    mag_namens_organisatie,
    mag_partijen_uitnodigen,
    mag_sleutelpartijen_beheren,
)
from coalities.selectors import beheerders_van
from trajecten.models import Perceel, Traject
from trajecten.services import traject_vergrendeld

logger = logging.getLogger(__name__)


def _gepubliceerd_traject(traject: Traject) -> Traject:
    traject = traject_vergrendeld(traject)
    if not traject.is_gepubliceerd:
        raise DomainError(_("This trajectory is not published."))
    return traject


# Interest


def interesse_tonen(
    *,
    actor: Any,
    traject: Traject,
    organisatie: Organisatie,
    bieden: str,
    zoeken: str = "",
    percelen: Iterable[Any] = (),
) -> Interesse:
    """`organisatie` shows interest in `traject`: what it offers and what it looks for, for
    some lots (none: the whole trajectory). A second time changes the one row."""
    bieden = (bieden or "").strip()
    if not bieden:
        raise DomainError(_("Say what your organisation offers."))
    with transaction.atomic():
        traject = _gepubliceerd_traject(traject)
        coalities_op_route(traject).vereisen()
        mag_interesse_tonen(actor, organisatie).vereisen()
        perceel_ids = {p.pk if hasattr(p, "pk") else int(p) for p in percelen}
        gekozen = list(Perceel.objects.filter(traject=traject, pk__in=perceel_ids))
        if len(gekozen) != len(perceel_ids):
            raise DomainError(_("Choose only lots of this trajectory."))
        interesse, created = Interesse.objects.update_or_create(
            traject=traject,
            organisatie=organisatie,
            defaults={"bieden": bieden, "zoeken": (zoeken or "").strip(), "door": actor},
        )
        interesse.percelen.set(gekozen)
        events.interesse_getoond(
            actor=actor, interesse=interesse, traject=traject, percelen=gekozen, nieuw=created
        )
    return interesse


def interesse_intrekken(*, actor: Any, interesse: Interesse) -> None:
    """A member withdraws the interest of their organisation."""
    with transaction.atomic():
        interesse = (
            Interesse.objects.select_for_update(of=("self",))
            .select_related("traject__gemeente", "organisatie")
            .get(pk=interesse.pk)
        )
        mag_interesse_intrekken(actor, interesse).vereisen()
        events.interesse_ingetrokken(actor=actor, interesse=interesse)
        interesse.delete()


# Contact between organisations


def _bericht_toevoegen(
    *, actor: Any, gesprek: Gesprek, namens: Organisatie, tekst: str, ontvangers: Iterable[Any]
) -> Bericht:
    bericht = Bericht.objects.create(gesprek=gesprek, afzender=actor, namens=namens, tekst=tekst)
    events.bericht_verstuurd(actor=actor, gesprek=gesprek, bericht=bericht)
    url = reverse("coalities:gesprek", args=[gesprek.pk])
    for user in ontvangers:
        notifications.notify(
            user,
            onderwerp=notifications.nederlands(
                gettext_lazy("Message from %(naam)s about %(titel)s"),
                naam=namens.naam,
                titel=gesprek.traject.titel,
            ),
            template="coalities/mail/partnerbord_bericht.txt",
            context={
                "gesprek": gesprek,
                "traject": gesprek.traject,
                "namens": namens,
                "afzender_naam": actor.naam,
                "tekst": tekst,
            },
            url=url,
        )
    return bericht


def bericht_sturen(
    *, actor: Any, traject: Traject, van: Organisatie, aan: Organisatie, tekst: str
) -> Gesprek:
    """A member of `van` writes to `aan` about `traject`; its administrators are told.

    One conversation per (trajectory, van, aan): a second message joins it."""
    tekst = (tekst or "").strip()
    if not tekst:
        raise DomainError(_("Write a message."))
    if van.pk == aan.pk:
        raise DomainError(_("Choose another organisation than your own."))
    with transaction.atomic():
        traject = _gepubliceerd_traject(traject)
        mag_namens_organisatie(actor, van).vereisen()
        gesprek, _created = Gesprek.objects.get_or_create(traject=traject, van=van, aan=aan)
        gesprek = (
            Gesprek.objects.select_for_update(of=("self",))
            .select_related("traject__gemeente")
            .get(pk=gesprek.pk)
        )
        _bericht_toevoegen(
            actor=actor,
            gesprek=gesprek,
            namens=van,
            tekst=tekst,
            ontvangers=beheerders_van(aan, behalve=actor),
        )
    return gesprek


def antwoord_sturen(*, actor: Any, gesprek: Gesprek, namens: Organisatie, tekst: str) -> Gesprek:
    """A member of either side writes in an existing conversation. The first message from
    the contacted side (`aan`) is the answer: from then on both sides see the e-mail
    addresses of the people who wrote."""
    tekst = (tekst or "").strip()
    if not tekst:
        raise DomainError(_("Write a message."))
    with transaction.atomic():
        gesprek = (
            Gesprek.objects.select_for_update(of=("self",))
            .select_related("traject__gemeente", "van", "aan")
            .get(pk=gesprek.pk)
        )
        if namens.pk not in (gesprek.van_id, gesprek.aan_id):
            raise NotAllowed(_("This organisation is not part of this conversation."))
        mag_namens_organisatie(actor, namens).vereisen()
        andere = gesprek.aan if namens.pk == gesprek.van_id else gesprek.van
        if namens.pk == gesprek.aan_id and gesprek.beantwoord_op is None:
            gesprek.beantwoord_op = timezone.now()
            gesprek.save(update_fields=["beantwoord_op"])
        # The administrators of the other side and the people who wrote for it.
        ontvangers = {u.pk: u for u in beheerders_van(andere, behalve=actor)}
        for bericht in Bericht.objects.filter(gesprek=gesprek, namens=andere).select_related(
            "afzender"
        ):
            if bericht.afzender_id != actor.pk:
                ontvangers.setdefault(bericht.afzender_id, bericht.afzender)
        _bericht_toevoegen(
            actor=actor,
            gesprek=gesprek,
            namens=namens,
            tekst=tekst,
            ontvangers=[ontvangers[pk] for pk in sorted(ontvangers)],
        )
    return gesprek


# Unusual suspects


def _uitnodiging_mailen(uitnodiging: TrajectUitnodiging) -> None:
    """A plain e-mail to a party not on the platform, through the core's outgoing mail
    (written in this transaction, sent after commit; the sweep resends what a broker lost)."""
    traject = uitnodiging.traject
    context = {
        "uitnodiging": uitnodiging,
        "traject": traject,
        "gemeente": traject.gemeente,
        "traject_url": notifications.absolute_url(traject.get_absolute_url()),
        "partnerbord_url": notifications.absolute_url(
            reverse("coalities:partnerbord", args=[traject.pk])
        ),
        "account_url": notifications.absolute_url(reverse("account_signup")),
        "organisatie_url": notifications.absolute_url(reverse("coalities:nieuw")),
    }
    with translation.override("nl"):
        onderwerp = _("Invitation: %(titel)s") % {"titel": traject.titel}
    notifications.mail_aan_adres(
        aan=uitnodiging.email,
        onderwerp=onderwerp,
        template="coalities/mail/partnerbord_uitnodiging.txt",
        context=context,
    )


def traject_uitnodiging_versturen(
    *, actor: Any, traject: Traject, naam: str, email: str, bericht: str = ""
) -> TrajectUitnodiging:
    """An officer invites a party that is not on the platform. Once per address: a second
    time returns the first invitation and sends nothing."""
    naam = " ".join((naam or "").split())
    email = (email or "").strip().lower()
    if not naam or not email:
        raise DomainError(_("Give a name and an e-mail address."))
    with transaction.atomic():
        traject = (
            Traject.objects.select_for_update(of=("self",))
            .select_related("gemeente")
            .get(pk=traject.pk)
        )
        mag_partijen_uitnodigen(actor, traject).vereisen()
        if not traject.is_gepubliceerd:
            raise DomainError(_("Invite parties once the trajectory is published."))
        bestaand = TrajectUitnodiging.objects.filter(traject=traject, email__iexact=email).first()
        if bestaand is not None:
            return bestaand
        uitnodiging = TrajectUitnodiging.objects.create(
            traject=traject,
            naam=naam,
            email=email,
            bericht=(bericht or "").strip(),
            uitgenodigd_door=actor,
        )
        events.traject_uitnodiging_verstuurd(actor=actor, uitnodiging=uitnodiging)
        _uitnodiging_mailen(uitnodiging)
    return uitnodiging


# Key parties


def sleutelpartij_aanwijzen(
    *, actor: Any, traject: Traject, organisatie: Organisatie, reden: str = ""
) -> Sleutelpartij:
    """An officer marks `organisatie` as a key party of `traject`: it may join every
    coalition and does not count as a competitor. Marking it again changes only the reason."""
    reden = (reden or "").strip()
    with transaction.atomic():
        traject = (
            Traject.objects.select_for_update(of=("self",))
            .select_related("gemeente")
            .get(pk=traject.pk)
        )
        mag_sleutelpartijen_beheren(actor, traject).vereisen()
        organisatie = Organisatie.objects.get(pk=organisatie.pk)
        # Issue 13, rule 1: a key party supports coalitions and never reads a bid, so an
        # organisation that leads a coalition of this trajectory (and bids) cannot be one.
        if CoalitiePartner.objects.filter(
            coalitie__traject=traject,
            organisatie=organisatie,
            rol__in=LEIDENDE_ROLLEN,
            status__in=ACTIEVE_STATUSSEN,
        ).exists():
            raise DomainError(
                _(
                    "%(organisatie)s leads a coalition on this trajectory. A key party supports "
                    "coalitions and does not bid itself."
                )
                % {"organisatie": organisatie.naam}
            )
        sleutelpartij, created = Sleutelpartij.objects.get_or_create(
            traject=traject,
            organisatie=organisatie,
            defaults={"reden": reden, "aangewezen_door": actor},
        )
        if not created:
            if sleutelpartij.reden == reden:
                return sleutelpartij
            sleutelpartij.reden = reden
            sleutelpartij.save(update_fields=["reden"])
        events.sleutelpartij_aangewezen(
            actor=actor, sleutelpartij=sleutelpartij, traject=traject, nieuw=created
        )
        if created:
            for user in beheerders_van(organisatie, behalve=actor):
                notifications.notify(
                    user,
                    onderwerp=notifications.nederlands(
                        gettext_lazy("Key party of %(titel)s"), titel=traject.titel
                    ),
                    template="coalities/mail/partnerbord_sleutelpartij.txt",
                    context={
                        "traject": traject,
                        "organisatie": organisatie,
                        "reden": reden,
                    },
                    url=reverse("coalities:partnerbord", args=[traject.pk]),
                )
    return sleutelpartij


def sleutelpartij_intrekken(*, actor: Any, sleutelpartij: Sleutelpartij) -> None:
    with transaction.atomic():
        rij = (
            Sleutelpartij.objects.select_for_update(of=("self",))
            .select_related("traject__gemeente")
            .filter(pk=sleutelpartij.pk)
            .first()
        )
        if rij is None:
            return  # already unmarked: a double click
        mag_sleutelpartijen_beheren(actor, rij.traject).vereisen()
        events.sleutelpartij_ingetrokken(actor=actor, sleutelpartij=rij)
        rij.delete()
