"""The consensus meeting: an officer plans it, the chair (or an officer) records the
consensus per bid, and closes it once every opened bid of the stage is complete.

The members' own scores are never changed here: the consensus is kept beside them.
Every transition locks the trajectory's row first, so two requests at once are handled
one after the other and a double click never records anything twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aanbesteden import notifications, weergave
from aanbesteden.exceptions import DomainError
from beoordeling import events, permissions
from beoordeling.constants import BodStatus, Ronde
from beoordeling.models import (
    Bod,
    Commissielid,
    ConsensusOordeel,
    ConsensusOverleg,
    ConsensusScore,
)
from beoordeling.selectors import consensus as selectors
from beoordeling.selectors import kluis
from beoordeling.services.commissie import PRIJS_NIET_SCOREN, rang_controleren, waarde_op_schaal
from trajecten.models import Criterium
from trajecten.services import traject_vergrendeld

if TYPE_CHECKING:
    from aanbesteden.models import User
    from trajecten.models import Traject

GEPLAND_MAIL = "beoordeling/mail/consensus_gepland.txt"


def criterium_veld(criterium: Criterium) -> str:
    """The field a refusal about one criterion's consensus score belongs to
    (`DomainError.veld`): the score's field on the consensus form (prefix `c<pk>`)."""
    return f"c{criterium.pk}-waarde"


# --- planning ---------------------------------------------------------------------------


def consensusoverleg_plannen(
    *,
    actor: User,
    traject: Traject,
    ronde: str,
    gepland_op: datetime | None,
    locatie: str = "",
    ontvangen_op: datetime | None = None,
) -> ConsensusOverleg:
    """An officer plans the consensus meeting of a stage whose vault is opened, or moves it
    (the same call). The committee members get a message with the date, the time (Dutch
    time) and the place. Planning the same again changes nothing and sends nothing."""
    ronde = Ronde(ronde)
    locatie = " ".join((locatie or "").split())[:300]
    ontvangen_op = ontvangen_op or timezone.now()
    if gepland_op is None:
        raise DomainError(_("Choose the date and time of the meeting."))
    if gepland_op <= ontvangen_op:
        raise DomainError(_("Choose a moment in the future for the meeting."))
    with transaction.atomic():
        traject = traject_vergrendeld(traject)
        overleg = ConsensusOverleg.objects.filter(traject=traject, ronde=ronde).first()
        # Who, and not once closed (a meeting exists only for an opened vault).
        permissions.mag_consensusoverleg_plannen(actor, traject, overleg).vereisen()
        if not kluis.is_geopend(traject, ronde):
            raise DomainError(
                _("The vault of this stage is not opened yet: there is nothing to discuss.")
            )
        if overleg is not None and (overleg.gepland_op, overleg.locatie) == (gepland_op, locatie):
            return overleg
        verplaatst = overleg is not None
        van = weergave.moment(overleg.gepland_op, nl=True) if overleg is not None else ""
        if overleg is None:
            overleg = ConsensusOverleg(traject=traject, ronde=ronde, aangemaakt_door=actor)
        overleg.gepland_op = gepland_op
        overleg.locatie = locatie
        overleg.save()
        events.consensusoverleg_gepland(
            actor=actor,
            traject=traject,
            overleg=overleg,
            van=van,
            naar=weergave.moment(gepland_op, nl=True),
            verplaatst=verplaatst,
        )
        _melden(traject, overleg, verplaatst=verplaatst, van=van)
    return overleg


def _melden(traject: Traject, overleg: ConsensusOverleg, *, verplaatst: bool, van: str) -> None:
    leden = Commissielid.objects.filter(traject=traject, user__is_active=True).select_related(
        "user"
    )
    moment = weergave.moment(overleg.gepland_op, nl=True)
    with translation.override("nl"):
        if verplaatst:
            onderwerp = _("Consensus meeting moved: %(titel)s") % {"titel": traject.titel}
        else:
            onderwerp = _("Consensus meeting planned: %(titel)s") % {"titel": traject.titel}
        ronde = str(Ronde(overleg.ronde).label)
    url = reverse("beoordeling:consensus_ronde", args=[traject.pk, overleg.ronde])
    for lid in leden:
        notifications.notify(
            lid.user,
            onderwerp=onderwerp,
            template=GEPLAND_MAIL,
            context={
                "traject": traject,
                "ronde": ronde,
                "moment": moment,
                "van": van,
                "locatie": overleg.locatie,
                "verplaatst": verplaatst,
            },
            url=url,
        )


# --- recording --------------------------------------------------------------------------


def _overleg_open(traject: Traject, ronde: str) -> ConsensusOverleg:
    """The stage's meeting, locked; it must be planned and not closed."""
    overleg = (
        ConsensusOverleg.objects.select_for_update().filter(traject=traject, ronde=ronde).first()
    )
    permissions.overleg_open(overleg).vereisen()
    assert overleg is not None  # for mypy: overleg_open refuses None
    return overleg


def _begin(actor: User, bod: Bod) -> Traject:
    """Lock the trajectory, check the bid, the actor and the meeting. Returns the
    trajectory."""
    traject = traject_vergrendeld(bod.traject)
    if bod.status != BodStatus.INGEDIEND or not kluis.is_geopend(traject, bod.ronde):
        raise DomainError(_("This bid cannot be read yet."))
    permissions.mag_consensus_vastleggen(actor, traject, bod).vereisen()
    _overleg_open(traject, bod.ronde)
    return traject


def _waarde_controleren(
    criterium: Criterium, waarde: Any, niet_van_toepassing: bool, motivatie: str
) -> int | None:
    if not motivatie:
        raise DomainError(
            _("Write the motivation of the consensus for %(criterium)s.")
            % {"criterium": criterium.naam},
            veld=criterium_veld(criterium),
        )
    if niet_van_toepassing:
        return None
    bereik = {"criterium": criterium.naam, "min": criterium.schaal_min, "max": criterium.schaal_max}
    if waarde in (None, ""):
        raise DomainError(
            _('Choose a score for %(criterium)s from %(min)s to %(max)s, or "not applicable".')
            % bereik,
            veld=criterium_veld(criterium),
        )
    try:
        return waarde_op_schaal(criterium, waarde)
    except DomainError as exc:
        raise DomainError(str(exc), veld=criterium_veld(criterium)) from exc


def consensus_score_vastleggen(
    *,
    actor: User,
    bod: Bod,
    criterium: Criterium,
    waarde: Any = None,
    niet_van_toepassing: bool = False,
    motivatie: str = "",
) -> ConsensusScore:
    """The chair or an officer records the committee's agreed score of one bid on one
    criterion: a value on its scale, or "not applicable", always with a motivation.
    Recording the same again changes nothing."""
    if criterium.is_prijs:  # issue 13, rule 8: the formula's points, never an opinion
        raise DomainError(_(PRIJS_NIET_SCOREN), veld=criterium_veld(criterium))
    motivatie = (motivatie or "").strip()
    niet_van_toepassing = bool(niet_van_toepassing)
    waarde = _waarde_controleren(criterium, waarde, niet_van_toepassing, motivatie)
    with transaction.atomic():
        traject = _begin(actor, bod)
        if criterium.traject_id != traject.pk:
            raise DomainError(_("This criterion belongs to another trajectory."))
        score = ConsensusScore.objects.filter(bod=bod, criterium=criterium).first()
        nieuw = (waarde, niet_van_toepassing, motivatie)
        if score is not None and (score.waarde, score.niet_van_toepassing, score.motivatie) == (
            nieuw
        ):
            return score
        vorig = None
        if score is None:
            score = ConsensusScore(bod=bod, criterium=criterium)
        else:
            vorig = "nvt" if score.niet_van_toepassing else str(score.waarde)
        score.waarde, score.niet_van_toepassing, score.motivatie = nieuw
        score.vastgelegd_door = actor
        score.save()
        events.consensus_score_vastgelegd(
            actor=actor,
            traject=traject,
            bod=bod,
            criterium=criterium,
            vorig=vorig or "",
            waarde=waarde,
            niet_van_toepassing=niet_van_toepassing,
        )
    return score


def consensus_oordeel_vastleggen(
    *, actor: User, bod: Bod, oordeel: str, rang: Any = None
) -> ConsensusOordeel:
    """The chair or an officer records the committee's judgement of the whole bid and, for
    "quality only", its rank within its lot (1 to the number of opened bids of the lot,
    each rank once; empty: not yet). Recording the same again changes nothing."""
    oordeel = (oordeel or "").strip()
    if not oordeel:
        raise DomainError(_("Write the committee's judgement of this bid."))
    with transaction.atomic():
        traject = _begin(actor, bod)
        if selectors.is_kwaliteit(traject):
            rang = rang_controleren(bod, rang)
        else:
            rang = None  # the ranking follows from the weighted scores
        bestaand = ConsensusOordeel.objects.filter(bod=bod).first()
        if bestaand is not None and (bestaand.oordeel, bestaand.rang) == (oordeel, rang):
            return bestaand
        if rang is not None:
            bezet = (
                ConsensusOordeel.objects.filter(
                    bod__traject=traject,
                    bod__perceel=bod.perceel_id,
                    bod__ronde=bod.ronde,
                    rang=rang,
                )
                .exclude(bod=bod)
                .select_related("bod__organisatie")
                .first()
            )
            if bezet is not None:
                raise DomainError(
                    _("Rank %(rang)s is already given to %(naam)s. Give each rank once.")
                    % {"rang": rang, "naam": bezet.bod.organisatie.naam}
                )
        vorig = bestaand.rang if bestaand is not None else None
        if bestaand is None:
            bestaand = ConsensusOordeel(bod=bod)
        bestaand.oordeel, bestaand.rang = oordeel, rang
        bestaand.vastgelegd_door = actor
        bestaand.save()
        events.consensus_oordeel_vastgelegd(
            actor=actor, traject=traject, bod=bod, vorige_rang=vorig, rang=rang
        )
    return bestaand


def consensus_vastleggen(
    *,
    actor: User,
    bod: Bod,
    scores: Iterable[dict[str, Any]] = (),
    oordeel: str = "",
    rang: Any = None,
) -> None:
    """The consensus form of one bid in one go: every criterion that is filled in
    (`scores`: dicts with criterium, waarde, niet_van_toepassing, motivatie; one left
    entirely empty is skipped) and the judgement (skipped when it and the rank are empty).
    All or nothing: the first error (a DomainError, at the criterion's field
    `criterium_veld(criterium)` when it is about one) leaves everything as it was."""
    with transaction.atomic():
        for invoer in scores:
            leeg = (
                invoer.get("waarde") in (None, "")
                and not invoer.get("niet_van_toepassing")
                and not (invoer.get("motivatie") or "").strip()
            )
            if leeg:
                continue
            consensus_score_vastleggen(actor=actor, bod=bod, **invoer)
        if (oordeel or "").strip() or rang not in (None, ""):
            consensus_oordeel_vastleggen(actor=actor, bod=bod, oordeel=oordeel, rang=rang)


# --- closing ----------------------------------------------------------------------------


def consensus_vaststellen(*, actor: User, overleg: ConsensusOverleg) -> ConsensusOverleg:
    """The chair or an officer closes the consensus of the stage once every opened bid of
    it is complete (every criterion, the judgement, and for "quality only" the rank).
    After that nothing changes. Closing again returns the closed meeting."""
    with transaction.atomic():
        traject = traject_vergrendeld(overleg.traject)
        overleg = ConsensusOverleg.objects.select_for_update().get(pk=overleg.pk)
        permissions.mag_consensus_vaststellen(actor, traject).vereisen()
        if overleg.vastgesteld_op is not None:
            return overleg
        biedingen = list(kluis.geopende_biedingen(traject, overleg.ronde))
        if not biedingen:
            raise DomainError(_("There are no opened bids in this stage."))
        criteria = list(traject.criteria.all())
        scores_per_bod, oordelen = selectors.consensus_van([b.pk for b in biedingen])
        onvolledig = [
            b.organisatie.naam
            for b in biedingen
            if selectors.ontbrekend_voor(
                traject, criteria, b, scores_per_bod.get(b.pk, {}), oordelen.get(b.pk)
            )
        ]
        if onvolledig:
            raise DomainError(
                _("The consensus is not complete yet for: %(namen)s.")
                % {"namen": ", ".join(onvolledig)}
            )
        overleg.vastgesteld_op = timezone.now()
        overleg.vastgesteld_door = actor
        overleg.save(update_fields=["vastgesteld_op", "vastgesteld_door"])
        rangorde = selectors.rangschikken(traject, biedingen, criteria, scores_per_bod, oordelen)
        events.consensus_vastgesteld(
            actor=actor,
            traject=traject,
            overleg=overleg,
            rangorde={
                str(perceel_id): [
                    {
                        "bod": r.bod.pk,
                        "rang": r.rang,
                        "totaal": None if r.totaal is None else str(r.totaal),
                    }
                    for r in regels
                ]
                for perceel_id, regels in rangorde.items()
            },
        )
    return overleg
