"""Reads about publication: the call's versions, corrections, followers and who is told."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aanbesteden.constants import DocumentStatus
from aanbesteden.models import User
from trajecten import extensions, inhoud
from trajecten.constants import FASE_STAAT_TOE, TrajectStatus
from trajecten.models import (
    Aanmelding,
    Reactie,
    Rectificatie,
    Traject,
    UitvraagVersie,
    Volger,
    Vraag,
)
from trajecten.permissions import mag_beheren
from trajecten.proportionaliteit import open_bevindingen
from trajecten.selectors.opstellen import ontbrekende_onderdelen


def _volgers(traject_ids: Iterable[int]) -> Iterable[tuple[int, int]]:
    return Volger.objects.filter(traject_id__in=traject_ids).values_list("traject_id", "user_id")


def _aangemeld(traject_ids: Iterable[int]) -> Iterable[tuple[int, int]]:
    # Unconfirmed registrations are anyone's claim on an address: they get no news.
    return (
        Aanmelding.objects.bevestigd()
        .filter(bijeenkomst__traject_id__in=traject_ids)
        .values_list("bijeenkomst__traject_id", "user_id")
    )


def _vragenstellers(traject_ids: Iterable[int]) -> Iterable[tuple[int, int]]:
    return Vraag.objects.filter(traject_id__in=traject_ids).values_list(
        "traject_id", "gesteld_door_id"
    )


def _reageerders(traject_ids: Iterable[int]) -> Iterable[tuple[int, int]]:
    # Issue 14, point 1: who reacted to the draft in consultation (confirmed reactions only).
    return (
        Reactie.objects.bevestigd()
        .filter(consultatie__traject_id__in=traject_ids)
        .values_list("consultatie__traject_id", "user_id")
    )


# Who counts as a registered party: these four, and the sources later phases add to
# `trajecten.extensions.BELANGHEBBENDEN_BRONNEN`. Each source takes trajectory ids and gives
# (traject_id, user_id) pairs.
_EIGEN_BRONNEN = (_volgers, _aangemeld, _vragenstellers, _reageerders)


def belanghebbenden_per_traject(traject_ids: Iterable[int]) -> dict[int, list[User]]:
    """{traject_id: [user, ...]}: followers and registered parties of many trajectories at
    once, each person once per trajectory, active accounts only, ordered by pk.

    One query per source plus one for the users, whatever the number of trajectories, so
    the reminder sweep never queries per trajectory.
    """
    ids = set(traject_ids)
    if not ids:
        return {}
    paren: set[tuple[int, int]] = set()
    for bron in (*_EIGEN_BRONNEN, *extensions.BELANGHEBBENDEN_BRONNEN):
        paren.update(bron(ids))
    users = get_user_model().objects.in_bulk({user_id for _traject_id, user_id in paren})
    per_traject: dict[int, list[User]] = {}
    for traject_id, user_id in sorted(paren):
        user = users.get(user_id)
        if user is not None and user.is_active:
            per_traject.setdefault(traject_id, []).append(user)
    return per_traject


def belanghebbenden(traject: Traject) -> list[User]:
    """Followers and registered parties of `traject`, each once: who is told what changes."""
    return belanghebbenden_per_traject([traject.pk]).get(traject.pk, [])


def volgt(user: Any, traject: Traject) -> bool:
    """Whether `user` follows `traject`: one query, none for an anonymous visitor."""
    if not user.is_authenticated:
        return False
    return traject.volgers.filter(user=user).exists()


def laatste_uitvraag(traject: Traject) -> UitvraagVersie | None:
    """The newest version of the call (public or not), with its document, or None."""
    return traject.uitvraagversies.select_related("document").order_by("-versie").first()


def uitvraagversies_voor(
    user: Any, traject: Traject, *, beheerder: Any = None
) -> QuerySet[UitvraagVersie]:
    """The versions of the call that `user` may see, newest first, with document and correction.

    Everyone sees the public versions; officers of the trajectory's gemeente also see
    the drafts made before publication. `traject` comes from a scoped selector.
    """
    if beheerder is None:
        beheerder = mag_beheren(user, traject)
    qs = traject.uitvraagversies.select_related("document", "rectificatie").order_by("-versie")
    if not beheerder:
        qs = qs.filter(openbaar=True)
    return qs


def rectificatie_van(traject: Traject, nummer: int) -> Rectificatie:
    """One published correction of `traject` (already scoped); raises Rectificatie.DoesNotExist."""
    return Rectificatie.objects.select_related("uitvraag_versie__document").get(
        traject=traject, nummer=nummer
    )


def _ontbrekende_onderdelen(traject: Traject) -> list[Any]:
    return list(ontbrekende_onderdelen(traject))


def _open_bevindingen(traject: Traject) -> list[Any]:
    return list(open_bevindingen(traject))


def _tekst(bevinding: Any) -> str:
    titel, reden = getattr(bevinding, "titel", ""), getattr(bevinding, "reden", "")
    return f"{titel}: {reden}" if titel and reden else str(titel or reden or bevinding)


def redenen_niet_publiceren(traject: Traject) -> list[str]:
    """Every reason why `traject` cannot be published now, as Dutch sentences (empty: it can).

    Checks the phase, the completeness of the sections, the proportionality findings
    that are neither solved nor explained, and the call: the newest version must be
    ready and made from the trajectory as it is now.
    """
    redenen: list[str] = []
    if traject.status != TrajectStatus.CONCEPT:
        return [_("This trajectory has already been published.")]
    if traject.actieve_fase not in FASE_STAAT_TOE["publiceren"]:
        redenen.append(
            _("The active phase (%(fase)s) does not allow publication.")
            % {"fase": traject.get_actieve_fase_display()}
        )
    for onderdeel in _ontbrekende_onderdelen(traject):
        redenen.append(str(onderdeel))
    for bevinding in _open_bevindingen(traject):
        if getattr(bevinding, "wet", ""):
            # Issue 13, rule 17: the law cannot be explained away.
            redenen.append(
                _("The law: %(bevinding)s (%(wet)s) Solve this.")
                % {"bevinding": _tekst(bevinding), "wet": bevinding.wet}
            )
            continue
        redenen.append(
            _("Proportionality: %(bevinding)s Solve this or explain it.")
            % {"bevinding": _tekst(bevinding)}
        )
    consultatie = inhoud.consultatie_van(traject)
    if consultatie is not None:
        # Issue 14, point 1: the report answers every reaction.
        open_reacties = consultatie.reacties.bevestigd().filter(antwoord="").count()
        if open_reacties:
            redenen.append(
                ngettext(
                    "%(aantal)s reaction to the draft has no answer yet: answer it first.",
                    "%(aantal)s reactions to the draft have no answer yet: answer them first.",
                    open_reacties,
                )
                % {"aantal": open_reacties}
            )
    uitvraag = laatste_uitvraag(traject)
    if uitvraag is None:
        redenen.append(_("There is no call (uitvraag) yet: make one first."))
    elif uitvraag.document.status != DocumentStatus.KLAAR:
        if uitvraag.document.status == DocumentStatus.DEFINITIEF_MISLUKT:
            redenen.append(_("The call (uitvraag) could not be made: make a new one."))
        else:
            redenen.append(_("The call (uitvraag) is still being made: try again in a minute."))
    elif uitvraag.inhoud_hash != inhoud.inhoud_hash(inhoud.snapshot(traject)):
        redenen.append(_("The call (uitvraag) is no longer up to date: make a new one."))
    return redenen
