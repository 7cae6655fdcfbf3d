"""Phase A: the trajectory and its frames, the dialogue, the call, right to challenge."""

from trajecten.models.buurtbudget import Bestedingsregels, Vertegenwoordiger
from trajecten.models.consultatie import Consultatie, Reactie
from trajecten.models.dialoog import Aanmelding, Bijeenkomst, Nota, Vraag
from trajecten.models.traject import (
    Criterium,
    Drempelwaarde,
    Eis,
    Perceel,
    Rectificatie,
    Schetsvraag,
    TeamLid,
    Toelichting,
    Traject,
    UitvraagVersie,
    Volger,
    Wijk,
)
from trajecten.models.uitdaging import Uitdaging

__all__ = [
    "Aanmelding",
    "Bestedingsregels",
    "Bijeenkomst",
    "Consultatie",
    "Criterium",
    "Drempelwaarde",
    "Eis",
    "Nota",
    "Perceel",
    "Reactie",
    "Rectificatie",
    "Schetsvraag",
    "TeamLid",
    "Toelichting",
    "Traject",
    "UitvraagVersie",
    "Uitdaging",
    "Volger",
    "Vertegenwoordiger",
    "Vraag",
    "Wijk",
]
