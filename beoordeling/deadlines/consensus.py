"""Deadlines of the consensus meeting, for the reminder sweep.

The committee members and the officer who planned it are reminded of a planned meeting
whose consensus is not closed yet, 1 day and 2 hours before (on the Amsterdam wall
clock), once. Recipients are gathered for all meetings in the window at once: two
queries, however many meetings or members.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from aanbesteden.deadlines import Deadline, DeadlineSource
from beoordeling.models import Commissielid, ConsensusOverleg


class ConsensusOverlegSource(DeadlineSource):
    """The consensus meeting: the committee and the planning officer, 1 day and 2 hours
    before."""

    naam = "beoordeling.consensusoverleg"
    herinneringen = (timedelta(days=1), timedelta(hours=2))

    def deadlines(self, *, van, tot):
        overleggen = list(
            ConsensusOverleg.objects.filter(
                gepland_op__gt=van, gepland_op__lte=tot, vastgesteld_op__isnull=True
            )
            .select_related("traject__gemeente", "aangemaakt_door")
            .order_by("gepland_op", "pk")
        )
        if not overleggen:
            return
        leden = {}
        for lid in Commissielid.objects.filter(
            traject_id__in={o.traject_id for o in overleggen}, user__is_active=True
        ).select_related("user"):
            leden.setdefault(lid.traject_id, []).append(lid.user)
        for overleg in overleggen:
            ontvangers = {u.pk: u for u in leden.get(overleg.traject_id, [])}
            if overleg.aangemaakt_door.is_active:
                ontvangers.setdefault(overleg.aangemaakt_door_id, overleg.aangemaakt_door)
            if not ontvangers:
                continue
            traject = overleg.traject
            yield Deadline(
                sleutel=f"consensusoverleg:{overleg.pk}",
                moment=overleg.gepland_op,
                ontvangers=tuple(ontvangers.values()),
                onderwerp=_("Reminder: consensus meeting for %(titel)s") % {"titel": traject.titel},
                template="beoordeling/mail/consensus_herinnering.txt",
                url=reverse("beoordeling:consensus_ronde", args=[traject.pk, overleg.ronde]),
                context={"traject": traject, "locatie": overleg.locatie},
                target=traject,
            )
