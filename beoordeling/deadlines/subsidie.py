"""Issue 14: the end of the decision term of a subsidy tender, for the reminder sweep.

The gemeente decides on the applications within its decision term (by default 8 weeks
after the application period closes, art. 4:13 Awb; `trajecten.subsidie`). A week and a
day before the term ends, the trajectory's team (or else the officer who created it) is
reminded, as long as an application has no sent decision. Candidates and their team come
in two queries: none per row.
"""

from datetime import datetime, time, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbesteden.deadlines import Deadline, DeadlineSource
from beoordeling.constants import BodStatus
from beoordeling.models import Bod, Subsidiebesluit
from trajecten.constants import TrajectStatus
from trajecten.models import TeamLid, Traject
from trajecten.routes import SUBSIDIEPLAFOND, vormen_met
from trajecten.subsidie import beslissen_uiterlijk

# The longest decision term a gemeente can set (`Gemeente.subsidie_beslistermijn_weken`).
LANGSTE_TERMIJN = timedelta(weeks=53)


def open_subsidietrajecten(*, van, tot):
    """Published subsidy tenders whose application period closed between a year before
    `van` and `tot`, with an application that has no sent decision, with their team."""
    zonder_besluit = Bod.objects.filter(traject=OuterRef("pk"), status=BodStatus.INGEDIEND).filter(
        ~Exists(Subsidiebesluit.objects.filter(bod=OuterRef("pk"), verstuurd_op__isnull=False))
    )
    venster = Q(inschrijving_sluit__gte=van - LANGSTE_TERMIJN, inschrijving_sluit__lte=tot) | Q(
        uitwerking_sluit__gte=van - LANGSTE_TERMIJN, uitwerking_sluit__lte=tot
    )
    return (
        Traject.objects.filter(
            venster,
            vorm__in=vormen_met(SUBSIDIEPLAFOND),
            status=TrajectStatus.GEPUBLICEERD,
        )
        .filter(Exists(zonder_besluit))
        .select_related("gemeente", "aangemaakt_door")
        .prefetch_related(
            Prefetch(
                "team",
                queryset=TeamLid.objects.filter(medewerker__user__is_active=True)
                .select_related("medewerker__user")
                .order_by("id"),
            )
        )
    )


def einde_termijn(traject):
    """The end of the decision term's last day (00:00 Europe/Amsterdam the day after)."""
    dag = beslissen_uiterlijk(traject)
    if dag is None:
        return None
    return timezone.make_aware(datetime.combine(dag + timedelta(days=1), time.min))


def _ontvangers(traject):
    team = [lid.medewerker.user for lid in traject.team.all()]
    if team:
        return tuple({user.pk: user for user in team}.values())
    if traject.aangemaakt_door.is_active:
        return (traject.aangemaakt_door,)
    return ()


class SubsidieBeslistermijnSource(DeadlineSource):
    """The end of the decision term on subsidy applications: the team, 7 and 1 day before."""

    naam = "beoordeling.subsidie_beslistermijn"
    herinneringen = (timedelta(days=7), timedelta(days=1))

    def deadlines(self, *, van, tot):
        for traject in open_subsidietrajecten(van=van, tot=tot):
            moment = einde_termijn(traject)
            if moment is None or not van < moment <= tot:
                continue
            ontvangers = _ontvangers(traject)
            if not ontvangers:
                continue
            yield Deadline(
                sleutel=f"traject:{traject.pk}:subsidie_beslistermijn",
                moment=moment,
                ontvangers=ontvangers,
                onderwerp=_("Decide on the subsidy applications: %(titel)s")
                % {"titel": traject.titel},
                template="beoordeling/mail/subsidie_beslistermijn.txt",
                url=reverse("beoordeling:subsidie", args=[traject.pk]),
                context={"traject": traject, "laatste_dag": beslissen_uiterlijk(traject)},
                target=traject,
            )
