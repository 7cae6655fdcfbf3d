"""Issue 14, the subsidy route: the dates the call states (Awb title 4.2).

The application period opens at publication and closes at `Traject.inschrijving_sluit`
(the elaborated plan's deadline when the call has two stages: applications are complete
at the final closing). The gemeente decides within its decision term
(`Gemeente.subsidie_beslistermijn_weken`, by default 8 weeks: art. 4:13 Awb) counted from
that closing; a term ending on a Saturday, Sunday or public holiday runs on to the next
working day (Algemene termijnenwet, `aanbesteden.termijnen`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from aanbesteden.termijnen import termijn_einde

if TYPE_CHECKING:
    from trajecten.models import Traject


def aanvragen_sluiten(traject: Traject) -> datetime | None:
    """The closing of the application period (the final stage's deadline)."""
    return traject.uitwerking_sluit or traject.inschrijving_sluit


def beslissen_uiterlijk(traject: Traject) -> date | None:
    """The last day of the decision term, or None while the closing is not planned."""
    sluit = aanvragen_sluiten(traject)
    if sluit is None:
        return None
    weken = traject.gemeente.subsidie_beslistermijn_weken
    return termijn_einde(timezone.localdate(sluit), weken * 7)
