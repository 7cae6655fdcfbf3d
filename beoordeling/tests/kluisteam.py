"""Issue 13, rule 2: only officers in the trajectory's team open its vault. Tests put the
officers who open a vault into the team with `in_team`."""

from aanbesteden.models import Medewerker
from trajecten.constants import TeamRol
from trajecten.models import TeamLid


def in_team(traject, *users, rol=TeamRol.BELEID):
    """Make each of `users` (officers of the trajectory's gemeente) a team member."""
    for user in users:
        medewerker = Medewerker.objects.get(user=user, gemeente_id=traject.gemeente_id)
        TeamLid.objects.get_or_create(traject=traject, medewerker=medewerker, defaults={"rol": rol})
