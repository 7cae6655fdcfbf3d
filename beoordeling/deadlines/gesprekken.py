"""Deadlines of conversations with bidders, for the reminder sweep.

A planned (not cancelled) conversation is reminded 1 day and 2 hours before it, once per
person: to the bidder's people (with a link to their bid page) and, separately, to the
committee members without a conflict for that bid and the officer who planned it (with
a link to the list of conversations; the subject is not in their message, since a member
may not have signed the declaration yet). Recipients are gathered for all conversations
in the window at once: no queries per row.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from aanbesteden.deadlines import Deadline, DeadlineSource
from beoordeling.constants import BodStatus
from beoordeling.models import Bodgesprek
from beoordeling.selectors.gesprekken import herinnering_ontvangers


class BodgesprekSource(DeadlineSource):
    """A conversation with a bidder: 1 day and 2 hours before."""

    naam = "beoordeling.bodgesprek"
    herinneringen = (timedelta(days=1), timedelta(hours=2))

    def deadlines(self, *, van, tot):
        gesprekken = list(
            Bodgesprek.objects.filter(
                geannuleerd_op__isnull=True,
                gepland_op__gt=van,
                gepland_op__lte=tot,
                bod__status=BodStatus.INGEDIEND,
            )
            .select_related(
                "bod__traject__gemeente", "bod__perceel", "bod__organisatie", "gepland_door"
            )
            .order_by("gepland_op", "pk")
        )
        ontvangers = herinnering_ontvangers(gesprekken)
        for gesprek in gesprekken:
            bod = gesprek.bod
            traject = bod.traject
            bieder, commissie = ontvangers.get(gesprek.pk, ((), ()))
            context = {
                "traject": traject,
                "perceel": bod.perceel,
                "bod": bod,
                "locatie": gesprek.locatie,
                "toelichting": gesprek.toelichting,
            }
            if bieder:
                yield Deadline(
                    sleutel=f"bodgesprek:{gesprek.pk}:bieder",
                    moment=gesprek.gepland_op,
                    ontvangers=bieder,
                    onderwerp=_("Reminder: conversation about your bid for %(titel)s")
                    % {"titel": traject.titel},
                    template="beoordeling/mail/gesprek_herinnering_bieder.txt",
                    url=reverse("beoordeling:bod", args=[bod.pk]),
                    context=context,
                    target=gesprek,
                )
            if commissie:
                yield Deadline(
                    sleutel=f"bodgesprek:{gesprek.pk}:commissie",
                    moment=gesprek.gepland_op,
                    ontvangers=commissie,
                    onderwerp=_("Reminder: conversation with %(bieder)s (%(titel)s)")
                    % {"bieder": bod.organisatie.naam, "titel": traject.titel},
                    template="beoordeling/mail/gesprek_herinnering.txt",
                    url=reverse("beoordeling:gesprekken", args=[traject.pk]),
                    context=context,
                    target=gesprek,
                )
