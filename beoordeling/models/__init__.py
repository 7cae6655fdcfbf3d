"""Phase C: bids and their sealed vault, the committee, declarations and scores."""

from beoordeling.models.bod import Bijlage, Bod, BodVersie, KluisOpening
from beoordeling.models.commissie import Belangenverklaring, Beoordeling, Commissielid, Score

__all__ = [
    "Belangenverklaring",
    "Beoordeling",
    "Bijlage",
    "Bod",
    "BodVersie",
    "Commissielid",
    "KluisOpening",
    "Score",
]
