"""Phase C: bids and their sealed vault, the committee, declarations and scores."""

from beoordeling.models.afronding import (
    Bezwaar,
    Bodgesprek,
    Consensusbevestiging,
    ConsensusOordeel,
    ConsensusOverleg,
    ConsensusScore,
    Gespreksnotitie,
    Gunning,
    Gunningsbrief,
    VervallenCriterium,
)
from beoordeling.models.bod import Bijlage, Bod, BodVersie, KluisOpening
from beoordeling.models.buurtbudget import Betrokkenheid, Offerte, Opdracht, Verplichting
from beoordeling.models.commissie import (
    Belangenverklaring,
    Beoordeling,
    Commissielid,
    Geheimhoudingsverklaring,
    Score,
)
from beoordeling.models.convenant import Convenant, ConvenantAkkoord, ConvenantVersie
from beoordeling.models.subsidie import Subsidiebesluit
from beoordeling.models.vergoeding import Ontwikkelvergoeding

__all__ = [
    "Convenant",
    "ConvenantAkkoord",
    "ConvenantVersie",
    "Bezwaar",
    "Bodgesprek",
    "Consensusbevestiging",
    "ConsensusOordeel",
    "ConsensusOverleg",
    "ConsensusScore",
    "Gespreksnotitie",
    "Gunning",
    "Gunningsbrief",
    "Belangenverklaring",
    "Beoordeling",
    "Betrokkenheid",
    "Bijlage",
    "Bod",
    "BodVersie",
    "Commissielid",
    "Geheimhoudingsverklaring",
    "KluisOpening",
    "Ontwikkelvergoeding",
    "Score",
    "Subsidiebesluit",
    "Offerte",
    "Opdracht",
    "Score",
    "Verplichting",
    "VervallenCriterium",
]
