"""Reads of the dialogue: sessions and registrations, questions, answers and notas.

Every read is scoped: the trajectory comes through `traject_voor(user, pk)`, so a
draft is invisible (404) to the public and to officers of another gemeente. The
asker of a question is never part of what a public page reads.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from trajecten import extensions
from trajecten.constants import EU_PROCEDURES
from trajecten.models import Aanmelding, Bijeenkomst, Nota, Traject, Vraag
from trajecten.permissions import mag_beheren
from trajecten.selectors import traject_voor, traject_zichtbaar_voor

# Sessions

# Only confirmed registrations count (issue 11, point 13).
TELT = Q(aanmeldingen__bevestigd_op__isnull=False)


def aantal_aanmeldingen() -> Count:
    """The annotation for the number of registrations that count, on a Bijeenkomst query."""
    return Count("aanmeldingen", filter=TELT)


def bijeenkomst_voor(user: Any, traject_pk: int, pk: int) -> Bijeenkomst:
    """One session of a trajectory this user may see (a draft's sessions while it is in
    consultation too); raises Bijeenkomst.DoesNotExist."""
    try:
        traject = traject_zichtbaar_voor(user, traject_pk)
    except Traject.DoesNotExist as exc:
        raise Bijeenkomst.DoesNotExist from exc
    bijeenkomst = (
        Bijeenkomst.objects.filter(traject=traject)
        .annotate(aantal_aanmeldingen=aantal_aanmeldingen())
        .get(pk=pk)
    )
    bijeenkomst.traject = traject
    return bijeenkomst


def vrije_plaatsen(bijeenkomst: Bijeenkomst) -> int | None:
    """Free places, or None when there is no limit. Needs `aantal_aanmeldingen` or counts."""
    if bijeenkomst.capaciteit is None:
        return None
    aantal = getattr(bijeenkomst, "aantal_aanmeldingen", None)
    if aantal is None:
        aantal = bijeenkomst.aanmeldingen.bevestigd().count()
    return max(bijeenkomst.capaciteit - aantal, 0)


def aanmelding_van(user: Any, bijeenkomst: Bijeenkomst) -> Aanmelding | None:
    """The confirmed registration of `user` for `bijeenkomst`, or None."""
    if not user.is_authenticated:
        return None
    return Aanmelding.objects.bevestigd().filter(bijeenkomst=bijeenkomst, user=user).first()


def aanmeldingen_voor_beheer(user: Any, bijeenkomst: Bijeenkomst) -> QuerySet[Aanmelding]:
    """The confirmed registrations of a session, for the officers of its gemeente only."""
    if not mag_beheren(user, bijeenkomst.traject):
        return Aanmelding.objects.none()
    return bijeenkomst.aanmeldingen.bevestigd().select_related("user").order_by("created_at", "id")


def aanmelding_met_token(token: Any) -> Aanmelding:
    """The registration the link in a confirmation mail points to, with its session and
    trajectory; raises Aanmelding.DoesNotExist. The token is the proof of the address."""
    return Aanmelding.objects.select_related("bijeenkomst__traject__gemeente").get(token=token)


def organisaties_van(user: Any) -> list[tuple[str, str]]:
    """[(key, name), ...] of the organisations `user` belongs to, by name; empty when
    anonymous. One query per source in `trajecten.extensions.ORGANISATIE_BRONNEN` (trajecten
    knows no organisations: coalities adds its memberships)."""
    if user is None or not user.is_authenticated:
        return []
    paren: dict[str, str] = {}
    for bron in extensions.ORGANISATIE_BRONNEN:
        for sleutel, naam in bron(user):
            paren.setdefault(sleutel, naam)
    return sorted(paren.items(), key=lambda paar: (paar[1].lower(), paar[0]))


# Questions and notas


def eigen_vragen(user: Any, traject: Traject) -> QuerySet[Vraag]:
    """The questions `user` asked about `traject`, with their nota."""
    if not user.is_authenticated:
        return Vraag.objects.none()
    return (
        Vraag.objects.filter(traject=traject, gesteld_door=user)
        .select_related("perceel", "nota")
        .order_by("gesteld_op", "id")
    )


def vragen_voor_beheer(user: Any, traject: Traject) -> QuerySet[Vraag]:
    """All questions of `traject`, for the officers of its gemeente only (else none).

    The asker is not read: officers answer the question, not the person.
    """
    if not mag_beheren(user, traject):
        return Vraag.objects.none()
    return (
        Vraag.objects.filter(traject=traject)
        .select_related("perceel", "nota")
        .order_by("nota__nummer", "nummer", "gesteld_op", "id")
    )


def vraag_voor_beheer(user: Any, traject: Traject, pk: int) -> Vraag:
    """One question of `traject` an officer may answer; raises Vraag.DoesNotExist."""
    return vragen_voor_beheer(user, traject).get(pk=pk)


def notas_van(traject: Traject) -> QuerySet[Nota]:
    """The published notas of a trajectory the caller already may see, with their PDF."""
    return (
        Nota.objects.filter(traject=traject)
        .select_related("document")
        .annotate(aantal_vragen=Count("vragen"))
        .order_by("nummer")
    )


def nota_voor(user: Any, traject_pk: int, nummer: int) -> Nota:
    """One nota with its numbered questions (asker not loaded); raises Nota.DoesNotExist."""
    try:
        traject = traject_voor(user, traject_pk)
    except Traject.DoesNotExist as exc:
        raise Nota.DoesNotExist from exc
    nota = (
        Nota.objects.filter(traject=traject)
        .select_related("document")
        .prefetch_related(
            Prefetch(
                "vragen",
                queryset=Vraag.objects.select_related("perceel")
                .only(
                    "pk",
                    "nota_id",
                    "nummer",
                    "tekst",
                    "antwoord",
                    "perceel__nummer",
                    "perceel__naam",
                )
                .order_by("nummer"),
            )
        )
        .get(nummer=nummer)
    )
    nota.traject = traject
    return nota


def nota_minimum_dagen(traject: Traject) -> int:
    """Days the last nota must come before a bid deadline: the gemeente's own rule per route
    (issue 13, rule 18: a municipal rule, stricter than the legal minimum of 6 days in EU
    procedures, 4 when accelerated)."""
    gemeente = traject.gemeente
    if traject.procedure in EU_PROCEDURES:
        return gemeente.nvi_minimum_dagen_eu
    return gemeente.nvi_minimum_dagen_nationaal


def nota_deadline(traject: Traject, *, op: datetime | None = None) -> datetime | None:
    """The bid deadline a nota published at `op` (default: now) is measured against: the
    first of the two stage deadlines (outline bids, elaborated bids) still ahead, or the
    last one when both passed; None without a bid deadline."""
    op = op or timezone.now()
    deadlines = [d for d in (traject.inschrijving_sluit, traject.uitwerking_sluit) if d]
    if not deadlines:
        return None
    return next((d for d in deadlines if op < d), deadlines[-1])


def nota_uiterlijk_op(traject: Traject, *, op: datetime | None = None) -> datetime | None:
    """The last moment a nota is on time by the municipal rule, or None without a bid
    deadline; measured against the stage deadline ahead at `op` (default: now).

    Counted on the Amsterdam wall clock: ten days before 12:00 is 12:00, also across
    a change of summer time.
    """
    deadline = nota_deadline(traject, op=op)
    if deadline is None:
        return None
    return timezone.localtime(deadline) - timedelta(days=nota_minimum_dagen(traject))


def nota_te_laat(traject: Traject, *, op: datetime | None = None) -> bool:
    """Whether a nota published at `op` (default: now) is later than the municipal rule
    before the stage deadline ahead."""
    op = op or timezone.now()
    uiterlijk = nota_uiterlijk_op(traject, op=op)
    if uiterlijk is None:
        return False
    return op > uiterlijk
