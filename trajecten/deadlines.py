"""Deadlines of phase A, for the reminder sweep."""

from django.utils.translation import gettext as _

from aanbesteden.deadlines import Deadline, DeadlineSource
from aanbesteden.models import Medewerker
from trajecten.constants import TrajectStatus
from trajecten.models import Traject


class InschrijvingSluitSource(DeadlineSource):
    """Bids close: the gemeente's team is reminded 7 days and 1 day before.

    Issue 4 adds followers and registered parties as recipients.
    """

    naam = "trajecten.inschrijving_sluit"

    def deadlines(self, *, van, tot):
        trajecten = list(
            Traject.objects.filter(
                status=TrajectStatus.GEPUBLICEERD,
                inschrijving_sluit__gt=van,
                inschrijving_sluit__lte=tot,
            ).select_related("gemeente")
        )
        teams = {}
        for medewerker in Medewerker.objects.filter(
            gemeente_id__in={t.gemeente_id for t in trajecten}, user__is_active=True
        ).select_related("user"):
            teams.setdefault(medewerker.gemeente_id, []).append(medewerker.user)
        for traject in trajecten:
            yield Deadline(
                sleutel=f"traject:{traject.pk}",
                moment=traject.inschrijving_sluit,
                ontvangers=tuple(teams.get(traject.gemeente_id, ())),
                onderwerp=_("Bids close soon: %(titel)s") % {"titel": traject.titel},
                template="trajecten/mail/inschrijving_sluit.txt",
                url=traject.get_absolute_url(),
                context={"traject": traject},
                target=traject,
            )
