"""Consultation of a draft call (issue 14, point 1): open, react, confirm, answer, close.

Every transition runs under `transaction.atomic` with its row locked, checks a predicate of
`trajecten.permissions`, writes its audit event through `trajecten.events` and notifies
through `aanbesteden.notifications` (mail after commit).

Reacting without an account follows the session registration (`services.dialoog`): the
person gives a name and an e-mail address, a light account is found or made for the address,
and the reaction is *unconfirmed* until the link mailed to that address is opened (48 hours).
Only confirmed reactions count: the officers see them, they are answered and go into the
report. Anyone can type any address; the link proves it (docs/decisions.md, issue 14).

Answers are not published one by one: they are published in the report with the call, for
everyone at the same time (equal treatment, Aanbestedingswet 2012 art. 1.8 and 2.51-2.52).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanbesteden import notifications, weergave
from aanbesteden.exceptions import DomainError
from aanbesteden.models import User
from aanbesteden.services import account_voor, adres_bevestigd
from trajecten import events, permissions
from trajecten.constants import ConsultatieSectie, Overgenomen, TrajectStatus
from trajecten.models import Consultatie, Reactie, Traject
from trajecten.services import traject_vergrendeld

# An unconfirmed reaction lapses after this.
BEVESTIGEN_BINNEN = timedelta(hours=48)


class ReactieVerlopen(DomainError):
    """The confirmation link came too late, or the call was published in the meantime."""


def _consultatie_vergrendeld(traject: Traject) -> Consultatie | None:
    return Consultatie.objects.select_for_update().filter(traject=traject).first()


def consultatie_url(traject: Traject) -> str:
    return reverse("trajecten:consultatie", args=[traject.pk])


def beheer_url(traject: Traject) -> str:
    return reverse("trajecten:consultatie_beheer", args=[traject.pk])


def consultatie_openen(
    *,
    actor: User,
    traject: Traject,
    sluit_op: datetime,
    gevraagd: str,
    marktconsultatie_kenmerk: str = "",
) -> Consultatie:
    """An officer opens a draft for consultation until `sluit_op`. A second click with the
    same content gives back the consultation already opened."""
    gevraagd = (gevraagd or "").strip()
    marktconsultatie_kenmerk = (marktconsultatie_kenmerk or "").strip()
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        permissions.mag_consultatie_beheren(actor, traject).vereisen()
        if traject.status != TrajectStatus.CONCEPT:
            raise DomainError(
                _(
                    "This trajectory has been published: only a draft can be opened for "
                    "consultation."
                )
            )
        bestaande = _consultatie_vergrendeld(traject)
        if bestaande is not None:
            if bestaande.sluit_op == sluit_op and bestaande.gevraagd == gevraagd:
                return bestaande
            raise DomainError(_("This draft has already been opened for consultation."))
        if sluit_op is None or timezone.is_naive(sluit_op):
            raise DomainError(_("Give the moment reactions close."), veld="sluit_op")
        nu = timezone.now()
        if sluit_op <= nu:
            raise DomainError(
                _("The moment reactions close must be in the future."), veld="sluit_op"
            )
        if not gevraagd:
            raise DomainError(_("Say what kind of reactions you ask for."), veld="gevraagd")
        consultatie = Consultatie.objects.create(
            traject=traject,
            sluit_op=sluit_op,
            gevraagd=gevraagd,
            marktconsultatie_kenmerk=marktconsultatie_kenmerk,
            geopend_op=nu,
            geopend_door=actor,
        )
        events.consultatie_geopend(actor=actor, consultatie=consultatie)
    return consultatie


def _reageerders(consultatie: Consultatie) -> list[User]:
    """The people whose reaction counts, each once, active accounts only."""
    ids = consultatie.reacties.bevestigd().values_list("user_id", flat=True).distinct()
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def consultatie_sluiten(*, actor: User, traject: Traject) -> Consultatie:
    """An officer closes the consultation before its closing moment. The people who reacted
    are told that the report comes with the call."""
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        permissions.mag_consultatie_beheren(actor, traject).vereisen()
        consultatie = _consultatie_vergrendeld(traject)
        permissions.consultatie_staat_toe(traject, consultatie).vereisen()
        assert consultatie is not None
        nu = timezone.now()
        if not consultatie.is_open(nu):
            raise DomainError(_("The consultation is already closed."))
        consultatie.gesloten_op = nu
        consultatie.save(update_fields=["gesloten_op"])
        consultatie.traject = traject
        events.consultatie_gesloten(actor=actor, consultatie=consultatie, bij_publicatie=False)
        for user in _reageerders(consultatie):
            if user.pk == actor.pk:
                continue
            notifications.notify(
                user,
                onderwerp=notifications.nederlands(
                    gettext_lazy("Consultation closed: %(titel)s"), titel=traject.titel
                ),
                template="trajecten/mail/consultatie_gesloten.txt",
                context={"traject": traject, "consultatie": consultatie},
                url=consultatie_url(traject),
            )
    return consultatie


def sluiten_bij_publicatie(*, actor: User, traject: Traject) -> Consultatie | None:
    """At publication of the call (`services.publicatie.traject_publiceren`, in its
    transaction): the consultation closes if it is still open. Returns the consultation, or
    None when the trajectory had none."""
    consultatie = _consultatie_vergrendeld(traject)
    if consultatie is None:
        return None
    consultatie.traject = traject
    nu = timezone.now()
    if consultatie.is_open(nu):
        consultatie.gesloten_op = nu
        consultatie.save(update_fields=["gesloten_op"])
        events.consultatie_gesloten(actor=actor, consultatie=consultatie, bij_publicatie=True)
    return consultatie


def _team_van(traject: Traject) -> list[User]:
    """The officers to tell about a reaction: the trajectory's team and its maker, if they
    are officers of its gemeente; otherwise every officer of the gemeente (as for a
    question, `services.dialoog`)."""
    medewerkers = get_user_model().objects.filter(
        is_active=True, medewerkerschappen__gemeente=traject.gemeente
    )
    team = medewerkers.filter(
        Q(medewerkerschappen__teams__traject=traject) | Q(pk=traject.aangemaakt_door_id)
    ).distinct()
    return list(team) or list(medewerkers.distinct())


def _team_informeren(reactie: Reactie, traject: Traject) -> None:
    for medewerker in _team_van(traject):
        notifications.notify(
            medewerker,
            onderwerp=notifications.nederlands(
                gettext_lazy("New reaction to the draft: %(titel)s"), titel=traject.titel
            ),
            template="trajecten/mail/consultatie_reactie.txt",
            context={"traject": traject, "reactie": reactie},
            url=beheer_url(traject),
        )


def _telt_vanaf_nu(
    reactie: Reactie, traject: Traject, *, nu: datetime, van_onbevestigd: bool
) -> Reactie:
    if reactie.bevestigd_op is None:
        reactie.bevestigd_op = nu
        reactie.save(update_fields=["bevestigd_op"])
    events.reactie_gegeven(reactie=reactie, van_onbevestigd=van_onbevestigd)
    _team_informeren(reactie, traject)
    return reactie


def reageren(
    *,
    traject: Traject,
    sectie: str,
    tekst: str,
    naam: str = "",
    email: str = "",
    user: Any = None,
) -> Reactie:
    """A reaction to one section of a draft in consultation, before its closing moment (the
    server clock decides, to the second). Logged in (`user`): it counts at once. Without an
    account: it is unconfirmed until the link mailed to `email` is opened. A double
    submission gives back the first reaction."""
    tekst = (tekst or "").strip()
    naam = " ".join((naam or "").split())
    ingelogd = user is not None and user.is_authenticated
    if sectie not in ConsultatieSectie.values:
        raise DomainError(_("Choose the part of the draft your reaction is about."), veld="sectie")
    if not tekst:
        raise DomainError(_("Write your reaction."), veld="tekst")
    if not ingelogd and not naam:
        raise DomainError(_("Give your name."), veld="naam")
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        consultatie = _consultatie_vergrendeld(traject)
        permissions.reageren_open(traject, consultatie).vereisen()
        assert consultatie is not None
        consultatie.traject = traject
        if not ingelogd:
            user = account_voor(naam=naam, email=email)
        dubbel = Reactie.objects.filter(
            consultatie=consultatie, user=user, sectie=sectie, tekst=tekst
        ).first()
        if dubbel is not None:
            # No second mail for an unconfirmed one: the first link still works.
            return dubbel
        nu = timezone.now()
        reactie = Reactie.objects.create(
            consultatie=consultatie,
            sectie=sectie,
            tekst=tekst,
            user=user,
            naam=naam or user.get_full_name() or "",
            ingediend_op=nu,
            bevestigd_op=nu if ingelogd else None,
            token=None if ingelogd else uuid.uuid4(),
            verloopt_op=None if ingelogd else nu + BEVESTIGEN_BINNEN,
        )
        if ingelogd:
            return _telt_vanaf_nu(reactie, traject, nu=nu, van_onbevestigd=False)
        events.reactie_gegeven_onbevestigd(reactie=reactie)
        notifications.mail_aan_adres(
            aan=user.email,
            onderwerp=notifications.nederlands(
                gettext_lazy("Confirm your reaction: %(titel)s"), titel=traject.titel
            ),
            template="trajecten/mail/consultatie_bevestigen.txt",
            context={
                "traject": traject,
                "reactie": reactie,
                "link": notifications.absolute_url(bevestig_url(reactie)),
                "verloopt_op": weergave.moment(reactie.verloopt_op, nl=True),
            },
        )
    return reactie


def bevestig_url(reactie: Reactie) -> str:
    return reverse("trajecten:reactie_bevestigen", args=[reactie.token])


def reactie_bevestigen(*, token: Any) -> Reactie:
    """The person opened the link mailed to their address: the reaction counts from now. A
    reaction sent before the closing moment may be confirmed afterwards, within 48 hours,
    until the call is published. A second click changes nothing."""
    with transaction.atomic():
        traject_id = (
            Reactie.objects.filter(token=token)
            .values_list("consultatie__traject_id", flat=True)
            .first()
        )
        if traject_id is None:
            raise ReactieVerlopen(_("This link does not work (any more)."))
        traject = traject_vergrendeld(Traject(pk=traject_id))
        reactie = (
            Reactie.objects.select_for_update(of=("self",))
            .select_related("consultatie", "user")
            .get(token=token)
        )
        reactie.consultatie.traject = traject
        if reactie.is_bevestigd:
            return reactie
        if traject.is_gepubliceerd:
            raise ReactieVerlopen(
                _(
                    "The call has been published in the meantime: your reaction can no "
                    "longer be added to the consultation."
                )
            )
        nu = timezone.now()
        assert reactie.verloopt_op is not None
        if nu >= reactie.verloopt_op:
            raise ReactieVerlopen(
                _(
                    "This link has expired: you did not confirm in time. Send your reaction "
                    "again, if the consultation is still open."
                )
            )
        # The link reached the address: the light account's address is verified too.
        adres_bevestigd(reactie.user)
        return _telt_vanaf_nu(reactie, traject, nu=nu, van_onbevestigd=True)


def reactie_beantwoorden(
    *, actor: User, reactie: Reactie, antwoord: str, overgenomen: str, waarom: str = ""
) -> Reactie:
    """An officer answers a reaction and says what was taken over in the call, and why not
    otherwise; until the call is published (then the report is fixed). The answer is
    published in the report with the call, for everyone at once."""
    antwoord = (antwoord or "").strip()
    waarom = (waarom or "").strip()
    with transaction.atomic():
        traject_id = Reactie.objects.filter(pk=reactie.pk).values_list(
            "consultatie__traject_id", flat=True
        )[0]
        traject = traject_vergrendeld(Traject(pk=traject_id))
        permissions.mag_consultatie_beheren(actor, traject).vereisen()
        reactie = (
            Reactie.objects.select_for_update(of=("self",))
            .select_related("consultatie")
            .get(pk=reactie.pk)
        )
        reactie.consultatie.traject = traject
        if traject.is_gepubliceerd:
            raise DomainError(
                _("The call has been published with the report: the answer can no longer change.")
            )
        if not reactie.is_bevestigd:
            raise DomainError(_("This reaction has not been confirmed: it does not count."))
        if not antwoord:
            raise DomainError(_("Write the answer."), veld="antwoord")
        if overgenomen not in Overgenomen.values:
            raise DomainError(
                _("Say whether the reaction was taken over in the call."), veld="overgenomen"
            )
        if overgenomen != Overgenomen.JA and not waarom:
            raise DomainError(
                _("Say why the call does not (fully) follow the reaction."), veld="waarom"
            )
        if (reactie.antwoord, reactie.overgenomen, reactie.waarom) == (
            antwoord,
            overgenomen,
            waarom,
        ):
            return reactie
        eerder = reactie.is_beantwoord
        reactie.antwoord = antwoord
        reactie.overgenomen = overgenomen
        reactie.waarom = waarom
        reactie.beantwoord_door = actor
        reactie.beantwoord_op = timezone.now()
        reactie.save(
            update_fields=["antwoord", "overgenomen", "waarom", "beantwoord_door", "beantwoord_op"]
        )
        events.reactie_beantwoord(actor=actor, reactie=reactie, eerder_beantwoord=eerder)
    return reactie
