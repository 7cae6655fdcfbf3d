"""Social return as a condition of the agreement (issue 14, point 8).

The call states it: a percentage of the contract value, from a threshold, both stored on
the trajectory (copied from the gemeente when it is set up). A lot whose value reaches
the threshold carries the condition into its agreement; it is not a step of a bid.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from aanbesteden import weergave

if TYPE_CHECKING:
    from trajecten.models import Perceel, Traject


def heeft_voorwaarde(traject: Traject) -> bool:
    """Whether the call sets social return as a condition at all."""
    return bool(traject.sroi_percentage)


def geldt_voor(traject: Traject, perceel: Perceel) -> bool:
    """Whether the condition holds for the agreement of `perceel`: its budget (or the
    trajectory's value) reaches the threshold; without a threshold, for every lot."""
    if not heeft_voorwaarde(traject):
        return False
    if traject.sroi_drempel is None:
        return True
    waarde = perceel.budget if perceel.budget is not None else traject.waarde
    return waarde is not None and Decimal(waarde) >= traject.sroi_drempel


def _procent(waarde: Decimal) -> str:
    tekst = format(Decimal(waarde).normalize(), "f")
    return tekst.replace(".", ",")


def voorwaarde(traject: Traject, percelen: Any = None) -> str:
    """The sentence the call prints, e.g. "Social return is a condition in the agreement:
    5% of the contract value, from € 250.000,00." Empty without a condition. With
    `percelen` (the lots, read already), it names the lots it holds for."""
    if not heeft_voorwaarde(traject):
        return ""
    if traject.sroi_drempel:
        tekst = _(
            "Social return is a condition in the agreement: %(procent)s%% of the contract "
            "value, from %(drempel)s."
        ) % {
            "procent": _procent(traject.sroi_percentage),
            "drempel": weergave.geld(traject.sroi_drempel),
        }
    else:
        tekst = _(
            "Social return is a condition in the agreement: %(procent)s%% of the contract value."
        ) % {"procent": _procent(traject.sroi_percentage)}
    if percelen is not None and traject.sroi_drempel:
        nummers = [str(p.nummer) for p in percelen if geldt_voor(traject, p)]
        if nummers:
            tekst += " " + _("This holds for lot(s): %(nummers)s.") % {
                "nummers": ", ".join(nummers)
            }
        else:
            tekst += " " + _("No lot reaches this value now.")
    return tekst
