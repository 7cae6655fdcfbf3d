"""The dialogue (issue 4, items 6 and 7): sessions and registrations, questions, answers, notas.

Every transition runs under `transaction.atomic` with its row locked, checks the state,
writes its audit event in the same transaction and notifies through
`aanbesteden.notifications.notify` (mail after commit).

Registration without an account: the person gives a name and an e-mail address. We look
up the account with that address (case-insensitive) or make a *light account*: no usable
password, the name, and an unverified e-mail address. Such a person can later log in with
a code sent to that address (allauth's login by code), which also verifies the address.
So reminders and changes reach them through the one notification path.

Such a registration is *unconfirmed* until the person opens the link mailed to the address
(issue 11, point 13): anyone can type any address, so it does not count for the places,
the organisation limit, the online link or the list of attendees before that. The link is
the random `Aanmelding.token`; the mail is an outgoing mail to the address (not a
notification, whose e-mail depends on the account's preference). It lapses after 48 hours
or at the start of the session. A logged-in registration counts at once.
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
from trajecten import events, inhoud, permissions
from trajecten.constants import FASE_STAAT_TOE, UitvraagAanleiding, VraagStatus
from trajecten.documents.dialoog import nota_aanvragen
from trajecten.models import Aanmelding, Bijeenkomst, Nota, Perceel, Traject, Vraag
from trajecten.selectors.dialoog import nota_minimum_dagen, nota_te_laat, organisaties_van
from trajecten.services import traject_vergrendeld
from trajecten.services.publicatie import belanghebbenden_informeren, uitvraag_aanvragen

BIJEENKOMST_VELDEN = (
    "titel",
    "soort",
    "omschrijving",
    "begint_op",
    "eindigt_op",
    "locatie",
    "online_link",
    "capaciteit",
    "max_per_organisatie",
)
# A change of these fields is news for the people registered.
PRAKTISCHE_VELDEN = ("begint_op", "eindigt_op", "locatie", "online_link")


def _organisatie(value: str | None) -> str:
    """Organisation names compare trimmed, with inner spaces collapsed, case-insensitive."""
    return " ".join((value or "").split())


# Sessions


def _check_bijeenkomst_velden(velden: dict[str, Any]) -> None:
    onbekend = set(velden) - set(BIJEENKOMST_VELDEN)
    if onbekend:
        raise TypeError(f"Unknown fields for a session: {', '.join(sorted(onbekend))}")
    if not (velden.get("titel") or "").strip():
        raise DomainError(_("Give the session a title."))
    begint_op, eindigt_op = velden.get("begint_op"), velden.get("eindigt_op")
    if begint_op is None or eindigt_op is None:
        raise DomainError(_("Give the start and the end of the session."))
    if eindigt_op <= begint_op:
        raise DomainError(_("The session must end after it starts."))
    if not (velden.get("locatie") or "").strip() and not (velden.get("online_link") or "").strip():
        raise DomainError(_("Give a place, an online link, or both."))
    for veld in ("capaciteit", "max_per_organisatie"):
        if velden.get(veld) is not None and velden[veld] < 1:
            raise DomainError(_("A number of places must be at least 1, or empty for no limit."))


def bijeenkomst_plannen(*, actor: User, traject: Traject, **velden: Any) -> Bijeenkomst:
    """An officer plans a session of `traject` (also while it is still a draft)."""
    velden.setdefault("omschrijving", "")
    velden.setdefault("locatie", "")
    velden.setdefault("online_link", "")
    _check_bijeenkomst_velden(velden)
    with transaction.atomic():
        # The trajectory row makes a double click wait, and then find the first session.
        traject = traject_vergrendeld(traject)
        permissions.mag_bijeenkomst_plannen(actor, traject).vereisen()
        if velden["begint_op"] <= timezone.now():
            raise DomainError(_("A session must start in the future."))
        dubbel = Bijeenkomst.objects.filter(
            traject=traject, titel=velden["titel"], begint_op=velden["begint_op"]
        ).first()
        if dubbel is not None:
            return dubbel
        bijeenkomst = Bijeenkomst.objects.create(traject=traject, **velden)
        events.bijeenkomst_gepland(actor=actor, bijeenkomst=bijeenkomst)
    return bijeenkomst


def bijeenkomst_wijzigen(*, actor: User, bijeenkomst: Bijeenkomst, **velden: Any) -> Bijeenkomst:
    """An officer changes a session; a new date, time or place is sent to each person registered."""
    with transaction.atomic():
        bijeenkomst = (
            Bijeenkomst.objects.select_for_update(of=("self",))
            .select_related("traject__gemeente")
            .get(pk=bijeenkomst.pk)
        )
        traject = bijeenkomst.traject
        permissions.mag_bijeenkomst_wijzigen(actor, traject).vereisen()
        nieuw = {veld: getattr(bijeenkomst, veld) for veld in BIJEENKOMST_VELDEN}
        nieuw.update(velden)
        _check_bijeenkomst_velden(nieuw)
        gewijzigd = {
            veld: (getattr(bijeenkomst, veld), waarde)
            for veld, waarde in velden.items()
            if getattr(bijeenkomst, veld) != waarde
        }
        if not gewijzigd:
            return bijeenkomst
        nu = timezone.now()
        if "begint_op" in gewijzigd and nieuw["begint_op"] <= nu:
            raise DomainError(_("A session cannot be moved to a moment in the past."))
        if bijeenkomst.eindigt_op <= nu and set(gewijzigd) & set(PRAKTISCHE_VELDEN):
            raise DomainError(_("This session is over: its date and place can no longer change."))
        if "capaciteit" in gewijzigd and nieuw["capaciteit"] is not None:
            aantal = bijeenkomst.aanmeldingen.bevestigd().count()
            if nieuw["capaciteit"] < aantal:
                raise DomainError(
                    _(
                        "%(aantal)s people are already registered: the number of places "
                        "cannot be lower."
                    )
                    % {"aantal": aantal}
                )
        for veld, (_oud, waarde) in gewijzigd.items():
            setattr(bijeenkomst, veld, waarde)
        bijeenkomst.save(update_fields=list(gewijzigd))
        events.bijeenkomst_gewijzigd(actor=actor, bijeenkomst=bijeenkomst, gewijzigd=gewijzigd)
        if set(gewijzigd) & set(PRAKTISCHE_VELDEN):
            # One registration per person per session (unique constraint): each is told once.
            for aanmelding in bijeenkomst.aanmeldingen.bevestigd().select_related("user"):
                notifications.notify(
                    aanmelding.user,
                    onderwerp=notifications.nederlands(
                        gettext_lazy("Changed: %(titel)s"), titel=bijeenkomst.titel
                    ),
                    template="trajecten/mail/dialoog_bijeenkomst_gewijzigd.txt",
                    context={"bijeenkomst": bijeenkomst, "traject": traject},
                    url=bijeenkomst.get_absolute_url(),
                )
    return bijeenkomst


# An unconfirmed registration lapses after this, or at the start of the session if sooner.
BEVESTIGEN_BINNEN = timedelta(hours=48)


class BijeenkomstVol(DomainError):
    """No place left (at registration, or when an unconfirmed registration is confirmed)."""


class AanmeldingVerlopen(DomainError):
    """The confirmation link came too late: the registration lapsed."""


def _sessie_vergrendeld(pk: int) -> Bijeenkomst:
    # The session row is the lock: two registrations for the last place wait for each other.
    return (
        Bijeenkomst.objects.select_for_update(of=("self",))
        .select_related("traject__gemeente")
        .get(pk=pk)
    )


def _aanmelden_toegestaan(bijeenkomst: Bijeenkomst) -> None:
    traject = bijeenkomst.traject
    # Issue 14, point 1: a draft's sessions are open to registration while it is in
    # consultation; every other draft refuses until publication.
    if not traject.is_gepubliceerd and not permissions.consultatie_staat_toe(
        traject, inhoud.consultatie_van(traject)
    ):
        raise DomainError(_("You cannot register yet: this trajectory is not published."))
    if traject.actieve_fase not in FASE_STAAT_TOE["aanmelden_bijeenkomst"]:
        raise DomainError(_("In this phase you cannot register for sessions."))


def _plaats_vrij(
    bijeenkomst: Bijeenkomst, *, organisatie_sleutel: str, organisatie: str, vol_melding: str
) -> None:
    """Refuse when the session or the organisation's share of it is full. Only confirmed
    registrations count; the organisation only when the user proved membership (its key).
    Call with the session row locked."""
    bevestigd = Aanmelding.objects.bevestigd().filter(bijeenkomst=bijeenkomst)
    if bijeenkomst.capaciteit is not None and bevestigd.count() >= bijeenkomst.capaciteit:
        raise BijeenkomstVol(vol_melding)
    if organisatie_sleutel and bijeenkomst.max_per_organisatie is not None:
        van_organisatie = bevestigd.filter(organisatie_sleutel=organisatie_sleutel).count()
        if van_organisatie >= bijeenkomst.max_per_organisatie:
            raise DomainError(
                _(
                    "%(organisatie)s already has %(aantal)s registrations for this "
                    "session. That is the most per organisation."
                )
                % {"organisatie": organisatie, "aantal": van_organisatie}
            )


def _telt_vanaf_nu(
    aanmelding: Aanmelding, bijeenkomst: Bijeenkomst, *, nu: datetime, van_onbevestigd: bool
) -> Aanmelding:
    """The registration counts from `nu`: audit event and the usual confirmation with the
    date, place and online link. In the caller's transaction, session row locked."""
    if aanmelding.bevestigd_op is None:
        aanmelding.bevestigd_op = nu
        aanmelding.save(update_fields=["bevestigd_op"])
    traject = bijeenkomst.traject
    events.bijeenkomst_aangemeld(
        aanmelding=aanmelding, bijeenkomst=bijeenkomst, van_onbevestigd=van_onbevestigd
    )
    notifications.notify(
        aanmelding.user,
        onderwerp=notifications.nederlands(
            gettext_lazy("You are registered: %(titel)s"), titel=bijeenkomst.titel
        ),
        template="trajecten/mail/dialoog_aangemeld.txt",
        context={"bijeenkomst": bijeenkomst, "traject": traject, "aanmelding": aanmelding},
        url=bijeenkomst.get_absolute_url(),
    )
    return aanmelding


def aanmelden(
    *,
    bijeenkomst: Bijeenkomst,
    naam: str,
    email: str,
    organisatie: str = "",
    organisatie_sleutel: str = "",
    user: Any = None,
) -> Aanmelding:
    """Register a person for a session. A second registration returns the first one.

    Logged in (`user`): the registration counts at once (allauth verified the address);
    `organisatie_sleutel` may name one of the user's own organisations
    (`selectors.dialoog.organisaties_van`), which then counts for the limit per
    organisation. Without an account: the registration is *unconfirmed* until the link
    mailed to `email` is opened (`aanmelding_bevestigen`); it does not count before, and
    its free-text `organisatie` never counts for the limit (nobody proved membership).
    """
    naam = " ".join((naam or "").split())
    ingelogd = user is not None and user.is_authenticated
    organisatie = _organisatie(organisatie)
    organisatie_sleutel = (organisatie_sleutel or "").strip()
    if organisatie_sleutel:
        eigen = dict(organisaties_van(user)) if ingelogd else {}
        if organisatie_sleutel not in eigen:
            raise DomainError(_("You can only register for an organisation you belong to."))
        organisatie = eigen[organisatie_sleutel]
    with transaction.atomic():
        bijeenkomst = _sessie_vergrendeld(bijeenkomst.pk)
        traject = bijeenkomst.traject
        _aanmelden_toegestaan(bijeenkomst)
        nu = timezone.now()
        if not ingelogd:
            user = account_voor(naam=naam, email=email)
        # A lapsed unconfirmed registration holds nothing: it goes, so the person may
        # register again (and the name and address are not kept for nothing).
        Aanmelding.objects.filter(
            bijeenkomst=bijeenkomst, bevestigd_op__isnull=True, verloopt_op__lte=nu
        ).delete()
        bestaande = Aanmelding.objects.filter(bijeenkomst=bijeenkomst, user=user).first()
        if bestaande is not None and (bestaande.is_bevestigd or not ingelogd):
            # No second mail for an unconfirmed one: the first link still works.
            return bestaande
        if nu >= bijeenkomst.begint_op:
            raise DomainError(_("This session has already started: you can no longer register."))
        _plaats_vrij(
            bijeenkomst,
            organisatie_sleutel=organisatie_sleutel if ingelogd else "",
            organisatie=organisatie,
            vol_melding=_("This session is full."),
        )
        if bestaande is not None:
            # Registered without logging in before, logged in now: it counts at once.
            bestaande.organisatie = organisatie
            bestaande.organisatie_sleutel = organisatie_sleutel
            bestaande.save(update_fields=["organisatie", "organisatie_sleutel"])
            return _telt_vanaf_nu(bestaande, bijeenkomst, nu=nu, van_onbevestigd=True)
        aanmelding = Aanmelding.objects.create(
            bijeenkomst=bijeenkomst,
            user=user,
            naam=naam or user.get_full_name(),
            organisatie=organisatie,
            organisatie_sleutel=organisatie_sleutel if ingelogd else "",
            bevestigd_op=nu if ingelogd else None,
            token=None if ingelogd else uuid.uuid4(),
            verloopt_op=None if ingelogd else min(nu + BEVESTIGEN_BINNEN, bijeenkomst.begint_op),
        )
        if ingelogd:
            return _telt_vanaf_nu(aanmelding, bijeenkomst, nu=nu, van_onbevestigd=False)
        # Nobody has proved yet who registered: no actor until the link is opened.
        events.bijeenkomst_aangemeld_onbevestigd(aanmelding=aanmelding, bijeenkomst=bijeenkomst)
        notifications.mail_aan_adres(
            aan=user.email,
            onderwerp=notifications.nederlands(
                gettext_lazy("Confirm your registration: %(titel)s"), titel=bijeenkomst.titel
            ),
            template="trajecten/mail/dialoog_bevestigen.txt",
            context={
                "bijeenkomst": bijeenkomst,
                "traject": traject,
                "aanmelding": aanmelding,
                "link": notifications.absolute_url(bevestig_url(aanmelding)),
                "verloopt_op": weergave.moment(aanmelding.verloopt_op, nl=True),
            },
        )
    return aanmelding


def bevestig_url(aanmelding: Aanmelding) -> str:
    return reverse("trajecten:aanmelding_bevestigen", args=[aanmelding.token])


def aanmelding_bevestigen(*, token: Any) -> Aanmelding:
    """The person opened the link mailed to their address: the unconfirmed registration
    counts from now, if the session still has a place. A second click changes nothing.

    Raises `AanmeldingVerlopen` when the link came too late, `BijeenkomstVol` when the
    session filled up in the meantime (the registration stays unconfirmed and lapses).
    """
    with transaction.atomic():
        bijeenkomst_id = (
            Aanmelding.objects.filter(token=token).values_list("bijeenkomst_id", flat=True).first()
        )
        if bijeenkomst_id is None:
            raise AanmeldingVerlopen(
                _("This link does not work (any more). Register again on the page of the session.")
            )
        bijeenkomst = _sessie_vergrendeld(bijeenkomst_id)
        aanmelding = (
            Aanmelding.objects.select_for_update()
            .select_related("user")
            .filter(token=token, bijeenkomst=bijeenkomst)
            .first()
        )
        if aanmelding is None:
            raise AanmeldingVerlopen(
                _("This link does not work (any more). Register again on the page of the session.")
            )
        if aanmelding.is_bevestigd:
            return aanmelding
        nu = timezone.now()
        if nu >= aanmelding.verloopt_op or nu >= bijeenkomst.begint_op:
            raise AanmeldingVerlopen(
                _(
                    "This link has expired: you did not confirm in time. Register again "
                    "on the page of the session, if it has not started yet."
                )
            )
        _aanmelden_toegestaan(bijeenkomst)
        _plaats_vrij(
            bijeenkomst,
            organisatie_sleutel="",
            organisatie=aanmelding.organisatie,
            vol_melding=_(
                "Sorry, the session filled up before you confirmed. Your registration does "
                "not count."
            ),
        )
        # The link reached the address: the light account's address is verified too.
        adres_bevestigd(aanmelding.user)
        return _telt_vanaf_nu(aanmelding, bijeenkomst, nu=nu, van_onbevestigd=True)


def afmelden(*, actor: Any, aanmelding: Aanmelding) -> None:
    """The registrant cancels their registration before the session starts."""
    with transaction.atomic():
        bijeenkomst = (
            Bijeenkomst.objects.select_for_update(of=("self",))
            .select_related("traject__gemeente")
            .get(pk=aanmelding.bijeenkomst_id)
        )
        bestaand = Aanmelding.objects.filter(pk=aanmelding.pk).first()
        if bestaand is None:
            return None
        permissions.mag_afmelden(actor, bestaand, bijeenkomst=bijeenkomst).vereisen()
        pk = bestaand.pk
        bestaand.delete()
        events.bijeenkomst_afgemeld(actor=actor, bijeenkomst=bijeenkomst, aanmelding_pk=pk)
    return None


def verslag_publiceren(*, actor: User, bijeenkomst: Bijeenkomst, verslag: str) -> Bijeenkomst:
    """An officer publishes the report of a session that is over; followers and registered
    parties are told the first time. A later call with a new text updates it."""
    verslag = (verslag or "").strip()
    with transaction.atomic():
        bijeenkomst = (
            Bijeenkomst.objects.select_for_update(of=("self",))
            .select_related("traject__gemeente")
            .get(pk=bijeenkomst.pk)
        )
        traject = bijeenkomst.traject
        permissions.mag_verslag_publiceren(actor, traject).vereisen()
        if not traject.is_gepubliceerd:
            raise DomainError(_("Publish the trajectory first."))
        if timezone.now() < bijeenkomst.eindigt_op:
            raise DomainError(_("The report can be published once the session is over."))
        if not verslag:
            raise DomainError(_("Write the report first."))
        eerste_keer = bijeenkomst.verslag_gepubliceerd_op is None
        if not eerste_keer and bijeenkomst.verslag == verslag:
            return bijeenkomst
        bijeenkomst.verslag = verslag
        bijeenkomst.verslag_gepubliceerd_op = timezone.now()
        bijeenkomst.save(update_fields=["verslag", "verslag_gepubliceerd_op"])
        events.verslag_gepubliceerd(
            actor=actor, bijeenkomst=bijeenkomst, bijgewerkt=not eerste_keer
        )
        if eerste_keer:
            belanghebbenden_informeren(
                traject=traject,
                onderwerp=notifications.nederlands(
                    gettext_lazy("Report published: %(titel)s"), titel=bijeenkomst.titel
                ),
                template="trajecten/mail/dialoog_verslag.txt",
                context={"bijeenkomst": bijeenkomst},
                url=bijeenkomst.get_absolute_url(),
                behalve=(actor,),
            )
    return bijeenkomst


# Questions and the nota van inlichtingen


def _team_van(traject: Traject) -> list[User]:
    """The officers to tell about a question: the trajectory's team and its maker, if they
    are officers of its gemeente; otherwise every officer of the gemeente."""
    User = get_user_model()
    medewerkers = User.objects.filter(is_active=True, medewerkerschappen__gemeente=traject.gemeente)
    team = medewerkers.filter(
        Q(medewerkerschappen__teams__traject=traject) | Q(pk=traject.aangemaakt_door_id)
    ).distinct()
    return list(team) or list(medewerkers.distinct())


def vraag_stellen(
    *, actor: Any, traject: Traject, tekst: str, perceel: Perceel | None = None
) -> Vraag:
    """A logged-in visitor asks a question before the question deadline (the server clock
    decides, to the second). A double submission returns the first question."""
    tekst = (tekst or "").strip()
    permissions.mag_vraag_stellen(actor).vereisen()
    with transaction.atomic():
        # The trajectory row serialises questions and notas of one trajectory.
        traject = traject_vergrendeld(traject)
        permissions.vragen_open(traject, user=actor).vereisen()
        if not tekst:
            raise DomainError(_("Write your question."))
        if perceel is not None and perceel.traject_id != traject.pk:
            raise DomainError(_("This lot is not part of this trajectory."))
        dubbel = Vraag.objects.filter(
            traject=traject, gesteld_door=actor, tekst=tekst, nota__isnull=True
        ).first()
        if dubbel is not None:
            return dubbel
        vraag = Vraag.objects.create(
            traject=traject,
            perceel=Perceel.objects.get(pk=perceel.pk) if perceel is not None else None,
            gesteld_door=actor,
            tekst=tekst,
        )
        events.vraag_gesteld(actor=actor, vraag=vraag, perceel=perceel)
        url = reverse("trajecten:vragen", args=[traject.pk])
        for medewerker in _team_van(traject):
            notifications.notify(
                medewerker,
                onderwerp=notifications.nederlands(
                    gettext_lazy("New question: %(titel)s"), titel=traject.titel
                ),
                template="trajecten/mail/dialoog_vraag_gesteld.txt",
                context={"traject": traject, "vraag": vraag},
                url=url,
            )
    return vraag


def vraag_beantwoorden(*, actor: User, vraag: Vraag, antwoord: str) -> Vraag:
    """An officer answers a question, or changes the answer, until it is published in a nota."""
    antwoord = (antwoord or "").strip()
    with transaction.atomic():
        vraag = (
            Vraag.objects.select_for_update(of=("self",))
            .select_related("traject__gemeente")
            .get(pk=vraag.pk)
        )
        traject = vraag.traject
        permissions.mag_vraag_beantwoorden(actor, traject).vereisen()
        if vraag.nota_id is not None:
            raise DomainError(_("This answer is published in a nota and can no longer change."))
        if not antwoord:
            raise DomainError(_("Write the answer."))
        if vraag.antwoord == antwoord:
            return vraag
        vorige = VraagStatus.BEANTWOORD if vraag.antwoord else VraagStatus.OPEN
        vraag.antwoord = antwoord
        vraag.beantwoord_door = actor
        vraag.beantwoord_op = timezone.now()
        vraag.save(update_fields=["antwoord", "beantwoord_door", "beantwoord_op"])
        events.vraag_beantwoord(actor=actor, vraag=vraag, vorige=vorige)
    return vraag


def nota_publiceren(*, actor: User, traject: Traject) -> Nota:
    """Publish every answered, unpublished question of `traject` in one new numbered nota,
    to everyone at once, without the askers' names, with a PDF."""
    with transaction.atomic():
        # Locking the trajectory makes a double click wait, and then find nothing to publish.
        traject = traject_vergrendeld(traject)
        permissions.mag_nota_publiceren(actor, traject).vereisen()
        if not traject.is_gepubliceerd:
            raise DomainError(_("Publish the trajectory first."))
        if traject.actieve_fase not in FASE_STAAT_TOE["nota_publiceren"]:
            raise DomainError(_("In this phase no nota can be published."))
        vragen = list(
            Vraag.objects.select_for_update(of=("self",))
            .select_related("perceel")
            .filter(traject=traject, nota__isnull=True)
            .exclude(antwoord="")
            .order_by("gesteld_op", "id")
        )
        if not vragen:
            raise DomainError(_("There are no answered questions to publish."))
        nu = timezone.now()
        laatste_nota = (
            Nota.objects.filter(traject=traject)
            .order_by("-nummer")
            .values_list("nummer", flat=True)
        ).first()
        laatste_vraag = (
            Vraag.objects.filter(traject=traject, nummer__isnull=False)
            .order_by("-nummer")
            .values_list("nummer", flat=True)
        ).first()
        minimum = nota_minimum_dagen(traject)
        nota = Nota.objects.create(
            traject=traject,
            nummer=(laatste_nota or 0) + 1,
            gepubliceerd_op=nu,
            gepubliceerd_door=actor,
            minimum_dagen=minimum,
            te_laat=nota_te_laat(traject, op=nu),
        )
        for index, vraag in enumerate(vragen, start=(laatste_vraag or 0) + 1):
            vraag.nota = nota
            vraag.nummer = index
        Vraag.objects.bulk_update(vragen, ["nota", "nummer"])
        nota.document = nota_aanvragen(actor=actor, nota=nota, vragen=vragen)
        nota.save(update_fields=["document"])
        if traject.is_gepubliceerd:
            # The call lists "the Q&A so far": a new nota makes a new public version.
            uitvraag_aanvragen(
                actor=actor,
                traject=traject,
                aanleiding=UitvraagAanleiding.NOTA,
                openbaar=True,
            )
        events.nota_gepubliceerd(actor=actor, nota=nota, vragen=vragen)
        belanghebbenden_informeren(
            traject=traject,
            onderwerp=notifications.nederlands(
                gettext_lazy("Q&A note %(nummer)s published: %(titel)s"),
                nummer=nota.nummer,
                titel=traject.titel,
            ),
            template="trajecten/mail/dialoog_nota.txt",
            context={"nota": nota, "aantal": len(vragen)},
            url=reverse("trajecten:nota", args=[traject.pk, nota.nummer]),
            behalve=(actor,),
        )
    return nota
