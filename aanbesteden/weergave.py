"""How the platform writes moments and amounts in text, once for every app.

Pages use the template filters (`date`, `floatformat`); these are for text that is
made in Python: PDF contexts, notification subjects, stored text, reasons of findings.
Moments are shown on the Europe/Amsterdam wall clock.
"""

from decimal import Decimal

from django.utils import formats, timezone, translation

MOMENT = "l j F Y, H:i"


def moment(waarde, formaat=MOMENT, *, nl=False):
    """`waarde` (an aware datetime) in Dutch time, e.g. "maandag 28 december 2026, 12:00".

    Empty for None. With `nl=True` in Dutch words whatever the active language
    (for stored text and notification subjects, which are Dutch).
    """
    if waarde is None:
        return ""
    lokaal = timezone.localtime(waarde)
    if nl:
        with translation.override("nl"):
            return formats.date_format(lokaal, formaat)
    return formats.date_format(lokaal, formaat)


def geld(bedrag):
    """An amount as Dutch readers expect it: € 180.000,00. Empty for None."""
    if bedrag is None:
        return ""
    bedrag = Decimal(bedrag).quantize(Decimal("0.01"))
    return "€ " + formats.number_format(bedrag, decimal_pos=2, use_l10n=True, force_grouping=True)
