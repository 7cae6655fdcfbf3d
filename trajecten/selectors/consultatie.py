"""Reads of the consultation of a draft call (issue 14, point 1).

A draft is public only while it is in consultation, and only through these selectors: the
public draft page (`traject_in_consultatie`) and its sessions (`traject_zichtbaar_voor`).
Every other draft stays invisible (404) to the public, as `traject_voor` keeps it. Public
reads never load who reacted; no read for a page loads an e-mail address.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from trajecten import inhoud
from trajecten.models import Bijeenkomst, Consultatie, Reactie, Traject
from trajecten.permissions import mag_beheren
from trajecten.selectors.dialoog import aantal_aanmeldingen


def traject_in_consultatie(pk: int) -> Traject:
    """A trajectory that has (or had) a consultation, with it; raises Traject.DoesNotExist
    for every other one, so a draft that is not in consultation never shows."""
    return (
        Traject.objects.select_related("gemeente", "consultatie")
        .filter(consultatie__isnull=False)
        .get(pk=pk)
    )


def concept_inhoud(traject: Traject) -> dict[str, Any]:
    """The draft's content as it is now, for its public page: the sections of the call,
    without the team and the internal explanations, and without the report (which is
    published with the call)."""
    snapshot = inhoud.snapshot(traject, met_consultatie=False)
    for sleutel in ("team", "toelichtingen"):
        snapshot.pop(sleutel, None)
    return snapshot


def sessies(traject: Traject) -> QuerySet[Bijeenkomst]:
    """The sessions of a trajectory with the number of registrations that count."""
    return (
        Bijeenkomst.objects.filter(traject=traject)
        .annotate(aantal_aanmeldingen=aantal_aanmeldingen())
        .order_by("begint_op", "id")
    )


def eigen_reacties(user: Any, consultatie: Consultatie) -> QuerySet[Reactie]:
    """The confirmed reactions `user` sent, without the answers: those are published in the
    report with the call, for everyone at once."""
    if not user.is_authenticated:
        return Reactie.objects.none()
    return (
        consultatie.reacties.bevestigd()
        .filter(user=user)
        .only("id", "sectie", "tekst", "ingediend_op", "consultatie_id")
        .order_by("ingediend_op", "id")
    )


def reacties_voor_beheer(user: Any, traject: Traject) -> QuerySet[Reactie]:
    """The confirmed reactions of the trajectory's consultation, for the officers of its
    gemeente only (else none), with the name the person gave; never the e-mail address."""
    if not mag_beheren(user, traject):
        return Reactie.objects.none()
    return (
        Reactie.objects.bevestigd()
        .filter(consultatie__traject=traject)
        .defer("token")
        .order_by("sectie", "ingediend_op", "id")
    )


def reactie_voor_beheer(user: Any, traject: Traject, pk: int) -> Reactie:
    """One confirmed reaction an officer may answer; raises Reactie.DoesNotExist."""
    return reacties_voor_beheer(user, traject).get(pk=pk)


def reactie_met_token(token: Any) -> Reactie:
    """The reaction the link in a confirmation mail points to; raises Reactie.DoesNotExist."""
    return Reactie.objects.select_related("consultatie__traject__gemeente").get(token=token)
