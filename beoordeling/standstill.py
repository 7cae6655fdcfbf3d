"""The standstill of the award: its last day and the first moment of signing.

Pure functions of a decision's dates, so that the permissions (`mag_ondertekenen`), the
selectors, the letter and the reminder compute the same moment.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from aanbesteden.termijnen import termijn_einde
from trajecten.routes import GUNNINGSBRIEVEN, route_van

if TYPE_CHECKING:
    from beoordeling.models import Gunning
    from trajecten.models import Traject

# The standstill: at least 20 calendar days from the day after sending (the last day
# inclusive; Aanbestedingswet 2012 art. 2.127), extended by the Algemene termijnenwet.
STANDSTILL_DAGEN = 20


def heeft_standstill(traject: Traject) -> bool:
    """Only a route with award letters (procurement) has a standstill before signing
    (`trajecten.routes`)."""
    return route_van(traject).heeft(GUNNINGSBRIEVEN)


def met_brieven(traject: Traject) -> bool:
    """Only a route with award letters sends them. The subsidy route decides per
    application instead (`beoordeling.services.subsidie`); its award is refused."""
    return route_van(traject).heeft(GUNNINGSBRIEVEN)


def standstill_einddatum(verstuurd_op: datetime) -> date:
    """The last day of the standstill for letters sent at `verstuurd_op`: sent on the
    Amsterdam date D, the standstill runs D+1 .. D+20, and on to the next working day when
    D+20 is a Saturday, Sunday or public holiday (`aanbesteden.termijnen`, the Atw)."""
    return termijn_einde(timezone.localdate(verstuurd_op), STANDSTILL_DAGEN)


def verschoven_van(gunning: Gunning) -> date | None:
    """Day 20 after sending when the standstill moved past it (a Saturday, Sunday or public
    holiday: the Atw), else None."""
    if gunning.standstill_tot is None or gunning.verstuurd_op is None:
        return None
    dag = timezone.localdate(gunning.verstuurd_op) + timedelta(days=STANDSTILL_DAGEN)
    return dag if dag != gunning.standstill_tot else None


def ondertekenen_vanaf(gunning: Gunning) -> datetime | None:
    """The first moment the agreement may be signed: 00:00 Europe/Amsterdam on the day
    after the standstill's last day; None when there is no standstill (or not sent)."""
    if gunning.standstill_tot is None:
        return None
    dag = gunning.standstill_tot + timedelta(days=1)
    return timezone.make_aware(datetime.combine(dag, time.min))
