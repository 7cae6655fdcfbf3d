"""The end of the standstill, for the reminder sweep.

On the procurement route the agreement may be signed from 00:00 Europe/Amsterdam on the
day after the standstill's last day. One day before that moment the officers of the
trajectory (its team, or else the officer who decided) are reminded that they may sign
from then, unless an objection is open. Recipients come with the decisions in two
queries: none per row.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from aanbesteden.deadlines import Deadline, DeadlineSource
from beoordeling.selectors import gunning as selectors


def _ontvangers(gunning):
    team = [lid.medewerker.user for lid in gunning.traject.team.all()]
    if team:
        return tuple({user.pk: user for user in team}.values())
    if gunning.besloten_door.is_active:
        return (gunning.besloten_door,)
    return ()


class StandstillSource(DeadlineSource):
    """The end of the standstill: the trajectory's officers, 1 day before."""

    naam = "beoordeling.standstill"
    herinneringen = (timedelta(days=1),)

    def deadlines(self, *, van, tot):
        for gunning in selectors.lopende_standstills(van=van, tot=tot):
            ontvangers = _ontvangers(gunning)
            if not ontvangers:
                continue
            traject = gunning.traject
            yield Deadline(
                sleutel=f"gunning:{gunning.pk}:standstill",
                moment=selectors.ondertekenen_vanaf(gunning),
                ontvangers=ontvangers,
                onderwerp=_("The standstill ends: %(titel)s, lot %(perceel)s")
                % {"titel": traject.titel, "perceel": gunning.perceel},
                template="beoordeling/mail/gunning_standstill.txt",
                url=reverse("beoordeling:gunning", args=[traject.pk]),
                context={
                    "traject": traject,
                    "perceel": gunning.perceel,
                    "standstill_tot": gunning.standstill_tot,
                    "heeft_open_bezwaar": gunning.heeft_open_bezwaar,
                },
                target=traject,
            )
