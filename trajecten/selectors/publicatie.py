"""Reads about publication: who is told when a trajectory changes."""

from django.contrib.auth import get_user_model
from django.db.models import Q


def belanghebbenden(traject):
    """Followers and registered parties of `traject`, each once, active accounts only.

    Registered parties: people registered for one of its sessions and people who
    asked a question. Issue 5 adds the organisations that showed interest.
    """
    from trajecten.models import Aanmelding, Volger, Vraag

    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(pk__in=Volger.objects.filter(traject=traject).values("user_id"))
            | Q(pk__in=Aanmelding.objects.filter(bijeenkomst__traject=traject).values("user_id"))
            | Q(pk__in=Vraag.objects.filter(traject=traject).values("gesteld_door_id"))
        )
        .order_by("pk")
    )
