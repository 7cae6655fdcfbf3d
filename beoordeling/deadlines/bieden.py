"""Deadlines of phase C, for the reminder sweep.

Bids: the administrators of a bidding organisation whose bid is still a draft are
reminded 7 days, 1 day and 2 hours before its stage closes. So are those of a bidder
invited to elaborate (the selection sent) that has not started its elaborated plan yet:
the reminder points to the outline bid, where they start it. Recipients are gathered up
front for all bids in the window: no queries per row.
"""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from aanbesteden.deadlines import Deadline, DeadlineSource
from beoordeling.constants import RONDE_DEADLINE, BodStatus, Ronde
from beoordeling.models import Bod
from coalities.constants import LidRol
from coalities.models import Lidmaatschap
from trajecten.constants import TrajectStatus


class BodConceptSource(DeadlineSource):
    """A stage closes while a bid is still a draft, or while an invited bidder has not
    started its elaborated plan: the administrators of the bidding organisation."""

    naam = "beoordeling.bod_concept"
    herinneringen = (timedelta(days=7), timedelta(days=1), timedelta(hours=2))

    def deadlines(self, *, van, tot):
        venster = Q()
        for ronde, veld in RONDE_DEADLINE.items():
            venster |= Q(ronde=ronde, **{f"traject__{veld}__gt": van, f"traject__{veld}__lte": tot})
        # Invited to elaborate, the selection sent, the elaborated plan not started.
        uitwerking = Bod.objects.filter(
            perceel_id=OuterRef("perceel_id"),
            organisatie_id=OuterRef("organisatie_id"),
            ronde=Ronde.UITWERKING,
        )
        niet_begonnen = Q(
            ~Exists(uitwerking),
            ronde=Ronde.HOOFDLIJNEN,
            status=BodStatus.INGEDIEND,
            uitgenodigd_voor_uitwerking=True,
            selectie_verstuurd_op__isnull=False,
            traject__uitwerking_sluit__gt=van,
            traject__uitwerking_sluit__lte=tot,
        )
        biedingen = list(
            Bod.objects.filter(
                (venster & Q(status=BodStatus.CONCEPT)) | niet_begonnen,
                traject__status=TrajectStatus.GEPUBLICEERD,
            )
            .select_related("traject", "perceel")
            .only(
                "pk",
                "ronde",
                "status",
                "organisatie_id",
                "traject__titel",
                "traject__inschrijving_sluit",
                "traject__uitwerking_sluit",
                "perceel__nummer",
                "perceel__naam",
            )
            .order_by("pk")
        )
        beheerders = defaultdict(list)
        for lidmaatschap in (
            Lidmaatschap.objects.filter(
                organisatie_id__in={bod.organisatie_id for bod in biedingen},
                rol=LidRol.BEHEERDER,
                user__is_active=True,
            )
            .select_related("user")
            .order_by("user_id")
        ):
            beheerders[lidmaatschap.organisatie_id].append(lidmaatschap.user)
        for bod in biedingen:
            traject = bod.traject
            if bod.status != BodStatus.CONCEPT:  # invited, the elaborated plan not started
                yield Deadline(
                    sleutel=f"uitnodiging:{bod.pk}",
                    moment=traject.uitwerking_sluit,
                    ontvangers=tuple(beheerders.get(bod.organisatie_id, ())),
                    onderwerp=_("Your elaborated plan is not started yet: %(titel)s")
                    % {"titel": traject.titel},
                    template="beoordeling/mail/selectie_herinnering.txt",
                    url=reverse("beoordeling:bod", args=[bod.pk]),
                    context={"traject": traject, "perceel": bod.perceel},
                    target=bod,
                )
                continue
            yield Deadline(
                sleutel=f"bod:{bod.pk}",
                moment=getattr(traject, RONDE_DEADLINE[bod.ronde]),
                ontvangers=tuple(beheerders.get(bod.organisatie_id, ())),
                onderwerp=_("Your bid is not submitted yet: %(titel)s") % {"titel": traject.titel},
                template="beoordeling/mail/bod_herinnering.txt",
                url=reverse("beoordeling:bod", args=[bod.pk]),
                context={"traject": traject, "perceel": bod.perceel},
                target=bod,
            )
