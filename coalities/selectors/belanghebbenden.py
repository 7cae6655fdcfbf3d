"""Phase B's registered parties of a trajectory, for trajecten's notifications and reminders.

Trajecten may not import coalities, so coalities registers this source with
`trajecten.selectors.publicatie.belanghebbenden_bron_registreren` in its AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from coalities.constants import ACTIEVE_STATUSSEN, LidRol
from coalities.models import Lidmaatschap


def beheerders_van_betrokken_organisaties(traject_ids: Iterable[int]) -> set[tuple[int, int]]:
    """(traject_id, user_id) of the administrators of organisations that showed interest in a
    trajectory or are (invited) partners in one of its coalitions."""
    beheerders = Lidmaatschap.objects.filter(rol=LidRol.BEHEERDER)
    paren = set(
        beheerders.filter(organisatie__interesses__traject_id__in=traject_ids).values_list(
            "organisatie__interesses__traject_id", "user_id"
        )
    )
    paren.update(
        beheerders.filter(
            Q(organisatie__coalitiepartnerschappen__coalitie__traject_id__in=traject_ids)
            & Q(organisatie__coalitiepartnerschappen__status__in=ACTIEVE_STATUSSEN)
        ).values_list("organisatie__coalitiepartnerschappen__coalitie__traject_id", "user_id")
    )
    return paren
