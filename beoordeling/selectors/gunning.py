"""Reads for the award (skeleton; built by the gunning part)."""


def brief_voor_bieder(bod):
    """The award letter sent to the bidder of `bod` (with its document), or None."""
    return None


def gepubliceerde_gunningen(traject):
    """The awards of `traject` whose letters were sent, for the trajectory page."""
    return []
