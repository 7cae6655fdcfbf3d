"""Deadlines of phase B, for the reminder sweep.

Pending invitations to a coalition: for each partner still invited in an open coalition
of a published trajectory, the invited organisation's administrators are reminded 7 days
and 1 day before the trajectory's bid deadline (`inschrijving_sluit`). Recipients are
gathered up front for all invitations in the window: no queries per row.

Registered in CoalitiesConfig.ready() with
`aanbesteden.deadlines.register(OpenUitnodigingenSource())`.
"""

from datetime import timedelta

from django.utils import translation
from django.utils.translation import gettext as _

from aanbesteden.deadlines import Deadline, DeadlineSource
from coalities.constants import LidRol, PartnerStatus
from coalities.models import CoalitiePartner, Lidmaatschap
from trajecten.constants import TrajectStatus


class OpenUitnodigingenSource(DeadlineSource):
    """An invitation to a coalition that still waits for an answer when bids close."""

    naam = "coalities.open_uitnodigingen"
    herinneringen = (timedelta(days=7), timedelta(days=1))

    def deadlines(self, *, van, tot):
        partners = list(
            CoalitiePartner.objects.filter(
                # Also while a submitted bid locks the coalition: the invitation can still
                # be answered, and stopping the reminders would tell that a bid was submitted
                # (issue 11, point 6). Not when it already accepted for the next version.
                status=PartnerStatus.UITGENODIGD,
                toegezegd_op__isnull=True,
                coalitie__traject__status=TrajectStatus.GEPUBLICEERD,
                coalitie__traject__inschrijving_sluit__gt=van,
                coalitie__traject__inschrijving_sluit__lte=tot,
            )
            .select_related("organisatie", "coalitie__traject")
            .order_by("pk")
        )
        beheerders = {}
        for lid in (
            Lidmaatschap.objects.filter(
                organisatie_id__in={p.organisatie_id for p in partners},
                rol=LidRol.BEHEERDER,
                user__is_active=True,
            )
            .select_related("user")
            .order_by("user_id")
        ):
            beheerders.setdefault(lid.organisatie_id, []).append(lid.user)
        for partner in partners:
            coalitie = partner.coalitie
            traject = coalitie.traject
            with translation.override("nl"):
                onderwerp = _("Your answer is awaited: invitation to the coalition %(naam)s") % {
                    "naam": coalitie.naam
                }
            yield Deadline(
                # A new invitation after a decline is a new deadline to be reminded of.
                sleutel=f"coalitiepartner:{partner.pk}:{int(partner.uitgenodigd_op.timestamp())}",
                moment=traject.inschrijving_sluit,
                ontvangers=tuple(beheerders.get(partner.organisatie_id, ())),
                onderwerp=onderwerp,
                template="coalities/mail/coalitie_herinnering.txt",
                url=coalitie.get_absolute_url(),
                context={
                    "coalitie": coalitie,
                    "traject": traject,
                    "partner": partner,
                    "organisatie": partner.organisatie,
                },
                target=coalitie,
            )


SOURCES = (OpenUitnodigingenSource,)
