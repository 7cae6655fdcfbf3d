"""Reads for the conversations with bidders (skeleton; built by the gesprekken part)."""


def gesprek_voor_bieder(bod):
    """The planned (not cancelled) conversation about `bod` for its bidder's page, or None.
    Never the committee's notes."""
    return None
