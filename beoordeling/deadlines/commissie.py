"""Deadlines of the selection committee, for the reminder sweep.

Members who have not submitted an assessment for every bid they may score (bids of an
opened vault without a conflict of interest) are reminded 7 days and 1 day before the
trajectory's assessment milestone (`traject.beoordeling_op`), once. Recipients are
gathered for all trajectories in the window at once: no queries per row.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from aanbesteden.deadlines import Deadline, DeadlineSource
from beoordeling.selectors.commissie import achterlopende_leden
from trajecten.constants import TrajectStatus
from trajecten.models import Traject


class BeoordelingOpSource(DeadlineSource):
    """Scoring due: committee members who are behind, 7 days and 1 day before."""

    naam = "beoordeling.commissie_beoordeling_op"
    herinneringen = (timedelta(days=7), timedelta(days=1))

    def deadlines(self, *, van, tot):
        trajecten = list(
            Traject.objects.filter(
                status=TrajectStatus.GEPUBLICEERD, beoordeling_op__gt=van, beoordeling_op__lte=tot
            ).select_related("gemeente")
        )
        achter = achterlopende_leden(t.pk for t in trajecten)
        for traject in trajecten:
            ontvangers = tuple(achter.get(traject.pk, ()))
            if not ontvangers:
                continue
            yield Deadline(
                sleutel=f"traject:{traject.pk}:commissie",
                moment=traject.beoordeling_op,
                ontvangers=ontvangers,
                onderwerp=_("Please finish your assessment: %(titel)s") % {"titel": traject.titel},
                template="beoordeling/mail/commissie_herinnering.txt",
                url=reverse("beoordeling:commissie_biedingen", args=[traject.pk]),
                context={"traject": traject},
                target=traject,
            )
