"""Reads for the consensus meeting (skeleton; built by the consensus part)."""


def rangorde(traject, ronde):
    """{perceel_id: [Rang(bod, rang, totaal)]}: the ranking per lot from the consensus,
    by the published method. Empty while there is no consensus."""
    return {}
