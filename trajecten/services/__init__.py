"""Every write of phase A, one module per part:

opstellen   setting up a trajectory section by section, proportionality, phases
publicatie  the uitvraag (call) versions, publication, corrections, followers
dialoog     sessions and registrations, questions, answers and the nota
uitdaging   right-to-challenge proposals

Import from the module: `from trajecten.services import opstellen`.
"""

from __future__ import annotations

from trajecten.models import Traject


def traject_vergrendeld(traject: Traject) -> Traject:
    """The trajectory's row, locked for this transaction: every transition of a trajectory
    starts here, so that two requests at once are handled one after the other."""
    return (
        Traject.objects.select_for_update(of=("self",))
        .select_related("gemeente")
        .get(pk=traject.pk)
    )
