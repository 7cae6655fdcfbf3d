"""How the parts of a bid's content that are not plain text read (issue 14, point 4): the
answers to the municipality's own questions, each with its question, and the rough budget
of an outline bid. Pure: the content comes from `beoordeling.selectors.kluis`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from beoordeling.selectors import prijs as prijs_selectors

# The parts shown as pairs (question and answer; total and lines).
ALS_PAREN = ("vragen", "globale_begroting")


def paren_van(sleutel: str, waarde: Any) -> list[tuple[str, str]]:
    """The part `sleutel` of a bid's content as (label, text) pairs, in order."""
    if sleutel == "vragen" and isinstance(waarde, list):
        return [
            (str(rij.get("tekst", "")), str(rij.get("antwoord", "")) or "–")
            for rij in waarde
            if isinstance(rij, dict)
        ]
    if sleutel == "globale_begroting" and isinstance(waarde, dict):
        paren = []
        if waarde.get("totaal") not in (None, ""):
            paren.append((_("Total amount"), prijs_selectors.als_geld(waarde["totaal"])))
        if waarde.get("regels"):
            paren.append((_("Main costs"), str(waarde["regels"])))
        return paren
    return [(sleutel, str(waarde))]
