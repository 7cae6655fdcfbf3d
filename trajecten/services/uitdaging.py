"""Right to challenge: residents or entrepreneurs propose to take over a task (issue 4, item 8).

    uitdaging_indienen               a logged-in person submits a proposal
    uitdaging_meer_informatie_vragen the officer asks for more information
    uitdaging_aanvullen              the proposer answers that question
    uitdaging_accepteren             the officer accepts it and chooses the route: a draft
                                     trajectory of that form (issue 14, point 3)
    uitdaging_afwijzen               the officer declines it, with reasons

Every transition locks the proposal, checks who acts and the state (the rules in
`trajecten.permissions`), writes one audit event (`trajecten.events`) and notifies the
other side (mail after commit, through notify()).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanbesteden import notifications, termijnen, weergave
from aanbesteden.exceptions import DomainError
from aanbesteden.models import Gemeente, User
from trajecten import events, permissions, routes
from trajecten.constants import UitdagingStatus
from trajecten.models import Traject, Uitdaging, Wijk
from trajecten.services import opstellen

S = UitdagingStatus

# From which states each answer may be given: the rule lives in trajecten.permissions.
TOEGESTAAN = permissions.UITDAGING_STAAT_TOE

# An identical proposal by the same person within this time is a double click.
DUBBEL_BINNEN = timedelta(minutes=1)


def _medewerkers(gemeente: Gemeente, *, behalve: User | None = None) -> QuerySet[User]:
    """The officers of `gemeente`: they receive new proposals and supplements."""
    qs = User.objects.filter(medewerkerschappen__gemeente=gemeente, is_active=True).distinct()
    if behalve is not None:
        qs = qs.exclude(pk=behalve.pk)
    return qs.order_by("pk")


def _onderwerp(onderwerp: Any, uitdaging: Uitdaging) -> str:
    """Subjects are Dutch, like the mails (whatever the language of the acting person)."""
    with translation.override("nl"):
        return str(onderwerp) % {"titel": uitdaging.titel}


def _informeer_medewerkers(
    uitdaging: Uitdaging, *, onderwerp: Any, template: str, actor: User
) -> None:
    for user in _medewerkers(uitdaging.gemeente, behalve=actor):
        notifications.notify(
            user,
            onderwerp=_onderwerp(onderwerp, uitdaging),
            template=template,
            context={"uitdaging": uitdaging},
            url=uitdaging.get_absolute_url(),
        )


def _informeer_indiener(
    uitdaging: Uitdaging, *, onderwerp: Any, template: str, extra: dict | None = None
) -> None:
    notifications.notify(
        uitdaging.indiener,
        onderwerp=_onderwerp(onderwerp, uitdaging),
        template=template,
        context={"uitdaging": uitdaging, **(extra or {})},
        url=uitdaging.get_absolute_url(),
    )


def beslistermijn_einde(gemeente: Gemeente, ontvangen: Any) -> Any:
    """The last day the municipality decides on a proposal received on `ontvangen`: the term
    of its participation bylaw in weeks, counted as a statutory term (Atw)."""
    return termijnen.termijn_einde(ontvangen, gemeente.uitdaging_beslistermijn_weken * 7)


def _locked(uitdaging: Uitdaging) -> Uitdaging:
    return (
        Uitdaging.objects.select_for_update()
        .select_related("gemeente", "indiener")
        .get(pk=uitdaging.pk)
    )


def _check_state(uitdaging: Uitdaging, actie: str) -> None:
    permissions.uitdaging_staat_toe(uitdaging, actie).vereisen()


def _required(tekst: str | None, message: str) -> str:
    tekst = (tekst or "").strip()
    if not tekst:
        raise DomainError(message)
    return tekst


def _max_lengte(model: Any, veld: str) -> int:
    return int(model._meta.get_field(veld).max_length)


def _check_lengte(uitdaging: Uitdaging) -> None:
    """Each supplement makes the proposal longer: it must still fit its own field and, once
    turned into a trajectory, the trajectory's task (which quotes it with the other answers)."""
    if len(uitdaging.wat) > _max_lengte(Uitdaging, "wat") or len(
        opgave_uit(uitdaging)
    ) > _max_lengte(Traject, "opgave"):
        raise DomainError(
            _("With this answer your proposal becomes too long. Make your answer shorter.")
        )


def uitdaging_indienen(
    *,
    actor: Any,
    gemeente: Gemeente,
    titel: str,
    wat: str,
    waar: str,
    waarom: str,
    wie: str,
    nodig: str,
) -> Uitdaging:
    """Submit a proposal. A second identical one within a minute returns the first."""
    permissions.mag_uitdaging_indienen(actor).vereisen()
    waarden = {
        "titel": titel,
        "wat": wat,
        "waar": waar,
        "waarom": waarom,
        "wie": wie,
        "nodig": nodig,
    }
    waarden = {
        key: _required(value, _("Fill in every question of the form."))
        for key, value in waarden.items()
    }
    with transaction.atomic():
        # One submission per person at a time: the lock makes the duplicate check safe.
        User.objects.select_for_update().filter(pk=actor.pk).first()
        dubbel = (
            Uitdaging.objects.filter(
                indiener=actor,
                gemeente=gemeente,
                created_at__gte=timezone.now() - DUBBEL_BINNEN,
                **waarden,
            )
            .order_by("-created_at")
            .first()
        )
        if dubbel is not None:
            return dubbel
        uitdaging = Uitdaging.objects.create(
            gemeente=gemeente,
            indiener=actor,
            beslist_uiterlijk=beslistermijn_einde(gemeente, timezone.localdate()),
            **waarden,
        )
        events.uitdaging_ingediend(actor=actor, uitdaging=uitdaging)
        _informeer_medewerkers(
            uitdaging,
            onderwerp=gettext_lazy("New right-to-challenge proposal: %(titel)s"),
            template="trajecten/mail/uitdaging_ingediend.txt",
            actor=actor,
        )
        _informeer_indiener(
            uitdaging,
            onderwerp=gettext_lazy("We have received your proposal: %(titel)s"),
            template="trajecten/mail/uitdaging_ontvangen.txt",
        )
    return uitdaging


def uitdaging_aanvullen(*, actor: User, uitdaging: Uitdaging, aanvulling: str) -> Uitdaging:
    """The proposer answers the municipality's question; the original text stays visible."""
    aanvulling = _required(aanvulling, _("Write your answer to the question."))
    with transaction.atomic():
        uitdaging = _locked(uitdaging)
        permissions.mag_uitdaging_aanvullen(actor, uitdaging).vereisen()
        _check_state(uitdaging, "aanvullen")
        # Stored text of a Dutch proposal: always in Dutch, whatever the page's language.
        nu = weergave.moment(timezone.now(), "j F Y, H:i", nl=True)
        uitdaging.wat = (
            f"{uitdaging.wat}\n\nAanvulling van {nu}\n"
            f"Vraag van de gemeente: {uitdaging.reactie}\n\n{aanvulling}"
        )
        _check_lengte(uitdaging)
        vorige_vraag = uitdaging.reactie
        uitdaging.reactie = ""
        uitdaging.status = S.INGEDIEND
        # The term stands still while the municipality waits for the answer (as Awb art.
        # 4:15 does for an application): the days waited are added to it.
        if uitdaging.beslist_uiterlijk is not None and uitdaging.beantwoord_op is not None:
            gewacht = timezone.localdate() - timezone.localdate(uitdaging.beantwoord_op)
            uitdaging.beslist_uiterlijk = termijnen.volgende_werkdag(
                uitdaging.beslist_uiterlijk + gewacht
            )
        uitdaging.save(
            update_fields=["wat", "reactie", "status", "beslist_uiterlijk", "gewijzigd_op"]
        )
        events.uitdaging_aangevuld(
            actor=actor, uitdaging=uitdaging, vraag=vorige_vraag, aanvulling=aanvulling
        )
        _informeer_medewerkers(
            uitdaging,
            onderwerp=gettext_lazy("A proposal has been supplemented: %(titel)s"),
            template="trajecten/mail/uitdaging_aangevuld.txt",
            actor=actor,
        )
        _informeer_indiener(
            uitdaging,
            onderwerp=gettext_lazy("We have received your answer: %(titel)s"),
            template="trajecten/mail/uitdaging_aanvulling_ontvangen.txt",
        )
    return uitdaging


def _beantwoorden(
    *, actor: User, uitdaging: Uitdaging, actie: str, naar: str, reactie: str
) -> tuple[Uitdaging, str]:
    """The common part of the officer's three answers. Runs inside the caller's transaction."""
    uitdaging = _locked(uitdaging)
    permissions.mag_uitdaging_beantwoorden(actor, uitdaging).vereisen()
    _check_state(uitdaging, actie)
    van = uitdaging.status
    uitdaging.status = naar
    uitdaging.reactie = reactie
    uitdaging.beantwoord_door = actor
    uitdaging.beantwoord_op = timezone.now()
    return uitdaging, van


ANTWOORD_VELDEN = ["status", "reactie", "beantwoord_door", "beantwoord_op", "gewijzigd_op"]


def uitdaging_meer_informatie_vragen(*, actor: User, uitdaging: Uitdaging, vraag: str) -> Uitdaging:
    vraag = _required(vraag, _("Write the question for the proposer."))
    with transaction.atomic():
        uitdaging, van = _beantwoorden(
            actor=actor,
            uitdaging=uitdaging,
            actie="meer_informatie_vragen",
            naar=S.MEER_INFORMATIE,
            reactie=vraag,
        )
        uitdaging.save(update_fields=ANTWOORD_VELDEN)
        events.uitdaging_beantwoord(actor=actor, uitdaging=uitdaging, van=van)
        _informeer_indiener(
            uitdaging,
            onderwerp=gettext_lazy(
                "The municipality has a question about your proposal: %(titel)s"
            ),
            template="trajecten/mail/uitdaging_meer_informatie.txt",
        )
    return uitdaging


def uitdaging_afwijzen(*, actor: User, uitdaging: Uitdaging, reden: str) -> Uitdaging:
    reden = _required(reden, _("Give the reasons for declining the proposal."))
    with transaction.atomic():
        uitdaging, van = _beantwoorden(
            actor=actor,
            uitdaging=uitdaging,
            actie="afwijzen",
            naar=S.AFGEWEZEN,
            reactie=reden,
        )
        uitdaging.save(update_fields=ANTWOORD_VELDEN)
        events.uitdaging_beantwoord(actor=actor, uitdaging=uitdaging, van=van)
        _informeer_indiener(
            uitdaging,
            onderwerp=gettext_lazy("Answer to your proposal: %(titel)s"),
            template="trajecten/mail/uitdaging_afgewezen.txt",
        )
    return uitdaging


def opgave_uit(uitdaging: Uitdaging) -> str:
    """The task text of the new trajectory, composed from the proposal.

    Stored text that the officer edits further: always in Dutch. Who the proposers are
    (`wie`) stays out of it, because the trajectory becomes public.
    """
    delen = [
        "Voorstel uit het uitdaagrecht (right to challenge), ingediend op "
        + weergave.moment(uitdaging.created_at, "j F Y", nl=True)
        + ".",
        f"Wat zij willen doen:\n{uitdaging.wat}",
        f"Waar:\n{uitdaging.waar}",
        f"Waarom zij het beter of anders kunnen:\n{uitdaging.waarom}",
        f"Wat zij nodig hebben van de gemeente:\n{uitdaging.nodig}",
    ]
    return "\n\n".join(delen)


def _wijk_voor(gemeente: Gemeente, naam: str) -> Wijk:
    """The district named `naam` in `gemeente` (case-insensitive), created when missing."""
    naam = naam.strip()[: Wijk._meta.get_field("naam").max_length]
    wijk = Wijk.objects.filter(gemeente=gemeente, naam__iexact=naam).order_by("pk").first()
    if wijk is None:
        wijk, _created = Wijk.objects.get_or_create(gemeente=gemeente, naam=naam)
    return wijk


def uitdaging_accepteren(*, actor: User, uitdaging: Uitdaging, vorm: str) -> Uitdaging:
    """Accept the proposal and choose its route (`routes.UITDAGING_ROUTES`): a new draft
    trajectory of that form, pre-filled from the proposal and linked to it
    (`Traject.uitdaging`). What later phases do on the chosen route runs in the same
    transaction (`extensions.UITDAGING_AANVAARD`: on the covenant route the proposer's
    organisation becomes the initiative). The proposer is told the route and what it means.
    """
    if vorm not in routes.UITDAGING_ROUTES:
        raise DomainError(
            _("Choose how to go on: a covenant, a subsidy tender or a call open to others."),
            veld="vorm",
        )
    from trajecten import extensions  # noqa: PLC0415  (extensions imports views, views this)

    with transaction.atomic():
        uitdaging, van = _beantwoorden(
            actor=actor,
            uitdaging=uitdaging,
            actie="accepteren",
            naar=S.OMGEZET,
            reactie="",
        )
        traject = opstellen.traject_aanmaken(
            actor=actor,
            gemeente=uitdaging.gemeente,
            titel=uitdaging.titel,
            opgave=opgave_uit(uitdaging),
            wensbeeld=uitdaging.wat,
            vorm=vorm,
        )
        traject.wijken.add(_wijk_voor(uitdaging.gemeente, uitdaging.waar))
        uitdaging.traject = traject
        uitdaging.gekozen_vorm = vorm
        uitdaging.save(update_fields=[*ANTWOORD_VELDEN, "traject", "gekozen_vorm"])
        events.uitdaging_beantwoord(actor=actor, uitdaging=uitdaging, van=van, traject=traject)
        extra: dict[str, Any] = {"route": routes.route_van(vorm=vorm)}
        for stap in extensions.UITDAGING_AANVAARD:
            extra.update(stap(actor=actor, uitdaging=uitdaging, traject=traject) or {})
        _informeer_indiener(
            uitdaging,
            onderwerp=gettext_lazy("Your proposal is accepted: %(titel)s"),
            template="trajecten/mail/uitdaging_omgezet.txt",
            extra=extra,
        )
    return uitdaging
