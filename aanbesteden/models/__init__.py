from .audit import AuditEvent
from .documents import Document
from .gemeente import Gemeente, Medewerker
from .notifications import Notificatie, UitgaandeMail, VerzondenHerinnering
from .users import User

__all__ = [
    "AuditEvent",
    "Document",
    "Gemeente",
    "Medewerker",
    "Notificatie",
    "UitgaandeMail",
    "User",
    "VerzondenHerinnering",
]
