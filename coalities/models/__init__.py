"""Phase B: organisations, the partner board, coalitions."""

from coalities.models.coalitie import Coalitie, CoalitiePartner
from coalities.models.organisatie import Lidmaatschap, Organisatie, Uitnodiging
from coalities.models.partnerbord import (
    Bericht,
    Gesprek,
    Interesse,
    Onafhankelijkheidsverklaring,
    Sleutelpartij,
    TrajectUitnodiging,
)

__all__ = [
    "Bericht",
    "Coalitie",
    "CoalitiePartner",
    "Gesprek",
    "Interesse",
    "Lidmaatschap",
    "Onafhankelijkheidsverklaring",
    "Organisatie",
    "Sleutelpartij",
    "TrajectUitnodiging",
    "Uitnodiging",
]
