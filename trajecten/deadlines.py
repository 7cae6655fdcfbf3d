"""Deadlines of phase A, for the reminder sweep.

Published trajectories only. Followers and registered parties (people registered
for a session and people who asked a question) are reminded of the question
deadline and the two bid deadlines; the gemeente's team of the outline-bid
deadline as well; people registered for a session of its start. Recipients are
gathered up front for all deadlines in the window: no queries per row.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbesteden.deadlines import Deadline, DeadlineSource
from aanbesteden.models import Medewerker
from trajecten.constants import TrajectStatus, UitdagingStatus
from trajecten.models import Aanmelding, Bijeenkomst, Consultatie, Traject, Uitdaging
from trajecten.selectors.publicatie import belanghebbenden_per_traject


def _trajecten(veld, van, tot):
    return list(
        Traject.objects.filter(
            status=TrajectStatus.GEPUBLICEERD,
            **{f"{veld}__gt": van, f"{veld}__lte": tot},
        ).select_related("gemeente")
    )


class _MijlpaalSource(DeadlineSource):
    """A milestone of the trajectory that followers and registered parties are reminded of."""

    veld = ""
    template = ""
    herinneringen = (timedelta(days=7), timedelta(days=1))

    def onderwerp(self, traject):
        raise NotImplementedError

    def deadlines(self, *, van, tot):
        trajecten = _trajecten(self.veld, van, tot)
        belanghebbenden = belanghebbenden_per_traject(t.pk for t in trajecten)
        for traject in trajecten:
            yield Deadline(
                sleutel=f"traject:{traject.pk}",
                moment=getattr(traject, self.veld),
                ontvangers=tuple(belanghebbenden.get(traject.pk, ())),
                onderwerp=self.onderwerp(traject),
                template=self.template,
                url=traject.get_absolute_url(),
                context={"traject": traject},
                target=traject,
            )


class VragenSluitSource(_MijlpaalSource):
    """Questions close: followers and registered parties, 7 days and 1 day before."""

    naam = "trajecten.vragen_sluit"
    veld = "vragen_sluit"
    template = "trajecten/mail/vragen_sluit.txt"

    def onderwerp(self, traject):
        return _("Questions close soon: %(titel)s") % {"titel": traject.titel}


class UitwerkingSluitSource(_MijlpaalSource):
    """Elaborated bids close: followers and registered parties, 7 days and 1 day before."""

    naam = "trajecten.uitwerking_sluit"
    veld = "uitwerking_sluit"
    template = "trajecten/mail/uitwerking_sluit.txt"

    def onderwerp(self, traject):
        return _("Elaborated bids close soon: %(titel)s") % {"titel": traject.titel}


class InschrijvingSluitSource(DeadlineSource):
    """Outline bids close: the gemeente's team and, with their own message, the followers
    and registered parties, 7 days and 1 day before. An officer who also follows gets
    the team's message only.
    """

    naam = "trajecten.inschrijving_sluit"

    def deadlines(self, *, van, tot):
        trajecten = _trajecten("inschrijving_sluit", van, tot)
        teams = {}
        for medewerker in Medewerker.objects.filter(
            gemeente_id__in={t.gemeente_id for t in trajecten}, user__is_active=True
        ).select_related("user"):
            teams.setdefault(medewerker.gemeente_id, []).append(medewerker.user)
        belanghebbenden = belanghebbenden_per_traject(t.pk for t in trajecten)
        for traject in trajecten:
            team = tuple(teams.get(traject.gemeente_id, ()))
            onderwerp = _("Bids close soon: %(titel)s") % {"titel": traject.titel}
            yield Deadline(
                sleutel=f"traject:{traject.pk}",
                moment=traject.inschrijving_sluit,
                ontvangers=team,
                onderwerp=onderwerp,
                template="trajecten/mail/inschrijving_sluit.txt",
                url=traject.get_absolute_url(),
                context={"traject": traject},
                target=traject,
            )
            team_ids = {user.pk for user in team}
            yield Deadline(
                sleutel=f"traject:{traject.pk}:belanghebbenden",
                moment=traject.inschrijving_sluit,
                ontvangers=tuple(
                    user for user in belanghebbenden.get(traject.pk, ()) if user.pk not in team_ids
                ),
                onderwerp=onderwerp,
                template="trajecten/mail/inschrijving_sluit_belanghebbenden.txt",
                url=traject.get_absolute_url(),
                context={"traject": traject},
                target=traject,
            )


def _bijeenkomst_url(bijeenkomst):
    try:
        return bijeenkomst.get_absolute_url()
    except NoReverseMatch:  # the session page is not there: the trajectory's page is
        return bijeenkomst.traject.get_absolute_url()


class BijeenkomstSource(DeadlineSource):
    """A session starts: the people registered for it, 7 days and 1 day before."""

    naam = "trajecten.bijeenkomst"
    herinneringen = (timedelta(days=7), timedelta(days=1))

    def deadlines(self, *, van, tot):
        bijeenkomsten = list(
            Bijeenkomst.objects.filter(
                # Issue 14, point 1: a draft's sessions during its consultation too.
                Q(traject__status=TrajectStatus.GEPUBLICEERD)
                | Q(traject__consultatie__isnull=False),
                begint_op__gt=van,
                begint_op__lte=tot,
            ).select_related("traject__gemeente")
        )
        paren = list(
            Aanmelding.objects.bevestigd()
            .filter(bijeenkomst__in=bijeenkomsten)
            .order_by("user_id")
            .values_list("bijeenkomst_id", "user_id")
        )
        users = get_user_model().objects.filter(is_active=True).in_bulk({u for _b, u in paren})
        aangemeld = {}
        for bijeenkomst_id, user_id in paren:
            if user_id in users:
                aangemeld.setdefault(bijeenkomst_id, []).append(users[user_id])
        for bijeenkomst in bijeenkomsten:
            yield Deadline(
                sleutel=f"bijeenkomst:{bijeenkomst.pk}",
                moment=bijeenkomst.begint_op,
                ontvangers=tuple(aangemeld.get(bijeenkomst.pk, ())),
                onderwerp=_("Session soon: %(titel)s") % {"titel": bijeenkomst.titel},
                template="trajecten/mail/bijeenkomst.txt",
                url=_bijeenkomst_url(bijeenkomst),
                context={"traject": bijeenkomst.traject, "bijeenkomst": bijeenkomst},
                target=bijeenkomst.traject,
            )


class ConsultatieSluitSource(DeadlineSource):
    """Issue 14, point 1: the consultation of a draft closes. The officers of its gemeente,
    1 day and 1 hour before, to answer the reactions (the report goes with the call). Only
    consultations still open: one closed early or at publication is not reminded."""

    naam = "trajecten.consultatie_sluit"
    herinneringen = (timedelta(days=1), timedelta(hours=1))

    def deadlines(self, *, van, tot):
        consultaties = list(
            Consultatie.objects.filter(
                gesloten_op__isnull=True,
                traject__status=TrajectStatus.CONCEPT,
                sluit_op__gt=van,
                sluit_op__lte=tot,
            ).select_related("traject__gemeente")
        )
        teams = {}
        for medewerker in Medewerker.objects.filter(
            gemeente_id__in={c.traject.gemeente_id for c in consultaties}, user__is_active=True
        ).select_related("user"):
            teams.setdefault(medewerker.gemeente_id, []).append(medewerker.user)
        for consultatie in consultaties:
            traject = consultatie.traject
            yield Deadline(
                sleutel=f"consultatie:{consultatie.pk}",
                moment=consultatie.sluit_op,
                ontvangers=tuple(teams.get(traject.gemeente_id, ())),
                onderwerp=_("Consultation closes soon: %(titel)s") % {"titel": traject.titel},
                template="trajecten/mail/consultatie_sluit.txt",
                url=reverse("trajecten:consultatie_beheer", args=[traject.pk]),
                context={"traject": traject, "consultatie": consultatie},
                target=traject,
            )


# The moment on the last day of a right-to-challenge term that the reminders count back from.
UITDAGING_HERINNER_UUR = time(9, 0)


def uitdaging_termijn_moment(uitdaging: Uitdaging) -> datetime:
    """09:00 Dutch time on the last day of the proposal's decision term."""
    return timezone.make_aware(
        datetime.combine(uitdaging.beslist_uiterlijk, UITDAGING_HERINNER_UUR)
    )


class UitdagingTermijnSource(DeadlineSource):
    """The decision term of a right-to-challenge proposal ends (issue 14, point 3): the
    officers of its gemeente, 7 days and 1 day before (09:00 on the last day), while the
    proposal waits for a decision. Two queries for the whole window."""

    naam = "trajecten.uitdaging_termijn"
    herinneringen = (timedelta(days=7), timedelta(days=1))

    def deadlines(self, *, van, tot):
        uitdagingen = [
            uitdaging
            for uitdaging in Uitdaging.objects.filter(
                status__in=(UitdagingStatus.INGEDIEND, UitdagingStatus.MEER_INFORMATIE),
                beslist_uiterlijk__gte=timezone.localdate(van),
                beslist_uiterlijk__lte=timezone.localdate(tot),
            ).select_related("gemeente")
            if van < uitdaging_termijn_moment(uitdaging) <= tot
        ]
        medewerkers: dict[int, list] = {}
        for medewerker in (
            Medewerker.objects.filter(
                gemeente_id__in={u.gemeente_id for u in uitdagingen}, user__is_active=True
            )
            .select_related("user")
            .order_by("user_id")
        ):
            medewerkers.setdefault(medewerker.gemeente_id, []).append(medewerker.user)
        for uitdaging in uitdagingen:
            yield Deadline(
                sleutel=f"uitdaging:{uitdaging.pk}:{uitdaging.beslist_uiterlijk.isoformat()}",
                moment=uitdaging_termijn_moment(uitdaging),
                ontvangers=tuple(medewerkers.get(uitdaging.gemeente_id, ())),
                onderwerp=_("Decide on a right-to-challenge proposal: %(titel)s")
                % {"titel": uitdaging.titel},
                template="trajecten/mail/uitdaging_termijn.txt",
                url=uitdaging.get_absolute_url(),
                context={"uitdaging": uitdaging},
                target=uitdaging,
            )


SOURCES = (
    VragenSluitSource,
    InschrijvingSluitSource,
    UitwerkingSluitSource,
    BijeenkomstSource,
    ConsultatieSluitSource,
    UitdagingTermijnSource,
)
